// Command mi-fidelity prints the MITI 4.2.1 fidelity summary of one coded
// motivational-interviewing segment — technical and relational globals,
// percent complex reflections, reflection-to-question ratio, MI-adherent
// and non-adherent counts — with competency levels under both threshold
// presets (MITI 4.2.1 and Lyssn), and the client's change talk coded with
// MISC 2.5 (reference: instruments.md §7.1, §7.2, §10 D14, §11 V42–V45).
//
//	go run ./examples/mi-fidelity                                  # V42 and V45
//	go run ./examples/mi-fidelity -counts sr=6,cr=6,q=6 -globals 3,3,3,4   # V43
//	go run ./examples/mi-fidelity -counts sr=3,q=0 -globals 2,3,3,3        # V44: R:Q not computable
//
// A ratio with a zero denominator (R:Q with no questions, %CR with no
// reflections, %CT with no change or sustain talk) is printed as "not
// computable", never 0 or infinity.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "mi-fidelity:", err)
		os.Exit(1)
	}
}

// Defaults: reference vectors V42 (MITI) and V45 (client language).
const (
	defaultCounts  = "gi=5,persuade=1,pwp=2,q=12,sr=10,cr=8,af=3,seek=2,emph=1,confront=0"
	defaultGlobals = "4,3,4,4"
	defaultClient  = "r+=4,d+=2,c+=1,ts+=1,r-=3,a-=1,fn=5"
)

// countKeys are the -counts keys, in the MITI manual's order, with the
// behaviour each names.
var countKeys = []struct{ key, name string }{
	{"gi", "Giving information (GI)"},
	{"persuade", "Persuade"},
	{"pwp", "Persuade with permission"},
	{"q", "Question (Q)"},
	{"sr", "Simple reflection (SR)"},
	{"cr", "Complex reflection (CR)"},
	{"af", "Affirm (AF)"},
	{"seek", "Seeking collaboration"},
	{"emph", "Emphasizing autonomy"},
	{"confront", "Confront"},
}

// clientKeys map the MISC abbreviations of -client to client codes.
var clientKeys = map[string]motivation.ClientCode{
	"c": motivation.ClientCommitment, "r": motivation.ClientReason, "d": motivation.ClientDesire,
	"a": motivation.ClientAbility, "n": motivation.ClientNeed, "ts": motivation.ClientTakingSteps,
	"o": motivation.ClientOther, "ac": motivation.ClientActivation,
}

// options are the parsed command-line flags.
type options struct {
	counts  motivation.MITICounts
	globals motivation.MITIGlobals
	client  []motivation.ClientCodeCount
}

func parseFlags(out io.Writer, args []string) (options, bool, error) {
	fs := flag.NewFlagSet("mi-fidelity", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	counts := fs.String("counts", defaultCounts,
		"MITI behaviour counts as key=n: gi, persuade, pwp, q, sr, cr, af, seek, emph, confront (keys left out count 0)")
	globals := fs.String("globals", defaultGlobals,
		"MITI globals 1-5: cultivating change talk, softening sustain talk, partnership, empathy")
	client := fs.String("client", defaultClient,
		"client language as code+=n (change talk) or code-=n (sustain talk) with codes c, r, d, a, n, ts, o, ac; fn=n for follow/neutral; empty for none")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fmt.Fprintln(out, "usage: mi-fidelity [flags]")
			fs.PrintDefaults()
			return options{}, true, nil
		}
		return options{}, false, fmt.Errorf("%w (run with -h for usage)", err)
	}
	if fs.NArg() > 0 {
		return options{}, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var o options
	var err1, err2, err3 error
	o.counts, err1 = parseCounts(*counts)
	o.globals, err2 = parseGlobals(*globals)
	o.client, err3 = parseClient(*client)
	if err := errors.Join(err1, err2, err3); err != nil {
		return options{}, false, err
	}
	return o, false, nil
}

// pairs splits "k=v,k=v" into keys and non-negative whole numbers, rejecting
// repeated keys.
func pairs(flagName, s string) ([]string, []int, error) {
	var keys []string
	var vals []int
	if strings.TrimSpace(s) == "" {
		return nil, nil, nil
	}
	for _, item := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(item), "=")
		k = strings.ToLower(strings.TrimSpace(k))
		n, err := strconv.Atoi(strings.TrimSpace(v))
		switch {
		case !ok || k == "":
			return nil, nil, fmt.Errorf("%s: %q is not key=n", flagName, item)
		case err != nil || n < 0:
			return nil, nil, fmt.Errorf("%s: %s needs a whole number 0 or more", flagName, k)
		case contains(keys, k):
			return nil, nil, fmt.Errorf("%s: %s given twice", flagName, k)
		}
		keys, vals = append(keys, k), append(vals, n)
	}
	return keys, vals, nil
}

func parseCounts(s string) (motivation.MITICounts, error) {
	keys, vals, err := pairs("-counts", s)
	if err != nil {
		return motivation.MITICounts{}, err
	}
	var c motivation.MITICounts
	fields := map[string]*int{
		"gi": &c.GivingInformation, "persuade": &c.Persuade, "pwp": &c.PersuadeWithPermission,
		"q": &c.Question, "sr": &c.SimpleReflection, "cr": &c.ComplexReflection, "af": &c.Affirm,
		"seek": &c.SeekingCollaboration, "emph": &c.EmphasizingAutonomy, "confront": &c.Confront,
	}
	for i, k := range keys {
		p, ok := fields[k]
		if !ok {
			return motivation.MITICounts{}, fmt.Errorf("-counts: unknown code %q (use gi, persuade, pwp, q, sr, cr, af, seek, emph, confront)", k)
		}
		*p = vals[i]
	}
	return c, nil
}

func parseGlobals(s string) (motivation.MITIGlobals, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return motivation.MITIGlobals{}, fmt.Errorf("-globals: want 4 ratings, got %d", len(parts))
	}
	var v [4]int
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < motivation.MITIGlobalMin || n > motivation.MITIGlobalMax {
			return motivation.MITIGlobals{}, fmt.Errorf("-globals: rating %d is not a whole number 1-5", i+1)
		}
		v[i] = n
	}
	return motivation.MITIGlobals{CultivatingChangeTalk: v[0], SofteningSustainTalk: v[1], Partnership: v[2], Empathy: v[3]}, nil
}

func parseClient(s string) ([]motivation.ClientCodeCount, error) {
	keys, vals, err := pairs("-client", s)
	if err != nil {
		return nil, err
	}
	var out []motivation.ClientCodeCount
	for i, k := range keys {
		if k == "fn" {
			out = append(out, motivation.ClientCodeCount{Code: motivation.ClientFollowNeutral, Count: vals[i]})
			continue
		}
		valence := motivation.ValenceChange
		switch {
		case strings.HasSuffix(k, "+"):
		case strings.HasSuffix(k, "-"):
			valence = motivation.ValenceSustain
		default:
			return nil, fmt.Errorf("-client: %s needs + (change talk) or - (sustain talk), or is fn", k)
		}
		code, ok := clientKeys[k[:len(k)-1]]
		if !ok {
			return nil, fmt.Errorf("-client: unknown code %q (use c, r, d, a, n, ts, o, ac or fn)", k)
		}
		out = append(out, motivation.ClientCodeCount{Code: code, Valence: valence, Count: vals[i]})
	}
	return out, nil
}

func run(out io.Writer, args []string) error {
	o, help, err := parseFlags(out, args)
	if err != nil || help {
		return err
	}
	miti, err := motivation.ScoreMITI(o.counts, o.globals, motivation.MITIOptions{Thresholds: motivation.MITI421Thresholds()})
	if err != nil {
		return err
	}
	lyssn, err := motivation.ScoreMITI(o.counts, o.globals, motivation.MITIOptions{Thresholds: motivation.LyssnThresholds()})
	if err != nil {
		return err
	}
	client, err := motivation.ScoreClientLanguage(o.client)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "MITI 4.2.1 coding summary: one coded segment (a random 20-minute segment is recommended)")
	fmt.Fprintln(out)
	printCoding(out, o)
	printSummary(out, o, miti, lyssn)
	printThresholds(out)
	for _, l := range mitiReferences(o, miti, lyssn) {
		fmt.Fprintln(out, l)
	}
	fmt.Fprintln(out)
	printClient(out, o, client)
	return nil
}

func printCoding(out io.Writer, o options) {
	c := o.counts
	vals := map[string]int{
		"gi": c.GivingInformation, "persuade": c.Persuade, "pwp": c.PersuadeWithPermission, "q": c.Question,
		"sr": c.SimpleReflection, "cr": c.ComplexReflection, "af": c.Affirm, "seek": c.SeekingCollaboration,
		"emph": c.EmphasizingAutonomy, "confront": c.Confront,
	}
	g := o.globals
	globals := []struct {
		name string
		v    int
	}{
		{"Cultivating change talk", g.CultivatingChangeTalk}, {"Softening sustain talk", g.SofteningSustainTalk},
		{"Partnership", g.Partnership}, {"Empathy", g.Empathy},
	}
	const format = "  %-26s  %5s    %-24s  %s\n"
	line(out, format, "Behaviour counts", "", "Global ratings (1-5)", "")
	for i, k := range countKeys {
		name, v := "", ""
		if i < len(globals) {
			name, v = globals[i].name, strconv.Itoa(globals[i].v)
		}
		line(out, format, k.name, strconv.Itoa(vals[k.key]), name, v)
	}
	fmt.Fprintln(out)
}

func printSummary(out io.Writer, o options, miti, lyssn motivation.MITISummary) {
	c, g := o.counts, o.globals
	const format = "  %-28s  %-14s  %-16s  %-14s  %s\n"
	line(out, format, "Summary score", "Value", "From", "MITI 4.2.1", "Lyssn")
	line(out, format, "Technical global", fixed(miti.Technical, 1, false),
		fmt.Sprintf("(%d+%d)/2", g.CultivatingChangeTalk, g.SofteningSustainTalk), miti.TechnicalLevel, lyssn.TechnicalLevel)
	line(out, format, "Relational global", fixed(miti.Relational, 1, false),
		fmt.Sprintf("(%d+%d)/2", g.Partnership, g.Empathy), miti.RelationalLevel, lyssn.RelationalLevel)
	line(out, format, "% complex reflections", fixed(miti.ComplexReflections, 1, true),
		fmt.Sprintf("%d/(%d+%d)", c.ComplexReflection, c.SimpleReflection, c.ComplexReflection),
		miti.ComplexReflectionsLevel, lyssn.ComplexReflectionsLevel)
	line(out, format, "Reflection-to-question R:Q", fixed(miti.ReflectionToQuestion, 2, false),
		fmt.Sprintf("(%d+%d)/%d", c.SimpleReflection, c.ComplexReflection, c.Question),
		miti.ReflectionToQuestionLevel, lyssn.ReflectionToQuestionLevel)
	line(out, format, "MI-adherent (MIA)", strconv.Itoa(miti.MIAdherent),
		fmt.Sprintf("%d+%d+%d", c.SeekingCollaboration, c.Affirm, c.EmphasizingAutonomy), "no threshold", "")
	line(out, format, "MI non-adherent (MINA)", strconv.Itoa(miti.MINonAdherent),
		fmt.Sprintf("%d+%d", c.Persuade, c.Confront), "no threshold", "")
	fmt.Fprintln(out, "  MIA = seeking collaboration + affirm + emphasizing autonomy; MINA = persuade + confront")
	fmt.Fprintln(out, "  (persuade with permission is not MI non-adherent)")
	fmt.Fprintln(out)
}

func printThresholds(out io.Writer) {
	m, l := motivation.MITI421Thresholds(), motivation.LyssnThresholds()
	const format = "  %-28s  %-14s  %s\n"
	line(out, format, "Thresholds (fair / good)", "MITI 4.2.1", "Lyssn")
	pair := func(t motivation.Threshold, unit string, places int32) string {
		return t.Fair.StringFixed(places) + unit + " / " + t.Good.StringFixed(places) + unit
	}
	line(out, format, "Technical global", pair(m.Technical, "", 1), pair(l.Technical, "", 1))
	line(out, format, "Relational global", pair(m.Relational, "", 1), pair(l.Relational, "", 1))
	line(out, format, "% complex reflections", pair(m.ComplexReflections, "%", 0), pair(l.ComplexReflections, "%", 0))
	line(out, format, "Reflection-to-question R:Q", pair(m.ReflectionToQuestion, "", 1), pair(l.ReflectionToQuestion, "", 1))
	fmt.Fprintln(out, "  The presets differ only in technical fair: 3.0 (PMC9461167) or 3.5 (Lyssn); instruments.md §10 D14")
	fmt.Fprintln(out)
}

// mitiReferences checks the summary against the reference vector the input
// reproduces, if any (instruments.md §11 V42–V44).
func mitiReferences(o options, miti, lyssn motivation.MITISummary) []string {
	c, g := o.counts, o.globals
	tech, rel := fixed(miti.Technical, 1, false), fixed(miti.Relational, 1, false)
	cr, rq := fixed(miti.ComplexReflections, 1, true), fixed(miti.ReflectionToQuestion, 1, false)
	only := func(sr, cr, q int) bool {
		return c == motivation.MITICounts{SimpleReflection: sr, ComplexReflection: cr, Question: q}
	}
	check := func(id, claim string, ok bool) string {
		return fmt.Sprintf("Reference %s: %s; %s", id, claim, verdict(ok))
	}
	switch {
	case c == motivation.MITICounts{GivingInformation: 5, Persuade: 1, PersuadeWithPermission: 2, Question: 12,
		SimpleReflection: 10, ComplexReflection: 8, Affirm: 3, SeekingCollaboration: 2, EmphasizingAutonomy: 1} &&
		g == motivation.MITIGlobals{CultivatingChangeTalk: 4, SofteningSustainTalk: 3, Partnership: 4, Empathy: 4}:
		return []string{check("V42", "technical 3.5 fair, relational 4.0 good, %CR 44.4% fair, R:Q 1.5 fair, MIA 6, MINA 1",
			tech == "3.5" && miti.TechnicalLevel == motivation.CompetencyFair &&
				rel == "4.0" && miti.RelationalLevel == motivation.CompetencyGood &&
				cr == "44.4%" && miti.ComplexReflectionsLevel == motivation.CompetencyFair &&
				rq == "1.5" && miti.ReflectionToQuestionLevel == motivation.CompetencyFair &&
				miti.MIAdherent == 6 && miti.MINonAdherent == 1)}
	case only(6, 6, 6) && g == motivation.MITIGlobals{CultivatingChangeTalk: 3, SofteningSustainTalk: 3, Partnership: 3, Empathy: 4}:
		return []string{check("V43", "technical 3.0 fair (below fair under Lyssn), relational 3.5 fair, %CR 50% good, R:Q 2.0 good",
			tech == "3.0" && miti.TechnicalLevel == motivation.CompetencyFair &&
				lyssn.TechnicalLevel == motivation.CompetencyBelowFair &&
				rel == "3.5" && miti.RelationalLevel == motivation.CompetencyFair &&
				cr == "50.0%" && miti.ComplexReflectionsLevel == motivation.CompetencyGood &&
				rq == "2.0" && miti.ReflectionToQuestionLevel == motivation.CompetencyGood)}
	case only(3, 0, 0) && g.CultivatingChangeTalk == 2 && g.SofteningSustainTalk == 3:
		return []string{check("V44", "technical 2.5 below fair, %CR 0% below fair, R:Q not computable",
			tech == "2.5" && miti.TechnicalLevel == motivation.CompetencyBelowFair &&
				cr == "0.0%" && miti.ComplexReflectionsLevel == motivation.CompetencyBelowFair &&
				!miti.ReflectionToQuestion.Computable() &&
				miti.ReflectionToQuestionLevel == motivation.CompetencyNotComputable)}
	}
	return nil
}

func printClient(out io.Writer, o options, s motivation.ClientLanguageSummary) {
	fmt.Fprintln(out, "Client language (MISC 2.5)")
	if s.ChangeTalk+s.SustainTalk == 0 {
		fmt.Fprintf(out, "  No change or sustain talk coded (follow/neutral: %d): %%CT is not computable\n", s.FollowNeutral)
		return
	}
	const format = "  %-22s  %6s  %7s  %s\n"
	line(out, format, "Code", "Change", "Sustain", "Kind")
	for _, code := range motivation.ClientCodes() {
		if code == motivation.ClientFollowNeutral {
			continue
		}
		ch, st := s.Count(code, motivation.ValenceChange), s.Count(code, motivation.ValenceSustain)
		if ch+st == 0 {
			continue
		}
		kind := code.Kind()
		if kind == "" {
			kind = "-"
		}
		line(out, format, fmt.Sprintf("%s (%s)", code, code.Abbreviation()), strconv.Itoa(ch), strconv.Itoa(st), kind)
	}
	line(out, format, "Total", strconv.Itoa(s.ChangeTalk), strconv.Itoa(s.SustainTalk), "")
	fmt.Fprintf(out, "  Follow/neutral (FN): %d, in no ratio\n", s.FollowNeutral)
	fmt.Fprintf(out, "  %%CT = CT/(CT+ST) = %d/(%d+%d) = %s\n", s.ChangeTalk, s.ChangeTalk, s.SustainTalk,
		fixed(s.PercentChangeTalk, 1, true))
	fmt.Fprintf(out, "  Change talk: %d preparatory (DARN), %d mobilizing (CAT); sustain talk: %d preparatory, %d mobilizing\n",
		s.PreparatoryChange, s.MobilizingChange, s.PreparatorySustain, s.MobilizingSustain)
	if defaultClientInput(o.client) {
		pct := fixed(s.PercentChangeTalk, 1, true)
		fmt.Fprintf(out, "Reference V45: CT 8, ST 4, %%CT 66.7%%; got CT %d, ST %d, %%CT %s; %s\n",
			s.ChangeTalk, s.SustainTalk, pct, verdict(s.ChangeTalk == 8 && s.SustainTalk == 4 && pct == "66.7%"))
	}
}

// defaultClientInput reports whether the client counts are V45's.
func defaultClientInput(c []motivation.ClientCodeCount) bool {
	want, err := parseClient(defaultClient)
	if err != nil || len(want) != len(c) {
		return false
	}
	for i := range want {
		if want[i] != c[i] {
			return false
		}
	}
	return true
}

// fixed prints a ratio rounded to places, as a percentage when pct is set,
// or "not computable" when its denominator is zero.
func fixed(r intervention.Ratio, places int32, pct bool) string {
	var v decimal.Decimal
	var ok bool
	if pct {
		v, ok = r.Percent(places)
	} else {
		v, ok = r.Value(places)
	}
	if !ok {
		return "not computable"
	}
	if pct {
		return v.StringFixed(places) + "%"
	}
	return v.StringFixed(places)
}

func verdict(ok bool) string {
	if ok {
		return "matches"
	}
	return "DIFFERS"
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
