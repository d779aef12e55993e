package adversarial_test

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var writeCorpus = flag.Bool("corpus", false, "write the hostile documents into the decoders' fuzz corpora")

// corpusDir returns the directory of d's fuzz corpus.
func corpusDir(d decoder) string {
	return filepath.Join("..", "..", filepath.FromSlash(d.fuzzDir), "testdata", "fuzz", d.fuzz)
}

// stringFuzz names the fuzz targets whose argument is a string, not []byte.
var stringFuzz = map[string]bool{"FuzzThresholdJSON": true, "FuzzResultJSON": true}

// corpusOwned says which corpora this suite writes: the lead's contingency
// package is read, never written.
func corpusOwned(d decoder) bool { return d.fuzz != "" && d.fuzzDir != "contingency" }

// TestWriteCorpus writes every hostile document into the fuzz corpus of its
// decoder when run with -corpus, so that the fuzz targets (and every plain
// go test run of them) start from the standing hostile documents.
func TestWriteCorpus(t *testing.T) {
	if !*writeCorpus {
		t.Skip("run with -corpus to rewrite the corpora")
	}
	for _, d := range decoders(t) {
		if !corpusOwned(d) {
			continue
		}
		dir := corpusDir(d)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		for _, h := range hostileDocuments(t, d, d.base(t)) {
			kind := "[]byte"
			if stringFuzz[d.fuzz] {
				kind = "string"
			}
			body := fmt.Sprintf("go test fuzz v1\n%s(%s)\n", kind, strconv.Quote(string(h.doc)))
			name := "adversarial-" + slug(d.name) + "-" + slug(h.name)
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
		}
	}
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// corpusEntry reads the first argument of a fuzz corpus file.
func corpusEntry(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	require.True(t, sc.Scan())
	require.Equal(t, "go test fuzz v1", sc.Text(), path)
	require.True(t, sc.Scan(), path)
	line := sc.Text()
	open := strings.IndexByte(line, '(')
	require.True(t, open > 0 && strings.HasSuffix(line, ")"), path)
	lit := line[open+1 : len(line)-1]
	s, err := strconv.Unquote(lit)
	require.NoError(t, err, path)
	return []byte(s)
}

// TestCorpusRoundTrip is the round-trip property over the fuzz corpora:
// every document a decoder accepts encodes again, and decodes again to
// the same value (issue 14).
func TestCorpusRoundTrip(t *testing.T) {
	seen := 0
	for _, d := range decoders(t) {
		if d.fuzz == "" {
			continue
		}
		files, err := filepath.Glob(filepath.Join(corpusDir(d), "*"))
		require.NoError(t, err)
		for _, path := range files {
			doc := corpusEntry(t, path)
			seen++
			t.Run(d.name+"/"+filepath.Base(path), func(t *testing.T) {
				v, err := d.decode(doc)
				if err != nil || d.scores || bytes.Equal(bytes.TrimSpace(doc), []byte("null")) {
					return
				}
				roundTrip(t, d, v)
			})
		}
	}
	if seen == 0 {
		t.Skip("no corpus files: run TestWriteCorpus with -corpus")
	}
}
