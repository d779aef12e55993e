// Command plan-review audits a treatment plan the way a compliance officer
// does: it checks a plan that was activated but never signed, has a goal
// that is not in the patient's own words and has not been reviewed, prints
// the findings of the default rules (rule ID, severity, JSON path,
// message), then makes the fixes — late signatures, a review that restates
// the goal with the patient — and checks again. The timing rules read the
// row of the seeded jurisdiction × setting table the flags choose
// (reference: plans-and-interop.md (b) 5, 15, 16, 18, 19, §4.4).
//
//	go run ./examples/plan-review                                              # Minnesota outpatient: review overdue
//	go run ./examples/plan-review -as-of 2025-02-06                            # the review is not due yet
//	go run ./examples/plan-review -jurisdiction US-FL -setting residential-level-1  # co-signature rule
//	go run ./examples/plan-review -rows                                        # the seeded timing table
//
// A late review stays on the record after it is done: the revision log is
// append-only, and rule P-DUE-REVIEW-1 reports every review completed after
// it was due, as an auditor would.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "plan-review:", err)
		os.Exit(1)
	}
}

// The story's fixed dates: admission, the plan written and activated, and
// the first day the audit may run (the day after activation).
var (
	admitted      = time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC)
	written       = time.Date(2025, time.January, 8, 14, 0, 0, 0, time.UTC)
	activated     = time.Date(2025, time.January, 10, 10, 0, 0, 0, time.UTC)
	firstAudit, _ = intervention.ParseDate("2025-01-11")
)

// options are the parsed command-line flags.
type options struct {
	asOf     intervention.Date
	row      plan.TimingRule
	listRows bool
	timing   plan.TimingTable
}

func parseFlags(out io.Writer, args []string) (options, bool, error) {
	fs := flag.NewFlagSet("plan-review", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asOf := fs.String("as-of", "2025-03-06", "date of the audit, YYYY-MM-DD, 2025-01-11 or later; the fixes are made the same day")
	jurisdiction := fs.String("jurisdiction", "US-MN", "jurisdiction of the timing row (ISO 3166-2, see -rows)")
	setting := fs.String("setting", "outpatient", "setting of the timing row (see -rows)")
	rows := fs.Bool("rows", false, "list the rows of the seeded timing table and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fmt.Fprintln(out, "usage: plan-review [flags]")
			fs.PrintDefaults()
			return options{}, true, nil
		}
		return options{}, false, fmt.Errorf("%w (run with -h for usage)", err)
	}
	if fs.NArg() > 0 {
		return options{}, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	o := options{timing: plan.SeedTimingTable(), listRows: *rows}
	d, err := intervention.ParseDate(*asOf)
	if err != nil {
		return options{}, false, fmt.Errorf("-as-of: want YYYY-MM-DD: %w", err)
	}
	if d.Before(firstAudit) || d.Year() >= 2200 {
		return options{}, false, fmt.Errorf("-as-of: the plan was activated on %s; pick a date from %s to 2199-12-31",
			activated.Format(time.DateOnly), firstAudit)
	}
	o.asOf = d
	row, ok := o.timing.Lookup(*jurisdiction, *setting)
	if !ok {
		return options{}, false, fmt.Errorf("-jurisdiction %q -setting %q: no such row in the seeded timing table (run with -rows)",
			*jurisdiction, *setting)
	}
	o.row = row
	return o, false, nil
}

func run(out io.Writer, args []string) error {
	o, help, err := parseFlags(out, args)
	if err != nil || help {
		return err
	}
	if o.listRows {
		printRows(out, o.timing)
		return nil
	}
	ids := intervention.SequentialIDs() // deterministic IDs; use intervention.NewRandomID in production
	next := func() uuid.UUID { id, _ := ids(); return id }
	a := &audit{next: next, patient: next(), author: next(), supervisor: next(), clinician: next()}
	p, err := a.flawedPlan(o.row)
	if err != nil {
		return err
	}
	rules, err := plan.DefaultRules(plan.RulesConfig{Timing: o.timing})
	if err != nil {
		return err
	}

	printHeader(out, o.row)
	check := o.asOf.In(time.UTC).Add(9 * time.Hour)
	fmt.Fprintf(out, "\n1. Check on %s: ", day(check))
	printFindings(out, rules.Check(p, check))
	printDue(out, p, check, o.timing)

	fixed := check.Add(time.Hour)
	fmt.Fprintf(out, "\n2. Fixes on %s\n", day(fixed))
	if err := a.fix(out, p, o.row, fixed); err != nil {
		return err
	}

	recheck := fixed.Add(7 * time.Hour)
	fmt.Fprintf(out, "\n3. Re-check on %s: ", day(recheck))
	findings := rules.Check(p, recheck)
	printFindings(out, findings)
	if len(findings) > 0 {
		fmt.Fprintln(out, "   What is left records that something was done late; it stays on the record, because the")
		fmt.Fprintln(out, "   revision log is append-only. Doing the next review on time keeps it from growing.")
	}
	printDue(out, p, recheck, o.timing)
	return nil
}

// audit holds the ID source and the people of the story, who are opaque
// IDs only: the patient, the plan's author (a counsellor in training), the
// author's supervisor and the clinician responsible for the interventions.
type audit struct {
	next                                   func() uuid.UUID
	patient, author, supervisor, clinician uuid.UUID
	goals                                  []uuid.UUID
	objectives                             []uuid.UUID
	initial                                uuid.UUID // the revision that wrote the plan
}

// flawedPlan writes a complete plan on 8 January and activates it on 10
// January, but nobody signs it, and its second goal has only the
// clinical wording.
func (a *audit) flawedPlan(row plan.TimingRule) (*plan.Plan, error) {
	p, err := plan.New(plan.Config{ID: a.next(), Patient: a.patient, Jurisdiction: row.Jurisdiction, Setting: row.Setting,
		Admitted: admitted, Location: time.UTC})
	if err != nil {
		return nil, err
	}
	mi, err := motivation.New(motivation.Config{ID: a.next(), Patient: a.patient, Target: "alcohol-use", PlannedSessions: 8})
	if err != nil {
		return nil, err
	}
	day, _ := intervention.DateOf(written, time.UTC)
	alcohol, housing := a.next(), a.next()
	a.goals = []uuid.UUID{a.next(), a.next()}
	a.objectives = []uuid.UUID{a.next(), a.next(), a.next()}
	sessions := plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(8), Unit: "sessions"}
	staff := []uuid.UUID{a.clinician}
	rev, _, err := p.Edit(plan.Change{ID: a.next(), By: a.author, At: written, Reason: plan.ReasonInitial},
		plan.AttachComponent(mi),
		plan.PutProblem(plan.Problem{ID: alcohol, Statement: intervention.NewText("Drinks daily; two warnings at work"), Diagnoses: []plan.DiagnosisCode{"F10.20"},
			Evidence: []plan.Evidence{{Source: "audit", Ref: a.next()}}}),
		plan.PutProblem(plan.Problem{ID: housing, Statement: intervention.NewText("Staying with friends since the eviction"),
			Evidence: []plan.Evidence{{Source: "bps", Ref: a.next()}}}),
		plan.PutGoal(plan.Goal{ID: a.goals[0], Problem: alcohol, PatientWords: intervention.NewText("I want to stop drinking before I lose my job"),
			Clinical: intervention.NewText("Abstinence from alcohol"), Term: plan.TermLong}),
		plan.PutGoal(plan.Goal{ID: a.goals[1], Problem: housing, Clinical: intervention.NewText("Secure stable housing"), Term: plan.TermShort}),
		plan.PutObjective(plan.Objective{ID: a.objectives[0], Goal: a.goals[0], Text: intervention.NewText("Attend eight MI sessions"),
			Measure: motivation.MeasureSessionsAttended, Target: sessions, Due: day.AddDays(60)}),
		plan.PutObjective(plan.Objective{ID: a.objectives[1], Goal: a.goals[0], Text: intervention.NewText("Attend eight CBT sessions"),
			Measure: "cbt.sessions-attended", Target: sessions, Due: day.AddDays(70)}),
		plan.PutObjective(plan.Objective{ID: a.objectives[2], Goal: a.goals[1], Text: intervention.NewText("Apply for two housing programmes"),
			Measure: "housing-applications", Target: plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(2), Unit: "applications"},
			Due: day.AddDays(30)}),
		plan.PutIntervention(plan.Intervention{ID: a.next(), Objectives: a.objectives[:1], Modality: mi.Modality(), Component: mi.ID(),
			Frequency: plan.Frequency{Count: 1, Per: plan.PerWeek, Minutes: 50}, Responsible: staff}),
		// Not every intervention needs a component: this one is recorded
		// in the host's own notes.
		plan.PutIntervention(plan.Intervention{ID: a.next(), Objectives: a.objectives[1:], Modality: intervention.ModalityCBT,
			Frequency: plan.Frequency{Count: 1, Per: plan.PerWeek, Minutes: 60}, Responsible: staff}),
		plan.PutStrength(plan.Strength{ID: a.next(), Text: intervention.NewText("Keeps appointments; wants to keep his job")}),
		plan.PutDischargeCriterion(plan.DischargeCriterion{ID: a.next(), Text: intervention.NewText("Sixty days abstinent and housed"), Discussed: day}),
		plan.PutParticipation(plan.Participation{ID: a.next(), Person: a.patient, Role: intervention.RolePatient, On: day}),
		plan.SetLevelOfCare(plan.LevelOfCare{ID: a.next(), Edition: plan.ASAMThird, Level: "1",
			Dimensions: []plan.DimensionRating{{Dimension: 1, Rating: 0}, {Dimension: 2, Rating: 0}, {Dimension: 3, Rating: 1},
				{Dimension: 4, Rating: 1}, {Dimension: 5, Rating: 2}, {Dimension: 6, Rating: 2}},
			Driving: []int{5, 6}, Rationale: intervention.NewText("Relapse risk and recovery environment are the highest risks"), AssessedOn: day, Assessor: a.author}),
	)
	if err != nil {
		return nil, err
	}
	a.initial = rev.ID
	if _, _, err := p.Transition(plan.Change{ID: a.next(), By: a.author, At: activated, Reason: plan.ReasonActivation},
		plan.StatusActive); err != nil {
		return nil, err
	}
	return p, nil
}

// fix makes the fixes on the audit day: the author and the patient sign
// the plan they agreed (and the supervisor co-signs where the row requires
// it); a review restates the second goal in the patient's words, records
// his participation and the progress on every objective, and is signed.
func (a *audit) fix(out io.Writer, p *plan.Plan, row plan.TimingRule, at time.Time) error {
	cosign := row.Cosign.When != ""
	sign := func(revision uuid.UUID, when time.Time) error {
		sigs := []plan.Signature{
			{ID: a.next(), Revision: revision, Role: plan.SignerAuthor, Signer: a.author, Credential: "LADC-T", SignedAt: when},
			{ID: a.next(), Revision: revision, Role: plan.SignerPatient, Signer: a.patient, SignedAt: when},
		}
		if cosign {
			sigs = append(sigs, plan.Signature{ID: a.next(), Revision: revision, Role: plan.SignerCosigner, Signer: a.supervisor,
				Credential: "LADC", Qualified: true, SignedAt: when.Add(30 * time.Minute)})
		}
		for _, s := range sigs {
			if _, err := p.Sign(s); err != nil {
				return err
			}
		}
		return nil
	}
	signers := "the author (LADC-T, in training) and the patient sign"
	if cosign {
		signers += ", and the supervisor (LADC) co-signs,"
	}
	if err := sign(a.initial, at); err != nil {
		return err
	}
	fmt.Fprintf(out, "   - %s the plan written on %s\n", signers, written.Format(time.DateOnly))

	if p.Status() != plan.StatusActive {
		return fmt.Errorf("plan is %s, want active", p.Status())
	}
	at = at.Add(time.Hour)
	if _, _, err := p.Transition(plan.Change{ID: a.next(), By: a.author, At: at, Reason: plan.ReasonReview}, plan.StatusUnderReview); err != nil {
		return err
	}
	g, _ := p.Goal(a.goals[1])
	g.PatientWords = intervention.NewText("A place of my own, so I am not on a friend's couch")
	today, _ := intervention.DateOf(at, time.UTC)
	if _, _, err := p.Edit(plan.Change{ID: a.next(), By: a.author, At: at, Reason: plan.ReasonReview},
		plan.PutGoal(g),
		plan.PutParticipation(plan.Participation{ID: a.next(), Person: a.patient, Role: intervention.RolePatient, On: today}),
	); err != nil {
		return err
	}
	fmt.Fprintln(out, "   - review begun with the patient: goal 2 restated in his own words")
	review := plan.Review{ID: a.next(), Outcome: plan.OutcomeModify, Justification: intervention.NewText("Drinking less; housing still unstable")}
	for _, o := range p.Objectives() {
		review.Progress = append(review.Progress, plan.ObjectiveProgress{Objective: o.ID, Status: plan.ObjectiveInProgress})
	}
	rev, _, err := p.CompleteReview(plan.Change{ID: a.next(), By: a.author, At: at.Add(30 * time.Minute), Reason: plan.ReasonReview}, review)
	if err != nil {
		return err
	}
	if err := sign(rev.ID, rev.At); err != nil {
		return err
	}
	r := p.Reviews()[0]
	fmt.Fprintf(out, "   - review completed (%s, progress on %d objectives, %d elements changed) and signed the same way\n",
		r.Outcome, len(r.Progress), len(r.Changed))
	return nil
}

// printHeader describes the timing row and the plan's history.
func printHeader(out io.Writer, row plan.TimingRule) {
	fmt.Fprintf(out, "Plan audit: %s %s — %s\n", row.Jurisdiction, row.Setting, describe(row))
	note := ""
	if row.Unverified {
		note = " (row not confirmed in full by the reference)"
	}
	fmt.Fprintf(out, "Timing source: %s%s\n", row.Source, note)
	fmt.Fprintf(out, "Admitted %s; plan written %s by a counsellor in training,\n", day(admitted), day(written))
	fmt.Fprintf(out, "activated %s but never signed; goal 2 has only the clinical wording; no review since.\n", day(activated))
}

// describe says what a timing row requires.
func describe(row plan.TimingRule) string {
	var parts []string
	if !row.InitialPlan.IsZero() {
		parts = append(parts, "initial plan within "+period(row.InitialPlan)+" of admission")
	}
	if !row.Review.IsZero() {
		parts = append(parts, "review every "+period(row.Review))
	}
	switch row.Cosign.When {
	case plan.CosignAlways:
		parts = append(parts, "co-signature within "+period(row.Cosign.Within))
	case plan.CosignUnqualifiedAuthor:
		parts = append(parts, "co-signature within "+period(row.Cosign.Within)+" when the author is not qualified")
	}
	if len(parts) == 0 {
		return "no timing requirements"
	}
	return strings.Join(parts, ", ")
}

// period formats a timing period ("30 days").
func period(p plan.Period) string {
	if p.IsZero() {
		return "-"
	}
	return fmt.Sprintf("%d %s", p.Count, p.Unit)
}

// printFindings prints the findings as a table, most severe first.
func printFindings(out io.Writer, findings []intervention.Finding) {
	switch len(findings) {
	case 0:
		fmt.Fprintln(out, "no findings")
		return
	case 1:
		fmt.Fprintln(out, "1 finding")
	default:
		fmt.Fprintf(out, "%d findings\n", len(findings))
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "   Rule\tSeverity\tPath\tMessage")
	for _, f := range findings {
		fmt.Fprintf(tw, "   %s\t%s\t%s\t%s\n", f.Rule, f.Severity, f.Path, f.Message)
	}
	_ = tw.Flush() // out is the caller's writer; a write error shows in its output
}

// printDue lists what the plan owes as of asOf.
func printDue(out io.Writer, p *plan.Plan, asOf time.Time, timing plan.TimingTable) {
	var items []string
	for _, d := range p.Due(asOf, timing) {
		if d.Code == plan.DueObjective {
			continue // objectives' due dates are part of the plan's content
		}
		s := d.Code + " by " + d.By.Weekday().String()[:3] + " " + d.By.String()
		if d.Overdue {
			s += " (overdue)"
		}
		items = append(items, s)
	}
	if len(items) == 0 {
		items = []string{"nothing (no review or co-signature owed)"}
	}
	fmt.Fprintf(out, "   Due: %s\n", strings.Join(items, "; "))
}

// printRows lists the seeded timing table.
func printRows(out io.Writer, t plan.TimingTable) {
	const format = "%-12s  %-29s  %-12s  %-9s  %s\n"
	fmt.Fprintf(out, format, "Jurisdiction", "Setting", "Initial plan", "Review", "Co-signature")
	for _, r := range t {
		cosign := "-"
		if r.Cosign.When != "" {
			cosign = fmt.Sprintf("%s, within %s", r.Cosign.When, period(r.Cosign.Within))
		}
		if r.Unverified {
			cosign += "  (unverified row)"
		}
		fmt.Fprintf(out, format, r.Jurisdiction, r.Setting, period(r.InitialPlan), period(r.Review), cosign)
	}
}

// day formats an instant as "Mon 2025-01-06 09:00" (UTC).
func day(t time.Time) string { return t.UTC().Format("Mon 2006-01-02 15:04") }
