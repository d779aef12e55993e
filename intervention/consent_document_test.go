package intervention

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConsentDocumentMirrorsConsent keeps the storage form in step with
// Consent: the same fields, JSON keys and order, and types, except that
// every Text is a string. A field added to Consent and not to consentDoc
// fails here instead of silently vanishing from stored consents.
func TestConsentDocumentMirrorsConsent(t *testing.T) {
	c, d := reflect.TypeFor[Consent](), reflect.TypeFor[consentDoc]()
	require.Equal(t, c.NumField(), d.NumField(), "consentDoc has every field of Consent")
	text := reflect.TypeFor[Text]()
	for i := range c.NumField() {
		cf, df := c.Field(i), d.Field(i)
		assert.Equal(t, cf.Name, df.Name, "field %d", i)
		assert.Equal(t, cf.Tag.Get("json"), df.Tag.Get("json"), cf.Name)
		want := cf.Type
		if want == text {
			want = reflect.TypeFor[string]()
		}
		assert.Equal(t, want, df.Type, cf.Name)
	}
}
