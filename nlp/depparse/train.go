package depparse

import (
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"

	"github.com/newsgraph/newsgraph/nlp/conllu"
)

// TrainOptions controls training. Zero values select the defaults.
type TrainOptions struct {
	Epochs  int               // passes over the training data (default 10)
	Explore float64           // probability of following the model's own (possibly wrong) transition after the first epoch (default 0.9)
	Seed    int64             // seed of the exploration and shuffling (default 1)
	TBits   int               // log2 of the transition-feature buckets (default 21)
	LBits   int               // log2 of the label-feature buckets (default 16)
	Prune   float64           // averaged weights with |w| below this are dropped (default 0.05)
	Dev     []conllu.Sentence // optional: evaluated after every epoch
	Log     io.Writer         // optional progress output
	// Stats, when not nil, receives facts about the training data.
	Stats *Stats
	// DevTags tags Dev for the per-epoch evaluation; nil uses its gold tags.
	DevTags func(words []string) (upos, xpos []string)
}

// Stats reports facts about the training data of a Train call.
type Stats struct {
	Sentences     int // sentences used
	NonProjective int // sentences projectivised by lifting
	Lifted        int // arcs lifted
}

type trainer struct {
	nl      int
	tw      []int32
	tu      []int64
	lw      []int32
	lu      []int64
	c       int64
	tMask   uint64
	lMask   uint64
	rootLab int
}

func (tr *trainer) updT(f []uint64, t int, d int32) {
	cd := int64(d) * tr.c
	for _, h := range f {
		i := (h&tr.tMask)*nTrans + uint64(t)
		tr.tw[i] += d
		tr.tu[i] += cd
	}
}

func (tr *trainer) updL(f []uint64, l int, d int32) {
	cd := int64(d) * tr.c
	for _, h := range f {
		i := (h&tr.lMask)*uint64(tr.nl) + uint64(l)
		tr.lw[i] += d
		tr.lu[i] += cd
	}
}

// Train builds a parser from sentences with gold trees, using the tags found
// in the sentences as features (gold, or predicted ones put there by the
// caller). Training is deterministic for fixed options and data.
// Non-projective trees are projectivised by lifting arcs to the grandparent
// (counted in opts.Stats); sentences whose heads do not form a tree with one
// root are skipped.
func Train(sents []conllu.Sentence, opts TrainOptions) *Parser {
	if opts.Epochs == 0 {
		opts.Epochs = 10
	}
	if opts.Explore == 0 {
		opts.Explore = 0.9
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.TBits == 0 {
		opts.TBits = 21
	}
	if opts.LBits == 0 {
		opts.LBits = 16
	}
	if opts.Prune == 0 {
		opts.Prune = 0.05
	}
	labSet := map[string]bool{"root": true}
	for _, s := range sents {
		for _, t := range s.Tokens {
			if t.Deprel != "" {
				labSet[t.Deprel] = true
			}
		}
	}
	labels := make([]string, 0, len(labSet))
	for l := range labSet {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	labID := map[string]int{}
	for i, l := range labels {
		labID[l] = i
	}
	nl := len(labels)

	type ex struct {
		s     *sentence
		heads []int32
		labs  []int16
	}
	var data []ex
	var stats Stats
	for _, s := range sents {
		n := len(s.Tokens)
		if n == 0 {
			continue
		}
		words := make([]string, n)
		up := make([]string, n)
		xp := make([]string, n)
		heads := make([]int32, n+1)
		labs := make([]int16, n+1)
		heads[0] = -1
		ok := true
		roots := 0
		for i, t := range s.Tokens {
			words[i], up[i], xp[i] = t.Form, t.UPOS, t.XPOS
			if t.ID != i+1 || t.Head < 0 || t.Head > n {
				ok = false
				break
			}
			heads[i+1] = int32(t.Head)
			labs[i+1] = int16(labID[t.Deprel])
			if t.Head == 0 {
				roots++
			}
		}
		if !ok || roots != 1 || !isTree(heads) {
			continue
		}
		if k := projectivize(heads); k > 0 {
			stats.NonProjective++
			stats.Lifted += k
		}
		data = append(data, ex{newSentence(words, up, xp), heads, labs})
	}
	stats.Sentences = len(data)
	if opts.Stats != nil {
		*opts.Stats = stats
	}
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, "parse: %d training sentences, %d projectivised (%d arcs lifted), %d labels\n",
			len(data), stats.NonProjective, stats.Lifted, nl)
	}

	tr := &trainer{
		nl:      nl,
		tw:      make([]int32, (1<<opts.TBits)*nTrans),
		tu:      make([]int64, (1<<opts.TBits)*nTrans),
		lw:      make([]int32, (1<<opts.LBits)*nl),
		lu:      make([]int64, (1<<opts.LBits)*nl),
		tMask:   uint64(1)<<opts.TBits - 1,
		lMask:   uint64(1)<<opts.LBits - 1,
		rootLab: labID["root"],
	}
	rng := rand.New(rand.NewSource(opts.Seed))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var atoms [nAtoms]uint64
	tf := make([]uint64, len(tTemplates))
	lfL := make([]uint64, len(lTemplates))
	lfR := make([]uint64, len(lTemplates))
	lscL := make([]int32, nl)
	lscR := make([]int32, nl)
	for ep := 1; ep <= opts.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var steps, errs int
		for _, oi := range order {
			e := data[oi]
			s := e.s
			n := s.n
			st := newState(n)
			for !st.terminal() {
				if len(st.stack) == 1 && st.b == n+1 {
					st.apply(left, tr.rootLab)
					continue
				}
				if len(st.stack) == 0 {
					st.apply(shift, 0)
					continue
				}
				tr.c++
				steps++
				tFeatures(s, st, &atoms, tf)
				var ts [nTrans]int32
				for _, h := range tf {
					w := tr.tw[(h&tr.tMask)*nTrans:]
					ts[0] += w[0]
					ts[1] += w[1]
					ts[2] += w[2]
				}
				costs := oracleCosts(st, e.heads)
				s0, s1, b0 := st.si(0), st.si(1), st.b0()
				type act struct {
					t, l  int
					score int32
					cost  int
				}
				pred := act{t: -1, score: math.MinInt32}
				gold := act{t: -1, score: math.MinInt32, cost: math.MaxInt32}
				consider := func(a act) {
					if pred.t < 0 || a.score > pred.score {
						pred = a
					}
					if a.cost < gold.cost || (a.cost == gold.cost && a.score > gold.score) {
						gold = a
					}
				}
				if st.valid(shift) {
					consider(act{shift, -1, ts[shift], costs[shift]})
				}
				scoreLabels := func(t, d, h int, lf []uint64, lsc []int32) {
					lFeatures(s, st, d, h, t, lf)
					for i := range lsc {
						lsc[i] = 0
					}
					for _, f := range lf {
						row := tr.lw[(f&tr.lMask)*uint64(nl):][:nl]
						for i, v := range row {
							lsc[i] += v
						}
					}
					for l, v := range lsc {
						if l == tr.rootLab {
							continue
						}
						c := costs[t]
						if int(e.heads[d]) == h && int(e.labs[d]) != l {
							c++
						}
						consider(act{t, l, ts[t] + v, c})
					}
				}
				if st.valid(left) {
					scoreLabels(left, s0, b0, lfL, lscL)
				}
				if st.valid(right) {
					scoreLabels(right, s0, s1, lfR, lscR)
				}
				if pred.cost > gold.cost {
					errs++
					if pred.t != gold.t {
						tr.updT(tf, gold.t, 1)
						tr.updT(tf, pred.t, -1)
					}
					if pred.t != gold.t || pred.l != gold.l {
						if gold.t == left {
							tr.updL(lfL, gold.l, 1)
						} else if gold.t == right {
							tr.updL(lfR, gold.l, 1)
						}
						if pred.t == left {
							tr.updL(lfL, pred.l, -1)
						} else if pred.t == right {
							tr.updL(lfR, pred.l, -1)
						}
					}
				}
				next := gold
				if ep > 1 && rng.Float64() < opts.Explore {
					next = pred
				}
				st.apply(next.t, next.l)
			}
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "parse: epoch %d: %d decisions, %.2f%% wrong", ep, steps, 100*float64(errs)/float64(steps))
			if len(opts.Dev) > 0 {
				p := tr.finish(labels, opts)
				uas, las := Evaluate(p, opts.Dev, opts.DevTags)
				fmt.Fprintf(opts.Log, "; dev UAS %.2f LAS %.2f", uas, las)
			}
			fmt.Fprintln(opts.Log)
		}
	}
	return tr.finish(labels, opts)
}

// finish averages, prunes and quantises the weights into a Parser.
func (tr *trainer) finish(labels []string, opts TrainOptions) *Parser {
	p := &Parser{labels: labels, rootLab: tr.rootLab, tBits: opts.TBits, lBits: opts.LBits}
	p.tw, p.tScale = quantise(tr.tw, tr.tu, tr.c, opts.Prune)
	p.lw, p.lScale = quantise(tr.lw, tr.lu, tr.c, opts.Prune)
	p.index()
	return p
}

func quantise(w []int32, u []int64, c int64, prune float64) ([]int16, float32) {
	avg := make([]float64, len(w))
	maxAbs := 0.0
	cf := float64(c)
	if cf == 0 {
		cf = 1
	}
	for i := range w {
		a := float64(w[i]) - float64(u[i])/cf
		if math.Abs(a) < prune {
			a = 0
		}
		avg[i] = a
		if math.Abs(a) > maxAbs {
			maxAbs = math.Abs(a)
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32767
	q := make([]int16, len(w))
	for i, a := range avg {
		q[i] = int16(math.Round(a / scale))
	}
	return q, float32(scale)
}

// oracleCosts returns, for each unlabelled transition, the number of gold
// arcs it makes unreachable (Goldberg & Nivre 2013, arc-hybrid). heads are
// the (projective) gold heads, index 0 unused.
func oracleCosts(st *state, heads []int32) [nTrans]int {
	var c [nTrans]int
	n := st.n
	s0, s1, b0 := st.si(0), st.si(1), st.b0()
	inBeta := func(k int) bool { // in the buffer after b0 (root included)
		if k == 0 {
			return b0 != 0
		}
		return k > st.b && k <= n
	}
	inBuf := func(k int) bool {
		if k == 0 {
			return true
		}
		return k >= st.b && k <= n
	}
	// dependents of s0 in the buffer
	depsS0 := 0
	if s0 >= 0 {
		for k := st.b; k <= n; k++ {
			if int(heads[k]) == s0 {
				depsS0++
			}
		}
	}
	if s0 >= 0 {
		h := int(heads[s0])
		// left: s0 ← b0
		c[left] = depsS0
		if h != b0 && (h == s1 || inBeta(h)) {
			c[left]++
		}
		// right: s1 → s0
		c[right] = depsS0
		if h != s1 && inBuf(h) {
			c[right]++
		}
	}
	if b0 > 0 {
		h := int(heads[b0])
		for i := 0; i < len(st.stack); i++ {
			k := int(st.stack[i])
			if int(heads[k]) == b0 {
				c[shift]++
			}
			if k == h && k != s0 {
				c[shift]++
			}
		}
	}
	return c
}

// isTree reports whether heads (index 0 unused) form a tree rooted at 0.
func isTree(heads []int32) bool {
	n := len(heads) - 1
	for i := 1; i <= n; i++ {
		k, steps := i, 0
		for k != 0 {
			k = int(heads[k])
			steps++
			if k < 0 || k > n || steps > n {
				return false
			}
		}
	}
	return true
}

// projectivize lifts non-projective arcs to the grandparent until the tree
// is projective and returns the number of lifts.
func projectivize(heads []int32) int {
	lifts := 0
	n := len(heads) - 1
	for {
		best, bestLen := -1, n+2
		for d := 1; d <= n; d++ {
			h := int(heads[d])
			if h == 0 {
				continue
			}
			lo, hi := d, h
			if lo > hi {
				lo, hi = hi, lo
			}
			if hi-lo < bestLen && !projArc(heads, h, lo, hi) {
				best, bestLen = d, hi-lo
			}
		}
		if best < 0 {
			return lifts
		}
		heads[best] = heads[heads[best]]
		lifts++
	}
}

// projArc reports whether every token strictly between lo and hi is
// dominated by h.
func projArc(heads []int32, h, lo, hi int) bool {
	for k := lo + 1; k < hi; k++ {
		x := k
		for x != h && x != 0 {
			x = int(heads[x])
		}
		if x != h {
			return false
		}
	}
	return true
}
