package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
)

// plural returns "1 visit" or "n visits".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// percentOf formats a ratio as "94.1%", or "not computable".
func percentOf(r intervention.Ratio) string {
	p, ok := r.Percent(1)
	if !ok {
		return "not computable"
	}
	return p.StringFixed(1) + "%"
}

// rotated is the transform that turns a text at (x, y) upright along the
// y axis.
func rotated(x, y float64) attr { return sa("transform", "rotate(-90 "+num(x)+" "+num(y)+")") }

// cmChart draws each scheduled visit's result, what it paid and the
// balance after it.
func cmChart(v *view) string {
	const w, h = 960.0, 400.0
	const left, right, top, bottom, strip = 72.0, 84.0, 116.0, 318.0, 88.0
	cm := v.cm
	st := cm.status
	desc := fmt.Sprintf("%d of %d scheduled visits evaluated as of %s: %d negative, %d positive, %d missed",
		cm.seen, len(cm.visits), v.today, cm.counts[visitNegative], cm.counts[visitPositive], cm.counts[visitMissed])
	if n := cm.counts[visitOther]; n > 0 {
		desc += fmt.Sprintf(", %d other", n)
	}
	desc += fmt.Sprintf(". Current streak %s; %s of specimens negative. Earned $%s, exchanged $%s, balance $%s.",
		plural(st.CurrentStreak, "visit", "visits"), percentOf(st.PercentNegative), st.Earned, st.Redeemed, st.Balance)
	for _, cv := range cm.visits {
		if cv.corrected {
			desc += fmt.Sprintf(" Visit %d was first recorded %s and corrected to %s by the laboratory.", cv.n, cv.was, cv.result)
		}
	}
	c := newCanvas("cm-chart", w, h, "Specimen results and voucher earnings, visit by visit", desc)

	c.legend(left, 20, []legendItem{
		{"Negative", func(c *canvas, x, y float64) { dot(c, x, y, 6, green, green) }},
		{"Positive", func(c *canvas, x, y float64) { triangle(c, x, y, 7, red) }},
		{"Missed", func(c *canvas, x, y float64) { square(c, x, y, 5, "#ffffff", grey) }},
		{"Corrected by the laboratory", func(c *canvas, x, y float64) {
			dot(c, x, y, 6, green, green)
			dot(c, x, y, 9.5, "none", ink)
		}},
		{"Not yet collected", func(c *canvas, x, y float64) { dot(c, x, y, 2.5, lightGrey, lightGrey) }},
	})
	c.legend(left, 43, []legendItem{
		{"Paid at the visit (left axis)", func(c *canvas, x, y float64) { c.rect(x-6, y-7, 12, 14, sa("fill", blue)) }},
		{"Balance after the visit (right axis)", func(c *canvas, x, y float64) {
			c.line(x-9, y, x+9, y, sa("stroke", purple), fa("stroke-width", 2.5))
			dot(c, x, y, 3.5, purple, "#ffffff")
		}},
		{"Vouchers exchanged since the previous visit", func(c *canvas, x, y float64) { exchange(c, x, y, 7) }},
	})

	n := len(cm.visits)
	slot := (w - left - right) / float64(max(1, n))
	cx := func(i int) float64 { return left + (float64(i)+0.5)*slot }
	var maxPaid, maxBalance int64
	for _, cv := range cm.visits[:cm.seen] {
		maxPaid, maxBalance = max(maxPaid, cents(cv.paid)), max(maxBalance, cents(cv.balance))
	}
	paidStep, paidTop := niceStep((maxPaid + 99) / 100)
	balStep, balTop := niceStep((maxBalance + 99) / 100)
	yPaid := func(c int64) float64 { return bottom - float64(c)/float64(paidTop*100)*(bottom-top) }
	yBal := func(c int64) float64 { return bottom - float64(c)/float64(balTop*100)*(bottom-top) }

	// Gridlines and the two money axes.
	for d := int64(0); d <= paidTop; d += paidStep {
		y := yPaid(d * 100)
		c.line(left, y, w-right, y, sa("stroke", gridGrey))
		c.text(left-8, y+4, "$"+strconv.FormatInt(d, 10), sa("text-anchor", "end"), sa("fill", ink))
	}
	for d := int64(0); d <= balTop; d += balStep {
		y := yBal(d * 100)
		c.line(w-right, y, w-right+5, y, sa("stroke", purple))
		c.text(w-right+8, y+4, "$"+strconv.FormatInt(d, 10), sa("fill", purple))
	}
	c.line(left, top, left, bottom, sa("stroke", ink))
	c.line(w-right, top, w-right, bottom, sa("stroke", purple))
	c.text(18, (top+bottom)/2, "Paid at the visit (USD)", sa("text-anchor", "middle"), sa("fill", ink), rotated(18, (top+bottom)/2))
	c.text(w-14, (top+bottom)/2, "Balance (USD)", sa("text-anchor", "middle"), sa("fill", purple), rotated(w-14, (top+bottom)/2))

	// The result strip.
	c.text(left-8, strip+4, "Result", sa("text-anchor", "end"), sa("fill", ink), sa("font-weight", "600"))
	c.begin(sa("class", "results"))
	for i, cv := range cm.visits {
		x := cx(i)
		switch cv.state {
		case visitNegative:
			dot(c, x, strip, 6, green, green)
		case visitPositive:
			triangle(c, x, strip, 7, red)
		case visitMissed:
			square(c, x, strip, 5, "#ffffff", grey)
		case visitOther:
			dot(c, x, strip, 5, "#ffffff", grey)
		case visitScheduled:
			dot(c, x, strip, 2.5, lightGrey, lightGrey)
		}
		if cv.corrected {
			dot(c, x, strip, 9.5, "none", ink)
		}
	}
	c.end()

	// Paid per visit, then the balance line on top.
	c.begin(sa("class", "paid"))
	for i, cv := range cm.visits[:cm.seen] {
		if p := cents(cv.paid); p > 0 {
			c.rect(cx(i)-slot*0.32, yPaid(p), slot*0.64, bottom-yPaid(p), sa("fill", blue))
		}
	}
	c.end()
	if cm.seen > 0 {
		xs, ys := make([]float64, cm.seen), make([]float64, cm.seen)
		for i, cv := range cm.visits[:cm.seen] {
			xs[i], ys[i] = cx(i), yBal(cents(cv.balance))
		}
		c.begin(sa("class", "balance"))
		c.el("polyline", sa("points", points(xs, ys)), sa("fill", "none"), sa("stroke", purple), fa("stroke-width", 2.5), sa("stroke-linejoin", "round"))
		for i := range xs {
			dot(c, xs[i], ys[i], 3.5, purple, "#ffffff")
		}
		// An exchange shows where the line drops: on the segment into the
		// first visit after it.
		for i := range xs {
			if i > 0 && cm.visits[i].redeemed.IsPositive() {
				exchange(c, (xs[i-1]+xs[i])/2, (ys[i-1]+ys[i])/2, 7)
			}
		}
		c.end()
	}

	// The date axis: every visit ticked, Mondays labelled with the week.
	c.line(left, bottom, w-right, bottom, sa("stroke", ink))
	for i, cv := range cm.visits {
		c.line(cx(i), bottom, cx(i), bottom+4, sa("stroke", ink))
		if i%3 == 0 {
			c.text(cx(i), bottom+18, short(cv.date), sa("text-anchor", "middle"), sa("fill", ink))
			c.text(cx(i), bottom+33, "wk "+strconv.Itoa(i/3+1), sa("text-anchor", "middle"), sa("fill", muted))
		}
	}
	c.text((left+w-right)/2, h-14, "Scheduled visit (Monday, Wednesday, Friday); labels mark each week's Monday",
		sa("text-anchor", "middle"), sa("fill", ink))
	if cm.seen > 0 && cm.seen < n {
		x := left + float64(cm.seen)*slot
		c.line(x, strip-14, x, bottom, sa("stroke", ink), sa("stroke-dasharray", "4 3"))
		c.text(x, strip-19, "as of "+short(v.today), sa("text-anchor", "middle"), sa("fill", ink))
	}
	return c.close()
}

// cleanChart draws the clean-time streaks with their milestones, the
// meeting log and the 90-in-90 count.
func cleanChart(v *view) string {
	const w, h = 960.0, 340.0
	const left, right = 118.0, 24.0
	cv := v.clean
	ct, ms := cv.sum.CleanTime, cv.sum.Meetings
	desc := "No sobriety date is recorded."
	if ct.Tracked {
		desc = fmt.Sprintf("Journey started %s (%s ago); %s. Current streak %s since %s, %s reached.",
			ct.JourneyStart, plural(ct.JourneyDays, "day", "days"), plural(ct.Slips, "slip", "slips"),
			plural(ct.StreakDays, "day", "days"), ct.StreakStart, plural(ct.Reached, "milestone", "milestones"))
		if !ct.Next.IsZero() {
			desc += fmt.Sprintf(" Next milestone %s on %s, in %s.", ct.Next.Milestone.Code, ct.Next.On, plural(ct.DaysToNext, "day", "days"))
		}
	}
	desc += fmt.Sprintf(" %d of %d meetings in the %d days to %s (%s recorded in all, %d verified).",
		ms.InWindow, ms.Target.Meetings, ms.Target.WindowDays, ms.WindowEnd, plural(ms.Total, "meeting", "meetings"), ms.Verified)
	c := newCanvas("clean-chart", w, h, "Clean time, milestones and mutual-help meetings", desc)

	c.legend(left, 24, []legendItem{
		{"Current streak", func(c *canvas, x, y float64) { c.rect(x-9, y-6, 18, 12, sa("fill", green)) }},
		{"Earlier streak", func(c *canvas, x, y float64) { c.rect(x-9, y-6, 18, 12, sa("fill", grey)) }},
		{"Milestone reached", func(c *canvas, x, y float64) { diamond(c, x, y, 6, green, green) }},
		{"Milestone ahead", func(c *canvas, x, y float64) { diamond(c, x, y, 6, "#ffffff", green) }},
		{"Slip", func(c *canvas, x, y float64) { cross(c, x, y, 5, red) }},
	})
	c.legend(left, 48, []legendItem{
		{"Meeting, verified (tall)", func(c *canvas, x, y float64) { c.rect(x-3, y-8, 6, 16, sa("fill", darkBlue)) }},
		{"Meeting, self-reported (short)", func(c *canvas, x, y float64) { c.rect(x-3, y-1, 6, 9, sa("fill", blue)) }},
		{"Rolling 90-day window", func(c *canvas, x, y float64) {
			c.rect(x-9, y-7, 18, 14, sa("fill", paleBlue), sa("stroke", blue), fa("stroke-width", 0.75))
		}},
	})

	ax := newDayAxis(cv.from, cv.to, left, w-right)
	edge := func(d intervention.Date) float64 { return ax.x(d) - ax.px/2 } // the start of day d

	// Clean-time lane.
	const marksY, barTop, barH = 92.0, 100.0, 20.0
	c.text(left-10, barTop+14, "Clean time", sa("text-anchor", "end"), sa("fill", ink), sa("font-weight", "600"))
	for _, s := range cv.spans {
		fill := grey
		if s.current {
			fill = green
		}
		c.rect(edge(s.from), barTop, edge(s.to.AddDays(1))-edge(s.from), barH, sa("fill", fill))
	}
	if ct.Tracked && !ct.Next.IsZero() {
		c.line(ax.x(v.today), barTop+barH/2, ax.x(ct.Next.On), barTop+barH/2, sa("stroke", green), fa("stroke-width", 2), sa("stroke-dasharray", "5 4"))
	}
	for _, d := range cv.slips {
		cross(c, ax.x(d), barTop+barH/2, 6, red)
	}
	for _, m := range cv.marks {
		fill, stroke, label := green, green, ink
		switch {
		case !m.current:
			fill, stroke, label = grey, grey, muted
		case !m.reached:
			fill = "#ffffff"
		}
		x := ax.x(m.on)
		diamond(c, x, marksY, 6.5, fill, stroke)
		c.text(x, marksY-11, m.code, sa("text-anchor", "middle"), sa("fill", label))
	}

	// Meetings lane, over the rolling window.
	const meetTop, meetBottom = 142.0, 172.0
	c.text(left-10, meetBottom-8, "Meetings", sa("text-anchor", "end"), sa("fill", ink), sa("font-weight", "600"))
	if !ms.WindowEnd.IsZero() {
		from := ms.WindowStart
		if from.Before(cv.from) {
			from = cv.from
		}
		c.rect(edge(from), meetTop-4, edge(ms.WindowEnd.AddDays(1))-edge(from), meetBottom-meetTop+4,
			sa("fill", paleBlue), sa("stroke", blue), fa("stroke-width", 0.75))
	}
	tick := max(1.5, ax.px*0.7)
	for _, m := range cv.meetings {
		if m.verified {
			c.rect(ax.x(m.on)-tick/2, meetTop, tick, meetBottom-meetTop, sa("fill", darkBlue))
		} else {
			c.rect(ax.x(m.on)-tick/2, meetBottom-14, tick, 14, sa("fill", blue))
		}
	}

	// Today, and the date axis.
	x := ax.x(v.today)
	c.line(x, marksY-26, x, meetBottom+4, sa("stroke", ink), sa("stroke-dasharray", "4 3"))
	c.text(x, meetBottom+16, "as of "+short(v.today), sa("text-anchor", "middle"), sa("fill", ink))
	ax.ticks(c, cv.to, 204)
	c.text((left+w-right)/2, 244, "Date ("+strconv.Itoa(cv.from.Year())+")", sa("text-anchor", "middle"), sa("fill", ink))

	// 90 in 90: meetings in the window against the target, on its own scale.
	const trackW, nTop = 450.0, 270.0
	target := max(1, ms.Target.Meetings)
	c.text(left-10, nTop+15, strconv.Itoa(ms.Target.Meetings)+" in "+strconv.Itoa(ms.Target.WindowDays), sa("text-anchor", "end"), sa("fill", ink), sa("font-weight", "600"))
	c.rect(left, nTop, trackW, 20, sa("fill", paleGrey))
	c.rect(left, nTop, trackW*float64(min(ms.InWindow, target))/float64(target), 20, sa("fill", blue))
	for k := 0; k <= 3; k++ {
		tx := left + trackW*float64(k)/3
		c.line(tx, nTop+20, tx, nTop+25, sa("stroke", ink))
		c.text(tx, nTop+38, strconv.Itoa(target*k/3), sa("text-anchor", "middle"), sa("fill", ink))
	}
	c.text(left+trackW+12, nTop+15, fmt.Sprintf("%d of %d meetings in the %d days to %s (%s)", ms.InWindow, ms.Target.Meetings,
		ms.Target.WindowDays, short(ms.WindowEnd), percentOf(intervention.RatioOf(ms.InWindow, target))), sa("fill", ink))
	c.text(left+trackW/2, nTop+56, "Meetings counted toward the target", sa("text-anchor", "middle"), sa("fill", ink))
	return c.close()
}

// rulerStyle is how one ruler's series is drawn.
type rulerStyle struct {
	colour, dash string
	marker       func(c *canvas, x, y float64, colour string)
}

// rulerStyles: a line colour, a dash pattern and a marker shape each.
func rulerStyles(r motivation.Ruler) rulerStyle {
	switch r {
	case motivation.RulerReadiness:
		return rulerStyle{blue, "", func(c *canvas, x, y float64, col string) { dot(c, x, y, 5, col, "#ffffff") }}
	case motivation.RulerImportance:
		return rulerStyle{orange, "8 4", func(c *canvas, x, y float64, col string) { square(c, x, y, 4.5, col, col) }}
	case motivation.RulerConfidence:
		return rulerStyle{green, "2 3", func(c *canvas, x, y float64, col string) { triangle(c, x, y, 6.5, col) }}
	case motivation.RulerWillingness, motivation.RulerCommitment:
	}
	return rulerStyle{ink, "1 2", func(c *canvas, x, y float64, col string) { dot(c, x, y, 4, "#ffffff", col) }}
}

// title returns "Readiness" for "readiness".
func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// rulerChart draws the readiness, importance and confidence rulers over
// time, with the stage of change assessed.
func rulerChart(v *view) string {
	const w, h = 960.0, 350.0
	const left, right, top, bottom = 72.0, 30.0, 96.0, 282.0
	rv := v.rulers
	var parts []string
	for _, s := range rv.series {
		if n := len(s.points); n > 0 {
			p := fmt.Sprintf("%s %d on %s", s.ruler, s.points[n-1].Value, s.points[n-1].On)
			if ch, ok := s.change.Value(0); ok {
				p += fmt.Sprintf(" (%s since %s)", signed(ch.IntPart()), s.points[0].On)
			}
			parts = append(parts, p)
		}
	}
	desc := "No ruler ratings recorded yet."
	if len(parts) > 0 {
		desc = "Latest ratings on the 0 to 10 scale: " + strings.Join(parts, "; ") + "."
	}
	if n := len(rv.stages); n > 0 {
		desc += fmt.Sprintf(" Stage of change %s, assessed %s.", rv.stages[n-1].Stage, rv.stages[n-1].On)
	}
	c := newCanvas("ruler-chart", w, h, "Readiness, importance and confidence rulers over time", desc)

	var items []legendItem
	for _, s := range rv.series {
		st := rulerStyles(s.ruler)
		items = append(items, legendItem{title(string(s.ruler)), func(c *canvas, x, y float64) {
			c.line(x-10, y, x+10, y, sa("stroke", st.colour), fa("stroke-width", 2.5), sa("stroke-dasharray", st.dash))
			st.marker(c, x, y, st.colour)
		}})
	}
	items = append(items, legendItem{"Stage of change assessed", func(c *canvas, x, y float64) {
		c.line(x, y-8, x, y+8, sa("stroke", grey), fa("stroke-width", 1.5), sa("stroke-dasharray", "2 2"))
	}})
	c.legend(left, 24, items)

	ax := newDayAxis(rv.from, rv.to, left, w-right)
	y := func(val int) float64 { return bottom - float64(val)/10*(bottom-top) }
	for val := 0; val <= 10; val += 2 {
		c.line(left, y(val), w-right, y(val), sa("stroke", gridGrey))
		c.text(left-8, y(val)+4, strconv.Itoa(val), sa("text-anchor", "end"), sa("fill", ink))
	}
	c.line(left, top, left, bottom, sa("stroke", ink))
	c.text(22, (top+bottom)/2, "Rating (0 = not at all, 10 = extremely)", sa("text-anchor", "middle"), sa("fill", ink), rotated(22, (top+bottom)/2))
	for _, a := range rv.stages {
		x := ax.x(a.On)
		c.line(x, top-22, x, bottom, sa("stroke", grey), fa("stroke-width", 1.5), sa("stroke-dasharray", "2 2"))
		c.text(x+4, top-12, string(a.Stage), sa("fill", ink))
	}
	for _, s := range rv.series {
		if len(s.points) == 0 {
			continue
		}
		st := rulerStyles(s.ruler)
		xs, ys := make([]float64, len(s.points)), make([]float64, len(s.points))
		for i, p := range s.points {
			xs[i], ys[i] = ax.x(p.On), y(p.Value)
		}
		c.begin(sa("class", "series-"+string(s.ruler)))
		c.el("polyline", sa("points", points(xs, ys)), sa("fill", "none"), sa("stroke", st.colour), fa("stroke-width", 2.5),
			sa("stroke-dasharray", st.dash), sa("stroke-linejoin", "round"))
		for i := range xs {
			st.marker(c, xs[i], ys[i], st.colour)
		}
		c.end()
	}
	if len(parts) == 0 {
		c.text((left+w-right)/2, (top+bottom)/2, desc, sa("text-anchor", "middle"), sa("fill", muted))
	}
	ax.ticks(c, rv.to, bottom)
	c.text((left+w-right)/2, h-14, "Date rated ("+strconv.Itoa(rv.from.Year())+")", sa("text-anchor", "middle"), sa("fill", ink))
	return c.close()
}

// signed formats n with its sign: "+4", "-1", "0".
func signed(n int64) string {
	if n > 0 {
		return "+" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// statusColour is the colour of an objective status's bar.
func statusColour(s plan.ObjectiveStatus) string {
	switch s {
	case plan.ObjectiveMet:
		return green
	case plan.ObjectiveInProgress:
		return blue
	case plan.ObjectiveNotMet:
		return red
	case plan.ObjectiveNotStarted:
		return grey
	case plan.ObjectiveDiscontinued:
		return lightGrey
	}
	return grey
}

// statusLabel reads an objective status: "in progress".
func statusLabel(s plan.ObjectiveStatus) string { return strings.ReplaceAll(string(s), "-", " ") }

// measureLabel names a component measure an objective uses.
func measureLabel(code string) string {
	switch code {
	case contingency.MeasureNegativeShare:
		return "Negative specimens"
	case contingency.MeasureLongestStreak:
		return "Longest run of negatives"
	case contingency.MeasureCurrentStreak:
		return "Current run of negatives"
	case "tsf.streak-days":
		return "Continuous clean time"
	case "tsf.meetings-in-window":
		return "Meetings in the rolling window"
	case "mi.readiness-latest":
		return "Readiness ruler"
	}
	return code
}

// unitText is how a target unit reads after a number.
func unitText(u string) string {
	if u == "percent" {
		return "%"
	}
	return " " + u
}

// comparatorText is the symbol of a comparator.
func comparatorText(c plan.Comparator) string {
	switch c {
	case plan.AtLeast:
		return "≥"
	case plan.AtMost:
		return "≤"
	case plan.Exactly:
		return "="
	}
	return ""
}

// targetText reads a target: "≥ 80%", "≥ 90 days".
func targetText(t plan.Target) string {
	if !t.Numeric() {
		return "no numeric target"
	}
	return comparatorText(t.Comparator) + " " + t.Value.String() + unitText(t.Unit)
}

// valueText reads an objective's measured value: "94.1%", "61 days".
func valueText(o objectiveRow) string {
	if !o.measured {
		return "no data yet"
	}
	return o.value.String() + unitText(o.target.Unit)
}

// objectiveChart draws each objective's progress toward its target as a
// horizontal bar coloured by the objective's status in the plan.
func objectiveChart(v *view) string {
	const w, rowH, top = 960.0, 60.0, 64.0
	const barX, barW = 330.0, 400.0
	pv := v.plan
	h := top + rowH*float64(max(1, len(pv.objectives))) + 56
	var parts []string
	for _, o := range pv.objectives {
		parts = append(parts, fmt.Sprintf("Objective %d, %s %s: %s, %s", o.n, measureLabel(o.measure), targetText(o.target),
			valueText(o), statusLabel(o.status)))
	}
	desc := "The plan has no objectives yet."
	if len(parts) > 0 {
		desc = fmt.Sprintf("%s met. %s.", objectivesMet(pv), strings.Join(parts, "; "))
	}
	c := newCanvas("objective-chart", w, h, "Treatment-plan objectives: progress toward each target", desc)

	var items []legendItem
	for _, s := range plan.ObjectiveStatuses() {
		col := statusColour(s)
		items = append(items, legendItem{title(statusLabel(s)), func(c *canvas, x, y float64) { c.rect(x-9, y-6, 18, 12, sa("fill", col)) }})
	}
	items = append(items, legendItem{"Target", func(c *canvas, x, y float64) {
		c.line(x, y-8, x, y+8, sa("stroke", ink), fa("stroke-width", 2), sa("stroke-dasharray", "3 2"))
	}})
	c.legend(16, 24, items)

	for i, o := range pv.objectives {
		y0 := top + rowH*float64(i)
		c.begin(sa("class", "objective"))
		c.text(16, y0+18, fmt.Sprintf("Objective %d · %s", o.n, measureLabel(o.measure)), sa("fill", ink), sa("font-weight", "600"))
		due := ""
		if !o.due.IsZero() {
			due = " by " + short(o.due)
		}
		c.text(16, y0+36, "target "+targetText(o.target)+due, sa("fill", muted))
		c.rect(barX, y0+6, barW, 24, sa("fill", paleGrey))
		share, _ := o.share.Float64()
		c.rect(barX, y0+6, barW*share, 24, sa("fill", statusColour(o.status)))
		c.line(barX+barW, y0+2, barX+barW, y0+34, sa("stroke", ink), fa("stroke-width", 2), sa("stroke-dasharray", "3 2"))
		c.text(barX+barW+14, y0+18, valueText(o), sa("fill", ink), sa("font-weight", "600"))
		status := statusLabel(o.status)
		if o.overdue {
			status += ", overdue"
		}
		text := statusColour(o.status)
		if text == lightGrey {
			text = grey // lightGrey is for marks only: too pale for text
		}
		c.text(barX+barW+14, y0+36, status, sa("fill", text))
		c.end()
	}
	if len(pv.objectives) == 0 {
		c.text(w/2, top+rowH/2, desc, sa("text-anchor", "middle"), sa("fill", muted))
	}
	axisY := top + rowH*float64(max(1, len(pv.objectives))) - 14
	c.line(barX, axisY, barX+barW, axisY, sa("stroke", ink))
	for k := 0; k <= 4; k++ {
		x := barX + barW*float64(k)/4
		c.line(x, axisY, x, axisY+5, sa("stroke", ink))
		c.text(x, axisY+19, strconv.Itoa(25*k)+"%", sa("text-anchor", "middle"), sa("fill", ink))
	}
	c.text(barX+barW/2, axisY+40, "Progress toward the target (measured value ÷ target, capped at 100%)", sa("text-anchor", "middle"), sa("fill", ink))
	return c.close()
}

// objectivesMet reads the plan's met ratio: "2 of 5 objectives".
func objectivesMet(pv planView) string {
	if !pv.met.Computable() {
		return "No objectives"
	}
	return fmt.Sprintf("%d of %s", pv.met.Num().IntPart(), plural(int(pv.met.Den().IntPart()), "objective", "objectives"))
}

// money formats an amount: "$12.50".
func money(m contingency.Money) string { return "$" + m.String() }
