// Command report writes a self-contained HTML progress report for one
// patient in an outpatient programme with the plan/report package:
// contingency-management results and voucher earnings, clean-time
// milestones and mutual-help meetings, readiness-ruler trends, and the
// treatment plan's objectives and rule findings. Charts are inline SVG
// with a title, a description, axis labels, a legend and a data table
// below each; styles are inline and nothing is loaded from elsewhere, so
// the file can be mailed, archived or printed as it is. No JavaScript is
// needed.
//
//	go run ./examples/report -o report.html                   # as of 2025-03-24
//	go run ./examples/report -as-of 2025-02-10 -o early.html  # the same record, earlier
//	go run ./examples/report -disclose-to mother              # the 42 CFR Part 2 disclosure view
//
// The record is the demo patient's of plan/report/reporttest, built the
// way a host EHR builds it (reference: contingency.md §9;
// plans-and-interop.md §3.3, §4). Only what happened by the as-of date is
// recorded. The patient appears as an opaque ID. The clinician view shows
// the treating team the objectives' wording and no other plan text, which
// is PHI; -disclose-to makes the 42 CFR Part 2 disclosure view, which
// shows none and withholds the sections no consent permits.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan/report"
	"github.com/recoverykit/psychosocial/plan/report/reporttest"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// The as-of dates the record covers: from admission to the end of the
// plan period. The report is as of 18:00 UTC on the day.
var (
	firstAsOf = reporttest.First()
	lastAsOf  = reporttest.Last()
)

// options are the parsed command-line flags.
type options struct {
	out        string
	asOf       time.Time
	discloseTo string // "" for the clinician view
}

func parseFlags(out io.Writer, args []string) (options, bool, error) {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	file := fs.String("o", "", "write the HTML report to this file (default: standard output)")
	asOf := fs.String("as-of", "2025-03-24", "report date, YYYY-MM-DD, from "+firstAsOf.String()+" to "+lastAsOf.String())
	discloseTo := fs.String("disclose-to", "", "make the 42 CFR Part 2 disclosure view for one of: "+audienceNames())
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fmt.Fprintln(out, "usage: report [-o file] [-as-of YYYY-MM-DD] [-disclose-to recipient]")
			fs.PrintDefaults()
			return options{}, true, nil
		}
		return options{}, false, fmt.Errorf("%w (run with -h for usage)", err)
	}
	if fs.NArg() > 0 {
		return options{}, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	day, err := intervention.ParseDate(*asOf)
	if err != nil {
		return options{}, false, fmt.Errorf("-as-of: want YYYY-MM-DD: %w", err)
	}
	if day.Before(firstAsOf) || day.After(lastAsOf) {
		return options{}, false, fmt.Errorf("-as-of: the record covers %s to %s", firstAsOf, lastAsOf)
	}
	return options{out: *file, asOf: day.In(time.UTC).Add(18 * time.Hour), discloseTo: *discloseTo}, false, nil
}

func run(out io.Writer, args []string) error {
	o, help, err := parseFlags(out, args)
	if err != nil || help {
		return err
	}
	rec, err := reporttest.Build(o.asOf)
	if err != nil {
		return err
	}
	var opts report.Options
	if o.discloseTo != "" {
		a, ok := reporttest.Audiences()[o.discloseTo]
		if !ok {
			return fmt.Errorf("-disclose-to: want one of %s", audienceNames())
		}
		opts.Disclosure = &report.Disclosure{Label: a.Label, Recipient: a.Recipient, Purpose: a.Purpose, Consents: reporttest.Consents()}
	}
	in := report.Input{
		Plan: rec.Plan, Vouchers: rec.Vouchers, Ledger: rec.Ledger,
		Facilitation: rec.Facilitation, Motivation: rec.Motivation, AsOf: rec.AsOf,
	}
	var page bytes.Buffer
	if err := report.Render(&page, in, opts); err != nil {
		if o.discloseTo != "" {
			return fmt.Errorf("-disclose-to %s: %w", o.discloseTo, err)
		}
		return err
	}
	if o.out == "" || o.out == "-" {
		_, err = out.Write(page.Bytes())
		return err
	}
	return os.WriteFile(o.out, page.Bytes(), 0o644)
}

// audienceNames lists the names -disclose-to accepts, sorted.
func audienceNames() string {
	names := slices.Sorted(maps.Keys(reporttest.Audiences()))
	return strings.Join(names, ", ")
}
