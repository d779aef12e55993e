package motivation

import (
	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// Document forms of the worksheets that hold text. A worksheet's own JSON
// form redacts its text (intervention.Text marshals as "[redacted]"), so
// that json.Marshal of a worksheet, and slog's JSON handler on a list of
// them, never carries PHI. The component document, and the comparison that
// makes recording idempotent, use these forms: the worksheet's fields, keys
// and order, with the text as itself. Key order is part of the contract
// (testdata/component.golden.json).

type balanceDoc struct {
	ID             uuid.UUID         `json:"id"`
	Behavior       Behavior          `json:"behavior"`
	On             intervention.Date `json:"on"`
	Session        uuid.UUID         `json:"session,omitzero"`
	Scale          Scale             `json:"scale"`
	ProsOfChanging []balanceItemDoc  `json:"prosOfChanging,omitzero"`
	ConsOfChanging []balanceItemDoc  `json:"consOfChanging,omitzero"`
	ProsOfStaying  []balanceItemDoc  `json:"prosOfStaying,omitzero"`
	ConsOfStaying  []balanceItemDoc  `json:"consOfStaying,omitzero"`
}

type balanceItemDoc struct {
	Text   string `json:"text"`
	Rating *int   `json:"rating,omitzero"`
}

type changePlanDoc struct {
	ID             uuid.UUID         `json:"id"`
	Behavior       Behavior          `json:"behavior"`
	On             intervention.Date `json:"on"`
	Revises        uuid.UUID         `json:"revises,omitzero"`
	Goals          []string          `json:"goals"`
	Steps          []changeStepDoc   `json:"steps,omitzero"`
	Supports       []string          `json:"supports,omitzero"`
	Obstacles      []string          `json:"obstacles,omitzero"`
	SignsOfSuccess []string          `json:"signsOfSuccess,omitzero"`
}

type changeStepDoc struct {
	Text string            `json:"text"`
	By   intervention.Date `json:"by,omitzero"`
	Done intervention.Date `json:"done,omitzero"`
}

// doc returns the document form of d, with its scale's explicit bounds.
func (d DecisionalBalance) doc() balanceDoc {
	return balanceDoc{
		ID: d.ID, Behavior: d.Behavior, On: d.On, Session: d.Session, Scale: d.Scale.Bounds(),
		ProsOfChanging: wire.Map(d.ProsOfChanging, BalanceItem.doc), ConsOfChanging: wire.Map(d.ConsOfChanging, BalanceItem.doc),
		ProsOfStaying: wire.Map(d.ProsOfStaying, BalanceItem.doc), ConsOfStaying: wire.Map(d.ConsOfStaying, BalanceItem.doc),
	}
}

func (d balanceDoc) balance() DecisionalBalance {
	return DecisionalBalance{
		ID: d.ID, Behavior: d.Behavior, On: d.On, Session: d.Session, Scale: d.Scale,
		ProsOfChanging: wire.Map(d.ProsOfChanging, balanceItemDoc.item),
		ConsOfChanging: wire.Map(d.ConsOfChanging, balanceItemDoc.item),
		ProsOfStaying:  wire.Map(d.ProsOfStaying, balanceItemDoc.item),
		ConsOfStaying:  wire.Map(d.ConsOfStaying, balanceItemDoc.item),
	}
}

func (b BalanceItem) doc() balanceItemDoc {
	return balanceItemDoc{Text: b.Text.Reveal(), Rating: b.Rating}
}

func (d balanceItemDoc) item() BalanceItem {
	return BalanceItem{Text: intervention.NewText(d.Text), Rating: d.Rating}
}

func (p ChangePlan) doc() changePlanDoc {
	return changePlanDoc{
		ID: p.ID, Behavior: p.Behavior, On: p.On, Revises: p.Revises, Goals: intervention.RevealTexts(p.Goals),
		Steps: wire.Map(p.Steps, ChangeStep.doc), Supports: intervention.RevealTexts(p.Supports),
		Obstacles: intervention.RevealTexts(p.Obstacles), SignsOfSuccess: intervention.RevealTexts(p.SignsOfSuccess),
	}
}

func (d changePlanDoc) plan() ChangePlan {
	return ChangePlan{
		ID: d.ID, Behavior: d.Behavior, On: d.On, Revises: d.Revises, Goals: intervention.NewTexts(d.Goals),
		Steps: wire.Map(d.Steps, changeStepDoc.step), Supports: intervention.NewTexts(d.Supports),
		Obstacles: intervention.NewTexts(d.Obstacles), SignsOfSuccess: intervention.NewTexts(d.SignsOfSuccess),
	}
}

func (s ChangeStep) doc() changeStepDoc {
	return changeStepDoc{Text: s.Text.Reveal(), By: s.By, Done: s.Done}
}

func (d changeStepDoc) step() ChangeStep {
	return ChangeStep{Text: intervention.NewText(d.Text), By: d.By, Done: d.Done}
}
