package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var refuseCases = []struct {
	name string
	raw  string
	want error
	msg  string // a substring the message must hold
}{
	{"empty", "", ErrEmpty, "empty document"},
	{"white space", " \n\t\r\n  ", ErrEmpty, "empty document"},
	{"date line only", "date 2026-01-09\n\n", ErrEmpty, "empty document"},
	{"date line only no newline", "date 2026-01-09", ErrEmpty, "empty document"},
	{"NUL byte", "Hello\x00world", ErrBinary, "offset 5"},
	{"control bytes", strings.Repeat("\x01\x02\x03 a", 10), ErrBinary, "control bytes"},
	{"invalid UTF-8", "Caf\xe9 au lait.", ErrEncoding, "byte offset 3"},
	{"truncated rune", "ok \xe2\x80", ErrEncoding, "byte offset 3"},
}

func TestExtractRefuses(t *testing.T) {
	p := NewPipeline()
	for _, tc := range refuseCases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := p.Extract("x.txt", "x.txt", []byte(tc.raw))
			if !errors.Is(err, tc.want) {
				t.Fatalf("Extract error = %v, want %v", err, tc.want)
			}
			if doc != nil {
				t.Errorf("Extract returned a document with error %v", err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
		})
	}
}

var headerCases = []struct {
	name              string
	raw               string
	date, title, body string
}{
	{"date line", "date 2026-01-09\nTrump meets Petro\n\nBody text.", "2026-01-09", "Trump meets Petro", "Trump meets Petro"},
	{"date inline", " date 2026-01-09 Leaders met on Friday.", "2026-01-09", "Leaders met on Friday.", "Leaders met on Friday."},
	{"date with colon", "Date: 2025-12-31\n\nA headline\nText.", "2025-12-31", "A headline", "A headline"},
	{"no date", "A headline\nText.", "", "A headline", "A headline"},
	{"bad date is text", "date 2026-13-45 is not a date\nText.", "", "date 2026-13-45 is not a date", "date 2026-13-45"},
	{"dateline", "Talks resume\n\nGENEVA, Feb. 3, 2025 — Envoys met.", "2025-02-03", "Talks resume", "Talks resume"},
	{"dateline day first", "Talks resume\n\nLondon, 7 March 2024: Envoys met.", "2024-03-07", "Talks resume", "Talks resume"},
	{"markdown heading", "# A *headline*\n\nText.", "", "A *headline*", "# A"},
	{"byte order mark", "\ufeffdate 2024-05-01\nHello there.", "2024-05-01", "Hello there.", "Hello there."},
}

func TestHeader(t *testing.T) {
	for _, tc := range headerCases {
		t.Run(tc.name, func(t *testing.T) {
			st, err := NewState("x", "x", []byte(tc.raw))
			if err != nil {
				t.Fatal(err)
			}
			got := []string{st.Doc.Date, st.Doc.Title, st.Doc.Text[st.Body:][:len(tc.body)]}
			if diff := cmp.Diff([]string{tc.date, tc.title, tc.body}, got); diff != "" {
				t.Errorf("date, title, body (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTitleCut(t *testing.T) {
	long := strings.Repeat("word ", 80)
	st, err := NewState("x", "x", []byte(long))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(st.Doc.Title); n > maxTitle+len("…") || n < maxTitle/2 {
		t.Errorf("title is %d bytes: %q", n, st.Doc.Title)
	}
	if !strings.HasSuffix(st.Doc.Title, "word…") {
		t.Errorf("title not cut at a word: %q", st.Doc.Title)
	}
}

func TestExtractProvenance(t *testing.T) {
	raw := []byte("date 2026-01-09\nPresident Ana Ruiz met Chilean President Pablo Soto on Friday.")
	doc, err := NewPipeline().Extract("a.txt", "dir/a.txt", raw)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	want := &Document{ID: "a.txt", Path: "dir/a.txt", Date: "2026-01-09", Hash: hex.EncodeToString(sum[:]), Text: string(raw),
		Title: "President Ana Ruiz met Chilean President Pablo Soto on Friday."}
	got := &Document{ID: doc.ID, Path: doc.Path, Date: doc.Date, Hash: doc.Hash, Text: doc.Text, Title: doc.Title}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("provenance (-want +got):\n%s", diff)
	}
	for _, r := range doc.Relations {
		if doc.Text[r.Start:r.End] != r.Sentence {
			t.Errorf("relation %v: Text[%d:%d] is not its sentence", r, r.Start, r.End)
		}
	}
}

// TestModelLoadedOnce checks that the models are loaded once per process, however many documents and pipelines use it.
func TestModelLoadedOnce(t *testing.T) {
	raw := []byte("Prime Minister Lena Berg visited Oslo on Monday.")
	for i := 0; i < 3; i++ {
		if _, err := NewPipeline().Extract("a.txt", "a.txt", raw); err != nil {
			t.Fatal(err)
		}
	}
	if n := ModelLoads(); n != 1 {
		t.Errorf("model loaded %d times, want 1", n)
	}
}

// TestConcurrentExtract runs one pipeline from several goroutines (run with
// -race) and checks that every result is the same.
func TestConcurrentExtract(t *testing.T) {
	raw := []byte("date 2025-03-02\nGerman Chancellor Karl Weber met French President Marie Laurent in Berlin on Friday. Weber praised Laurent.")
	p := NewPipeline()
	first, err := p.Extract("a.txt", "a.txt", raw)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, err := p.Extract("a.txt", "a.txt", raw)
			if err != nil {
				errs <- err.Error()
				return
			}
			if diff := cmp.Diff(first.Records(), doc.Records()); diff != "" {
				errs <- diff
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestTwoStagePipeline shows that a pipeline is plain data: the first two
// stages alone leave sentences and tokens in the State.
func TestTwoStagePipeline(t *testing.T) {
	st, err := NewState("a", "a", []byte("Prices fell. Talks ended."))
	if err != nil {
		t.Fatal(err)
	}
	p := &Pipeline{Stages: []Stage{Segmenter{}, &Tagger{}}}
	if err := p.Run(st); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range st.Sentences {
		for _, tk := range s.Tokens {
			got = append(got, tk.Text+"/"+tk.Tag)
		}
	}
	want := []string{"Prices/NNS", "fell/VBD", "./.", "Talks/NNS", "ended/VBD", "./."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
	if st.Doc.Relations != nil || st.Entities != nil || st.Sentences[0].Tokens[0].Deprel != "" {
		t.Errorf("later stages ran")
	}
}

// TestParser runs the first three stages and checks the tree of a simple
// sentence: the verb is the root, with its subject and object.
func TestParser(t *testing.T) {
	st, err := NewState("a", "a", []byte("Pablo Soto met Ana Ortiz in Lima."))
	if err != nil {
		t.Fatal(err)
	}
	p := &Pipeline{Stages: []Stage{Segmenter{}, &Tagger{}, Parser{}}}
	if err := p.Run(st); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range st.Sentences[0].Tokens {
		head := "ROOT"
		if tk.Head >= 0 {
			head = st.Sentences[0].Tokens[tk.Head].Text
		}
		got = append(got, tk.Text+" "+tk.Deprel+" "+head)
	}
	want := []string{
		"Pablo nsubj met", "Soto flat Pablo", "met root ROOT", "Ana obj met",
		"Ortiz flat Ana", "in case Lima", "Lima obl met", ". punct met",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tree (-want +got):\n%s", diff)
	}
}

// TestWriteCoNLLU checks the CoNLL-U lines of a tagged but unparsed
// sentence: "_" for the unknown head and relation, and MISC.
func TestWriteCoNLLU(t *testing.T) {
	st, err := NewState("d.txt", "d.txt", []byte("Ana’s aides left."))
	if err != nil {
		t.Fatal(err)
	}
	if err := (&Pipeline{Stages: []Stage{Segmenter{}, &Tagger{NER: true}}}).Run(st); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteCoNLLU(&b, st); err != nil {
		t.Fatal(err)
	}
	want := "# newdoc id = d.txt\n# sent_id = d.txt-1\n# text = Ana’s aides left.\n" +
		"1\tAna\t_\tPROPN\tNNP\t_\t_\t_\t_\tNER=B-PER|Offset=0-3|SpaceAfter=No\n" +
		"2\t’s\t_\tPART\tPOS\t_\t_\t_\t_\tNER=O|Offset=3-7\n" +
		"3\taides\t_\tNOUN\tNNS\t_\t_\t_\t_\tNER=O|Offset=8-13\n" +
		"4\tleft\t_\tVERB\tVBD\t_\t_\t_\t_\tNER=O|Offset=14-18|SpaceAfter=No\n" +
		"5\t.\t_\tPUNCT\t.\t_\t_\t_\t_\tNER=O|Offset=18-19\n\n"
	if diff := cmp.Diff(strings.Split(want, "\n"), strings.Split(b.String(), "\n")); diff != "" {
		t.Errorf("CoNLL-U (-want +got):\n%s", diff)
	}
}
