package motivation_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

// items returns a JSON list of n answers of 3.
func items(n int) string {
	return "[" + strings.TrimSuffix(strings.Repeat("3,", n), ",") + "]"
}

func TestInputJSONRoundTrips(t *testing.T) {
	c, g := v42() // reference: V42
	coding := motivation.MITICoding{ID: id(1), Session: id(2), Coder: id(3), On: day(t, "2025-01-06"), Counts: c, Globals: g}
	client := motivation.ClientLanguageCoding{ID: id(4), Session: id(2), Coder: id(3), On: day(t, "2025-01-06"), Counts: v45()}
	var socrates motivation.SOCRATESAnswers
	var urica motivation.URICAAnswers
	for i := range socrates.Items {
		socrates.Items[i] = 4
	}
	for i := range urica.Items {
		urica.Items[i] = 2
	}
	staging := motivation.StagingAnswers{ChangedOn: day(t, "2025-01-06"), IntendsWithin30Days: true}
	roundTrip(t, socrates)
	roundTrip(t, urica)
	roundTrip(t, c)
	roundTrip(t, g)
	roundTrip(t, coding)
	roundTrip(t, client)
	roundTrip(t, v45()[0])
	roundTrip(t, staging)
}

// roundTrip encodes v and decodes it strictly into a new T.
func roundTrip[T any](t *testing.T, v T) {
	t.Helper()
	b, err := wiretest.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, v, back)
}

func TestInputJSONIsStrict(t *testing.T) {
	tests := []struct {
		name string
		into any
		doc  string
		rule error
		path string
	}{
		{"SOCRATES with 39 items", &motivation.SOCRATESAnswers{}, `{"items":` + items(39) + `}`, intervention.ErrArrayLength, "items"},
		{"SOCRATES with 18 items", &motivation.SOCRATESAnswers{}, `{"items":` + items(18) + `}`, intervention.ErrArrayLength, "items"},
		{"URICA with 31 items", &motivation.URICAAnswers{}, `{"items":` + items(31) + `}`, intervention.ErrArrayLength, "items"},
		{"URICA item not a number", &motivation.URICAAnswers{}, `{"items":["x"` + strings.Repeat(",3", 31) + `]}`, motivation.ErrMalformedJSON, "items[0]"},
		{"misspelt MITI code", &motivation.MITICounts{}, `{"question":3,"complexReflections":2}`, intervention.ErrUnknownKey, ""},
		{"MITI code in another case", &motivation.MITICounts{}, `{"Question":3}`, intervention.ErrUnknownKey, ""},
		{"misspelt MITI global", &motivation.MITIGlobals{}, `{"empaty":3}`, intervention.ErrUnknownKey, ""},
		{"MITI coding counts", &motivation.MITICoding{}, `{"counts":{"questions":3}}`, intervention.ErrUnknownKey, "counts"},
		{"client count code", &motivation.ClientCodeCount{}, `{"code":"nonsense","count":1}`, motivation.ErrUnknownClientCode, "code"},
		{"client coding repeated key", &motivation.ClientLanguageCoding{}, `{"counts":[],"counts":[]}`, intervention.ErrDuplicateKey, "counts"},
		{"staging answer key in another case", &motivation.StagingAnswers{}, `{"IntendsWithin30Days":true}`, intervention.ErrUnknownKey, ""},
		{"null answers", &motivation.SOCRATESAnswers{}, `null`, intervention.ErrNullDocument, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tt.doc), tt.into)
			require.ErrorIs(t, err, tt.rule)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.Contains(t, paths(err), tt.path)
			assert.NotContains(t, err.Error(), "complexReflections")
		})
	}
}

func TestScoreURICARefusesATypedNilBanding(t *testing.T) {
	var a motivation.URICAAnswers
	for i := range a.Items {
		a.Items[i] = 3
	}
	_, err := motivation.ScoreURICA(a, motivation.URICAOptions{Banding: (*motivation.ReadinessCutoffs)(nil)})
	requireField(t, err, "banding", intervention.ErrMissing)
	_, err = motivation.ScoreURICA(a, motivation.URICAOptions{Banding: (*motivation.NearestGroupMean)(nil)})
	requireField(t, err, "banding", intervention.ErrMissing)
	r, err := motivation.ScoreURICA(a, motivation.URICAOptions{Banding: motivation.VCUGroupMeans()})
	require.NoError(t, err, "a banding value still bands")
	assert.True(t, r.Band.Stage.Valid())
}

func FuzzInputJSON(f *testing.F) {
	f.Add([]byte(`{"items":` + items(motivation.SOCRATESItems) + `}`))
	f.Add([]byte(`{"items":` + items(motivation.URICAItems) + `}`))
	f.Add([]byte(`{"items":` + items(39) + `}`))
	f.Add([]byte(`{"question":3,"complexReflection":2,"Affirm":1}`))
	f.Add([]byte(`{"cultivatingChangeTalk":4,"softeningSustainTalk":3,"partnership":4,"empathy":4}`))
	f.Add([]byte(`{"changedOn":"2025-01-06","intendsWithin30Days":true}`))
	f.Add([]byte(`{"code":"reason","valence":"change","count":2}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzInput[motivation.SOCRATESAnswers](t, b)
		fuzzInput[motivation.URICAAnswers](t, b)
		fuzzInput[motivation.MITICounts](t, b)
		fuzzInput[motivation.MITIGlobals](t, b)
		fuzzInput[motivation.MITICoding](t, b)
		fuzzInput[motivation.ClientCodeCount](t, b)
		fuzzInput[motivation.ClientLanguageCoding](t, b)
		fuzzInput[motivation.StagingAnswers](t, b)
	})
}

// fuzzInput: b decodes into a T or fails with ErrInvalid; what decodes
// encodes and decodes again to the same value.
func fuzzInput[T any](t *testing.T, b []byte) {
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		var syntax *json.SyntaxError
		if !errors.As(err, &syntax) {
			require.ErrorIs(t, err, intervention.ErrInvalid)
		}
		return
	}
	out, err := wiretest.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, v, back)
}
