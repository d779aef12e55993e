package cbt

import (
	"errors"
	"slices"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// TopicKind says whether a curriculum topic must be covered (core) or may be
// chosen (elective). The zero TopicKind is invalid.
type TopicKind string

// The topic kinds (reference: plans-and-interop.md §0 item 1, §1.2).
const (
	TopicCore     TopicKind = "core"
	TopicElective TopicKind = "elective"
)

// TopicKinds returns every TopicKind in a stable order.
func TopicKinds() []TopicKind { return []TopicKind{TopicCore, TopicElective} }

// ParseTopicKind returns the TopicKind whose text form is s.
func ParseTopicKind(s string) (TopicKind, error) {
	return enum.Parse(TopicKind(s), TopicKind.Valid, ErrUnknownTopicKind)
}

// Valid reports whether k is one of the constants.
func (k TopicKind) Valid() bool { return enum.Valid(k, TopicKinds()) }

// String returns the text form of k.
func (k TopicKind) String() string { return string(k) }

// MarshalText encodes k; an invalid TopicKind is an error.
func (k TopicKind) MarshalText() ([]byte, error) {
	return enum.Marshal(k, TopicKind.Valid, ErrUnknownTopicKind)
}

// UnmarshalText decodes k with ParseTopicKind; on error *k is unchanged.
func (k *TopicKind) UnmarshalText(b []byte) error { return enum.Unmarshal(k, b, ParseTopicKind) }

// Topic is one session topic of a curriculum: a stable code (what sessions
// list in intervention.Session.Topics), a short title and its kind. Only the
// title is kept, never manual text.
type Topic struct {
	Code string    `json:"code"`
	Name string    `json:"name"`
	Kind TopicKind `json:"kind"`
}

// Curriculum is a manualised CBT protocol as data: its session catalogue
// (core and elective topics) and its ordering constraints. The presets
// (NIDACocaine, ProjectMATCH, CBT4CBT) are functions returning fresh values;
// a host may define its own, which New validates.
//
// The constraints are checked by Findings under the rules the curriculum
// lists in Rules (RuleMATCH checks the ordering constraints), never when a
// session is recorded: a course records what happened.
type Curriculum struct {
	// ID is the curriculum's code, e.g. "match-cbt".
	ID string `json:"id"`
	// Name is the curriculum's title.
	Name string `json:"name"`
	// Topics is the session catalogue; codes are unique.
	Topics []Topic `json:"topics"`
	// First is the code of the core topic the first session must cover;
	// empty when any topic may come first.
	First string `json:"first,omitzero"`
	// Last is the code of the core topic of the final session; empty when
	// there is none. Every other core topic must be covered before it.
	Last string `json:"last,omitzero"`
	// MaxElectives is how many elective sessions may be held; 0 means no
	// limit.
	MaxElectives int `json:"maxElectives"`
	// ElectivesAfterCore is how many distinct core topics must have been
	// covered, in earlier sessions, before an elective; 0 means electives
	// may come at any time.
	ElectivesAfterCore int `json:"electivesAfterCore"`
	// JointElectiveChoice requires every elective session to record that
	// the elective was chosen jointly with the client, the client's
	// preference winning (Session.ElectiveChoice).
	JointElectiveChoice bool `json:"jointElectiveChoice"`
	// Rules are the protocol-integrity rules Findings applies to courses on
	// this curriculum, each at most once.
	Rules []Rule `json:"rules"`
}

// Validate reports every problem with c, each under its JSON path: the ID
// and topic codes must be codes, topic codes unique, names non-blank and at
// most MaxNameBytes; First and Last, when set, must name distinct core
// topics (ErrUnknownTopic, ErrInconsistent); MaxElectives lies in 0…number
// of electives and ElectivesAfterCore in 0…number of core topics other than
// Last (ErrOutOfRange); rules are known and distinct.
func (c Curriculum) Validate() error {
	errs := []error{checkCode("id", c.ID), checkText("name", c.Name, MaxNameBytes)}
	if len(c.Topics) == 0 {
		errs = append(errs, field("topics", intervention.ErrMissing))
	}
	for i, t := range c.Topics {
		path := intervention.Index("topics", i)
		errs = append(errs, checkCode(path+".code", t.Code), checkText(path+".name", t.Name, MaxNameBytes))
		if t.Code != "" && slices.IndexFunc(c.Topics, func(o Topic) bool { return o.Code == t.Code }) < i {
			errs = append(errs, field(path+".code", intervention.ErrDuplicate))
		}
		if !t.Kind.Valid() {
			errs = append(errs, field(path+".kind", ErrUnknownTopicKind))
		}
	}
	errs = append(errs, c.checkFixed("first", c.First), c.checkFixed("last", c.Last))
	if c.First != "" && c.First == c.Last {
		errs = append(errs, field("last", intervention.ErrInconsistent))
	}
	core, electives := len(c.Core()), len(c.Electives())
	if c.MaxElectives < 0 || c.MaxElectives > electives {
		errs = append(errs, field("maxElectives", intervention.ErrOutOfRange))
	}
	if c.Last != "" {
		if t, ok := c.Topic(c.Last); ok && t.Kind == TopicCore {
			core--
		}
	}
	if c.ElectivesAfterCore < 0 || c.ElectivesAfterCore > max(core, 0) {
		errs = append(errs, field("electivesAfterCore", intervention.ErrOutOfRange))
	}
	for i, r := range c.Rules {
		switch {
		case !r.Valid():
			errs = append(errs, field(intervention.Index("rules", i), ErrUnknownRule))
		case slices.Index(c.Rules, r) < i:
			errs = append(errs, field(intervention.Index("rules", i), intervention.ErrDuplicate))
		}
	}
	return errors.Join(errs...)
}

// checkFixed checks a First or Last code: empty, or a core topic.
func (c Curriculum) checkFixed(path, code string) error {
	if code == "" {
		return nil
	}
	t, ok := c.Topic(code)
	switch {
	case !ok:
		return field(path, ErrUnknownTopic)
	case t.Kind != TopicCore:
		return field(path, intervention.ErrInconsistent)
	}
	return nil
}

// Topic returns the topic with code and whether the curriculum has it.
func (c Curriculum) Topic(code string) (Topic, bool) {
	i := slices.IndexFunc(c.Topics, func(t Topic) bool { return t.Code == code })
	if i < 0 {
		return Topic{}, false
	}
	return c.Topics[i], true
}

// Core returns the core topics in catalogue order.
func (c Curriculum) Core() []Topic { return c.ofKind(TopicCore) }

// Electives returns the elective topics in catalogue order.
func (c Curriculum) Electives() []Topic { return c.ofKind(TopicElective) }

func (c Curriculum) ofKind(k TopicKind) []Topic {
	var out []Topic
	for _, t := range c.Topics {
		if t.Kind == k {
			out = append(out, t)
		}
	}
	return out
}

// HasRule reports whether c lists r.
func (c Curriculum) HasRule(r Rule) bool { return slices.Contains(c.Rules, r) }

// Clone returns a deep copy of c. Nil lists become empty ones, so that
// they encode as [].
func (c Curriculum) Clone() Curriculum {
	c.Topics = append([]Topic{}, c.Topics...)
	c.Rules = append([]Rule{}, c.Rules...)
	return c
}

// kindOf returns the kind of the topic with code, or "" when there is none.
func (c Curriculum) kindOf(code string) TopicKind {
	t, _ := c.Topic(code)
	return t.Kind
}
