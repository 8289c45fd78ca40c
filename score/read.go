package score

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract"
)

// ErrRecord marks a line that is not a well-formed JSON record of the kind
// the file holds. Errors wrapping it name the file and line.
var ErrRecord = errors.New("score: bad record")

// Gold is one gold set: the entities of the gold directory and the
// documents and relations of one set, each in file order.
type Gold struct {
	Set       string
	Entities  []GoldEntity
	Docs      []GoldDoc
	Relations []GoldRelation
}

// GoldEntity is one line of entities.jsonl.
type GoldEntity struct {
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

// GoldDoc is one line of SET.docs.jsonl: a scored document and the entities
// it must (Entities) or may (OptionalEntities) yield.
type GoldDoc struct {
	Doc              string   `json:"doc"`
	Date             string   `json:"date"`
	Entities         []string `json:"entities"`
	OptionalEntities []string `json:"optional_entities"`
}

// GoldRelation is one line of SET.relations.jsonl. S, P and O list the
// acceptable entity ids and predicates, the first being the preferred one.
// An empty Modality means "asserted"; an empty When is not scored.
type GoldRelation struct {
	Doc      string   `json:"doc"`
	S        []string `json:"s"`
	P        []string `json:"p"`
	O        []string `json:"o"`
	Modality string   `json:"modality"`
	When     string   `json:"when"`
	Optional bool     `json:"optional"`
	Evidence string   `json:"evidence"`
}

// LoadGold reads the gold set named set from dir: entities.jsonl,
// set.docs.jsonl and set.relations.jsonl. An error names the file, and the
// line for a malformed record (wrapping ErrRecord).
func LoadGold(dir, set string) (*Gold, error) {
	g := &Gold{Set: set}
	if err := readGoldFile(filepath.Join(dir, "entities.jsonl"), &g.Entities, checkEntity); err != nil {
		return nil, err
	}
	if err := readGoldFile(filepath.Join(dir, set+".docs.jsonl"), &g.Docs, checkDoc); err != nil {
		return nil, err
	}
	if err := readGoldFile(filepath.Join(dir, set+".relations.jsonl"), &g.Relations, checkRelation); err != nil {
		return nil, err
	}
	return g, nil
}

func checkEntity(e *GoldEntity) error {
	if e.ID == "" {
		return errors.New(`no "id"`)
	}
	return nil
}

func checkDoc(d *GoldDoc) error {
	if d.Doc == "" {
		return errors.New(`no "doc"`)
	}
	return nil
}

func checkRelation(r *GoldRelation) error {
	switch {
	case r.Doc == "":
		return errors.New(`no "doc"`)
	case len(r.S) == 0 || len(r.P) == 0 || len(r.O) == 0:
		return errors.New(`"s", "p" and "o" must each list at least one alternative`)
	}
	return nil
}

// readGoldFile appends every record of the JSONL file at path to out.
func readGoldFile[T any](path string, out *[]T, check func(*T) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("score: read gold: %w", err)
	}
	defer f.Close()
	return eachLine(f, path, true, func(n int, line []byte) error {
		var v T
		if err := json.Unmarshal(line, &v); err != nil {
			return fmt.Errorf("%w: %s:%d: %w", ErrRecord, path, n, err)
		}
		if err := check(&v); err != nil {
			return fmt.Errorf("%w: %s:%d: %w", ErrRecord, path, n, err)
		}
		*out = append(*out, v)
		return nil
	})
}

// ReadRecords reads extraction records, one JSON object a line, from r;
// name is used in errors ("-" for standard input). Blank lines are skipped.
// Field names match exactly, as score.py reads them; unknown fields are
// ignored. An error names name and the line, and wraps ErrRecord for a line
// that is not a JSON object or has a field of the wrong type.
//
// Lines end at "\n", "\r\n" or a lone "\r" (Python's universal newlines, as
// score.py reads a file), except that for name "-" only "\n" ends a line (as
// score.py reads standard input).
func ReadRecords(r io.Reader, name string) ([]extract.Record, error) {
	var out []extract.Record
	err := eachLine(r, name, name != "-", func(n int, line []byte) error {
		rec, err := parseRecord(line)
		if err != nil {
			return fmt.Errorf("%w: %s:%d: %w", ErrRecord, name, n, err)
		}
		out = append(out, rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// parseRecord decodes one record with exact, case-sensitive field names.
func parseRecord(line []byte) (extract.Record, error) {
	var rec extract.Record
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return rec, err
	}
	if raw == nil {
		return rec, errors.New("not a JSON object")
	}
	fields := []struct {
		name string
		dst  any
	}{
		{"kind", &rec.Kind}, {"doc", &rec.Doc}, {"name", &rec.Name}, {"type", &rec.Type},
		{"aliases", &rec.Aliases}, {"mentions", &rec.Mentions},
		{"subject", &rec.Subject}, {"subject_type", &rec.SubjectType}, {"predicate", &rec.Predicate},
		{"object", &rec.Object}, {"object_type", &rec.ObjectType}, {"modality", &rec.Modality},
		{"when", &rec.When}, {"cameo", &rec.CAMEO}, {"confidence", &rec.Confidence},
		{"sentence", &rec.Sentence}, {"start", &rec.Start}, {"end", &rec.End},
		{"attribution", &rec.Attribution},
	}
	for _, f := range fields {
		v, ok := raw[f.name]
		if !ok {
			continue
		}
		if err := json.Unmarshal(v, f.dst); err != nil {
			return rec, fmt.Errorf("field %q: %w", f.name, err)
		}
	}
	return rec, nil
}

// maxLine bounds one JSONL line.
const maxLine = 64 << 20

// eachLine calls fn with the 1-based number and the content of every line
// of r that is not blank, stripped of surrounding white space as Python's
// str.strip strips it. With universal set, a lone "\r" also ends a line. A
// line that is not valid UTF-8 is an error, as it is for score.py.
func eachLine(r io.Reader, name string, universal bool, fn func(n int, line []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		return splitLine(data, atEOF, universal)
	})
	for n := 1; sc.Scan(); n++ {
		if !utf8.Valid(sc.Bytes()) {
			return fmt.Errorf("%w: %s:%d: invalid UTF-8", ErrRecord, name, n)
		}
		line := bytes.TrimFunc(sc.Bytes(), pySpace)
		if len(line) == 0 {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("score: read %s: %w", name, err)
	}
	return nil
}

// splitLine is a bufio.SplitFunc for "\n" line ends and, when universal is
// set, "\r\n" and a lone "\r" too.
func splitLine(data []byte, atEOF, universal bool) (int, []byte, error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	seps := "\n"
	if universal {
		seps = "\r\n"
	}
	if i := bytes.IndexAny(data, seps); i >= 0 {
		if data[i] == '\r' {
			if i+1 == len(data) && !atEOF {
				return 0, nil, nil // need the next byte to see "\r\n"
			}
			if i+1 < len(data) && data[i+1] == '\n' {
				return i + 2, data[:i], nil
			}
		}
		return i + 1, data[:i], nil
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// pySpace reports whether Python's str.isspace holds for r: Unicode white
// space plus the separators U+001C..U+001F.
func pySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}
