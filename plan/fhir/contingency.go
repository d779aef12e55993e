package fhir

import (
	"errors"

	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// ExportContingency exports a contingency-management programme as of
// opts.Timestamp as a document: a Procedure for the programme (status
// preparation before the first visit, in-progress, completed once the
// calendar has ended; coded with the local modality code, as no SNOMED CT
// concept for CM is verified — reference: plans-and-interop.md §5.3
// [gap]); an Observation per visit result collected by then ("cm.visit-result":
// the result status and per-substance readings as local codes; status
// corrected when a correction replaced it); and an Observation per figure
// of contingency.Status (reference: contingency.md §9 items 8–9): visits,
// negatives, missed and held visits, current and longest streak, longest
// abstinence in days, the share of negative visits as an exact ratio, and
// the money earned, redeemed, on balance and remaining, in USD. As in
// contingency.Status, the money figures are the ledger's at the time of the
// export, while visits and streaks count only results collected by
// opts.Timestamp. The subject must be the ledger's participant.
func ExportContingency(subject Subject, p *contingency.Program, opts Options) (*Bundle, error) {
	if p == nil {
		return nil, intervention.Field("program", intervention.ErrMissing)
	}
	if err := errors.Join(checkInputs(subject, p.Ledger().Participant(), opts), p.Validate()); err != nil {
		return nil, err
	}
	b := newBuilder(subject, opts)
	b.contingency(p, nil)
	for _, c := range opts.Consents {
		b.consent(c)
	}
	return b.finish(kindCM)
}

// contingency adds programme p's Procedure, results and status figures,
// and returns the Procedure's reference and the figures' by code.
func (b *builder) contingency(p *contingency.Program, basedOn []Reference) (Reference, map[string]Reference) {
	b.disclose(intervention.InfoCMRewards, intervention.InfoToxicologyResults)
	cfg := p.Config()
	st := p.Status(b.opts.Timestamp)
	code := ModalityConcept(intervention.ModalityContingencyManagement, false)
	proc := &Procedure{
		Base: Base{ID: ResourceID("Procedure", p.ID())}, Identifier: []Identifier{uuidIdentifier(p.ID())},
		BasedOn: basedOn, Status: "in-progress", Code: &code, Subject: b.patient,
		PerformedPeriod: &Period{Start: cfg.Calendar.Start.String()},
	}
	switch {
	case st.Visits == 0:
		proc.Status = "preparation"
		proc.PerformedPeriod = nil
	case st.NextVisit.IsZero():
		proc.Status = "completed"
		proc.PerformedPeriod.End = cfg.Calendar.End().AddDays(-1).String()
	}
	procRef := b.add(proc)
	partOf := []Reference{procRef}

	for _, op := range latestResults(p.Operations()) {
		r := op.Result
		if r.CollectedAt.After(b.opts.Timestamp) {
			continue
		}
		obs := &Observation{
			Base:       Base{ID: ResourceID("Observation", p.ID(), "result", r.SpecimenID)},
			Identifier: []Identifier{{Value: r.SpecimenID}}, PartOf: partOf, Status: "final",
			Code: concept(local(SystemMeasure, "cm.visit-result")), Subject: b.patient,
			EffectiveDateTime: dateTime(r.CollectedAt), ValueCodeableConcept: conceptPtr(local(SystemCMResult, string(r.Status))),
		}
		if op.Kind == contingency.OperationCorrect {
			obs.Status = "corrected"
		}
		for _, rd := range r.Readings {
			obs.Component = append(obs.Component, ObservationComponent{
				Code: concept(local(SystemSubstance, string(rd.Substance))), ValueCodeableConcept: conceptPtr(local(SystemCMResult, string(rd.Status))),
			})
		}
		b.add(obs)
	}

	figures := []struct {
		code, unit string
		value      intervention.Ratio
	}{
		{"cm.visits", "visits", intervention.RatioOf(st.Visits, 1)},
		{"cm.scheduled", "visits", intervention.RatioOf(st.Scheduled, 1)},
		{"cm.negatives", "visits", intervention.RatioOf(st.Negative, 1)},
		{"cm.missed", "visits", intervention.RatioOf(st.Missed, 1)},
		{"cm.held", "visits", intervention.RatioOf(st.Held, 1)},
		{"cm.current-streak", "visits", intervention.RatioOf(st.CurrentStreak, 1)},
		{"cm.longest-streak", "visits", intervention.RatioOf(st.LongestStreak, 1)},
		{"cm.longest-abstinence", "days", intervention.RatioOf(st.LongestAbstinenceDays, 1)},
		{"cm.negative-share", "ratio", st.PercentNegative},
		{"cm.earned", "USD", money(st.Earned)},
		{"cm.redeemed", "USD", money(st.Redeemed)},
		{"cm.balance", "USD", money(st.Balance)},
		{"cm.max-remaining", "USD", money(st.MaxRemaining)},
		{"cm.expected-remaining", "USD", money(st.ExpectedRemaining)},
	}
	if st.HasCap {
		figures = append(figures, struct {
			code, unit string
			value      intervention.Ratio
		}{"cm.cap-remaining", "USD", money(st.CapRemaining)})
	}
	out := map[string]Reference{}
	for _, f := range figures {
		obs := &Observation{
			Base:   Base{ID: ResourceID("Observation", p.ID(), "measure", f.code)},
			PartOf: partOf, Status: "final", Code: concept(local(SystemMeasure, f.code)), Subject: b.patient,
			EffectiveDateTime: dateTime(b.opts.Timestamp),
		}
		setRatio(obs, f.value, f.unit)
		out[f.code] = b.add(obs)
	}
	return procRef, out
}

// latestResults returns, per specimen in first-recorded order, the last
// operation about it: a correction replaces the result it corrects.
func latestResults(ops []contingency.Operation) []contingency.Operation {
	var out []contingency.Operation
	at := map[string]int{}
	for _, op := range ops {
		if i, ok := at[op.Result.SpecimenID]; ok {
			out[i] = op
			continue
		}
		at[op.Result.SpecimenID] = len(out)
		out = append(out, op)
	}
	return out
}

// money returns m in cents as a ratio over 1, written with two decimals.
func money(m contingency.Money) intervention.Ratio {
	return intervention.NewRatio(m.Round(2), decimalOne())
}

// decimalOne returns the decimal 1.
func decimalOne() decimal.Decimal { return decimal.NewFromInt(1) }
