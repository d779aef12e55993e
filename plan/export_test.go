package plan

// FreshIndex returns a plan with p's content whose index is not built yet,
// so that a benchmark measures a first check.
func FreshIndex(p *Plan) *Plan {
	n := p.Clone()
	n.st.lazy = &lazyIndex{}
	return n
}
