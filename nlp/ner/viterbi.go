package ner

// edge returns the features of token i that depend on the label of the
// token before it (prev, -1 at the start): the first-order features of
// Viterbi decoding.
func (s *scratch) edge(i, prev int, out []uint64) []uint64 {
	t := &s.toks[i]
	p := uint64(prev + 2)
	return append(out,
		f1(tPrev, p),
		f2(tPrevLower, p, t.lower),
		f2(tPrevShort, p, t.short),
		f2(tPrevGaz, p, t.gazType),
	)
}

// vbuf is the working space of Viterbi decoding.
type vbuf struct {
	static []int32 // n × nl
	delta  []int64 // n × nl
	back   []int16 // n × nl
	sc     []int32 // nl
	fb     []uint64
	prevs  []int
}

// beam is the number of best labels of the previous token that Viterbi
// extends at each token: the search is exact over the labels kept.
const beam = 4

// top returns the labels of token i-1 with the beam best scores (just -1,
// the start, when i is 0), best first.
func (v *vbuf) top(delta []int64, i, nl int) []int {
	v.prevs = v.prevs[:0]
	if i == 0 {
		return append(v.prevs, -1)
	}
	d := delta[(i-1)*nl : i*nl]
	for l, x := range d {
		if x == minScore {
			continue
		}
		if len(v.prevs) == beam && x <= d[v.prevs[beam-1]] {
			continue
		}
		if len(v.prevs) < beam {
			v.prevs = append(v.prevs, l)
		} else {
			v.prevs[beam-1] = l
		}
		for k := len(v.prevs) - 1; k > 0 && d[v.prevs[k]] > d[v.prevs[k-1]]; k-- {
			v.prevs[k], v.prevs[k-1] = v.prevs[k-1], v.prevs[k]
		}
	}
	return v.prevs
}

const minScore = -1 << 30

// viterbi finds the best allowed label sequence of n tokens: static(i)
// gives token i's label-independent features, lookup a feature's weight
// row (-1 when unknown) in w (rows × nl).
func viterbi[W int16 | int32](v *vbuf, s *scratch, n, nl int, static func(i int) []uint64, lookup func(uint64) int32, w []W, out []int) []int {
	if cap(v.static) < n*nl {
		v.static = make([]int32, n*nl)
		v.delta = make([]int64, n*nl)
		v.back = make([]int16, n*nl)
	}
	if cap(v.sc) < nl {
		v.sc = make([]int32, nl)
	}
	st, delta, back, sc := v.static[:n*nl], v.delta[:n*nl], v.back[:n*nl], v.sc[:nl]
	addRow := func(f uint64, dst []int32) {
		r := lookup(f)
		if r < 0 {
			return
		}
		row := w[int(r)*nl : int(r)*nl+nl]
		for k, x := range row {
			dst[k] += int32(x)
		}
	}
	for i := 0; i < n; i++ {
		d := st[i*nl : i*nl+nl]
		for k := range d {
			d[k] = 0
		}
		for _, f := range static(i) {
			addRow(f, d)
		}
	}
	for i := 0; i < n; i++ {
		di := delta[i*nl : i*nl+nl]
		for k := range di {
			di[k] = minScore
		}
		prevs := v.top(delta, i, nl)
		for _, p := range prevs {
			base := int64(0)
			if i > 0 {
				base = delta[(i-1)*nl+p]
			}
			for k := range sc {
				sc[k] = 0
			}
			v.fb = s.edge(i, p, v.fb[:0])
			for _, f := range v.fb {
				addRow(f, sc)
			}
			for l := 0; l < nl; l++ {
				if !allowed(p, l, i, n) {
					continue
				}
				x := base + int64(sc[l]) + int64(st[i*nl+l])
				if x > di[l] {
					di[l] = x
					back[i*nl+l] = int16(p)
				}
			}
		}
	}
	out = out[:0]
	for i := 0; i < n; i++ {
		out = append(out, 0)
	}
	best := 0
	for l := 1; l < nl; l++ {
		if delta[(n-1)*nl+l] > delta[(n-1)*nl+best] {
			best = l
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i*nl+best])
	}
	return out
}
