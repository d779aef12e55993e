package plan

// FreshIndex returns a plan with p's content whose index is not built yet,
// so that a benchmark measures a first check.
func FreshIndex(p *Plan) *Plan {
	n := p.Clone()
	n.st.lazy = &lazyIndex{}
	return n
}

// MarshalTargetDocument writes t as the plan document does.
func MarshalTargetDocument(t Target) ([]byte, error) { return targetDoc(t).MarshalJSON() }

// UnmarshalTargetDocument reads t as the plan document does.
func UnmarshalTargetDocument(b []byte, t *Target) error { return (*targetDoc)(t).UnmarshalJSON(b) }
