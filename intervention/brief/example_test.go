package brief_test

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
	"github.com/recoverykit/psychosocial/intervention/brief"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// A complete SBIRT flow: an AUDIT screen in the emergency department lands
// in zone III, and the escalation rule (2 or more on Q4) raises the
// recommendation to referral. A 20-minute Brief Negotiated Interview
// follows, and the patient is referred to outpatient treatment and attends:
// the warm hand-off.
func Example_sbirt() {
	at := time.Date(2025, 3, 3, 14, 0, 0, 0, time.UTC)
	res, err := screen.ScoreAUDIT(screen.AUDITAnswers{
		Q1: screen.DrinkFrequency4OrMoreAWeek, Q2: screen.DrinkQuantity5To6, Q3: screen.FrequencyWeekly,
		Q4: screen.FrequencyMonthly, Q5: screen.FrequencyLessThanMonthly, Q6: screen.FrequencyLessThanMonthly,
		Q7: screen.FrequencyMonthly, Q8: screen.FrequencyLessThanMonthly,
		Q9: screen.YearRecencyNo, Q10: screen.YearRecencyNo,
	}, screen.AUDITOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("AUDIT", res.Score, res.Band, res.Action)

	bi, err := brief.New(brief.Config{
		ID: uuid.MustParse("00000000-0000-0000-0000-0000000000b1"), Patient: uuid.MustParse("00000000-0000-0000-0000-0000000000a1"),
		Screen: res.Result, ScreenedAt: at, Payer: billing.PayerMedicaid,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("brief intervention due by", bi.FollowUpDue())

	d, err := bi.Deliver(brief.Delivery{
		ID: uuid.MustParse("00000000-0000-0000-0000-0000000000d1"), At: at.Add(30 * time.Minute), Minutes: 20,
		Clinician: uuid.MustParse("00000000-0000-0000-0000-0000000000c1"),
		Model:     brief.ModelBNI, Elements: brief.ModelBNI.Elements(),
		Rulers: []brief.RulerValue{{Ruler: brief.RulerImportance, Value: 7}, {Ruler: brief.RulerReadiness, Value: 5}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("bill", d.Billing.Code, "for", d.Billing.Minutes, "minutes:", d.Billable())

	referred, _ := intervention.ParseDate("2025-03-03")
	if err := bi.Refer(uuid.MustParse("00000000-0000-0000-0000-0000000000e1"), "outpatient-sud", referred, "clinician-c1"); err != nil {
		fmt.Println(err)
		return
	}
	p := bi.Progress(at.Add(24 * time.Hour))
	fmt.Println(p.Status, p.Due[0].Code, "by", p.Due[0].By)

	booked, _ := intervention.ParseDate("2025-03-05")
	seen, _ := intervention.ParseDate("2025-03-12")
	_ = bi.UpdateReferral(brief.ReferralAppointmentMade, booked, "clinician-c1")
	_ = bi.UpdateReferral(brief.ReferralAttended, seen, "intake-desk")
	p = bi.Progress(at.Add(10 * 24 * time.Hour))
	m, _ := p.Measure(brief.MeasureReferralAttended)
	fmt.Println(p.Status, "referral attended", m.Value, "completion", p.Completion)
	// Output:
	// AUDIT 16 zone-3 referral-to-specialist
	// brief intervention due by 2025-05-02
	// bill 99408 for 20 minutes: true
	// active brief.referral by 2025-04-02
	// completed referral attended 1/1 completion 4/4
}
