package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// readJSONL reads JSON Lines: one JSON object a line, one article an object,
// its fields named by ReadOptions.Fields. It holds one line at a time.
//
// The text field is required and must be a non-blank string; text that is
// HTML markup (it starts with a tag and has <p>, <br> or <div>) is turned
// into plain text with its paragraphs. title, url, publisher and id are
// strings (id may be a number; url is kept when it is an absolute http(s)
// URL); date is a date string (ISO 8601, RFC 1123,
// "January 2, 2006", …) or a Unix timestamp in seconds or milliseconds. A
// missing or null optional field is empty, and so is a date that cannot be
// read. Blank lines are skipped.
//
// A line that is not a JSON object, lacks the text, has a field of the
// wrong type or is longer than ReadOptions.MaxBytes is a *RecordError
// naming the line, wrapping ErrFormat; the lines after it are still read
// when OnBad lets Read go on.
func (rd *reader) readJSONL(br *bufio.Reader) error {
	fields := rd.opt.Fields.withDefaults()
	var buf []byte
	for line := 1; ; line++ {
		b, long, err := readLine(br, &buf, rd.max)
		if err != nil && err != io.EOF {
			return fmt.Errorf("read %s:%d: %w", rd.path, line, err)
		}
		eof := err == io.EOF
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		if long {
			if berr := rd.bad(&RecordError{Line: line, Err: fmt.Errorf("%w: line longer than %d bytes", ErrFormat, rd.max)}); berr != nil {
				return berr
			}
		} else if len(bytes.TrimSpace(b)) > 0 {
			a, rerr := parseJSONLine(b, fields)
			if rerr != nil {
				if berr := rd.bad(&RecordError{Line: line, ID: a.ID, Err: rerr}); berr != nil {
					return berr
				}
			} else {
				a.Path = rd.path
				if a.ID == "" {
					a.ID = SafeID(rd.base + "#" + strconv.Itoa(line))
				}
				if err := rd.fn(a); err != nil {
					return err
				}
			}
		}
		if eof {
			return nil
		}
	}
}

// readLine reads one line (without its end of line) into *buf, reusing it.
// A line longer than max is read to its end and discarded, and long is
// true. err is io.EOF after the last line.
func readLine(br *bufio.Reader, buf *[]byte, max int) (b []byte, long bool, err error) {
	*buf = (*buf)[:0]
	for {
		frag, err := br.ReadSlice('\n')
		if !long {
			if len(*buf)+len(frag) > max+2 { // room for "\r\n"
				long = true
				*buf = (*buf)[:0]
			} else {
				*buf = append(*buf, frag...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == nil || err == io.EOF {
			b = bytes.TrimRight(*buf, "\r\n")
			if err == io.EOF && len(*buf) == 0 && !long {
				return nil, false, io.EOF
			}
			if long {
				b = nil
			} else if len(b) > max {
				long, b = true, nil
			}
			return b, long, err
		}
		return nil, false, err
	}
}

// parseJSONLine reads one JSON Lines record. The returned Article carries
// the record's ID when one was read, even with an error.
func parseJSONLine(line []byte, f JSONFields) (Article, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return Article{}, fmt.Errorf("%w: not a JSON object", ErrFormat)
		}
		return Article{}, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if obj == nil {
		return Article{}, fmt.Errorf("%w: not a JSON object", ErrFormat)
	}
	var a Article
	str := func(name string, numbers bool) (string, error) {
		raw, ok := jsonField(obj, name)
		if !ok {
			return "", nil
		}
		s, err := jsonString(raw, numbers)
		if err != nil {
			return "", fmt.Errorf("%w: field %q: %w", ErrFormat, name, err)
		}
		return s, nil
	}
	id, err := str(f.ID, true)
	if err != nil {
		return a, err
	}
	a.ID = SafeID(id)
	if a.URL, err = str(f.URL, false); err != nil {
		return a, err
	}
	a.URL = firstURL(a.URL)
	if a.ID == "" && a.URL != "" {
		a.ID = SafeID(a.URL)
	}
	if a.Title, err = str(f.Title, false); err != nil {
		return a, err
	}
	a.Title = strings.Join(strings.Fields(a.Title), " ")
	if a.Publisher, err = str(f.Publisher, false); err != nil {
		return a, err
	}
	a.Publisher = strings.Join(strings.Fields(a.Publisher), " ")
	if raw, ok := jsonField(obj, f.Date); ok {
		d, err := jsonDate(raw)
		if err != nil {
			return a, fmt.Errorf("%w: field %q: %w", ErrFormat, f.Date, err)
		}
		a.Date = d
	}
	raw, ok := jsonField(obj, f.Text)
	if !ok {
		return a, fmt.Errorf("%w: no %q field", ErrFormat, f.Text)
	}
	text, err := jsonString(raw, false)
	if err != nil {
		return a, fmt.Errorf("%w: field %q: %w", ErrFormat, f.Text, err)
	}
	if looksLikeHTML(text) {
		text = htmlToText(text)
	}
	if strings.TrimSpace(text) == "" {
		return a, fmt.Errorf("%w: field %q is empty", ErrEmpty, f.Text)
	}
	if err := validate([]byte(text)); err != nil {
		return a, err
	}
	a.Text = []byte(withTitle(a.Title, text))
	return a, nil
}

// jsonField returns the field name of obj; a dotted name not present as it
// is reaches into nested objects ("meta.title").
func jsonField(obj map[string]json.RawMessage, name string) (json.RawMessage, bool) {
	if raw, ok := obj[name]; ok {
		return raw, !isNull(raw)
	}
	head, rest, dotted := strings.Cut(name, ".")
	if !dotted {
		return nil, false
	}
	raw, ok := obj[head]
	if !ok {
		return nil, false
	}
	var sub map[string]json.RawMessage
	if json.Unmarshal(raw, &sub) != nil || sub == nil {
		return nil, false
	}
	return jsonField(sub, rest)
}

// isNull reports whether raw is the JSON null.
func isNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}

// jsonString reads raw as a string, or as a number written as it is when
// numbers is true.
func jsonString(raw json.RawMessage, numbers bool) (string, error) {
	raw = bytes.TrimSpace(raw)
	var s string
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return s, nil
	}
	if numbers {
		var n json.Number
		if json.Unmarshal(raw, &n) == nil {
			return n.String(), nil
		}
	}
	want := "a string"
	if numbers {
		want = "a string or a number"
	}
	return "", fmt.Errorf("%s is not %s", kindOf(raw), want)
}

// kindOf names the JSON kind of raw for messages.
func kindOf(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case '"':
		return "a string"
	}
	return "a number"
}

// jsonDate reads a date field: a date string, or a Unix timestamp in
// seconds (milliseconds when larger than 1e11), read in UTC. A string that
// is not a date gives "" and no error: the article is read undated. Other
// JSON kinds are an error.
func jsonDate(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return parseDate(s), nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		return "", fmt.Errorf("%s is not a date string or a Unix timestamp", kindOf(raw))
	}
	if math.Abs(f) > 1e11 {
		f /= 1000
	}
	if math.IsNaN(f) || math.Abs(f) > 1e11 {
		return "", nil
	}
	return dayOf(time.Unix(int64(f), 0).UTC()), nil
}
