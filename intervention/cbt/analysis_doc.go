package cbt

import (
	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// analysisDoc is the course document's form of a FunctionalAnalysis: its
// fields, keys and order, with the text as itself. A FunctionalAnalysis's
// own JSON form redacts the text, so that json.Marshal of analyses (and
// slog's JSON handler on a list of them) never carries PHI; the course
// document, and the comparison that makes AddAnalysis idempotent, use this
// form. Key order is part of the contract (testdata/course.golden.json).
type analysisDoc struct {
	ID                   uuid.UUID         `json:"id"`
	On                   intervention.Date `json:"on"`
	Session              uuid.UUID         `json:"session,omitzero"`
	AfterUse             bool              `json:"afterUse"`
	Trigger              Trigger           `json:"trigger"`
	TriggerDetail        string            `json:"triggerDetail,omitzero"`
	Thoughts             string            `json:"thoughts,omitzero"`
	Feelings             string            `json:"feelings,omitzero"`
	Behavior             string            `json:"behavior"`
	PositiveConsequences []string          `json:"positiveConsequences,omitzero"`
	NegativeConsequences []string          `json:"negativeConsequences,omitzero"`
}

func (a FunctionalAnalysis) doc() analysisDoc {
	return analysisDoc{
		ID: a.ID, On: a.On, Session: a.Session, AfterUse: a.AfterUse, Trigger: a.Trigger,
		TriggerDetail: a.TriggerDetail.Reveal(), Thoughts: a.Thoughts.Reveal(), Feelings: a.Feelings.Reveal(),
		Behavior:             a.Behavior.Reveal(),
		PositiveConsequences: intervention.RevealTexts(a.PositiveConsequences),
		NegativeConsequences: intervention.RevealTexts(a.NegativeConsequences),
	}
}

func (d analysisDoc) analysis() FunctionalAnalysis {
	return FunctionalAnalysis{
		ID: d.ID, On: d.On, Session: d.Session, AfterUse: d.AfterUse, Trigger: d.Trigger,
		TriggerDetail: intervention.NewText(d.TriggerDetail), Thoughts: intervention.NewText(d.Thoughts),
		Feelings: intervention.NewText(d.Feelings), Behavior: intervention.NewText(d.Behavior),
		PositiveConsequences: intervention.NewTexts(d.PositiveConsequences),
		NegativeConsequences: intervention.NewTexts(d.NegativeConsequences),
	}
}
