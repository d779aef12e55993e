package family

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
)

// MaxPlannedSessions bounds Config.PlannedSessions (a data-entry bound).
const MaxPlannedSessions = 1000

// Config is what a Therapy is built from.
type Config struct {
	// ID is the component's stable identifier within the plan.
	ID uuid.UUID
	// Patient is the host's opaque ID of the identified patient: the
	// person in SUD treatment whose records the consents protect. In CRAFT
	// the patient is the treatment-refusing loved one and the CSO is the
	// client.
	Patient uuid.UUID
	// Model is the therapy's model.
	Model Model
	// PlannedSessions is the number of sessions planned, for Completion; 0
	// means open-ended (Completion not computable, never completed). The
	// reference's doses: CRAFT 12–14, BCT 12–20, BSFT 12–16 (8–24 by
	// severity), FFT 12–14 on average (plans-and-interop.md §2).
	PlannedSessions int
	// Strain is the caregiver-strain policy; the zero value means
	// DefaultStrainPolicy (a design default), and New stores the policy it
	// will use.
	Strain StrainPolicy
	// Location is the time zone in which a session's start becomes its
	// calendar date (for consent checks) and dated records are compared
	// with asOf; nil means UTC. It must be a zone time.LoadLocation can load
	// by name (it is stored by name), not time.Local.
	Location *time.Location
}

// Validate reports every problem with c, each under the JSON path the
// therapy's JSON form gives it.
func (c Config) Validate() error {
	var errs []error
	if c.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if c.Patient == uuid.Nil {
		errs = append(errs, field("patient", intervention.ErrMissing))
	}
	if !c.Model.Valid() {
		errs = append(errs, field("model", ErrUnknownModel))
	}
	if c.PlannedSessions < 0 || c.PlannedSessions > MaxPlannedSessions {
		errs = append(errs, field("plannedSessions", intervention.ErrOutOfRange))
	}
	errs = append(errs, intervention.Prefix("strain", c.Strain.Validate()))
	if c.Location != nil && !wire.Storable(c.Location) {
		errs = append(errs, intervention.Expect("timeZone", intervention.ErrUnknownValue, intervention.WantZone))
	}
	return errors.Join(errs...)
}

func (c Config) location() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// Therapy is a family or couples therapy for one identified patient under
// one model (CRAFT, BCT, BSFT, MDFT, FFT or generic): its family members
// and their consents, sessions with who attended, and the model's records —
// CRAFT domestic-violence screens, invitations and the day the patient
// entered treatment; the BCT recovery contract and its daily calendar —
// plus caregiver-strain check-ins (reference: plans-and-interop.md §2).
//
// Consent first (42 CFR Part 2; reference: plans-and-interop.md §5.5,
// rules 33–35): every recorded member listed in a session, whatever role
// the session gives them, and the partner of a recovery contract, must
// have a consent that permits disclosing the treatment plan
// (intervention.FamilySessionInformation) to them for family involvement
// on that day (CanShare). Otherwise the record
// is refused with a *ConsentError saying why (revoked, expired,
// not-yet-signed, wrong-recipient …) and nothing changes. A member listed
// as absent counts too: scheduling them tells them about the patient's
// treatment. The reference allows a patient-present context in which only
// the patient discloses; the library does not model it and asks for a
// consent for every member.
//
// Everything is append-only. Every record carries a caller-chosen key
// (an ID; a calendar entry's day and item; the treatment-entry date).
// Recording the same record again is a no-op that reports replayed = true;
// the same key with different content is ErrConflict. The one permitted
// change is recording a consent again with its revocation or expiry-event
// date filled in. A failed call changes nothing.
//
// Therapy implements intervention.Component and intervention.Checker
// (rule C-FAMILY-1). It is safe for concurrent use; its zero value is
// invalid (Validate says why) — build one with New. It holds no free text
// except consent descriptions, which String, fmt and slog output never show.
type Therapy struct {
	mu          sync.RWMutex
	cfg         Config
	members     []Member
	sessions    []Session
	screens     []DVScreen
	invitations []Invitation
	entry       intervention.Date
	contracts   []RecoveryContract
	calendar    []CalendarEntry
	strain      []StrainCheckIn
}

var (
	_ intervention.Component = (*Therapy)(nil)
	_ intervention.Checker   = (*Therapy)(nil)
)

// New returns an empty therapy. It fails, wrapping intervention.ErrInvalid,
// when cfg is invalid.
func New(cfg Config) (*Therapy, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Strain.IsZero() {
		cfg.Strain = DefaultStrainPolicy()
	}
	return &Therapy{cfg: cfg}, nil
}

// ID returns the component's identifier.
func (t *Therapy) ID() uuid.UUID {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.cfg.ID
}

// Modality returns intervention.ModalityFamilyTherapy.
func (t *Therapy) Modality() intervention.Modality { return intervention.ModalityFamilyTherapy }

// Model returns the therapy's model.
func (t *Therapy) Model() Model {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.cfg.Model
}

// Config returns the therapy's configuration, with the strain policy in use.
func (t *Therapy) Config() Config {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.cfg
}

// Validate reports problems with the therapy's configuration. Records are
// checked as they are added, so a therapy built with New is valid; the zero
// Therapy is not.
func (t *Therapy) Validate() error {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.cfg.Validate()
}

// replay reports whether rec is already recorded as old: replayed = true
// when both encode the same, ErrConflict at path otherwise.
func replay[T any](old, rec T, path string) (bool, error) {
	a, err1 := json.Marshal(old)
	b, err2 := json.Marshal(rec)
	if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
		return false, field(path, ErrConflict)
	}
	return true, nil
}

// find returns the index of the element of s whose ID is id, or -1.
func find[T any](s []T, id uuid.UUID, key func(T) uuid.UUID) int {
	if id == uuid.Nil {
		return -1
	}
	return slices.IndexFunc(s, func(e T) bool { return key(e) == id })
}

func memberID(m Member) uuid.UUID             { return m.ID }
func sessionID(s Session) uuid.UUID           { return s.Session.ID }
func screenID(d DVScreen) uuid.UUID           { return d.ID }
func invitationID(i Invitation) uuid.UUID     { return i.ID }
func contractID(c RecoveryContract) uuid.UUID { return c.ID }
func strainID(c StrainCheckIn) uuid.UUID      { return c.ID }

// member returns the recorded member with id, or ErrNotRecorded at path.
func (t *Therapy) member(id uuid.UUID, path string) (Member, error) {
	i := find(t.members, id, memberID)
	if i < 0 {
		return Member{}, field(path, ErrNotRecorded)
	}
	return t.members[i], nil
}

// onlyModel returns ErrWrongModel at path unless the therapy's model is m.
func (t *Therapy) onlyModel(m Model, path string) error {
	if t.cfg.Model != m {
		return field(path, ErrWrongModel)
	}
	return nil
}

// date returns the calendar date of instant at in the therapy's time zone.
func (t *Therapy) date(at time.Time) intervention.Date {
	d, _ := intervention.DateOf(at, t.cfg.location()) // zero outside years 1–9999
	return d
}

// AddMember records a family member with the consents given so far.
// Besides Member.Validate, the member may not be the patient
// (ErrInconsistent at "id"), each consent must be the therapy patient's
// (ErrInconsistent at "consents[i].patient") and its ID not already
// recorded for another member (ErrConflict at "consents[i].id").
//
// Recording a member again with the same role records any consent in it as
// RecordConsent does; replayed is true when nothing changed. Another role
// is ErrConflict at "role".
func (t *Therapy) AddMember(m Member) (replayed bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := m.Validate(); err != nil {
		return false, err
	}
	var errs []error
	if m.ID == t.cfg.Patient {
		errs = append(errs, field("id", intervention.ErrInconsistent))
	}
	i := find(t.members, m.ID, memberID)
	var next Member
	if i >= 0 {
		if t.members[i].Role != m.Role {
			errs = append(errs, field("role", ErrConflict))
		}
		next = cloneMember(t.members[i])
	} else {
		next = Member{Participant: m.Participant}
	}
	changed := i < 0
	for k, c := range m.Consents {
		var ch bool
		var err error
		next, ch, err = t.withConsent(next, c)
		changed = changed || ch
		errs = append(errs, intervention.Prefix(intervention.Index("consents", k), err))
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	if !changed {
		return true, nil
	}
	if err := t.checkUses(next); err != nil {
		return false, err
	}
	if i < 0 {
		t.members = append(t.members, next)
	} else {
		t.members[i] = next
	}
	return false, nil
}

// RecordConsent records a consent the patient signed for disclosures to
// member, a recorded member (ErrNotRecorded at "member"). The consent must
// be valid and the therapy patient's (ErrInconsistent at "patient").
// Idempotent on the consent ID; recording it again with RevokedOn or
// ExpiryEventOccurred newly set records the revocation or expiry event
// (rule P-CONSENT-3), unless its date would withdraw the consent from a
// session or contract already recorded in reliance on it (ErrConsentInUse).
// Any other change is ErrConflict.
func (t *Therapy) RecordConsent(member uuid.UUID, c intervention.Consent) (replayed bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	i := find(t.members, member, memberID)
	if i < 0 {
		return false, field("member", ErrNotRecorded)
	}
	next, changed, err := t.withConsent(cloneMember(t.members[i]), c)
	if err != nil {
		return false, err
	}
	if !changed {
		return true, nil
	}
	if err := t.checkUses(next); err != nil {
		return false, err
	}
	t.members[i] = next
	return false, nil
}

// withConsent returns m with consent c recorded, and whether that changed m.
func (t *Therapy) withConsent(m Member, c intervention.Consent) (Member, bool, error) {
	if err := c.Validate(); err != nil {
		return m, false, err
	}
	if c.Patient != t.cfg.Patient {
		return m, false, field("patient", intervention.ErrInconsistent)
	}
	for _, o := range t.members {
		if o.ID != m.ID && slices.ContainsFunc(o.Consents, func(x intervention.Consent) bool { return x.ID == c.ID }) {
			return m, false, field("id", ErrConflict)
		}
	}
	c = cloneConsents([]intervention.Consent{c})[0]
	k := slices.IndexFunc(m.Consents, func(x intervention.Consent) bool { return x.ID == c.ID })
	if k < 0 {
		m.Consents = append(m.Consents, c)
		return m, true, nil
	}
	same, update := consentUpdate(m.Consents[k], c)
	switch {
	case same:
		return m, false, nil
	case !update:
		return m, false, field("id", ErrConflict)
	}
	m.Consents[k] = c
	return m, true, nil
}

// checkUses checks that m's consents still permit every recorded session
// that lists m and every recovery contract m keeps; ErrConsentInUse at
// "consents" otherwise.
func (t *Therapy) checkUses(m Member) error {
	for _, s := range t.sessions {
		if _, ok := s.Session.Attendee(m.ID); ok {
			if ok, _ := permits(t.cfg.Patient, m.ID, m.Consents, t.date(s.Session.Start), sessionInfo()); !ok {
				return field("consents", ErrConsentInUse)
			}
		}
	}
	for _, c := range t.contracts {
		if c.Partner == m.ID {
			if ok, _ := permits(t.cfg.Patient, m.ID, m.Consents, c.Start, sessionInfo()); !ok {
				return field("consents", ErrConsentInUse)
			}
		}
	}
	return nil
}

// Members returns the members in the order they were added, with their
// consents.
func (t *Therapy) Members() Members {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make(Members, len(t.members))
	for i, m := range t.members {
		out[i] = cloneMember(m)
	}
	return out
}

// Member returns the member with id and whether it is recorded.
func (t *Therapy) Member(id uuid.UUID) (Member, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	m, err := t.member(id, "")
	return cloneMember(m), err == nil
}

// CanShare reports whether member may take part in a session (or keep a
// recovery contract) on asOf: whether one of their consents permits
// disclosing intervention.FamilySessionInformation — the treatment plan,
// what a family session discloses — to them on asOf for family
// involvement, and why not (42 CFR Part 2; reference: plans-and-interop.md
// §5.5, rules P-CONSENT-1 and P-CONSENT-3). It is CanDisclose with that
// category, and it is exactly the gate AddSession applies to every
// participant who is a recorded member, whatever role the session lists.
func (t *Therapy) CanShare(member uuid.UUID, asOf intervention.Date) (bool, intervention.ConsentReason) {
	return t.CanDisclose(member, asOf, intervention.FamilySessionInformation)
}

// CanDisclose reports whether one of member's consents permits disclosing
// the categories info and more of the therapy patient's records to member
// on asOf for the purpose family-involvement
// (intervention.Consent.PermitsDisclosure with the patient and the member's
// ID as recipient), and why not: a category outside every consent's scope
// is ConsentInformationNotCovered. The consent must name
// the member by ID; one naming only the class "family-member" does not
// permit (DESIGN.md: "consent naming that recipient"). When none permits,
// the reason is that of the most relevant consent — among the
// family-involvement consents naming the member, the one signed last;
// otherwise the last recorded — and ConsentWrongRecipient when the member
// has no consent or is not a member. SUD counselling notes need their own
// consent (ConsentCounselingNotesNeedSeparateConsent; rule P-CONSENT-2).
// Every permitted disclosure carries the §2.32 notice
// (intervention.RequiresRedisclosureNotice).
func (t *Therapy) CanDisclose(member uuid.UUID, asOf intervention.Date, info intervention.InfoCategory,
	more ...intervention.InfoCategory,
) (bool, intervention.ConsentReason) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	m, err := t.member(member, "")
	if err != nil {
		return false, intervention.ConsentWrongRecipient
	}
	return permits(t.cfg.Patient, member, m.Consents, asOf, append([]intervention.InfoCategory{info}, more...))
}

// AddSession records a session and returns its billing (Session.Billing:
// 90847 with the patient present, 90846 without, from 26 minutes).
// Besides Session.Validate:
//
//   - a participant with the patient role must be the therapy's patient
//     (ErrInconsistent at "session.participants[i].id");
//   - a participant with a family role must be a recorded member
//     (ErrNotRecorded at "session.participants[i].id");
//   - consent follows the person, not the role the session lists: every
//     participant who is a recorded member — listed with a family role, or
//     as a peer supporter, clinician or any other role — needs a consent
//     permitting disclosure of intervention.FamilySessionInformation on
//     the session's date in the therapy's time zone, exactly as CanShare
//     answers for them (a *ConsentError at "session.participants[i]",
//     unwrapping to ErrConsentRequired), and must be listed with the role
//     they were recorded with (ErrInconsistent at
//     "session.participants[i].role"); a recorded member named as the
//     session's clinician is refused the same way (at "session.clinician");
//   - only the therapy model's fields may be set (ErrWrongModel).
//
// Idempotent on the session ID: a replay returns the original's billing.
func (t *Therapy) AddSession(s Session) (bill billing.Result, replayed bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if i := find(t.sessions, s.Session.ID, sessionID); i >= 0 {
		if replayed, err = replay(t.sessions[i], s, "session.id"); err != nil {
			return billing.Result{}, false, err
		}
		bill, err = t.sessions[i].Billing()
		return bill, true, err
	}
	errs := []error{s.Validate()}
	for _, p := range s.modelPaths(t.cfg.Model) {
		errs = append(errs, field(p, ErrWrongModel))
	}
	var on intervention.Date
	if !s.Session.Start.IsZero() {
		on = t.date(s.Session.Start)
	}
	for i, p := range s.Session.Participants {
		path := intervention.Index("session.participants", i)
		if p.Role == intervention.RolePatient && p.ID != t.cfg.Patient {
			errs = append(errs, field(path+".id", intervention.ErrInconsistent))
		}
		if p.Role.IsFamily() || find(t.members, p.ID, memberID) >= 0 {
			errs = append(errs, t.checkFamily(p.Participant, path, path+".role", on)...)
		}
	}
	if find(t.members, s.Session.Clinician, memberID) >= 0 {
		clinician := intervention.Participant{ID: s.Session.Clinician, Role: intervention.RoleClinician}
		errs = append(errs, t.checkFamily(clinician, "session.clinician", "session.clinician", on)...)
	}
	if err := errors.Join(errs...); err != nil {
		return billing.Result{}, false, err
	}
	bill, err = s.Billing()
	if err != nil {
		return billing.Result{}, false, err
	}
	t.sessions = append(t.sessions, cloneSession(s))
	return bill, false, nil
}

// checkFamily checks that participant p, listed with a family role or a
// recorded member listed with any role, is a member listed with the role
// recorded for them and has a consent permitting a family session on day
// on (CanShare; a zero day is reported by Session.Validate). The consent
// is checked whatever the listed role, so that listing a relative under
// another role cannot bypass it; a role other than the recorded one is
// ErrInconsistent at rolePath.
func (t *Therapy) checkFamily(p intervention.Participant, path, rolePath string, on intervention.Date) []error {
	m, err := t.member(p.ID, path+".id")
	if err != nil {
		return []error{err}
	}
	var errs []error
	if ok, why := permits(t.cfg.Patient, m.ID, m.Consents, on, sessionInfo()); !ok && !on.IsZero() {
		errs = append(errs, field(path, &ConsentError{Member: m.ID, Reason: why}))
	}
	if m.Role != p.Role {
		errs = append(errs, field(rolePath, intervention.ErrInconsistent))
	}
	return errs
}

// Sessions returns the sessions in the order they were added.
func (t *Therapy) Sessions() []Session {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]Session, len(t.sessions))
	for i, s := range t.sessions {
		out[i] = cloneSession(s)
	}
	return out
}

// RecordDVScreen records a domestic-violence screen of a recorded member
// (ErrNotRecorded at "member"). Any model may record one; CRAFT requires
// one before behaviour-change procedures (rule C-FAMILY-1). Idempotent on
// the screen ID.
func (t *Therapy) RecordDVScreen(d DVScreen) (replayed bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if i := find(t.screens, d.ID, screenID); i >= 0 {
		return replay(t.screens[i], d, "id")
	}
	errs := []error{d.Validate()}
	if d.Member != uuid.Nil {
		_, err := t.member(d.Member, "member")
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	t.screens = append(t.screens, d)
	return false, nil
}

// DVScreens returns the domestic-violence screens in recording order.
func (t *Therapy) DVScreens() []DVScreen {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return slices.Clone(t.screens)
}

// RecordInvitation records a CRAFT invitation to the identified patient
// (ErrWrongModel at "model" for another model) made by a recorded member
// (ErrNotRecorded at "by"). Idempotent on the invitation ID.
func (t *Therapy) RecordInvitation(i Invitation) (replayed bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if k := find(t.invitations, i.ID, invitationID); k >= 0 {
		return replay(t.invitations[k], i, "id")
	}
	errs := []error{i.Validate(), t.onlyModel(ModelCRAFT, "model")}
	if i.By != uuid.Nil {
		_, err := t.member(i.By, "by")
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	t.invitations = append(t.invitations, i)
	return false, nil
}

// Invitations returns the CRAFT invitations in recording order.
func (t *Therapy) Invitations() []Invitation {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return slices.Clone(t.invitations)
}

// RecordTreatmentEntry records the day the identified patient entered
// treatment, the outcome CRAFT works toward (reference:
// plans-and-interop.md §2, "IP treatment entry"). CRAFT only (ErrWrongModel
// at "model"); a zero date is ErrMissing at "treatmentEntry". Recording the
// same day again is a no-op; another day is ErrConflict.
func (t *Therapy) RecordTreatmentEntry(on intervention.Date) (replayed bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	var errs []error
	if on.IsZero() {
		errs = append(errs, field("treatmentEntry", intervention.ErrMissing))
	}
	errs = append(errs, t.onlyModel(ModelCRAFT, "model"))
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	switch {
	case t.entry.IsZero():
		t.entry = on
		return false, nil
	case t.entry == on:
		return true, nil
	}
	return false, field("treatmentEntry", ErrConflict)
}

// TreatmentEntry returns the day the identified patient entered treatment
// and whether it is recorded.
func (t *Therapy) TreatmentEntry() (intervention.Date, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.entry, !t.entry.IsZero()
}

// AddContract records a BCT recovery contract (ErrWrongModel at "model" for
// another model). Its Partner must be a recorded member with the partner
// role (ErrNotRecorded, ErrInconsistent at "partner") whose consent permits
// disclosure on Start (a *ConsentError at "partner"); a later contract
// must start after the previous one (ErrInconsistent at "start") and
// replaces it from that day, so it must include every item already marked
// on the calendar from that day on (ErrNoContract at "items"). Idempotent
// on the contract ID.
func (t *Therapy) AddContract(c RecoveryContract) (replayed bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if i := find(t.contracts, c.ID, contractID); i >= 0 {
		return replay(t.contracts[i], c, "id")
	}
	errs := []error{c.Validate(), t.onlyModel(ModelBCT, "model")}
	if c.Partner != uuid.Nil {
		m, err := t.member(c.Partner, "partner")
		switch {
		case err != nil:
			errs = append(errs, err)
		case m.Role != intervention.RolePartner:
			errs = append(errs, field("partner", intervention.ErrInconsistent))
		case !c.Start.IsZero():
			if ok, why := permits(t.cfg.Patient, m.ID, m.Consents, c.Start, sessionInfo()); !ok {
				errs = append(errs, field("partner", &ConsentError{Member: m.ID, Reason: why}))
			}
		}
	}
	for _, e := range t.calendar {
		if !c.Start.IsZero() && !e.Day.Before(c.Start) && e.Item.Valid() && !c.Has(e.Item) {
			errs = append(errs, field("items", ErrNoContract))
			break
		}
	}
	if n := len(t.contracts); n > 0 && !c.Start.IsZero() && !c.Start.After(t.contracts[n-1].Start) {
		errs = append(errs, field("start", intervention.ErrInconsistent))
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	c.Items = slices.Clone(c.Items)
	t.contracts = append(t.contracts, c)
	return false, nil
}

// Contracts returns the recovery contracts in recording (and start) order.
func (t *Therapy) Contracts() []RecoveryContract {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]RecoveryContract, len(t.contracts))
	for i, c := range t.contracts {
		c.Items = slices.Clone(c.Items)
		out[i] = c
	}
	return out
}

// contractOn returns the contract in force on day d.
func (t *Therapy) contractOn(d intervention.Date) (RecoveryContract, bool) {
	for i := len(t.contracts) - 1; i >= 0; i-- {
		if !t.contracts[i].Start.After(d) {
			return t.contracts[i], true
		}
	}
	return RecoveryContract{}, false
}

// RecordDay records one day's calendar mark for a contract item
// (ErrWrongModel at "model" outside BCT). A contract in force on the day
// must include the item (ErrNoContract at "day" or "item"). Idempotent on
// the day and item: the same status again is a no-op, another status is
// ErrConflict at "status".
func (t *Therapy) RecordDay(e CalendarEntry) (replayed bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := errors.Join(e.Validate(), t.onlyModel(ModelBCT, "model")); err != nil {
		return false, err
	}
	for _, old := range t.calendar {
		if old.Day == e.Day && old.Item == e.Item {
			if old.Status != e.Status {
				return false, field("status", ErrConflict)
			}
			return true, nil
		}
	}
	c, ok := t.contractOn(e.Day)
	switch {
	case !ok:
		return false, field("day", ErrNoContract)
	case !c.Has(e.Item):
		return false, field("item", ErrNoContract)
	}
	t.calendar = append(t.calendar, e)
	return false, nil
}

// Calendar returns the calendar entries in recording order.
func (t *Therapy) Calendar() []CalendarEntry {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return slices.Clone(t.calendar)
}

// Adherence returns the share of item's calendar entries dated on or before
// through that are done: done over done plus missed. Days with no entry
// are not counted (see the measure MeasureBCTCalendarRecorded for those);
// the ratio is not computable when there is no entry.
func (t *Therapy) Adherence(item ContractItem, through intervention.Date) intervention.Ratio {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.adherence(func(i ContractItem) bool { return i == item }, through)
}

func (t *Therapy) adherence(match func(ContractItem) bool, through intervention.Date) intervention.Ratio {
	done, all := 0, 0
	for _, e := range t.calendar {
		if match(e.Item) && !e.Day.After(through) {
			all++
			if e.Status == DayDone {
				done++
			}
		}
	}
	return intervention.RatioOf(done, all)
}

// RecordStrain records a caregiver-strain check-in of a recorded member
// (ErrNotRecorded at "member") rated within the policy's scale
// (ErrOutOfRange at "rating"). Idempotent on the check-in ID.
func (t *Therapy) RecordStrain(c StrainCheckIn) (replayed bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if i := find(t.strain, c.ID, strainID); i >= 0 {
		return replay(t.strain[i], c, "id")
	}
	errs := []error{c.Validate()}
	if c.Member != uuid.Nil {
		_, err := t.member(c.Member, "member")
		errs = append(errs, err)
	}
	if c.Rating < t.cfg.Strain.ScaleMin || c.Rating > t.cfg.Strain.ScaleMax {
		errs = append(errs, field("rating", intervention.ErrOutOfRange))
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	t.strain = append(t.strain, c)
	return false, nil
}

// StrainCheckIns returns the caregiver-strain check-ins in recording order.
func (t *Therapy) StrainCheckIns() []StrainCheckIn {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return slices.Clone(t.strain)
}

// StrainFlags returns the members who need support as of asOf, in member
// order: those whose latest StrainPolicy.Consecutive check-ins dated on or
// before asOf are all at or above the policy threshold.
func (t *Therapy) StrainFlags(asOf intervention.Date) []StrainFlag {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return strainFlags(t.cfg.Strain, t.members, t.strain, asOf)
}

// CurrentMDFTStage returns the stage of the latest session started at or
// before asOf that states one, and whether there is one.
func (t *Therapy) CurrentMDFTStage(asOf time.Time) (MDFTStage, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	s, ok := t.latestSession(asOf, func(s Session) bool { return s.MDFTStage != "" })
	return s.MDFTStage, ok
}

// CurrentFFTPhase returns the phase of the latest session started at or
// before asOf that states one, and whether there is one.
func (t *Therapy) CurrentFFTPhase(asOf time.Time) (FFTPhase, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	s, ok := t.latestSession(asOf, func(s Session) bool { return s.FFTPhase != "" })
	return s.FFTPhase, ok
}

// latestSession returns the session with the latest start at or before
// asOf (the last recorded on a tie) for which keep is true.
func (t *Therapy) latestSession(asOf time.Time, keep func(Session) bool) (Session, bool) {
	var out Session
	ok := false
	for _, s := range t.sessions {
		if s.Session.Start.After(asOf) || !keep(s) {
			continue
		}
		if !ok || !s.Session.Start.Before(out.Session.Start) {
			out, ok = s, true
		}
	}
	return out, ok
}
