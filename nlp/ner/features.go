package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/schema"
)

// Features are 64-bit hashes of a template number and the values it
// combines; nothing is kept as a string. A feature's weights are found
// through an open-addressing table (see Recognizer), so the hot path has no
// map and allocates only the per-sentence scratch space.

const (
	mulA = 0x9E3779B97F4A7C15
	mulB = 0xBF58476D1CE4E5B9
	mulC = 0x94D049BB133111EB
)

// mix combines a running hash with one more value.
func mix(h, x uint64) uint64 {
	h ^= x + mulA + (h << 6) + (h >> 2)
	h *= mulB
	h ^= h >> 31
	return h
}

// final spreads the bits of h over the whole word and never returns 0 (the
// empty key of the table).
func final(h uint64) uint64 {
	h ^= h >> 30
	h *= mulB
	h ^= h >> 27
	h *= mulC
	h ^= h >> 31
	if h == 0 {
		h = 1
	}
	return h
}

// hstr hashes a string (FNV-1a).
func hstr(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func f1(t, a uint64) uint64       { return final(mix(t*mulC, a)) }
func f2(t, a, b uint64) uint64    { return final(mix(mix(t*mulC, a), b)) }
func f3(t, a, b, c uint64) uint64 { return final(mix(mix(mix(t*mulC, a), b), c)) }

// Template numbers. Changing any of them, or what a template combines,
// changes the model: retrain.
const (
	tBias uint64 = iota + 1
	tWord
	tLower
	tLowerM1
	tLowerP1
	tLowerM2
	tLowerP2
	tLowerM1L
	tLowerLP1
	tPrefix
	tSuffix
	tShape
	tShort
	tShortM1
	tShortP1
	tShort3
	tFirst
	tPosInSent
	tShortLowerM1
	tShortLowerP1
	tLen
	tPOS
	tPOSM1
	tPOSP1
	tPOSM1P
	tPOSPP1
	tPOSShort
	tPOSLower
	tGaz
	tGazType
	tGazM1
	tGazP1
	tGazShort
	tPrev
	tPrev2
	tPrevLower
	tPrevShort
	tPrevGaz
	tRunFirst
	tRunLast
	tRunLen
	tSuffixM1
	tSuffixP1
	tRunLastShort
)

// Padding values for positions outside the sentence.
var (
	hBOS  = hstr("\x00<s>")
	hBOS2 = hstr("\x00<s2>")
	hEOS  = hstr("\x00</s>")
	hEOS2 = hstr("\x00</s2>")
	hNone = hstr("\x00none")
)

// shapes returns the word's shape (upper → X, lower → x, digit → d, other
// kept; at most 8 runes of each class run) and its short shape (runs of
// the same class collapsed).
func shapes(w string, long, short []byte) ([]byte, []byte) {
	var last byte
	run := 0
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			run++
		} else {
			run = 1
			short = append(short, c)
		}
		if run <= 4 {
			long = append(long, c)
		}
		last = c
	}
	return long, short
}

// token holds the per-token values the templates combine.
type token struct {
	word, lower, short, pos, gaz, gazType uint64
	suf3                                  uint64 // last three bytes of the lower case
	capital                               bool   // starts with an upper-case letter
	lowerS                                string
}

// gazMark is the gazetteer tag of a token: type, position in the match
// (B, I, L, U) and how it matched; zero when outside any match.
type gazMark struct {
	typ schema.EntityType
	pos byte
	via schema.Via
}

// maxGazWords is the longest phrase looked up in the gazetteer.
const maxGazWords = 4

// gazetteer marks the tokens inside gazetteer matches, longest match first,
// left to right. Only phrases starting with a capital letter are looked up
// (LookupExact: case-sensitive forms must be written with their capitals).
func gazetteer(g *schema.Gazetteer, words []string, marks []gazMark) {
	if g == nil {
		return
	}
	maxN := g.MaxEntryWords()
	if maxN > maxGazWords {
		maxN = maxGazWords
	}
	var b strings.Builder
	for i := 0; i < len(words); {
		r, _ := utf8.DecodeRuneInString(words[i])
		if !unicode.IsUpper(r) || words[i] == "The" {
			i++
			continue
		}
		n := maxN
		if n > len(words)-i {
			n = len(words) - i
		}
		found := 0
		var m schema.Match
		for ; n >= 1; n-- {
			b.Reset()
			for k := 0; k < n; k++ {
				if k > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(words[i+k])
			}
			if mm, ok := g.LookupExact(b.String()); ok {
				found, m = n, mm
				break
			}
		}
		if found == 0 {
			i++
			continue
		}
		for k := 0; k < found; k++ {
			p := byte('I')
			switch {
			case found == 1:
				p = 'U'
			case k == 0:
				p = 'B'
			case k == found-1:
				p = 'L'
			}
			marks[i+k] = gazMark{typ: m.Entry.Type, pos: p, via: m.Via}
		}
		i += found
	}
}

// scratch is the per-sentence working space of feature extraction.
type scratch struct {
	toks  []token
	marks []gazMark
	feats []uint64 // static features, token after token
	off   []int32  // token i's static features are feats[off[i]:off[i+1]]
	posAt []int32  // token i's POS features start at posAt[i] (≤ off[i+1])
	long  []byte
	short []byte
	lower []byte
}

// lowerASCII lower-cases w, reusing buf when w is ASCII.
func lowerString(w string, buf []byte) (string, []byte) {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w), buf
		}
		if 'A' <= c && c <= 'Z' {
			buf = append(buf[:0], w...)
			for j := i; j < len(buf); j++ {
				if 'A' <= buf[j] && buf[j] <= 'Z' {
					buf[j] += 'a' - 'A'
				}
			}
			return string(buf), buf
		}
	}
	return w, buf
}

// extract fills s with the static features of every token. xpos may be nil;
// g may be nil (no gazetteer features).
func (s *scratch) extract(words, xpos []string, g *schema.Gazetteer) {
	n := len(words)
	if cap(s.toks) < n {
		s.toks = make([]token, n)
		s.marks = make([]gazMark, n)
		s.off = make([]int32, n+1)
		s.posAt = make([]int32, n)
	}
	s.toks, s.marks, s.off, s.posAt = s.toks[:n], s.marks[:n], s.off[:n+1], s.posAt[:n]
	for i := range s.marks {
		s.marks[i] = gazMark{}
	}
	gazetteer(g, words, s.marks)
	for i, w := range words {
		t := &s.toks[i]
		t.word = hstr(w)
		t.lowerS, s.lower = lowerString(w, s.lower)
		t.lower = hstr(t.lowerS)
		if len(t.lowerS) > 3 {
			t.suf3 = hstr(t.lowerS[len(t.lowerS)-3:])
		} else {
			t.suf3 = t.lower
		}
		r, _ := utf8.DecodeRuneInString(w)
		t.capital = unicode.IsUpper(r)
		s.long, s.short = shapes(w, s.long[:0], s.short[:0])
		t.short = hstr(string(s.short))
		t.pos = hNone
		if xpos != nil && i < len(xpos) {
			t.pos = hstr(xpos[i])
		}
		t.gaz, t.gazType = hNone, hNone
		if m := s.marks[i]; m.pos != 0 {
			t.gazType = hstr(string(m.typ))
			t.gaz = mix(mix(t.gazType, uint64(m.pos)), hstr(string(m.via)))
		}
	}
	s.feats = s.feats[:0]
	at := func(i int, pad1, pad2 uint64, get func(*token) uint64) uint64 {
		switch {
		case i >= 0 && i < n:
			return get(&s.toks[i])
		case i == -1 || i == n:
			return pad1
		}
		return pad2
	}
	lowerOf := func(t *token) uint64 { return t.lower }
	shortOf := func(t *token) uint64 { return t.short }
	posOf := func(t *token) uint64 { return t.pos }
	gazOf := func(t *token) uint64 { return t.gazType }
	runStart := 0
	for i, w := range words {
		s.off[i] = int32(len(s.feats))
		t := &s.toks[i]
		pad := func(j int) (uint64, uint64) {
			if j < 0 {
				return hBOS, hBOS2
			}
			return hEOS, hEOS2
		}
		b1, b2 := pad(-1)
		e1, e2 := pad(n)
		lm1 := at(i-1, b1, b2, lowerOf)
		lm2 := at(i-2, b1, b2, lowerOf)
		lp1 := at(i+1, e1, e2, lowerOf)
		lp2 := at(i+2, e1, e2, lowerOf)
		sm1 := at(i-1, b1, b2, shortOf)
		sp1 := at(i+1, e1, e2, shortOf)
		s.long, s.short = shapes(w, s.long[:0], s.short[:0])
		f := s.feats
		f = append(f,
			f1(tBias, 0),
			f1(tWord, t.word),
			f1(tLower, t.lower),
			f1(tLowerM1, lm1),
			f1(tLowerP1, lp1),
			f1(tLowerM2, lm2),
			f1(tLowerP2, lp2),
			f2(tLowerM1L, lm1, t.lower),
			f2(tLowerLP1, t.lower, lp1),
			f1(tShape, hstr(string(s.long))),
			f1(tShort, t.short),
			f1(tShortM1, sm1),
			f1(tShortP1, sp1),
			f3(tShort3, sm1, t.short, sp1),
			f2(tShortLowerM1, t.short, lm1),
			f2(tShortLowerP1, t.short, lp1),
		)
		ls := t.lowerS
		for k := 1; k <= 4 && k <= len(ls); k++ {
			f = append(f, f2(tPrefix, uint64(k), hstr(ls[:k])), f2(tSuffix, uint64(k), hstr(ls[len(ls)-k:])))
		}
		pos := i
		if pos > 3 {
			pos = 3
		}
		f = append(f, f2(tPosInSent, uint64(pos), t.short))
		if i == 0 {
			f = append(f, f2(tFirst, t.short, t.lower))
		}
		f = append(f,
			f2(tSuffixM1, at(i-1, b1, b2, func(t *token) uint64 { return t.suf3 }), t.short),
			f2(tSuffixP1, at(i+1, e1, e2, func(t *token) uint64 { return t.suf3 }), t.short),
		)
		// The run of capitalised words the token is in: its first and last
		// words (a head like "Party" or "River"), length and the token's place.
		if t.capital {
			if i == 0 || !s.toks[i-1].capital {
				runStart = i
			}
			runEnd := i + 1
			for runEnd < n && s.toks[runEnd].capital {
				runEnd++
			}
			l := runEnd - runStart
			if l > 4 {
				l = 4
			}
			place := uint64(partI)
			switch {
			case runEnd-runStart == 1:
				place = partU
			case i == runStart:
				place = partB
			case i == runEnd-1:
				place = partL
			}
			f = append(f,
				f1(tRunFirst, s.toks[runStart].lower),
				f1(tRunLast, s.toks[runEnd-1].lower),
				f2(tRunLastShort, s.toks[runEnd-1].lower, place),
				f2(tRunLen, uint64(l), place),
			)
		}
		ln := utf8.RuneCountInString(w)
		if ln > 8 {
			ln = 8
		}
		f = append(f, f2(tLen, uint64(ln), t.short))
		if t.gaz != hNone {
			f = append(f,
				f1(tGaz, t.gaz),
				f1(tGazType, t.gazType),
				f2(tGazShort, t.gaz, t.short),
			)
		}
		if g := at(i-1, hNone, hNone, gazOf); g != hNone {
			f = append(f, f1(tGazM1, g))
		}
		if g := at(i+1, hNone, hNone, gazOf); g != hNone {
			f = append(f, f1(tGazP1, g))
		}
		s.posAt[i] = int32(len(f))
		if xpos != nil {
			pm1 := at(i-1, b1, b2, posOf)
			pp1 := at(i+1, e1, e2, posOf)
			f = append(f,
				f1(tPOS, t.pos),
				f1(tPOSM1, pm1),
				f1(tPOSP1, pp1),
				f2(tPOSM1P, pm1, t.pos),
				f2(tPOSPP1, t.pos, pp1),
				f2(tPOSShort, t.pos, t.short),
				f2(tPOSLower, t.pos, t.lower),
			)
		}
		s.feats = f
	}
	s.off[n] = int32(len(s.feats))
}

// dynamic returns the features of token i that depend on the labels
// already given to the tokens before it (prev1, prev2; -1 before the start).
func (s *scratch) dynamic(i int, prev1, prev2 int, out []uint64) []uint64 {
	t := &s.toks[i]
	p1 := uint64(prev1 + 2)
	p2 := uint64(prev2 + 2)
	return append(out,
		f1(tPrev, p1),
		f2(tPrev2, p2, p1),
		f2(tPrevLower, p1, t.lower),
		f2(tPrevShort, p1, t.short),
		f2(tPrevGaz, p1, t.gazType),
	)
}
