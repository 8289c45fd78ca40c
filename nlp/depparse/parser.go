// Package depparse is a labelled transition-based dependency parser for
// English producing Universal Dependencies relations.
//
// The parser uses the arc-hybrid transition system (Kuhlmann et al. 2011)
// with the root token placed at the end of the buffer, trained with a dynamic
// oracle and exploration (Goldberg & Nivre 2013) and an averaged perceptron
// over hashed feature templates in the style of Zhang & Nivre (2011): words,
// UPOS and PTB tags of the top three stack and buffer items, their leftmost
// and rightmost children, the labels of those children, distance, valency and
// label sets, and conjunctions of these.
//
// A decision is a transition together with its label. Its score is the sum
// of a transition score (rich templates, three classes) and a label score
// (templates over the candidate dependent and head, one weight per label),
// and the arg-max over all (transition, label) pairs is taken jointly.
//
// Parsing takes two exact shortcuts that leave every tree unchanged: the
// labels of an arc-making transition are not scored when an upper bound on
// its score (its transition score plus, for every label feature, the
// largest weight of the feature's row) cannot beat the best score found so
// far; and the label rows of a transition are all touched before they are
// summed, so that their cache misses overlap. Buffers are reused across
// calls through a sync.Pool.
package depparse

import (
	"math"
	"sync"
)

// Transitions of the arc-hybrid system.
const (
	shift = iota // push b0 onto the stack
	left         // s0 ← b0: pop s0, attach it to b0
	right        // s1 → s0: pop s0, attach it to s1
	nTrans
)

// Parser is a trained dependency parser. A Parser is safe for concurrent use
// by several goroutines once built or loaded.
type Parser struct {
	labels  []string // label names, index = label id
	rootLab int      // id of "root"

	tBits  int     // log2 of the number of transition-feature buckets
	lBits  int     // log2 of the number of label-feature buckets
	tw     []int16 // transition weights: bucket*nTrans + transition
	lw     []int16 // label weights: bucket*len(labels) + label
	tScale float32
	lScale float32

	lmax []int16 // per label bucket, the largest weight of a label other than root
}

// index computes lmax from lw.
func (p *Parser) index() {
	nl := len(p.labels)
	p.lmax = make([]int16, len(p.lw)/nl)
	for b := range p.lmax {
		m := int16(math.MinInt16)
		for l, v := range p.lw[b*nl : (b+1)*nl] {
			if l != p.rootLab && v > m {
				m = v
			}
		}
		p.lmax[b] = m
	}
}

// Labels returns the dependency relations the parser can predict.
func (p *Parser) Labels() []string { return append([]string(nil), p.labels...) }

// ---------------------------------------------------------------------------
// Sentence encoding and parser state

// sentence holds the hashed atoms of one sentence; index 0 is the root.
type sentence struct {
	n     int
	word  []uint64 // lower-cased form
	xpos  []uint64
	upos  []uint64
	shape []uint64
}

const (
	noneAtom uint64 = 0x9e3779b97f4a7c15 // absent position
	rootAtom uint64 = 0xc2b2ae3d27d4eb4f // the root token
)

func strHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func rawHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// shapeOf is a coarse word shape: capitalisation and digits.
func shapeOf(s string) uint64 {
	var up, low, dig, oth bool
	first := true
	var firstUp bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			up = true
			if first {
				firstUp = true
			}
		case 'a' <= c && c <= 'z':
			low = true
		case '0' <= c && c <= '9':
			dig = true
		default:
			oth = true
		}
		first = false
	}
	v := uint64(0)
	if up {
		v |= 1
	}
	if low {
		v |= 2
	}
	if dig {
		v |= 4
	}
	if oth {
		v |= 8
	}
	if firstUp {
		v |= 16
	}
	return v*0x100000001b3 + 77
}

func newSentence(words, upos, xpos []string) *sentence {
	n := len(words)
	s := &sentence{n: n, word: make([]uint64, n+1), xpos: make([]uint64, n+1), upos: make([]uint64, n+1), shape: make([]uint64, n+1)}
	fillSentence(s, words, upos, xpos)
	return s
}

// fillSentence encodes words and tags into s, whose slices have length
// len(words)+1.
func fillSentence(s *sentence, words, upos, xpos []string) {
	n := len(words)
	s.word[0], s.xpos[0], s.upos[0], s.shape[0] = rootAtom, rootAtom, rootAtom, rootAtom
	for i := 0; i < n; i++ {
		s.word[i+1] = strHash(words[i])
		s.shape[i+1] = shapeOf(words[i])
		s.upos[i+1], s.xpos[i+1] = 0, 0
		if i < len(upos) {
			s.upos[i+1] = rawHash(upos[i]) + 1
		}
		if i < len(xpos) {
			s.xpos[i+1] = rawHash(xpos[i]) + 2
		}
	}
}

// state is an arc-hybrid configuration. Token 0 is the root and sits at the
// end of the buffer: buffer positions b = 1..n are tokens, b = n+1 is the root.
type state struct {
	n                  int
	stack              []int32
	b                  int
	heads              []int32
	labels             []int16
	lc1, lc2, rc1, rc2 []int32
	nl, nr             []int8
	ls, rs             []uint64 // bit sets of child labels (label id mod 64)
}

func newState(n int) *state {
	st := &state{n: n, b: 1}
	st.stack = make([]int32, 0, n+1)
	st.heads = make([]int32, n+1)
	st.labels = make([]int16, n+1)
	st.lc1 = make([]int32, n+1)
	st.lc2 = make([]int32, n+1)
	st.rc1 = make([]int32, n+1)
	st.rc2 = make([]int32, n+1)
	st.nl = make([]int8, n+1)
	st.nr = make([]int8, n+1)
	st.ls = make([]uint64, n+1)
	st.rs = make([]uint64, n+1)
	st.reset()
	return st
}

// reset clears the arcs of st (its slices have length n+1).
func (st *state) reset() {
	for i := range st.heads {
		st.heads[i] = -1
		st.labels[i] = -1
		st.lc1[i], st.lc2[i], st.rc1[i], st.rc2[i] = -1, -1, -1, -1
		st.nl[i], st.nr[i] = 0, 0
		st.ls[i], st.rs[i] = 0, 0
	}
}

// b0 returns the token at the front of the buffer: 1..n, 0 for the root, -1
// when the buffer is empty.
func (st *state) b0() int {
	if st.b <= st.n {
		return st.b
	}
	if st.b == st.n+1 {
		return 0
	}
	return -1
}

// bi returns the token at buffer offset i (0-based), or -1.
func (st *state) bi(i int) int {
	p := st.b + i
	if p <= st.n {
		return p
	}
	if p == st.n+1 {
		return 0
	}
	return -1
}

func (st *state) si(i int) int {
	if i < len(st.stack) {
		return int(st.stack[len(st.stack)-1-i])
	}
	return -1
}

func (st *state) terminal() bool { return len(st.stack) == 0 && st.b > st.n }

func (st *state) valid(t int) bool {
	switch t {
	case shift:
		return st.b <= st.n
	case left:
		return len(st.stack) > 0 && (st.b <= st.n || (st.b == st.n+1 && len(st.stack) == 1))
	case right:
		return len(st.stack) > 1
	}
	return false
}

func (st *state) addArc(h, d int, lab int) {
	st.heads[d] = int32(h)
	st.labels[d] = int16(lab)
	bit := uint64(1) << (uint(lab) & 63)
	if d < h || h == 0 {
		st.nl[h]++
		st.ls[h] |= bit
		if st.lc1[h] == -1 || int32(d) < st.lc1[h] {
			st.lc2[h] = st.lc1[h]
			st.lc1[h] = int32(d)
		} else if st.lc2[h] == -1 || int32(d) < st.lc2[h] {
			st.lc2[h] = int32(d)
		}
	} else {
		st.nr[h]++
		st.rs[h] |= bit
		if st.rc1[h] == -1 || int32(d) > st.rc1[h] {
			st.rc2[h] = st.rc1[h]
			st.rc1[h] = int32(d)
		} else if st.rc2[h] == -1 || int32(d) > st.rc2[h] {
			st.rc2[h] = int32(d)
		}
	}
}

func (st *state) apply(t, lab int) {
	switch t {
	case shift:
		st.stack = append(st.stack, int32(st.b))
		st.b++
	case left:
		s0 := int(st.stack[len(st.stack)-1])
		st.stack = st.stack[:len(st.stack)-1]
		st.addArc(st.b0(), s0, lab)
		if st.b == st.n+1 && len(st.stack) == 0 {
			st.b++ // root attached: done
		}
	case right:
		s0 := int(st.stack[len(st.stack)-1])
		s1 := int(st.stack[len(st.stack)-2])
		st.stack = st.stack[:len(st.stack)-1]
		st.addArc(s1, s0, lab)
	}
}

// ---------------------------------------------------------------------------
// Features

// Atom indices.
const (
	aNil = iota
	aS0w
	aS0p
	aS0u
	aS1w
	aS1p
	aS1u
	aS2w
	aS2p
	aB0w
	aB0p
	aB0u
	aB1w
	aB1p
	aB1u
	aB2w
	aB2p
	aB3p
	aS0lc1w
	aS0lc1p
	aS0lc1l
	aS0lc2p
	aS0lc2l
	aS0rc1w
	aS0rc1p
	aS0rc1l
	aS0rc2p
	aS0rc2l
	aS1lc1p
	aS1lc1l
	aS1rc1w
	aS1rc1p
	aS1rc1l
	aS1rc2p
	aS1rc2l
	aB0lc1w
	aB0lc1p
	aB0lc1l
	aB0lc2p
	aB0lc2l
	aD01 // distance s0-b0
	aD10 // distance s1-s0
	aS0vl
	aS0vr
	aS1vl
	aS1vr
	aB0vl
	aS0sl
	aS0sr
	aS1sl
	aS1sr
	aB0sl
	aS0sh
	aB0sh
	aS0n1p // token after s0 in the sentence
	aB0m1p // token before b0 in the sentence
	nAtoms
)

// tTemplates are the transition templates: up to four atoms each.
var tTemplates = [...][]uint8{
	// unigrams
	{aS0w, aS0p}, {aS0w}, {aS0p}, {aS0u}, {aS1w, aS1p}, {aS1w}, {aS1p}, {aS1u}, {aS2p}, {aS2w},
	{aB0w, aB0p}, {aB0w}, {aB0p}, {aB0u}, {aB1w, aB1p}, {aB1w}, {aB1p}, {aB1u}, {aB2w}, {aB2p},
	{aS0sh, aS0p}, {aB0sh, aB0p},
	// pairs
	{aS0w, aS0p, aB0w, aB0p}, {aS0w, aS0p, aB0w}, {aS0w, aB0w, aB0p}, {aS0w, aS0p, aB0p},
	{aS0p, aB0w, aB0p}, {aS0w, aB0w}, {aS0p, aB0p}, {aB0p, aB1p}, {aS0u, aB0u},
	{aS1w, aS0w}, {aS1p, aS0p}, {aS1w, aS1p, aS0p}, {aS1p, aS0w, aS0p}, {aS1w, aS0p}, {aS1p, aS0w},
	{aS1p, aB0p}, {aS1w, aB0w}, {aS1u, aS0u},
	// triples
	{aB0p, aB1p, aB2p}, {aS0p, aB0p, aB1p}, {aS1p, aS0p, aB0p}, {aS2p, aS1p, aS0p},
	{aS0p, aS0lc1p, aB0p}, {aS0p, aS0rc1p, aB0p}, {aS0p, aB0p, aB0lc1p},
	{aS1p, aS0p, aS0lc1p}, {aS1p, aS0p, aS0rc1p}, {aS1p, aS1rc1p, aS0p}, {aS1p, aS1lc1p, aS0p},
	{aS0w, aB0p, aB1p}, {aS0p, aB0w, aB1p}, {aS1u, aS0u, aB0u}, {aB1p, aB2p, aB3p},
	{aS0p, aS0n1p, aB0p}, {aS0p, aB0m1p, aB0p}, {aS1p, aS0p, aB0p, aB1p},
	// distance
	{aS0w, aD01}, {aS0p, aD01}, {aB0w, aD01}, {aB0p, aD01}, {aS0w, aB0w, aD01}, {aS0p, aB0p, aD01},
	{aS1p, aS0p, aD10}, {aS1w, aS0w, aD10}, {aS1p, aS0p, aB0p, aD01},
	// valency
	{aS0w, aS0vr}, {aS0p, aS0vr}, {aS0w, aS0vl}, {aS0p, aS0vl}, {aB0w, aB0vl}, {aB0p, aB0vl},
	{aS1p, aS1vr}, {aS1p, aS1vl},
	// children unigrams
	{aS0lc1w}, {aS0lc1p}, {aS0lc1l}, {aS0rc1w}, {aS0rc1p}, {aS0rc1l},
	{aB0lc1w}, {aB0lc1p}, {aB0lc1l}, {aS1rc1w}, {aS1rc1p}, {aS1rc1l}, {aS1lc1p}, {aS1lc1l},
	// third order
	{aS0lc2p}, {aS0lc2l}, {aS0rc2p}, {aS0rc2l}, {aB0lc2p}, {aB0lc2l},
	{aS0p, aS0lc1l, aS0lc2l}, {aS0p, aS0rc1l, aS0rc2l}, {aB0p, aB0lc1l, aB0lc2l}, {aS1p, aS1rc1l, aS1rc2l},
	{aS0p, aS0lc1p, aS0lc2p}, {aS0p, aS0rc1p, aS0rc2p}, {aB0p, aB0lc1p, aB0lc2p},
	// label sets
	{aS0w, aS0sr}, {aS0p, aS0sr}, {aS0w, aS0sl}, {aS0p, aS0sl}, {aB0w, aB0sl}, {aB0p, aB0sl},
	{aS1p, aS1sr}, {aS1p, aS1sl},
	// children with heads
	{aS0p, aS0lc1l, aB0p}, {aS0p, aS0rc1l, aB0p}, {aS1p, aS1rc1l, aS0p}, {aS0p, aB0lc1l, aB0p},
}

// Label-atom indices: d is the candidate dependent (s0), h the candidate head.
const (
	gNil = iota
	gDw
	gDp
	gDu
	gHw
	gHp
	gHu
	gDist
	gDlc1l
	gDrc1l
	gDsl
	gDsr
	gHsl
	gHsr
	gDprevp
	gDnextp
	gHnextp
	gHprevp
	gDsh
	gDlc1p
	gDrc1p
	gDvl
	gDvr
	gDlc1w
	gDrc1w
	nGAtoms
)

var lTemplates = [...][]uint8{
	{gDw}, {gDp}, {gDu}, {gHw}, {gHp}, {gHu}, {gDw, gHp}, {gDp, gHw}, {gDp, gHp}, {gDw, gHw}, {gDu, gHu},
	{gDp, gHp, gDist}, {gDw, gDist}, {gDu, gHu, gDist},
	{gDp, gDlc1l}, {gDp, gDrc1l}, {gDp, gDsl}, {gDp, gDsr}, {gDw, gDsl}, {gDp, gHp, gDsl},
	{gHp, gHsl}, {gHp, gHsr}, {gDp, gHp, gHsl}, {gDp, gHp, gHsr},
	{gDp, gDprevp}, {gDp, gDnextp}, {gDp, gHp, gHnextp}, {gDp, gHp, gHprevp},
	{gDsh, gDp}, {gDp, gDlc1p}, {gDp, gDrc1p}, {gDp, gHp, gDvl, gDvr}, {gDw, gHw, gDist},
	{gDp, gDlc1p, gHp}, {gDp, gDprevp, gHp},
	{gDlc1w}, {gDlc1w, gHp}, {gDlc1w, gDp}, {gDlc1w, gHw}, {gDrc1w, gDp}, {gDlc1w, gDlc1l, gDp, gHp},
}

func distBucket(d int) uint64 {
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	}
	return 8
}

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func labAtom(l int16) uint64 {
	if l < 0 {
		return noneAtom
	}
	return uint64(l)*0x9e3779b97f4a7c15 + 991
}

// Numbers of transition and label templates.
const (
	nTTemplates = len(tTemplates)
	nLTemplates = len(lTemplates)
)

func small(kind, v uint64) uint64 { return (kind<<32 | v) * 0xbf58476d1ce4e5b9 }

// atomsAt fills the per-token atoms for token i (or -1).
func tokAtoms(s *sentence, i int) (w, p, u uint64) {
	if i < 0 {
		return noneAtom, noneAtom, noneAtom
	}
	return s.word[i], s.xpos[i], s.upos[i]
}

func posAt(s *sentence, i int) uint64 {
	if i < 0 || i > s.n {
		return noneAtom
	}
	return s.xpos[i]
}

// tFeatures computes the transition feature hashes into out.
func tFeatures(s *sentence, st *state, atoms *[nAtoms]uint64, out []uint64) {
	s0, s1, s2 := st.si(0), st.si(1), st.si(2)
	b0, b1, b2, b3 := st.bi(0), st.bi(1), st.bi(2), st.bi(3)
	a := atoms
	a[aNil] = 0
	a[aS0w], a[aS0p], a[aS0u] = tokAtoms(s, s0)
	a[aS1w], a[aS1p], a[aS1u] = tokAtoms(s, s1)
	a[aS2w], a[aS2p], _ = tokAtoms(s, s2)
	a[aB0w], a[aB0p], a[aB0u] = tokAtoms(s, b0)
	a[aB1w], a[aB1p], a[aB1u] = tokAtoms(s, b1)
	a[aB2w], a[aB2p], _ = tokAtoms(s, b2)
	_, a[aB3p], _ = tokAtoms(s, b3)
	child := func(h int, c []int32) int {
		if h < 0 {
			return -1
		}
		return int(c[h])
	}
	lab := func(i int) uint64 {
		if i < 0 {
			return noneAtom
		}
		return labAtom(st.labels[i])
	}
	var x int
	x = child(s0, st.lc1)
	a[aS0lc1w], a[aS0lc1p], _ = tokAtoms(s, x)
	a[aS0lc1l] = lab(x)
	x = child(s0, st.lc2)
	_, a[aS0lc2p], _ = tokAtoms(s, x)
	a[aS0lc2l] = lab(x)
	x = child(s0, st.rc1)
	a[aS0rc1w], a[aS0rc1p], _ = tokAtoms(s, x)
	a[aS0rc1l] = lab(x)
	x = child(s0, st.rc2)
	_, a[aS0rc2p], _ = tokAtoms(s, x)
	a[aS0rc2l] = lab(x)
	x = child(s1, st.lc1)
	_, a[aS1lc1p], _ = tokAtoms(s, x)
	a[aS1lc1l] = lab(x)
	x = child(s1, st.rc1)
	a[aS1rc1w], a[aS1rc1p], _ = tokAtoms(s, x)
	a[aS1rc1l] = lab(x)
	x = child(s1, st.rc2)
	_, a[aS1rc2p], _ = tokAtoms(s, x)
	a[aS1rc2l] = lab(x)
	x = child(b0, st.lc1)
	a[aB0lc1w], a[aB0lc1p], _ = tokAtoms(s, x)
	a[aB0lc1l] = lab(x)
	x = child(b0, st.lc2)
	_, a[aB0lc2p], _ = tokAtoms(s, x)
	a[aB0lc2l] = lab(x)
	if s0 >= 0 && b0 > 0 {
		a[aD01] = small(1, distBucket(b0-s0))
	} else if s0 >= 0 && b0 == 0 {
		a[aD01] = small(1, 99)
	} else {
		a[aD01] = noneAtom
	}
	if s1 >= 0 && s0 >= 0 {
		a[aD10] = small(2, distBucket(s0-s1))
	} else {
		a[aD10] = noneAtom
	}
	val := func(i int, v []int8, sets []uint64, kind uint64) (uint64, uint64) {
		if i < 0 {
			return noneAtom, noneAtom
		}
		return small(kind, uint64(v[i])), sets[i]*0x94d049bb133111eb + kind
	}
	a[aS0vl], a[aS0sl] = val(s0, st.nl, st.ls, 3)
	a[aS0vr], a[aS0sr] = val(s0, st.nr, st.rs, 4)
	a[aS1vl], a[aS1sl] = val(s1, st.nl, st.ls, 5)
	a[aS1vr], a[aS1sr] = val(s1, st.nr, st.rs, 6)
	a[aB0vl], a[aB0sl] = val(b0, st.nl, st.ls, 7)
	if s0 >= 0 {
		a[aS0sh] = s.shape[s0]
		a[aS0n1p] = posAt(s, s0+1)
	} else {
		a[aS0sh], a[aS0n1p] = noneAtom, noneAtom
	}
	if b0 >= 0 {
		a[aB0sh] = s.shape[b0]
		if b0 == 0 {
			a[aB0m1p] = posAt(s, s.n)
		} else {
			a[aB0m1p] = posAt(s, b0-1)
		}
	} else {
		a[aB0sh], a[aB0m1p] = noneAtom, noneAtom
	}
	for ti, tpl := range tTemplates {
		h := uint64(ti+1) * 0x9e3779b97f4a7c15
		for _, ai := range tpl {
			h = (h ^ a[ai]) * 0x100000001b3
			h ^= h >> 29
		}
		out[ti] = mix(h)
	}
}

// lFeatures computes the label feature hashes for dependent d and head h
// (h = 0 is the root) in direction dir (left or right).
func lFeatures(s *sentence, st *state, d, h int, dir int, out []uint64) {
	var g [nGAtoms]uint64
	g[gDw], g[gDp], g[gDu] = tokAtoms(s, d)
	g[gHw], g[gHp], g[gHu] = tokAtoms(s, h)
	if h == 0 {
		g[gDist] = small(11, 99)
	} else {
		g[gDist] = small(11, distBucket(h-d)+uint64(dir)*16)
	}
	lab := func(i int32) uint64 {
		if i < 0 {
			return noneAtom
		}
		return labAtom(st.labels[i])
	}
	pos := func(i int32) uint64 {
		if i < 0 {
			return noneAtom
		}
		return s.xpos[i]
	}
	g[gDlc1l] = lab(st.lc1[d])
	g[gDrc1l] = lab(st.rc1[d])
	g[gDlc1p] = pos(st.lc1[d])
	if c := st.lc1[d]; c >= 0 {
		g[gDlc1w] = s.word[c]
	} else {
		g[gDlc1w] = noneAtom
	}
	if c := st.rc1[d]; c >= 0 {
		g[gDrc1w] = s.word[c]
	} else {
		g[gDrc1w] = noneAtom
	}
	g[gDrc1p] = pos(st.rc1[d])
	g[gDsl] = st.ls[d]*0x94d049bb133111eb + 12
	g[gDsr] = st.rs[d]*0x94d049bb133111eb + 13
	g[gHsl] = st.ls[h]*0x94d049bb133111eb + 14
	g[gHsr] = st.rs[h]*0x94d049bb133111eb + 15
	g[gDvl] = small(16, uint64(st.nl[d]))
	g[gDvr] = small(17, uint64(st.nr[d]))
	g[gDprevp] = posAt(s, d-1)
	g[gDnextp] = posAt(s, d+1)
	if h == 0 {
		g[gHnextp], g[gHprevp] = noneAtom, noneAtom
	} else {
		g[gHnextp] = posAt(s, h+1)
		g[gHprevp] = posAt(s, h-1)
	}
	g[gDsh] = s.shape[d]
	salt := uint64(dir) * 0x5851f42d4c957f2d
	for ti, tpl := range lTemplates {
		x := uint64(ti+1)*0x2545f4914f6cdd1d ^ salt
		for _, ai := range tpl {
			x = (x ^ g[ai]) * 0x100000001b3
			x ^= x >> 29
		}
		out[ti] = mix(x)
	}
}

// ---------------------------------------------------------------------------
// Parsing

// Parse returns the dependency tree of one sentence given its words and
// their UPOS and PTB (XPOS) tags. heads[i] is the 1-based index of the head
// of word i, 0 for the root; deprels[i] is its relation. Exactly one word is
// attached to the root. Missing tags (shorter tag slices) are treated as
// unknown. An empty sentence gives empty slices.
func (p *Parser) Parse(words, upos, xpos []string) (heads []int, deprels []string) {
	n := len(words)
	heads = make([]int, n)
	deprels = make([]string, n)
	if n == 0 {
		return heads, deprels
	}
	wk := workPool.Get().(*work)
	defer workPool.Put(wk)
	s := wk.sentence(words, upos, xpos)
	st := wk.state(n)
	atoms := &wk.atoms
	tf := wk.tf[:]
	lf := wk.lf[:]
	nl := len(p.labels)
	lsc := grow(wk.lsc, nl)
	wk.lsc = lsc
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
		tFeatures(s, st, atoms, tf)
		var ts [nTrans]int32
		for _, h := range tf {
			i := (h & tMask) * nTrans
			w := p.tw[i : i+nTrans : i+nTrans]
			ts[0] += int32(w[0])
			ts[1] += int32(w[1])
			ts[2] += int32(w[2])
		}
		best, bestT, bestL := float32(math.Inf(-1)), -1, -1
		if st.valid(shift) {
			best, bestT, bestL = float32(ts[shift])*p.tScale, shift, -1
		}
		for _, t := range [2]int{left, right} {
			if !st.valid(t) {
				continue
			}
			d := st.si(0)
			h := st.si(1)
			if t == left {
				h = st.b0()
			}
			lFeatures(s, st, d, h, t, lf)
			if bestT >= 0 && len(p.lmax) > 0 {
				// Skip the labels of t when even the sum of the
				// largest weight of every feature's row cannot beat
				// the best score so far (sc > best below is then
				// false for every label: float32 arithmetic is
				// monotonic).
				var ub int32
				for _, f := range lf {
					ub += int32(p.lmax[f&lMask])
				}
				if float32(ts[t])*p.tScale+float32(ub)*p.lScale <= best {
					continue
				}
			}
			// Touch every row first: the loads are independent, so
			// their cache misses overlap instead of stalling the sums
			// one row at a time.
			var touch int16
			for _, f := range lf {
				off := (f & lMask) * uint64(nl)
				touch |= p.lw[off] | p.lw[off+uint64(nl)-1]
			}
			wk.sink += touch
			for i := range lsc {
				lsc[i] = 0
			}
			for _, f := range lf {
				off := (f & lMask) * uint64(nl)
				row := p.lw[off : off+uint64(nl) : off+uint64(nl)]
				acc := lsc[:len(row)]
				i := 0
				for ; i+4 <= len(row); i += 4 {
					r, a := row[i:i+4:i+4], acc[i:i+4:i+4]
					a[0] += int32(r[0])
					a[1] += int32(r[1])
					a[2] += int32(r[2])
					a[3] += int32(r[3])
				}
				for ; i < len(row); i++ {
					acc[i] += int32(row[i])
				}
			}
			base := float32(ts[t]) * p.tScale
			for l, v := range lsc {
				if l == p.rootLab {
					continue
				}
				sc := base + float32(v)*p.lScale
				if sc > best {
					best, bestT, bestL = sc, t, l
				}
			}
		}
		if bestT < 0 {
			// No scored candidate (a degenerate model): take any valid
			// transition so that parsing always terminates.
			bestT, bestL = right, (p.rootLab+1)%nl
			if st.valid(left) {
				bestT = left
			}
			if st.valid(shift) {
				bestT = shift
			}
		}
		st.apply(bestT, bestL)
	}
	for i := 1; i <= n; i++ {
		heads[i-1] = int(st.heads[i])
		if st.labels[i] >= 0 {
			deprels[i-1] = p.labels[st.labels[i]]
		}
	}
	return heads, deprels
}

// work holds the buffers of one Parse call, reused through workPool.
type work struct {
	s     sentence
	st    state
	atoms [nAtoms]uint64
	tf    [nTTemplates]uint64
	lf    [nLTemplates]uint64
	lsc   []int32
	sink  int16 // keeps the loads that warm the cache
}

var workPool = sync.Pool{New: func() any { return new(work) }}

// grow returns b with length n, reusing its storage when large enough.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// sentence encodes words and tags into the reusable sentence of wk.
func (wk *work) sentence(words, upos, xpos []string) *sentence {
	s := &wk.s
	n := len(words)
	s.n = n
	s.word = grow(s.word, n+1)
	s.xpos = grow(s.xpos, n+1)
	s.upos = grow(s.upos, n+1)
	s.shape = grow(s.shape, n+1)
	fillSentence(s, words, upos, xpos)
	return s
}

// state resets the reusable state of wk for a sentence of n words.
func (wk *work) state(n int) *state {
	st := &wk.st
	st.n, st.b = n, 1
	st.stack = grow(st.stack, n+1)[:0]
	st.heads = grow(st.heads, n+1)
	st.labels = grow(st.labels, n+1)
	st.lc1 = grow(st.lc1, n+1)
	st.lc2 = grow(st.lc2, n+1)
	st.rc1 = grow(st.rc1, n+1)
	st.rc2 = grow(st.rc2, n+1)
	st.nl = grow(st.nl, n+1)
	st.nr = grow(st.nr, n+1)
	st.ls = grow(st.ls, n+1)
	st.rs = grow(st.rs, n+1)
	st.reset()
	return st
}
