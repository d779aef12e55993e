package family

import (
	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// memberDoc is the therapy document's form of a Member: its keys and order,
// with each consent in its storage form (intervention.ConsentDocument),
// which holds the consent's Description. A Member's own JSON form redacts
// it, so that json.Marshal of members (and slog's JSON handler on a list of
// them) never carries PHI. Key order is part of the contract
// (testdata/therapy.golden.json).
type memberDoc struct {
	intervention.Participant
	Consents []intervention.ConsentDocument `json:"consents"`
}

// doc returns the document form of m; its consents are never null.
func (m Member) doc() memberDoc {
	return memberDoc{Participant: m.Participant, Consents: wire.List(wire.Map(m.Consents, toDocument))}
}

func toDocument(c intervention.Consent) intervention.ConsentDocument {
	return intervention.ConsentDocument(c)
}

func fromDocument(d intervention.ConsentDocument) intervention.Consent {
	return intervention.Consent(d)
}

// member returns the Member d stores.
func (d memberDoc) member() Member {
	return Member{Participant: d.Participant, Consents: wire.Map(d.Consents, fromDocument)}
}
