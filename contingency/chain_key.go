package contingency

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"

	"github.com/recoverykit/psychosocial/intervention"
)

// entryMACDomain starts the bytes an entry's MAC is computed over.
const entryMACDomain = "recoverykit/contingency/entry-mac/v1"

// minChainKeyBytes is the shortest secret a ChainKey accepts: 256 bits, the
// size of HMAC-SHA-256's output.
const minChainKeyBytes = 32

// ChainKey is a secret the host holds — in its key store, not in the
// database the ledger lives in — with which the ledger authenticates every
// entry it writes: Entry.MAC is HMAC-SHA-256 under the key of the entry's
// KeyID over the entry's Hash. Whoever can rewrite the ledger's rows can
// recompute its hash chain, but not the MACs without the key.
//
// A ChainKey never prints its secret: every fmt verb, String and slog show
// only its ID.
type ChainKey struct {
	id     string
	secret []byte
}

// NewChainKey returns the key id (a code such as "2026-q4", written on
// every entry it authenticates) with secret, which must be at least 32 bytes
// from a cryptographic source. The secret is copied.
func NewChainKey(id string, secret []byte) (ChainKey, error) {
	var errs []error
	errs = append(errs, checkLedgerCode("id", id))
	if len(secret) < minChainKeyBytes {
		errs = append(errs, intervention.Field("secret", ErrShortChainKey))
	}
	if err := errors.Join(errs...); err != nil {
		return ChainKey{}, err
	}
	return ChainKey{id: id, secret: append([]byte(nil), secret...)}, nil
}

// ID returns the key's ID.
func (k ChainKey) ID() string { return k.id }

// String returns "chain-key(<id>)"; never the secret.
func (k ChainKey) String() string { return "chain-key(" + k.id + ")" }

// GoString returns String.
func (k ChainKey) GoString() string { return k.String() }

// Format prints String for every verb.
func (k ChainKey) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(k.String())) }

// LogValue logs only the key's ID.
func (k ChainKey) LogValue() slog.Value { return slog.StringValue(k.String()) }

// mac returns the hex MAC of an entry hash under k.
func (k ChainKey) mac(hash string) string {
	m := hmac.New(sha256.New, k.secret)
	var buf [512]byte
	w := canonWriter{b: buf[:0]}
	w = w.str(entryMACDomain)
	w = w.str(k.id)
	w = w.str(hash)
	m.Write(w.b)
	return hex.EncodeToString(m.Sum(nil))
}

// KeyRing is the set of chain keys a ledger knows: Current authenticates
// new entries, and older keys stay to verify what they authenticated, so
// keys can rotate. Entries with Seq ≥ From must carry a valid MAC; earlier
// ones were written before the ledger was keyed and are checked by the hash
// chain alone (From 0 or 1: every entry).
type KeyRing struct {
	Current string
	Keys    []ChainKey
	From    Version
}

// Chain-key rules.
var (
	// ErrShortChainKey means a chain key's secret is shorter than 32 bytes.
	ErrShortChainKey = fmt.Errorf("contingency: a chain key must be at least 32 bytes: %w", intervention.ErrInvalid)
	// ErrUnknownChainKey means a key ring's Current, or an entry's KeyID,
	// names no key of the ring.
	ErrUnknownChainKey = fmt.Errorf("contingency: unknown chain key: %w", intervention.ErrInvalid)
	// ErrMACMismatch means an entry that must be authenticated has no MAC,
	// or a MAC that its key does not produce: the entry, or its hash chain,
	// was written without the key. It matches ErrTampered.
	ErrMACMismatch = fmt.Errorf("entry MAC does not match under the chain key: %w", ErrTampered)
)

// Validate reports every problem with r: a Current key among Keys, keys
// made by NewChainKey, and unique IDs.
func (r KeyRing) Validate() error {
	var errs []error
	seen := map[string]bool{}
	for i, k := range r.Keys {
		path := intervention.Index("keys", i)
		switch {
		case len(k.secret) < minChainKeyBytes:
			errs = append(errs, intervention.Field(path, ErrShortChainKey))
		case seen[k.id]:
			errs = append(errs, intervention.Field(path, intervention.ErrDuplicate))
		}
		seen[k.id] = true
	}
	if !seen[r.Current] {
		errs = append(errs, intervention.Field("current", ErrUnknownChainKey))
	}
	return errors.Join(errs...)
}

// key returns the key with id.
func (r *KeyRing) key(id string) (ChainKey, bool) {
	for _, k := range r.Keys {
		if k.id == id {
			return k, true
		}
	}
	return ChainKey{}, false
}

// sign sets e's KeyID and MAC under the current key.
func (r *KeyRing) sign(e *Entry) {
	k, _ := r.key(r.Current)
	e.KeyID, e.MAC = k.id, k.mac(e.Hash)
}

// check returns ErrMACMismatch unless e, if it must be authenticated, has a
// MAC its key produces.
func (r *KeyRing) check(e *Entry) error {
	if e.Seq < r.From && e.MAC == "" {
		return nil
	}
	k, ok := r.key(e.KeyID)
	if !ok || !hmac.Equal([]byte(k.mac(e.Hash)), []byte(e.MAC)) {
		return ErrMACMismatch
	}
	return nil
}

// VerifyKeyed checks entries, a whole ledger, as Verify does, and checks
// every entry's MAC under ring (see KeyRing). It returns nil or a
// *VerifyError naming the first entry that fails, matching ErrTampered
// (ErrMACMismatch for a MAC). A ring that is not valid is an error wrapping
// intervention.ErrInvalid.
func VerifyKeyed(entries []Entry, ring KeyRing) error {
	if err := ring.Validate(); err != nil {
		return err
	}
	if err := Verify(entries); err != nil {
		return err
	}
	return verifyMACs(entries, &ring)
}

// verifyMACs checks the MACs of entries under ring.
func verifyMACs(entries []Entry, ring *KeyRing) error {
	for i := range entries {
		e := &entries[i]
		if err := ring.check(e); err != nil {
			return &VerifyError{Seq: e.Seq, ID: e.ID, Index: i, Err: err}
		}
	}
	return nil
}

type keyRingOption struct{ r KeyRing }

func (o keyRingOption) apply(cfg *ledgerConfig) error {
	if err := o.r.Validate(); err != nil {
		return intervention.Prefix("keyRing", err)
	}
	r := o.r
	r.Keys = append([]ChainKey(nil), r.Keys...)
	cfg.keys = &r
	return nil
}

// WithKeyRing makes the ledger authenticate every entry it writes with the
// ring's Current key, and check the MACs of every entry it loads from the
// store (see KeyRing): a chain recomputed by someone without the key fails
// to load with ErrMACMismatch.
func WithKeyRing(r KeyRing) Option { return keyRingOption{r} }
