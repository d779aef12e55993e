package motivation_test

import (
	"slices"
	"testing"
	"time"

	"github.com/recoverykit/psychosocial/motivation"
)

// Benchmarks of every scorer, each beside its floor: the cheapest honest
// equivalent of the scorer's work written as plain integer code (range-check
// the answers, sum them into ints, compare the sums with the default
// cut-offs). The machine is shared, so compare a scorer with its floor
// measured in the same run, never an absolute time with another run
// (BENCHMARKS.md, "Scorers"). Goals (issue 15): MITI ≤ 1 µs and ≤ 2
// allocs/op; URICA and SOCRATES ≤ 2 allocs/op.

// floorSink keeps floor results alive so the compiler cannot drop the work.
var floorSink int

// outOfRange counts the values of v outside lo–hi.
func outOfRange(v []int, lo, hi int) int {
	bad := 0
	for _, x := range v {
		if x < lo || x > hi {
			bad++
		}
	}
	return bad
}

// level is a competency as an int: 0 below fair, 1 fair, 2 good, 3 not
// computable. num/den is compared with fair10/10 and good10/10 by cross
// multiplication, the way a hand-written scorer would.
func level(num, den, unit, fair10, good10 int) int {
	switch {
	case den == 0:
		return 3
	case num*unit*10 >= good10*den:
		return 2
	case num*unit*10 >= fair10*den:
		return 1
	}
	return 0
}

// mitiFloor range-checks the ten counts and four globals, forms the six
// summary sums and rates the four ratios against the MITI 4.2.1 thresholds.
func mitiFloor(c motivation.MITICounts, g motivation.MITIGlobals) int {
	counts := [...]int{
		c.GivingInformation, c.Persuade, c.PersuadeWithPermission, c.Question, c.SimpleReflection,
		c.ComplexReflection, c.Affirm, c.SeekingCollaboration, c.EmphasizingAutonomy, c.Confront,
	}
	globals := [...]int{g.CultivatingChangeTalk, g.SofteningSustainTalk, g.Partnership, g.Empathy}
	bad := outOfRange(counts[:], 0, motivation.MaxBehaviorCount) +
		outOfRange(globals[:], motivation.MITIGlobalMin, motivation.MITIGlobalMax)
	refl := c.SimpleReflection + c.ComplexReflection
	mia := c.SeekingCollaboration + c.Affirm + c.EmphasizingAutonomy
	mina := c.Confront + c.Persuade
	lv := level(g.CultivatingChangeTalk+g.SofteningSustainTalk, 2, 1, 30, 40) |
		level(g.Partnership+g.Empathy, 2, 1, 35, 40)<<2 |
		level(c.ComplexReflection, refl, 100, 400, 500)<<4 |
		level(refl, c.Question, 1, 10, 20)<<6
	return bad + mia + mina + lv
}

func BenchmarkScoreMITI(b *testing.B) {
	c, g := v42()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreMITI(c, g, motivation.MITIOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreMITICustomThresholds(b *testing.B) {
	c, g := v42()
	opts := motivation.MITIOptions{Thresholds: motivation.LyssnThresholds()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreMITI(c, g, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreMITIFloor(b *testing.B) {
	c, g := v42()
	b.ReportAllocs()
	for b.Loop() {
		floorSink = mitiFloor(c, g)
	}
}

// uricaFloorKeys are the 0-based item indexes of the PC, C, A and M
// subscales (reference: instruments.md §7.5).
var uricaFloorKeys = [4][7]int{
	{0, 4, 10, 12, 22, 25, 28},
	{1, 7, 11, 14, 18, 20, 23},
	{2, 6, 9, 13, 16, 24, 29},
	{5, 15, 17, 21, 26, 27, 31},
}

// uricaFloor range-checks the 32 items, sums the four subscales, and forms
// the readiness numerator.
func uricaFloor(a motivation.URICAAnswers) int {
	bad := outOfRange(a.Items[:], 0, motivation.LikertMax)
	var sums [4]int
	for s := range uricaFloorKeys {
		key := &uricaFloorKeys[s]
		for _, i := range key {
			if a.Items[i] == 0 {
				bad++
			}
			sums[s] += a.Items[i]
		}
	}
	return bad + sums[0] + sums[1] + sums[2] + sums[3] + (sums[1] + sums[2] + sums[3] - sums[0])
}

func BenchmarkScoreURICA(b *testing.B) {
	a := v48()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreURICA(a, motivation.URICAOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreURICABanded(b *testing.B) {
	a := v48()
	opts := motivation.URICAOptions{Banding: motivation.VCUGroupMeans()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreURICA(a, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreURICAFloor(b *testing.B) {
	a := v48()
	b.ReportAllocs()
	for b.Loop() {
		floorSink = uricaFloor(a)
	}
}

// socratesFloorKeys are the 0-based items of Recognition, Ambivalence and
// Taking Steps (reference: instruments.md §7.6).
var socratesFloorKeys = [3][]int{
	{0, 2, 6, 9, 11, 14, 16},
	{1, 5, 10, 15},
	{3, 4, 7, 8, 12, 13, 17, 18},
}

// socratesFloorDeciles maps each scale's raw score to its decile: the
// Project MATCH table indexed by raw score (V49, V50).
var socratesFloorDeciles = func() [3][41]int {
	var out [3][41]int
	n := motivation.ProjectMATCHAlcoholNorms()
	for s, rows := range [][]motivation.DecileRow{n.Recognition, n.Ambivalence, n.TakingSteps} {
		for _, r := range rows {
			for raw := r.Min; raw <= r.Max; raw++ {
				out[s][raw] = r.Decile
			}
		}
	}
	return out
}()

// socratesFloor range-checks the 19 items, sums the three scales and looks
// up each decile.
func socratesFloor(a motivation.SOCRATESAnswers) int {
	bad := outOfRange(a.Items[:], motivation.LikertMin, motivation.LikertMax)
	out := bad
	for s, key := range socratesFloorKeys {
		sum := 0
		for _, i := range key {
			sum += a.Items[i]
		}
		out += sum + socratesFloorDeciles[s][sum]
	}
	return out
}

func BenchmarkScoreSOCRATES(b *testing.B) {
	a := allSOCRATES(4)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreSOCRATES(a, motivation.SOCRATESOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreSOCRATESCustomNorms(b *testing.B) {
	a := allSOCRATES(4)
	opts := motivation.SOCRATESOptions{Norms: motivation.ProjectMATCHAlcoholNorms()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreSOCRATES(a, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreSOCRATESFloor(b *testing.B) {
	a := allSOCRATES(4)
	b.ReportAllocs()
	for b.Loop() {
		floorSink = socratesFloor(a)
	}
}

// clientIndex is the position of c in ClientCodes, by a string switch.
func clientIndex(c motivation.ClientCode) int {
	switch c {
	case motivation.ClientCommitment:
		return 1
	case motivation.ClientReason:
		return 2
	case motivation.ClientDesire:
		return 3
	case motivation.ClientAbility:
		return 4
	case motivation.ClientNeed:
		return 5
	case motivation.ClientTakingSteps:
		return 6
	case motivation.ClientOther:
		return 7
	case motivation.ClientActivation:
		return 8
	case motivation.ClientFollowNeutral:
	}
	return 0
}

// clientFloor range-checks each count, adds it to its code and valence, and
// builds the merged counts: the one allocation the summary's slice needs.
func clientFloor(counts []motivation.ClientCodeCount) []motivation.ClientCodeCount {
	var change, sustain [9]int
	fn := 0
	for _, c := range counts {
		if c.Count < 0 || c.Count > motivation.MaxBehaviorCount {
			return nil
		}
		i := clientIndex(c.Code)
		switch c.Valence {
		case motivation.ValenceChange:
			change[i] += c.Count
		case motivation.ValenceSustain:
			sustain[i] += c.Count
		default:
			fn += c.Count
		}
	}
	out := make([]motivation.ClientCodeCount, 0, len(counts))
	out = append(out, motivation.ClientCodeCount{Code: motivation.ClientFollowNeutral, Count: fn})
	for i := range change {
		if change[i] > 0 {
			out = append(out, motivation.ClientCodeCount{Valence: motivation.ValenceChange, Count: change[i]})
		}
		if sustain[i] > 0 {
			out = append(out, motivation.ClientCodeCount{Valence: motivation.ValenceSustain, Count: sustain[i]})
		}
	}
	return out
}

// clientSink keeps floor results alive.
var clientSink []motivation.ClientCodeCount

func BenchmarkScoreClientLanguage(b *testing.B) {
	counts := v45()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreClientLanguage(counts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreClientLanguageFloor(b *testing.B) {
	counts := v45()
	b.ReportAllocs()
	for b.Loop() {
		clientSink = clientFloor(counts)
	}
}

// rulerRatings returns ten readiness ratings over ten weeks, recorded
// newest first, with one confidence rating among them.
func rulerRatings(b *testing.B) []motivation.RulerRating {
	b.Helper()
	var out []motivation.RulerRating
	for w := 9; w >= 0; w-- {
		out = append(out, motivation.RulerRating{
			ID: id(uint64(100 + w)), Ruler: motivation.RulerReadiness, Value: w,
			On: day(b, "2025-01-06").AddDays(7 * w), Rater: clinicianID,
		})
	}
	out[4].Ruler = motivation.RulerConfidence
	return out
}

// trendFloor keeps the ratings of one ruler, puts them in date order and
// takes the change: one allocation for the kept ratings.
func trendFloor(ratings []motivation.RulerRating, r motivation.Ruler) int {
	kept := make([]motivation.RulerRating, 0, len(ratings))
	for _, x := range ratings {
		if x.Ruler == r {
			kept = append(kept, x)
		}
	}
	slices.SortStableFunc(kept, func(a, b motivation.RulerRating) int { return a.On.Compare(b.On) })
	return kept[len(kept)-1].Value - kept[0].Value
}

func BenchmarkTrendOf(b *testing.B) {
	ratings := rulerRatings(b)
	through := day(b, "2026-01-01")
	b.ReportAllocs()
	for b.Loop() {
		t := motivation.TrendOf(ratings, motivation.RulerReadiness, through)
		floorSink = len(t.Ratings)
	}
}

func BenchmarkTrendOfFloor(b *testing.B) {
	ratings := rulerRatings(b)
	b.ReportAllocs()
	for b.Loop() {
		floorSink = trendFloor(ratings, motivation.RulerReadiness)
	}
}

func BenchmarkEstimateStage(b *testing.B) {
	h := motivation.ClinicalToolkitHeuristic()
	r := rulerRatings(b)[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.Estimate(r); err != nil {
			b.Fatal(err)
		}
	}
}

// estimateFloor range-checks the value and picks the last band it reaches.
func estimateFloor(r motivation.RulerRating, mins []int) int {
	if r.Value < 0 || r.Value > 10 {
		return -1
	}
	band := 0
	for i, m := range mins {
		if r.Value >= m {
			band = i
		}
	}
	return band
}

func BenchmarkEstimateStageFloor(b *testing.B) {
	r := rulerRatings(b)[0]
	mins := []int{0, 4, 7, 9}
	b.ReportAllocs()
	for b.Loop() {
		floorSink = estimateFloor(r, mins)
	}
}

func BenchmarkProgress(b *testing.B) {
	c := series(b, 3)
	asOf := time.Date(2025, 1, 24, 12, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Progress(asOf)
	}
}
