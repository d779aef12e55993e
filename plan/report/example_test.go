package report_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/recoverykit/psychosocial/plan/report"
	"github.com/recoverykit/psychosocial/plan/report/reporttest"
)

// demoInput is reporttest's demo record as of 18:00 UTC on 24 March 2025.
func demoInput() (report.Input, error) {
	rec, err := reporttest.Build(time.Date(2025, 3, 24, 18, 0, 0, 0, time.UTC))
	if err != nil {
		return report.Input{}, err
	}
	return report.Input{
		Plan: rec.Plan, Vouchers: rec.Vouchers, Ledger: rec.Ledger,
		Facilitation: rec.Facilitation, Motivation: rec.Motivation, AsOf: rec.AsOf,
	}, nil
}

// Render the clinician view of a record and count its charts.
func ExampleRender() {
	in, err := demoInput()
	if err != nil {
		fmt.Println(err)
		return
	}
	var page bytes.Buffer
	if err := report.Render(&page, in, report.Options{}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("charts:", strings.Count(page.String(), "<svg "))
	fmt.Println("withheld sections:", strings.Count(page.String(), "Withheld:"))
	// Output:
	// charts: 4
	// withheld sections: 0
}

// The disclosure view for the patient's mother: her consent covers the
// treatment plan, attendance and progress, so the drug-test and
// readiness-ruler sections are withheld; the employer gets nothing.
func ExampleRender_disclosure() {
	in, err := demoInput()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"mother", "employer"} {
		a := reporttest.Audiences()[name]
		d := &report.Disclosure{Label: a.Label, Recipient: a.Recipient, Purpose: a.Purpose, Consents: reporttest.Consents()}
		var page bytes.Buffer
		err := report.Render(&page, in, report.Options{Disclosure: d})
		switch {
		case errors.Is(err, report.ErrNoDisclosure):
			fmt.Printf("%s: no page\n", name)
		case err != nil:
			fmt.Println(err)
		default:
			fmt.Printf("%s: %d charts, %d sections withheld\n", name,
				strings.Count(page.String(), "<svg "), strings.Count(page.String(), "Withheld:"))
		}
	}
	// Output:
	// mother: 2 charts, 2 sections withheld
	// employer: no page
}
