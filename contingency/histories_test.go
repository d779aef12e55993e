//go:build !race

package contingency_test

// defaultHistories is how many random histories each policy combination of
// TestReconciliationInvariants runs (issue 13 asks for at least 10,000).
const defaultHistories = 10000
