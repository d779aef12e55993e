package contingency

import (
	"errors"
	"slices"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// defaultMaxRetries is how many times a write reloads and retries after the
// store reports that another writer moved the ledger on.
const defaultMaxRetries = 5

// maxRetriesLimit bounds WithMaxRetries.
const maxRetriesLimit = 100

// Option configures NewLedger. Options are comparable values (== never
// panics); when an option is given twice, the last one wins.
type Option interface{ apply(*ledgerConfig) error }

// ledgerConfig is what the options set.
type ledgerConfig struct {
	clock    intervention.Clock
	ids      intervention.IDSource
	caps     []Cap
	approval bool
	loc      *time.Location
	retries  int
	keys     *KeyRing // nil: entries are not authenticated
}

func defaultLedgerConfig() ledgerConfig {
	return ledgerConfig{
		clock:   intervention.SystemClock{},
		ids:     intervention.NewRandomID,
		loc:     time.UTC,
		retries: defaultMaxRetries,
	}
}

type clockOption struct{ c *intervention.Clock }

func (o clockOption) apply(cfg *ledgerConfig) error {
	if o.c == nil || *o.c == nil {
		return intervention.Field("clock", intervention.ErrMissing)
	}
	cfg.clock = *o.c
	return nil
}

// WithClock sets the clock that stamps RecordedAt (default
// intervention.SystemClock). A nil clock is an error.
func WithClock(c intervention.Clock) Option { return clockOption{&c} }

type idOption struct{ ids *intervention.IDSource }

func (o idOption) apply(cfg *ledgerConfig) error {
	if o.ids == nil || *o.ids == nil {
		return intervention.Field("ids", intervention.ErrMissing)
	}
	cfg.ids = *o.ids
	return nil
}

// WithIDSource sets the source of entry IDs (default
// intervention.NewRandomID, UUIDv7). A nil source is an error.
func WithIDSource(ids intervention.IDSource) Option { return idOption{&ids} }

type capsOption struct{ caps *[]Cap }

func (o capsOption) apply(cfg *ledgerConfig) error {
	var errs []error
	for i, c := range *o.caps {
		path := intervention.Index("caps", i)
		errs = append(errs, intervention.Prefix(path, c.Validate()))
		if slices.IndexFunc(*o.caps, func(d Cap) bool { return d.Name == c.Name }) < i {
			errs = append(errs, intervention.Field(path+".name", intervention.ErrDuplicate))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	cfg.caps = make([]Cap, len(*o.caps))
	for i, c := range *o.caps {
		cfg.caps[i] = c.clone()
	}
	return nil
}

// WithCaps sets the caps every award is checked against, in order (default:
// none). Each cap must be valid and names must be unique. The caps are
// configuration, not history: a ledger loaded with other caps recomputes
// usage from its entries under them.
func WithCaps(caps ...Cap) Option {
	list := make([]Cap, len(caps))
	for i, c := range caps {
		list[i] = c.clone()
	}
	return capsOption{&list}
}

type approvalOption bool

func (o approvalOption) apply(cfg *ledgerConfig) error {
	cfg.approval = bool(o)
	return nil
}

// WithRedemptionApproval makes every redemption wait for a therapist's
// Approve or Veto (reference: contingency.md §1, "The therapist can veto any
// purchase", and §7 "Redemption"). Default false: redemptions post at once.
func WithRedemptionApproval(required bool) Option { return approvalOption(required) }

type locationOption struct{ loc *time.Location }

func (o locationOption) apply(cfg *ledgerConfig) error {
	if o.loc == nil {
		return intervention.Field("location", intervention.ErrMissing)
	}
	cfg.loc = o.loc
	return nil
}

// WithLocation sets the participant's time zone, whose calendar lays out cap
// windows (default UTC). A nil location is an error.
func WithLocation(loc *time.Location) Option { return locationOption{loc} }

type retriesOption int

func (o retriesOption) apply(cfg *ledgerConfig) error {
	if o < 0 || o > maxRetriesLimit {
		return intervention.Field("maxRetries", intervention.ErrOutOfRange)
	}
	cfg.retries = int(o)
	return nil
}

// WithMaxRetries sets how many times a write reloads the ledger and retries
// when the store reports a version conflict (another process wrote first);
// 0–100, default 5.
func WithMaxRetries(n int) Option { return retriesOption(n) }
