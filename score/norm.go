package score

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// pyTranslate maps the dashes and single quotes of score.py's DASHES and
// QUOTES tables to '-' and '\”.
func pyTranslate(r rune) rune {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	case '\u2018', '\u2019', '\u201a', '\u201b', '`', '\u00b4':
		return '\''
	}
	return r
}

// normName folds a name to the key score.py's norm gives it: dashes and
// single quotes translated, Unicode NFKD with combining marks dropped, lower
// case as Python lowers, periods removed, white space collapsed, then a
// leading "the " and a trailing "'s" dropped once each.
//
// It agrees with schema.Fold on names written in the Latin alphabet with
// the usual accents, dashes and quotes; it differs where schema.Fold's
// Latin table goes beyond NFKD ("ß", "Ø", "Æ", "Ł", "Đ", "Þ", "ı", "Œ"),
// where schema.Fold also folds double quotes and soft hyphens, and for
// compatibility characters NFKD rewrites (ligatures, full-width letters,
// superscripts, Greek and Cyrillic accents). The scorer must print score.py's
// figures, so it folds as score.py does.
func normName(name string) string {
	s := norm.NFKD.String(strings.Map(pyTranslate, name))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if norm.NFKD.PropertiesString(string(r)).CCC() != 0 {
			continue
		}
		b.WriteRune(r)
	}
	s = pyLower(b.String())
	s = strings.ReplaceAll(s, ".", "")
	s = strings.Join(strings.FieldsFunc(s, pySpace), " ")
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimSuffix(s, "'s")
	return s
}

// pyLower lower-cases s as Python's str.lower does: the full lower-case
// mapping, with a capital sigma becoming a final sigma at the end of a word.
func pyLower(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		switch {
		case r == 'Σ':
			if finalSigma(rs, i) {
				b.WriteRune('ς')
			} else {
				b.WriteRune('σ')
			}
		case r == 'İ':
			b.WriteString("i\u0307")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// finalSigma applies Unicode's Final_Sigma condition to the capital sigma at
// rs[i]: a cased letter before it and none after it, skipping case-ignorable
// characters either way.
func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && caseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !cased(rs[j]) {
		return false
	}
	j = i + 1
	for j < len(rs) && caseIgnorable(rs[j]) {
		j++
	}
	return j == len(rs) || !cased(rs[j])
}

// cased is Unicode's Cased property.
func cased(r rune) bool {
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// caseIgnorable is Unicode's Case_Ignorable property: marks, format
// characters, modifier letters and symbols, and the word-internal
// punctuation of Word_Break MidLetter, MidNumLet and Single_Quote.
func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '\u00b7', '\u0387', '\u055f', '\u05f4', '\u2018', '\u2019', '\u2024', '\u2027',
		'\ufe13', '\ufe52', '\ufe55', '\uff07', '\uff0e', '\uff1a':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
