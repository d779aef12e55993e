package brief

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// Follow-up windows.
const (
	// DefaultFollowUpDays is how long after a positive screen the brief
	// intervention is due: HEDIS ASF-E counts follow-up within 60 days of the
	// first positive screen (reference: instruments.md §9, I12).
	DefaultFollowUpDays = 60
	// DefaultReferralFollowUpDays is how long after a referral the hand-off
	// is checked. No cited source fixes it [design default]; set
	// Config.ReferralFollowUpDays to the programme's rule.
	DefaultReferralFollowUpDays = 30
	// maxWindowDays bounds the configurable windows to a year.
	maxWindowDays = 366
)

// Errors.
var (
	// ErrConflict means an ID was used before with different content.
	ErrConflict = errors.New("brief: ID already used with different content")
	// ErrNoReferral means a referral update came before any referral.
	ErrNoReferral = fmt.Errorf("brief: no referral to update: %w", intervention.ErrInconsistent)
	// ErrBadScreen means the triggering screen result is not a scored result.
	ErrBadScreen = fmt.Errorf("brief: screen result is not valid: %w", intervention.ErrInvalid)
	// ErrBadCode means a reference that must be a short code (a referral
	// destination, an actor) is empty, too long or has other characters.
	ErrBadCode = fmt.Errorf("brief: not a code: %w", intervention.ErrInvalid)
)

// Config is what a brief intervention starts from: who, the screen result
// that triggered it, the payer that decides the SBIRT code, and the
// follow-up windows.
type Config struct {
	ID      uuid.UUID `json:"id"`
	Patient uuid.UUID `json:"patient"`
	// Screen is the screening result that triggered the intervention.
	Screen screen.Result `json:"screen"`
	// ScreenedAt is when the screen was done.
	ScreenedAt time.Time `json:"screenedAt"`
	// Payer picks the SBIRT code set (CPT 99408/99409 or HCPCS G-codes).
	Payer billing.Payer `json:"payer"`
	// SBIRT holds the payer's edge rule (Oregon's "≥ 30 minutes → 99409").
	SBIRT billing.SBIRTOptions `json:"sbirt"`
	// FollowUpDays is how many days after the screen the intervention is
	// due; 0 means DefaultFollowUpDays.
	FollowUpDays int `json:"followUpDays,omitzero"`
	// ReferralFollowUpDays is how many days after a referral the patient
	// should have attended; 0 means DefaultReferralFollowUpDays.
	ReferralFollowUpDays int `json:"referralFollowUpDays,omitzero"`
	// Location is the patient's time zone for due dates; nil means UTC.
	Location *time.Location `json:"-"`
}

// Validate reports every problem with c.
func (c Config) Validate() error {
	var errs []error
	if c.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if c.Patient == uuid.Nil {
		errs = append(errs, intervention.Field("patient", intervention.ErrMissing))
	}
	s := c.Screen
	if !s.Instrument.Valid() || !s.Band.Valid() || !s.Action.Valid() || s.MaxScore < 1 || s.Score < 0 || s.Score > s.MaxScore {
		errs = append(errs, intervention.Field("screen", ErrBadScreen))
	}
	if c.ScreenedAt.IsZero() {
		errs = append(errs, intervention.Field("screenedAt", intervention.ErrMissing))
	}
	if !c.Payer.Valid() {
		errs = append(errs, intervention.Field("payer", billing.ErrUnknownPayer))
	}
	if c.FollowUpDays < 0 || c.FollowUpDays > maxWindowDays {
		errs = append(errs, intervention.Field("followUpDays", intervention.ErrOutOfRange))
	}
	if c.ReferralFollowUpDays < 0 || c.ReferralFollowUpDays > maxWindowDays {
		errs = append(errs, intervention.Field("referralFollowUpDays", intervention.ErrOutOfRange))
	}
	return errors.Join(errs...)
}

// Delivery is one brief-intervention encounter: how long it took, which
// model's elements were delivered and the readiness-ruler answers. It holds
// no notes: free text stays in the host's record.
type Delivery struct {
	ID        uuid.UUID    `json:"id"`
	At        time.Time    `json:"at"`
	Minutes   int          `json:"minutes"` // screening and counselling time, which SBIRT codes count
	Clinician uuid.UUID    `json:"clinician"`
	Model     Model        `json:"model"`
	Elements  []Element    `json:"elements,omitzero"`
	Rulers    []RulerValue `json:"rulers,omitzero"`
}

// Validate reports every problem with d.
func (d Delivery) Validate() error {
	var errs []error
	if d.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if d.At.IsZero() {
		errs = append(errs, intervention.Field("at", intervention.ErrMissing))
	}
	if d.Minutes < 0 || d.Minutes > billing.MaxMinutes {
		errs = append(errs, intervention.Field("minutes", intervention.ErrOutOfRange))
	}
	if d.Clinician == uuid.Nil {
		errs = append(errs, intervention.Field("clinician", intervention.ErrMissing))
	}
	if !d.Model.Valid() {
		errs = append(errs, intervention.Field("model", ErrUnknownModel))
	}
	for i, e := range d.Elements {
		path := intervention.Index("elements", i)
		switch {
		case !e.Valid():
			errs = append(errs, intervention.Field(path, ErrUnknownElement))
		case d.Model.Valid() && !e.In(d.Model):
			errs = append(errs, intervention.Field(path, ErrElementNotInModel))
		case slices.Index(d.Elements, e) < i:
			errs = append(errs, intervention.Field(path, intervention.ErrDuplicate))
		}
	}
	for i, r := range d.Rulers {
		errs = append(errs, intervention.Prefix(intervention.Index("rulers", i), r.Validate()))
	}
	return errors.Join(errs...)
}

// equal reports whether d and o are the same delivery.
func (d Delivery) equal(o Delivery) bool {
	return d.ID == o.ID && d.At.Equal(o.At) && d.Minutes == o.Minutes && d.Clinician == o.Clinician &&
		d.Model == o.Model && slices.Equal(d.Elements, o.Elements) && slices.Equal(d.Rulers, o.Rulers)
}

// Delivered is a recorded delivery and the SBIRT code its minutes earn.
type Delivered struct {
	Delivery
	// Billing is the SBIRT code for the delivery's minutes under the payer
	// (reference: instruments.md §6.4, V51).
	Billing billing.Result `json:"billing"`
	// NegativeScreen is set when the triggering screen was negative: no
	// intervention is billable after a negative adult screen
	// (reference: instruments.md §6.4).
	NegativeScreen bool `json:"negativeScreen,omitzero"`
}

// Billable reports whether the delivery can be billed: the screen was
// positive and the minutes earn a code.
func (d Delivered) Billable() bool { return !d.NegativeScreen && d.Billing.Billable() }

// Referral is a referral to treatment and its dated history; its status is
// the last event's.
type Referral struct {
	ID uuid.UUID `json:"id"`
	// To is the host's opaque code of the service or provider referred to.
	To      string          `json:"to"`
	History []ReferralEvent `json:"history"`
}

// Status returns the referral's current status.
func (r Referral) Status() ReferralStatus { return r.History[len(r.History)-1].Status }

// Referred returns the date the referral was made.
func (r Referral) Referred() intervention.Date { return r.History[0].On }

// clone returns a deep copy of r.
func (r Referral) clone() Referral {
	r.History = slices.Clone(r.History)
	return r
}

// Intervention is the brief-intervention component of SBIRT: the screen
// result that triggered it, what was delivered, the SBIRT code each
// delivery earns, and the referral to treatment through to the warm
// hand-off. It implements intervention.Component and is safe for concurrent
// use.
type Intervention struct {
	cfg Config

	mu         sync.Mutex
	deliveries []Delivered
	referral   *Referral
}

var _ intervention.Component = (*Intervention)(nil)

// New returns a brief intervention for cfg, or an error wrapping
// intervention.ErrInvalid naming every bad field.
func New(cfg Config) (*Intervention, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.FollowUpDays == 0 {
		cfg.FollowUpDays = DefaultFollowUpDays
	}
	if cfg.ReferralFollowUpDays == 0 {
		cfg.ReferralFollowUpDays = DefaultReferralFollowUpDays
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	return &Intervention{cfg: cfg}, nil
}

// ID returns the component's identifier.
func (b *Intervention) ID() uuid.UUID { return b.cfg.ID }

// Modality returns intervention.ModalityBriefIntervention.
func (b *Intervention) Modality() intervention.Modality {
	return intervention.ModalityBriefIntervention
}

// Config returns the intervention's configuration, with defaults filled in.
func (b *Intervention) Config() Config { return b.cfg }

// Validate reports problems with the intervention's configuration and
// records.
func (b *Intervention) Validate() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	errs := []error{b.cfg.Validate()}
	for i, d := range b.deliveries {
		errs = append(errs, intervention.Prefix(intervention.Index("deliveries", i), d.Validate()))
	}
	return errors.Join(errs...)
}

// Deliver records a delivery and returns it with its SBIRT code. Recording
// the same delivery again returns the original; the same ID with other
// content fails with ErrConflict. A failed call changes nothing.
func (b *Intervention) Deliver(d Delivery) (Delivered, error) {
	d.At = d.At.UTC()
	d.Elements, d.Rulers = slices.Clone(d.Elements), slices.Clone(d.Rulers)
	if err := d.Validate(); err != nil {
		return Delivered{}, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, old := range b.deliveries {
		if old.ID == d.ID {
			if !old.equal(d) {
				return Delivered{}, ErrConflict
			}
			return old.clone(), nil
		}
	}
	code, err := billing.SBIRT(d.Minutes, b.cfg.Payer, b.cfg.SBIRT)
	if err != nil {
		return Delivered{}, err
	}
	out := Delivered{Delivery: d, Billing: code, NegativeScreen: !b.cfg.Screen.Positive}
	i, _ := slices.BinarySearchFunc(b.deliveries, d.At, func(x Delivered, at time.Time) int { return x.At.Compare(at) })
	b.deliveries = slices.Insert(b.deliveries, i, out)
	return out.clone(), nil
}

// clone returns a deep copy of d.
func (d Delivered) clone() Delivered {
	d.Elements, d.Rulers = slices.Clone(d.Elements), slices.Clone(d.Rulers)
	return d
}

// Deliveries returns the recorded deliveries in time order.
func (b *Intervention) Deliveries() []Delivered {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]Delivered, len(b.deliveries))
	for i, d := range b.deliveries {
		out[i] = d.clone()
	}
	return out
}

// Refer records the referral to treatment with id, to the host's service
// code to, made on date on by actor by. Referring again with the same id
// and content is a no-op; a second, different referral fails with
// ErrConflict (one intervention makes one referral; update its status).
func (b *Intervention) Refer(id uuid.UUID, to string, on intervention.Date, by string) error {
	var errs []error
	if id == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	errs = append(errs, checkCode("to", to), checkCode("by", by))
	if on.IsZero() {
		errs = append(errs, intervention.Field("on", intervention.ErrMissing))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	first := ReferralEvent{Status: ReferralReferred, On: on, By: by}
	if r := b.referral; r != nil {
		if r.ID == id && r.To == to && r.History[0] == first {
			return nil
		}
		return ErrConflict
	}
	b.referral = &Referral{ID: id, To: to, History: []ReferralEvent{first}}
	return nil
}

// UpdateReferral records the referral's next status on a date no earlier
// than its last change. Allowed moves follow ReferralStatus.CanBecome;
// recording the current status again on the same date is a no-op.
func (b *Intervention) UpdateReferral(status ReferralStatus, on intervention.Date, by string) error {
	var errs []error
	if !status.Valid() {
		errs = append(errs, intervention.Field("status", ErrUnknownReferralStatus))
	}
	if on.IsZero() {
		errs = append(errs, intervention.Field("on", intervention.ErrMissing))
	}
	errs = append(errs, checkCode("by", by))
	if err := errors.Join(errs...); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.referral
	if r == nil {
		return ErrNoReferral
	}
	last := r.History[len(r.History)-1]
	switch {
	case last.Status == status && last.On == on:
		return nil
	case on.Before(last.On):
		return intervention.Field("on", intervention.ErrOutOfRange)
	case !last.Status.CanBecome(status):
		return intervention.Field("status", ErrReferralTransition)
	}
	r.History = append(r.History, ReferralEvent{Status: status, On: on, By: by})
	return nil
}

// Referral returns the referral and whether one was made.
func (b *Intervention) Referral() (Referral, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.referral == nil {
		return Referral{}, false
	}
	return b.referral.clone(), true
}

// FollowUpDue returns the date by which the intervention is due: the
// screen's date in the patient's zone plus FollowUpDays.
func (b *Intervention) FollowUpDue() intervention.Date {
	d, _ := intervention.DateOf(b.cfg.ScreenedAt, b.cfg.Location)
	return d.AddDays(b.cfg.FollowUpDays)
}

// checkCode reports whether s is a short code: 1–64 characters of letters,
// digits and "-_.:/".
func checkCode(path, s string) error {
	if s == "" {
		return intervention.Field(path, intervention.ErrMissing)
	}
	if len(s) > 64 {
		return intervention.Field(path, ErrBadCode)
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '-' && c != '_' && c != '.' && c != ':' && c != '/' {
			return intervention.Field(path, ErrBadCode)
		}
	}
	return nil
}
