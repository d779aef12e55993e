package report

import (
	"html"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// A canvas writes one inline SVG chart. Every element is closed and every
// attribute quoted and escaped, so the SVG is well-formed XML as well as
// HTML. Presentation attributes (fill, stroke) are set on the elements, so
// a chart copied out of the page keeps its colours.
type canvas struct {
	b strings.Builder
}

// attr is one attribute of an element.
type attr struct{ k, v string }

// fa is a numeric attribute.
func fa(k string, x float64) attr { return attr{k, num(x)} }

// sa is a text attribute.
func sa(k, v string) attr { return attr{k, v} }

// num formats a coordinate with at most one decimal.
func num(x float64) string {
	x = math.Round(x*10) / 10
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// esc escapes text for HTML and XML alike.
func esc(s string) string { return html.EscapeString(s) }

// newCanvas opens an SVG of w × h user units whose accessible name is
// title and whose description is desc.
func newCanvas(id string, w, h float64, title, desc string) *canvas {
	c := &canvas{}
	c.b.WriteString(`<svg id="` + id + `" class="chart" viewBox="0 0 ` + num(w) + " " + num(h) +
		`" role="img" aria-labelledby="` + id + `-title ` + id + `-desc" font-size="12">` + "\n")
	c.b.WriteString(`<title id="` + id + `-title">` + esc(title) + "</title>\n")
	c.b.WriteString(`<desc id="` + id + `-desc">` + esc(desc) + "</desc>\n")
	return c
}

func (c *canvas) open(name string, attrs []attr) {
	c.b.WriteString("<" + name)
	for _, a := range attrs {
		c.b.WriteString(" " + a.k + `="` + esc(a.v) + `"`)
	}
}

// el writes an empty element.
func (c *canvas) el(name string, attrs ...attr) {
	c.open(name, attrs)
	c.b.WriteString("/>\n")
}

// text writes a text element.
func (c *canvas) text(x, y float64, s string, attrs ...attr) {
	c.open("text", append([]attr{fa("x", x), fa("y", y)}, attrs...))
	c.b.WriteString(">" + esc(s) + "</text>\n")
}

// begin opens a group; end closes it.
func (c *canvas) begin(attrs ...attr) {
	c.open("g", attrs)
	c.b.WriteString(">\n")
}

func (c *canvas) end() { c.b.WriteString("</g>\n") }

// close ends the SVG and returns it.
func (c *canvas) close() string {
	c.b.WriteString("</svg>\n")
	return c.b.String()
}

// line draws a line segment.
func (c *canvas) line(x1, y1, x2, y2 float64, attrs ...attr) {
	c.el("line", append([]attr{fa("x1", x1), fa("y1", y1), fa("x2", x2), fa("y2", y2)}, attrs...)...)
}

// rect draws a rectangle.
func (c *canvas) rect(x, y, w, h float64, attrs ...attr) {
	c.el("rect", append([]attr{fa("x", x), fa("y", y), fa("width", math.Max(0, w)), fa("height", math.Max(0, h))}, attrs...)...)
}

// points formats a polyline's points.
func points(xs, ys []float64) string {
	var b strings.Builder
	for i := range xs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(xs[i]) + "," + num(ys[i]))
	}
	return b.String()
}

// Colours: those used for text have at least 4.5:1 contrast on white (WCAG
// 1.4.3), lightGrey is for marks only (3:1, WCAG 1.4.11), and the pale
// ones are backgrounds. Every series also differs in shape, size or dash
// pattern, so nothing depends on colour alone.
const (
	ink       = "#1f2328" // text and axes
	muted     = "#57606a" // secondary text
	gridGrey  = "#d0d7de" // gridlines (decorative)
	green     = "#1a7f37" // negative specimen, reached, met
	red       = "#b42318" // positive specimen, slip, not met
	grey      = "#6e7781" // missed, not started
	blue      = "#0969da" // money paid, meetings, readiness, in progress
	darkBlue  = "#0a3069" // verified meetings
	purple    = "#8250df" // balance
	orange    = "#953800" // importance ruler
	paleBlue  = "#ddf4ff" // the rolling window (background)
	paleGrey  = "#eaeef2" // bar tracks (background)
	lightGrey = "#8c959f" // not yet due, discontinued
)

// legendItem is one entry of a chart's legend: a swatch drawn at (x, y)
// and a label.
type legendItem struct {
	label string
	draw  func(c *canvas, x, y float64)
}

// legend draws items left to right from x on the baseline y and returns
// the x after the last one.
func (c *canvas) legend(x, y float64, items []legendItem) float64 {
	c.begin(sa("class", "legend"))
	for _, it := range items {
		it.draw(c, x+8, y-4)
		c.text(x+20, y, it.label, sa("fill", ink))
		x += 30 + 6.6*float64(len(it.label))
	}
	c.end()
	return x
}

// Marker shapes, centred on (x, y).

func dot(c *canvas, x, y, r float64, fill, stroke string) {
	c.el("circle", fa("cx", x), fa("cy", y), fa("r", r), sa("fill", fill), sa("stroke", stroke), fa("stroke-width", 1.5))
}

func triangle(c *canvas, x, y, r float64, fill string) {
	c.el("polygon", sa("points", points([]float64{x, x + r, x - r}, []float64{y - r, y + r*0.8, y + r*0.8})), sa("fill", fill))
}

// exchange is a purple downward triangle ringed in white, so it shows
// over the bars.
func exchange(c *canvas, x, y, r float64) {
	c.el("polygon", sa("points", points([]float64{x - r, x + r, x}, []float64{y - r*0.8, y - r*0.8, y + r})),
		sa("fill", purple), sa("stroke", "#ffffff"), fa("stroke-width", 1.5))
}

func square(c *canvas, x, y, r float64, fill, stroke string) {
	c.rect(x-r, y-r, 2*r, 2*r, sa("fill", fill), sa("stroke", stroke), fa("stroke-width", 2))
}

func diamond(c *canvas, x, y, r float64, fill, stroke string) {
	c.el("polygon", sa("points", points([]float64{x, x + r, x, x - r}, []float64{y - r, y, y + r, y})),
		sa("fill", fill), sa("stroke", stroke), fa("stroke-width", 1.5))
}

func cross(c *canvas, x, y, r float64, stroke string) {
	c.line(x-r, y-r, x+r, y+r, sa("stroke", stroke), fa("stroke-width", 3))
	c.line(x-r, y+r, x+r, y-r, sa("stroke", stroke), fa("stroke-width", 3))
}

// niceStep returns a round tick step for an axis from 0 to max with at
// most about five ticks, and the axis top (a multiple of the step).
func niceStep(maxValue int64) (step, top int64) {
	for _, s := range []int64{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000} {
		step = s
		if maxValue <= 5*s {
			break
		}
	}
	top = max(step, (maxValue+step-1)/step*step)
	return step, top
}

// cents is a money amount in whole cents, for drawing (money is never a
// float; pixels are).
func cents(m contingency.Money) int64 { return m.Shift(2).Round(0).IntPart() }

// short formats a date for an axis: "Jan 6".
func short(d intervention.Date) string {
	return d.Month().String()[:3] + " " + strconv.Itoa(d.Day())
}

// long formats a date for text: "Mon 2025-01-06".
func long(d intervention.Date) string {
	return d.Weekday().String()[:3] + " " + d.String()
}

// dayAxis maps dates to x between x0 and x1.
type dayAxis struct {
	from   intervention.Date
	x0, px float64 // x of from, and pixels per day
}

func newDayAxis(from, to intervention.Date, x0, x1 float64) dayAxis {
	days := max(1, to.DaysSince(from))
	return dayAxis{from: from, x0: x0, px: (x1 - x0) / float64(days)}
}

// x returns the x of the middle of day d.
func (a dayAxis) x(d intervention.Date) float64 {
	return a.x0 + (float64(d.DaysSince(a.from))+0.5)*a.px
}

// ticks draws the date axis on the baseline y from from to to: a tick and
// label every Monday (every second Monday on a long axis).
func (a dayAxis) ticks(c *canvas, to intervention.Date, y float64) {
	every := 7
	if to.DaysSince(a.from) > 130 {
		every = 14
	}
	first := a.from
	for first.Weekday() != time.Monday {
		first = first.AddDays(1)
	}
	c.line(a.x0, y, a.x0+float64(to.DaysSince(a.from))*a.px, y, sa("stroke", ink))
	for d := first; !d.After(to); d = d.AddDays(every) {
		x := a.x0 + float64(d.DaysSince(a.from))*a.px
		c.line(x, y, x, y+5, sa("stroke", ink))
		c.text(x, y+18, short(d), sa("text-anchor", "middle"), sa("fill", ink))
	}
}
