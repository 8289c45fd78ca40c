package depparse

import (
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsgraph/newsgraph/nlp/conllu"
	"github.com/newsgraph/newsgraph/nlp/pos"
)

// dataDir is where the shared training data live relative to this package.
var dataDir = filepath.Join("..", "..", "..", "shared", "data")

func ewt(t testing.TB, split string) []conllu.Sentence {
	t.Helper()
	path := filepath.Join(dataDir, "ud_english_ewt", "en_ewt-ud-"+split+".conllu")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("EWT data not found: %v", err)
	}
	s, err := conllu.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkTree fails unless heads form a tree with exactly one root.
func checkTree(t *testing.T, heads []int, rels []string) {
	t.Helper()
	n := len(heads)
	roots := 0
	for i, h := range heads {
		if h < 0 || h > n || h == i+1 {
			t.Fatalf("word %d: head %d out of range", i+1, h)
		}
		if h == 0 {
			roots++
			if rels[i] != "root" {
				t.Errorf("word %d attached to the root as %q", i+1, rels[i])
			}
		} else if rels[i] == "root" || rels[i] == "" {
			t.Errorf("word %d: relation %q under head %d", i+1, rels[i], h)
		}
		k, steps := i+1, 0
		for k != 0 {
			k = heads[k-1]
			if steps++; steps > n {
				t.Fatalf("cycle through word %d: %v", i+1, heads)
			}
		}
	}
	if n > 0 && roots != 1 {
		t.Errorf("%d roots: %v", roots, heads)
	}
}

type arc struct {
	Dep, Head string
	Rel       string
}

// parseCases are sentences with hand-assigned tags and some arcs the parser
// must get right.
var parseCases = []struct {
	name  string
	words string
	upos  string
	xpos  string
	want  []arc
}{
	{
		name:  "simple transitive",
		words: "The minister signed the agreement .",
		upos:  "DET NOUN VERB DET NOUN PUNCT",
		xpos:  "DT NN VBD DT NN .",
		want:  []arc{{"minister", "signed", "nsubj"}, {"agreement", "signed", "obj"}, {"signed", "ROOT", "root"}, {".", "signed", "punct"}},
	},
	{
		name:  "passive with agent",
		words: "The plan was rejected by the council .",
		upos:  "DET NOUN AUX VERB ADP DET NOUN PUNCT",
		xpos:  "DT NN VBD VBN IN DT NN .",
		want:  []arc{{"plan", "rejected", "nsubj:pass"}, {"was", "rejected", "aux:pass"}, {"council", "rejected", "obl:agent"}, {"by", "council", "case"}},
	},
	{
		name:  "coordination",
		words: "Sanctions hit Petro , his family and an aide .",
		upos:  "NOUN VERB PROPN PUNCT PRON NOUN CCONJ DET NOUN PUNCT",
		xpos:  "NNS VBP NNP , PRP$ NN CC DT NN .",
		want:  []arc{{"Petro", "hit", "obj"}, {"family", "Petro", "conj"}, {"aide", "Petro", "conj"}, {"and", "aide", "cc"}, {"his", "family", "nmod:poss"}},
	},
	{
		name:  "relative clause",
		words: "Petro , who called to explain , denied the report .",
		upos:  "PROPN PUNCT PRON VERB PART VERB PUNCT VERB DET NOUN PUNCT",
		xpos:  "NNP , WP VBD TO VB , VBD DT NN .",
		want:  []arc{{"called", "Petro", "acl:relcl"}, {"who", "called", "nsubj"}, {"Petro", "denied", "nsubj"}, {"explain", "called", "xcomp"}, {"report", "denied", "obj"}},
	},
	{
		name:  "single word",
		words: "Hello",
		upos:  "INTJ",
		xpos:  "UH",
		want:  []arc{{"Hello", "ROOT", "root"}},
	},
}

func TestParse(t *testing.T) {
	p := Default()
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			words := strings.Fields(tc.words)
			heads, rels := p.Parse(words, strings.Fields(tc.upos), strings.Fields(tc.xpos))
			checkTree(t, heads, rels)
			got := map[string]arc{}
			for i, h := range heads {
				hw := "ROOT"
				if h > 0 {
					hw = words[h-1]
				}
				got[words[i]] = arc{words[i], hw, rels[i]}
			}
			for _, w := range tc.want {
				if diff := cmp.Diff(w, got[w.Dep]); diff != "" {
					t.Errorf("arc of %q (-want +got):\n%s", w.Dep, diff)
				}
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	heads, rels := Default().Parse(nil, nil, nil)
	if len(heads) != 0 || len(rels) != 0 {
		t.Errorf("empty sentence: got %v %v", heads, rels)
	}
}

var projCases = []struct {
	name  string
	heads []int32 // index 0 unused
	want  []int32
	lifts int
}{
	{"projective", []int32{-1, 2, 0, 2}, []int32{-1, 2, 0, 2}, 0},
	// 1 ← 3 crosses 2 ← 4 (4 heads 2 over 3, 3 not under 4)
	{"crossing", []int32{-1, 3, 4, 0, 3}, []int32{-1, 3, 3, 0, 3}, 1},
}

func TestProjectivize(t *testing.T) {
	for _, tc := range projCases {
		t.Run(tc.name, func(t *testing.T) {
			h := append([]int32(nil), tc.heads...)
			if got := projectivize(h); got != tc.lifts {
				t.Errorf("lifts = %d, want %d", got, tc.lifts)
			}
			if diff := cmp.Diff(tc.want, h); diff != "" {
				t.Errorf("heads (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOracle follows zero-cost transitions and checks that the gold
// (projectivised) tree comes out, for the EWT dev sentences.
func TestOracle(t *testing.T) {
	for _, s := range ewt(t, "dev") {
		n := len(s.Tokens)
		heads := make([]int32, n+1)
		heads[0] = -1
		for i, tk := range s.Tokens {
			heads[i+1] = int32(tk.Head)
		}
		if !isTree(heads) {
			continue
		}
		projectivize(heads)
		st := newState(n)
		for !st.terminal() {
			c := oracleCosts(st, heads)
			moved := false
			for _, tr := range []int{right, left, shift} {
				if st.valid(tr) && c[tr] == 0 {
					st.apply(tr, 0)
					moved = true
					break
				}
			}
			if !moved {
				t.Fatalf("%s: no zero-cost transition", s.ID)
			}
		}
		for i := 1; i <= n; i++ {
			if st.heads[i] != heads[i] {
				t.Fatalf("%s: word %d head %d, gold %d", s.ID, i, st.heads[i], heads[i])
			}
		}
	}
}

// tiny is a small training set in CoNLL-U.
const tiny = `1	The	the	DET	DT	_	2	det	_	_
2	dog	dog	NOUN	NN	_	3	nsubj	_	_
3	barked	bark	VERB	VBD	_	0	root	_	_
4	.	.	PUNCT	.	_	3	punct	_	_

1	Cats	cat	NOUN	NNS	_	2	nsubj	_	_
2	chase	chase	VERB	VBP	_	0	root	_	_
3	mice	mouse	NOUN	NNS	_	2	obj	_	_
4	.	.	PUNCT	.	_	2	punct	_	_

`

func TestTrainSaveLoad(t *testing.T) {
	sents, err := conllu.Read(strings.NewReader(tiny))
	if err != nil {
		t.Fatal(err)
	}
	opts := TrainOptions{Epochs: 3, TBits: 10, LBits: 8}
	p := Train(sents, opts)
	var a, b bytes.Buffer
	if err := p.Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := Train(sents, opts).Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("training twice gave different model files")
	}
	q, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	uas, las := Evaluate(q, sents, nil)
	if uas != 100 || las != 100 {
		t.Errorf("training-set UAS %.1f LAS %.1f, want 100", uas, las)
	}
	if _, err := Load(strings.NewReader("not a model")); err == nil {
		t.Error("Load accepted garbage")
	}
}

func TestLoadBadMagic(t *testing.T) {
	var buf bytes.Buffer
	p := Train(nil, TrainOptions{Epochs: 1, TBits: 4, LBits: 4})
	if err := p.Save(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	_, err := Load(bytes.NewReader(data[:len(data)/2]))
	if err == nil {
		t.Error("Load accepted a truncated model")
	}
	if _, err := Load(bytes.NewReader(gz(t, "XXXXXXXXXXXX"))); !errors.Is(err, ErrFormat) {
		t.Errorf("bad magic: got %v, want ErrFormat", err)
	}
}

// TestEvaluateEWT checks the embedded model on EWT test with predicted tags
// against a floor a little under the measured figures.
func TestEvaluateEWT(t *testing.T) {
	sents := ewt(t, "test")
	uas, las := Evaluate(Default(), sents, pos.Default().Tag)
	t.Logf("EWT test, predicted tags: UAS %.2f LAS %.2f", uas, las)
	if uas < floorUAS || las < floorLAS {
		t.Errorf("UAS %.2f LAS %.2f below the floor %.1f/%.1f", uas, las, floorUAS, floorLAS)
	}
}

// Floors for TestEvaluateEWT (predicted tags, EWT test).
const (
	floorUAS = 85.0
	floorLAS = 81.5
)

func FuzzParse(f *testing.F) {
	f.Add("The minister signed the agreement .", "DET NOUN VERB DET NOUN PUNCT")
	f.Add("a", "")
	f.Add("", "X")
	p := Default()
	f.Fuzz(func(t *testing.T, text, tags string) {
		words := strings.Fields(text)
		tg := strings.Fields(tags)
		heads, rels := p.Parse(words, tg, tg)
		if len(heads) != len(words) || len(rels) != len(words) {
			t.Fatalf("lengths %d %d for %d words", len(heads), len(rels), len(words))
		}
		checkTree(t, heads, rels)
	})
}

func FuzzLoad(f *testing.F) {
	var buf bytes.Buffer
	Train(nil, TrainOptions{Epochs: 1, TBits: 4, LBits: 4}).Save(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		heads, rels := p.Parse([]string{"a", "b"}, nil, nil)
		if len(heads) != 2 || len(rels) != 2 {
			t.Fatal("bad lengths")
		}
	})
}

func BenchmarkParse(b *testing.B) {
	sents := ewt(b, "test")
	p := Default()
	type in struct{ w, u, x []string }
	ins := make([]in, len(sents))
	n := 0
	for i, s := range sents {
		for _, tk := range s.Tokens {
			ins[i].w = append(ins[i].w, tk.Form)
			ins[i].u = append(ins[i].u, tk.UPOS)
			ins[i].x = append(ins[i].x, tk.XPOS)
		}
		n += len(s.Tokens)
	}
	b.ResetTimer()
	tokens := 0
	for i := 0; i < b.N; i++ {
		x := ins[i%len(ins)]
		p.Parse(x.w, x.u, x.x)
		tokens += len(x.w)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Bytes()
}

// parseReference is Parse without its shortcuts (buffer reuse, the bound
// that skips labelling a transition, cache warming): every (transition,
// label) pair is scored. Parse must give the same trees.
func parseReference(p *Parser, words, upos, xpos []string) []int32 {
	n := len(words)
	s := newSentence(words, upos, xpos)
	st := newState(n)
	var atoms [nAtoms]uint64
	tf := make([]uint64, nTTemplates)
	lf := make([]uint64, nLTemplates)
	nl := len(p.labels)
	lsc := make([]int32, nl)
	tMask := uint64(1)<<p.tBits - 1
	lMask := uint64(1)<<p.lBits - 1
	for !st.terminal() {
		if len(st.stack) == 1 && st.b == n+1 {
			st.apply(left, p.rootLab)
			continue
		}
		if len(st.stack) == 0 {
			st.apply(shift, 0)
			continue
		}
		tFeatures(s, st, &atoms, tf)
		var ts [nTrans]int32
		for _, h := range tf {
			for t := 0; t < nTrans; t++ {
				ts[t] += int32(p.tw[(h&tMask)*nTrans+uint64(t)])
			}
		}
		best, bestT, bestL := float32(math.Inf(-1)), -1, -1
		if st.valid(shift) {
			best, bestT = float32(ts[shift])*p.tScale, shift
		}
		for _, t := range []int{left, right} {
			if !st.valid(t) {
				continue
			}
			d, h := st.si(0), st.si(1)
			if t == left {
				h = st.b0()
			}
			lFeatures(s, st, d, h, t, lf)
			clear(lsc)
			for _, f := range lf {
				for l := range lsc {
					lsc[l] += int32(p.lw[(f&lMask)*uint64(nl)+uint64(l)])
				}
			}
			for l, v := range lsc {
				if sc := float32(ts[t])*p.tScale + float32(v)*p.lScale; l != p.rootLab && sc > best {
					best, bestT, bestL = sc, t, l
				}
			}
		}
		st.apply(bestT, bestL)
	}
	out := make([]int32, 0, 2*n)
	for i := 1; i <= n; i++ {
		out = append(out, st.heads[i], int32(st.labels[i]))
	}
	return out
}

// TestParseMatchesReference checks on EWT dev that Parse, with its
// shortcuts, finds exactly the trees of the exhaustive search.
func TestParseMatchesReference(t *testing.T) {
	p := Default()
	sents := ewt(t, "dev")
	if testing.Short() {
		sents = sents[:200]
	}
	for _, s := range sents {
		var words, up, xp []string
		for _, tk := range s.Tokens {
			words, up, xp = append(words, tk.Form), append(up, tk.UPOS), append(xp, tk.XPOS)
		}
		heads, rels := p.Parse(words, up, xp)
		want := parseReference(p, words, up, xp)
		for i := range heads {
			if int32(heads[i]) != want[2*i] || rels[i] != p.labels[want[2*i+1]] {
				t.Fatalf("%s: word %d: got %d %s, reference %d %s", s.ID, i+1, heads[i], rels[i], want[2*i], p.labels[want[2*i+1]])
			}
		}
	}
}
