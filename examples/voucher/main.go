// Command voucher prints the Higgins voucher schedule of a 12-week CRA +
// vouchers programme, visit by visit, as staff and auditors see it: the
// specimen result, the voucher and bonus the schedule prices, what the
// ledger paid under the chosen cap, and the running total. Results are
// recorded through contingency.Program into a hash-chained Ledger, exactly
// as a host EHR records them, so caps, missed visits and the reset and
// recovery rules behave as in production (reference: contingency.md §1, §4,
// §8).
//
//	go run ./examples/voucher                          # 36 negatives: $997.50 (H36)
//	go run ./examples/voucher -results NNNNPNNNNNNN    # a positive resets the ladder (V2)
//	go run ./examples/voucher -cap samhsa              # SAMHSA's $750 trims the 31st voucher
//	go run ./examples/voucher -results NNNNNNNNNNPNNNNNNN -recovery r2
//	go run ./examples/voucher -results NNNNNN -redeem 53.75 -correct 3P   # C1 after redemption
//
// Results are one letter per scheduled visit: N negative, P positive, M
// missed (nothing is recorded; the programme derives the missed visit from
// its calendar), E excused. Fewer than 36 letters leaves the rest of the
// visits not yet collected. -redeem spends part of the balance once the
// results are in, and -correct then has the laboratory correct one visit's
// result ("3P": visit 3 is positive): the ledger posts only the net change of
// every visit it reprices, and what was already spent beyond what the visits
// are now worth is owed, never clawed back (reference: C1).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "voucher:", err)
		os.Exit(1)
	}
}

// weeks is the length of the Higgins voucher phase; three visits a week.
const weeks = 12

// Fixed inputs keep the output reproducible: the IDs of the participant and
// programme, and the ledger's clock.
var (
	participant = uuid.MustParse("00000000-0000-0000-0000-0000000000a1")
	programID   = uuid.MustParse("00000000-0000-0000-0000-0000000000c1")
	ledgerNow   = time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
)

// options are the parsed command-line flags.
type options struct {
	results  string
	capName  string
	recovery contingency.Recovery
	redeem   contingency.Money
	correct  int  // visit number (from 1) the lab corrects; 0 for none
	status   byte // the corrected result's letter
}

func parseFlags(out io.Writer, args []string) (options, bool, error) {
	fs := flag.NewFlagSet("voucher", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	results := fs.String("results", strings.Repeat("N", 3*weeks),
		"one letter per visit, in order: N negative, P positive, M missed, E excused (at most 36; fewer leaves the rest not yet collected)")
	capName := fs.String("cap", "none", "ledger cap: none, oig ($15 per item, $75 a year), samhsa ($750 a year) or rip ($599)")
	recovery := fs.String("recovery", "r1", "reset-recovery reading after 5 post-reset negatives: r1 or r2 (contingency.md §1)")
	redeem := fs.String("redeem", "", "after recording, redeem this many dollars of the balance (e.g. 53.75)")
	correct := fs.String("correct", "", "then the lab corrects one visit: its number and new result letter N, P or E (e.g. 3P)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fmt.Fprintln(out, "usage: voucher [flags]")
			fs.PrintDefaults()
			return options{}, true, nil
		}
		return options{}, false, fmt.Errorf("%w (run with -h for usage)", err)
	}
	if fs.NArg() > 0 {
		return options{}, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	o := options{results: strings.ToUpper(*results), capName: *capName}
	if len(o.results) > 3*weeks {
		return options{}, false, fmt.Errorf("-results: at most %d visits, got %d", 3*weeks, len(o.results))
	}
	if i := strings.IndexFunc(o.results, func(r rune) bool { return !strings.ContainsRune("NPME", r) }); i >= 0 {
		return options{}, false, fmt.Errorf("-results: visit %d is %q; use N, P, M or E", i+1, o.results[i])
	}
	if _, _, err := capOf(o.capName); err != nil {
		return options{}, false, err
	}
	rec, err := contingency.ParseRecovery(*recovery)
	if err != nil {
		return options{}, false, fmt.Errorf("-recovery: want r1 or r2: %w", err)
	}
	o.recovery = rec
	if *redeem != "" {
		if o.redeem, err = contingency.ParseMoney(*redeem); err != nil || !o.redeem.IsPositive() {
			return options{}, false, errors.New("-redeem: want a positive amount in dollars such as 53.75")
		}
	}
	if c := strings.ToUpper(*correct); c != "" {
		n, err := strconv.Atoi(c[:len(c)-1])
		if err != nil || n < 1 || n > len(o.results) || !strings.ContainsRune("NPE", rune(c[len(c)-1])) || o.results[n-1] == 'M' {
			return options{}, false, errors.New("-correct: want a recorded visit's number and N, P or E, such as 3P")
		}
		o.correct, o.status = n, c[len(c)-1]
	}
	return o, false, nil
}

// capOf returns the ledger cap named on the command line.
func capOf(name string) (contingency.Cap, bool, error) {
	switch name {
	case "none":
		return contingency.Cap{}, false, nil
	case "oig":
		return contingency.OIGNominal(), true, nil
	case "samhsa":
		return contingency.SAMHSA2025(), true, nil
	case "rip":
		return contingency.RIPCap(), true, nil
	}
	return contingency.Cap{}, false, fmt.Errorf("-cap: want none, oig, samhsa or rip, got %q", name)
}

// row is one scheduled visit of the table.
type row struct {
	date    intervention.Date
	letter  byte
	result  string
	streak  int
	voucher decimal.Decimal
	bonus   decimal.Decimal
	paid    contingency.Money
	caps    []string // caps that bound what the visit paid
	ref     string   // the visit's reference on ledger entries
}

func run(out io.Writer, args []string) error {
	o, help, err := parseFlags(out, args)
	if err != nil || help {
		return err
	}
	start, err := intervention.NewDate(2025, time.January, 6) // a Monday
	if err != nil {
		return err
	}
	ctx := context.Background()
	ledgerOpts := []contingency.Option{
		contingency.WithClock(intervention.FixedClock(ledgerNow)),
		contingency.WithIDSource(intervention.SequentialIDs()),
	}
	capped, hasCap, _ := capOf(o.capName)
	if hasCap {
		ledgerOpts = append(ledgerOpts, contingency.WithCaps(capped))
	}
	ledger, err := contingency.NewLedger(ctx, contingency.NewMemStore(), participant, ledgerOpts...)
	if err != nil {
		return err
	}
	cfg := contingency.HigginsProgram(start, o.recovery)
	prog, err := contingency.NewProgram(programID, cfg, ledger)
	if err != nil {
		return err
	}
	visits := cfg.Calendar.Visits()

	rows := make([]row, 0, len(o.results))
	for i := range len(o.results) {
		r := row{date: visits[i], letter: o.results[i], voucher: decimal.Zero, bonus: decimal.Zero}
		status, ok := statusOf(o.results[i])
		if !ok {
			// Missed: nothing is recorded. The programme counts the date
			// as missed when the next result arrives (or in Status).
			r.result = "missed"
			rows = append(rows, r)
			continue
		}
		res := contingency.Result{
			SpecimenID:  fmt.Sprintf("urine-%02d", i+1),
			CollectedAt: visits[i].In(time.UTC).Add(9 * time.Hour),
			Status:      status,
		}
		rec, err := prog.Record(ctx, "staff-17", res)
		if err != nil {
			return fmt.Errorf("visit %d: %w", i+1, err)
		}
		r.result, r.streak = string(status), rec.Award.Run
		r.voucher, r.bonus, r.ref = rec.Award.Base, rec.Award.Bonus, rec.Visit
		rows = append(rows, r)
	}
	after, err := redeemAndCorrect(ctx, o, prog, rows)
	if err != nil {
		return err
	}
	// What each visit was paid, once every result is in: a late result
	// would have re-priced the visits after it.
	for i := range rows {
		r := &rows[i]
		r.paid = ledger.VisitNet(r.ref)
		for _, e := range ledger.VisitEntries(r.ref) {
			if e.Award != nil {
				for _, c := range e.Award.Caps {
					if !slices.Contains(r.caps, c) {
						r.caps = append(r.caps, c)
					}
				}
			}
		}
	}

	printHeader(out, o, cfg, capped, hasCap)
	total := printTable(out, rows)
	if n := len(rows); n < len(visits) {
		fmt.Fprintf(out, "Visits %d-%d (%s to %s): not yet collected.\n", n+1, len(visits),
			day(visits[n]), day(visits[len(visits)-1]))
	}
	fmt.Fprintln(out)
	for _, line := range after {
		fmt.Fprintln(out, line)
	}
	for _, line := range references(o, rows, total) {
		fmt.Fprintln(out, line)
	}
	printStatus(out, prog, start, visits, len(rows), hasCap)
	return printLedger(out, ledger)
}

// redeemAndCorrect redeems o.redeem and then corrects visit o.correct, as
// the flags ask, updating the corrected row; it returns the lines that tell
// staff what happened.
func redeemAndCorrect(ctx context.Context, o options, prog *contingency.Program, rows []row) ([]string, error) {
	var out []string
	ledger := prog.Ledger()
	if o.redeem.IsPositive() {
		at := rows[len(rows)-1].date.AddDays(1)
		_, err := ledger.Redeem(ctx, contingency.Redemption{
			Key: "purchase-1", Amount: o.redeem, Instrument: contingency.InstrumentItem, Actor: "staff-17",
			EffectiveAt: at.In(time.UTC).Add(10 * time.Hour), Reason: "item-purchase",
		})
		if err != nil {
			return nil, fmt.Errorf("-redeem: %w", err)
		}
		out = append(out, fmt.Sprintf("Redeemed $%s on %s (staff bought an item); $%s left to spend", o.redeem, day(at), ledger.Available()))
	}
	if o.correct == 0 {
		return out, nil
	}
	r := &rows[o.correct-1]
	status, _ := statusOf(o.status)
	rec, err := prog.Correct(ctx, "lab-interface", "lab-confirmation", contingency.Result{
		SpecimenID:  fmt.Sprintf("urine-%02d", o.correct),
		CollectedAt: r.date.In(time.UTC).Add(9 * time.Hour),
		Status:      status,
	})
	if err != nil {
		return nil, fmt.Errorf("-correct: %w", err)
	}
	out = append(out, fmt.Sprintf("The lab corrected visit %d (%s) from %s to %s; the ledger posted only each visit's net change:",
		o.correct, day(r.date), r.result, status))
	for _, v := range rec.Repriced {
		for i := range rows {
			if rows[i].ref == v.Visit {
				rows[i].voucher, rows[i].bonus, rows[i].streak = v.After.Base, v.After.Bonus, v.After.Run
			}
		}
		var moves []string
		for _, e := range v.Entries {
			m := fmt.Sprintf("%s -$%s", e.Kind, e.Amount.Sub(e.Shortfall).Neg())
			if e.Kind != contingency.KindReverse {
				m = fmt.Sprintf("%s $%s", e.Kind, e.Amount)
			}
			if e.Shortfall.IsPositive() {
				m += fmt.Sprintf(" ($%s of it owed)", e.Shortfall)
			}
			moves = append(moves, m)
		}
		out = append(out, fmt.Sprintf("  %s  $%6s -> $%6s  %s", day(v.Date), contingency.Dollars(v.Before.Amount()),
			contingency.Dollars(v.After.Amount()), strings.Join(moves, ", ")))
	}
	t := ledger.Totals()
	out = append(out, fmt.Sprintf("The visits are now worth $%s and $%s was spent: $%s available, $%s owed", t.Earned, t.Redeemed, t.Available, t.Owed))
	out = append(out, "(money already spent is never clawed back; later awards settle what is owed first)")
	r.letter, r.result = o.status, string(status)
	return out, nil
}

// statusOf maps a result letter to the status recorded; false for a missed
// visit, which is not recorded at all.
func statusOf(c byte) (contingency.ResultStatus, bool) {
	switch c {
	case 'N':
		return contingency.ResultNegative, true
	case 'P':
		return contingency.ResultPositive, true
	case 'E':
		return contingency.ResultExcused, true
	}
	return contingency.ResultMissed, false
}

func printHeader(out io.Writer, o options, cfg contingency.ProgramConfig, c contingency.Cap, hasCap bool) {
	fmt.Fprintf(out, "Higgins CRA + vouchers: cocaine-negative urine Mon/Wed/Fri for %d weeks from %s\n",
		weeks, day(cfg.Calendar.Start))
	fmt.Fprintln(out, "Schedule: $2.50 for the first negative, +$1.25 for each consecutive negative, $10.00 bonus")
	fmt.Fprintln(out, "          every 3rd negative in a row; a positive or missed specimen resets to $2.50;")
	fmt.Fprintln(out, "          an excused visit neither earns nor resets")
	nth := "6th"
	if o.recovery == contingency.RecoveryR2 {
		nth = "5th"
	}
	fmt.Fprintf(out, "Recovery: the %s negative after a reset resumes one step above the last voucher before it (%s)\n",
		nth, strings.ToUpper(string(o.recovery)))
	switch {
	case !hasCap:
		fmt.Fprintln(out, "Cap:      none")
	case c.PerItem.IsZero():
		fmt.Fprintf(out, "Cap:      %s, $%s per %s; awards over it are %s\n", c.Name, c.PerWindow, window(c.Window), policy(c.Policy))
	default:
		fmt.Fprintf(out, "Cap:      %s, $%s per item and $%s per %s; awards over it are %s\n",
			c.Name, c.PerItem, c.PerWindow, window(c.Window), policy(c.Policy))
	}
	fmt.Fprintln(out, "Amounts in US dollars.")
	fmt.Fprintln(out)
}

// totals are the table's column sums.
type totals struct {
	voucher, bonus decimal.Decimal
	paid           contingency.Money
	counts         map[byte]int
}

func printTable(out io.Writer, rows []row) totals {
	const format = "%5s  %-14s  %-8s  %6s  %7s  %6s  %7s  %10s  %s\n"
	line(out, format, "Visit", "Date", "Result", "Streak", "Voucher", "Bonus", "Paid", "Cumulative", "Note")
	t := totals{voucher: decimal.Zero, bonus: decimal.Zero, paid: contingency.Cents(0), counts: map[byte]int{}}
	for i, r := range rows {
		t.voucher, t.bonus = t.voucher.Add(r.voucher), t.bonus.Add(r.bonus)
		t.paid = t.paid.Add(r.paid)
		t.counts[r.letter]++
		line(out, format, fmt.Sprint(i+1), day(r.date), r.result,
			fmt.Sprint(r.streak), r.voucher.StringFixed(2), r.bonus.StringFixed(2), r.paid, t.paid, note(r))
	}
	line(out, format, "", "Total", "", "", t.voucher.StringFixed(2), t.bonus.StringFixed(2), t.paid, "", "")
	fmt.Fprintf(out, "%d visits: %d negative, %d positive, %d missed, %d excused\n",
		len(rows), t.counts['N'], t.counts['P'], t.counts['M'], t.counts['E'])
	scheduled := contingency.Dollars(t.voucher.Add(t.bonus))
	if withheld := scheduled.Sub(t.paid); withheld.IsPositive() {
		trimmed := 0
		for _, r := range rows {
			if len(r.caps) > 0 {
				trimmed++
			}
		}
		fmt.Fprintf(out, "The cap withheld $%s of the $%s the schedule priced, on %d visits\n", withheld, scheduled, trimmed)
	}
	return t
}

// note explains a row whose payment differs from the schedule's price.
func note(r row) string {
	asked := contingency.Dollars(r.voucher.Add(r.bonus))
	switch {
	case r.letter == 'M':
		return "no specimen: counted as missed"
	case r.letter == 'E':
		return "excused: neither earns nor resets"
	case len(r.caps) > 0 || !asked.Equal(r.paid):
		return fmt.Sprintf("%s cap: %s trimmed to %s", strings.Join(r.caps, ", "), asked, r.paid)
	}
	return ""
}

// references checks the run against the reference vectors it matches
// (contingency.md §8) and returns a line for each.
func references(o options, rows []row, t totals) []string {
	check := func(id, claim string, want, got contingency.Money) string {
		verdict := "matches"
		if !want.Equal(got) {
			verdict = "DIFFERS"
		}
		return fmt.Sprintf("Reference %s: %s; got $%s, %s", id, claim, got, verdict)
	}
	money := func(s string) contingency.Money {
		m, _ := contingency.ParseMoney(s)
		return m
	}
	leading := len(o.results) - len(strings.TrimLeft(o.results, "N"))
	var lines []string
	if o.correct > 0 { // the vectors below price uncorrected results
		if o.capName == "none" && o.results == "NNNNNN" && o.correct == 3 && o.status == 'P' {
			lines = append(lines, check("C1", "NNNNNN corrected to NNPNNN is worth $27.50, a net change of -$26.25",
				money("27.50"), t.paid))
		}
		return lines
	}
	switch o.capName {
	case "none":
		type vector struct{ id, pattern, recovery, claim, total string }
		for _, v := range []vector{
			{"H36", strings.Repeat("N", 36), "", "36 negatives pay $997.50 (vouchers $877.50 + bonuses $120.00)", "997.50"},
			{"V1", "NNNNNN", "", "NNNNNN pays $53.75", "53.75"},
			{"V2", "NNNNPNNNNNNN", "", "NNNN P NNNNNNN pays $91.25", "91.25"},
			{"V3", "NNNMNN", "", "NNN M NN pays $27.50", "27.50"},
			{"V4-R1", "NNNNNNNNNNPNNNNNNN", "r1", "10×N P 7×N pays $187.50 under R1", "187.50"},
			{"V4-R2", "NNNNNNNNNNPNNNNNNN", "r2", "10×N P 7×N pays $197.50 under R2", "197.50"},
			{"E1", "NNENN", "", "NN E NN with E as skip pays $27.50", "27.50"},
		} {
			if o.results == v.pattern && (v.recovery == "" || v.recovery == string(o.recovery)) {
				lines = append(lines, check(v.id, v.claim, money(v.total), t.paid))
			}
		}
	case "samhsa":
		if leading >= 31 {
			lines = append(lines, check("CAP-SAMHSA", "C(30) = $718.75, so the 31st voucher of $40.00 is trimmed to $31.25",
				money("31.25"), rows[30].paid))
		}
	case "oig":
		if leading >= 9 {
			lines = append(lines, check("CAP-OIG-agg", "C(8) = $75.00 exactly, so the 9th award ($12.50 + $10.00) is trimmed to $0.00",
				money("0.00"), rows[8].paid))
		}
	case "rip":
		if t.paid.GreaterThan(money("599.00").Decimal) {
			lines = append(lines, fmt.Sprintf("Reference CAP-RIP: the sum paid in the window is at most $599.00; got $%s, DIFFERS", t.paid))
		} else {
			lines = append(lines, fmt.Sprintf("Reference CAP-RIP: the sum paid in the window is at most $599.00; got $%s, matches", t.paid))
		}
	}
	return lines
}

func printStatus(out io.Writer, prog *contingency.Program, start intervention.Date, visits []intervention.Date, collected int, hasCap bool) {
	asOf := start.In(time.UTC)
	if collected > 0 {
		asOf = visits[collected-1].AddDays(1).In(time.UTC).Add(12 * time.Hour)
	}
	st := prog.Status(asOf)
	pct := "no specimen results yet"
	if p, ok := st.PercentNegative.Percent(1); ok {
		pct = p.StringFixed(1) + "% of specimens negative"
	}
	d, _ := intervention.DateOf(asOf, time.UTC)
	fmt.Fprintf(out, "Status on %s: current streak %d, longest %d", day(d), st.CurrentStreak, st.LongestStreak)
	if st.LongestStreak > 0 {
		fmt.Fprintf(out, " (%d days)", st.LongestAbstinenceDays)
	}
	fmt.Fprintf(out, ", %s\n", pct)
	fmt.Fprintf(out, "Earned $%s, balance $%s", st.Earned, st.Balance)
	if st.Owed.IsPositive() {
		fmt.Fprintf(out, ", owed $%s", st.Owed)
	}
	fmt.Fprintln(out)
	if st.NextVisit.IsZero() {
		fmt.Fprintln(out, "Programme complete: no scheduled visits left.")
	} else {
		fmt.Fprintf(out, "Next visit %s pays $%s if negative; up to $%s more if every remaining visit is negative\n",
			day(st.NextVisit), contingency.Dollars(st.NextAward.Amount()), st.MaxRemaining)
	}
	if hasCap && st.HasCap {
		fmt.Fprintf(out, "Cap room left this year: $%s\n", st.CapRemaining)
	}
}

func printLedger(out io.Writer, ledger *contingency.Ledger) error {
	entries := ledger.Entries()
	kinds := map[contingency.EntryKind]int{}
	for _, e := range entries {
		kinds[e.Kind]++
	}
	var parts []string
	for _, k := range []contingency.EntryKind{contingency.KindEarn, contingency.KindBonus, contingency.KindReverse} {
		if kinds[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", kinds[k], k))
		}
	}
	summary := ""
	if len(parts) > 0 {
		summary = " (" + strings.Join(parts, ", ") + ")"
	}
	if err := contingency.Verify(entries); err != nil {
		fmt.Fprintf(out, "Ledger: %d entries%s, balance $%s; hash chain BROKEN\n", len(entries), summary, ledger.Balance())
		return err
	}
	fmt.Fprintf(out, "Ledger: %d entries%s, balance $%s; hash chain verified\n", len(entries), summary, ledger.Balance())
	return nil
}

// day formats a date as "Mon 2025-01-06".
func day(d intervention.Date) string {
	return d.Weekday().String()[:3] + " " + d.String()
}

// line prints one table row with trailing blanks removed.
func line(out io.Writer, format string, args ...any) {
	fmt.Fprintln(out, strings.TrimRight(fmt.Sprintf(format, args...), " \n"))
}

// window describes a cap window in words.
func window(w contingency.Window) string {
	switch w.Kind {
	case contingency.WindowCalendarYear:
		return "calendar year"
	case contingency.WindowProgramme:
		return fmt.Sprintf("%d-month period", w.Months)
	case contingency.WindowRollingDays:
		return fmt.Sprintf("%d days", w.Days)
	case contingency.WindowEpisode:
		return "episode"
	}
	return string(w.Kind)
}

// policy describes a cap policy in words.
func policy(p contingency.CapPolicy) string {
	switch p {
	case contingency.CapTrim:
		return "trimmed to the room left"
	case contingency.CapRefuse:
		return "refused"
	}
	return p.String()
}
