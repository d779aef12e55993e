package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// contentHashDomain starts the bytes a content hash is computed over and
// versions their layout.
const contentHashDomain = "recoverykit/plan/content/v1\n"

// ErrContentMismatch means a plan document's content, or one of its
// signatures, does not match the content hash its revision recorded: the
// content was edited without a revision, or a signature was moved to
// content it did not sign.
var ErrContentMismatch = fmt.Errorf("plan: content does not match its revision's content hash: %w", intervention.ErrInconsistent)

// planContent is what a content hash covers: the plan's configuration and
// every element, in document form, and the components attached (by
// modality and ID; their records change without a revision). Reviews,
// signatures, session links and the revision log are about the content,
// not part of it.
type planContent struct {
	ID                uuid.UUID           `json:"id"`
	Patient           uuid.UUID           `json:"patient"`
	Jurisdiction      string              `json:"jurisdiction"`
	Setting           string              `json:"setting"`
	Admitted          time.Time           `json:"admitted"`
	End               intervention.Date   `json:"end"`
	TimeZone          string              `json:"timeZone"`
	LevelsOfCare      []levelDoc          `json:"levelsOfCare"`
	Problems          []problemDoc        `json:"problems"`
	Goals             []goalDoc           `json:"goals"`
	Objectives        []objectiveDoc      `json:"objectives"`
	Interventions     []Intervention      `json:"interventions"`
	Strengths         []strengthDoc       `json:"strengths"`
	DischargeCriteria []dischargeDoc      `json:"dischargeCriteria"`
	Participation     []Participation     `json:"participation"`
	Components        []attachedComponent `json:"components"`
}

// attachedComponent names an attached component.
type attachedComponent struct {
	Modality intervention.Modality `json:"modality"`
	ID       uuid.UUID             `json:"id"`
}

// contentHash returns the hex SHA-256 of the plan's content (planContent),
// the value a revision records in ContentHash and a signature repeats.
func (s *state) contentHash() string {
	c := planContent{
		ID: s.cfg.ID, Patient: s.cfg.Patient, Jurisdiction: s.cfg.Jurisdiction, Setting: s.cfg.Setting,
		Admitted: s.cfg.Admitted.UTC(), End: s.cfg.End, TimeZone: s.cfg.location().String(),
		LevelsOfCare: wire.List(wire.Map(s.levels, LevelOfCare.doc)), Problems: wire.List(wire.Map(s.problems, Problem.doc)),
		Goals: wire.List(wire.Map(s.goals, Goal.doc)), Objectives: wire.List(wire.Map(s.objectives, Objective.doc)),
		Interventions: wire.List(s.interventions), Strengths: wire.List(wire.Map(s.strengths, Strength.doc)),
		DischargeCriteria: wire.List(wire.Map(s.discharge, DischargeCriterion.doc)), Participation: wire.List(s.participation),
		Components: make([]attachedComponent, len(s.components)),
	}
	for i, comp := range s.components {
		c.Components[i] = attachedComponent{Modality: comp.Modality(), ID: comp.ID()}
	}
	// The document forms always encode (Marshal writes the same forms); were
	// one not to, b would be empty and the hash would match no document.
	b, _ := json.Marshal(c)
	sum := sha256.Sum256(append([]byte(contentHashDomain), b...))
	return hex.EncodeToString(sum[:])
}

// checkContent checks a decoded document's content hashes: once a revision
// records one, every later revision does, the last one matches the content
// as decoded, and every signature of a hashed revision repeats its hash.
// Documents written before content hashes existed carry none and pass.
func (s *state) checkContent() error {
	var errs []error
	hashed := false
	for i, r := range s.revisions {
		switch {
		case r.ContentHash != "":
			hashed = true
		case hashed:
			errs = append(errs, field(intervention.Index("revisions", i)+".contentHash", ErrContentMismatch))
		}
	}
	if n := len(s.revisions); hashed && n > 0 && s.revisions[n-1].ContentHash != s.contentHash() {
		errs = append(errs, field(intervention.Index("revisions", n-1)+".contentHash", ErrContentMismatch))
	}
	ix := s.index()
	for i, sig := range s.signatures {
		j, ok := ix.revisions[sig.Revision]
		if !ok {
			continue // validate reports it
		}
		if want := s.revisions[j].ContentHash; want != "" || sig.ContentHash != "" {
			if sig.ContentHash != want {
				errs = append(errs, field(intervention.Index("signatures", i)+".contentHash", ErrContentMismatch))
			}
		}
	}
	return errors.Join(errs...)
}
