package contingency

import (
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// Limits on ledger input.
const (
	// maxAmountCents bounds every amount: $1,000,000.00.
	maxAmountCents = 100_000_000
	maxKeyLen      = 256
	maxRefLen      = 256
	maxCodeLen     = 64
	maxLines       = 1000
	// Effective and recorded times must fall in these years (UTC).
	minLedgerYear = 1900
	maxLedgerYear = 2199
)

// Receipt is what a ledger write did (CONVENTIONS §14). Entries are the
// entries the write appended, in order, and Entry is the first of them (the
// only one for Redeem, Approve, Veto and Reverse). Version is the ledger
// version right after the write. Replayed reports that the key and input
// had been written before: the entries and version are the original ones
// and nothing was appended.
type Receipt struct {
	Entry    Entry   `json:"entry"`
	Entries  []Entry `json:"entries"`
	Version  Version `json:"version"`
	Replayed bool    `json:"replayed,omitzero"`
}

// Posting is one atomic write of award and correction lines. Its Key is the
// caller's idempotency key (a specimen ID, or a UUID the host saved before
// submitting): the first line's entry gets Key, the n-th line's (n ≥ 2)
// gets Key+"#n", which is why a key may not contain '#'.
type Posting struct {
	Key   string `json:"key"`
	Actor string `json:"actor"` // the host's opaque ID of the staff member or system
	Lines []Line `json:"lines"` // 1–1000 lines, appended in order
}

// Line is one line of a Posting.
//
// Kind is earn, bonus, prize, adjust, expire or reverse. Amount is at most
// $1,000,000.00 with at most two decimal places, and its meaning depends on
// the kind: for earn, bonus and prize it is the award requested before caps
// (zero or more: a prize of only "good job" slips is $0.00); for expire it is
// the positive amount removed; for adjust it is signed and not zero (a
// negative adjust removes money); for reverse it must be zero, because the
// ledger takes back the amount of the award named by Corrects, as Reverse
// does (never below a zero available balance). The ledger writes the signed
// amount on the entry.
//
// A reverse line lets a re-priced visit be reversed and paid again in one
// atomic posting, with the room the reversal frees counted by the caps of
// the later lines. Its Corrects and Reason are required; EffectiveAt may be
// zero (the original's); Instrument, FundingSource and Visit may be empty
// and must otherwise match the original's, which the reversal inherits.
//
// Award is required on earn, bonus and prize lines and refused on the others.
// The ledger sets Award.Requested to Amount and Award.Caps to the caps that
// bound the line; a caller may leave them zero (Requested may also equal
// Amount). On a prize line with slips, Amount must be the sum of the slips.
// Reason is required on adjust, expire and reverse lines.
type Line struct {
	Kind          EntryKind  `json:"kind"`
	Amount        Money      `json:"amount"`
	Instrument    Instrument `json:"instrument"`
	FundingSource string     `json:"fundingSource,omitzero"`
	// EffectiveAt is when the line counts (the visit); 1900–2199. Optional
	// on a reverse line.
	EffectiveAt time.Time `json:"effectiveAt"`
	Visit       string    `json:"visit,omitzero"`
	// Reason is a code, required on adjust, expire and reverse lines.
	Reason string `json:"reason,omitzero"`
	// Corrects names an entry of this ledger the line corrects: required on
	// a reverse line (an earn, bonus or prize entry), optional otherwise.
	Corrects uuid.UUID    `json:"corrects,omitzero"`
	Award    *AwardDetail `json:"award,omitzero"`
	// Restate, on an earn, bonus or prize line, makes Amount the visit's
	// whole award of that kind (before caps) instead of an addition to it:
	// the ledger posts only what makes the visit's awards of the kind net
	// the capped Amount — one award of the difference when it rises (its
	// Corrects names the visit's latest award of the kind), reversals of the
	// latest awards first when it falls (taking what is available and
	// recording the rest as owed), nothing when it is unchanged. Caps price
	// the restated visits afresh, in line order, as if they had been posted
	// in that order from the start. Visit is required, Corrects must be
	// empty, and a posting restates a visit's kind at most once and posts no
	// other line of that visit and kind. On a prize line, Award.Slips are the
	// slips drawn in addition to those already posted (empty when the visit
	// loses draws); they need not add up to Amount. Reason, optional, is the
	// code of the reversals (ReasonRestated when empty).
	Restate bool `json:"restate,omitzero"`
}

// ReasonRestated is the reason code of the reversals a restate line posts
// when the line names none.
const ReasonRestated = "restated"

// Redemption asks to spend Amount (positive) of the balance in Instrument.
type Redemption struct {
	Key         string     `json:"key"`
	Amount      Money      `json:"amount"`
	Instrument  Instrument `json:"instrument"`
	Actor       string     `json:"actor"`
	EffectiveAt time.Time  `json:"effectiveAt"`
	Reason      string     `json:"reason,omitzero"` // an optional code
}

// Validate reports every problem with p. It never modifies p.
func (p Posting) Validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(checkLedgerKey("key", p.Key))
	add(checkLedgerRef("actor", p.Actor))
	switch {
	case len(p.Lines) == 0:
		add(intervention.Field("lines", intervention.ErrMissing))
	case len(p.Lines) > maxLines:
		add(intervention.Field("lines", intervention.ErrOutOfRange))
	}
	for i := range p.Lines {
		if err := p.Lines[i].Validate(); err != nil {
			add(intervention.Prefix(intervention.Index("lines", i), err))
		}
	}
	add(p.checkRestated())
	return errors.Join(errs...)
}

// checkRestated reports lines that restate a visit's kind twice or beside
// another line of that visit and kind.
func (p Posting) checkRestated() error {
	type visitKind struct {
		visit string
		kind  EntryKind
	}
	key := func(ln *Line) visitKind { return visitKind{ln.Visit, ln.Kind} }
	// A restated visit and kind may stand on one award line only: each award
	// line is checked against the earlier lines of its visit and kind. Short
	// postings (a programme restates a few lines per visit) scan; long ones
	// index the earlier lines first.
	var earlier map[visitKind][]int
	if len(p.Lines) > 32 {
		earlier = make(map[visitKind][]int)
	}
	var errs []error
	for i := range p.Lines {
		ln := &p.Lines[i]
		if !ln.Kind.IsAward() {
			continue
		}
		clash := func(j int) bool { o := &p.Lines[j]; return key(o) == key(ln) && (ln.Restate || o.Restate) }
		found := false
		if earlier != nil {
			found = slices.ContainsFunc(earlier[key(ln)], clash)
			earlier[key(ln)] = append(earlier[key(ln)], i)
		} else {
			for j := range i {
				if p.Lines[j].Kind.IsAward() && clash(j) {
					found = true
					break
				}
			}
		}
		if found {
			errs = append(errs, intervention.Field(intervention.Index("lines", i)+".visit", ErrRestatedTwice))
		}
	}
	return errors.Join(errs...)
}

// Validate reports every problem with ln. It never modifies ln.
func (ln Line) Validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	award := false
	switch ln.Kind {
	case KindEarn, KindBonus, KindPrize:
		award = true
		if ln.Amount.IsNegative() {
			add(intervention.Field("amount", intervention.ErrOutOfRange))
		}
	case KindExpire:
		if !ln.Amount.IsPositive() {
			add(intervention.Field("amount", intervention.ErrOutOfRange))
		}
		add(checkLedgerCode("reason", ln.Reason))
	case KindAdjust:
		if ln.Amount.IsZero() {
			add(intervention.Field("amount", intervention.ErrOutOfRange))
		}
		add(checkLedgerCode("reason", ln.Reason))
	case KindReverse:
		if ln.Corrects == uuid.Nil {
			add(intervention.Field("corrects", intervention.ErrMissing))
		}
		if ln.Amount.IsNegative() {
			add(intervention.Field("amount", intervention.ErrOutOfRange))
		}
		add(checkLedgerCode("reason", ln.Reason))
	case KindRedeem:
		add(intervention.Field("kind", ErrKindNotPostable))
	default:
		if ln.Kind == "" {
			add(intervention.Field("kind", intervention.ErrMissing))
		} else {
			add(intervention.Field("kind", ErrUnknownEntryKind))
		}
	}
	add(checkLedgerAmount("amount", ln.Amount))
	if ln.Kind != KindReverse || ln.Instrument != "" {
		add(checkLedgerInstrument("instrument", ln.Instrument))
	}
	if ln.Kind != KindReverse || !ln.EffectiveAt.IsZero() {
		add(checkLedgerTime("effectiveAt", ln.EffectiveAt))
	}
	if ln.FundingSource != "" {
		add(checkLedgerRef("fundingSource", ln.FundingSource))
	}
	if ln.Visit != "" {
		add(checkLedgerRef("visit", ln.Visit))
	}
	if ln.Reason != "" && award {
		add(checkLedgerCode("reason", ln.Reason))
	}
	if ln.Restate {
		switch {
		case !award:
			add(intervention.Field("restate", intervention.ErrInconsistent))
		case ln.Visit == "":
			add(intervention.Field("visit", intervention.ErrMissing))
		case ln.Corrects != uuid.Nil:
			add(intervention.Field("corrects", intervention.ErrInconsistent))
		}
	}
	switch {
	case award && ln.Award == nil:
		add(intervention.Field("award", intervention.ErrMissing))
	case !award && ln.Award != nil:
		add(intervention.Field("award", intervention.ErrInconsistent))
	case award:
		add(intervention.Prefix("award", checkLedgerAward(ln)))
	}
	return errors.Join(errs...)
}

// checkLedgerAward checks the AwardDetail of an award line.
func checkLedgerAward(ln Line) error {
	a := ln.Award
	var errs []error
	bad := func(field string, rule error) { errs = append(errs, intervention.Field(field, rule)) }
	switch {
	case a.Schedule == "":
		bad("schedule", intervention.ErrMissing)
	case !a.Schedule.Valid():
		bad("schedule", ErrUnknownScheduleKind)
	}
	if a.Run < 0 {
		bad("run", intervention.ErrOutOfRange)
	}
	if a.Level < 0 {
		bad("level", intervention.ErrOutOfRange)
	}
	if !a.Requested.IsZero() && !a.Requested.Equal(ln.Amount) {
		bad("requested", intervention.ErrInconsistent)
	}
	if len(a.Caps) != 0 {
		bad("caps", intervention.ErrInconsistent)
	}
	if len(a.Slips) != 0 && ln.Kind != KindPrize {
		bad("slips", intervention.ErrInconsistent)
	}
	var total Money
	sumOK := true
	for i, s := range a.Slips {
		p := intervention.Index("slips", i)
		if err := checkLedgerCode(p+".tier", s.Tier); err != nil {
			errs = append(errs, err)
		}
		if err := checkLedgerAmount(p+".value", s.Value); err != nil {
			errs = append(errs, err)
			sumOK = false
		} else if s.Value.IsNegative() {
			bad(p+".value", intervention.ErrOutOfRange)
		}
		total = total.Add(s.Value)
	}
	if len(a.Slips) != 0 && sumOK && !ln.Restate && !total.Equal(ln.Amount) {
		bad("slips", intervention.ErrInconsistent)
	}
	return errors.Join(errs...)
}

// Validate reports every problem with r. It never modifies r.
func (r Redemption) Validate() error {
	errs := []error{
		checkLedgerKey("key", r.Key), checkLedgerAmount("amount", r.Amount),
		checkLedgerInstrument("instrument", r.Instrument), checkLedgerRef("actor", r.Actor),
		checkLedgerTime("effectiveAt", r.EffectiveAt),
	}
	if !r.Amount.IsPositive() {
		errs = append(errs, intervention.Field("amount", intervention.ErrOutOfRange))
	}
	if r.Reason != "" {
		errs = append(errs, checkLedgerCode("reason", r.Reason))
	}
	return errors.Join(errs...)
}

func checkLedgerKey(path, s string) error {
	switch {
	case s == "":
		return intervention.Field(path, intervention.ErrMissing)
	case len(s) > maxKeyLen || strings.ContainsRune(s, '#') || !plainText(s):
		return intervention.Field(path, ErrBadKey)
	}
	return nil
}

func checkLedgerRef(path, s string) error {
	switch {
	case s == "":
		return intervention.Field(path, intervention.ErrMissing)
	case len(s) > maxRefLen || !plainText(s):
		return intervention.Field(path, ErrBadReference)
	}
	return nil
}

func checkLedgerCode(path, s string) error {
	if s == "" {
		return intervention.Field(path, intervention.ErrMissing)
	}
	if len(s) > maxCodeLen {
		return intervention.Field(path, ErrBadCode)
	}
	for i := range len(s) {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && !strings.ContainsRune("-_.:/", rune(c)) {
			return intervention.Field(path, ErrBadCode)
		}
	}
	return nil
}

func checkLedgerInstrument(path string, in Instrument) error {
	switch {
	case in == "":
		return intervention.Field(path, intervention.ErrMissing)
	case !in.Valid():
		return intervention.Field(path, ErrUnknownInstrument)
	}
	return nil
}

// checkLedgerAmount checks that m has at most two decimal places and a
// magnitude of at most $1,000,000.00.
func checkLedgerAmount(path string, m Money) error {
	d := m.Decimal
	if !d.Equal(d.Round(2)) {
		return intervention.Field(path, ErrBadMoney)
	}
	if _, ok := centsOf(m); !ok {
		return intervention.Field(path, intervention.ErrOutOfRange)
	}
	return nil
}

func checkLedgerTime(path string, t time.Time) error {
	if t.IsZero() {
		return intervention.Field(path, intervention.ErrMissing)
	}
	if y := t.UTC().Year(); y < minLedgerYear || y > maxLedgerYear {
		return intervention.Field(path, intervention.ErrOutOfRange)
	}
	if err := wire.CheckTime(t); err != nil { // an offset RFC 3339 cannot write
		return intervention.Field(path, err)
	}
	return nil
}

// plainText reports whether s is valid UTF-8 without control characters.
func plainText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

// centsOf returns m in cents when it has at most two decimal places and a
// magnitude of at most $1,000,000.00.
func centsOf(m Money) (int64, bool) {
	d := m.Decimal
	// Fast path, without allocation: a coefficient of up to 15 digits at an
	// exponent of −2 to 0 (every amount Cents and Dollars make).
	if exp := d.Exponent(); exp >= -2 && exp <= 0 && d.NumDigits() <= 15 {
		c := d.CoefficientInt64()
		for ; exp > -2; exp-- {
			c *= 10
		}
		return c, c >= -maxAmountCents && c <= maxAmountCents
	}
	if d.Exponent() > 12 || !d.Equal(d.Round(2)) {
		return 0, false
	}
	c := d.Shift(2)
	if c.Abs().GreaterThan(Cents(maxAmountCents).Shift(2)) {
		return 0, false
	}
	return c.IntPart(), true
}

// moneyCents returns m in cents; m must be valid (see centsOf).
func moneyCents(m Money) int64 {
	c, _ := centsOf(m)
	return c
}

// normTime returns t in UTC without a monotonic clock reading.
func normTime(t time.Time) time.Time { return t.Round(0).UTC() }
