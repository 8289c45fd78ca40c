package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// recordsJSONL extracts the files and encodes their records, one a line.
func recordsJSONL(t testing.TB, p *Pipeline, paths ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := p.Extract(filepath.Base(path), path, raw)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, r := range doc.Records() {
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	return buf.Bytes()
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -update)", err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")); diff != "" {
		t.Errorf("%s (-want +got):\n%s", golden, diff)
	}
}

// TestGolden extracts each testdata/*.txt article and compares its records
// with testdata/NAME.golden.jsonl.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	p := NewPipeline()
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			golden := strings.TrimSuffix(path, ".txt") + ".golden.jsonl"
			checkGolden(t, golden, recordsJSONL(t, p, path))
		})
	}
}

// TestGoldenSeeds pins the output on the project's seed articles.
func TestGoldenSeeds(t *testing.T) {
	paths, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(paths) == 0 {
		t.Skip("no seed articles")
	}
	checkGolden(t, "testdata/seeds.golden.jsonl", recordsJSONL(t, NewPipeline(), paths...))
}

// FuzzExtract checks, on any input, that Extract does not panic, refuses
// only with its sentinels, keeps every offset inside the text with
// Text[Start:End] equal to the evidence sentence, and gives the same output
// twice.
func FuzzExtract(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.txt")
	for _, path := range paths {
		if raw, err := os.ReadFile(path); err == nil {
			f.Add(raw)
		}
	}
	for _, s := range []string{"", "date 2026-01-01", "A.", "“Hi,” he said. U.S.-Colombia ties.", "Mr. X met Y in Z, Peru.\x00", "he'd invited him", "\xff\xfe"} {
		f.Add([]byte(s))
	}
	p := NewPipeline()
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, err := p.Extract("f.txt", "f.txt", raw)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrEncoding) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if doc.Text != string(raw) {
			t.Fatalf("Text is not the raw input")
		}
		for _, r := range doc.Relations {
			if r.Start < 0 || r.End > len(doc.Text) || r.Start > r.End {
				t.Fatalf("offsets [%d,%d) outside text of %d bytes", r.Start, r.End, len(doc.Text))
			}
			if doc.Text[r.Start:r.End] != r.Sentence {
				t.Fatalf("Text[%d:%d] = %q, sentence %q", r.Start, r.End, doc.Text[r.Start:r.End], r.Sentence)
			}
			if r.Confidence < 0 || r.Confidence > 1 {
				t.Fatalf("confidence %v", r.Confidence)
			}
			if r.Subject == "" || r.Object == "" {
				t.Fatalf("empty argument in %+v", r)
			}
		}
		for _, e := range doc.Entities {
			if e.Name == "" || !e.Type.Valid() {
				t.Fatalf("bad entity %+v", e)
			}
		}
		again, err := p.Extract("f.txt", "f.txt", raw)
		if err != nil {
			t.Fatalf("second run failed: %v", err)
		}
		if diff := cmp.Diff(doc, again); diff != "" {
			t.Fatalf("not deterministic (-first +second):\n%s", diff)
		}
	})
}

// BenchmarkExtract extracts the seed articles and reports tokens per
// second: "core" runs the NLP core alone (segmenting, tagging with entity
// labels, parsing), "full" the whole default pipeline, so their ratio is
// what the extraction rules cost (bench/extract.sh prints it).
func BenchmarkExtract(b *testing.B) {
	paths, _ := filepath.Glob("../testdata/seeds/*.txt")
	if len(paths) == 0 {
		paths, _ = filepath.Glob("testdata/*.txt")
	}
	var raws [][]byte
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		raws = append(raws, raw)
	}
	for _, bc := range []struct {
		name string
		p    *Pipeline
	}{
		{"core", &Pipeline{Stages: []Stage{Segmenter{}, &Tagger{NER: true}, Parser{}}}},
		{"full", NewPipeline()},
	} {
		b.Run(bc.name, func(b *testing.B) {
			tokens := 0
			for _, raw := range raws {
				st, err := bc.p.Analyze("b", "b", raw)
				if err != nil {
					b.Fatal(err)
				}
				for _, s := range st.Sentences {
					tokens += len(s.Tokens)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, raw := range raws {
					if _, err := bc.p.Analyze("b", "b", raw); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
			b.ReportMetric(float64(len(raws)*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
