package plan_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// BenchmarkCheckRealistic validates the realistic plan (6 components of
// different modalities, 10 problems, 30 objectives, a year of sessions,
// CM results and reviews) with the default rule set. The plan's index is
// built on the first check and reused: the plan does not change.
func BenchmarkCheckRealistic(b *testing.B) {
	r := plantest.RealisticPlan(b)
	rules := plantest.DefaultRules(b)
	asOf := plantest.RealisticAsOf()
	require.Empty(b, rules.Check(r.Plan, asOf))
	b.ReportAllocs()
	for b.Loop() {
		rules.Check(r.Plan, asOf)
	}
}

// BenchmarkCheckRealisticCold is BenchmarkCheckRealistic on a snapshot
// whose index is not built, as for a plan checked once after a change.
func BenchmarkCheckRealisticCold(b *testing.B) {
	r := plantest.RealisticPlan(b)
	rules := plantest.DefaultRules(b)
	asOf := plantest.RealisticAsOf()
	b.ReportAllocs()
	for b.Loop() {
		rules.Check(plan.FreshIndex(r.Plan), asOf)
	}
}

// distinctPlans returns n plans, each the realistic plan with one
// objective's status changed (a new snapshot, so no index is shared).
func distinctPlans(tb testing.TB, n int) []*plan.Plan {
	r := plantest.RealisticPlan(tb)
	out := make([]*plan.Plan, n)
	statuses := []plan.ObjectiveStatus{plan.ObjectiveNotMet, plan.ObjectiveMet}
	for i := range out {
		p := r.Plan.Clone()
		_, _, err := p.Edit(plan.Change{ID: plantest.ChangeID(900000), By: plantest.Author(), At: plantest.Day(364), Reason: plan.ReasonUpdate},
			plan.SetObjectiveStatus(plantest.ObjectiveID(11+i%20), statuses[i%2]))
		require.NoError(tb, err)
		out[i] = p
	}
	return out
}

// BenchmarkCheckMany validates 1,000 and 10,000 distinct realistic plans;
// ns/op is per batch.
func BenchmarkCheckMany(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(itoa(n), func(b *testing.B) {
			rules := plantest.DefaultRules(b)
			asOf := plantest.RealisticAsOf()
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				plans := distinctPlans(b, n)
				b.StartTimer()
				for _, p := range plans {
					rules.Check(p, asOf)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n*b.N), "µs/plan")
		})
	}
}

// BenchmarkJSONRoundTrip encodes and decodes the realistic plan (the CM
// programme is restored against the host's ledger).
func BenchmarkJSONRoundTrip(b *testing.B) {
	r := plantest.RealisticPlan(b)
	doc, err := r.Codec.Marshal(r.Plan)
	require.NoError(b, err)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := r.Codec.Marshal(r.Plan)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.Codec.Unmarshal(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func itoa(n int) string {
	if n == 10000 {
		return "10000"
	}
	return "1000"
}
