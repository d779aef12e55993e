package twelvestep

import (
	"errors"
	"slices"

	"github.com/recoverykit/psychosocial/intervention"
)

// Protocol constants (reference: plans-and-interop.md §3.1, §3.2 and
// section (b) items 29–30).
const (
	// MATCHSessions is the number of Project MATCH TSF sessions: "12 weekly
	// individual sessions, or 10 individual + 2 conjoint sessions with a
	// significant other" (Counselor-magazine summary; rule C-TSF-1).
	MATCHSessions = 12
	// MATCHMaxConjoint is the most conjoint sessions with a significant
	// other a MATCH TSF course may hold (rule C-TSF-1).
	MATCHMaxConjoint = 2
	// MAAEZSessions is the number of MAAEZ sessions (NCT01382316; rule C-MAAEZ-1).
	MAAEZSessions = 6
	// MAAEZCoreTopics is the number of MAAEZ core topics, held as sessions
	// 2–5 in any order: sponsorship, principles not personalities,
	// spirituality, living sober.
	MAAEZCoreTopics = 4
	// MaxCurriculumSessions bounds Curriculum.Sessions (a data-entry bound).
	MaxCurriculumSessions = 100
	// MaxTopics bounds the topics of a curriculum (a data-entry bound).
	MaxTopics = 200
)

// Topic is one session topic of a curriculum: a code that sessions list in
// intervention.Session.Topics, and its kind. Topic names and manual text
// stay with the host; the library ships codes only.
type Topic struct {
	ID   string    `json:"id"`
	Kind TopicKind `json:"kind"`
}

// Curriculum is a TSF session catalogue as data: the protocol it follows
// (which decides the fidelity rule), the number of sessions planned and the
// topics, each with its kind (reference: plans-and-interop.md §0 item 1,
// §3.1, §3.2). Build one with MATCHTSF or MAAEZ, or write your own with
// ProtocolCustom.
type Curriculum struct {
	Protocol Protocol `json:"protocol"`
	// Name is a code naming this topic set, e.g. "match-tsf-default".
	Name string `json:"name"`
	// Sessions is the number of sessions planned: 12 for MATCH TSF, 6 for
	// MAAEZ, 1–100 for a custom curriculum.
	Sessions int     `json:"sessions"`
	Topics   []Topic `json:"topics"`
}

// MATCHTSF returns the default Project MATCH TSF curriculum: 12 sessions
// (at most 2 of them conjoint), a core programme (Introduction &
// Assessment; Acceptance; Surrender; Getting Active; Termination), six
// electives (Genograms; Enabling; People, Places & Routines; Emotions
// (HALT); Moral Inventories; Relationships) and a conjoint programme
// (Enabling; Detaching), under topic IDs "match-tsf.…".
//
// UNVERIFIED: the reference marks these topic names as a recollection of
// the manual not checked against its text (reference: plans-and-interop.md
// §3.1 and §8 item 1; Nowinski, Baker & Carroll, NIAAA Monograph Vol. 1,
// NIH Pub. 94-3722). They are a default preset, not a fact: a programme that
// has checked the manual passes its own Curriculum with ProtocolMATCHTSF.
// The 12-session, 2-conjoint format is sourced (rule C-TSF-1).
func MATCHTSF() Curriculum {
	return Curriculum{
		Protocol: ProtocolMATCHTSF,
		Name:     "match-tsf-default",
		Sessions: MATCHSessions,
		Topics: []Topic{
			{ID: "match-tsf.introduction", Kind: TopicOpening},
			{ID: "match-tsf.acceptance", Kind: TopicCore},
			{ID: "match-tsf.surrender", Kind: TopicCore},
			{ID: "match-tsf.getting-active", Kind: TopicCore},
			{ID: "match-tsf.genograms", Kind: TopicElective},
			{ID: "match-tsf.enabling", Kind: TopicElective},
			{ID: "match-tsf.people-places-routines", Kind: TopicElective},
			{ID: "match-tsf.emotions", Kind: TopicElective},
			{ID: "match-tsf.moral-inventories", Kind: TopicElective},
			{ID: "match-tsf.relationships", Kind: TopicElective},
			{ID: "match-tsf.conjoint-enabling", Kind: TopicConjoint},
			{ID: "match-tsf.conjoint-detaching", Kind: TopicConjoint},
			{ID: "match-tsf.termination", Kind: TopicClosing},
		},
	}
}

// MAAEZ returns the Making AA Easier curriculum (Kaskutas et al. 2009, JSAT
// 37:228; NCT01382316): six weekly 90-minute group sessions — the
// introduction first, the four core sessions (sponsorship, principles not
// personalities, spirituality, living sober) in any order, and a return to
// the introduction as a "graduate" last (reference: plans-and-interop.md
// §3.2; rule C-MAAEZ-1). Topic IDs are "maaez.…".
func MAAEZ() Curriculum {
	return Curriculum{
		Protocol: ProtocolMAAEZ,
		Name:     "maaez",
		Sessions: MAAEZSessions,
		Topics: []Topic{
			{ID: "maaez.introduction", Kind: TopicOpening},
			{ID: "maaez.sponsorship", Kind: TopicCore},
			{ID: "maaez.principles-not-personalities", Kind: TopicCore},
			{ID: "maaez.spirituality", Kind: TopicCore},
			{ID: "maaez.living-sober", Kind: TopicCore},
			{ID: "maaez.graduate", Kind: TopicClosing},
		},
	}
}

// IsZero reports whether c is the zero Curriculum.
func (c Curriculum) IsZero() bool {
	return c.Protocol == "" && c.Name == "" && c.Sessions == 0 && len(c.Topics) == 0
}

// Validate reports every problem with c, each under its JSON path. It
// never modifies c.
//
//   - protocol known (ErrUnknownProtocol), name a code (ErrBadCode);
//   - sessions 1–MaxCurriculumSessions (ErrOutOfRange), and exactly the
//     protocol's count for MATCH TSF (12) and MAAEZ (6) (ErrCurriculum);
//   - 1–MaxTopics topics (ErrMissing, ErrOutOfRange), each with a code ID
//     (ErrBadCode), unique (intervention.ErrDuplicate), of a known kind;
//   - at most one opening and one closing topic (ErrCurriculum); a MAAEZ
//     curriculum has exactly one opening, four core and one closing topic
//     and nothing else (ErrCurriculum at "topics").
func (c Curriculum) Validate() error {
	var errs []error
	add := func(path string, rule error) { errs = append(errs, field(path, rule)) }
	if !c.Protocol.Valid() {
		add("protocol", ErrUnknownProtocol)
	}
	if !validCode(c.Name) {
		add("name", ErrBadCode)
	}
	switch n := c.Protocol.Sessions(); {
	case c.Sessions < 1 || c.Sessions > MaxCurriculumSessions:
		add("sessions", intervention.ErrOutOfRange)
	case n > 0 && c.Sessions != n:
		add("sessions", ErrCurriculum)
	}
	switch {
	case len(c.Topics) == 0:
		add("topics", intervention.ErrMissing)
	case len(c.Topics) > MaxTopics:
		add("topics", intervention.ErrOutOfRange)
	}
	count := map[TopicKind]int{}
	for i, t := range c.Topics {
		path := intervention.Index("topics", i)
		switch {
		case !validCode(t.ID):
			add(path+".id", ErrBadCode)
		case slices.IndexFunc(c.Topics[:i], func(o Topic) bool { return o.ID == t.ID }) >= 0:
			add(path+".id", intervention.ErrDuplicate)
		}
		if !t.Kind.Valid() {
			add(path+".kind", ErrUnknownTopicKind)
			continue
		}
		count[t.Kind]++
		if (t.Kind == TopicOpening || t.Kind == TopicClosing) && count[t.Kind] > 1 {
			add(path+".kind", ErrCurriculum)
		}
	}
	if c.Protocol == ProtocolMAAEZ && len(c.Topics) > 0 &&
		(count[TopicOpening] != 1 || count[TopicCore] != MAAEZCoreTopics || count[TopicClosing] != 1 ||
			count[TopicElective]+count[TopicConjoint] > 0) {
		add("topics", ErrCurriculum)
	}
	return errors.Join(errs...)
}

// Topic returns the topic with id and whether c has it.
func (c Curriculum) Topic(id string) (Topic, bool) {
	i := slices.IndexFunc(c.Topics, func(t Topic) bool { return t.ID == id })
	if i < 0 {
		return Topic{}, false
	}
	return c.Topics[i], true
}

// Required returns the topics every patient must cover (opening, core and
// closing), in curriculum order.
func (c Curriculum) Required() []Topic {
	var out []Topic
	for _, t := range c.Topics {
		if t.Kind.Required() {
			out = append(out, t)
		}
	}
	return out
}

// clone returns c with its own topic list.
func (c Curriculum) clone() Curriculum {
	c.Topics = slices.Clone(c.Topics)
	return c
}
