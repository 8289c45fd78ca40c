// Package ner is a named-entity recognizer for English news: a greedy
// left-to-right sequence tagger over BILOU labels, scored by an averaged
// perceptron over hashed features (word, lower case, shape, affixes,
// neighbouring words, previous labels, optional PTB part-of-speech tags and
// matches in the schema gazetteer).
//
// The shipped model (model.bin.gz, embedded) is trained on the GMB news
// corpus (Voice of America newswire; ODbL, source texts public domain) by
// Train and rebuilt with `go run ./cmd/newsgraph-train train ner`. It finds
// persons (PER), organizations (ORG), locations (LOC) and countries or
// country-like political entities with their demonyms (GPE).
//
// A Recognizer is read-only and safe for concurrent use.
package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/newsgraph/newsgraph/schema"
)

// Entity types produced by the recognizer.
const (
	PER = "PER" // person
	ORG = "ORG" // organization
	LOC = "LOC" // location: geographical or named place
	GPE = "GPE" // country-like political entity, and its demonyms ("French")

	// Types learnt from the training data but not reported by the
	// shipped model.
	TIM  = "TIM"  // time expression
	MISC = "MISC" // artifact, event, natural phenomenon
)

// DefaultTypes are the types the shipped model reports.
var DefaultTypes = []string{PER, ORG, LOC, GPE}

// DefaultHidden are the types the shipped model learns but does not report.
var DefaultHidden = []string{TIM, MISC}

// Span is one entity: words[Start:End] (token indices, End exclusive).
//
// Spans follow the conventions of the training data: a person's title or
// honorific is usually inside the span ("President Barack Obama", "Mr.
// Putin"; strip it with the schema's titles when needed); a demonym is a GPE
// ("French officials"); a country is a GPE when it acts ("Russia said") and
// often a LOC when it is a place ("troops in Afghanistan").
type Span struct {
	Start, End int
	Type       string
}

// Recognizer tags entities. Its zero value is not usable: get one from
// Default, Train or Load.
type Recognizer struct {
	types  []string
	hide   uint64  // bit t set: type t is learnt but not reported
	nl     int     // number of labels: 1 + 4*len(types)
	scale  float32 // weight = int16 × scale
	keys   []uint64
	rows   []int32
	mask   uint64
	w      []int16 // rows × nl
	gaz    bool    // gazetteer features on
	greedy bool    // greedy decoding (else Viterbi)
	nfeat  int
}

// Label numbering: 0 is outside; type t, part k (B, I, L, U) is 1+4t+k.
const (
	partB = iota
	partI
	partL
	partU
)

func label(t, part int) int { return 1 + 4*t + part }

func parts(l int) (t, part int) {
	if l == 0 {
		return -1, -1
	}
	return (l - 1) / 4, (l - 1) % 4
}

// allowed reports whether label cur may follow label prev (-1 at the start)
// when cur is at position i of a sentence of n tokens.
func allowed(prev, cur, i, n int) bool {
	pt, pp := parts(prev)
	ct, cp := parts(cur)
	if prev > 0 && (pp == partB || pp == partI) {
		if ct != pt || (cp != partI && cp != partL) {
			return false
		}
	} else if cp == partI || cp == partL {
		return false
	}
	if i == n-1 && (cp == partB || cp == partI) {
		return false
	}
	return true
}

// labelsOf turns gold spans into BILOU labels; spans of types not in types
// are left outside.
func labelsOf(n int, spans []Span, types []string, out []int) []int {
	out = out[:0]
	for i := 0; i < n; i++ {
		out = append(out, 0)
	}
	for _, sp := range spans {
		t := -1
		for k, x := range types {
			if x == sp.Type {
				t = k
			}
		}
		if t < 0 || sp.Start < 0 || sp.End > n || sp.Start >= sp.End {
			continue
		}
		if sp.End-sp.Start == 1 {
			out[sp.Start] = label(t, partU)
			continue
		}
		out[sp.Start] = label(t, partB)
		for i := sp.Start + 1; i < sp.End-1; i++ {
			out[i] = label(t, partI)
		}
		out[sp.End-1] = label(t, partL)
	}
	return out
}

// spansOf turns BILOU labels into spans, leniently: an unfinished entity
// ends where the labels stop continuing it.
func spansOf(labels []int, types []string) []Span {
	var spans []Span
	start, typ := -1, -1
	for i, l := range labels {
		t, p := parts(l)
		if start >= 0 && (t != typ || p == partB || p == partU || l == 0) {
			spans = append(spans, Span{start, i, types[typ]})
			start = -1
		}
		switch {
		case l == 0:
		case p == partU:
			spans = append(spans, Span{i, i + 1, types[t]})
		case p == partL:
			if start < 0 {
				spans = append(spans, Span{i, i + 1, types[t]})
			} else {
				spans = append(spans, Span{start, i + 1, types[t]})
				start = -1
			}
		default: // B or I
			if start < 0 {
				start, typ = i, t
			}
		}
	}
	if start >= 0 {
		spans = append(spans, Span{start, len(labels), types[typ]})
	}
	return spans
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// lookup returns the row of feature f, or -1.
func (r *Recognizer) lookup(f uint64) int32 {
	for i := f & r.mask; ; i = (i + 1) & r.mask {
		k := r.keys[i]
		if k == f {
			return r.rows[i]
		}
		if k == 0 {
			return -1
		}
	}
}

func (r *Recognizer) add(feats []uint64, sc []int32) {
	nl := r.nl
	for _, f := range feats {
		row := r.lookup(f)
		if row < 0 {
			continue
		}
		w := r.w[int(row)*nl : int(row)*nl+nl]
		for k, v := range w {
			sc[k] += int32(v)
		}
	}
}

// Recognize returns the entities of a tokenised sentence, in order. xpos,
// the words' PTB part-of-speech tags, may be nil; when given it must have
// the length of words (otherwise it is ignored).
func (r *Recognizer) Recognize(words, xpos []string) []Span {
	if len(words) == 0 {
		return nil
	}
	if len(xpos) != len(words) {
		xpos = nil
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	var g *schema.Gazetteer
	if r.gaz {
		g = schema.Default()
	}
	s.extract(words, xpos, g)
	n := len(words)
	var labels []int
	if r.greedy {
		labels = r.greedyDecode(s, n)
	} else {
		v := vbufPool.Get().(*vbuf)
		labels = viterbi(v, s, n, r.nl, func(i int) []uint64 { return s.feats[s.off[i]:s.off[i+1]] }, r.lookup, r.w, nil)
		vbufPool.Put(v)
	}
	spans := spansOf(labels, r.types)
	if r.hide != 0 {
		out := spans[:0]
		for _, sp := range spans {
			if !r.hidden(sp.Type) {
				out = append(out, sp)
			}
		}
		spans = out
	}
	return spans
}

var vbufPool = sync.Pool{New: func() any { return new(vbuf) }}

func (r *Recognizer) greedyDecode(s *scratch, n int) []int {
	labels := make([]int, n)
	var dyn [8]uint64
	sc := make([]int32, r.nl)
	p1, p2 := -1, -1
	for i := 0; i < n; i++ {
		for k := range sc {
			sc[k] = 0
		}
		r.add(s.feats[s.off[i]:s.off[i+1]], sc)
		r.add(s.dynamic(i, p1, p2, dyn[:0]), sc)
		best := -1
		for l := 0; l < r.nl; l++ {
			if !allowed(p1, l, i, n) {
				continue
			}
			if best < 0 || sc[l] > sc[best] {
				best = l
			}
		}
		labels[i] = best
		p2, p1 = p1, best
	}
	return labels
}

func (r *Recognizer) hidden(typ string) bool {
	for t, x := range r.types {
		if x == typ {
			return r.hide&(1<<t) != 0
		}
	}
	return true
}

// Types returns the entity types the recognizer reports.
func (r *Recognizer) Types() []string {
	var ts []string
	for t, x := range r.types {
		if r.hide&(1<<t) == 0 {
			ts = append(ts, x)
		}
	}
	return ts
}

//go:embed model.bin.gz
var modelData []byte

var (
	defaultOnce sync.Once
	defaultRec  *Recognizer
)

// Default returns the recognizer embedded in the binary, loaded once on
// first use. A malformed embedded model is a build defect and panics.
func Default() *Recognizer {
	defaultOnce.Do(func() {
		r, err := Load(bytes.NewReader(modelData))
		if err != nil {
			panic(fmt.Errorf("ner: embedded model: %w", err))
		}
		defaultRec = r
	})
	return defaultRec
}
