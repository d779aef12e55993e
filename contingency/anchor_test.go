package contingency_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// lgRehash recomputes the hash chain of entries from index i on, as an
// insider with write access to the store but without the chain key would
// after editing entry i. MACs are left as they were.
func lgRehash(entries []contingency.Entry, i int) []contingency.Entry {
	for j := i; j < len(entries); j++ {
		if j > 0 {
			entries[j].PrevHash = entries[j-1].Hash
		}
		entries[j].Hash = contingency.HashEntry(entries[j])
	}
	return entries
}

func TestDigestDetectsTruncationAndRecomputedRewrites(t *testing.T) {
	l, _ := lgScenario(t)
	d := l.Digest()
	entries := l.Entries()
	require.NoError(t, contingency.VerifyDigest(entries, d))
	assert.Equal(t, contingency.DigestOf(lgP, entries), d)

	later := lgPost(t, l, "later", lgLine(contingency.KindEarn, 100, lgT0, "v9"))
	require.NoError(t, contingency.VerifyDigest(l.Entries(), d), "entries after the digest are checked by the chain")
	assert.Equal(t, later.Version, l.Digest().Version)

	edited := lgRehash(l.Entries(), 4)
	edited[4].Amount = edited[4].Amount.Add(contingency.Cents(1000))
	lgRehash(edited, 4)
	require.NoError(t, contingency.Verify(edited), "a recomputed chain verifies against itself")
	require.ErrorIs(t, contingency.VerifyDigest(edited, d), contingency.ErrDigestMismatch)

	truncated := entries[:len(entries)-2]
	require.NoError(t, contingency.Verify(truncated), "a truncated chain verifies against itself")
	err := contingency.VerifyDigest(truncated, d)
	require.ErrorIs(t, err, contingency.ErrTruncated)
	require.ErrorIs(t, err, contingency.ErrTampered)

	other := d
	other.Participant = pgParticipant
	require.ErrorIs(t, contingency.VerifyDigest(entries, other), contingency.ErrTampered)
	broken := l.Entries()
	broken[2].Amount = contingency.Cents(1)
	var ve *contingency.VerifyError
	require.ErrorAs(t, contingency.VerifyDigest(broken, d), &ve)
	assert.Equal(t, contingency.Version(3), ve.Seq)
}

func TestDigestText(t *testing.T) {
	l, _ := lgScenario(t)
	d := l.Digest()
	b, err := d.MarshalText()
	require.NoError(t, err)
	assert.Regexp(t, `^cm-digest/1 [0-9a-f-]{36} 12 [0-9a-f]{64} 0\.00 0\.00$`, string(b))
	var back contingency.Digest
	require.NoError(t, back.UnmarshalText(b))
	assert.Equal(t, d.String(), back.String())
	empty := contingency.DigestOf(lgP, nil)
	back, err = contingency.ParseDigest(empty.String())
	require.NoError(t, err)
	assert.Equal(t, empty.String(), back.String())

	good := d.String()
	for _, bad := range []string{
		"", "cm-digest/2" + good[11:], good + " x", good[:len(good)-5] + "-1.00",
		"cm-digest/1 not-a-uuid 12 " + d.Head + " 0.00 0.00",
		"cm-digest/1 " + lgP.String() + " 012 " + d.Head + " 0.00 0.00",
		"cm-digest/1 " + lgP.String() + " 12 - 0.00 0.00",
		"cm-digest/1 " + lgP.String() + " 0 " + d.Head + " 0.00 0.00",
		"cm-digest/1 " + lgP.String() + " 12 " + d.Head + " 0.0 0.00",
		"cm-digest/1 " + lgP.String() + " 12 " + d.Head[:63] + "G 0.00 0.00",
	} {
		var got contingency.Digest
		err := got.UnmarshalText([]byte(bad))
		require.ErrorIs(t, err, contingency.ErrMalformedDigest, "%q", bad)
		require.ErrorIs(t, err, intervention.ErrInvalid)
		assert.Equal(t, contingency.Digest{}, got, "unchanged on error")
		assert.NotContains(t, err.Error(), "not-a-uuid", "the input is never echoed")
	}
}

// lgKey returns a chain key with a 32-byte secret derived from seed.
func lgKey(t testing.TB, id string, seed byte) contingency.ChainKey {
	t.Helper()
	k, err := contingency.NewChainKey(id, bytes.Repeat([]byte{seed}, 32))
	require.NoError(t, err)
	return k
}

func TestKeyedChainDetectsRecomputedRewrites(t *testing.T) {
	ctx := context.Background()
	k1, k2 := lgKey(t, "k1", 1), lgKey(t, "k2", 2)
	ring := contingency.KeyRing{Current: "k1", Keys: []contingency.ChainKey{k1}}
	l, store := lgNew(t, contingency.WithKeyRing(ring))
	lgPost(t, l, "a", lgLine(contingency.KindEarn, 500, lgT0, "v1"))
	lgPost(t, l, "b", lgLine(contingency.KindEarn, 700, lgT0, "v2"))
	entries := l.Entries()
	require.NoError(t, contingency.VerifyKeyed(entries, ring))
	for _, e := range entries {
		assert.Equal(t, "k1", e.KeyID)
		assert.Len(t, e.MAC, 64)
	}

	// Rotation: new entries use k2; k1's entries still verify with both in the ring.
	rotated := contingency.KeyRing{Current: "k2", Keys: []contingency.ChainKey{k1, k2}}
	l2 := lgOpen(t, store, contingency.WithKeyRing(rotated), contingency.WithIDSource(lgIDs(2)))
	lgPost(t, l2, "c", lgLine(contingency.KindEarn, 900, lgT0, "v3"))
	all := l2.Entries()
	assert.Equal(t, "k2", all[2].KeyID)
	require.NoError(t, contingency.VerifyKeyed(all, rotated))
	require.ErrorIs(t, contingency.VerifyKeyed(all, ring), contingency.ErrMACMismatch, "k2 is not in the old ring")

	// An insider edits an amount and recomputes the chain: Verify passes,
	// the MACs do not.
	forged := lgRehash(l2.Entries(), 1)
	forged[1].Amount = contingency.Cents(70000)
	lgRehash(forged, 1)
	require.NoError(t, contingency.Verify(forged))
	var ve *contingency.VerifyError
	require.ErrorAs(t, contingency.VerifyKeyed(forged, rotated), &ve)
	assert.Equal(t, contingency.Version(2), ve.Seq)
	require.ErrorIs(t, ve, contingency.ErrTampered)

	unchained := l2.Entries()
	unchained[0].Amount = contingency.Cents(1)
	require.ErrorIs(t, contingency.VerifyKeyed(unchained, rotated), contingency.ErrHashMismatch, "the chain is checked first")

	// Stripped MACs are a forgery too, unless the ring says the ledger was
	// keyed only from a later entry.
	stripped := l2.Entries()
	stripped[0].KeyID, stripped[0].MAC = "", ""
	require.ErrorIs(t, contingency.VerifyKeyed(stripped, rotated), contingency.ErrMACMismatch)
	later := rotated
	later.From = 2
	require.NoError(t, contingency.VerifyKeyed(stripped, later))

	// A ledger loading a forged store refuses it.
	bad := contingency.NewMemStore()
	_, err := bad.Append(ctx, lgP, 0, forged)
	require.NoError(t, err)
	_, err = contingency.NewLedger(ctx, bad, lgP, contingency.WithKeyRing(rotated))
	require.ErrorIs(t, err, contingency.ErrMACMismatch)
	_, err = contingency.NewLedger(ctx, bad, lgP)
	require.NoError(t, err, "without the key only the chain is checked")
}

func TestKeyRingValidationAndSecrecy(t *testing.T) {
	_, err := contingency.NewChainKey("k1", []byte("short"))
	require.ErrorIs(t, err, contingency.ErrShortChainKey)
	_, err = contingency.NewChainKey("bad key!", bytes.Repeat([]byte{1}, 32))
	require.ErrorIs(t, err, intervention.ErrInvalid)

	k := lgKey(t, "k1", 'S')
	secret := string(bytes.Repeat([]byte{'S'}, 32))
	ring := contingency.KeyRing{Current: "k1", Keys: []contingency.ChainKey{k}}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("ring", "ring", ring, "key", k, "keys", ring.Keys)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("ring", "ring", ring, "key", k)
	for _, out := range []string{
		fmt.Sprintf("%v %+v %#v %s %q %x", k, k, k, k, k, k),
		fmt.Sprintf("%v %+v %#v", ring, ring, ring),
		logs.String(),
	} {
		assert.NotContains(t, out, secret)
		assert.NotContains(t, out, "5353535353") // the secret in hex
	}
	assert.Equal(t, "chain-key(k1)", k.String())
	assert.Equal(t, k.String(), k.GoString())
	assert.Equal(t, "k1", k.ID())

	for _, tc := range []struct {
		name string
		ring contingency.KeyRing
		rule error
	}{
		{"no current", contingency.KeyRing{Current: "k9", Keys: []contingency.ChainKey{k}}, contingency.ErrUnknownChainKey},
		{"zero key", contingency.KeyRing{Current: "k1", Keys: []contingency.ChainKey{k, {}}}, contingency.ErrShortChainKey},
		{"duplicate", contingency.KeyRing{Current: "k1", Keys: []contingency.ChainKey{k, k}}, intervention.ErrDuplicate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, tc.ring.Validate(), tc.rule)
			_, err := contingency.NewLedger(context.Background(), contingency.NewMemStore(), lgP, contingency.WithKeyRing(tc.ring))
			require.ErrorIs(t, err, tc.rule)
			require.ErrorIs(t, contingency.VerifyKeyed(nil, tc.ring), intervention.ErrInvalid)
		})
	}
}
