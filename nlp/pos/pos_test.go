package pos

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsgraph/newsgraph/nlp/conllu"
)

// ewtPath returns the path of an EWT split, or skips the test when the
// data directory (../shared/data beside the repository) is absent.
func ewtPath(t testing.TB, split string) string {
	p := filepath.Join("..", "..", "..", "shared", "data", "ud_english_ewt", "en_ewt-ud-"+split+".conllu")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("EWT data not found: %v", err)
	}
	return p
}

var tagCases = []struct {
	name       string
	words      string
	upos, xpos string
}{
	{"news sentence",
		"The U.S. sanctioned Petro , his family and a member of his government .",
		"DET PROPN VERB PROPN PUNCT PRON NOUN CCONJ DET NOUN ADP PRON NOUN PUNCT",
		"DT NNP VBD NNP , PRP$ NN CC DT NN IN PRP$ NN ."},
	{"clitics",
		"Petro 's aides do n't know .",
		"PROPN PART NOUN AUX PART VERB PUNCT",
		"NNP POS NNS VBP RB VB ."},
	{"passive",
		"He was arrested by the police on Tuesday .",
		"PRON AUX VERB ADP DET NOUN ADP PROPN PUNCT",
		"PRP VBD VBN IN DT NN IN NNP ."},
	{"empty", "", "", ""},
}

func TestTag(t *testing.T) {
	tg := Default()
	for _, tc := range tagCases {
		t.Run(tc.name, func(t *testing.T) {
			upos, xpos := tg.Tag(strings.Fields(tc.words))
			if d := cmp.Diff(strings.Fields(tc.upos), upos, cmp.Comparer(eqEmpty)); d != "" {
				t.Errorf("UPOS (-want +got)\n%s", d)
			}
			if d := cmp.Diff(strings.Fields(tc.xpos), xpos, cmp.Comparer(eqEmpty)); d != "" {
				t.Errorf("XPOS (-want +got)\n%s", d)
			}
		})
	}
}

func eqEmpty(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return cmp.Equal([]string(a), []string(b))
}

// TestEvaluateEWT checks the embedded model on EWT test (gold tokenisation)
// against floors a little under the measured accuracy (UPOS 95.22%, XPOS
// 94.71%).
func TestEvaluateEWT(t *testing.T) {
	sents, err := conllu.ReadFile(ewtPath(t, "test"))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	tg := Default()
	t.Logf("model loaded in %s", time.Since(start))
	u, x := Evaluate(tg, sents)
	t.Logf("EWT test: UPOS %.4f XPOS %.4f", u, x)
	if u < uposFloor || x < xposFloor {
		t.Errorf("below floor: UPOS %.4f (floor %.3f), XPOS %.4f (floor %.3f)", u, uposFloor, x, xposFloor)
	}
}

const (
	uposFloor = 0.950
	xposFloor = 0.945
)

func TestLoadTime(t *testing.T) {
	start := time.Now()
	if _, err := Load(bytes.NewReader(embedded)); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Logf("slow load: %s (limit 500ms; may be a loaded machine)", d)
	}
}

const tiny = `1	The	the	DET	DT	_	2	det	_	_
2	dog	dog	NOUN	NN	_	3	nsubj	_	_
3	barks	bark	VERB	VBZ	_	0	root	_	_
4	.	.	PUNCT	.	_	3	punct	_	_

1	A	a	DET	DT	_	2	det	_	_
2	cat	cat	NOUN	NN	_	3	nsubj	_	_
3	sleeps	sleep	VERB	VBZ	_	0	root	_	_
4	.	.	PUNCT	.	_	3	punct	_	_

1	Dogs	dog	NOUN	NNS	_	2	nsubj	_	_
2	bark	bark	VERB	VBP	_	0	root	_	_
3	.	.	PUNCT	.	_	2	punct	_	_
`

func TestTrainSaveLoad(t *testing.T) {
	sents, err := conllu.Read(strings.NewReader(tiny))
	if err != nil {
		t.Fatal(err)
	}
	opts := TrainOptions{Epochs: 5, Folds: 2}
	a := Train(sents, opts)
	var b1, b2 bytes.Buffer
	if err := a.Save(&b1); err != nil {
		t.Fatal(err)
	}
	if err := Train(sents, opts).Save(&b2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Error("training twice gave different model files")
	}
	l, err := Load(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	u, x := Evaluate(l, sents)
	if u != 1 || x != 1 {
		t.Errorf("training accuracy after save/load: UPOS %v XPOS %v, want 1", u, x)
	}
	var b3 bytes.Buffer
	if err := l.Save(&b3); err != nil {
		t.Fatal(err)
	}
	l2, err := Load(&b3)
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"The", "cat", "barks", "."}
	u1, x1 := l.Tag(words)
	u2, x2 := l2.Tag(words)
	if !cmp.Equal(u1, u2) || !cmp.Equal(x1, x2) {
		t.Errorf("re-saved model tags differently: %v %v vs %v %v", u1, x1, u2, x2)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, in := range []string{"", "not gzip", string(embedded[:len(embedded)/2])} {
		if _, err := Load(strings.NewReader(in)); !errors.Is(err, ErrFormat) {
			t.Errorf("Load(%d bytes): err = %v, want ErrFormat", len(in), err)
		}
	}
}

// FuzzLoad feeds mutated decompressed model streams to the reader (the
// gzip layer would reject almost every mutation by its checksum).
func FuzzLoad(f *testing.F) {
	sents, _ := conllu.Read(strings.NewReader(tiny))
	var b bytes.Buffer
	Train(sents, TrainOptions{Epochs: 2}).Save(&b)
	zr, err := gzip.NewReader(&b)
	if err != nil {
		f.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Fuzz(func(t *testing.T, data []byte) {
		tg, err := load(bufio.NewReader(bytes.NewReader(data)))
		if err != nil {
			return
		}
		tg.Tag([]string{"The", "dog", "barks", "."})
	})
}

// BenchmarkTag tags EWT dev sentences and reports tokens per second.
func BenchmarkTag(b *testing.B) {
	sents, err := conllu.ReadFile(ewtPath(b, "dev"))
	if err != nil {
		b.Fatal(err)
	}
	var words [][]string
	n := 0
	for _, s := range sents {
		var w []string
		for _, tk := range s.Tokens {
			w = append(w, tk.Form)
		}
		words = append(words, w)
		n += len(w)
	}
	tg := Default()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, w := range words {
			tg.Tag(w)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func TestConcurrentTag(t *testing.T) {
	tg := Default()
	words := strings.Fields(tagCases[0].words)
	wantU, wantX := tg.Tag(words)
	done := make(chan error, 4)
	for range 4 {
		go func() {
			for range 200 {
				u, x := tg.Tag(words)
				if !cmp.Equal(u, wantU) || !cmp.Equal(x, wantX) {
					done <- errors.New("concurrent Tag gave different tags")
					return
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
