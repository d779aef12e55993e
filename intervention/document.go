package intervention

import "errors"

// DocumentMarshaler is implemented by a record whose JSON is its stored
// document and holds PHI (a plan, a component with patient words or notes).
// Such a record writes its document only when asked by name: its
// MarshalJSON refuses with ErrDocumentOnly, because encoding/json is also
// how loggers (slog's JSON handler, on a slice or map of records) and
// debugging tools encode values, and a stored document printed there is a
// PHI leak. Store the document from MarshalDocument, or a plan's Codec.
type DocumentMarshaler interface {
	MarshalDocument() ([]byte, error)
}

// ErrDocumentOnly is what the MarshalJSON of a DocumentMarshaler returns:
// write its document with MarshalDocument (or plan.Codec) instead. The
// message names no content.
var ErrDocumentOnly = errors.New("psychosocial: this record holds PHI and is encoded only by MarshalDocument or its codec, never by json.Marshal")
