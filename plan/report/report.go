package report

import (
	"bytes"
	"errors"
	"io"
	"time"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
)

// Input is the record a report is made from: a treatment plan and the
// components whose figures the page charts, read as of AsOf. Every field
// is required.
type Input struct {
	// Plan is the treatment plan. Its Config gives the patient's opaque
	// ID, the admission time, the jurisdiction and setting shown in the
	// header, and the time zone the page's dates are read in.
	Plan *plan.Plan
	// Vouchers is the contingency-management programme and Ledger its
	// reward ledger: specimens, vouchers earned and redeemed.
	Vouchers *contingency.Program
	Ledger   *contingency.Ledger
	// Facilitation is the twelve-step facilitation: clean time, slips
	// and meetings.
	Facilitation *twelvestep.Facilitation
	// Motivation is the MI component: readiness-ruler trends and stages
	// of change.
	Motivation *motivation.Component
	// AsOf is the time the report is made as of; nothing later is shown.
	AsOf time.Time
}

// Options choose the view.
type Options struct {
	// Disclosure, when set, makes the 42 CFR Part 2 disclosure view for a
	// recipient outside the treatment team; nil makes the clinician view,
	// which withholds nothing.
	Disclosure *Disclosure
}

// Disclosure is the recipient of a disclosure view and the patient's
// consents that decide what it may see (reference: plans-and-interop.md
// §5.5, rules P-CONSENT-1..3).
type Disclosure struct {
	// Label names the recipient on the page, such as "the patient's
	// health plan, for payment". It is printed: it must not hold PHI.
	Label string
	// Recipient and Purpose are who receives the page and why.
	Recipient intervention.Recipient
	Purpose   intervention.Purpose
	// Consents are the patient's Part 2 consents.
	Consents []intervention.Consent
}

// ErrNoDisclosure means no consent permits disclosing any section of the
// report to the recipient; Render then writes nothing. The error also
// wraps an *intervention.DisclosureError with the last section's reason.
var ErrNoDisclosure = errors.New("report: no consent permits disclosing the report")

// Render writes the report as one self-contained HTML page: charts are
// inline SVG with a title, a description and a data table after each,
// styles are inline, and nothing is loaded from elsewhere. The page is
// written only when it is complete, so on error w gets nothing.
//
// Bad input returns an error wrapping intervention.ErrInvalid under the
// field's path ("plan", "asOf", "disclosure.label" …); a disclosure view
// no consent permits returns ErrNoDisclosure.
func Render(w io.Writer, in Input, opts Options) error {
	r, err := newRecord(in)
	if err != nil {
		return err
	}
	v, err := newView(r)
	if err != nil {
		return err
	}
	if opts.Disclosure != nil {
		if v.disclosure, err = newDisclosure(*opts.Disclosure, r); err != nil {
			return err
		}
	}
	var page bytes.Buffer
	writePage(&page, v)
	_, err = w.Write(page.Bytes())
	return err
}

// record is the input checked, with the dates the page needs.
type record struct {
	asOf     time.Time
	today    intervention.Date
	loc      *time.Location
	admitted intervention.Date
	cm       *contingency.Program
	ledger   *contingency.Ledger
	tsf      *twelvestep.Facilitation
	mi       *motivation.Component
	plan     *plan.Plan
}

// newRecord checks in and reads the plan's zone and dates.
func newRecord(in Input) (*record, error) {
	var errs []error
	missing := func(path string, absent bool) {
		if absent {
			errs = append(errs, intervention.Expect(path, intervention.ErrMissing, "required"))
		}
	}
	missing("plan", in.Plan == nil)
	missing("vouchers", in.Vouchers == nil)
	missing("ledger", in.Ledger == nil)
	missing("facilitation", in.Facilitation == nil)
	missing("motivation", in.Motivation == nil)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	cfg := in.Plan.Config()
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	if y := in.AsOf.Year(); y < intervention.TimeMinYear || y > intervention.TimeMaxYear {
		return nil, intervention.Expect("asOf", intervention.ErrOutOfRange, "required, a time from 1970 to 2200")
	}
	today, _ := intervention.DateOf(in.AsOf, loc)         // loc is not nil
	admitted, _ := intervention.DateOf(cfg.Admitted, loc) // a plan's Config is valid
	return &record{
		asOf: in.AsOf, today: today, loc: loc, admitted: admitted,
		cm: in.Vouchers, ledger: in.Ledger, tsf: in.Facilitation, mi: in.Motivation, plan: in.Plan,
	}, nil
}
