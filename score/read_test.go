package score

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsgraph/newsgraph/extract"
)

var readRecordsCases = []struct {
	name  string
	file  string // name given to ReadRecords
	in    string
	want  []extract.Record
	error string // a substring of the error; "" for none
}{
	{
		name: "entity and relation",
		file: "p.jsonl",
		in: `{"kind":"entity","doc":"a.txt","name":"Gustavo Petro","type":"Person","aliases":["Petro"],"mentions":7}` + "\n" +
			`{"kind":"relation","doc":"a.txt","subject":"A","subject_type":"Person","predicate":"met","object":"B","object_type":"Person","modality":"planned","when":"2026-02","cameo":"036","confidence":0.9,"sentence":"s","start":0,"end":1,"attribution":"A"}` + "\n",
		want: []extract.Record{
			{Kind: "entity", Doc: "a.txt", Name: "Gustavo Petro", Type: "Person", Aliases: []string{"Petro"}, Mentions: 7},
			{Kind: "relation", Doc: "a.txt", Subject: "A", SubjectType: "Person", Predicate: "met", Object: "B", ObjectType: "Person",
				Modality: "planned", When: "2026-02", CAMEO: "036", Confidence: 0.9, Sentence: "s", Start: 0, End: 1, Attribution: "A"},
		},
	},
	{
		name: "blank lines, white space and no final newline",
		file: "p.jsonl",
		in:   "\n  \t\n  {\"kind\":\"entity\",\"name\":\"A\"}  \n\n{\"kind\":\"entity\",\"name\":\"B\"}",
		want: []extract.Record{{Kind: "entity", Name: "A"}, {Kind: "entity", Name: "B"}},
	},
	{
		name: "field names match exactly",
		file: "p.jsonl",
		in:   `{"Kind":"entity","kind":"relation","NAME":"x","extra":{"a":[1,2]}}`,
		want: []extract.Record{{Kind: "relation"}},
	},
	{
		name: "the last of duplicate fields wins",
		file: "p.jsonl",
		in:   `{"kind":"entity","name":"A","name":"B"}`,
		want: []extract.Record{{Kind: "entity", Name: "B"}},
	},
	{
		name: "null is absent",
		file: "p.jsonl",
		in:   `{"kind":"entity","name":null,"confidence":null}`,
		want: []extract.Record{{Kind: "entity"}},
	},
	{
		name: "CRLF line ends",
		file: "p.jsonl",
		in:   "{\"name\":\"A\"}\r\n{\"name\":\"B\"}\r\n",
		want: []extract.Record{{Name: "A"}, {Name: "B"}},
	},
	{
		name: "a lone CR ends a line of a file",
		file: "p.jsonl",
		in:   "{\"name\":\"A\"}\r{\"name\":\"B\"}\n",
		want: []extract.Record{{Name: "A"}, {Name: "B"}},
	},
	{
		name:  "a lone CR does not end a line of standard input",
		file:  "-",
		in:    "{\"name\":\"A\"}\r{\"name\":\"B\"}\n",
		error: "-:1: invalid character",
	},
	{
		name:  "line numbers count blank lines",
		file:  "p.jsonl",
		in:    "{\"name\":\"A\"}\n\n{oops\n",
		error: "score: bad record: p.jsonl:3: invalid character 'o'",
	},
	{
		name:  "line numbers count lone CRs in files",
		file:  "p.jsonl",
		in:    "{\"name\":\"A\"}\r\r{oops\n",
		error: "p.jsonl:3:",
	},
	{
		name:  "not an object",
		file:  "p.jsonl",
		in:    "[1,2]\n",
		error: "p.jsonl:1: json: cannot unmarshal array",
	},
	{
		name:  "null line",
		file:  "p.jsonl",
		in:    "null\n",
		error: "p.jsonl:1: not a JSON object",
	},
	{
		name:  "wrong field type",
		file:  "p.jsonl",
		in:    "{\"name\":\"A\"}\n{\"confidence\":\"high\"}\n",
		error: `p.jsonl:2: field "confidence": json: cannot unmarshal string`,
	},
	{
		name:  "invalid UTF-8",
		file:  "p.jsonl",
		in:    "{\"name\":\"\xff\"}\n",
		error: "p.jsonl:1: invalid UTF-8",
	},
	{
		name: "empty input",
		file: "p.jsonl",
		in:   "",
		want: nil,
	},
}

func TestReadRecords(t *testing.T) {
	for _, tc := range readRecordsCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadRecords(strings.NewReader(tc.in), tc.file)
			if tc.error != "" {
				if err == nil {
					t.Fatalf("ReadRecords: no error, want %q", tc.error)
				}
				if !strings.Contains(err.Error(), tc.error) || !errors.Is(err, ErrRecord) {
					t.Errorf("ReadRecords error %q, want it to contain %q and wrap ErrRecord", err, tc.error)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ReadRecords (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadRecordsLongLine(t *testing.T) {
	long := strings.Repeat("x", 1<<20)
	got, err := ReadRecords(strings.NewReader(`{"sentence":"`+long+`"}`), "p.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Sentence != long {
		t.Errorf("ReadRecords lost a 1 MiB line")
	}
}

// writeGold writes a gold directory with the given files (name → content).
func writeGold(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var goodGold = map[string]string{
	"entities.jsonl":        `{"id": "a", "type": "Person", "aliases": ["A"]}` + "\n",
	"s.docs.jsonl":          `{"doc": "x.txt", "date": "", "entities": ["a"]}` + "\n",
	"s.relations.jsonl":     `{"doc": "x.txt", "s": ["a"], "p": ["met"], "o": ["a"], "when": "2026", "optional": true, "evidence": "e"}` + "\n",
	"other.docs.jsonl":      "",
	"other.relations.jsonl": "",
}

func TestLoadGold(t *testing.T) {
	dir := writeGold(t, goodGold)
	g, err := LoadGold(dir, "s")
	if err != nil {
		t.Fatal(err)
	}
	want := &Gold{
		Set:       "s",
		Entities:  []GoldEntity{{ID: "a", Type: "Person", Aliases: []string{"A"}}},
		Docs:      []GoldDoc{{Doc: "x.txt", Entities: []string{"a"}}},
		Relations: []GoldRelation{{Doc: "x.txt", S: []string{"a"}, P: []string{"met"}, O: []string{"a"}, When: "2026", Optional: true, Evidence: "e"}},
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("LoadGold (-want +got):\n%s", diff)
	}
	if g, err := LoadGold(dir, "other"); err != nil || len(g.Docs) != 0 || len(g.Relations) != 0 {
		t.Errorf("LoadGold of an empty set = %+v, %v", g, err)
	}
}

func TestLoadGoldFixture(t *testing.T) {
	g, err := LoadGold(fixtureGold, fixtureSet)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Entities) != 9 || len(g.Docs) != 2 || len(g.Relations) != 14 {
		t.Errorf("fixture: %d entities, %d docs, %d relations; want 9, 2, 14", len(g.Entities), len(g.Docs), len(g.Relations))
	}
}

var loadGoldErrorCases = []struct {
	name     string
	replace  map[string]string
	set      string
	error    string
	sentinel bool
}{
	{"missing set", nil, "nope", "nope.docs.jsonl", false},
	{"missing entities", map[string]string{"entities.jsonl": "\x00delete"}, "s", "entities.jsonl", false},
	{"bad JSON", map[string]string{"s.docs.jsonl": "\n{\"doc\": \"x.txt\"}\n{\"doc\": \n"}, "s", "s.docs.jsonl:3:", true},
	{"entity without id", map[string]string{"entities.jsonl": `{"type": "Person"}`}, "s", `entities.jsonl:1: no "id"`, true},
	{"doc without name", map[string]string{"s.docs.jsonl": `{"entities": []}`}, "s", `s.docs.jsonl:1: no "doc"`, true},
	{"relation without predicate", map[string]string{"s.relations.jsonl": `{"doc": "x.txt", "s": ["a"], "p": [], "o": ["a"]}`}, "s", "s.relations.jsonl:1: \"s\", \"p\" and \"o\"", true},
	{"wrong type", map[string]string{"s.relations.jsonl": `{"doc": "x.txt", "s": "a", "p": ["met"], "o": ["a"]}`}, "s", "s.relations.jsonl:1: json: cannot unmarshal string", true},
}

func TestLoadGoldErrors(t *testing.T) {
	for _, tc := range loadGoldErrorCases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range goodGold {
				files[k] = v
			}
			for k, v := range tc.replace {
				if v == "\x00delete" {
					delete(files, k)
				} else {
					files[k] = v
				}
			}
			_, err := LoadGold(writeGold(t, files), tc.set)
			if err == nil {
				t.Fatalf("LoadGold: no error, want %q", tc.error)
			}
			if !strings.Contains(err.Error(), tc.error) {
				t.Errorf("LoadGold error %q, want it to contain %q", err, tc.error)
			}
			if errors.Is(err, ErrRecord) != tc.sentinel {
				t.Errorf("LoadGold error %q: wraps ErrRecord = %v, want %v", err, !tc.sentinel, tc.sentinel)
			}
		})
	}
}

// FuzzReadRecords checks that ReadRecords never panics, and that what it
// reads survives writing as JSONL and reading back.
func FuzzReadRecords(f *testing.F) {
	for _, tc := range readRecordsCases {
		f.Add(tc.in, tc.file == "-")
	}
	if b, err := os.ReadFile(fixturePred); err == nil {
		f.Add(string(b), false)
	}
	f.Fuzz(func(t *testing.T, in string, stdin bool) {
		name := "f.jsonl"
		if stdin {
			name = "-"
		}
		recs, err := ReadRecords(strings.NewReader(in), name)
		if err != nil {
			if !errors.Is(err, ErrRecord) {
				t.Fatalf("ReadRecords error %q does not wrap ErrRecord", err)
			}
			return
		}
		var b bytes.Buffer
		for _, r := range recs {
			line, err := json.Marshal(r)
			if err != nil {
				t.Fatalf("marshal %+v: %v", r, err)
			}
			b.Write(line)
			b.WriteByte('\n')
		}
		again, err := ReadRecords(&b, name)
		if err != nil {
			t.Fatalf("reading back %q: %v", b.String(), err)
		}
		if diff := cmp.Diff(recs, again, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("records changed on a round trip (-first +second):\n%s", diff)
		}
	})
}
