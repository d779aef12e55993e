// Command ehr-embedding shows what a host EHR writes around the library:
// it persists a treatment plan as a JSON document with plan.Codec, keeps the
// contingency-management ledger in its own contingency.Store, restores the
// plan with a CM decoder closure over the ledger it reloads (which verifies
// the ledger's hash chain), shows that an edited or deleted ledger entry is
// detected and named by its sequence number, and extends the library with
// its own component type (modality "x-peer-coaching", with its own codec)
// and its own rule, checked with the default rules (reference:
// plans-and-interop.md §4; contingency.md §5; DESIGN.md, "The component
// contract").
//
//	go run ./examples/ehr-embedding               # the whole round trip
//	go run ./examples/ehr-embedding -tamper 9     # edit ledger entry 9 instead of 5
//	go run ./examples/ehr-embedding -json         # print the plan document the host stores
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "ehr-embedding:", err)
		os.Exit(1)
	}
}

// Fixed inputs keep the output reproducible: admission, when the ledger
// writes, and when the plan is checked.
var (
	admitted = time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC)
	ledgerAt = time.Date(2025, time.January, 31, 18, 0, 0, 0, time.UTC)
	checkAt  = time.Date(2025, time.February, 3, 12, 0, 0, 0, time.UTC)
)

// options are the parsed command-line flags.
type options struct {
	tamper   int
	showJSON bool
}

func parseFlags(out io.Writer, args []string) (options, bool, error) {
	fs := flag.NewFlagSet("ehr-embedding", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	tamper := fs.Int("tamper", 5, "sequence number of the ledger entry to edit and to delete in the tampering demonstration")
	showJSON := fs.Bool("json", false, "print the plan document the host stores, indented, instead of the walkthrough")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fmt.Fprintln(out, "usage: ehr-embedding [flags]")
			fs.PrintDefaults()
			return options{}, true, nil
		}
		return options{}, false, fmt.Errorf("%w (run with -h for usage)", err)
	}
	if fs.NArg() > 0 {
		return options{}, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return options{tamper: *tamper, showJSON: *showJSON}, false, nil
}

func run(out io.Writer, args []string) error {
	o, help, err := parseFlags(out, args)
	if err != nil || help {
		return err
	}
	ctx := context.Background()
	h, err := newHost(ctx)
	if err != nil {
		return err
	}
	if n := len(h.ledger.Entries()); o.tamper < 1 || o.tamper > n {
		return fmt.Errorf("-tamper: the ledger has entries 1 to %d", n)
	}

	// Save: the plan document goes to the host's plan table; the ledger's
	// entries are already in its contingency.Store.
	codec, err := codecFor(ctx, h.ledger)
	if err != nil {
		return err
	}
	doc, err := codec.Marshal(h.plan)
	if err != nil {
		return err
	}
	if o.showJSON {
		var indented bytes.Buffer
		if err := json.Indent(&indented, doc, "", "  "); err != nil {
			return err
		}
		_, err := fmt.Fprintln(out, indented.String())
		return err
	}
	printSaved(out, h, doc)

	// Restore, as a later request would: reload the ledger from the store
	// (NewLedger verifies its hash chain), then decode the plan with codecs
	// over that ledger.
	ledger, err := contingency.NewLedger(ctx, h.store, h.patient, ledgerOptions()...)
	if err != nil {
		return err
	}
	before := ledger.Version()
	codec, err = codecFor(ctx, ledger)
	if err != nil {
		return err
	}
	restored, err := codec.Unmarshal(doc)
	if err != nil {
		return err
	}
	again, err := codec.Marshal(restored)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "\n2. Restore")
	fmt.Fprintf(out, "   ledger reloaded from the store: %d entries, hash chain verified on load\n", before)
	fmt.Fprintf(out, "   plan decoded: %s; ledger version after decoding %d (the replay posted nothing)\n",
		restored.Status(), ledger.Version())
	fmt.Fprintf(out, "   re-encoded document identical to the stored one: %v\n", bytes.Equal(doc, again))
	_, err = (*plan.Codec)(nil).Unmarshal(doc)
	fmt.Fprintln(out, "   the zero Codec (built-in codecs only) refuses the document:")
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(out, "     %s\n", line)
	}

	fmt.Fprintln(out, "\n3. Tampering")
	if err := tampering(ctx, out, h, contingency.Version(o.tamper)); err != nil {
		return err
	}

	fmt.Fprintln(out, "\n4. Rules")
	return checkRules(out, h.plan, restored)
}

// host is what the EHR holds for one patient: the ledger store (its
// database), the ledger, and the plan built and activated in it.
type host struct {
	store        contingency.Store
	ledger       *contingency.Ledger
	plan         *plan.Plan
	patient      uuid.UUID
	cm           *contingency.Program
	coachingComp *coaching
}

// ledgerOptions are the ledger's options; the host passes the same ones
// whenever it opens the ledger.
func ledgerOptions() []contingency.Option {
	return []contingency.Option{
		contingency.WithClock(intervention.FixedClock(ledgerAt)),
		contingency.WithIDSource(intervention.SequentialIDs()),
		contingency.WithCaps(contingency.SAMHSA2025()),
	}
}

// newHost builds the story: a CM programme recording a month of urine
// results, the host's peer-coaching component with three contacts, and a
// plan that composes them, signed and active.
func newHost(ctx context.Context) (*host, error) {
	ids := intervention.SequentialIDs() // deterministic IDs; use intervention.NewRandomID in production
	next := func() uuid.UUID { id, _ := ids(); return id }
	h := &host{store: contingency.NewMemStore(), patient: next()}
	counsellor, coach := next(), next()
	var err error
	if h.ledger, err = contingency.NewLedger(ctx, h.store, h.patient, ledgerOptions()...); err != nil {
		return nil, err
	}
	start, _ := intervention.DateOf(admitted, time.UTC)
	cfg := contingency.HigginsProgram(start, contingency.RecoveryR1)
	if h.cm, err = contingency.NewProgram(next(), cfg, h.ledger); err != nil {
		return nil, err
	}
	for i, visit := range cfg.Calendar.Visits()[:12] { // Mon/Wed/Fri, 6 to 31 January
		status := contingency.ResultNegative
		if i == 6 {
			status = contingency.ResultPositive
		}
		if _, err := h.cm.Record(ctx, "staff-17", contingency.Result{SpecimenID: fmt.Sprintf("urine-%02d", i+1),
			CollectedAt: visit.In(time.UTC).Add(10 * time.Hour), Status: status}); err != nil {
			return nil, err
		}
	}
	h.coachingComp = &coaching{id: next(), patient: h.patient}
	for _, day := range []int{8, 13, 17} {
		h.coachingComp.contacts = append(h.coachingComp.contacts,
			contact{At: time.Date(2025, time.January, day, 16, 0, 0, 0, time.UTC), Minutes: 45, Coach: coach})
	}

	if h.plan, err = plan.New(plan.Config{ID: next(), Patient: h.patient, Jurisdiction: "US-MN", Setting: "outpatient",
		Admitted: admitted, Location: time.UTC}); err != nil {
		return nil, err
	}
	problem, goal, negative, contacts := next(), next(), next(), next()
	target := func(v int64, unit string) plan.Target {
		return plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(v), Unit: unit}
	}
	written := admitted.Add(5 * time.Hour)
	rev, _, err := h.plan.Edit(plan.Change{ID: next(), By: counsellor, At: written, Reason: plan.ReasonInitial},
		plan.AttachComponent(h.cm), plan.AttachComponent(h.coachingComp),
		plan.PutProblem(plan.Problem{ID: problem, Statement: intervention.NewText("Daily cocaine use"), Diagnoses: []plan.DiagnosisCode{"F14.20"},
			Evidence: []plan.Evidence{{Source: "urine-toxicology", Ref: next()}}}),
		plan.PutGoal(plan.Goal{ID: goal, Problem: problem, PatientWords: intervention.NewText("Stay clean and get my licence back"),
			Clinical: intervention.NewText("Sustained abstinence from cocaine")}),
		plan.PutObjective(plan.Objective{ID: negative, Goal: goal, Text: intervention.NewText("Three in four urine samples negative"),
			Measure: "cm.negative-share", Target: target(75, "percent"), Due: start.AddDays(84)}),
		plan.PutObjective(plan.Objective{ID: contacts, Goal: goal, Text: intervention.NewText("Meet the peer coach every week"),
			Measure: measureContacts, Target: target(12, "contacts"), Due: start.AddDays(84)}),
		plan.PutIntervention(plan.Intervention{ID: next(), Objectives: []uuid.UUID{negative}, Modality: h.cm.Modality(),
			Component: h.cm.ID(), Frequency: plan.Frequency{Count: 3, Per: plan.PerWeek}, Responsible: []uuid.UUID{counsellor}}),
		plan.PutIntervention(plan.Intervention{ID: next(), Objectives: []uuid.UUID{contacts}, Modality: coachingModality,
			Component: h.coachingComp.ID(), Frequency: plan.Frequency{Count: 1, Per: plan.PerWeek, Minutes: 45},
			Responsible: []uuid.UUID{coach}}),
		plan.PutStrength(plan.Strength{ID: next(), Text: intervention.NewText("Sister drives him to appointments")}),
		plan.PutDischargeCriterion(plan.DischargeCriterion{ID: next(), Text: intervention.NewText("Twelve weeks of negative urine"), Discussed: start}),
		plan.PutParticipation(plan.Participation{ID: next(), Person: h.patient, Role: intervention.RolePatient, On: start}),
		plan.SetLevelOfCare(plan.LevelOfCare{ID: next(), Edition: plan.ASAMThird, Level: "1",
			Dimensions: []plan.DimensionRating{{Dimension: 1, Rating: 0}, {Dimension: 2, Rating: 0}, {Dimension: 3, Rating: 1},
				{Dimension: 4, Rating: 2}, {Dimension: 5, Rating: 2}, {Dimension: 6, Rating: 1}},
			Driving: []int{4, 5}, Rationale: intervention.NewText("Ambivalent; relapse risk moderate"), AssessedOn: start, Assessor: counsellor}),
	)
	if err != nil {
		return nil, err
	}
	for _, s := range []plan.Signature{
		{ID: next(), Revision: rev.ID, Role: plan.SignerAuthor, Signer: counsellor, Credential: "LADC", Qualified: true, SignedAt: written},
		{ID: next(), Revision: rev.ID, Role: plan.SignerPatient, Signer: h.patient, SignedAt: written},
	} {
		if _, err := h.plan.Sign(s); err != nil {
			return nil, err
		}
	}
	if _, _, err := h.plan.Transition(plan.Change{ID: next(), By: counsellor, At: written.Add(time.Hour),
		Reason: plan.ReasonActivation}, plan.StatusActive); err != nil {
		return nil, err
	}
	return h, nil
}

// codecFor returns the host's plan codec for one patient: contingency
// management decoded by contingency.DecodeProgram against the patient's
// ledger (a closure over it; the programme encodes itself), and the host's
// own modality through its codec. Every other modality has a built-in codec.
func codecFor(ctx context.Context, ledger *contingency.Ledger) (*plan.Codec, error) {
	return plan.NewCodec(
		plan.WithComponentCodec(intervention.ModalityContingencyManagement, plan.ComponentCodec{
			Decode: func(doc json.RawMessage) (intervention.Component, error) {
				return contingency.DecodeProgram(ctx, doc, ledger)
			},
		}),
		plan.WithComponentCodec(coachingModality, coachingCodec()),
	)
}

// printSaved describes the stored document.
func printSaved(out io.Writer, h *host, doc []byte) {
	var shape struct {
		SchemaVersion string `json:"schemaVersion"`
		Components    []struct {
			Modality string          `json:"modality"`
			ID       string          `json:"id"`
			Document json.RawMessage `json:"document"`
		} `json:"components"`
	}
	_ = json.Unmarshal(doc, &shape) // doc is the codec's own output
	fmt.Fprintln(out, "EHR embedding: a plan saved as JSON, restored, tamper-checked and checked by host rules")
	fmt.Fprintln(out, "\n1. Save")
	fmt.Fprintf(out, "   plan %s: %d bytes, schemaVersion %s, status %s\n", h.plan.ID(), len(doc), shape.SchemaVersion, h.plan.Status())
	for i, c := range shape.Components {
		fmt.Fprintf(out, "   components[%d] %-23s %s  document %d bytes\n", i, c.Modality, c.ID, len(c.Document))
	}
	fmt.Fprintf(out, "   the ledger stays in the host's store: %d entries, balance $%s; last hash %.12s… kept beside the plan\n",
		len(h.ledger.Entries()), h.ledger.Balance(), h.ledger.Entries()[len(h.ledger.Entries())-1].Hash)
}

// editedStore is the host's store after someone changed one ledger row in
// the database: Load returns entry seq with $10.00 added to its amount.
type editedStore struct {
	contingency.Store
	seq contingency.Version
}

// Load returns the stored entries with entry s.seq edited.
func (s editedStore) Load(ctx context.Context, participant uuid.UUID, after contingency.Version) ([]contingency.Entry, contingency.Version, error) {
	entries, v, err := s.Store.Load(ctx, participant, after)
	entries = slices.Clone(entries)
	for i := range entries {
		if entries[i].Seq == s.seq {
			entries[i].Amount = entries[i].Amount.Add(contingency.Cents(1000))
		}
	}
	return entries, v, err
}

// tampering edits and deletes entry seq in copies of the ledger and shows
// that both are detected, by Verify on an export and by NewLedger on load;
// then that a dropped tail needs the last hash kept elsewhere.
func tampering(ctx context.Context, out io.Writer, h *host, seq contingency.Version) error {
	entries := h.ledger.Entries()
	i := int(seq) - 1
	edited := slices.Clone(entries)
	edited[i].Amount = edited[i].Amount.Add(contingency.Cents(1000))
	report := func(what string, err error) error {
		var verr *contingency.VerifyError
		if !errors.As(err, &verr) || !errors.Is(err, contingency.ErrTampered) {
			return fmt.Errorf("%s: want a verification error, got %w", what, err)
		}
		fmt.Fprintf(out, "   %s: entry %d fails, %s\n", what, verr.Seq, rule(verr.Err))
		return nil
	}
	what := fmt.Sprintf("Verify, entry %d (%s $%s) edited to $%s", seq, entries[i].Kind, entries[i].Amount, edited[i].Amount)
	if err := report(what, contingency.Verify(edited)); err != nil {
		return err
	}
	if i < len(entries)-1 { // deleting the last entry is a dropped tail: see below
		deleted := slices.Delete(slices.Clone(entries), i, i+1)
		if err := report(fmt.Sprintf("Verify, entry %d deleted", seq), contingency.Verify(deleted)); err != nil {
			return err
		}
	}
	_, err := contingency.NewLedger(ctx, editedStore{h.store, seq}, h.patient, ledgerOptions()...)
	if err := report(fmt.Sprintf("NewLedger, entry %d edited in the store", seq), err); err != nil {
		return err
	}
	fmt.Fprintln(out, "   (each error matches contingency.ErrTampered: the host restores nothing from that ledger)")

	// A chain cannot show that its last entries were dropped: the host
	// keeps the last hash elsewhere (here, beside the plan document).
	kept := entries[len(entries)-1].Hash
	truncated := entries[:len(entries)-1]
	if contingency.Verify(truncated) != nil || truncated[len(truncated)-1].Hash == kept {
		return errors.New("a truncated ledger should verify and end in another hash")
	}
	fmt.Fprintf(out, "   entry %d dropped from the end: Verify passes, but the last hash is not the one kept (%.12s…)\n",
		len(entries), kept)
	return nil
}

// rule names the rule a ledger broke.
func rule(err error) string {
	switch {
	case errors.Is(err, contingency.ErrHashMismatch):
		return "ErrHashMismatch (edited after it was written)"
	case errors.Is(err, contingency.ErrSeqMismatch):
		return "ErrSeqMismatch (an entry was dropped, inserted or moved)"
	case errors.Is(err, contingency.ErrBrokenChain):
		return "ErrBrokenChain (previous hash does not match)"
	case errors.Is(err, contingency.ErrParticipantMismatch):
		return "ErrParticipantMismatch (another participant's entry)"
	}
	return "tampered"
}

// coachingRule is the host's own rule X-COACH-1 (warning): a plan with a
// peer-coaching component has had a contact in the last 14 days. It reads
// the host's component from the plan and names it by its JSON path.
func coachingRule() plan.Rule {
	return plan.NewRule("X-COACH-1", intervention.SeverityWarning, func(p *plan.Plan, asOf time.Time) []intervention.Finding {
		var out []intervention.Finding
		for _, c := range p.Components() {
			pc, ok := c.(*coaching)
			if !ok {
				continue
			}
			if last, ok := pc.lastContact(asOf); !ok || asOf.Sub(last) > 14*24*time.Hour {
				path, _ := p.Path(pc.ID())
				out = append(out, intervention.Finding{Path: path, Message: "no peer-coaching contact in the last 14 days",
					Source: "host policy: weekly peer coaching"})
			}
		}
		return out
	})
}

// checkRules composes the default rules with the host's rule, checks the
// plan and the restored plan, and shows the host component's progress.
func checkRules(out io.Writer, original, restored *plan.Plan) error {
	defaults, err := plan.DefaultRules(plan.RulesConfig{})
	if err != nil {
		return err
	}
	rules := defaults.With(coachingRule())
	findings := rules.Check(restored, checkAt)
	fmt.Fprintf(out, "   %d default rules + X-COACH-1 = %d rules; check on %s, findings: %d\n",
		len(defaults.IDs()), len(rules.IDs()), checkAt.Format("Mon 2006-01-02"), len(findings))
	for _, f := range findings {
		fmt.Fprintf(out, "   %s\n", f)
	}
	same := slices.Equal(findings, rules.Check(original, checkAt))
	fmt.Fprintf(out, "   the plan before saving gets the same findings: %v\n", same)
	pr := restored.Progress(checkAt, plan.SeedTimingTable())
	for _, cp := range pr.Components {
		var parts []string
		for _, m := range cp.Measures {
			switch m.Code {
			case "cm.current-streak", "cm.negative-share", "cm.balance", measureContacts, measureMinutes:
				parts = append(parts, m.Code+" "+show(m))
			}
		}
		fmt.Fprintf(out, "   %-23s %-7s %s\n", cp.Modality, cp.Status, strings.Join(parts, ", "))
	}
	return nil
}

// show formats a measure: dollars, a percentage for a ratio, otherwise
// the number; "n/a" when it is not computable.
func show(m intervention.Measure) string {
	if !m.Value.Computable() {
		return "n/a"
	}
	switch m.Unit {
	case "USD":
		v, _ := m.Value.Value(2)
		return "$" + v.StringFixed(2)
	case "ratio":
		v, _ := m.Value.Percent(0)
		return v.String() + "%"
	}
	v, _ := m.Value.Value(2)
	return v.String()
}
