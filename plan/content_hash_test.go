package plan_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// stripContentHashes removes every content hash from a plan document, as
// a document written before they existed has none.
func stripContentHashes(m map[string]any) {
	for _, key := range []string{"revisions", "signatures"} {
		for _, v := range asList(m[key]) {
			delete(asMap(v), "contentHash")
		}
	}
}

func TestContentHashBindsContentAndSignatures(t *testing.T) {
	p, codec := goldenPlan(t)
	revs := p.Revisions()
	require.NotEmpty(t, revs)
	for _, r := range revs {
		assert.Len(t, r.ContentHash, 64, "every revision records the content it left")
	}
	assert.Equal(t, revs[0].ContentHash, revs[1].ContentHash, "a transition leaves the content as it was")
	for _, s := range p.Signatures() {
		for _, r := range revs {
			if r.ID == s.Revision {
				assert.Equal(t, r.ContentHash, s.ContentHash, "Sign binds the signature to its revision's content")
			}
		}
	}

	for _, tc := range []struct {
		name, path string
		edit       func(m map[string]any)
	}{
		{"content edited without a revision", "revisions[4].contentHash", func(m map[string]any) {
			obj(m, "strengths", 0)["text"] = "Edited after signing"
		}},
		{"signature moved to a revision of other content", "signatures[2].contentHash", func(m map[string]any) {
			obj(m, "signatures", 2)["revision"] = obj(m, "revisions", 0)["id"]
		}},
		{"revision hash stripped after hashed ones", "revisions[4].contentHash", func(m map[string]any) {
			delete(obj(m, "revisions", 4), "contentHash")
		}},
		{"signature hash forged", "signatures[1].contentHash", func(m map[string]any) {
			obj(m, "signatures", 1)["contentHash"] = obj(m, "revisions", 4)["contentHash"]
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := codec.Unmarshal(mutate(t, tc.edit))
			require.ErrorIs(t, err, plan.ErrContentMismatch)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.Contains(t, paths(err), tc.path)
			assert.NotContains(t, err.Error(), "Edited after signing", "the error quotes no content")
		})
	}

	legacy, err := codec.Unmarshal(mutate(t, stripContentHashes))
	require.NoError(t, err, "a document written before content hashes still decodes")
	assert.Empty(t, legacy.Revisions()[0].ContentHash)
}

func TestSignRefusesAnotherContentHash(t *testing.T) {
	p := plantest.New(t)
	rev := plantest.Edit(t, p, plan.PutStrength(plan.Strength{ID: plantest.StrengthID(1), Text: intervention.NewText("Works nights")}))
	sig := plan.Signature{ID: plantest.SignatureID(1), Revision: rev.ID, Role: plan.SignerAuthor, Signer: plantest.Author(),
		Credential: "LADC", Qualified: true, SignedAt: rev.At, ContentHash: "0000"}
	_, err := p.Sign(sig)
	require.ErrorIs(t, err, plan.ErrContentMismatch)
	assert.Empty(t, p.Signatures(), "a failed call changes nothing")

	sig.ContentHash = ""
	_, err = p.Sign(sig)
	require.NoError(t, err)
	replayed, err := p.Sign(sig)
	require.NoError(t, err)
	assert.True(t, replayed, "the same signature without a hash is a replay")
	sig.ContentHash = rev.ContentHash
	replayed, err = p.Sign(sig)
	require.NoError(t, err)
	assert.True(t, replayed, "and with the revision's hash too")
}

// Issue 16, point 8: a plan's configuration errors say what is expected.
func TestConfigErrorsSayWhatIsExpected(t *testing.T) {
	_, err := plan.New(plan.Config{Patient: plantest.Patient(), Admitted: plantest.Day(0), Location: time.Local})
	require.ErrorIs(t, err, intervention.ErrUnknownValue)
	require.ErrorIs(t, err, intervention.ErrMissing)
	assert.Contains(t, err.Error(), "id: required, a non-nil UUID", `it read "invalid id: missing: invalid"`)
	assert.Contains(t, err.Error(), "timeZone: must be a time zone loaded by name with time.LoadLocation",
		`it read "invalid timeZone: unknown value: invalid"`)
}
