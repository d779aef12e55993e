// Command report writes a self-contained HTML progress report for one
// patient in an outpatient programme: contingency-management results and
// voucher earnings, clean-time milestones and mutual-help meetings,
// readiness-ruler trends, and the treatment plan's objectives and rule
// findings. Charts are inline SVG with a title, a description, axis labels,
// a legend and a data table below each; styles are inline and nothing is
// loaded from elsewhere, so the file can be mailed, archived or printed as
// it is. No JavaScript is needed.
//
//	go run ./examples/report -o report.html                   # as of 2025-03-24
//	go run ./examples/report -as-of 2025-02-10 -o early.html  # the same record, earlier
//
// The record is built the way a host EHR builds it (reference:
// contingency.md §9; plans-and-interop.md §3.3, §4): a Higgins voucher
// programme (contingency.HigginsProgram on a Ledger over a MemStore) with a
// positive, a missed visit and a laboratory correction; a MAAEZ
// twelve-step facilitation with a sobriety date, a slip and a meeting log;
// an MI series with readiness, importance and confidence rulers; and a
// treatment plan that attaches the three components and measures its
// objectives with their measures. Only what happened by the as-of date is
// recorded. The patient appears as an opaque ID; plan text, which is PHI,
// is never printed.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
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
	firstAsOf = mustDate("2025-01-06")
	lastAsOf  = mustDate("2025-07-04")
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
	rec, err := buildRecord(o.asOf)
	if err != nil {
		return err
	}
	v, err := newView(rec)
	if err != nil {
		return err
	}
	if o.discloseTo != "" {
		if v.disclosure, err = newDisclosure(o.discloseTo, rec.today); err != nil {
			return err
		}
	}
	var page bytes.Buffer
	writePage(&page, v)
	if o.out == "" || o.out == "-" {
		_, err = out.Write(page.Bytes())
		return err
	}
	return os.WriteFile(o.out, page.Bytes(), 0o644)
}
