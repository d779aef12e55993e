package family

import "github.com/recoverykit/psychosocial/internal/enum"

// Model is the family or couple therapy a Therapy delivers (reference:
// plans-and-interop.md §2). Each model has its structure as data: CRAFT
// procedures, BCT components and recovery contract, BSFT components, MDFT
// domains and stages, FFT phases. ModelGeneric is family therapy with no
// manualised structure. The zero Model is invalid.
type Model string

// The models (reference: plans-and-interop.md §2).
const (
	// ModelCRAFT is Community Reinforcement and Family Training (Meyers &
	// Smith): the concerned significant other of a treatment-refusing
	// identified patient is the client; 12–14 one-hour sessions.
	ModelCRAFT Model = "craft"
	// ModelBCT is Behavioral Couples Therapy (O'Farrell & Fals-Stewart):
	// the patient and a spouse or live-in partner, 12–20 sessions over 3–6
	// months, built around a recovery contract and its daily calendar.
	ModelBCT Model = "bct"
	// ModelBSFT is Brief Strategic Family Therapy (Szapocznik): a youth of
	// 6–18 and family, 12–16 weekly sessions; joining, systemic diagnosis,
	// restructuring.
	ModelBSFT Model = "bsft"
	// ModelMDFT is Multidimensional Family Therapy (Liddle): an adolescent,
	// parents, family and community systems; four domains, three stages.
	ModelMDFT Model = "mdft"
	// ModelFFT is Functional Family Therapy (Alexander & Sexton): a youth of
	// 11–18 and family; five phases from engagement to generalization.
	ModelFFT Model = "fft"
	// ModelGeneric is family or couples therapy without a manualised
	// structure; sessions may still list curriculum topics.
	ModelGeneric Model = "generic"
)

// Models returns every Model in a stable order.
func Models() []Model {
	return []Model{ModelCRAFT, ModelBCT, ModelBSFT, ModelMDFT, ModelFFT, ModelGeneric}
}

// ParseModel returns the Model whose text form is s, or ErrUnknownModel.
func ParseModel(s string) (Model, error) { return enum.Parse(Model(s), Model.Valid, ErrUnknownModel) }

// Valid reports whether m is one of the Models.
func (m Model) Valid() bool { return enum.Valid(m, Models()) }

// String returns the text form of m.
func (m Model) String() string { return string(m) }

// MarshalText encodes m; an invalid Model is an error, so one is never stored.
func (m Model) MarshalText() ([]byte, error) { return enum.Marshal(m, Model.Valid, ErrUnknownModel) }

// UnmarshalText decodes m with ParseModel; on error *m is unchanged.
func (m *Model) UnmarshalText(b []byte) error { return enum.Unmarshal(m, b, ParseModel) }

// elementCount is the number of structural elements Progress counts for
// m's coverage: CRAFT procedures, BCT components, BSFT components, MDFT
// stages or FFT phases; 0 for the generic model.
func (m Model) elementCount() int {
	switch m {
	case ModelCRAFT:
		return len(CRAFTProcedures())
	case ModelBCT:
		return len(BCTComponents())
	case ModelBSFT:
		return len(BSFTComponents())
	case ModelMDFT:
		return len(MDFTStages())
	case ModelFFT:
		return len(FFTPhases())
	case ModelGeneric:
		return 0
	}
	return 0
}
