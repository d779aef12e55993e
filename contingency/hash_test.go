package contingency_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
)

func TestVerifyDetectsTampering(t *testing.T) {
	l, _ := lgScenario(t)
	good := l.Entries()
	require.Greater(t, len(good), 8)
	require.NoError(t, contingency.Verify(good))
	require.NoError(t, contingency.Verify(nil))

	tests := []struct {
		name  string
		edit  func([]contingency.Entry) []contingency.Entry
		seq   contingency.Version
		index int
		rule  error
	}{
		{"edited amount", func(es []contingency.Entry) []contingency.Entry {
			es[4].Amount = es[4].Amount.Add(contingency.Cents(1))
			return es
		}, 5, 4, contingency.ErrHashMismatch},
		{"edited award", func(es []contingency.Entry) []contingency.Entry {
			es[2].Award.Slips[2].Value = contingency.Cents(8000)
			return es
		}, 3, 2, contingency.ErrHashMismatch},
		{"edited hash of the last entry", func(es []contingency.Entry) []contingency.Entry {
			es[len(es)-1].Hash = es[0].Hash
			return es
		}, contingency.Version(len(good)), len(good) - 1, contingency.ErrHashMismatch},
		{"dropped entry", func(es []contingency.Entry) []contingency.Entry { return slices.Delete(es, 4, 5) }, 5, 4, contingency.ErrSeqMismatch},
		{"dropped first entry", func(es []contingency.Entry) []contingency.Entry { return es[1:] }, 1, 0, contingency.ErrSeqMismatch},
		{"swapped pair", func(es []contingency.Entry) []contingency.Entry {
			es[5], es[6] = es[6], es[5]
			return es
		}, 6, 5, contingency.ErrSeqMismatch},
		{"swapped pair renumbered", func(es []contingency.Entry) []contingency.Entry {
			es[5], es[6] = es[6], es[5]
			es[5].Seq, es[6].Seq = 6, 7
			return es
		}, 6, 5, contingency.ErrBrokenChain},
		{"inserted entry", func(es []contingency.Entry) []contingency.Entry {
			extra := es[3]
			extra.ID = uuid.UUID{0xab}
			return slices.Insert(es, 3, extra)
		}, 4, 3, contingency.ErrHashMismatch},
		{"inserted entry with its own chain", func(es []contingency.Entry) []contingency.Entry {
			extra := es[3]
			extra.ID = uuid.UUID{0xab}
			extra.Hash = contingency.HashEntry(extra)
			return slices.Insert(es, 3, extra)
		}, 5, 4, contingency.ErrSeqMismatch},
		{"another participant", func(es []contingency.Entry) []contingency.Entry {
			es[3].Participant = uuid.UUID{1}
			return es
		}, 4, 3, contingency.ErrParticipantMismatch},
		{"prev hash cut", func(es []contingency.Entry) []contingency.Entry {
			es[2].PrevHash = ""
			return es
		}, 3, 2, contingency.ErrBrokenChain},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			es := tc.edit(l.Entries())
			err := contingency.Verify(es)
			require.ErrorIs(t, err, contingency.ErrTampered)
			require.ErrorIs(t, err, tc.rule)
			var ve *contingency.VerifyError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.seq, ve.Seq, "the first bad position")
			assert.Equal(t, tc.index, ve.Index)
			assert.Equal(t, es[tc.index].ID, ve.ID)
			assert.Contains(t, err.Error(), "ledger entry ")
		})
	}
	assert.Equal(t, "contingency: ledger entry 3: tampered", (&contingency.VerifyError{Seq: 3}).Error())
}

// lgHashEntry returns a fully populated entry for hash tests.
func lgHashEntry() contingency.Entry {
	return contingency.Entry{
		SchemaVersion: contingency.EntrySchemaVersion, ID: uuid.UUID{1}, Participant: lgP, Seq: 7,
		Kind: contingency.KindPrize, IdempotencyKey: "spec-7", InputHash: "in", EffectiveAt: lgT0,
		RecordedAt: lgT0.Add(time.Second), Amount: contingency.Cents(2100), Instrument: contingency.InstrumentItem,
		FundingSource: "grant", Actor: "staff", Reason: "r", Corrects: uuid.UUID{2}, Visit: "v",
		Award: &contingency.AwardDetail{
			Schedule: contingency.SchedulePrizeBowl, Run: 3, Level: 2, Requested: contingency.Cents(2100),
			Caps: []string{"c"}, Slips: []contingency.Slip{{Tier: "large", Value: contingency.Cents(2000)}}, Seed: 9,
		},
		Status: contingency.StatusPosted, Shortfall: contingency.Cents(0), PrevHash: "prev", Hash: "ignored",
	}
}

func TestHashEntryCoversEveryField(t *testing.T) {
	base := contingency.HashEntry(lgHashEntry())
	edits := map[string]func(*contingency.Entry){
		"schemaVersion":  func(e *contingency.Entry) { e.SchemaVersion = "2" },
		"id":             func(e *contingency.Entry) { e.ID = uuid.UUID{3} },
		"participant":    func(e *contingency.Entry) { e.Participant = uuid.UUID{3} },
		"seq":            func(e *contingency.Entry) { e.Seq++ },
		"kind":           func(e *contingency.Entry) { e.Kind = contingency.KindEarn },
		"idempotencyKey": func(e *contingency.Entry) { e.IdempotencyKey = "spec-8" },
		"inputHash":      func(e *contingency.Entry) { e.InputHash = "in2" },
		"effectiveAt":    func(e *contingency.Entry) { e.EffectiveAt = e.EffectiveAt.Add(time.Nanosecond) },
		"recordedAt":     func(e *contingency.Entry) { e.RecordedAt = e.RecordedAt.Add(time.Nanosecond) },
		"amount":         func(e *contingency.Entry) { e.Amount = contingency.Cents(2101) },
		"instrument":     func(e *contingency.Entry) { e.Instrument = contingency.InstrumentPrivilege },
		"fundingSource":  func(e *contingency.Entry) { e.FundingSource = "other" },
		"actor":          func(e *contingency.Entry) { e.Actor = "other" },
		"reason":         func(e *contingency.Entry) { e.Reason = "other" },
		"corrects":       func(e *contingency.Entry) { e.Corrects = uuid.Nil },
		"visit":          func(e *contingency.Entry) { e.Visit = "other" },
		"award":          func(e *contingency.Entry) { e.Award = nil },
		"award.schedule": func(e *contingency.Entry) { e.Award.Schedule = contingency.ScheduleTable },
		"award.run":      func(e *contingency.Entry) { e.Award.Run++ },
		"award.level":    func(e *contingency.Entry) { e.Award.Level++ },
		"award.requested": func(e *contingency.Entry) {
			e.Award.Requested = contingency.Cents(1)
		},
		"award.caps":        func(e *contingency.Entry) { e.Award.Caps = nil },
		"award.caps[0]":     func(e *contingency.Entry) { e.Award.Caps[0] = "d" },
		"award.slips":       func(e *contingency.Entry) { e.Award.Slips = nil },
		"award.slips.tier":  func(e *contingency.Entry) { e.Award.Slips[0].Tier = "small" },
		"award.slips.value": func(e *contingency.Entry) { e.Award.Slips[0].Value = contingency.Cents(1) },
		"award.seed":        func(e *contingency.Entry) { e.Award.Seed++ },
		"status":            func(e *contingency.Entry) { e.Status = contingency.StatusVoided },
		"shortfall":         func(e *contingency.Entry) { e.Shortfall = contingency.Cents(1) },
		"prevHash":          func(e *contingency.Entry) { e.PrevHash = "other" },
	}
	seen := map[string]string{base: "base"}
	for field, edit := range edits {
		e := lgHashEntry()
		edit(&e)
		h := contingency.HashEntry(e)
		if other, dup := seen[h]; dup {
			t.Errorf("%s: same hash as %s", field, other)
		}
		seen[h] = field
	}
	e := lgHashEntry()
	e.Hash = "something else"
	assert.Equal(t, base, contingency.HashEntry(e), "Hash itself is not hashed")
}

func TestHashEntryIsRepresentationIndependent(t *testing.T) {
	a, b := lgHashEntry(), lgHashEntry()
	b.Amount = lgMoneyOf("21")        // 21 equals 21.00
	b.Shortfall = contingency.Money{} // the zero Money equals 0.00
	b.EffectiveAt = a.EffectiveAt.In(time.FixedZone("PST", -8*3600))
	b.RecordedAt = time.Date(2025, 1, 6, 9, 0, 1, 0, time.UTC).Add(0)
	assert.Equal(t, contingency.HashEntry(a), contingency.HashEntry(b))
	assert.Equal(t, string(contingency.CanonicalBytes(a)), string(contingency.CanonicalBytes(b)))
}

func TestCanonicalBytesAreStable(t *testing.T) {
	// The layout is the ledger's storage format: changing it breaks Verify
	// on every stored ledger (CONVENTIONS §12).
	want := "32:recoverykit/contingency/entry/v1,4:prev,1:1," +
		"36:01000000-0000-0000-0000-000000000000,36:7d444840-9dc0-41d1-b245-5ffdce74fad2,1:7,5:prize,6:spec-7,2:in," +
		"20:2025-01-06T09:00:00Z,20:2025-01-06T09:00:01Z,5:21.00,4:item,5:grant,5:staff,1:r," +
		"36:02000000-0000-0000-0000-000000000000,1:v,1:1,10:prize-bowl,1:3,1:2,5:21.00,1:1,1:c,1:1,5:large,5:20.00,1:9," +
		"6:posted,4:0.00,"
	assert.Equal(t, want, string(contingency.CanonicalBytes(lgHashEntry())))
	assert.Equal(t, "2c8b64bdc8d6e7646d90c6e0fc6ff95a560f419ef27fe4324ff4cf29f27fa99d", contingency.HashEntry(lgHashEntry()))
}
