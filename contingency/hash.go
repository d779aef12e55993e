package contingency

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// entryHashDomain starts the canonical bytes of every entry, so that a hash
// of an entry can never be confused with a hash of anything else.
const entryHashDomain = "recoverykit/contingency/entry/v1"

// ErrTampered matches every error Verify returns: the ledger's entries are
// not the ones that were written (reference: contingency.md §5; DESIGN.md,
// "Verify detects any edited, dropped or reordered entry").
var ErrTampered = errors.New("contingency: ledger entries do not verify")

// The ways a ledger can fail to verify; each matches ErrTampered.
var (
	// ErrSeqMismatch means an entry is not at its position: one before it
	// was dropped, or entries were reordered or inserted.
	ErrSeqMismatch = fmt.Errorf("sequence number out of place: %w", ErrTampered)
	// ErrBrokenChain means an entry's PrevHash is not the Hash of the entry
	// before it.
	ErrBrokenChain = fmt.Errorf("previous hash does not match: %w", ErrTampered)
	// ErrHashMismatch means an entry's Hash is not the hash of its content:
	// the entry was edited after it was written.
	ErrHashMismatch = fmt.Errorf("entry hash does not match its content: %w", ErrTampered)
	// ErrParticipantMismatch means the entries belong to more than one
	// participant.
	ErrParticipantMismatch = fmt.Errorf("entry belongs to another participant: %w", ErrTampered)
)

// VerifyError names the first entry of a ledger that does not verify. Seq is
// the position (from 1) where verification failed, ID the ID of the entry
// found there and Index its index in the slice; Err is the rule it broke
// (ErrSeqMismatch, ErrBrokenChain, ErrHashMismatch or
// ErrParticipantMismatch). Every VerifyError matches ErrTampered.
type VerifyError struct {
	Seq   Version
	ID    uuid.UUID
	Index int
	Err   error
}

// Error reports the position and the rule, never the entry's content.
func (e *VerifyError) Error() string {
	rule := "tampered"
	if e.Err != nil {
		rule = e.Err.Error()
	}
	return "contingency: ledger entry " + strconv.FormatUint(uint64(e.Seq), 10) + ": " + rule
}

// Unwrap returns the rule.
func (e *VerifyError) Unwrap() error { return e.Err }

// Is makes every VerifyError match ErrTampered.
func (e *VerifyError) Is(target error) bool { return target == ErrTampered }

// Verify checks that entries are a whole, untampered ledger: Seq runs 1, 2, …
// without gaps, every entry belongs to the same participant, each PrevHash is
// the Hash of the entry before (the empty string for the first), and each Hash
// is HashEntry of the entry. It returns nil or a *VerifyError naming the first
// entry that was edited, dropped, inserted or reordered.
//
// A hash chain shows edits inside the ledger but not a truncated tail: compare
// the last Hash with one kept elsewhere (the store's version, a receipt) to
// detect that. An empty slice verifies.
func Verify(entries []Entry) error {
	return verifyChain(entries, 0, "", uuid.Nil)
}

// verifyChain verifies entries that continue a ledger whose last entry has
// Seq after and Hash prev. participant, when not Nil, is the owner every
// entry must have.
func verifyChain(entries []Entry, after Version, prev string, participant uuid.UUID) error {
	for i := range entries {
		e := &entries[i]
		want := after + Version(i) + 1
		fail := func(rule error) error { return &VerifyError{Seq: want, ID: e.ID, Index: i, Err: rule} }
		if participant == uuid.Nil {
			participant = e.Participant
		}
		switch {
		case e.Seq != want:
			return fail(ErrSeqMismatch)
		case e.Participant != participant:
			return fail(ErrParticipantMismatch)
		case e.PrevHash != prev:
			return fail(ErrBrokenChain)
		case HashEntry(*e) != e.Hash:
			return fail(ErrHashMismatch)
		}
		prev = e.Hash
	}
	return nil
}

// HashEntry returns the hex SHA-256 of CanonicalBytes(e): the value of e.Hash
// for an untampered entry. It reads e.PrevHash but not e.Hash.
func HashEntry(e Entry) string {
	var buf [1024]byte
	w := canonWriter{b: buf[:0]}
	w = w.entry(&e)
	return w.sum()
}

// CanonicalBytes returns the bytes an entry's hash is computed over: a domain
// tag, then PrevHash, then every other field except Hash in a fixed order,
// each as a netstring ("<length>:<bytes>,"). Money is written with exactly
// two decimal places (StringFixed(2)) and times in UTC as RFC 3339 with
// nanoseconds, so that neither shopspring/decimal's package settings nor the
// time zone an entry was decoded in changes the hash
// (CONVENTIONS §12; reference: contingency.md §5).
//
// The layout is part of the ledger's format: changing it breaks Verify on
// every stored ledger, so it is versioned by the domain tag.
func CanonicalBytes(e Entry) []byte {
	w := canonWriter{b: make([]byte, 0, 512)}
	w = w.entry(&e)
	return w.b
}

// entry writes the canonical bytes of e.
func (w canonWriter) entry(e *Entry) canonWriter {
	w = w.str(entryHashDomain)
	w = w.str(e.PrevHash)
	w = w.str(e.SchemaVersion)
	w = w.uuid(e.ID)
	w = w.uuid(e.Participant)
	w = w.uint(uint64(e.Seq))
	w = w.str(string(e.Kind))
	w = w.str(e.IdempotencyKey)
	w = w.str(e.InputHash)
	w = w.time(e.EffectiveAt)
	w = w.time(e.RecordedAt)
	w = w.money(e.Amount)
	w = w.str(string(e.Instrument))
	w = w.str(e.FundingSource)
	w = w.str(e.Actor)
	w = w.str(e.Reason)
	w = w.uuid(e.Corrects)
	w = w.str(e.Visit)
	w = w.award(e.Award, true)
	w = w.str(e.Status.String())
	w = w.money(e.Shortfall)
	return w
}

// canonWriter builds canonical bytes as a sequence of netstrings.
type canonWriter struct{ b []byte }

func (w canonWriter) str(s string) canonWriter {
	w.b = strconv.AppendInt(w.b, int64(len(s)), 10)
	w.b = append(w.b, ':')
	w.b = append(w.b, s...)
	w.b = append(w.b, ',')
	return w
}

// bytes writes s as a netstring, like str, without converting it.
func (w canonWriter) bytes(s []byte) canonWriter {
	w.b = strconv.AppendInt(w.b, int64(len(s)), 10)
	w.b = append(w.b, ':')
	w.b = append(w.b, s...)
	w.b = append(w.b, ',')
	return w
}

func (w canonWriter) uint(n uint64) canonWriter {
	var buf [20]byte
	w = w.bytes(strconv.AppendUint(buf[:0], n, 10))
	return w
}

func (w canonWriter) int(n int) canonWriter {
	var buf [20]byte
	w = w.bytes(strconv.AppendInt(buf[:0], int64(n), 10))
	return w
}

func (w canonWriter) bool(v bool) canonWriter {
	if v {
		w = w.str("1")
		return w
	}
	w = w.str("0")
	return w
}

// time writes t in UTC as RFC 3339 with nanoseconds.
func (w canonWriter) time(t time.Time) canonWriter {
	var buf [64]byte
	w = w.bytes(t.UTC().AppendFormat(buf[:0], time.RFC3339Nano))
	return w
}

// money writes m with exactly two decimal places, as m.StringFixed(2) would,
// formatting whole cents directly.
func (w canonWriter) money(m Money) canonWriter {
	c, ok := centsOf(m)
	if !ok {
		w = w.str(m.StringFixed(2))
		return w
	}
	var buf [24]byte
	w = w.bytes(appendCents(buf[:0], c))
	return w
}

// appendCents appends c cents as dollars with two decimal places ("-12.05").
func appendCents(b []byte, c int64) []byte {
	u := uint64(c)
	if c < 0 {
		b = append(b, '-')
		u = uint64(-c)
	}
	b = strconv.AppendUint(b, u/100, 10)
	return append(b, '.', byte('0'+u%100/10), byte('0'+u%10))
}

// uuid writes id in its canonical 36-character form.
func (w canonWriter) uuid(id uuid.UUID) canonWriter {
	var buf [36]byte
	hex.Encode(buf[0:8], id[0:4])
	buf[8] = '-'
	hex.Encode(buf[9:13], id[4:6])
	buf[13] = '-'
	hex.Encode(buf[14:18], id[6:8])
	buf[18] = '-'
	hex.Encode(buf[19:23], id[8:10])
	buf[23] = '-'
	hex.Encode(buf[24:], id[10:])
	w = w.bytes(buf[:])
	return w
}

// award writes a, or a marker for nil. withResult adds the fields the ledger
// sets (Requested, Caps); an input hash leaves them out.
func (w canonWriter) award(a *AwardDetail, withResult bool) canonWriter {
	w = w.bool(a != nil)
	if a == nil {
		return w
	}
	w = w.str(string(a.Schedule))
	w = w.int(a.Run)
	w = w.int(a.Level)
	if withResult {
		w = w.money(a.Requested)
		w = w.int(len(a.Caps))
		for _, c := range a.Caps {
			w = w.str(c)
		}
	}
	w = w.int(len(a.Slips))
	for _, s := range a.Slips {
		w = w.str(s.Tier)
		w = w.money(s.Value)
	}
	w = w.uint(a.Seed)
	return w
}

// sum returns the hex SHA-256 of the bytes written so far.
func (w *canonWriter) sum() string {
	s := sha256.Sum256(w.b)
	return hex.EncodeToString(s[:])
}
