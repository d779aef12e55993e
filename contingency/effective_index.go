package contingency

import (
	"time"
)

// effectiveIndex is a treap of posted amounts keyed by effective time, with
// subtree sums, for BalanceAsOf in O(log n) whatever order entries arrive in.
// Node 0 is the empty sentinel; priorities are a hash of Seq, so the shape is
// deterministic.
type effectiveIndex struct {
	nodes []effectiveNode
	root  int32
}

type effectiveNode struct {
	sec         int64
	nsec        int32
	left, right int32
	prio        uint64
	cents, sum  int64
}

func (t *effectiveIndex) insert(at time.Time, cents int64, seq uint64) {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, effectiveNode{})
	}
	sec, nsec := at.Unix(), int32(at.Nanosecond())
	n := int32(len(t.nodes))
	t.nodes = append(t.nodes, effectiveNode{sec: sec, nsec: nsec, prio: splitmix(seq), cents: cents, sum: cents})
	a, b := t.split(t.root, sec, nsec)
	t.root = t.merge(t.merge(a, n), b)
}

// atOrBefore reports whether node n's key is at or before (sec, nsec).
func (t *effectiveIndex) atOrBefore(n int32, sec int64, nsec int32) bool {
	nd := &t.nodes[n]
	return nd.sec < sec || nd.sec == sec && nd.nsec <= nsec
}

func (t *effectiveIndex) fix(n int32) {
	nd := &t.nodes[n]
	nd.sum = nd.cents + t.nodes[nd.left].sum + t.nodes[nd.right].sum
}

// split splits subtree n into keys at or before (sec, nsec) and keys after.
func (t *effectiveIndex) split(n int32, sec int64, nsec int32) (int32, int32) {
	if n == 0 {
		return 0, 0
	}
	if t.atOrBefore(n, sec, nsec) {
		a, b := t.split(t.nodes[n].right, sec, nsec)
		t.nodes[n].right = a
		t.fix(n)
		return n, b
	}
	a, b := t.split(t.nodes[n].left, sec, nsec)
	t.nodes[n].left = b
	t.fix(n)
	return a, n
}

func (t *effectiveIndex) merge(a, b int32) int32 {
	switch {
	case a == 0:
		return b
	case b == 0:
		return a
	case t.nodes[a].prio > t.nodes[b].prio:
		t.nodes[a].right = t.merge(t.nodes[a].right, b)
		t.fix(a)
		return a
	}
	t.nodes[b].left = t.merge(a, t.nodes[b].left)
	t.fix(b)
	return b
}

// upTo returns the sum of amounts at or before (sec, nsec).
func (t *effectiveIndex) upTo(sec int64, nsec int32) int64 {
	var acc int64
	for n := t.root; n != 0; {
		nd := &t.nodes[n]
		if t.atOrBefore(n, sec, nsec) {
			acc += t.nodes[nd.left].sum + nd.cents
			n = nd.right
		} else {
			n = nd.left
		}
	}
	return acc
}

// splitmix is the SplitMix64 finaliser.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
