package extract

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxTitle is the length in bytes past which a title is cut at a word boundary.
const maxTitle = 200

// validate refuses input that is not an article: NUL bytes or mostly control
// bytes (ErrBinary), then invalid UTF-8 (ErrEncoding, naming the offset).
func validate(raw []byte) error {
	ctl := 0
	for i, b := range raw {
		if b == 0 {
			return fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i)
		}
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v') || b == 0x7f {
			ctl++
		}
	}
	if len(raw) > 0 && ctl*10 > len(raw) {
		return fmt.Errorf("%w: %d of %d bytes are control bytes", ErrBinary, ctl, len(raw))
	}
	if !utf8.Valid(raw) {
		off := 0
		for off < len(raw) {
			r, n := utf8.DecodeRune(raw[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return fmt.Errorf("%w at byte offset %d", ErrEncoding, off)
	}
	return nil
}

// header is what parseHeader reads from the top of an article.
type header struct {
	date  string    // YYYY-MM-DD or ""
	ref   time.Time // the date relative expressions resolve against; zero if unknown
	body  int       // byte offset where the article text starts
	title string
	empty bool // no text besides a date line
}

var (
	dateLineRE = regexp.MustCompile(`^(?i:date)\s*:?\s*(\d{4}-\d{2}-\d{2})\b`)
	// datelineRE finds a dateline at the start of one of the first lines:
	// "WASHINGTON, Jan 8, 2026:", "January 8, 2026 -", "8 January 2026".
	datelineRE = regexp.MustCompile(`^(?:[\p{Lu}][\p{L} .'-]{1,40},\s*)?(?:(` + monthAlt + `)\.?\s+(\d{1,2}),?\s*(\d{4})|(\d{1,2})\s+(` + monthAlt + `)\.?,?\s+(\d{4}))\b`)
)

const monthAlt = `Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?`

// parseHeader finds the optional first line `date YYYY-MM-DD` (the article may
// go on after the date on the same line), the body start and the title. With
// no date line it looks for a dateline in the first lines of the body.
func parseHeader(text string) header {
	var h header
	pos := 0
	if strings.HasPrefix(text, "\ufeff") {
		pos = len("\ufeff")
	}
	// Skip leading white space to the first non-empty line.
	for pos < len(text) {
		r, n := utf8.DecodeRuneInString(text[pos:])
		if !unicode.IsSpace(r) {
			break
		}
		pos += n
	}
	h.body = pos
	if m := dateLineRE.FindStringSubmatchIndex(text[pos:]); m != nil {
		ds := text[pos+m[2] : pos+m[3]]
		if t, err := time.Parse("2006-01-02", ds); err == nil {
			h.date, h.ref = ds, t
			h.body = pos + m[1]
			for h.body < len(text) {
				r, n := utf8.DecodeRuneInString(text[h.body:])
				if !unicode.IsSpace(r) {
					break
				}
				h.body += n
			}
		}
	}
	if strings.TrimSpace(text[h.body:]) == "" {
		h.empty = true
		return h
	}
	lines := 0
	for off := h.body; off < len(text) && lines < 3; {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		line := strings.TrimSpace(text[off : off+end])
		if line != "" {
			if h.title == "" {
				h.title = cutTitle(strings.TrimSpace(strings.TrimLeft(line, "#> ")))
			}
			if h.ref.IsZero() {
				if t, ok := parseDateline(line); ok {
					h.ref = t
					h.date = t.Format("2006-01-02")
				}
			}
			lines++
		}
		off += end + 1
	}
	return h
}

// parseDateline reads a dateline at the start of line.
func parseDateline(line string) (time.Time, bool) {
	m := datelineRE.FindStringSubmatch(line)
	if m == nil {
		return time.Time{}, false
	}
	mon, day, year := m[1], m[2], m[3]
	if mon == "" {
		mon, day, year = m[5], m[4], m[6]
	}
	mo, ok := monthNumber(mon)
	if !ok {
		return time.Time{}, false
	}
	var d, y int
	fmt.Sscan(day, &d)
	fmt.Sscan(year, &y)
	if d < 1 || d > 31 || y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// cutTitle shortens s to about maxTitle bytes at a word boundary.
func cutTitle(s string) string {
	if len(s) <= maxTitle {
		return s
	}
	cut := maxTitle
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > maxTitle/2 {
		cut = sp
	}
	return strings.TrimSpace(s[:cut]) + "…"
}
