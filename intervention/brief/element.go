package brief

import (
	"fmt"
	"slices"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Model names the brief-intervention protocol a clinician follows. The zero
// Model is invalid.
type Model string

// The brief-intervention models (reference: instruments.md §6.1–§6.3).
const (
	// ModelFRAMES is Miller & Sanchez (1994): Feedback, Responsibility,
	// Advice, Menu, Empathy, Self-efficacy.
	ModelFRAMES Model = "frames"
	// ModelBNI is the Brief Negotiated Interview (D'Onofrio, Bernstein,
	// Bernstein, Rollnick), BNI-ART version: raise the subject, feedback,
	// readiness, negotiate a plan.
	ModelBNI Model = "bni"
	// ModelFiveAsNIDA is the tobacco/NIDA 5 A's: Ask, Advise, Assess,
	// Assist, Arrange.
	ModelFiveAsNIDA Model = "5as-nida"
	// ModelFiveAsUSPSTF is the USPSTF behavioural-counselling 5 A's: Assess,
	// Advise, Agree, Assist, Arrange.
	ModelFiveAsUSPSTF Model = "5as-uspstf"
)

// ErrUnknownModel means a model is not one of the constants.
var ErrUnknownModel = fmt.Errorf("brief: model: %w", intervention.ErrUnknownValue)

// Models returns every Model in a stable order.
func Models() []Model { return []Model{ModelFRAMES, ModelBNI, ModelFiveAsNIDA, ModelFiveAsUSPSTF} }

// ParseModel returns the Model whose text form is s.
func ParseModel(s string) (Model, error) { return enum.Parse(Model(s), Model.Valid, ErrUnknownModel) }

// Valid reports whether m is one of the constants.
func (m Model) Valid() bool { return enum.Valid(m, Models()) }

// Elements returns the elements of m in the order the protocol delivers
// them; nil for an invalid model.
func (m Model) Elements() []Element {
	switch m {
	case ModelFRAMES:
		return []Element{FRAMESFeedback, FRAMESResponsibility, FRAMESAdvice, FRAMESMenu, FRAMESEmpathy, FRAMESSelfEfficacy}
	case ModelBNI:
		return []Element{BNIRaiseSubject, BNIFeedback, BNIReadiness, BNINegotiatePlan}
	case ModelFiveAsNIDA:
		return []Element{FiveAsAsk, FiveAsAdvise, FiveAsAssess, FiveAsAssist, FiveAsArrange}
	case ModelFiveAsUSPSTF:
		return []Element{FiveAsAssess, FiveAsAdvise, FiveAsAgree, FiveAsAssist, FiveAsArrange}
	}
	return nil
}

// String returns the text form of m.
func (m Model) String() string { return string(m) }

// MarshalText encodes m; an invalid Model is an error.
func (m Model) MarshalText() ([]byte, error) { return enum.Marshal(m, Model.Valid, ErrUnknownModel) }

// UnmarshalText decodes m with ParseModel; on error *m is unchanged.
func (m *Model) UnmarshalText(b []byte) error { return enum.Unmarshal(m, b, ParseModel) }

// Element is one element or step of a brief-intervention model, named under
// its model ("frames.menu", "bni.readiness", "5as.arrange"). The two 5 A's
// variants share their steps. The zero Element is invalid.
type Element string

// The elements of each model (reference: instruments.md §6.1–§6.3).
const (
	FRAMESFeedback       Element = "frames.feedback"       // feedback on personal risk or impairment
	FRAMESResponsibility Element = "frames.responsibility" // responsibility for change lies with the patient
	FRAMESAdvice         Element = "frames.advice"         // advice to change
	FRAMESMenu           Element = "frames.menu"           // a menu of alternative change options
	FRAMESEmpathy        Element = "frames.empathy"        // an empathic, non-confrontational style
	FRAMESSelfEfficacy   Element = "frames.self-efficacy"  // building optimism that change is possible

	BNIRaiseSubject  Element = "bni.raise-subject"  // build rapport, raise the subject, explore pros and cons
	BNIFeedback      Element = "bni.feedback"       // give feedback
	BNIReadiness     Element = "bni.readiness"      // build readiness to change (readiness ruler)
	BNINegotiatePlan Element = "bni.negotiate-plan" // negotiate a plan

	FiveAsAsk     Element = "5as.ask"     // ask (screen); NIDA variant
	FiveAsAssess  Element = "5as.assess"  // assess readiness
	FiveAsAdvise  Element = "5as.advise"  // give advice
	FiveAsAgree   Element = "5as.agree"   // agree on goals; USPSTF variant
	FiveAsAssist  Element = "5as.assist"  // help based on readiness
	FiveAsArrange Element = "5as.arrange" // arrange follow-up or referral
)

// ErrUnknownElement means an element is not one of the constants.
var ErrUnknownElement = fmt.Errorf("brief: element: %w", intervention.ErrUnknownValue)

// ErrElementNotInModel means an element belongs to another model than the
// delivery's.
var ErrElementNotInModel = fmt.Errorf("brief: element is not part of the model: %w", intervention.ErrInconsistent)

// Elements returns every Element in a stable order.
func Elements() []Element {
	return []Element{
		FRAMESFeedback, FRAMESResponsibility, FRAMESAdvice, FRAMESMenu, FRAMESEmpathy, FRAMESSelfEfficacy,
		BNIRaiseSubject, BNIFeedback, BNIReadiness, BNINegotiatePlan,
		FiveAsAsk, FiveAsAssess, FiveAsAdvise, FiveAsAgree, FiveAsAssist, FiveAsArrange,
	}
}

// ParseElement returns the Element whose text form is s.
func ParseElement(s string) (Element, error) {
	return enum.Parse(Element(s), Element.Valid, ErrUnknownElement)
}

// Valid reports whether e is one of the constants.
func (e Element) Valid() bool { return enum.Valid(e, Elements()) }

// In reports whether e is an element of m.
func (e Element) In(m Model) bool { return slices.Contains(m.Elements(), e) }

// String returns the text form of e.
func (e Element) String() string { return string(e) }

// MarshalText encodes e; an invalid Element is an error.
func (e Element) MarshalText() ([]byte, error) {
	return enum.Marshal(e, Element.Valid, ErrUnknownElement)
}

// UnmarshalText decodes e with ParseElement; on error *e is unchanged.
func (e *Element) UnmarshalText(b []byte) error { return enum.Unmarshal(e, b, ParseElement) }
