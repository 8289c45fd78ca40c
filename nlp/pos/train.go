package pos

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/newsgraph/newsgraph/nlp/conllu"
)

// TrainOptions controls Train. Zero values take the defaults shown.
type TrainOptions struct {
	Epochs    int     // passes over the data per model (default 8)
	Seed      uint64  // shuffling seed (default 1)
	Passes    int     // 1 (default): one right-to-left pass; 2: add a stacked left-to-right pass
	Folds     int     // jackknife folds for the second pass's training input (default 4)
	DictFreq  int     // minimum count of a form for the tag dictionary (default 20)
	DictRatio float64 // minimum share of its commonest class (default 0.99)
	LexFreq   int     // minimum count of a normalised form for its ambiguity class (default 2)
	LexShare  float64 // minimum share of a class to enter the ambiguity class (default 0.05)
	Prune     float64 // averaged weights with |w| below this are dropped (default 0.05)
	// Words seen at most RareFreq times (default 2) lose their identity
	// features with probability RareDrop (default 0.5; negative for never)
	// in each training occurrence, so that the model learns to tag unknown
	// words from their spelling and context.
	RareFreq int
	RareDrop float64
	// Dev, when set, is tagged after each epoch of the final models and the
	// accuracies written to Log.
	Dev []conllu.Sentence
	Log io.Writer // progress; nil for none
}

func (o *TrainOptions) defaults() {
	def := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	def(&o.Epochs, 8)
	def(&o.Passes, 1)
	def(&o.Folds, 4)
	def(&o.DictFreq, 20)
	def(&o.LexFreq, 2)
	def(&o.RareFreq, 2)
	if o.RareDrop == 0 {
		o.RareDrop = 0.5
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.DictRatio == 0 {
		o.DictRatio = 0.99
	}
	if o.LexShare == 0 {
		o.LexShare = 0.05
	}
	if o.Prune == 0 {
		o.Prune = 0.05
	}
}

type entry struct {
	cls int32
	w   float64
	tot float64
	ts  int64
}

// trainer holds one averaged perceptron under training.
type trainer struct {
	nc    int
	index map[uint64]int32
	rows  [][]entry
	now   int64
}

func (tr *trainer) score(feats []uint64, sc []float64) {
	for j := range sc {
		sc[j] = 0
	}
	for _, f := range feats {
		r, ok := tr.index[f]
		if !ok {
			continue
		}
		for _, e := range tr.rows[r] {
			sc[e.cls] += e.w
		}
	}
}

func (tr *trainer) update(feats []uint64, gold, pred int) {
	for _, f := range feats {
		r, ok := tr.index[f]
		if !ok {
			r = int32(len(tr.rows))
			tr.index[f] = r
			tr.rows = append(tr.rows, nil)
		}
		tr.bump(r, gold, 1)
		tr.bump(r, pred, -1)
	}
}

func (tr *trainer) bump(r int32, cls int, d float64) {
	row := tr.rows[r]
	for i := range row {
		if row[i].cls == int32(cls) {
			e := &row[i]
			e.tot += float64(tr.now-e.ts) * e.w
			e.ts = tr.now
			e.w += d
			return
		}
	}
	tr.rows[r] = append(row, entry{cls: int32(cls), w: d, ts: tr.now})
}

type example struct {
	words []string
	gold  []int
	rare  []bool
}

// Train trains a tagger on sents (gold UPOS and XPOS). Training is
// deterministic: the same sentences and options give the same model.
func Train(sents []conllu.Sentence, opts TrainOptions) *Tagger {
	opts.defaults()
	logf := func(format string, a ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format, a...)
		}
	}
	// Classes, sorted for determinism.
	classID := map[string]int{}
	for _, s := range sents {
		for _, tk := range s.Tokens {
			classID[tk.UPOS+"|"+tk.XPOS] = 0
		}
	}
	names := make([]string, 0, len(classID))
	for k := range classID {
		names = append(names, k)
	}
	sort.Strings(names)
	base := &Tagger{}
	for i, n := range names {
		classID[n] = i
		u, x := splitClass(n)
		base.upos = append(base.upos, u)
		base.xpos = append(base.xpos, x)
	}
	nc := len(names)
	base.dict = dictionary(sents, classID, opts)
	base.lexSets = ambiguityClasses(sents, classID, opts)
	base.lex = lexHashes(base.lexSets)
	logf("pos: %d sentences, %d classes, %d dictionary forms, %d lexicon forms\n",
		len(sents), nc, len(base.dict), len(base.lexSets))

	freq := map[string]int{}
	for _, s := range sents {
		for _, tk := range s.Tokens {
			freq[norm(tk.Form)]++
		}
	}
	data := make([]example, len(sents))
	for i, s := range sents {
		n := len(s.Tokens)
		e := example{words: make([]string, n), gold: make([]int, n), rare: make([]bool, n)}
		for j, tk := range s.Tokens {
			e.words[j] = tk.Form
			e.gold[j] = classID[tk.UPOS+"|"+tk.XPOS]
			e.rare[j] = freq[norm(tk.Form)] <= opts.RareFreq
		}
		data[i] = e
	}
	all := make([]int, len(data))
	for i := range all {
		all[i] = i
	}
	with := func(layers ...*weights) *Tagger {
		return &Tagger{upos: base.upos, xpos: base.xpos, dict: base.dict, lexSets: base.lexSets, lex: base.lex, layers: layers}
	}
	devLog := func(name string, mk func(*weights) *Tagger) func(int, *weights) {
		if len(opts.Dev) == 0 {
			return nil
		}
		return func(ep int, m *weights) {
			u, x := Evaluate(mk(m), opts.Dev)
			logf("pos: %s epoch %d: dev UPOS %.4f XPOS %.4f\n", name, ep, u, x)
		}
	}
	if opts.Passes < 2 {
		return with(trainLayer(base, data, all, nil, true, opts, logf, devLog("right-to-left pass", func(m *weights) *Tagger { return with(m) })))
	}
	first := trainLayer(base, data, all, nil, true, opts, logf, devLog("pass 1 (right to left)", func(m *weights) *Tagger { return with(m) }))
	// Jackknifed first-pass output for the second pass's training input.
	jack := make([][]int, len(data))
	for k := range opts.Folds {
		var in, out []int
		for i := range data {
			if i%opts.Folds == k {
				out = append(out, i)
			} else {
				in = append(in, i)
			}
		}
		logf("pos: jackknife fold %d/%d\n", k+1, opts.Folds)
		tg := with(trainLayer(base, data, in, nil, true, opts, nil, nil))
		for _, i := range out {
			jack[i] = tg.tagClasses(data[i].words, nil)
		}
	}
	second := trainLayer(base, data, all, jack, false, opts, logf, devLog("pass 2", func(m *weights) *Tagger { return with(first, m) }))
	return with(first, second)
}

func splitClass(s string) (upos, xpos string) {
	for i := 0; i < len(s); i++ {
		if s[i] == '|' {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// dictionary maps frequent forms that (almost) always take one class to it.
func dictionary(sents []conllu.Sentence, classID map[string]int, opts TrainOptions) map[string]int32 {
	counts := map[string][]int{}
	for _, s := range sents {
		for _, tk := range s.Tokens {
			c := counts[tk.Form]
			if c == nil {
				c = make([]int, len(classID))
				counts[tk.Form] = c
			}
			c[classID[tk.UPOS+"|"+tk.XPOS]]++
		}
	}
	dict := map[string]int32{}
	for f, c := range counts {
		n, best := 0, 0
		for i, x := range c {
			n += x
			if x > c[best] {
				best = i
			}
		}
		if n >= opts.DictFreq && float64(c[best]) >= opts.DictRatio*float64(n) {
			dict[f] = int32(best)
		}
	}
	return dict
}

// ambiguityClasses maps normalised forms to the classes they take.
func ambiguityClasses(sents []conllu.Sentence, classID map[string]int, opts TrainOptions) map[string][]int32 {
	counts := map[string][]int{}
	for _, s := range sents {
		for _, tk := range s.Tokens {
			f := norm(tk.Form)
			c := counts[f]
			if c == nil {
				c = make([]int, len(classID))
				counts[f] = c
			}
			c[classID[tk.UPOS+"|"+tk.XPOS]]++
		}
	}
	sets := map[string][]int32{}
	for f, c := range counts {
		n := 0
		for _, x := range c {
			n += x
		}
		if n < opts.LexFreq {
			continue
		}
		var set []int32
		for i, x := range c {
			if x > 0 && float64(x) >= opts.LexShare*float64(n) {
				set = append(set, int32(i))
			}
		}
		sets[f] = set
	}
	return sets
}

// trainLayer trains one pass on data[idx] (first: the first pass's classes
// for a second pass, else nil; reverse: tag right to left) and returns its
// averaged, pruned weights.
func trainLayer(base *Tagger, data []example, idx []int, first [][]int, reverse bool, opts TrainOptions,
	logf func(string, ...any), dev func(int, *weights)) *weights {
	if reverse {
		rdata := make([]example, len(data))
		for i, e := range data {
			r := example{words: make([]string, len(e.words)), gold: reversed(e.gold), rare: make([]bool, len(e.rare))}
			for j := range e.words {
				r.words[len(e.words)-1-j] = e.words[j]
				r.rare[len(e.words)-1-j] = e.rare[j]
			}
			rdata[i] = r
		}
		data = rdata
		if first != nil {
			rfirst := make([][]int, len(first))
			for i, f := range first {
				rfirst[i] = reversed(f)
			}
			first = rfirst
		}
	}
	nc := len(base.upos)
	tr := &trainer{nc: nc, index: map[uint64]int32{}}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	order := append([]int(nil), idx...)
	var ctx context
	var feats []uint64
	sc := make([]float64, nc)
	for ep := 1; ep <= opts.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, oi := range order {
			e := data[oi]
			var fi []int
			if first != nil {
				fi = first[oi]
			}
			ctx.reset(e.words, base.lex)
			for i, r := range e.rare {
				if r && opts.RareDrop > 0 && rng.Float64() < opts.RareDrop {
					ctx.forget(i)
				}
			}
			prev, prev2 := -1, -2
			for i, w := range e.words {
				var pred int
				if c, ok := base.dict[w]; ok {
					pred = int(c)
				} else {
					feats = ctx.features(i, prev, prev2, fi, feats[:0])
					tr.score(feats, sc)
					pred = 0
					for j := 1; j < nc; j++ {
						if sc[j] > sc[pred] {
							pred = j
						}
					}
					tr.now++
					if pred != e.gold[i] {
						tr.update(feats, e.gold[i], pred)
					}
				}
				if pred == e.gold[i] {
					correct++
				}
				total++
				prev2, prev = prev, pred
			}
		}
		if logf != nil {
			logf("pos: epoch %d: train acc %.4f, %d features\n", ep, float64(correct)/float64(total), len(tr.rows))
		}
		if dev != nil && (ep == opts.Epochs || ep >= opts.Epochs-3) {
			m := tr.finish(opts.Prune)
			m.reverse = reverse
			dev(ep, m)
		}
	}
	m := tr.finish(opts.Prune)
	m.reverse = reverse
	return m
}

// finish returns the averaged weights, dropping those below prune and
// quantising the rest to 16 bits (the trainer is left untouched, so
// training may continue).
func (tr *trainer) finish(prune float64) *weights {
	keys := make([]uint64, 0, len(tr.index))
	for k := range tr.index {
		if k != 0 { // 0 marks empty slots; a 1-in-2^64 feature is dropped
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	avgs := make([][]wc, len(keys))
	var maxw float64
	for i, k := range keys {
		for _, e := range tr.rows[tr.index[k]] {
			tot := e.tot + float64(tr.now-e.ts)*e.w
			avg := tot / float64(max(tr.now, 1))
			if math.Abs(avg) >= prune {
				avgs[i] = append(avgs[i], wc{e.cls, avg})
				maxw = math.Max(maxw, math.Abs(avg))
			}
		}
	}
	scale := maxw / 32767
	if scale == 0 {
		scale = 1
	}
	var kept []uint64
	var rows [][]wq
	for i, k := range keys {
		var row []wq
		for _, e := range avgs[i] {
			if q := math.Round(e.w / scale); q != 0 {
				row = append(row, wq{uint16(e.cls), int16(q)})
			}
		}
		if len(row) > 0 {
			sort.Slice(row, func(a, b int) bool { return row[a].cls < row[b].cls })
			kept = append(kept, k)
			rows = append(rows, row)
		}
	}
	m, err := buildWeights(kept, rows, float32(scale), false)
	if err != nil {
		panic("pos: " + err.Error()) // keys come from a map: distinct and non-zero
	}
	return m
}

type wc struct {
	cls int32
	w   float64
}

// Evaluate tags sents with gold tokenisation and returns the share of
// tokens whose UPOS and whose XPOS are right (0 for no tokens).
func Evaluate(t *Tagger, sents []conllu.Sentence) (uposAcc, xposAcc float64) {
	var nu, nx, n int
	words := []string{}
	var cls []int
	for _, s := range sents {
		words = words[:0]
		for _, tk := range s.Tokens {
			words = append(words, tk.Form)
		}
		cls = t.tagClasses(words, cls)
		for i, tk := range s.Tokens {
			if t.upos[cls[i]] == tk.UPOS {
				nu++
			}
			if t.xpos[cls[i]] == tk.XPOS {
				nx++
			}
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(nu) / float64(n), float64(nx) / float64(n)
}
