// Command sbirt walks one emergency-department patient through SBIRT:
// screening with the AUDIT and the DAST-10, a Brief Negotiated Interview
// with readiness rulers, the SBIRT billing code for the minutes spent, a
// referral to treatment followed to the warm hand-off, and what is due at
// each step (reference: instruments.md §1, §2, §6, §7.3, §11).
//
//	go run ./examples/sbirt                                   # AUDIT 20 (V7): referral
//	go run ./examples/sbirt -audit-scenario harmful           # AUDIT 16 (V5): no referral
//	go run ./examples/sbirt -minutes 10 -payer medicare       # G2011
//	go run ./examples/sbirt -dast-scenario substantial -handoff no-show
//
// The answer sets are reference vectors, so each screen's score, band and
// action can be checked by hand.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
	"github.com/recoverykit/psychosocial/intervention/brief"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "sbirt:", err)
		os.Exit(1)
	}
}

// Fixed inputs keep the output reproducible: the patient's and clinician's
// IDs and the time of the screen.
var (
	patient   = uuid.MustParse("00000000-0000-0000-0000-0000000000a1")
	clinician = uuid.MustParse("00000000-0000-0000-0000-0000000000c1")
	screened  = time.Date(2025, 3, 3, 14, 0, 0, 0, time.UTC)
)

// Actor and service codes: the host's opaque codes, never names.
const (
	clinicianCode = "clinician-c1"
	intakeCode    = "intake-desk"
	referralTo    = "addiction-specialist"
)

// auditScenario is an AUDIT answer set given as item points, Q1 first, with
// the reference vector it reproduces.
type auditScenario struct {
	points [10]int
	vector string
	claim  string
	score  int
	band   screen.Band
}

// auditScenarios are the -audit-scenario choices (reference: instruments.md §11).
var auditScenarios = map[string]auditScenario{
	"low":        {[10]int{3, 2, 2, 0, 0, 0, 0, 0, 0, 0}, "V2", "7 is zone I, alcohol education", 7, screen.BandZoneI},
	"hazardous":  {[10]int{3, 2, 2, 0, 0, 0, 1, 0, 0, 0}, "V3", "8 is zone II, simple advice", 8, screen.BandZoneII},
	"harmful":    {[10]int{4, 3, 3, 1, 0, 0, 2, 1, 0, 2}, "V5", "16 is zone III, brief counselling", 16, screen.BandZoneIII},
	"dependence": {[10]int{4, 4, 4, 1, 0, 0, 2, 1, 2, 2}, "V7", "20 is zone IV, referral to a specialist", 20, screen.BandZoneIV},
}

// dastScenario is a DAST-10 answer set given as raw answers, item 1 first
// (Y or N; item 3 is reversed by the scorer).
type dastScenario struct {
	answers string
	vector  string
	claim   string
	score   int
	band    screen.Band
}

// dastScenarios are the -dast-scenario choices (reference: instruments.md §11).
var dastScenarios = map[string]dastScenario{
	"none":        {"NNYNNNNNNN", "V19", "0 is no problems, no action", 0, screen.BandNone},
	"low":         {"YNNNNNNNNN", "V21", "2 is low, monitor", 2, screen.BandLow},
	"moderate":    {"YYNNNNNNNN", "V22", "3 is moderate, further investigation", 3, screen.BandModerate},
	"substantial": {"YYNYYYNNNN", "V24", "6 is substantial, intensive assessment", 6, screen.BandSubstantial},
	"severe":      {"YYNYYYYYYY", "V26", "10 is severe, intensive assessment", 10, screen.BandSevere},
}

// options are the parsed command-line flags.
type options struct {
	audit, dast   string
	minutes       int
	payer         billing.Payer
	rulers        [3]int // importance, confidence, readiness
	handoff       string
	auditScenario auditScenario
	dastScenario  dastScenario
}

// handoffs are the -handoff choices: how the referral ends.
var handoffs = []string{"attended", "no-show", "declined", "pending"}

func parseFlags(out io.Writer, args []string) (options, bool, error) {
	fs := flag.NewFlagSet("sbirt", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o options
	fs.StringVar(&o.audit, "audit-scenario", "dependence", "AUDIT answers: low (V2), hazardous (V3), harmful (V5) or dependence (V7)")
	fs.StringVar(&o.dast, "dast-scenario", "low", "DAST-10 answers: none (V19), low (V21), moderate (V22), substantial (V24) or severe (V26)")
	fs.IntVar(&o.minutes, "minutes", 20, "minutes of screening and brief intervention, which the SBIRT codes count")
	payer := fs.String("payer", "medicaid", "payer: medicare, medicaid or commercial")
	rulers := fs.String("rulers", "7,5,6", "readiness rulers on 0-10: importance,confidence,readiness")
	fs.StringVar(&o.handoff, "handoff", "attended", "how the referral ends: attended, no-show, declined or pending")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fmt.Fprintln(out, "usage: sbirt [flags]")
			fs.PrintDefaults()
			return options{}, true, nil
		}
		return options{}, false, fmt.Errorf("%w (run with -h for usage)", err)
	}
	if fs.NArg() > 0 {
		return options{}, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var errs []error
	var ok bool
	if o.auditScenario, ok = auditScenarios[o.audit]; !ok {
		errs = append(errs, fmt.Errorf("-audit-scenario: want low, hazardous, harmful or dependence, got %q", o.audit))
	}
	if o.dastScenario, ok = dastScenarios[o.dast]; !ok {
		errs = append(errs, fmt.Errorf("-dast-scenario: want none, low, moderate, substantial or severe, got %q", o.dast))
	}
	if o.minutes < 0 || o.minutes > billing.MaxMinutes {
		errs = append(errs, fmt.Errorf("-minutes: want 0-%d, got %d", billing.MaxMinutes, o.minutes))
	}
	p, err := billing.ParsePayer(*payer)
	if err != nil {
		errs = append(errs, fmt.Errorf("-payer: want medicare, medicaid or commercial, got %q", *payer))
	}
	o.payer = p
	parts := strings.Split(*rulers, ",")
	if len(parts) != 3 {
		errs = append(errs, fmt.Errorf("-rulers: want three values importance,confidence,readiness, got %d", len(parts)))
	} else {
		for i, s := range parts {
			v, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || v < 0 || v > 10 {
				errs = append(errs, fmt.Errorf("-rulers: value %d is not a whole number 0-10", i+1))
			}
			o.rulers[i] = v
		}
	}
	if !contains(handoffs, o.handoff) {
		errs = append(errs, fmt.Errorf("-handoff: want attended, no-show, declined or pending, got %q", o.handoff))
	}
	if err := errors.Join(errs...); err != nil {
		return options{}, false, err
	}
	return o, false, nil
}

func run(out io.Writer, args []string) error {
	o, help, err := parseFlags(out, args)
	if err != nil || help {
		return err
	}
	audit, err := screen.ScoreAUDIT(auditAnswers(o.auditScenario.points), screen.AUDITOptions{})
	if err != nil {
		return fmt.Errorf("AUDIT: %w", err)
	}
	dast, err := screen.ScoreDAST10(dastAnswers(o.dastScenario.answers), screen.DAST10Options{})
	if err != nil {
		return fmt.Errorf("DAST-10: %w", err)
	}

	fmt.Fprintf(out, "SBIRT in the emergency department: patient screened %s %s UTC\n\n",
		day(screened), screened.Format("15:04"))
	printScreens(out, o, audit, dast)

	trigger := triggering(audit.Result, dast.Result)
	bi, err := brief.New(brief.Config{
		ID: uuid.MustParse("00000000-0000-0000-0000-0000000000b1"), Patient: patient,
		Screen: trigger, ScreenedAt: screened, Payer: o.payer,
	})
	if err != nil {
		return err
	}
	// What is due before the intervention is delivered.
	progress := []progressAt{{screened.Add(10 * time.Minute), bi.Progress(screened.Add(10 * time.Minute))}}

	delivered, err := bi.Deliver(brief.Delivery{
		ID: uuid.MustParse("00000000-0000-0000-0000-0000000000d1"), At: screened.Add(30 * time.Minute),
		Minutes: o.minutes, Clinician: clinician, Model: brief.ModelBNI, Elements: brief.ModelBNI.Elements(),
		Rulers: []brief.RulerValue{
			{Ruler: brief.RulerImportance, Value: o.rulers[0]},
			{Ruler: brief.RulerConfidence, Value: o.rulers[1]},
			{Ruler: brief.RulerReadiness, Value: o.rulers[2]},
		},
	})
	if err != nil {
		return err
	}
	printIntervention(out, bi, trigger, delivered)
	printBilling(out, o, delivered)

	referred, err := refer(out, o, bi, audit.Result, dast.Result)
	if err != nil {
		return err
	}
	later := []time.Time{screened.Add(19 * time.Hour)} // the next morning
	if referred {
		later = append(later, time.Date(2025, 4, 7, 9, 0, 0, 0, time.UTC)) // five weeks on
	}
	for _, t := range later {
		progress = append(progress, progressAt{t, bi.Progress(t)})
	}
	printProgress(out, progress)
	return nil
}

// auditAnswers turns item points into the semantic answers the scorer takes.
func auditAnswers(p [10]int) screen.AUDITAnswers {
	q1 := []screen.DrinkFrequency{screen.DrinkFrequencyNever, screen.DrinkFrequencyMonthlyOrLess,
		screen.DrinkFrequency2To4AMonth, screen.DrinkFrequency2To3AWeek, screen.DrinkFrequency4OrMoreAWeek}
	q2 := []screen.DrinkQuantity{screen.DrinkQuantity1To2, screen.DrinkQuantity3To4, screen.DrinkQuantity5To6,
		screen.DrinkQuantity7To9, screen.DrinkQuantity10OrMore}
	f := []screen.Frequency{screen.FrequencyNever, screen.FrequencyLessThanMonthly, screen.FrequencyMonthly,
		screen.FrequencyWeekly, screen.FrequencyDaily}
	r := map[int]screen.YearRecency{0: screen.YearRecencyNo, 2: screen.YearRecencyBeforeLastYear, 4: screen.YearRecencyLastYear}
	return screen.AUDITAnswers{
		Q1: q1[p[0]], Q2: q2[p[1]], Q3: f[p[2]], Q4: f[p[3]], Q5: f[p[4]], Q6: f[p[5]], Q7: f[p[6]], Q8: f[p[7]],
		Q9: r[p[8]], Q10: r[p[9]],
	}
}

// dastAnswers turns "YNNY…" into raw DAST-10 answers.
func dastAnswers(s string) screen.DAST10Answers {
	var a [10]screen.YesNo
	for i := range a {
		a[i] = screen.No
		if s[i] == 'Y' {
			a[i] = screen.Yes
		}
	}
	return screen.DAST10Answers{Q1: a[0], Q2: a[1], Q3: a[2], Q4: a[3], Q5: a[4], Q6: a[5], Q7: a[6], Q8: a[7], Q9: a[8], Q10: a[9]}
}

func printScreens(out io.Writer, o options, audit screen.AUDITResult, dast screen.DAST10Result) {
	fmt.Fprintln(out, "1. Screening")
	const format = "   %-10s  %5s  %-11s  %-22s  %-8s  %-7s  %s\n"
	line(out, format, "Instrument", "Score", "Band", "Action", "Positive", "LOINC", "Rule")
	for _, r := range []screen.Result{audit.Result, dast.Result} {
		line(out, format, instrumentName(r.Instrument), fmt.Sprintf("%d/%d", r.Score, r.MaxScore), r.Band, r.Action,
			yesNo(r.Positive), r.LOINC, r.Rule)
	}
	fmt.Fprintf(out, "   AUDIT item points %s: consumption %d, dependence %d, problems %d\n",
		joinInts(audit.Points[:]), audit.Consumption, audit.Dependence, audit.Problems)
	if audit.Escalated {
		fmt.Fprintf(out, "   AUDIT escalated one zone (%s): %s\n", audit.Escalation, audit.Flags)
	}
	fmt.Fprintf(out, "   DAST-10 item points %s (item 3 is reverse-scored)\n", joinInts(dast.Points[:]))
	a, d := o.auditScenario, o.dastScenario
	fmt.Fprintf(out, "   Reference %s: AUDIT %s; got %d, %s: %s\n", a.vector, a.claim,
		audit.Score, audit.Band, verdict(audit.Score == a.score && audit.Band == a.band))
	fmt.Fprintf(out, "   Reference %s: DAST-10 %s; got %d, %s: %s\n", d.vector, d.claim,
		dast.Score, dast.Band, verdict(dast.Score == d.score && dast.Band == d.band))
	fmt.Fprintln(out)
}

// rank orders recommended actions by intensity, across instruments.
func rank(a screen.Action) int {
	switch a {
	case screen.ActionReferral, screen.ActionIntensiveAssessment, screen.ActionBriefInterventionReferral:
		return 4
	case screen.ActionBriefCounselling, screen.ActionBriefIntervention, screen.ActionFurtherAssessment:
		return 3
	case screen.ActionSimpleAdvice, screen.ActionFurtherInvestigation:
		return 2
	case screen.ActionEducation, screen.ActionMonitor, screen.ActionCompleteScreening, screen.ActionReinforceAbstinence,
		screen.ActionUsualCare:
		return 1
	case screen.ActionNone:
	}
	return 0
}

// triggering picks the screen that triggers the brief intervention: the
// positive one recommending the more intensive action (the AUDIT on a tie),
// or the AUDIT when both are negative.
func triggering(audit, dast screen.Result) screen.Result {
	if dast.Positive && (!audit.Positive || rank(dast.Action) > rank(audit.Action)) {
		return dast
	}
	return audit
}

func printIntervention(out io.Writer, bi *brief.Intervention, trigger screen.Result, d brief.Delivered) {
	fmt.Fprintln(out, "2. Brief intervention: Brief Negotiated Interview (BNI)")
	if trigger.Positive {
		fmt.Fprintf(out, "   Triggered by the %s (%s, %s); due by %s, %d days after the screen\n",
			instrumentName(trigger.Instrument), trigger.Band, trigger.Action, day(bi.FollowUpDue().In(time.UTC)),
			bi.Config().FollowUpDays)
	} else {
		fmt.Fprintln(out, "   Both screens negative: the talk below reinforces low risk; it is not a billable intervention")
	}
	fmt.Fprintf(out, "   Delivered %s %s UTC, %d minutes\n", day(d.At), d.At.Format("15:04"), d.Minutes)
	var steps []string
	for i, e := range d.Elements {
		steps = append(steps, fmt.Sprintf("%d %s", i+1, elementName(e)))
	}
	fmt.Fprintf(out, "   Steps: %s (%d of %d)\n", strings.Join(steps, "; "), len(d.Elements), len(d.Model.Elements()))
	var rulers []string
	for _, r := range d.Rulers {
		rulers = append(rulers, fmt.Sprintf("%s %d", r.Ruler, r.Value))
	}
	lo, hi := d.Rulers[0].Bounds()
	fmt.Fprintf(out, "   Readiness rulers (%d-%d): %s\n", lo, hi, strings.Join(rulers, ", "))
	if imp := d.Rulers[0].Value; imp < 10 {
		fmt.Fprintf(out, "   Ask: \"Why %d and not a lower number?\" and \"What would it take to get from %d to %d?\"\n",
			imp, imp, imp+1)
	}
	fmt.Fprintln(out)
}

func printBilling(out io.Writer, o options, d brief.Delivered) {
	fmt.Fprintln(out, "3. Billing")
	b := d.Billing
	fmt.Fprintf(out, "   Payer %s, %d minutes: ", o.payer, d.Minutes)
	switch {
	case d.NegativeScreen:
		fmt.Fprintln(out, "not billable: after a negative screen no intervention takes place")
	case !b.Billable():
		fmt.Fprintf(out, "not billable (%s, rule %s)\n", b.Reason, b.Rule)
	default:
		fmt.Fprintf(out, "%s (%s), %d unit, rule %s\n", b.Code, b.Code.Label(), b.Units, b.Rule)
	}
	fmt.Fprintln(out)
}

// refer makes the referral to treatment when a screen recommends referral
// or intensive assessment, and records its course to the hand-off.
func refer(out io.Writer, o options, bi *brief.Intervention, audit, dast screen.Result) (bool, error) {
	fmt.Fprintln(out, "4. Referral to treatment")
	if rank(audit.Action) < 4 && rank(dast.Action) < 4 {
		fmt.Fprintf(out, "   Not indicated (AUDIT %s, DAST-10 %s): no referral made\n\n", audit.Action, dast.Action)
		return false, nil
	}
	on := func(s string) intervention.Date {
		d, _ := intervention.ParseDate(s)
		return d
	}
	if err := bi.Refer(uuid.MustParse("00000000-0000-0000-0000-0000000000e1"), referralTo, on("2025-03-03"), clinicianCode); err != nil {
		return false, err
	}
	type step struct {
		status brief.ReferralStatus
		on, by string
	}
	var steps []step
	switch o.handoff {
	case "attended":
		steps = []step{{brief.ReferralAppointmentMade, "2025-03-05", clinicianCode}, {brief.ReferralAttended, "2025-03-12", intakeCode}}
	case "no-show":
		steps = []step{{brief.ReferralAppointmentMade, "2025-03-05", clinicianCode}, {brief.ReferralNoShow, "2025-03-12", intakeCode}}
	case "declined":
		steps = []step{{brief.ReferralDeclined, "2025-03-04", clinicianCode}}
	}
	for _, s := range steps {
		if err := bi.UpdateReferral(s.status, on(s.on), s.by); err != nil {
			return false, err
		}
	}
	r, _ := bi.Referral()
	fmt.Fprintf(out, "   To %s (the host's service code)\n", r.To)
	for _, e := range r.History {
		fmt.Fprintf(out, "   %s  %-16s  by %s\n", day(e.On.In(time.UTC)), e.Status, e.By)
	}
	switch r.Status() {
	case brief.ReferralAttended:
		fmt.Fprintln(out, "   Warm hand-off complete: the patient attended")
	case brief.ReferralDeclined:
		fmt.Fprintln(out, "   The patient declined the referral: offer it again at the next visit")
	case brief.ReferralReferred, brief.ReferralAppointmentMade, brief.ReferralNoShow:
		fmt.Fprintln(out, "   Hand-off open: follow up until the patient attends")
	}
	fmt.Fprintln(out)
	return true, nil
}

// progressAt is the intervention's progress as reported at a time.
type progressAt struct {
	at time.Time
	p  intervention.Progress
}

func printProgress(out io.Writer, progress []progressAt) {
	fmt.Fprintln(out, "5. Progress")
	const format = "   %-20s  %-11s  %-5s  %s\n"
	line(out, format, "As of", "Status", "Steps", "Due")
	for _, pa := range progress {
		t, p := pa.at, pa.p
		steps := "-"
		if p.Completion.Computable() {
			steps = p.Completion.String()
		}
		due := []string{}
		for _, d := range p.Due {
			s := fmt.Sprintf("%s by %s", d.Code, d.By)
			if d.Overdue {
				s += " (OVERDUE)"
			}
			due = append(due, s)
		}
		if len(due) == 0 {
			due = append(due, "nothing due")
		}
		line(out, format, day(t)+" "+t.Format("15:04"), p.Status, steps, strings.Join(due, "; "))
	}
}

// instrumentName spells an instrument as clinicians write it.
func instrumentName(i screen.Instrument) string {
	switch i {
	case screen.InstrumentAUDIT:
		return "AUDIT"
	case screen.InstrumentDAST10:
		return "DAST-10"
	case screen.InstrumentAUDITC, screen.InstrumentCRAFFT, screen.InstrumentASSIST, screen.InstrumentNIAAA,
		screen.InstrumentCAGE, screen.InstrumentCAGEAID, screen.InstrumentQuickScreen, screen.InstrumentTAPS1:
	}
	return strings.ToUpper(string(i))
}

// elementNames spell the BNI steps.
var elementNames = map[brief.Element]string{
	brief.BNIRaiseSubject:  "raise the subject",
	brief.BNIFeedback:      "give feedback",
	brief.BNIReadiness:     "build readiness (rulers)",
	brief.BNINegotiatePlan: "negotiate a plan",
}

// elementName spells a brief-intervention step.
func elementName(e brief.Element) string {
	if s, ok := elementNames[e]; ok {
		return s
	}
	return string(e)
}

// verdict reads a reference check.
func verdict(ok bool) string {
	if ok {
		return "matches"
	}
	return "DIFFERS"
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, " ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// line prints one table row with trailing blanks removed.
func line(out io.Writer, format string, args ...any) {
	fmt.Fprintln(out, strings.TrimRight(fmt.Sprintf(format, args...), " \n"))
}

// day formats a time's date as "Mon 2025-03-03".
func day(t time.Time) string { return t.Format("Mon 2006-01-02") }
