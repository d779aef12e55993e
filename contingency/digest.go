package contingency

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Digest anchors a ledger at a version: who it belongs to, how many entries
// it had, the hash of the last one, and the balance and amount owed they
// add up to. A hash chain is checked only against itself, so an insider who
// deletes the newest rows, or edits an entry and recomputes every hash after
// it, leaves a chain that verifies; a digest kept outside the table the
// ledger lives in — printed on the participant's receipt, written daily to
// another system — catches both (see VerifyDigest and the package's threat
// model).
//
// Its text form, "cm-digest/1 <participant> <version> <head> <balance>
// <owed>", is what a host prints or stores; it holds no PHI.
type Digest struct {
	Participant uuid.UUID `json:"participant"`
	Version     Version   `json:"version"`
	// Head is the Hash of entry Version; empty for version 0.
	Head    string `json:"head"`
	Balance Money  `json:"balance"`
	Owed    Money  `json:"owed"`
}

// digestTag starts a Digest's text form and versions it.
const digestTag = "cm-digest/1"

// Anchored verification failures; each matches ErrTampered.
var (
	// ErrTruncated means the ledger has fewer entries than a digest of it
	// recorded: entries were deleted from its end.
	ErrTruncated = fmt.Errorf("ledger is shorter than its digest: %w", ErrTampered)
	// ErrDigestMismatch means the entry at the digest's version, or the
	// totals up to it, are not the ones the digest recorded: an entry at or
	// before it was rewritten (its hash chain recomputed), or the digest
	// belongs to another participant.
	ErrDigestMismatch = fmt.Errorf("ledger does not match its digest: %w", ErrTampered)
	// ErrMalformedDigest means a digest's text form cannot be read.
	ErrMalformedDigest = fmt.Errorf("contingency: malformed ledger digest: %w", intervention.ErrInvalid)
)

// Digest returns the ledger's digest now.
func (l *Ledger) Digest() Digest {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return Digest{
		Participant: l.participant, Version: l.version(), Head: l.head,
		Balance: l.totalsNow().Balance, Owed: l.totalsNow().Owed,
	}
}

// DigestOf returns the digest of entries, a whole ledger in order, at their
// last entry. It does not verify them.
func DigestOf(participant uuid.UUID, entries []Entry) Digest {
	t := Fold(entries)
	d := Digest{Participant: participant, Version: Version(len(entries)), Balance: t.Balance, Owed: t.Owed}
	if n := len(entries); n > 0 {
		d.Head = entries[n-1].Hash
	}
	return d
}

// VerifyDigest checks entries, a whole ledger, against d, a digest taken
// earlier and kept elsewhere: the chain must verify (Verify), belong to
// d.Participant, hold at least d.Version entries (else ErrTruncated), and
// its first d.Version entries must end at d.Head and add up to d.Balance and
// d.Owed (else ErrDigestMismatch). Entries appended after the digest are
// checked by the chain alone. Every failure matches ErrTampered; a
// *VerifyError names the first broken entry when the chain itself breaks.
func VerifyDigest(entries []Entry, d Digest) error {
	if err := verifyChain(entries, 0, "", d.Participant); err != nil {
		return err
	}
	if uint64(len(entries)) < uint64(d.Version) {
		return ErrTruncated
	}
	got := DigestOf(d.Participant, entries[:d.Version])
	if got.Head != d.Head || !got.Balance.Equal(d.Balance) || !got.Owed.Equal(d.Owed) {
		return ErrDigestMismatch
	}
	return nil
}

// String returns the digest's text form.
func (d Digest) String() string {
	return digestTag + " " + d.Participant.String() + " " + strconv.FormatUint(uint64(d.Version), 10) + " " +
		headText(d.Head) + " " + d.Balance.StringFixed(2) + " " + d.Owed.StringFixed(2)
}

// headText writes an empty head as "-".
func headText(head string) string {
	if head == "" {
		return "-"
	}
	return head
}

// MarshalText returns the digest's text form.
func (d Digest) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the text form with ParseDigest; on error *d is
// unchanged.
func (d *Digest) UnmarshalText(b []byte) error {
	v, err := ParseDigest(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDigest reads a digest's text form. Errors wrap ErrMalformedDigest and
// never quote the input.
func ParseDigest(s string) (Digest, error) {
	f := strings.Split(s, " ")
	if len(f) != 6 || f[0] != digestTag {
		return Digest{}, ErrMalformedDigest
	}
	var d Digest
	var errs []error
	var err error
	if d.Participant, err = uuid.Parse(f[1]); err != nil || len(f[1]) != 36 {
		errs = append(errs, intervention.Field("participant", ErrMalformedDigest))
	}
	v, err := strconv.ParseUint(f[2], 10, 63)
	if err != nil || strconv.FormatUint(v, 10) != f[2] {
		errs = append(errs, intervention.Field("version", ErrMalformedDigest))
	}
	d.Version = Version(v)
	switch {
	case f[3] == "-" && v == 0:
	case len(f[3]) == 64 && isLowerHex(f[3]) && v > 0:
		d.Head = f[3]
	default:
		errs = append(errs, intervention.Field("head", ErrMalformedDigest))
	}
	for _, m := range []struct {
		field string
		text  string
		to    *Money
	}{{"balance", f[4], &d.Balance}, {"owed", f[5], &d.Owed}} {
		if *m.to, err = ParseMoney(m.text); err != nil || m.to.IsNegative() || m.to.StringFixed(2) != m.text {
			errs = append(errs, intervention.Field(m.field, ErrMalformedDigest))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Digest{}, err
	}
	return d, nil
}

// isLowerHex reports whether s is lower-case hexadecimal.
func isLowerHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}
