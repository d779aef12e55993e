// Package brief is the brief-intervention component of SBIRT (screening,
// brief intervention and referral to treatment): the screen result that
// triggered it, the FRAMES elements, Brief Negotiated Interview steps or
// 5 A's delivered, readiness-ruler answers, the SBIRT billing code each
// delivery's minutes earn, and the referral to treatment followed through
// to the warm hand-off (reference: instruments.md §6).
//
// See docs/reference/brief-intervention.md for each rule's source and test vectors.
//
//	res, err := screen.ScoreAUDIT(answers, screen.AUDITOptions{})
//	bi, err := brief.New(brief.Config{ID: id, Patient: patient, Screen: res.Result,
//		ScreenedAt: at, Payer: billing.PayerMedicaid})
//	d, err := bi.Deliver(brief.Delivery{ID: did, At: at, Minutes: 20, Clinician: c,
//		Model: brief.ModelBNI, Elements: brief.ModelBNI.Elements()})
//	code := d.Billing.Code // 99408
//	err = bi.Refer(rid, "outpatient-sud", day, "clinician-7")
//	err = bi.UpdateReferral(brief.ReferralAttended, later, "clinician-7")
//	p := bi.Progress(asOf) // what was delivered, what is due
//
// # What is due
//
// The intervention is due FollowUpDays (default 60, the HEDIS ASF-E window)
// after the screen; an open referral's hand-off is due ReferralFollowUpDays
// (default 30, a design default with no cited source) after it was made.
// Both are configurable.
//
// # Billing
//
// Delivery minutes count screening and counselling time and map to
// 99408/99409 (commercial, Medicaid) or G2011/G0396/G0397 (Medicare) through
// package billing, with the payer's 30-minute edge (reference: §6.4, V51,
// D18). After a negative adult screen nothing is billable, because no
// intervention takes place: Delivered.Billable reports it.
//
// No free text is stored: the referral destination and actors are the host's
// codes, and clinical notes stay in the host's record. Concurrency:
// *Intervention is safe for concurrent use; values are safe to share.
package brief
