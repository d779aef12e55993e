// Command fishbowl runs prize-based contingency management ("the fishbowl")
// as coded for NIDA CTN-0007: urine and breath tests twice a week for 12
// weeks, draws from a 500-slip Petry bowl rising with the weeks of
// continuous stimulant and alcohol abstinence, and 2 bonus draws when
// opioids are negative too (reference: contingency.md §2, §8 P1–P3).
//
// Results are recorded through contingency.Program with a BowlDrawer, so the
// programme draws the slips itself from a generator seeded on the command
// line and posts their value to a hash-chained Ledger. The same seed always
// draws the same slips: record it with the programme and an auditor can
// replay every draw.
//
//	go run ./examples/fishbowl                            # 24 negatives, opioids positive (P1)
//	go run ./examples/fishbowl -opioids NNNNNNNNNNNNNNNNNNNNNNNN   # +2 draws every visit (P2)
//	go run ./examples/fishbowl -results NNNNPNNNNN        # a positive resets the draws (P3)
//	go run ./examples/fishbowl -seed 42 -jumbo 100 -replace=false
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "fishbowl:", err)
		os.Exit(1)
	}
}

// visitsPerProgramme is CTN-0007's two visits a week for 12 weeks.
const (
	weeks              = 12
	visitsPerProgramme = 2 * weeks
	// pcgStream is the second PCG parameter; the -seed flag picks the first.
	pcgStream = 7
)

// Fixed inputs keep the output reproducible.
var (
	participant = uuid.MustParse("00000000-0000-0000-0000-0000000000a7")
	programID   = uuid.MustParse("00000000-0000-0000-0000-0000000000c7")
	ledgerNow   = time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
)

// options are the parsed command-line flags.
type options struct {
	seed    uint64
	results string
	opioids string
	jumbo   int
	replace bool
}

func parseFlags(out io.Writer, args []string) (options, bool, error) {
	fs := flag.NewFlagSet("fishbowl", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o options
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the generator that draws the slips (record it to replay the draws)")
	fs.StringVar(&o.results, "results", strings.Repeat("N", visitsPerProgramme),
		"stimulant and alcohol result per visit: N negative, P positive, M missed, E excused (at most 24; fewer leaves the rest not yet collected)")
	fs.StringVar(&o.opioids, "opioids", "",
		"opioid result per visit: N negative (+2 bonus draws on a negative visit) or P positive; visits past the pattern count as P")
	fs.IntVar(&o.jumbo, "jumbo", 80, "value of the single jumbo slip in dollars: 80 (CTN-0007) or 100")
	fs.BoolVar(&o.replace, "replace", true, "put each slip back after it is drawn (false: drawn slips stay out of the bowl)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fmt.Fprintln(out, "usage: fishbowl [flags]")
			fs.PrintDefaults()
			return options{}, true, nil
		}
		return options{}, false, fmt.Errorf("%w (run with -h for usage)", err)
	}
	if fs.NArg() > 0 {
		return options{}, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	o.results, o.opioids = strings.ToUpper(o.results), strings.ToUpper(o.opioids)
	var errs []error
	if len(o.results) > visitsPerProgramme {
		errs = append(errs, fmt.Errorf("-results: at most %d visits, got %d", visitsPerProgramme, len(o.results)))
	} else if i := strings.IndexFunc(o.results, notIn("NPME")); i >= 0 {
		errs = append(errs, fmt.Errorf("-results: visit %d is %q; use N, P, M or E", i+1, o.results[i]))
	}
	if len(o.opioids) > len(o.results) {
		errs = append(errs, fmt.Errorf("-opioids: %d letters for %d results", len(o.opioids), len(o.results)))
	} else if i := strings.IndexFunc(o.opioids, notIn("NP")); i >= 0 {
		errs = append(errs, fmt.Errorf("-opioids: visit %d is %q; use N or P", i+1, o.opioids[i]))
	}
	if o.jumbo != 80 && o.jumbo != 100 {
		errs = append(errs, fmt.Errorf("-jumbo: want 80 or 100, got %d", o.jumbo))
	}
	if err := errors.Join(errs...); err != nil {
		return options{}, false, err
	}
	return o, false, nil
}

// notIn returns a predicate for runes outside set.
func notIn(set string) func(rune) bool {
	return func(r rune) bool { return !strings.ContainsRune(set, r) }
}

// row is one scheduled visit of the table.
type row struct {
	date    intervention.Date
	primary byte
	opioid  byte
	award   contingency.Award
	slips   []contingency.Slip
	prizes  contingency.Money
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
	spec := contingency.CTN0007Bowl()
	for i := range spec.Tiers {
		if spec.Tiers[i].Name == contingency.TierJumbo {
			spec.Tiers[i].Value = contingency.Cents(int64(o.jumbo) * 100)
		}
	}
	spec.WithReplacement = o.replace
	cfg := contingency.CTN0007Program(start, contingency.Monday, contingency.Thursday)
	cfg.Schedule = spec

	ctx := context.Background()
	ledger, err := contingency.NewLedger(ctx, contingency.NewMemStore(), participant,
		contingency.WithClock(intervention.FixedClock(ledgerNow)),
		contingency.WithIDSource(intervention.SequentialIDs()))
	if err != nil {
		return err
	}
	bowl, err := contingency.NewBowl(spec)
	if err != nil {
		return err
	}
	drawer := contingency.BowlDrawer{Bowl: bowl, Rand: rand.New(rand.NewPCG(o.seed, pcgStream))}
	prog, err := contingency.NewProgram(programID, cfg, ledger, contingency.WithDrawer(drawer))
	if err != nil {
		return err
	}
	visits := cfg.Calendar.Visits()

	rows := make([]row, 0, len(o.results))
	for i := range len(o.results) {
		r := row{date: visits[i], primary: o.results[i], opioid: 'P', prizes: contingency.Cents(0)}
		if i < len(o.opioids) {
			r.opioid = o.opioids[i]
		}
		res, recorded := result(i, r.primary, r.opioid, visits[i].In(time.UTC).Add(9*time.Hour))
		if !recorded { // missed: the programme derives it from the calendar
			rows = append(rows, r)
			continue
		}
		rec, err := prog.Record(ctx, "staff-07", res)
		if err != nil {
			return fmt.Errorf("visit %d: %w", i+1, err)
		}
		r.award = rec.Award
		for _, e := range rec.Entries {
			if e.Kind == contingency.KindPrize && e.Visit == rec.Visit && e.Award != nil {
				r.slips = append(r.slips, e.Award.Slips...)
				r.prizes = r.prizes.Add(e.Amount)
			}
		}
		rows = append(rows, r)
	}

	printHeader(out, o, spec, start)
	draws, actual := printTable(out, rows, spec)
	if n := len(rows); n < len(visits) {
		fmt.Fprintf(out, "Visits %d-%d (%s to %s): not yet collected.\n", n+1, len(visits),
			day(visits[n]), day(visits[len(visits)-1]))
	}
	fmt.Fprintln(out)
	if err := printCost(out, o, spec, draws, actual); err != nil {
		return err
	}
	printBowl(out, spec, bowl)
	printStatus(out, prog, start, visits, len(rows))
	return printLedger(out, ledger)
}

// result builds the specimen result of visit i: readings for every primary
// substance (stimulants and alcohol) and for opioids. A positive primary
// result is cocaine-positive. It returns false for a missed visit, which is
// not recorded.
func result(i int, primary, opioid byte, at time.Time) (contingency.Result, bool) {
	r := contingency.Result{SpecimenID: fmt.Sprintf("udt-%02d", i+1), CollectedAt: at}
	switch primary {
	case 'M':
		return r, false
	case 'E':
		r.Status = contingency.ResultExcused
		return r, true
	}
	reading := func(s contingency.Substance, positive bool) contingency.Reading {
		if positive {
			return contingency.Reading{Substance: s, Status: contingency.ResultPositive}
		}
		return contingency.Reading{Substance: s, Status: contingency.ResultNegative}
	}
	for _, s := range contingency.CTN0007Target().Primary {
		r.Readings = append(r.Readings, reading(s, primary == 'P' && s == contingency.SubstanceCocaine))
	}
	r.Readings = append(r.Readings, reading(contingency.SubstanceOpioids, opioid == 'P'))
	r.Status = contingency.ResultNegative
	if primary == 'P' || opioid == 'P' {
		r.Status = contingency.ResultPositive
	}
	return r, true
}

func printHeader(out io.Writer, o options, spec contingency.PrizeBowl, start intervention.Date) {
	ev, _ := spec.ExpectedValuePerDraw()
	fmt.Fprintf(out, "Prize CM (CTN-0007): urine and breath tests Mon/Thu for %d weeks from %s\n", weeks, day(start))
	fmt.Fprintln(out, "Draws:  a visit negative for stimulants and alcohol draws once per week of continuous")
	fmt.Fprintln(out, "        abstinence (1-12), +2 bonus draws when opioids are negative too; a positive or")
	fmt.Fprintln(out, "        missed visit draws nothing and resets; an excused visit neither draws nor resets")
	how := "each slip goes back after it is drawn"
	if !spec.WithReplacement {
		how = "drawn slips stay out until the bowl is restocked"
	}
	fmt.Fprintf(out, "Bowl:   %s\n", composition(spec.Tiers))
	fmt.Fprintf(out, "        $%s expected per draw; %s\n", ev, how)
	fmt.Fprintf(out, "Seed:   %d (PCG stream %d): the same seed draws the same slips\n", o.seed, pcgStream)
	fmt.Fprintln(out, "Amounts in US dollars.")
	fmt.Fprintln(out)
}

func printTable(out io.Writer, rows []row, spec contingency.PrizeBowl) (int, contingency.Money) {
	const format = "%5s  %-14s  %-9s  %-8s  %5s  %5s  %-34s  %6s  %10s\n"
	line(out, format, "Visit", "Date", "Stim/alc", "Opioids", "Weeks", "Draws", "Slips drawn", "Prizes", "Cumulative")
	draws, bonus := 0, 0
	total := contingency.Cents(0)
	for i, r := range rows {
		draws += r.award.Draws
		bonus += r.award.BonusDraws
		total = total.Add(r.prizes)
		opioid, level := "-", "-"
		drawText := fmt.Sprint(r.award.Draws)
		switch r.primary {
		case 'N', 'P':
			opioid, level = word(r.opioid), fmt.Sprint(r.award.Level)
			if r.award.BonusDraws > 0 {
				drawText = fmt.Sprintf("%d+%d", r.award.Draws-r.award.BonusDraws, r.award.BonusDraws)
			}
		case 'M':
			level = "0"
		}
		line(out, format, fmt.Sprint(i+1), day(r.date), word(r.primary), opioid, level,
			drawText, slipsText(r.slips, spec), r.prizes, total)
	}
	line(out, format, "", "Total", "", "", "", fmt.Sprint(draws), "", total, "")
	fmt.Fprintf(out, "Draws: %d for abstinence + %d opioid bonus = %d\n", draws-bonus, bonus, draws)
	return draws, total
}

// printCost compares the expected cost of the draws earned with what the
// seeded draws actually cost, and checks the reference vectors.
func printCost(out io.Writer, o options, spec contingency.PrizeBowl, draws int, actual contingency.Money) error {
	ev, err := spec.ExpectedValuePerDraw()
	if err != nil {
		return err
	}
	expected, err := spec.ExpectedValue(draws)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Expected cost: %d draws × $%s = $%s, about $%s\n", draws, ev, expected, contingency.Dollars(expected))
	fmt.Fprintf(out, "Actual cost:   $%s drawn with seed %d", actual, o.seed)
	diff := actual.Sub(contingency.Dollars(expected))
	switch diff.Sign() {
	case 1:
		fmt.Fprintf(out, " ($%s above expected)\n", diff)
	case -1:
		fmt.Fprintf(out, " ($%s below expected)\n", diff.Neg())
	default:
		fmt.Fprintln(out, " (as expected)")
	}
	// Reference vectors P1–P3 (contingency.md §8), $80 jumbo only.
	opioidN := strings.Count(o.opioids, "N") == visitsPerProgramme
	opioidP := !strings.Contains(o.opioids, "N")
	type vector struct {
		id, claim string
		match     bool
		draws     int
		expected  string
	}
	all := strings.Repeat("N", visitsPerProgramme)
	for _, v := range []vector{
		{"P1", "24 × (N, opioids P) earn 156 draws, $339.77 expected", o.results == all && opioidP, 156, "339.77"},
		{"P2", "24 × (N, opioids N) earn 204 draws, $444.31 expected", o.results == all && opioidN, 204, "444.31"},
		{"P3", "NNNN P NNNNN (opioids P) earns 17 draws, $37.03 expected", o.results == "NNNNPNNNNN" && opioidP, 17, "37.03"},
	} {
		if !v.match || o.jumbo != 80 {
			continue
		}
		want, _ := contingency.ParseMoney(v.expected)
		verdict := "matches"
		if draws != v.draws || !want.Equal(contingency.Dollars(expected)) {
			verdict = "DIFFERS"
		}
		fmt.Fprintf(out, "Reference %s: %s; got %d draws, $%s, %s\n", v.id, v.claim, draws, contingency.Dollars(expected), verdict)
	}
	return nil
}

func printBowl(out io.Writer, spec contingency.PrizeBowl, bowl *contingency.Bowl) {
	drawn := map[string]int{}
	for _, s := range bowl.Drawn() {
		drawn[s.Tier]++
	}
	var parts []string
	n := 0
	for _, t := range spec.Tiers {
		parts = append(parts, fmt.Sprintf("%d %s", drawn[t.Name], tierName(t.Name)))
		n += drawn[t.Name]
	}
	fmt.Fprintln(out)
	fmt.Fprintf(out, "Slips drawn: %s = %d\n", strings.Join(parts, ", "), n)
	fmt.Fprintf(out, "Bowl now:    %s\n", composition(bowl.Remaining()))
	if spec.WithReplacement {
		fmt.Fprintln(out, "             (full: every slip went back after it was drawn)")
	}
}

func printStatus(out io.Writer, prog *contingency.Program, start intervention.Date, visits []intervention.Date, collected int) {
	asOf := start.In(time.UTC)
	if collected > 0 {
		asOf = visits[collected-1].AddDays(1).In(time.UTC).Add(12 * time.Hour)
	}
	st := prog.Status(asOf)
	if st.NextVisit.IsZero() {
		fmt.Fprintln(out, "Programme complete: no scheduled visits left.")
		return
	}
	fmt.Fprintf(out, "Next visit %s earns %s if negative; %s left if every visit is negative, $%s expected\n",
		day(st.NextVisit), plural(st.NextAward.Draws, "draw"), plural(st.RemainingDraws, "draw"), st.ExpectedRemaining)
}

func printLedger(out io.Writer, ledger *contingency.Ledger) error {
	entries := ledger.Entries()
	if err := contingency.Verify(entries); err != nil {
		fmt.Fprintf(out, "Ledger: %d entries, balance $%s; hash chain BROKEN\n", len(entries), ledger.Balance())
		return err
	}
	fmt.Fprintf(out, "Ledger: %d entries, balance $%s; hash chain verified\n", len(entries), ledger.Balance())
	return nil
}

// slipsText counts slips by tier in the bowl's order: "3 good job, 1 small".
func slipsText(slips []contingency.Slip, spec contingency.PrizeBowl) string {
	if len(slips) == 0 {
		return ""
	}
	count := map[string]int{}
	for _, s := range slips {
		count[s.Tier]++
	}
	var parts []string
	for _, t := range spec.Tiers {
		if count[t.Name] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[t.Name], tierName(t.Name)))
		}
	}
	return strings.Join(parts, ", ")
}

// composition describes tiers: "250 good job ($0.00), 209 small ($1.00), … = 500 slips".
func composition(tiers []contingency.Tier) string {
	var parts []string
	n := 0
	for _, t := range tiers {
		parts = append(parts, fmt.Sprintf("%d %s ($%s)", t.Count, tierName(t.Name), t.Value))
		n += t.Count
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" = %d slips", n)
}

// tierName spells a tier for people: "good-job" is "good job".
func tierName(name string) string { return strings.ReplaceAll(name, "-", " ") }

// word spells a result letter.
func word(c byte) string {
	switch c {
	case 'N':
		return "negative"
	case 'P':
		return "positive"
	case 'M':
		return "missed"
	case 'E':
		return "excused"
	}
	return string(c)
}

// line prints one table row with trailing blanks removed.
func line(out io.Writer, format string, args ...any) {
	fmt.Fprintln(out, strings.TrimRight(fmt.Sprintf(format, args...), " \n"))
}

// day formats a date as "Mon 2025-01-06".
func day(d intervention.Date) string {
	return d.Weekday().String()[:3] + " " + d.String()
}

// plural spells n things: "1 draw", "3 draws".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
