package ner

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func TestSpansFromIOB2(t *testing.T) {
	tests := []struct {
		name  string
		tags  string
		types map[string]string
		want  []Span
	}{
		{"empty", "", nil, nil},
		{"outside", "O O", nil, nil},
		{"single", "B-PER O", nil, []Span{{0, 1, "PER"}}},
		{"multi", "O B-ORG I-ORG I-ORG O", nil, []Span{{1, 4, "ORG"}}},
		{"adjacent", "B-PER B-PER I-PER", nil, []Span{{0, 1, "PER"}, {1, 3, "PER"}}},
		{"type change", "B-PER I-LOC", nil, []Span{{0, 1, "PER"}, {1, 2, "LOC"}}},
		{"stray I starts", "O I-LOC I-LOC", nil, []Span{{1, 3, "LOC"}}},
		{"at end", "O B-geo I-geo", GMBTypes, []Span{{1, 3, LOC}}},
		{"mapped and dropped", "B-gpe O B-xyz B-per", GMBTypes, []Span{{0, 1, GPE}, {3, 4, PER}}},
		{"tim kept as TIM", "B-tim I-tim", GMBTypes, []Span{{0, 2, TIM}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := SpansFromIOB2(strings.Fields(tc.tags), tc.types)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("SpansFromIOB2(%q) = %v, want %v", tc.tags, got, tc.want)
			}
		})
	}
}

func TestLabelsRoundTrip(t *testing.T) {
	types := []string{PER, ORG, LOC, GPE}
	tests := [][]Span{
		nil,
		{{0, 1, PER}},
		{{0, 3, ORG}, {3, 4, GPE}, {5, 7, LOC}},
		{{6, 7, PER}},
	}
	for _, spans := range tests {
		labels := labelsOf(7, spans, types, nil)
		for i, l := range labels {
			prev := -1
			if i > 0 {
				prev = labels[i-1]
			}
			if !allowed(prev, l, i, len(labels)) {
				t.Errorf("%v: labels %v: label %d at %d not allowed after %d", spans, labels, l, i, prev)
			}
		}
		if got := spansOf(labels, types); !reflect.DeepEqual(got, spans) {
			t.Errorf("spansOf(labelsOf(%v)) = %v", spans, got)
		}
	}
}

func TestAllowed(t *testing.T) {
	b, i, l, u := label(0, partB), label(0, partI), label(0, partL), label(0, partU)
	lOther := label(1, partL)
	tests := []struct {
		prev, cur, pos, n int
		want              bool
	}{
		{-1, 0, 0, 3, true},
		{-1, b, 0, 3, true},
		{-1, i, 0, 3, false},
		{-1, l, 0, 3, false},
		{-1, u, 0, 1, true},
		{-1, b, 0, 1, false}, // an entity cannot start on the last token and stay open
		{b, i, 1, 3, true},
		{b, l, 1, 3, true},
		{b, lOther, 1, 3, false},
		{b, 0, 1, 3, false},
		{i, i, 2, 3, false}, // last token
		{l, b, 1, 3, true},
		{u, l, 1, 3, false},
		{0, u, 1, 3, true},
	}
	for _, tc := range tests {
		if got := allowed(tc.prev, tc.cur, tc.pos, tc.n); got != tc.want {
			t.Errorf("allowed(%d, %d, %d, %d) = %v, want %v", tc.prev, tc.cur, tc.pos, tc.n, got, tc.want)
		}
	}
}

const gmbSample = `Sentence #,Word,POS,Tag
Sentence: 1,Thousands,NNS,O
,marched,VBN,O
,through,IN,O
,New,NNP,B-geo
,York,NNP,I-geo
,on,IN,O
,Monday,NNP,B-tim
,.,.,O
Sentence: 2,"""",` + "``" + `,O
,Barack,NNP,B-per
,Obama,NNP,I-per
,",",",",O
,"10,000",CD,O
,French,JJ,B-gpe
,troops,NNS,O
`

func TestReadGMB(t *testing.T) {
	got, err := ReadGMB(strings.NewReader(gmbSample))
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{
			Words: strings.Fields("Thousands marched through New York on Monday ."),
			XPOS:  strings.Fields("NNS VBN IN NNP NNP IN NNP ."),
			Spans: []Span{{3, 5, LOC}, {6, 7, TIM}},
		},
		{
			Words: []string{`"`, "Barack", "Obama", ",", "10,000", "French", "troops"},
			XPOS:  []string{"``", "NNP", "NNP", ",", "CD", "JJ", "NNS"},
			Spans: []Span{{1, 3, PER}, {5, 6, GPE}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadGMB:\n got %+v\nwant %+v", got, want)
	}
}

func TestReadGMBErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bad tag", "Sentence: 1,a,DT,X-per\n", "line 1"},
		{"token before sentence", ",a,DT,O\n", "line 1"},
		{"bad first column", "Sentence: 1,a,DT,O\nfoo,b,DT,O\n", "line 2"},
		{"wrong field count", "Sentence: 1,a,DT,O\n,b,DT\n", "line 2"},
		{"empty word", "Sentence: 1,,DT,O\n", "line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadGMB(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadGMB(%q) error = %v, want one naming %q", tc.in, err, tc.want)
			}
		})
	}
}

const iob2Sample = `# sent_id = a-1
# text = It is in Argentina
1	It	O	-	-
2	is	O	-	-
3	in	O	-	-
4	Buenos	B-LOC	-	x
5	Aires	I-LOC	-	x

# sent_id = a-2
1	Ask	O	-	-
2	Bob	B-PER	-	-
3	at	O	-	-
4	Google	B-ORG	-	-
`

func TestReadIOB2(t *testing.T) {
	got, err := ReadIOB2(strings.NewReader(iob2Sample))
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{Words: strings.Fields("It is in Buenos Aires"), Spans: []Span{{3, 5, "LOC"}}},
		{Words: strings.Fields("Ask Bob at Google"), Spans: []Span{{1, 2, "PER"}, {3, 4, "ORG"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadIOB2:\n got %+v\nwant %+v", got, want)
	}
	for _, in := range []string{"1\tword\n", "1\tword\tZ\n", "1\t\tO\n"} {
		if _, err := ReadIOB2(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("ReadIOB2(%q) error = %v, want one naming line 1", in, err)
		}
	}
}

// checkSentences checks the invariants of a reader's output.
func checkSentences(t *testing.T, sents []Sentence) {
	t.Helper()
	for _, s := range sents {
		if len(s.Words) == 0 {
			t.Fatalf("empty sentence")
		}
		if s.XPOS != nil && len(s.XPOS) != len(s.Words) {
			t.Fatalf("%d tags for %d words", len(s.XPOS), len(s.Words))
		}
		end := 0
		for _, sp := range s.Spans {
			if sp.Start < end || sp.End <= sp.Start || sp.End > len(s.Words) || sp.Type == "" {
				t.Fatalf("bad span %v in %q", sp, s.Words)
			}
			end = sp.End
		}
	}
}

func FuzzReadGMB(f *testing.F) {
	f.Add(gmbSample)
	f.Add("Sentence: 1,a,DT,I-org\n,b,NN,I-geo\n")
	f.Add("Sentence #,Word,POS,Tag\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadGMB(strings.NewReader(in))
		if err != nil {
			return
		}
		checkSentences(t, sents)
		for _, s := range sents {
			if len(s.XPOS) != len(s.Words) {
				t.Fatalf("GMB sentence without tags")
			}
		}
	})
}

func FuzzReadIOB2(f *testing.F) {
	f.Add(iob2Sample)
	f.Add("1\ta\tI-X\n2\tb\tB-X\n\n\n1\tc\tO\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadIOB2(strings.NewReader(in))
		if err != nil {
			return
		}
		checkSentences(t, sents)
	})
}

// tiny is a small training set for tests that train.
var tiny = func() []Sentence {
	var out []Sentence
	for _, x := range []struct {
		s     string
		spans []Span
	}{
		{"John Smith visited Paris on Monday .", []Span{{0, 2, PER}, {3, 4, LOC}, {5, 6, TIM}}},
		{"The United Nations met in Geneva .", []Span{{1, 3, ORG}, {5, 6, LOC}}},
		{"French officials said Mary Jones left .", []Span{{0, 1, GPE}, {3, 5, PER}}},
		{"Acme Corporation hired Peter Brown .", []Span{{0, 2, ORG}, {3, 5, PER}}},
	} {
		out = append(out, Sentence{Words: strings.Fields(x.s), Spans: x.spans})
	}
	return out
}()

func TestTrainSaveLoad(t *testing.T) {
	for _, greedy := range []bool{false, true} {
		opt := TrainOptions{Epochs: 5, Greedy: greedy}
		r, err := Train(tiny, opt)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.Types(), DefaultTypes; !reflect.DeepEqual(got, want) {
			t.Errorf("Types() = %v, want %v", got, want)
		}
		var a, b bytes.Buffer
		if err := r.Save(&a); err != nil {
			t.Fatal(err)
		}
		r2, err := Train(tiny, opt)
		if err != nil {
			t.Fatal(err)
		}
		if err := r2.Save(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("greedy=%v: training twice gave different model files", greedy)
		}
		loaded, err := Load(bytes.NewReader(a.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range tiny {
			got, want := loaded.Recognize(s.Words, nil), r.Recognize(s.Words, nil)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("greedy=%v: loaded model gives %v, trained %v", greedy, got, want)
			}
			for _, sp := range got {
				if sp.Type == TIM {
					t.Errorf("hidden type reported: %v", sp)
				}
			}
		}
		// The training sentences themselves are learnt.
		sc := Evaluate(loaded, tiny, EvalOptions{})
		if sc.Overall.F1() < 0.9 {
			t.Errorf("greedy=%v: F1 on the training sentences %.2f", greedy, sc.Overall.F1())
		}
	}
	if _, err := Train(nil, TrainOptions{}); err == nil {
		t.Error("Train(nil) succeeded")
	}
}

func TestLoadErrors(t *testing.T) {
	var good bytes.Buffer
	r, err := Train(tiny, TrainOptions{Epochs: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Save(&good); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(strings.NewReader("not gzip")); err == nil {
		t.Error("Load(garbage) succeeded")
	}
	// Every truncation of the uncompressed stream must fail cleanly.
	if _, err := Load(bytes.NewReader(good.Bytes()[:good.Len()/2])); err == nil {
		t.Error("Load(truncated) succeeded")
	}
	var bad bytes.Buffer
	zw := gzipWriter(&bad)
	zw.Write([]byte("NGNERX"))
	zw.Close()
	if _, err := Load(&bad); !errors.Is(err, errFormat) {
		t.Errorf("Load(bad magic) = %v, want errFormat", err)
	}
}

func TestRecognizeEdgeCases(t *testing.T) {
	r := Default()
	if got := r.Recognize(nil, nil); got != nil {
		t.Errorf("Recognize(nil) = %v", got)
	}
	words := strings.Fields("Angela Merkel visited Paris .")
	a := r.Recognize(words, nil)
	b := r.Recognize(words, []string{"NNP"}) // wrong length: ignored
	if !reflect.DeepEqual(a, b) {
		t.Errorf("mismatched xpos not ignored: %v vs %v", a, b)
	}
}

func TestDefaultSentences(t *testing.T) {
	tests := []struct {
		s    string
		xpos string
		want []Span
	}{
		{"President Barack Obama met German Chancellor Angela Merkel in Berlin on Tuesday .", "",
			[]Span{{0, 3, PER}, {4, 5, GPE}, {5, 8, PER}, {9, 10, LOC}}},
		{"The United Nations Security Council condemned the attack in northern Afghanistan .", "",
			[]Span{{1, 5, ORG}, {10, 11, LOC}}},
		{"Hamas leader Ismail Haniyeh arrived in Cairo for talks with Egyptian officials .", "",
			[]Span{{0, 1, ORG}, {2, 4, PER}, {6, 7, LOC}, {10, 11, GPE}}},
		{"Officials at Microsoft and the World Health Organization said the virus had spread to Kenya .", "",
			[]Span{{2, 3, ORG}, {5, 8, ORG}, {14, 15, LOC}}},
		{"Iraqi police say a car bomb exploded in Baghdad .", "JJ NNS VBP DT NN NN VBD IN NNP .",
			[]Span{{0, 1, GPE}, {8, 9, LOC}}},
		{"the weather was nice .", "", nil},
	}
	for _, tc := range tests {
		words := strings.Fields(tc.s)
		var xpos []string
		if tc.xpos != "" {
			xpos = strings.Fields(tc.xpos)
		}
		if got := Default().Recognize(words, xpos); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Recognize(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestConcurrent(t *testing.T) {
	r := Default()
	sents := []string{
		"President Barack Obama met German Chancellor Angela Merkel in Berlin on Tuesday .",
		"Colombian President Gustavo Petro said the sanctions imposed by Washington were unjust .",
		"Mr. Putin told reporters in Moscow that Russia would not withdraw its troops from Ukraine .",
	}
	want := make([][]Span, len(sents))
	for i, s := range sents {
		want[i] = r.Recognize(strings.Fields(s), nil)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := k % len(sents)
				if got := r.Recognize(strings.Fields(sents[i]), nil); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("concurrent Recognize(%q) = %v, want %v", sents[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// dataDir is the shared data directory beside the repository, or "" when
// absent.
func dataDir(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	d := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(d, filepath.FromSlash(GMBFile))); err != nil {
		return ""
	}
	return d
}

// TestHeldOut checks the embedded model on the held-out GMB sentences and on
// Universal NER EWT test, at floors a little under the measured figures
// (0.841 and 0.842 F1 on GMB without and with the corpus's tags; 0.428 on
// Universal NER).
func TestHeldOut(t *testing.T) {
	d := dataDir(t)
	if d == "" {
		t.Skip("shared data directory not found")
	}
	all, err := ReadGMBFile(filepath.Join(d, filepath.FromSlash(GMBFile)))
	if err != nil {
		t.Fatal(err)
	}
	_, heldOut := SplitGMB(all)
	for _, usePOS := range []bool{false, true} {
		sc := Evaluate(Default(), heldOut, EvalOptions{UsePOS: usePOS})
		if f := sc.Overall.F1(); f < 0.83 {
			t.Errorf("GMB held-out F1 (POS %v) = %.4f, want ≥ 0.83", usePOS, f)
		}
		for typ, floor := range map[string]float64{PER: 0.70, ORG: 0.70, LOC: 0.86, GPE: 0.94} {
			if f := sc.ByType[typ].F1(); f < floor {
				t.Errorf("GMB held-out %s F1 (POS %v) = %.4f, want ≥ %.2f", typ, usePOS, f, floor)
			}
		}
	}
	uner, err := ReadIOB2File(filepath.Join(d, filepath.FromSlash(UNERTestFile)))
	if err != nil {
		t.Fatal(err)
	}
	if f := Evaluate(Default(), uner, EvalOptions{Map: UNERMap}).Overall.F1(); f < 0.41 {
		t.Errorf("Universal NER EWT test F1 = %.4f, want ≥ 0.41", f)
	}
}

var benchText = strings.Fields(`U.N. Secretary-General Kofi Annan says he will wait to read a report due next week from prosecutor Detlev Mehlis before deciding whether to extend the probe to December , as requested last week by Lebanese lawmakers .`)

// BenchmarkRecognize measures one goroutine on a news sentence without
// part-of-speech tags; run with -cpu 1 for the one-core figure.
func BenchmarkRecognize(b *testing.B) {
	r := Default()
	r.Recognize(benchText, nil)
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Recognize(benchText, nil)
	}
	b.ReportMetric(float64(b.N*len(benchText))/b.Elapsed().Seconds(), "tokens/s")
}

func gzipWriter(w *bytes.Buffer) *gzip.Writer { return gzip.NewWriter(w) }

// BenchmarkLoad measures reading the embedded model (the work Default does
// once).
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(bytes.NewReader(modelData)); err != nil {
			b.Fatal(err)
		}
	}
}
