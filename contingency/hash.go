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
	sum := sha256.Sum256(CanonicalBytes(e))
	return hex.EncodeToString(sum[:])
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
	w.str(entryHashDomain)
	w.str(e.PrevHash)
	w.str(e.SchemaVersion)
	w.uuid(e.ID)
	w.uuid(e.Participant)
	w.uint(uint64(e.Seq))
	w.str(string(e.Kind))
	w.str(e.IdempotencyKey)
	w.str(e.InputHash)
	w.time(e.EffectiveAt)
	w.time(e.RecordedAt)
	w.money(e.Amount)
	w.str(string(e.Instrument))
	w.str(e.FundingSource)
	w.str(e.Actor)
	w.str(e.Reason)
	w.uuid(e.Corrects)
	w.str(e.Visit)
	w.award(e.Award, true)
	w.str(e.Status.String())
	w.money(e.Shortfall)
	return w.b
}

// canonWriter builds canonical bytes as a sequence of netstrings.
type canonWriter struct{ b []byte }

func (w *canonWriter) str(s string) {
	w.b = strconv.AppendInt(w.b, int64(len(s)), 10)
	w.b = append(w.b, ':')
	w.b = append(w.b, s...)
	w.b = append(w.b, ',')
}

func (w *canonWriter) uint(n uint64) { w.str(strconv.FormatUint(n, 10)) }

func (w *canonWriter) int(n int) { w.str(strconv.Itoa(n)) }

func (w *canonWriter) bool(v bool) {
	if v {
		w.str("1")
		return
	}
	w.str("0")
}

func (w *canonWriter) time(t time.Time) { w.str(t.UTC().Format(time.RFC3339Nano)) }

func (w *canonWriter) money(m Money) { w.str(m.StringFixed(2)) }

func (w *canonWriter) uuid(id uuid.UUID) { w.str(id.String()) }

// award writes a, or a marker for nil. withResult adds the fields the ledger
// sets (Requested, Caps); an input hash leaves them out.
func (w *canonWriter) award(a *AwardDetail, withResult bool) {
	w.bool(a != nil)
	if a == nil {
		return
	}
	w.str(string(a.Schedule))
	w.int(a.Run)
	w.int(a.Level)
	if withResult {
		w.money(a.Requested)
		w.int(len(a.Caps))
		for _, c := range a.Caps {
			w.str(c)
		}
	}
	w.int(len(a.Slips))
	for _, s := range a.Slips {
		w.str(s.Tier)
		w.money(s.Value)
	}
	w.uint(a.Seed)
}

// sum returns the hex SHA-256 of the bytes written so far.
func (w *canonWriter) sum() string {
	s := sha256.Sum256(w.b)
	return hex.EncodeToString(s[:])
}
