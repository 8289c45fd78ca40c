package pos

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates. Each feature is a 64-bit hash of a template number and
// one or more values; the numbers are part of the model format.
const (
	fBias = iota + 1
	fLower
	fForm
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fPre4
	fShape
	fHyphen
	fDigit
	fUpper
	fAllUpper
	fFirstUpper
	fPrev
	fPrev2
	fPrevPrev2
	fPrevLower
	fPrevSuf3
	fWm1
	fWm2
	fWp1
	fWp2
	fSufm1
	fSufp1
	fShapem1
	fShapep1
	fWm1W
	fWWp1
	fPrevWp1
	fLongShape
	fAmb // unused: the word's own ambiguity class overfits (kept so later numbers stay)
	fAmbm1
	fAmbp1
	fAmbp2
	fPrevAmbp1
	fAmbAmbp1 // the word with the next word's ambiguity class
	fR0
	fR1
	fR2
	fR0R1
	fR1R2
	fPrevR1
	fR1Lower
	fRm1R0R1
	fCaseUpper
	fCaseLower
	fCaseSuf
	fNumTemplates
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hstr hashes s (FNV-1a, 64 bits).
func hstr(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func feat1(t int, a uint64) uint64 { return mix(a + uint64(t)*0x9e3779b97f4a7c15) }
func feat2(t int, a, b uint64) uint64 {
	return mix(mix(a+uint64(t)*0x9e3779b97f4a7c15) ^ (b * 0xc2b2ae3d27d4eb4f))
}

// wordInfo holds the per-token hashes that the feature templates combine.
type wordInfo struct {
	lower, form, shape, longShape uint64
	amb                           uint64 // ambiguity class: hash of the classes seen with the form
	suf, pre                      [4]uint64
	hyphen, digit, upper, allUp   bool
}

var (
	hStart  = hstr("-START-")
	hStart2 = hstr("-START2-")
	hEnd    = hstr("-END-")
	hEnd2   = hstr("-END2-")
)

// norm returns the lowercase form with every ASCII digit replaced by 0.
func norm(w string) string {
	clean := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
			clean = false
			break
		}
	}
	if clean {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case '0' <= r && r <= '9':
			b.WriteByte('0')
		case r < 0x80:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func shapeClass(r rune) byte {
	switch {
	case 'a' <= r && r <= 'z':
		return 'x'
	case 'A' <= r && r <= 'Z':
		return 'X'
	case '0' <= r && r <= '9':
		return 'd'
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLetter(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	case r < 0x80:
		return byte(r)
	}
	return '?'
}

func analyse(w string, wi *wordInfo, lex map[string]uint64) {
	lw := norm(w)
	wi.amb = lex[lw]
	wi.lower = hstr(lw)
	wi.form = hstr(w)
	// Short shape: runs of the same class collapsed. Long shape: runs capped at 4.
	var sh, lsh [32]byte
	ns, nl, run := 0, 0, 0
	var last byte
	wi.hyphen, wi.digit, wi.upper, wi.allUp = false, false, false, true
	letters := 0
	first := true
	for _, r := range w {
		c := shapeClass(r)
		if c == '-' {
			wi.hyphen = true
		}
		if c == 'd' {
			wi.digit = true
		}
		if c == 'X' {
			letters++
			if first {
				wi.upper = true
			}
		} else if c == 'x' {
			letters++
			wi.allUp = false
		}
		first = false
		if c == last {
			run++
		} else {
			run = 1
		}
		if run == 1 && ns < len(sh) {
			sh[ns] = c
			ns++
		}
		if run <= 4 && nl < len(lsh) {
			lsh[nl] = c
			nl++
		}
		last = c
	}
	if letters == 0 {
		wi.allUp = false
	}
	wi.shape = hstr(string(sh[:ns]))
	wi.longShape = hstr(string(lsh[:nl]))
	// Prefixes and suffixes of the normalised form, in runes.
	for k := 1; k <= 4; k++ {
		// suffix
		e := len(lw)
		n := 0
		for e > 0 && n < k {
			_, sz := utf8.DecodeLastRuneInString(lw[:e])
			e -= sz
			n++
		}
		wi.suf[k-1] = hstr(lw[e:])
		b := 0
		n = 0
		for b < len(lw) && n < k {
			_, sz := utf8.DecodeRuneInString(lw[b:])
			b += sz
			n++
		}
		wi.pre[k-1] = hstr(lw[:b])
	}
}

func bool2(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// context is a sentence prepared for feature extraction.
type context struct {
	info     []wordInfo
	sentCase uint64 // 1: no capitals; 2: few; 3: title-like; 4: mostly all-caps
}

func (c *context) reset(words []string, lex map[string]uint64) {
	if cap(c.info) < len(words) {
		c.info = make([]wordInfo, len(words))
	}
	c.info = c.info[:len(words)]
	caps, allUp, letters := 0, 0, 0
	for i, w := range words {
		wi := &c.info[i]
		analyse(w, wi, lex)
		if wi.upper || wi.allUp {
			caps++
		}
		if wi.allUp {
			allUp++
		}
		if wi.upper || wi.allUp || firstLower(w) {
			letters++
		}
	}
	switch {
	case letters == 0:
		c.sentCase = 0
	case caps == 0:
		c.sentCase = 1
	case allUp*2 > letters:
		c.sentCase = 4
	case caps*2 > letters:
		c.sentCase = 3
	default:
		c.sentCase = 2
	}
}

var hUnknown = hstr("-UNKNOWN-")

// forget hides the identity of word i (its forms and ambiguity class),
// leaving its spelling features.
func (c *context) forget(i int) {
	w := &c.info[i]
	w.lower, w.form, w.amb = hUnknown, hUnknown, 0
}

func (c *context) word(i int) uint64 {
	switch {
	case i == -1:
		return hStart
	case i < -1:
		return hStart2
	case i == len(c.info):
		return hEnd
	case i > len(c.info):
		return hEnd2
	}
	return c.info[i].lower
}

func (c *context) amb(i int) uint64 {
	if i < 0 || i >= len(c.info) {
		return c.word(i)
	}
	return c.info[i].amb
}

func (c *context) suf3(i int) uint64 {
	if i < 0 || i >= len(c.info) {
		return c.word(i)
	}
	return c.info[i].suf[2]
}

func (c *context) shape(i int) uint64 {
	if i < 0 || i >= len(c.info) {
		return c.word(i)
	}
	return c.info[i].shape
}

// right returns the first-pass class at i, or a sentence-boundary value.
func right(first []int, i int) uint64 {
	if i < 0 {
		return 1
	}
	if i >= len(first) {
		return 2
	}
	return uint64(first[i] + 3)
}

// features appends the feature hashes of position i, given the two
// previous predicted classes (-1 and -2 stand for sentence starts) and, for
// the second pass, the classes of the first pass (nil in the first pass).
func (c *context) features(i, prev, prev2 int, first []int, out []uint64) []uint64 {
	if first != nil {
		r0, r1 := right(first, i), right(first, i+1)
		out = append(out,
			feat1(fR0, r0),
			feat1(fR1, r1),
			feat1(fR2, right(first, i+2)),
			feat2(fR0R1, r0, r1),
			feat2(fR1R2, r1, right(first, i+2)),
			feat2(fPrevR1, uint64(prev+3), r1),
			feat2(fR1Lower, r1, c.info[i].lower),
			feat2(fRm1R0R1, uint64(prev+3), feat2(0, r0, r1)),
		)
	}
	w := &c.info[i]
	p1 := uint64(prev + 3)
	p2 := uint64(prev2 + 3)
	out = append(out,
		feat1(fBias, 0),
		feat1(fLower, w.lower),
		feat1(fForm, w.form),
		feat1(fSuf1, w.suf[0]),
		feat1(fSuf2, w.suf[1]),
		feat1(fSuf3, w.suf[2]),
		feat1(fSuf4, w.suf[3]),
		feat1(fPre1, w.pre[0]),
		feat1(fPre2, w.pre[1]),
		feat1(fPre3, w.pre[2]),
		feat1(fPre4, w.pre[3]),
		feat1(fShape, w.shape),
		feat1(fLongShape, w.longShape),
		feat1(fHyphen, bool2(w.hyphen)),
		feat1(fDigit, bool2(w.digit)),
		feat1(fUpper, bool2(w.upper)),
		feat1(fAllUpper, bool2(w.allUp)),
		feat1(fFirstUpper, bool2(w.upper)*2+bool2(i == 0)),
		feat1(fPrev, p1),
		feat1(fPrev2, p2),
		feat2(fPrevPrev2, p1, p2),
		feat2(fPrevLower, p1, w.lower),
		feat2(fPrevSuf3, p1, w.suf[2]),
		feat1(fWm1, c.word(i-1)),
		feat1(fWm2, c.word(i-2)),
		feat1(fWp1, c.word(i+1)),
		feat1(fWp2, c.word(i+2)),
		feat1(fSufm1, c.suf3(i-1)),
		feat1(fSufp1, c.suf3(i+1)),
		feat1(fShapem1, c.shape(i-1)),
		feat1(fShapep1, c.shape(i+1)),
		feat2(fWm1W, c.word(i-1), w.lower),
		feat2(fWWp1, w.lower, c.word(i+1)),
		feat2(fPrevWp1, p1, c.word(i+1)),
		feat1(fAmbm1, c.amb(i-1)),
		feat2(fCaseUpper, c.sentCase, bool2(w.upper)*2+bool2(i == 0)),
		feat2(fCaseLower, c.sentCase, w.lower),
		feat2(fCaseSuf, c.sentCase*2+bool2(w.upper), w.suf[2]),
		feat1(fAmbp1, c.amb(i+1)),
		feat1(fAmbp2, c.amb(i+2)),
		feat2(fPrevAmbp1, p1, c.amb(i+1)),
		feat2(fAmbAmbp1, w.lower, c.amb(i+1)),
	)
	return out
}

func firstLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}
