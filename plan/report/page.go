package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
)

// style is the page's only stylesheet. It loads nothing: system fonts, no
// images, no url() references.
const style = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --pale: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif; }
header, main, footer { max-width: 1040px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 3px solid var(--ink); padding-bottom: 12px; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 20px; margin: 0 0 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.lede { margin: 0 0 12px; color: var(--muted); }
dl.meta { display: flex; flex-wrap: wrap; gap: 4px 40px; margin: 0 0 8px; }
dl.meta dt { color: var(--muted); font-size: 13px; }
dl.meta dd { margin: 0; font-weight: 600; }
code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 13px; }
.note { font-size: 13px; color: var(--muted); margin: 4px 0 0; }
section { padding: 20px 0 16px; border-bottom: 1px solid var(--line); break-inside: avoid-page; }
ul.tiles { list-style: none; display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; padding: 0; margin: 8px 0 12px; }
ul.tiles li { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; padding: 8px 12px; background: var(--pale); }
ul.tiles .k { display: block; font-size: 13px; color: var(--muted); }
ul.tiles .v { display: block; font-size: 22px; font-weight: 700; line-height: 1.2; }
ul.tiles .s { display: block; font-size: 13px; color: var(--muted); }
figure { margin: 0; }
svg.chart { display: block; width: 100%; height: auto; max-width: 992px; }
svg.chart text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif; }
figcaption { font-size: 13px; color: var(--muted); margin: 2px 0 8px; }
.tables { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0 16px; }
.table-wrap { max-height: 15em; overflow: auto; border: 1px solid var(--line); border-radius: 6px; margin: 4px 0 8px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding: 6px 8px; background: #ffffff; }
th, td { text-align: left; padding: 3px 7px; border-top: 1px solid var(--line); vertical-align: top; white-space: nowrap; }
td.wrap { white-space: normal; min-width: 16em; }
thead th { position: sticky; top: 0; background: var(--pale); border-top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: var(--pale); }
.sev-error { color: #b42318; font-weight: 700; }
.sev-warning { color: #953800; font-weight: 700; }
.sev-info { color: #57606a; font-weight: 700; }
.src { color: var(--muted); font-size: 13px; }
footer { padding: 12px 24px 32px; font-size: 13px; color: var(--muted); }
@media (max-width: 760px) { ul.tiles { grid-template-columns: repeat(2, 1fr); } .tables { grid-template-columns: minmax(0, 1fr); } }
@media print {
  body { font-size: 11pt; }
  header, main, footer { max-width: none; padding: 0; }
  .table-wrap { max-height: none; overflow: visible; border: 0; }
  thead th { position: static; }
  figure, table, ul.tiles { break-inside: avoid; }
  section { border-bottom: 0; }
}
`

// pageWriter writes the page; fmt's errors surface when the buffer is
// written out.
type pageWriter struct{ w io.Writer }

func (p pageWriter) raw(s string) { _, _ = io.WriteString(p.w, s) }

func (p pageWriter) f(format string, args ...any) { _, _ = fmt.Fprintf(p.w, format, args...) }

// tile is one key figure.
type tile struct{ key, value, sub string }

func (p pageWriter) tiles(ts ...tile) {
	p.raw(`<ul class="tiles">` + "\n")
	for _, t := range ts {
		p.f(`<li><span class="k">%s</span><span class="v">%s</span><span class="s">%s</span></li>`+"\n", esc(t.key), esc(t.value), esc(t.sub))
	}
	p.raw("</ul>\n")
}

// column is a table column: its heading and whether it holds numbers.
type column struct {
	head string
	num  bool
	wrap bool // long text that may wrap
}

// table writes a scrollable data table with a caption.
func (p pageWriter) table(id, caption string, cols []column, rows [][]string) {
	p.f(`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="%s-caption">`+"\n", id)
	p.f(`<table id="%s"><caption id="%s-caption">%s</caption>`+"\n<thead><tr>", id, id, esc(caption))
	for _, c := range cols {
		cls := ""
		if c.num {
			cls = ` class="num"`
		}
		p.f(`<th scope="col"%s>%s</th>`, cls, esc(c.head))
	}
	p.raw("</tr></thead>\n<tbody>\n")
	for _, r := range rows {
		p.raw("<tr>")
		for i, cell := range r {
			tag, cls := "td", ""
			if i == 0 {
				tag = "th"
				cls = ` scope="row"`
			}
			switch {
			case i >= len(cols):
			case cols[i].num:
				cls += ` class="num"`
			case cols[i].wrap:
				cls += ` class="wrap"`
			}
			p.f("<%s%s>%s</%s>", tag, cls, esc(cell), tag)
		}
		p.raw("</tr>\n")
	}
	p.raw("</tbody></table></div>\n")
}

// figure writes a chart with its caption.
func (p pageWriter) figure(svg, caption string) {
	p.raw("<figure>\n" + svg + "<figcaption>" + esc(caption) + "</figcaption>\n</figure>\n")
}

// writePage writes the whole report.
func writePage(w io.Writer, v *view) {
	p := pageWriter{w}
	p.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	p.raw(`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n")
	p.f("<title>Progress report, patient %s, as of %s</title>\n", v.patient, v.today)
	p.raw("<style>" + style + "</style>\n</head>\n<body>\n")
	writeHeader(p, v)
	p.raw("<main>\n")
	writeSections(p, v, v.disclosure)
	p.raw("</main>\n")
	p.raw(`<footer><p>Made by plan/report from the record's own figures: contingency.Program.Status and the reward ledger, ` +
		`twelvestep.Facilitation.Summary, motivation.Component.Trend, plan.Plan.Progress and plan.DefaultRules. ` +
		`Every chart has a data table below it. The page loads nothing from elsewhere and needs no scripts.</p></footer>` + "\n")
	p.raw("</body>\n</html>\n")
}

func writeHeader(p pageWriter, v *view) {
	p.raw("<header>\n<h1>Progress report</h1>\n<dl class=\"meta\">\n")
	for _, kv := range [][2]string{
		{"Patient ID", v.patient.String()},
		{"As of", long(v.today) + " " + v.asOf.In(v.loc).Format("15:04 MST")},
		{"Admitted", long(v.admitted)},
		{"Setting", v.setting},
	} {
		p.f("<div><dt>%s</dt><dd>%s</dd></div>\n", esc(kv[0]), esc(kv[1]))
	}
	p.raw("</dl>\n")
	phi := "no name, and none of the plan's free text. "
	if v.disclosure == nil {
		phi = "no name. For the treating team, the objectives' wording is shown; no other free text of the plan is. "
	}
	p.raw(`<p class="note">The patient appears by an opaque ID only: ` + phi +
		`Dates of care are protected health information (42 CFR Part 2): keep this page where patient records may be kept.</p>` + "\n")
	writeDisclosureNotice(p, v.disclosure)
	p.raw("</header>\n")
}

func writeCM(p pageWriter, v *view) {
	cm, st := v.cm, v.cm.status
	p.raw(`<section id="cm" aria-labelledby="cm-h">` + "\n")
	p.raw(`<h2 id="cm-h">Contingency management: specimens and vouchers</h2>` + "\n")
	p.raw(`<p class="lede">Cocaine-negative urine three times a week for 12 weeks; Higgins escalating vouchers ` +
		`($2.50, +$1.25 per consecutive negative, $10 bonus every third), reset by a positive or missed specimen.</p>` + "\n")
	next := tile{"Next reward", "None", "programme complete"}
	if !st.NextVisit.IsZero() {
		next = tile{"Next reward", money(contingency.Dollars(st.NextAward.Amount())), long(st.NextVisit) + ", if negative"}
	}
	pct := tile{"Negative specimens", percentOf(st.PercentNegative), "no results yet"}
	if st.PercentNegative.Computable() {
		pct.sub = fmt.Sprintf("%d of %d that earned or reset", st.PercentNegative.Num().IntPart(), st.PercentNegative.Den().IntPart())
	}
	p.tiles(
		tile{"Current streak", plural(st.CurrentStreak, "visit", "visits"), fmt.Sprintf("longest %d (%s)", st.LongestStreak, plural(st.LongestAbstinenceDays, "day", "days"))},
		pct, next,
		tile{"Balance", money(st.Balance), "earned " + money(st.Earned) + ", exchanged " + money(st.Redeemed)},
	)
	p.figure(cmChart(v), "Top row: each scheduled visit's result. Bars: what the visit paid after any correction. "+
		"Line: the ledger's balance after the visit, net of voucher exchanges.")
	var rows [][]string
	for _, cv := range cm.visits {
		streak, paid, balance := "", "", ""
		if cv.state != visitScheduled {
			streak, paid, balance = strconv.Itoa(cv.streak), money(cv.paid), money(cv.balance)
		}
		var notes []string
		if cv.corrected {
			notes = append(notes, "first recorded "+cv.was+"; the laboratory reported "+cv.result)
		}
		if cv.redeemed.IsPositive() {
			notes = append(notes, money(cv.redeemed)+" exchanged since the previous visit")
		}
		rows = append(rows, []string{strconv.Itoa(cv.n), long(cv.date), cv.result, streak, paid, balance, strings.Join(notes, "; ")})
	}
	p.table("cm-table", "Visit by visit", []column{
		{head: "Visit", num: true}, {head: "Date"}, {head: "Result"}, {head: "Streak", num: true}, {head: "Paid", num: true}, {head: "Balance after", num: true}, {head: "Note", wrap: true},
	}, rows)
	p.raw("</section>\n")
}

func writeClean(p pageWriter, v *view) {
	cv := v.clean
	ct, ms := cv.sum.CleanTime, cv.sum.Meetings
	p.raw(`<section id="clean" aria-labelledby="clean-h">` + "\n")
	p.raw(`<h2 id="clean-h">Twelve-step facilitation: clean time and meetings</h2>` + "\n")
	p.raw(`<p class="lede">Clean time counts calendar days from the sobriety date; a slip recorded by a clinician restarts the ` +
		`current streak but never the journey. Milestones follow the common chip schedule; the meeting target is 90 in 90 days.</p>` + "\n")
	next := tile{"Next milestone", "None", "no milestone scheduled"}
	if !ct.Next.IsZero() {
		next = tile{"Next milestone", ct.Next.Milestone.Code, long(ct.Next.On) + ", in " + plural(ct.DaysToNext, "day", "days")}
	}
	last := "none yet"
	if !ct.Last.IsZero() {
		last = "latest " + ct.Last.Milestone.Code
	}
	p.tiles(
		tile{"Current streak", plural(ct.StreakDays, "day", "days"), "since " + long(ct.StreakStart)},
		next,
		tile{"Milestones this streak", strconv.Itoa(ct.Reached), last},
		tile{"Meetings, last " + strconv.Itoa(ms.Target.WindowDays) + " days", fmt.Sprintf("%d of %d", ms.InWindow, ms.Target.Meetings),
			fmt.Sprintf("%d in all, %d verified", ms.Total, ms.Verified)},
	)
	p.figure(cleanChart(v), fmt.Sprintf("Journey %s since %s, %s. The dashed green line runs from today to the next milestone.",
		plural(ct.JourneyDays, "day", "days"), long(ct.JourneyStart), plural(ct.Slips, "slip", "slips")))

	p.raw(`<div class="tables">` + "\n")
	var streaks [][]string
	for i, s := range cv.spans {
		ended := "ongoing"
		if !s.current {
			ended = "slip" // on the day after To
		}
		streaks = append(streaks, []string{strconv.Itoa(i + 1), s.from.String(), s.to.String(),
			strconv.Itoa(s.days), ended})
	}
	p.table("streak-table", "Streaks", []column{{head: "#", num: true}, {head: "From"}, {head: "To"}, {head: "Days", num: true}, {head: "Ended"}}, streaks)
	var marks [][]string
	for _, m := range cv.marks {
		which, state := "earlier", "reached"
		if m.current {
			which = "current"
			if !m.reached {
				state = "ahead"
			}
		}
		marks = append(marks, []string{m.code, which, m.on.String(), state})
	}
	p.table("milestone-table", "Milestones", []column{{head: "Milestone"}, {head: "Streak"}, {head: "Date"}, {head: "Status"}}, marks)
	p.table("meeting-table", "Meetings by week", []column{{head: "Week of"}, {head: "Meetings", num: true}, {head: "Verified", num: true}, {head: "Online", num: true}}, meetingWeeks(cv))
	p.raw("</div>\n</section>\n")
}

// meetingWeeks counts the meeting log by week, Monday to Sunday.
func meetingWeeks(cv cleanView) [][]string {
	var rows [][]string
	var week intervention.Date
	var n, verified, online int
	flush := func() {
		if n > 0 {
			rows = append(rows, []string{week.String(), strconv.Itoa(n), strconv.Itoa(verified), strconv.Itoa(online)})
		}
	}
	for _, m := range cv.meetings {
		monday := m.on.AddDays(-((int(m.on.Weekday()) + 6) % 7))
		if !monday.Equal(week) {
			flush()
			week, n, verified, online = monday, 0, 0, 0
		}
		n++
		if m.verified {
			verified++
		}
		if m.online {
			online++
		}
	}
	flush()
	return rows
}

func writeRulers(p pageWriter, v *view) {
	rv := v.rulers
	p.raw(`<section id="readiness" aria-labelledby="readiness-h">` + "\n")
	p.raw(`<h2 id="readiness-h">Motivational interviewing: readiness rulers</h2>` + "\n")
	p.raw(`<p class="lede">Rated at each fortnightly MI session on a 0 to 10 scale. The numbers start a conversation ` +
		`("why a 6 and not a 2?"); they are not scores to pass.</p>` + "\n")
	var tiles []tile
	for _, s := range rv.series {
		t := tile{title(string(s.ruler)), "—", "not rated yet"}
		if n := len(s.points); n > 0 {
			t.value = strconv.Itoa(s.points[n-1].Value) + " / 10"
			t.sub = "rated " + s.points[n-1].On.String()
			if ch, ok := s.change.Value(0); ok {
				t.sub = signed(ch.IntPart()) + " since " + s.points[0].On.String()
			}
		}
		tiles = append(tiles, t)
	}
	stage := tile{"Stage of change", "—", "not assessed yet"}
	if n := len(rv.stages); n > 0 {
		stage = tile{"Stage of change", string(rv.stages[n-1].Stage), "assessed " + rv.stages[n-1].On.String()}
	}
	p.tiles(append(tiles, stage)...)
	p.figure(rulerChart(v), "Solid blue: readiness. Dashed orange: importance. Dotted green: confidence. "+
		"Vertical dotted lines: stage-of-change assessments.")
	// One row per rating date.
	var dates []intervention.Date
	values := map[intervention.Date][]string{}
	for k, s := range rv.series {
		for _, r := range s.points {
			if _, ok := values[r.On]; !ok {
				dates = append(dates, r.On)
				values[r.On] = make([]string, len(rv.series)+1)
			}
			values[r.On][k] = strconv.Itoa(r.Value)
		}
	}
	for _, a := range rv.stages {
		if _, ok := values[a.On]; !ok {
			dates = append(dates, a.On)
			values[a.On] = make([]string, len(rv.series)+1)
		}
		values[a.On][len(rv.series)] = string(a.Stage)
	}
	slices.SortFunc(dates, intervention.Date.Compare)
	var rows [][]string
	for _, d := range dates {
		rows = append(rows, append([]string{d.String()}, values[d]...))
	}
	cols := []column{{head: "Date"}}
	for _, s := range rv.series {
		cols = append(cols, column{head: title(string(s.ruler)), num: true})
	}
	p.table("ruler-table", "Ruler ratings (0 to 10)", append(cols, column{head: "Stage assessed"}), rows)
	p.raw("</section>\n")
}

func writePlan(p pageWriter, v *view) {
	pv := v.plan
	p.raw(`<section id="plan" aria-labelledby="plan-h">` + "\n")
	p.raw(`<h2 id="plan-h">Treatment plan: objectives and findings</h2>` + "\n")
	wording := v.disclosure == nil // the treating team sees what the objectives say
	if wording {
		p.raw(`<p class="lede">Each objective is measured by a figure of the component that delivers it. ` +
			`Objectives are numbered in plan order; their wording is shown for the treating team and left out of a disclosure.</p>` + "\n")
	} else {
		p.raw(`<p class="lede">Each objective is measured by a figure of the component that delivers it. ` +
			`Objective wording is PHI and is not shown; objectives are numbered in plan order.</p>` + "\n")
	}
	review := tile{"Next review", "—", "no review scheduled"}
	for _, d := range pv.due {
		if d.Code == plan.DueReview {
			review = tile{"Next review", short(d.By), "by " + long(d.By) + ", overdue"}
			if !d.Overdue {
				review.sub = "by " + long(d.By) + ", not yet due"
			}
			break
		}
	}
	errs, warns := 0, 0
	for _, f := range pv.findings {
		switch f.Severity {
		case intervention.SeverityError:
			errs++
		case intervention.SeverityWarning:
			warns++
		case intervention.SeverityInfo:
		}
	}
	p.tiles(
		tile{"Plan status", string(pv.status), fmt.Sprintf("%s, %s", plural(pv.revisions, "revision", "revisions"), plural(pv.reviews, "review", "reviews"))},
		tile{"Objectives met", objectivesMetShort(pv), "by the plan's own status"},
		review,
		tile{"Rule findings", strconv.Itoa(len(pv.findings)), fmt.Sprintf("%s, %s", plural(errs, "error", "errors"), plural(warns, "warning", "warnings"))},
	)
	p.figure(objectiveChart(v), "Bars: the measured value as a share of the target; colour: the objective's status in the plan. "+
		"A bar can reach the target before the plan records the objective as met.")
	var rows [][]string
	for _, o := range pv.objectives {
		pct := "—"
		if o.measured && o.target.Numeric() {
			pct = o.share.Shift(2).StringFixed(0) + "%"
		}
		status := statusLabel(o.status)
		if o.overdue {
			status += ", overdue"
		}
		row := []string{strconv.Itoa(o.n), o.measure, targetText(o.target), o.due.String(), valueText(o), pct, status}
		if wording {
			row = slices.Insert(row, 1, o.text)
		}
		rows = append(rows, row)
	}
	cols := []column{
		{head: "Objective", num: true}, {head: "Measure"}, {head: "Target"}, {head: "Due"}, {head: "Measured", num: true}, {head: "Progress", num: true}, {head: "Status"},
	}
	if wording {
		cols = slices.Insert(cols, 1, column{head: "Wording", wrap: true})
	}
	p.table("objective-table", "Objectives", cols, rows)

	p.raw(`<h3 id="findings-h">Plan rule findings</h3>` + "\n")
	if len(pv.findings) == 0 {
		p.raw("<p>No findings: the plan passes every default rule.</p>\n")
	} else {
		p.raw("<ul class=\"findings\">\n")
		for _, f := range pv.findings {
			src := ""
			if f.Source != "" {
				src = ` <span class="src">(` + esc(f.Source) + `)</span>`
			}
			p.f(`<li><span class="sev-%s">%s</span> <code>%s</code> at <code>%s</code>: %s%s</li>`+"\n",
				esc(string(f.Severity)), esc(string(f.Severity)), esc(f.Rule), esc(f.Path), esc(f.Message), src)
		}
		p.raw("</ul>\n")
	}
	var due [][]string
	for _, d := range pv.due {
		overdue := "no"
		if d.Overdue {
			overdue = "yes"
		}
		due = append(due, []string{dueText(d.Code), long(d.By), overdue})
	}
	p.table("due-table", "What is due next", []column{{head: "What"}, {head: "By"}, {head: "Overdue"}}, due)
	p.raw("</section>\n")
}

// objectivesMetShort is "2 of 5".
func objectivesMetShort(pv planView) string {
	if !pv.met.Computable() {
		return "—"
	}
	return fmt.Sprintf("%d of %d", pv.met.Num().IntPart(), pv.met.Den().IntPart())
}

// dueText names a due item's code in words.
func dueText(code string) string {
	switch code {
	case plan.DueInitialPlan:
		return "Initial plan"
	case plan.DueReview:
		return "Plan review"
	case plan.DueCosignature:
		return "Co-signature"
	case plan.DueObjective:
		return "Objective's target date"
	case contingency.DueSpecimen:
		return "Next specimen"
	case "tsf.next-milestone":
		return "Next clean-time milestone"
	}
	return code
}

// settingText is the header's setting: the plan's setting code, first
// letter capitalised, and its jurisdiction, as "Outpatient, US-MN".
func settingText(c plan.Config) string {
	var parts []string
	if c.Setting != "" {
		parts = append(parts, strings.ToUpper(c.Setting[:1])+c.Setting[1:])
	}
	if c.Jurisdiction != "" {
		parts = append(parts, c.Jurisdiction)
	}
	return strings.Join(parts, ", ")
}
