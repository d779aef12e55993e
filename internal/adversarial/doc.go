// Package adversarial holds the library's standing adversarial suite
// (issue 14) and nothing else: its tests attack the public API from
// outside, as a hostile host or document would. Each hole found once is a
// named case here, so that it stays closed.
//
//	go test ./internal/adversarial/             # every case
//	go test ./internal/adversarial/ -corpus -run TestWriteCorpus
//	                                            # rewrite the decoders' fuzz corpora
//
// The hostile documents run through every JSON decoder of the library;
// the round-trip property runs over the fuzz corpora.
package adversarial
