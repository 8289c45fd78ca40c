package ner

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"

	"github.com/newsgraph/newsgraph/schema"
)

// TrainOptions control Train. The zero value gives the shipped settings.
type TrainOptions struct {
	Epochs int      // passes over the data; 0 means 8
	Seed   int64    // shuffling seed; 0 means 1
	Types  []string // entity types to learn and report; nil means DefaultTypes
	// Hidden are more types to learn but not report; nil means
	// DefaultHidden, empty means none.
	Hidden      []string
	NoGazetteer bool // leave out the gazetteer features
	// POSDropout is the share of sentences, drawn anew each epoch, trained
	// without their part-of-speech tags, so that the model works with and
	// without them. 0 means 0.5; a negative value means never drop.
	POSDropout float64
	// Prune drops averaged weights whose magnitude is below it; 0 means 0.05.
	Prune float64
	// Greedy trains a greedy left-to-right tagger (previous two labels as
	// features) instead of a first-order structured perceptron decoded
	// with Viterbi.
	Greedy   bool
	Progress io.Writer // per-epoch progress lines; nil means none
}

// Train learns a recognizer from annotated sentences with an averaged
// perceptron and greedy decoding (predicted previous labels as features,
// BILOU transitions enforced). Training is deterministic: the same
// sentences and options give the same model, byte for byte once saved.
func Train(sents []Sentence, opt TrainOptions) (*Recognizer, error) {
	if len(sents) == 0 {
		return nil, errors.New("ner: train: no sentences")
	}
	if opt.Epochs == 0 {
		opt.Epochs = 8
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Types == nil {
		opt.Types = DefaultTypes
	}
	if opt.Hidden == nil {
		opt.Hidden = DefaultHidden
	}
	types := append(append([]string(nil), opt.Types...), opt.Hidden...)
	if len(types) > 15 {
		return nil, errors.New("ner: train: more than 15 types")
	}
	if opt.POSDropout == 0 {
		opt.POSDropout = 0.5
	}
	if opt.Prune == 0 {
		opt.Prune = 0.05
	}
	var g *schema.Gazetteer
	if !opt.NoGazetteer {
		g = schema.Default()
	}
	nl := 1 + 4*len(types)

	// Static features and token values (read by the label-dependent
	// features) of every sentence, computed once.
	type sent struct {
		feats  []uint64
		off    []int32
		posAt  []int32
		labels []int
	}
	data := make([]sent, len(sents))
	toks := make([][]token, len(sents))
	var s scratch
	for i, x := range sents {
		if x.XPOS != nil && len(x.XPOS) != len(x.Words) {
			return nil, fmt.Errorf("ner: train: sentence %d: %d tags for %d words", i, len(x.XPOS), len(x.Words))
		}
		s.extract(x.Words, x.XPOS, g)
		data[i] = sent{
			feats:  append([]uint64(nil), s.feats...),
			off:    append([]int32(nil), s.off...),
			posAt:  append([]int32(nil), s.posAt...),
			labels: labelsOf(len(x.Words), x.Spans, types, nil),
		}
		toks[i] = append([]token(nil), s.toks...)
		for k := range toks[i] {
			toks[i][k].lowerS = ""
		}
	}

	ids := map[uint64]int32{}
	var w []int32
	var u []int64
	c := int64(1)
	id := func(f uint64, create bool) int32 {
		if r, ok := ids[f]; ok {
			return r
		}
		if !create {
			return -1
		}
		r := int32(len(ids))
		ids[f] = r
		for k := 0; k < nl; k++ {
			w = append(w, 0)
			u = append(u, 0)
		}
		return r
	}
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	sc := make([]int32, nl)
	var dyn []uint64
	var feats []uint64
	var vb vbuf
	var pred []int
	lookup := func(f uint64) int32 { return id(f, false) }
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var nTok, nErr int
		if opt.Greedy {
			for _, si := range order {
				d := &data[si]
				noPOS := opt.POSDropout > 0 && rng.Float64() < opt.POSDropout
				s.toks = toks[si]
				n := len(d.labels)
				p1, p2 := -1, -1
				for i := 0; i < n; i++ {
					end := d.off[i+1]
					if noPOS {
						end = d.posAt[i]
					}
					dyn = s.dynamic(i, p1, p2, dyn[:0])
					feats = append(append(feats[:0], d.feats[d.off[i]:end]...), dyn...)
					for k := range sc {
						sc[k] = 0
					}
					for _, f := range feats {
						if r := id(f, false); r >= 0 {
							row := w[int(r)*nl : int(r)*nl+nl]
							for k, v := range row {
								sc[k] += v
							}
						}
					}
					best := -1
					for l := 0; l < nl; l++ {
						if allowed(p1, l, i, n) && (best < 0 || sc[l] > sc[best]) {
							best = l
						}
					}
					gold := d.labels[i]
					if best != gold {
						nErr++
						for _, f := range feats {
							r := int(id(f, true)) * nl
							w[r+gold]++
							u[r+gold] += c
							w[r+best]--
							u[r+best] -= c
						}
					}
					c++
					nTok++
					p2, p1 = p1, best
				}
			}
		} else {
			for _, si := range order {
				d := &data[si]
				noPOS := opt.POSDropout > 0 && rng.Float64() < opt.POSDropout
				s.toks = toks[si]
				n := len(d.labels)
				static := func(i int) []uint64 {
					if noPOS {
						return d.feats[d.off[i]:d.posAt[i]]
					}
					return d.feats[d.off[i]:d.off[i+1]]
				}
				pred = viterbi(&vb, &s, n, nl, static, lookup, w, pred)
				for i := 0; i < n; i++ {
					nTok++
					gold := d.labels[i]
					gp, pp := -1, -1
					if i > 0 {
						gp, pp = d.labels[i-1], pred[i-1]
					}
					if gold == pred[i] && gp == pp {
						continue
					}
					if gold != pred[i] {
						nErr++
						for _, f := range static(i) {
							r := int(id(f, true)) * nl
							w[r+gold]++
							u[r+gold] += c
							w[r+pred[i]]--
							u[r+pred[i]] -= c
						}
					}
					for _, f := range s.edge(i, gp, dyn[:0]) {
						r := int(id(f, true)) * nl
						w[r+gold]++
						u[r+gold] += c
					}
					for _, f := range s.edge(i, pp, dyn[:0]) {
						r := int(id(f, true)) * nl
						w[r+pred[i]]--
						u[r+pred[i]] -= c
					}
				}
				c++
			}
		}
		if opt.Progress != nil {
			fmt.Fprintf(opt.Progress, "ner: epoch %d/%d: %d tokens, %.2f%% label errors, %d features\n",
				ep+1, opt.Epochs, nTok, 100*float64(nErr)/float64(nTok), len(ids))
		}
	}

	// Average, prune, quantise.
	keys := make([]uint64, 0, len(ids))
	for f := range ids {
		keys = append(keys, f)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	avg := func(k int) float64 { return float64(w[k]) - float64(u[k])/float64(c) }
	maxAbs := 0.0
	for k := range w {
		if a := math.Abs(avg(k)); a > maxAbs {
			maxAbs = a
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32767
	var outKeys []uint64
	var outW []int16
	row := make([]int16, nl)
	for _, f := range keys {
		r := int(ids[f]) * nl
		nz := false
		for k := 0; k < nl; k++ {
			a := avg(r + k)
			row[k] = 0
			if math.Abs(a) >= opt.Prune {
				row[k] = int16(math.Round(a / scale))
				nz = nz || row[k] != 0
			}
		}
		if nz {
			outKeys = append(outKeys, f)
			outW = append(outW, row...)
		}
	}
	rec := &Recognizer{types: types, hide: (1<<len(types) - 1) &^ (1<<len(opt.Types) - 1), nl: nl, scale: float32(scale), gaz: !opt.NoGazetteer, greedy: opt.Greedy}
	rec.build(outKeys, outW)
	if opt.Progress != nil {
		fmt.Fprintf(opt.Progress, "ner: %d features kept of %d\n", len(outKeys), len(keys))
	}
	return rec, nil
}

// build makes the lookup table over features keys (sorted, distinct) whose
// weights are w (len(keys) × r.nl).
func (r *Recognizer) build(keys []uint64, w []int16) {
	size := 1
	for size < 2*len(keys)+2 {
		size <<= 1
	}
	r.keys = make([]uint64, size)
	r.rows = make([]int32, size)
	r.mask = uint64(size - 1)
	for i, f := range keys {
		j := f & r.mask
		for r.keys[j] != 0 {
			j = (j + 1) & r.mask
		}
		r.keys[j] = f
		r.rows[j] = int32(i)
	}
	r.w = w
	r.nfeat = len(keys)
}
