package schema

import (
	"strings"
	"unicode"
)

// NormalizeRune maps typographic variants to their plain ASCII form: every
// dash (U+2010..U+2015, U+2212, U+2011 non-breaking hyphen) to '-', curly and
// other single quotes to '\”, curly double quotes to '"', and non-breaking
// and other Unicode spaces to ' '. Other runes are returned unchanged.
func NormalizeRune(r rune) rune {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u00ad':
		return '-'
	case '\u2018', '\u2019', '\u201a', '\u201b', '`', '\u00b4', '\u2032':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033':
		return '"'
	}
	if r != ' ' && r != '\n' && r != '\t' && r != '\r' && unicode.IsSpace(r) {
		return ' '
	}
	return r
}

// NormalizeText applies NormalizeRune to every rune of s.
func NormalizeText(s string) string { return strings.Map(NormalizeRune, s) }

// StripDiacritics removes accents from Latin letters ("Nicolás" → "Nicolas",
// "Bogotá" → "Bogota") and drops stray combining marks.
func StripDiacritics(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if base, ok := latinFold[r]; ok {
			b.WriteString(base)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Fold returns the matching key of a name: typographic variants normalised,
// diacritics stripped, lower case, periods removed ("U.S." → "us"), white
// space collapsed, a leading "the " and a trailing "'s" dropped. Two names
// that Fold to the same key name the same thing. It follows the reference
// scorer's rules, and folds a little more: letters with no Unicode
// decomposition ("ß", "ø", "ł") become their ASCII spellings, and curly
// double quotes become '"', so "Støre" and "Store" share a key.
func Fold(name string) string {
	s := StripDiacritics(strings.ToLower(NormalizeText(name)))
	s = strings.ReplaceAll(s, ".", "")
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimSuffix(s, "'s")
	return s
}

// Slug returns an IRI-safe identifier for a name: Fold, then every run of
// characters other than ASCII letters and digits becomes one '_'
// ("Nicolás Maduro" → "nicolas_maduro", "U.S." → "us"). It never returns an
// empty string: a name with no letters or digits slugs to "_".
func Slug(name string) string {
	f := Fold(name)
	var b strings.Builder
	pending := false
	for _, r := range f {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if pending && b.Len() > 0 {
				b.WriteByte('_')
			}
			pending = false
			b.WriteRune(r)
			continue
		}
		if r >= 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			// Non-Latin scripts keep their letters; IRIs allow them.
			if pending && b.Len() > 0 {
				b.WriteByte('_')
			}
			pending = false
			b.WriteRune(r)
			continue
		}
		pending = true
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}
