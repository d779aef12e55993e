package brief

import (
	"slices"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// Progress measure and due-item codes.
const (
	MeasureScreenScore       = "brief.screen-score"       // the triggering screen's score
	MeasureElementsDelivered = "brief.elements-delivered" // elements delivered over the elements of the models used
	MeasureMinutes           = "brief.minutes"            // minutes delivered in all
	MeasureReadinessLatest   = "brief.readiness-latest"   // the last readiness-ruler value, over its scale maximum
	MeasureReferralAttended  = "brief.referral-attended"  // 1/1 attended, 0/1 not (yet), 0/0 no referral
	DueFollowUp              = "brief.follow-up"          // the brief intervention after a positive screen
	DueReferral              = "brief.referral"           // the warm hand-off of an open referral
)

// Progress reports what was delivered and what is due as of asOf. Only
// deliveries and referral changes up to asOf count, so the answer for a past
// asOf never changes.
//
// Status is not-started before the first delivery, completed once a
// delivery is made and any referral is closed (attended or declined), and
// active otherwise. Completion is the share of the elements of the models
// used that were delivered. Due lists the follow-up (due FollowUpDays after
// a positive screen, while nothing has been delivered) and an open referral's
// hand-off (due ReferralFollowUpDays after the referral).
func (b *Intervention) Progress(asOf time.Time) intervention.Progress {
	b.mu.Lock()
	defer b.mu.Unlock()
	loc := b.cfg.Location
	today, _ := intervention.DateOf(asOf, loc)

	var delivered, covered, minutes int
	var models []Model
	seen := map[Element]bool{}
	var readiness intervention.Ratio
	for _, d := range b.deliveries {
		if d.At.After(asOf) {
			break
		}
		delivered++
		minutes += d.Minutes
		if !slices.Contains(models, d.Model) {
			models = append(models, d.Model)
		}
		for _, e := range d.Elements {
			if !seen[e] {
				seen[e] = true
				covered++
			}
		}
		for _, r := range d.Rulers {
			if r.Ruler == RulerReadiness {
				_, hi := r.Bounds()
				readiness = intervention.RatioOf(r.Value, hi)
			}
		}
	}
	union := map[Element]bool{}
	for _, m := range models {
		for _, e := range m.Elements() {
			union[e] = true
		}
	}
	total := len(union)

	p := intervention.Progress{
		Component: b.cfg.ID, Modality: b.Modality(), AsOf: asOf, Status: intervention.StatusNotStarted,
		Completion: intervention.RatioOf(covered, total),
		Measures: []intervention.Measure{
			{Code: MeasureScreenScore, Unit: "points", Value: intervention.RatioOf(b.cfg.Screen.Score, 1)},
			{Code: MeasureElementsDelivered, Unit: "elements", Value: intervention.RatioOf(covered, total)},
			{Code: MeasureMinutes, Unit: "minutes", Value: intervention.RatioOf(minutes, 1)},
			{Code: MeasureReadinessLatest, Unit: "ratio", Value: readiness},
		},
	}
	referralOpen, referralDue := false, intervention.Date{}
	attended := intervention.Ratio{}
	if r := b.referral; r != nil && !r.Referred().After(today) {
		status := ReferralReferred
		for _, e := range r.History {
			if !e.On.After(today) {
				status = e.Status
			}
		}
		referralOpen = status.Open()
		referralDue = r.Referred().AddDays(b.cfg.ReferralFollowUpDays)
		attended = intervention.RatioOf(0, 1)
		if status == ReferralAttended {
			attended = intervention.RatioOf(1, 1)
		}
	}
	p.Measures = append(p.Measures, intervention.Measure{Code: MeasureReferralAttended, Unit: "ratio", Value: attended})

	switch {
	case delivered == 0 && b.cfg.Screen.Positive:
		due := b.FollowUpDue()
		p.Due = append(p.Due, intervention.Due{Code: DueFollowUp, By: due, Overdue: today.After(due), Ref: b.cfg.ID})
	case delivered == 0:
		// A negative screen owes no follow-up.
	case referralOpen:
		p.Status = intervention.StatusActive
	default:
		p.Status = intervention.StatusCompleted
	}
	if referralOpen {
		p.Due = append(p.Due, intervention.Due{Code: DueReferral, By: referralDue, Overdue: today.After(referralDue), Ref: b.referral.ID})
	}
	return p
}
