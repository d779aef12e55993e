package contingency

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// EntryKind names what a ledger entry does to the participant's balance
// (reference: contingency.md §5, DESIGN.md "Contingency management"). The
// zero EntryKind is invalid.
//
// Pending redemptions are not a separate kind: a redemption awaiting
// approval is a KindRedeem entry with StatusPending, and its approval or veto
// is another KindRedeem entry (StatusPosted or StatusVoided) whose Corrects
// names it.
type EntryKind string

// The entry kinds.
const (
	// KindEarn is a schedule award for meeting the target (a voucher, or a
	// fixed table amount). Credit; counts toward caps.
	KindEarn EntryKind = "earn"
	// KindBonus is a bonus paid on top of an earn (Higgins' $10 every third
	// consecutive negative). Credit; counts toward caps.
	KindBonus EntryKind = "bonus"
	// KindPrize is the value of prize slips drawn from a bowl. Credit;
	// counts toward caps.
	KindPrize EntryKind = "prize"
	// KindRedeem spends the balance on an item, card or privilege. Debit;
	// a redemption needing approval is pending until approved or vetoed.
	KindRedeem EntryKind = "redeem"
	// KindReverse takes back an earn, bonus or prize entry (named by
	// Corrects), at most down to a zero balance. Debit.
	KindReverse EntryKind = "reverse"
	// KindAdjust is a signed staff correction. Not capped.
	KindAdjust EntryKind = "adjust"
	// KindExpire removes earned balance that has expired under the
	// programme's rules (reference: contingency.md §7, "Expiry"). Debit.
	KindExpire EntryKind = "expire"
)

// ErrUnknownEntryKind means an entry kind is not one of the constants.
var ErrUnknownEntryKind = fmt.Errorf("contingency: entry kind: %w", intervention.ErrUnknownValue)

// EntryKinds returns every EntryKind in a stable order.
func EntryKinds() []EntryKind {
	return []EntryKind{KindEarn, KindBonus, KindPrize, KindRedeem, KindReverse, KindAdjust, KindExpire}
}

// ParseEntryKind returns the EntryKind whose text form is s.
func ParseEntryKind(s string) (EntryKind, error) {
	return enum.Parse(EntryKind(s), EntryKind.Valid, ErrUnknownEntryKind)
}

// Valid reports whether k is one of the constants.
func (k EntryKind) Valid() bool { return enum.Valid(k, EntryKinds()) }

// IsAward reports whether k is an award credit (earn, bonus or prize): the
// kinds that caps count and that Reverse can take back.
func (k EntryKind) IsAward() bool {
	switch k {
	case KindEarn, KindBonus, KindPrize:
		return true
	case KindRedeem, KindReverse, KindAdjust, KindExpire:
		return false
	}
	return false
}

// String returns the text form of k.
func (k EntryKind) String() string { return string(k) }

// MarshalText encodes k; an invalid EntryKind is an error, so one is never stored.
func (k EntryKind) MarshalText() ([]byte, error) {
	return enum.Marshal(k, EntryKind.Valid, ErrUnknownEntryKind)
}

// UnmarshalText decodes k with ParseEntryKind; on error *k is unchanged.
func (k *EntryKind) UnmarshalText(b []byte) error { return enum.Unmarshal(k, b, ParseEntryKind) }
