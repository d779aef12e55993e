//go:build race

package contingency_test

// defaultHistories is smaller under the race detector, which slows this
// single-goroutine property ten-fold and finds nothing in it; the plain test
// run (README's command, run by CI too) runs the full 10,000.
const defaultHistories = 1000
