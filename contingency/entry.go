package contingency

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// EntrySchemaVersion is the schemaVersion written on every ledger entry.
const EntrySchemaVersion = "1"

// Entry is one immutable line of a participant's reward ledger. Entries are
// appended, never edited or deleted: a mistake gets a new entry whose
// Corrects names the entry it corrects (reference: contingency.md §5).
//
// Amount is signed: earn, bonus, prize and a positive adjust add to the
// balance; redeem, expire, reverse of a credit and a negative adjust take
// from it. Money is never float.
type Entry struct {
	SchemaVersion string    `json:"schemaVersion"`
	ID            uuid.UUID `json:"id"`
	Participant   uuid.UUID `json:"participant"`
	// Seq is the entry's position in the participant's ledger, from 1. The
	// ledger's Version is the Seq of its last entry.
	Seq  Version   `json:"seq"`
	Kind EntryKind `json:"kind"`
	// IdempotencyKey is the caller's key for the write that produced the
	// entry (a specimen ID, a redemption request ID). Unique per participant.
	IdempotencyKey string `json:"idempotencyKey"`
	// InputHash is the hex SHA-256 of the canonical input of that write, so
	// that a replay with the same key but a different input is detected.
	InputHash   string     `json:"inputHash"`
	EffectiveAt time.Time  `json:"effectiveAt"` // when it counts: the visit, the redemption
	RecordedAt  time.Time  `json:"recordedAt"`  // when it was written, from the ledger's Clock
	Amount      Money      `json:"amount"`
	Instrument  Instrument `json:"instrument"`
	// FundingSource is the host's opaque code for who pays (a grant, Medicaid).
	FundingSource string `json:"fundingSource,omitzero"`
	// Actor is the host's opaque ID of the staff member or system that wrote it.
	Actor string `json:"actor"`
	// Reason is a short machine code ("specimen-negative", "lab-correction"),
	// never free text: free text is PHI.
	Reason string `json:"reason,omitzero"`
	// Corrects is the entry this one reverses, adjusts or resolves.
	Corrects uuid.UUID `json:"corrects,omitzero"`
	// Visit is the host's opaque reference of the visit or specimen the entry
	// pays for; reconciliation after a corrected result groups by it.
	Visit string `json:"visit,omitzero"`
	// Award explains an earn, bonus or prize entry, and a reversal that a
	// restatement posted (Line.Restate): there Requested is the visit's whole
	// request of the kind after it, and Caps the caps that bound it.
	Award *AwardDetail `json:"award,omitzero"`
	// Status is the state of a redemption that needs approval; the zero value
	// means posted.
	Status EntryStatus `json:"status,omitzero"`
	// Shortfall is the part of a correction not taken from the balance because
	// the money had already been redeemed (never clawed back below zero).
	Shortfall Money `json:"shortfall,omitzero"`
	// PrevHash and Hash chain the ledger: Hash is the hex SHA-256 of PrevHash
	// and the entry's canonical bytes. Verify recomputes them.
	PrevHash string `json:"prevHash"`
	Hash     string `json:"hash"`
	// KeyID and MAC authenticate the entry when the ledger has a KeyRing:
	// MAC is the hex HMAC-SHA-256 of Hash under the chain key KeyID. They
	// are outside the hash, so a ledger verifies by its chain with or
	// without the key (see VerifyKeyed).
	KeyID string `json:"keyId,omitzero"`
	MAC   string `json:"mac,omitzero"`
}

// AwardDetail records how an award was computed, so that every payout can be
// explained and audited.
type AwardDetail struct {
	Schedule ScheduleKind `json:"schedule"`
	Run      int          `json:"run"`
	Level    int          `json:"level"`
	// Requested is the amount the schedule produced before caps; the entry's
	// Amount is what was paid after them.
	Requested Money `json:"requested"`
	// Caps names the caps that trimmed or refused the award, if any.
	Caps []string `json:"caps,omitzero"`
	// Slips are the prize slips drawn, in order (prize entries only).
	Slips []Slip `json:"slips,omitzero"`
	// Seed is the host-recorded seed of the draws, for audit.
	Seed uint64 `json:"seed,omitzero"`
}

// Version counts the entries in a participant's ledger; 0 is empty.
type Version uint64

// Clone returns a deep copy of e: its AwardDetail, caps and slips are its
// own. Entry holds a pointer with slices, so a Store must clone what it
// keeps and what it returns, or a caller's later change reaches the store
// (contingencytest.TestStore names the field that aliases).
func (e Entry) Clone() Entry { return cloneEntry(e) }

// ErrMalformedEntry means a ledger entry's JSON, or a ledger's, is not the
// form this package writes: bad syntax, a null document, an unknown,
// repeated or miscased key, invalid text or an unwritable time. The
// decoder's own message is dropped because it may quote the input.
var ErrMalformedEntry = fmt.Errorf("contingency: malformed ledger entry JSON: %w", intervention.ErrInvalid)

// UnmarshalJSON decodes an entry strictly (see ErrMalformedEntry); errors
// name the JSON path and quote nothing. Whether the entry is consistent is
// checked when a ledger loads it, and whether it is authentic by Verify.
func (e *Entry) UnmarshalJSON(b []byte) error {
	type entryJSON Entry // without the method
	var w entryJSON
	if err := wire.Decode(b, &w, intervention.ErrInvalid, ErrMalformedEntry); err != nil {
		return err
	}
	*e = Entry(w)
	return nil
}

// DecodeEntries decodes a whole ledger as json.Marshal of []Entry writes it,
// strictly: a null ledger and every malformed entry are refused, wrapping
// ErrMalformedEntry with the path ("[3].amount"). Verify the result before
// trusting it.
func DecodeEntries(data []byte) ([]Entry, error) {
	var out []Entry
	if err := wire.Decode(data, &out, intervention.ErrInvalid, ErrMalformedEntry); err != nil {
		return nil, err
	}
	return out, nil
}
