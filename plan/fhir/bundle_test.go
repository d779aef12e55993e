package fhir_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
	"github.com/recoverykit/psychosocial/plan/fhir"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

func entry(r fhir.Resource, id string) fhir.Entry {
	return fhir.Entry{FullURL: fhir.URNPrefix + id, Resource: r}
}

func TestVerify(t *testing.T) {
	const pid, gid = "11111111-1111-5111-8111-111111111111", "22222222-2222-5222-8222-222222222222"
	patient := &fhir.Patient{Base: fhir.Base{ID: pid}}
	goal := func(ref fhir.Reference) *fhir.Goal {
		return &fhir.Goal{Base: fhir.Base{ID: gid}, LifecycleStatus: "active", Subject: ref}
	}
	good := fhir.Reference{Reference: fhir.URNPrefix + pid, Type: "Patient"}
	tests := []struct {
		name    string
		entries []fhir.Entry
		path    string
		rule    error
	}{
		{"missing resource", []fhir.Entry{{FullURL: fhir.URNPrefix + pid}}, "entry[0].resource", intervention.ErrMissing},
		{"fullUrl is not the id", []fhir.Entry{entry(patient, gid)}, "entry[0].fullUrl", fhir.ErrUnresolved},
		{"duplicate fullUrl", []fhir.Entry{entry(patient, pid), entry(patient, pid)}, "entry[1].fullUrl", intervention.ErrDuplicate},
		{"reference to nothing", []fhir.Entry{entry(patient, pid), entry(goal(fhir.Reference{Reference: "urn:uuid:nowhere"}), gid)},
			"entry[1].resource.subject", fhir.ErrUnresolved},
		{"reference of the wrong type", []fhir.Entry{entry(patient, pid), entry(goal(fhir.Reference{Reference: good.Reference, Type: "Group"}), gid)},
			"entry[1].resource.subject", fhir.ErrUnresolved},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := &fhir.Bundle{Type: fhir.BundleType, Entry: tc.entries}
			requireField(t, b.Verify(), tc.path, tc.rule)
		})
	}
	t.Run("resolving bundle", func(t *testing.T) {
		b := &fhir.Bundle{Type: fhir.BundleType, Entry: []fhir.Entry{entry(patient, pid), entry(goal(good), gid)}}
		require.NoError(t, b.Verify())
		r, ok := b.Resolve(good.Reference)
		require.True(t, ok)
		assert.Same(t, patient, r)
		_, ok = b.Resolve("urn:uuid:nowhere")
		assert.False(t, ok)
		assert.Len(t, b.Resources("Goal"), 1)
		assert.Empty(t, b.Resources("Consent"))
	})
}

func TestResourcesMarshalTypeFirst(t *testing.T) {
	for _, r := range []fhir.Resource{
		&fhir.Composition{}, &fhir.Patient{}, &fhir.Practitioner{}, &fhir.Organization{}, &fhir.Group{},
		&fhir.RelatedPerson{}, &fhir.CarePlan{}, &fhir.Condition{}, &fhir.Goal{}, &fhir.Procedure{},
		&fhir.Encounter{}, &fhir.Observation{}, &fhir.QuestionnaireResponse{}, &fhir.Consent{},
	} {
		raw, err := json.Marshal(r)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(string(raw), `{"resourceType":"`+r.ResourceType()+`","id":""`), string(raw))
		var back map[string]any
		require.NoError(t, json.Unmarshal(raw, &back), "valid JSON")
	}
}

func TestResourceIDs(t *testing.T) {
	a, b := uuid.UUID{1}, uuid.UUID{2}
	ids := map[string]bool{}
	for _, id := range []string{
		fhir.ResourceID("Goal", a), fhir.ResourceID("Goal", b), fhir.ResourceID("Condition", a),
		fhir.ResourceID("Condition", a, "F10.20"), fhir.ResourceID("Condition", a, "F11.20"),
	} {
		assert.False(t, ids[id], "distinct")
		ids[id] = true
		_, err := uuid.Parse(id)
		require.NoError(t, err)
		assert.Len(t, id, 36, "a FHIR id: at most 64 of [A-Za-z0-9-.]")
	}
	first, second := fhir.ResourceID("Goal", a), fhir.ResourceID("Goal", a)
	assert.Equal(t, first, second, "stable")
}

func TestModalityConcepts(t *testing.T) {
	tests := []struct {
		modality intervention.Modality
		alcohol  bool
		want     []string // system|code, in order
	}{
		{intervention.ModalityCBT, false, []string{fhir.SystemSNOMED + "|304891004", fhir.SystemModality + "|cbt"}},
		{intervention.ModalityBriefIntervention, true, []string{fhir.SystemSNOMED + "|429291000124102", fhir.SystemModality + "|brief-intervention"}},
		{intervention.ModalityBriefIntervention, false, []string{fhir.SystemModality + "|brief-intervention"}},
		{intervention.ModalityMotivationalInterviewing, false, []string{fhir.SystemModality + "|motivational-interviewing"}},
		{intervention.ModalityFamilyTherapy, false, []string{fhir.SystemModality + "|family-therapy"}},
		{intervention.ModalityContingencyManagement, false, []string{fhir.SystemModality + "|contingency-management"}},
		{intervention.ModalityTwelveStepFacilitation, false, []string{fhir.SystemModality + "|twelve-step-facilitation"}},
		{"x-yoga", false, []string{fhir.SystemModality + "|x-yoga"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.modality), func(t *testing.T) {
			var got []string
			for _, c := range fhir.ModalityConcept(tc.modality, tc.alcohol).Coding {
				got = append(got, c.System+"|"+c.Code)
			}
			assert.Equal(t, tc.want, got)
		})
	}
	for _, m := range append(intervention.Modalities(), "x-yoga") {
		for _, f := range intervention.Formats() {
			code, ok := fhir.PCSCode(m, f)
			assert.Equal(t, ok, code != "")
			if ok {
				assert.Regexp(t, `^HZ[34][237]ZZZ$`, code)
				assert.True(t, f == intervention.FormatIndividual || f == intervention.FormatGroup)
			}
		}
	}
}

func TestFamilyRelationships(t *testing.T) {
	th, err := family.New(family.Config{ID: uuid.UUID{0xfa}, Patient: plantest.Patient(), Model: family.ModelGeneric})
	require.NoError(t, err)
	want := map[intervention.Role][]string{
		intervention.RoleConcernedSignificantOther: {"concerned-significant-other"},
		intervention.RolePartner:                   {"SIGOTHR", "partner"},
		intervention.RoleParent:                    {"PRN", "parent"},
		intervention.RoleSibling:                   {"SIB", "sibling"},
		intervention.RoleChild:                     {"CHILD", "child"},
		intervention.RoleOtherFamily:               {"FAMMEMB", "other-family"},
	}
	n := byte(0)
	for role := range want {
		n++
		_, err := th.AddMember(family.Member{Participant: intervention.Participant{ID: uuid.UUID{0xfb, 15: n}, Role: role}})
		require.NoError(t, err)
	}
	b, err := fhir.ExportFamily(subject(), th, options(plantest.Day(3)))
	require.NoError(t, err)
	require.Len(t, b.Resources("RelatedPerson"), len(want))
	for _, m := range th.Members() {
		rp := resource[*fhir.RelatedPerson](t, b, "RelatedPerson", m.ID)
		var got []string
		for _, c := range rp.Relationship[0].Coding {
			got = append(got, c.Code)
		}
		assert.Equal(t, want[m.Role], got, m.Role)
		assert.Equal(t, fhir.URNPrefix+fhir.ResourceID("Patient", plantest.Patient()), rp.Patient.Reference)
	}
}
