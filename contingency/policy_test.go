package contingency_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

func TestDefaultPolicy(t *testing.T) {
	p := contingency.DefaultPolicy()
	require.NoError(t, p.Validate())
	want := map[contingency.ResultStatus]contingency.Outcome{
		contingency.ResultNegative:    contingency.OutcomeEarn,
		contingency.ResultPositive:    contingency.OutcomeReset,
		contingency.ResultMissed:      contingency.OutcomeReset, // NIDA manual: a missed specimen counts as positive
		contingency.ResultExcused:     contingency.OutcomeHold,  // reference: E1 skip
		contingency.ResultRefused:     contingency.OutcomeReset,
		contingency.ResultDilute:      contingency.OutcomeReset,
		contingency.ResultSubstituted: contingency.OutcomeReset,
		contingency.ResultAdulterated: contingency.OutcomeReset,
		contingency.ResultInvalid:     contingency.OutcomeHold,
		contingency.ResultPendingLab:  contingency.OutcomeHold,
		contingency.ResultMet:         contingency.OutcomeEarn,
		contingency.ResultNotMet:      contingency.OutcomeReset,
	}
	require.Len(t, want, len(contingency.ResultStatuses()))
	for s, o := range want {
		got, err := p.Outcome(s)
		require.NoError(t, err)
		assert.Equal(t, o, got, s.String())
	}
	_, err := p.Outcome("bogus")
	require.ErrorIs(t, err, contingency.ErrUnknownResultStatus)
	assert.Equal(t, contingency.DefaultPolicy(), p, "DefaultPolicy returns equal fresh values")
}

func TestPolicyWith(t *testing.T) {
	p := contingency.DefaultPolicy()
	q, err := p.With(contingency.ResultExcused, contingency.OutcomeReset)
	require.NoError(t, err)
	o, err := q.Outcome(contingency.ResultExcused)
	require.NoError(t, err)
	assert.Equal(t, contingency.OutcomeReset, o)
	assert.Equal(t, contingency.OutcomeHold, p.Excused, "With returns a copy")

	for _, s := range contingency.ResultStatuses() {
		q, err := p.With(s, contingency.OutcomeHold)
		require.NoError(t, err)
		o, err := q.Outcome(s)
		require.NoError(t, err)
		assert.Equal(t, contingency.OutcomeHold, o, s.String())
	}

	q, err = p.With("bogus", contingency.OutcomeHold)
	require.ErrorIs(t, err, contingency.ErrUnknownResultStatus)
	assert.Equal(t, p, q)
	q, err = p.With(contingency.ResultDilute, "pay")
	require.ErrorIs(t, err, contingency.ErrUnknownOutcome)
	assert.Equal(t, p, q)
}

func TestPolicyValidate(t *testing.T) {
	err := contingency.Policy{}.Validate()
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.Len(t, intervention.FieldErrors(err), 12)
	p := contingency.DefaultPolicy()
	p.PendingLab = "wait"
	p.NotMet = ""
	schedAssertFields(t, p.Validate(), map[string]error{
		"pendingLab": contingency.ErrUnknownOutcome, "notMet": contingency.ErrUnknownOutcome})
	_, err = p.Outcome(contingency.ResultPendingLab)
	require.ErrorIs(t, err, contingency.ErrUnknownOutcome)
}

func TestPolicyJSON(t *testing.T) {
	b, err := json.Marshal(contingency.DefaultPolicy())
	require.NoError(t, err)
	const want = `{"negative":"earn","positive":"reset","missed":"reset","excused":"hold","refused":"reset",` +
		`"dilute":"reset","substituted":"reset","adulterated":"reset","invalid":"hold","pendingLab":"hold",` +
		`"met":"earn","notMet":"reset"}`
	assert.JSONEq(t, want, string(b))
	var back contingency.Policy
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, contingency.DefaultPolicy(), back)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"dilute":"pay"}`), &back), contingency.ErrUnknownOutcome)
}

func TestClassify(t *testing.T) {
	neg, pos := contingency.ResultNegative, contingency.ResultPositive
	meth, coc, amph := contingency.SubstanceMethamphetamine, contingency.SubstanceCocaine, contingency.SubstanceAmphetamine
	thc, opi, alc := contingency.SubstanceTHC, contingency.SubstanceOpioids, contingency.SubstanceAlcohol
	stimNeg := []contingency.Reading{schedRead(meth, neg), schedRead(amph, neg), schedRead(coc, neg)}
	with := func(rs []contingency.Reading, more ...contingency.Reading) []contingency.Reading {
		return append(append([]contingency.Reading(nil), rs...), more...)
	}
	rip, ctn := contingency.RIPTarget(), contingency.CTN0007Target()
	attend := contingency.Target{Kind: contingency.TargetAttendance, Verification: contingency.VerificationAttendanceRecord}
	earn, reset, hold := contingency.OutcomeEarn, contingency.OutcomeReset, contingency.OutcomeHold

	tests := []struct {
		name      string
		target    contingency.Target
		r         contingency.Result
		outcome   contingency.Outcome
		secondary bool
		rule      string
	}{
		{ // reference: RIP-3 (positive for THC, opioids and alcohol but stimulant-negative counts as negative)
			name: "RIP-3", target: rip,
			r:       schedResult(pos, with(stimNeg, schedRead(thc, pos), schedRead(opi, pos), schedRead(alc, pos))...),
			outcome: earn, rule: "primary-negative",
		},
		{ // reference: RIP-4 (a stimulant positive resets)
			name: "RIP-4 methamphetamine positive", target: rip,
			r:       schedResult(pos, schedRead(meth, pos), schedRead(amph, neg), schedRead(coc, neg)),
			outcome: reset, rule: "primary-positive:methamphetamine",
		},
		{
			name: "first positive in target order", target: rip,
			r:       schedResult(pos, schedRead(coc, pos), schedRead(amph, pos)),
			outcome: reset, rule: "primary-positive:amphetamine",
		},
		{
			name: "positive decided despite unread primaries", target: rip,
			r:       schedResult(pos, schedRead(coc, pos)),
			outcome: reset, rule: "primary-positive:cocaine",
		},
		{name: "negative without readings", target: rip, r: schedResult(neg), outcome: earn, rule: "status:negative"},
		{name: "positive without readings", target: rip, r: schedResult(pos), outcome: reset, rule: "status:positive"},
		{ // reference: P2 (opioids also negative: the secondary is met)
			name: "CTN-0007 both negative", target: ctn,
			r:       schedResult(neg, with(stimNeg, schedRead(alc, neg), schedRead(opi, neg))...),
			outcome: earn, secondary: true, rule: "primary-negative",
		},
		{ // reference: P1 (opioid positive: draws without the bonus)
			name: "CTN-0007 opioid positive", target: ctn,
			r:       schedResult(pos, with(stimNeg, schedRead(alc, neg), schedRead(opi, pos))...),
			outcome: earn, rule: "primary-negative",
		},
		{
			name: "CTN-0007 secondary unread", target: ctn,
			r:       schedResult(neg, with(stimNeg, schedRead(alc, neg))...),
			outcome: earn, rule: "primary-negative",
		},
		{
			name: "CTN-0007 negative without readings meets the secondary", target: ctn,
			r: schedResult(neg), outcome: earn, secondary: true, rule: "status:negative",
		},
		{
			name: "CTN-0007 breath alcohol positive", target: ctn,
			r:       schedResult(pos, with(stimNeg, schedRead(alc, pos), schedRead(opi, neg))...),
			outcome: reset, rule: "primary-positive:alcohol",
		},
		{name: "missed", target: rip, r: schedResult(contingency.ResultMissed), outcome: reset, rule: "status:missed"},
		{name: "excused", target: rip, r: schedResult(contingency.ResultExcused), outcome: hold, rule: "status:excused"},
		{name: "refused", target: rip, r: schedResult(contingency.ResultRefused), outcome: reset, rule: "status:refused"},
		{name: "substituted", target: rip, r: schedResult(contingency.ResultSubstituted), outcome: reset, rule: "status:substituted"},
		{name: "adulterated", target: rip, r: schedResult(contingency.ResultAdulterated), outcome: reset, rule: "status:adulterated"},
		{name: "invalid", target: rip, r: schedResult(contingency.ResultInvalid), outcome: hold, rule: "status:invalid"},
		{name: "dilute", target: rip, r: schedResult(contingency.ResultDilute), outcome: reset, rule: "status:dilute"},
		{
			name: "dilute negative readings", target: rip, r: schedResult(contingency.ResultDilute, stimNeg...),
			outcome: reset, rule: "status:dilute",
		},
		{
			name: "positive-dilute", target: rip,
			r:       schedResult(contingency.ResultDilute, schedRead(coc, pos)),
			outcome: reset, rule: "dilute-positive:cocaine",
		},
		{
			name: "dilute positive for a substance outside the target", target: rip,
			r:       schedResult(contingency.ResultDilute, schedRead(thc, pos)),
			outcome: reset, rule: "status:dilute",
		},
		{
			name: "pending-lab readings decide nothing", target: rip,
			r:       schedResult(contingency.ResultPendingLab, schedRead(coc, pos)),
			outcome: hold, rule: "status:pending-lab",
		},
		{name: "attended", target: attend, r: schedResult(contingency.ResultMet), outcome: earn, rule: "status:met"},
		{name: "late", target: attend, r: schedResult(contingency.ResultNotMet), outcome: reset, rule: "status:not-met"},
		{name: "no-show", target: attend, r: schedResult(contingency.ResultMissed), outcome: reset, rule: "status:missed"},
		{name: "attendance excused", target: attend, r: schedResult(contingency.ResultExcused), outcome: hold, rule: "status:excused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := contingency.DefaultPolicy().Classify(tt.target, tt.r)
			require.NoError(t, err)
			assert.Equal(t, tt.outcome, c.Outcome)
			assert.Equal(t, tt.secondary, c.SecondaryMet)
			assert.Equal(t, tt.rule, c.Rule)
		})
	}
}

func TestClassifyPolicyMappings(t *testing.T) {
	rip := contingency.RIPTarget()
	// A programme that accepts negative-dilute specimens.
	p, err := contingency.DefaultPolicy().With(contingency.ResultDilute, contingency.OutcomeEarn)
	require.NoError(t, err)
	c, err := p.Classify(rip, schedResult(contingency.ResultDilute))
	require.NoError(t, err)
	assert.Equal(t, contingency.Classification{Outcome: contingency.OutcomeEarn, Rule: "status:dilute"}, c)
	// A positive-dilute still takes the policy's positive.
	c, err = p.Classify(rip, schedResult(contingency.ResultDilute, schedRead(contingency.SubstanceCocaine, contingency.ResultPositive)))
	require.NoError(t, err)
	assert.Equal(t, contingency.OutcomeReset, c.Outcome)
	// The secondary of an accepted dilute comes from its readings.
	ctn := contingency.CTN0007Target()
	c, err = p.Classify(ctn, schedResult(contingency.ResultDilute,
		schedRead(contingency.SubstanceOpioids, contingency.ResultNegative)))
	require.NoError(t, err)
	assert.True(t, c.SecondaryMet)
	c, err = p.Classify(ctn, schedResult(contingency.ResultDilute))
	require.NoError(t, err)
	assert.False(t, c.SecondaryMet, "an unread dilute specimen does not prove the secondary")

	// A programme where a positive holds instead of resetting never reports the secondary.
	q, err := contingency.DefaultPolicy().With(contingency.ResultNegative, contingency.OutcomeHold)
	require.NoError(t, err)
	c, err = q.Classify(ctn, schedResult(contingency.ResultNegative))
	require.NoError(t, err)
	assert.Equal(t, contingency.OutcomeHold, c.Outcome)
	assert.False(t, c.SecondaryMet)
}

func TestClassifyErrors(t *testing.T) {
	rip := contingency.RIPTarget()
	attend := contingency.Target{Kind: contingency.TargetAttendance, Verification: contingency.VerificationAttendanceRecord}
	neg := contingency.ResultNegative
	tests := []struct {
		name   string
		policy contingency.Policy
		target contingency.Target
		r      contingency.Result
		fields map[string]error
	}{
		{ // readings that leave a primary substance unread cannot be classified
			name: "missing primary reading", policy: contingency.DefaultPolicy(), target: rip,
			r:      schedResult(neg, schedRead(contingency.SubstanceCocaine, neg), schedRead(contingency.SubstanceTHC, neg)),
			fields: map[string]error{"result.readings": contingency.ErrMissingReading},
		},
		{
			name: "negative for attendance", policy: contingency.DefaultPolicy(), target: attend,
			r: schedResult(neg), fields: map[string]error{"result.status": contingency.ErrStatusNotForTarget},
		},
		{
			name: "met for abstinence", policy: contingency.DefaultPolicy(), target: rip,
			r: schedResult(contingency.ResultMet), fields: map[string]error{"result.status": contingency.ErrStatusNotForTarget},
		},
		{
			name: "everything invalid", policy: contingency.Policy{Negative: contingency.OutcomeEarn},
			target: contingency.Target{Kind: contingency.TargetAbstinence, Verification: contingency.VerificationUrine},
			r:      contingency.Result{Status: neg, CollectedAt: schedT0},
			fields: map[string]error{
				"policy.positive": contingency.ErrUnknownOutcome, "policy.missed": contingency.ErrUnknownOutcome,
				"policy.excused": contingency.ErrUnknownOutcome, "policy.refused": contingency.ErrUnknownOutcome,
				"policy.dilute": contingency.ErrUnknownOutcome, "policy.substituted": contingency.ErrUnknownOutcome,
				"policy.adulterated": contingency.ErrUnknownOutcome, "policy.invalid": contingency.ErrUnknownOutcome,
				"policy.pendingLab": contingency.ErrUnknownOutcome, "policy.met": contingency.ErrUnknownOutcome,
				"policy.notMet":  contingency.ErrUnknownOutcome,
				"target.primary": intervention.ErrMissing, "result.specimenId": intervention.ErrMissing,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.policy.Classify(tt.target, tt.r)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			schedAssertFields(t, err, tt.fields)
			assert.Equal(t, contingency.Classification{}, c)
		})
	}
}

func TestClassificationStep(t *testing.T) {
	c := contingency.Classification{Outcome: contingency.OutcomeEarn, SecondaryMet: true, Rule: "primary-negative"}
	assert.Equal(t, contingency.Step{Outcome: contingency.OutcomeEarn, SecondaryMet: true, Week: 3}, c.Step(3))
	c.Outcome = contingency.OutcomeReset
	assert.Equal(t, contingency.Step{Outcome: contingency.OutcomeReset, Week: 1}, c.Step(1))

	b, err := json.Marshal(contingency.Classification{Outcome: contingency.OutcomeHold, Rule: "status:excused"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"outcome":"hold","rule":"status:excused"}`, string(b))
}
