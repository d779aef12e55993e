package plan_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

func TestSignIdempotent(t *testing.T) {
	p := plantest.DraftPlan(t)
	s := plan.Signature{ID: plantest.SignatureID(1), Revision: plantest.ChangeID(1), Role: plan.SignerAuthor,
		Signer: plantest.Author(), Credential: "LADC", SignedAt: plantest.Day(1)}
	replayed, err := p.Sign(s)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = p.Sign(s)
	require.NoError(t, err)
	assert.True(t, replayed)
	s.Credential = "MD"
	_, err = p.Sign(s)
	require.ErrorIs(t, err, plan.ErrConflict)
	assert.Len(t, p.Signatures(), 1)
}

func TestSignErrorsChangeNothing(t *testing.T) {
	base := plan.Signature{ID: plantest.SignatureID(9), Revision: plantest.ChangeID(1), Role: plan.SignerPatient,
		Signer: plantest.Patient(), SignedAt: plantest.Day(1)}
	tests := []struct {
		name  string
		edit  func(*plan.Signature)
		rules []error
		paths []string
	}{
		{"zero", func(s *plan.Signature) { *s = plan.Signature{} }, []error{intervention.ErrMissing, plan.ErrUnknownSignerRole},
			[]string{"id", "revision", "signer", "role", "signedAt"}},
		{"unknown revision", func(s *plan.Signature) { s.Revision = plantest.ChangeID(77) }, []error{plan.ErrNotFound}, []string{"revision"}},
		{"before the revision", func(s *plan.Signature) { s.SignedAt = plantest.Day(0) }, []error{plan.ErrOutOfOrder}, []string{"signedAt"}},
		{"patient is someone else", func(s *plan.Signature) { s.Signer = plantest.Author() }, []error{intervention.ErrInconsistent}, []string{"signer"}},
		{"patient credential", func(s *plan.Signature) { s.Credential = "RN" }, []error{intervention.ErrInconsistent}, []string{"credential"}},
		{"patient qualified", func(s *plan.Signature) { s.Qualified = true }, []error{intervention.ErrInconsistent}, []string{"credential"}},
		{"bad credential", func(s *plan.Signature) {
			s.Role, s.Signer, s.Credential = plan.SignerAuthor, plantest.Author(), "L A D C"
		},
			[]error{plan.ErrBadCode}, []string{"credential"}},
		{"author declines", func(s *plan.Signature) {
			s.Role, s.Signer, s.Declined = plan.SignerAuthor, plantest.Author(), plan.DeclineRefused
		},
			[]error{intervention.ErrInconsistent}, []string{"declined"}},
		{"unknown decline reason", func(s *plan.Signature) { s.Declined = "busy" }, []error{plan.ErrUnknownDeclineReason}, []string{"declined"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := plantest.DraftPlan(t)
			before := doc(t, p)
			s := base
			tc.edit(&s)
			_, err := p.Sign(s)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			for _, r := range tc.rules {
				require.ErrorIs(t, err, r)
			}
			assert.ElementsMatch(t, tc.paths, paths(err))
			assert.Equal(t, before, doc(t, p))
		})
	}
}

func TestSignClosedPlan(t *testing.T) {
	p := reach(t, plan.StatusClosed)
	_, err := p.Sign(plan.Signature{ID: plantest.SignatureID(9), Revision: plantest.ChangeID(1), Role: plan.SignerCosigner,
		Signer: plantest.Cosigner(), Credential: "LCSW", Qualified: true, SignedAt: plantest.Day(45)})
	require.NoError(t, err)
}

func TestLinkSession(t *testing.T) {
	p := plantest.ValidPlan(t)
	s := plantest.MISession(2, plantest.Day(15))
	l := plan.LinkFor(s.Session, plantest.ComponentID(1), true, plantest.ObjectiveID(1))
	assert.Equal(t, plan.SessionLink{ID: plantest.SessionID(2), Component: plantest.ComponentID(1),
		Modality: intervention.ModalityMotivationalInterviewing, Start: plantest.Day(15), Minutes: 50, Billable: true,
		Addresses: []uuid.UUID{plantest.ObjectiveID(1)}}, l)
	replayed, err := p.LinkSession(l)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = p.LinkSession(l)
	require.NoError(t, err)
	assert.True(t, replayed)
	l.Minutes = 45
	_, err = p.LinkSession(l)
	require.ErrorIs(t, err, plan.ErrConflict)
	assert.Len(t, p.Sessions(), 2)
	assert.Empty(t, plan.LinkFor(s.Session, uuid.Nil, false).Addresses)
}

func TestLinkSessionErrorsChangeNothing(t *testing.T) {
	base := plan.SessionLink{ID: plantest.SessionID(9), Component: plantest.ComponentID(1),
		Modality: intervention.ModalityMotivationalInterviewing, Start: plantest.Day(9), Minutes: 50}
	tests := []struct {
		name  string
		plan  func(*testing.T) *plan.Plan
		edit  func(*plan.SessionLink)
		rules []error
		paths []string
	}{
		{"zero", active, func(l *plan.SessionLink) { *l = plan.SessionLink{Minutes: -1} },
			[]error{intervention.ErrMissing, intervention.ErrUnknownModality, intervention.ErrOutOfRange},
			[]string{"id", "start", "modality", "minutes"}},
		{"unknown component", active, func(l *plan.SessionLink) { l.Component = plantest.ComponentID(5) }, []error{plan.ErrNotFound}, []string{"component"}},
		{"modality differs", active, func(l *plan.SessionLink) { l.Modality = intervention.ModalityCBT },
			[]error{intervention.ErrInconsistent}, []string{"modality"}},
		{"addresses a goal", active, func(l *plan.SessionLink) { l.Addresses = []uuid.UUID{plantest.GoalID(1), plantest.GoalID(1)} },
			[]error{plan.ErrNotFound, intervention.ErrDuplicate}, []string{"addresses[0]", "addresses[1]", "addresses[1]"}},
		{"closed", closed, func(*plan.SessionLink) {}, []error{plan.ErrStatus}, []string{"status"}},
		{"start out of range", active, func(l *plan.SessionLink) { l.Start = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC) },
			[]error{intervention.ErrOutOfRange}, []string{"start"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.plan(t)
			before := doc(t, p)
			l := base
			tc.edit(&l)
			_, err := p.LinkSession(l)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			for _, r := range tc.rules {
				require.ErrorIs(t, err, r)
			}
			assert.ElementsMatch(t, tc.paths, paths(err))
			assert.Equal(t, before, doc(t, p))
		})
	}
}

func TestLinkSessionInDraft(t *testing.T) {
	p := plantest.DraftPlan(t)
	_, err := p.LinkSession(plan.SessionLink{ID: plantest.SessionID(9), Modality: intervention.ModalityMotivationalInterviewing, Start: plantest.Day(1)})
	require.NoError(t, err)
}
