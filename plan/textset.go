package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"strings"
	"unicode"

	"github.com/recoverykit/psychosocial/intervention"
)

// TextHash is the SHA-256 of a normalised text (HashText). A host keeps a
// corpus of template wording and other patients' goals as hashes, so the
// corpus itself holds no PHI in the clear.
type TextHash [sha256.Size]byte

// ErrBadTextHash means a text hash is not 64 hexadecimal digits.
var ErrBadTextHash = fmt.Errorf("plan: text hash: %w", intervention.ErrInvalid)

// HashText returns the hash of s after normalisation: case folded, runs of
// white space and punctuation collapsed to one space, trimmed. "I want to
// stay sober." and "i want  to stay sober" hash alike.
func HashText(s string) TextHash {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return sha256.Sum256([]byte(b.String()))
}

// String returns the hash in lowercase hexadecimal.
func (h TextHash) String() string { return hex.EncodeToString(h[:]) }

// MarshalText encodes h in lowercase hexadecimal.
func (h TextHash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText decodes 64 hexadecimal digits; on error *h is unchanged.
func (h *TextHash) UnmarshalText(b []byte) error {
	var v TextHash
	if len(b) != 2*len(v) {
		return ErrBadTextHash
	}
	if _, err := hex.Decode(v[:], b); err != nil {
		return ErrBadTextHash
	}
	*h = v
	return nil
}

// TextSet is an immutable set of text hashes: the corpus rule P-SCRIPT-1
// compares goals and objectives with (template wording, other patients'
// plans). The zero TextSet is empty.
type TextSet struct {
	m map[TextHash]struct{}
}

// NewTextSet returns the set of the hashes of texts.
func NewTextSet(texts ...string) TextSet {
	hashes := make([]TextHash, len(texts))
	for i, t := range texts {
		hashes[i] = HashText(t)
	}
	return TextSet{}.WithHashes(hashes...)
}

// WithHashes returns a copy of t with hashes added.
func (t TextSet) WithHashes(hashes ...TextHash) TextSet {
	m := maps.Clone(t.m)
	if m == nil {
		m = make(map[TextHash]struct{}, len(hashes))
	}
	for _, h := range hashes {
		m[h] = struct{}{}
	}
	return TextSet{m: m}
}

// Contains reports whether s, normalised, is in the set.
func (t TextSet) Contains(s string) bool {
	_, ok := t.m[HashText(s)]
	return ok
}

// Len returns the number of hashes in the set.
func (t TextSet) Len() int { return len(t.m) }
