package plan

// timingTableJSON is TimingTable without its methods.
type timingTableJSON []TimingRule

// UnmarshalJSON decodes a timing table strictly, as every document is
// decoded (see strictUnmarshal): JSON null, a repeated key, a key in
// another case or an unknown key is an error naming the path. It does not
// validate t (Validate does). On error *t is unchanged.
func (t *TimingTable) UnmarshalJSON(b []byte) error {
	var v timingTableJSON
	if err := strictUnmarshal(b, &v); err != nil {
		return err
	}
	*t = TimingTable(v)
	return nil
}
