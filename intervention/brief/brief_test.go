package brief_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
	"github.com/recoverykit/psychosocial/intervention/brief"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

var (
	biID      = uuid.MustParse("00000000-0000-0000-0000-0000000000b1")
	biPatient = uuid.MustParse("00000000-0000-0000-0000-0000000000a1")
	biDoc     = uuid.MustParse("00000000-0000-0000-0000-0000000000c1")
	biAt      = time.Date(2025, 3, 3, 14, 0, 0, 0, time.UTC)
)

func biScreen(t testing.TB, positive bool) screen.Result {
	t.Helper()
	a := screen.AUDITAnswers{
		Q1: screen.DrinkFrequencyMonthlyOrLess, Q2: screen.DrinkQuantity1To2, Q3: screen.FrequencyNever,
		Q4: screen.FrequencyNever, Q5: screen.FrequencyNever, Q6: screen.FrequencyNever,
		Q7: screen.FrequencyNever, Q8: screen.FrequencyNever, Q9: screen.YearRecencyNo, Q10: screen.YearRecencyNo,
	}
	if positive {
		a.Q1, a.Q2, a.Q3 = screen.DrinkFrequency4OrMoreAWeek, screen.DrinkQuantity5To6, screen.FrequencyWeekly
	}
	r, err := screen.ScoreAUDIT(a, screen.AUDITOptions{})
	require.NoError(t, err)
	require.Equal(t, positive, r.Positive)
	return r.Result
}

func biNew(t testing.TB, edit func(*brief.Config)) *brief.Intervention {
	t.Helper()
	cfg := brief.Config{ID: biID, Patient: biPatient, Screen: biScreen(t, true), ScreenedAt: biAt, Payer: billing.PayerMedicare}
	if edit != nil {
		edit(&cfg)
	}
	b, err := brief.New(cfg)
	require.NoError(t, err)
	return b
}

func biDelivery(n byte, minutes int) brief.Delivery {
	return brief.Delivery{
		ID: uuid.UUID{15: n}, At: biAt.Add(time.Duration(n) * time.Hour), Minutes: minutes, Clinician: biDoc,
		Model: brief.ModelFRAMES, Elements: []brief.Element{brief.FRAMESFeedback, brief.FRAMESAdvice},
	}
}

func biDay(t testing.TB, s string) intervention.Date {
	t.Helper()
	d, err := intervention.ParseDate(s)
	require.NoError(t, err)
	return d
}

func biPaths(err error) []string {
	var out []string
	for _, fe := range intervention.FieldErrors(err) {
		out = append(out, fe.Field)
	}
	return out
}

func TestDeliverBillsSBIRT(t *testing.T) {
	// reference: V51 — the descriptor rule under each payer.
	tests := []struct {
		minutes  int
		payer    billing.Payer
		code     billing.Code
		billable bool
	}{
		{4, billing.PayerMedicare, "", false},
		{5, billing.PayerMedicare, billing.CodeG2011, true},
		{14, billing.PayerMedicare, billing.CodeG2011, true},
		{14, billing.PayerMedicaid, "", false},
		{15, billing.PayerMedicare, billing.CodeG0396, true},
		{30, billing.PayerCommercial, billing.Code99408, true},
		{31, billing.PayerCommercial, billing.Code99409, true},
		{31, billing.PayerMedicare, billing.CodeG0397, true},
	}
	for _, tt := range tests {
		b := biNew(t, func(c *brief.Config) { c.Payer = tt.payer })
		d, err := b.Deliver(biDelivery(1, tt.minutes))
		require.NoError(t, err)
		assert.Equal(t, tt.code, d.Billing.Code, "%d min %s", tt.minutes, tt.payer)
		assert.Equal(t, tt.billable, d.Billable(), "%d min %s", tt.minutes, tt.payer)
	}
	b := biNew(t, func(c *brief.Config) { c.Payer, c.SBIRT = billing.PayerCommercial, billing.OregonSBIRT() })
	d, err := b.Deliver(biDelivery(1, 30))
	require.NoError(t, err)
	assert.Equal(t, billing.Code99409, d.Billing.Code, "reference: D18, the payer's 30-minute edge")
}

func TestNegativeScreenIsNotBillable(t *testing.T) {
	b := biNew(t, func(c *brief.Config) { c.Screen = biScreen(t, false) })
	d, err := b.Deliver(biDelivery(1, 20))
	require.NoError(t, err)
	assert.True(t, d.NegativeScreen)
	assert.True(t, d.Billing.Billable(), "the minutes alone would earn a code")
	assert.False(t, d.Billable(), "reference: §6.4 — a negative adult screen is not billable")
}

func TestDeliverIsIdempotentAndChangesNothingOnError(t *testing.T) {
	b := biNew(t, nil)
	first, err := b.Deliver(biDelivery(1, 20))
	require.NoError(t, err)
	again, err := b.Deliver(biDelivery(1, 20))
	require.NoError(t, err)
	assert.Equal(t, first, again)
	assert.Len(t, b.Deliveries(), 1)

	other := biDelivery(1, 25)
	_, err = b.Deliver(other)
	require.ErrorIs(t, err, brief.ErrConflict)

	bad := biDelivery(2, -1)
	bad.Model = brief.ModelBNI
	bad.Rulers = []brief.RulerValue{{Ruler: "hope", Value: 11}, {Ruler: brief.RulerConfidence, Value: 0, Min: 1, Max: 10}}
	bad.Clinician = uuid.Nil
	_, err = b.Deliver(bad)
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.ElementsMatch(t, []string{"minutes", "clinician", "elements[0]", "elements[1]", "rulers[0].ruler", "rulers[0].value", "rulers[1].value"}, biPaths(err))
	assert.Len(t, b.Deliveries(), 1, "a failed delivery changes nothing")

	dup := biDelivery(3, 10)
	dup.Elements = []brief.Element{brief.FRAMESMenu, brief.FRAMESMenu, "frames.hope"}
	_, err = b.Deliver(dup)
	assert.ElementsMatch(t, []string{"elements[1]", "elements[2]"}, biPaths(err))
	_, err = b.Deliver(brief.Delivery{})
	assert.ElementsMatch(t, []string{"id", "at", "clinician", "model"}, biPaths(err))
}

func TestConfigValidate(t *testing.T) {
	_, err := brief.New(brief.Config{FollowUpDays: -1, ReferralFollowUpDays: 400})
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.ElementsMatch(t, []string{"id", "patient", "screen", "screenedAt", "payer", "followUpDays", "referralFollowUpDays"}, biPaths(err))
	b := biNew(t, nil)
	assert.Equal(t, brief.DefaultFollowUpDays, b.Config().FollowUpDays)
	assert.Equal(t, biID, b.ID())
	assert.Equal(t, intervention.ModalityBriefIntervention, b.Modality())
	require.NoError(t, b.Validate())
}

func TestReferralLifecycle(t *testing.T) {
	b := biNew(t, nil)
	_, ok := b.Referral()
	assert.False(t, ok)
	require.ErrorIs(t, b.UpdateReferral(brief.ReferralAttended, biDay(t, "2025-03-04"), "desk"), brief.ErrNoReferral)

	rid := uuid.MustParse("00000000-0000-0000-0000-0000000000e1")
	require.NoError(t, b.Refer(rid, "iop-north", biDay(t, "2025-03-03"), "clinician-1"))
	require.NoError(t, b.Refer(rid, "iop-north", biDay(t, "2025-03-03"), "clinician-1"), "the same referral twice is a no-op")
	require.ErrorIs(t, b.Refer(rid, "residential", biDay(t, "2025-03-03"), "clinician-1"), brief.ErrConflict)
	assert.ElementsMatch(t, []string{"id", "to", "by", "on"}, biPaths(b.Refer(uuid.Nil, "free text here", intervention.Date{}, "")))

	steps := []struct {
		status brief.ReferralStatus
		on     string
		err    error
	}{
		{brief.ReferralAppointmentMade, "2025-03-05", nil},
		{brief.ReferralAppointmentMade, "2025-03-05", nil}, // replay
		{brief.ReferralNoShow, "2025-03-04", intervention.ErrOutOfRange},
		{brief.ReferralNoShow, "2025-03-10", nil},
		{brief.ReferralAttended, "2025-03-11", brief.ErrReferralTransition}, // must rebook first
		{brief.ReferralAppointmentMade, "2025-03-11", nil},
		{brief.ReferralAttended, "2025-03-17", nil},
		{brief.ReferralDeclined, "2025-03-18", brief.ErrReferralTransition},
		{"lost", "2025-03-18", brief.ErrUnknownReferralStatus},
	}
	for _, s := range steps {
		err := b.UpdateReferral(s.status, biDay(t, s.on), "desk")
		if s.err == nil {
			require.NoError(t, err, "%s %s", s.status, s.on)
		} else {
			require.ErrorIs(t, err, s.err, "%s %s", s.status, s.on)
		}
	}
	r, ok := b.Referral()
	require.True(t, ok)
	assert.Equal(t, brief.ReferralAttended, r.Status())
	assert.Len(t, r.History, 5)
	assert.Equal(t, biDay(t, "2025-03-03"), r.Referred())
}

func TestReferralStatusRules(t *testing.T) {
	open := map[brief.ReferralStatus]bool{brief.ReferralReferred: true, brief.ReferralAppointmentMade: true, brief.ReferralNoShow: true}
	for _, s := range brief.ReferralStatuses() {
		assert.Equal(t, open[s], s.Open(), s)
		assert.False(t, s.CanBecome(brief.ReferralReferred), "nothing goes back to referred")
	}
	assert.False(t, brief.ReferralStatus("x").Open())
	assert.False(t, brief.ReferralStatus("x").CanBecome(brief.ReferralAttended))
	assert.True(t, brief.ReferralReferred.CanBecome(brief.ReferralAttended), "a same-day walk-in hand-off")
}

func TestProgress(t *testing.T) {
	b := biNew(t, func(c *brief.Config) { c.FollowUpDays = 14 })
	p := b.Progress(biAt)
	assert.Equal(t, intervention.StatusNotStarted, p.Status)
	require.Len(t, p.Due, 1)
	assert.Equal(t, brief.DueFollowUp, p.Due[0].Code)
	assert.Equal(t, biDay(t, "2025-03-17"), p.Due[0].By)
	assert.False(t, p.Due[0].Overdue)
	assert.True(t, b.Progress(biAt.Add(15 * 24 * time.Hour)).Due[0].Overdue, "due date passed without a delivery")
	assert.False(t, b.Progress(biAt.Add(14 * 24 * time.Hour)).Due[0].Overdue, "the due day itself is not overdue")
	assert.False(t, p.Completion.Computable(), "nothing delivered: not computable")

	d := biDelivery(1, 20)
	d.Rulers = []brief.RulerValue{{Ruler: brief.RulerReadiness, Value: 6, Min: 1, Max: 10}}
	_, err := b.Deliver(d)
	require.NoError(t, err)
	d2 := biDelivery(30, 10)
	d2.Model, d2.Elements = brief.ModelBNI, []brief.Element{brief.BNIFeedback}
	_, err = b.Deliver(d2)
	require.NoError(t, err)

	p = b.Progress(biAt.Add(2 * time.Hour))
	assert.Equal(t, intervention.StatusCompleted, p.Status)
	assert.Empty(t, p.Due)
	assert.Equal(t, "2/6", p.Completion.String(), "the second delivery is later than asOf")
	m, _ := p.Measure(brief.MeasureReadinessLatest)
	assert.Equal(t, "6/10", m.Value.String())
	m, _ = p.Measure(brief.MeasureMinutes)
	assert.Equal(t, "20/1", m.Value.String())
	m, _ = p.Measure(brief.MeasureReferralAttended)
	assert.False(t, m.Value.Computable(), "no referral")

	p = b.Progress(biAt.Add(48 * time.Hour))
	assert.Equal(t, "3/10", p.Completion.String(), "FRAMES and BNI share no element: 3 of 10")

	require.NoError(t, b.Refer(uuid.UUID{15: 9}, "iop", biDay(t, "2025-03-04"), "c1"))
	p = b.Progress(biAt.Add(48 * time.Hour))
	assert.Equal(t, intervention.StatusActive, p.Status)
	require.Len(t, p.Due, 1)
	assert.Equal(t, brief.DueReferral, p.Due[0].Code)
	assert.Equal(t, biDay(t, "2025-04-03"), p.Due[0].By)
	m, _ = p.Measure(brief.MeasureReferralAttended)
	assert.Equal(t, "0/1", m.Value.String())
	assert.Equal(t, intervention.StatusCompleted, b.Progress(biAt.Add(2*time.Hour)).Status, "the referral is later than asOf")
	assert.Equal(t, p, b.Progress(biAt.Add(48*time.Hour)), "Progress is pure")
}

func TestJSONRoundTrip(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	b := biNew(t, func(c *brief.Config) { c.Location = la })
	_, err = b.Deliver(biDelivery(1, 20))
	require.NoError(t, err)
	require.NoError(t, b.Refer(uuid.UUID{15: 9}, "iop", biDay(t, "2025-03-04"), "c1"))
	require.NoError(t, b.UpdateReferral(brief.ReferralAttended, biDay(t, "2025-03-10"), "desk"))

	out, err := wiretest.Marshal(b)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"schemaVersion":"2"`)
	assert.Contains(t, string(out), `"timeZone":"America/Los_Angeles"`)
	var back brief.Intervention
	require.NoError(t, json.Unmarshal(out, &back))
	again, err := wiretest.Marshal(&back)
	require.NoError(t, err)
	assert.Equal(t, string(out), string(again), "encode → decode → encode is byte-identical")
	assert.Equal(t, la.String(), back.Config().Location.String())

	for name, edit := range map[string]func(string) string{
		"unknown field":  func(s string) string { return strings.Replace(s, `"schemaVersion"`, `"extra":1,"schemaVersion"`, 1) },
		"schema":         func(s string) string { return strings.Replace(s, `"schemaVersion":"2"`, `"schemaVersion":"3"`, 1) },
		"zone":           func(s string) string { return strings.Replace(s, "America/Los_Angeles", "Mars/Olympus", 1) },
		"billing forged": func(s string) string { return strings.Replace(s, `"code":"G0396"`, `"code":"G0397"`, 1) },
		"history":        func(s string) string { return strings.Replace(s, `"status":"referred"`, `"status":"attended"`, 1) },
		"bad delivery":   func(s string) string { return strings.Replace(s, `"minutes":20`, `"minutes":-20`, 1) },
		"trailing data":  func(s string) string { return s + "{}" },
	} {
		t.Run(name, func(t *testing.T) {
			in := edit(string(out))
			require.NotEqual(t, string(out), in, "the edit must apply")
			keep := biNew(t, nil)
			before, _ := wiretest.Marshal(keep)
			require.ErrorIs(t, keep.UnmarshalJSON([]byte(in)), intervention.ErrInvalid)
			after, _ := wiretest.Marshal(keep)
			assert.Equal(t, string(before), string(after), "a failed decode changes nothing")
		})
	}
}

func TestEnumsText(t *testing.T) {
	for _, m := range brief.Models() {
		got, err := brief.ParseModel(m.String())
		require.NoError(t, err)
		assert.Equal(t, m, got)
		assert.NotEmpty(t, m.Elements())
		for _, e := range m.Elements() {
			assert.True(t, e.In(m))
		}
	}
	assert.Nil(t, brief.Model("x").Elements())
	for _, e := range brief.Elements() {
		b, err := e.MarshalText()
		require.NoError(t, err)
		var back brief.Element
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, e, back)
	}
	for _, r := range brief.Rulers() {
		b, _ := r.MarshalText()
		var back brief.Ruler
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, r.String(), string(b))
	}
	for _, s := range brief.ReferralStatuses() {
		b, _ := s.MarshalText()
		var back brief.ReferralStatus
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s.String(), string(b))
	}
	var m brief.Model
	require.ErrorIs(t, m.UnmarshalText([]byte("FRAMES")), brief.ErrUnknownModel)
	b, err := brief.ModelBNI.MarshalText()
	require.NoError(t, err)
	require.NoError(t, m.UnmarshalText(b))
	_, err = brief.Element("").MarshalText()
	require.ErrorIs(t, err, brief.ErrUnknownElement)
	_, err = brief.ParseRuler("hope")
	require.ErrorIs(t, err, brief.ErrUnknownRuler)
	_, err = brief.ParseReferralStatus("lost")
	require.ErrorIs(t, err, brief.ErrUnknownReferralStatus)
}

func FuzzInterventionJSON(f *testing.F) {
	b := biNew(f, nil)
	if _, err := b.Deliver(biDelivery(1, 20)); err != nil {
		f.Fatal(err)
	}
	seed, err := wiretest.Marshal(b)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"schemaVersion":"1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var x brief.Intervention
		if err := x.UnmarshalJSON(data); err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		out, err := wiretest.Marshal(&x)
		require.NoError(t, err)
		var y brief.Intervention
		require.NoError(t, json.Unmarshal(out, &y))
		again, err := wiretest.Marshal(&y)
		require.NoError(t, err)
		require.Equal(t, string(out), string(again))
	})
}

func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"frames", "bni.readiness", "readiness", "attended", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m, err := brief.ParseModel(s); err == nil {
			require.Equal(t, s, m.String())
		}
		if e, err := brief.ParseElement(s); err == nil {
			require.Equal(t, s, e.String())
		}
		if r, err := brief.ParseRuler(s); err == nil {
			require.Equal(t, s, r.String())
		}
		if st, err := brief.ParseReferralStatus(s); err == nil {
			require.Equal(t, s, st.String())
		}
	})
}

func TestNegativeScreenOwesNoFollowUp(t *testing.T) {
	b := biNew(t, func(c *brief.Config) { c.Screen = biScreen(t, false) })
	p := b.Progress(biAt.Add(90 * 24 * time.Hour))
	assert.Equal(t, intervention.StatusNotStarted, p.Status)
	assert.Empty(t, p.Due, "no follow-up is due after a negative screen")
}
