package extract

import (
	"io"
	"strings"
)

// readText reads a plain text or Markdown file as one article. Its bytes
// pass through unchanged (a first line `date YYYY-MM-DD` and a dateline are
// left for the pipeline, which reads them again); Title (on one line) and
// Date are what the pipeline will find. Binary content and invalid UTF-8 are record
// errors wrapping ErrBinary or ErrEncoding.
func (rd *reader) readText(r io.Reader) error {
	raw, ok, err := rd.readAll(r)
	if !ok {
		return err
	}
	if err := validate(raw); err != nil {
		return rd.bad(&RecordError{ID: rd.base, Err: err})
	}
	h := parseHeader(string(raw))
	if h.empty {
		return rd.bad(&RecordError{ID: rd.base, Err: ErrEmpty})
	}
	return rd.fn(Article{ID: rd.base, Path: rd.path, Title: strings.Join(strings.Fields(h.title), " "), Date: h.date, Text: raw})
}
