package score

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// referenceScorer returns python3 and the reference scorer, which lives
// beside the repository at ../shared/tools/score.py; it skips the test when
// either is missing.
func referenceScorer(t *testing.T) (python, script string) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH")
	}
	script, err = filepath.Abs(filepath.Join("..", "..", "shared", "tools", "score.py"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(script); err != nil {
		t.Skipf("reference scorer not found: %v", err)
	}
	return python, script
}

// runScorePy runs score.py and returns what it prints.
func runScorePy(t *testing.T, python, script string, stdin []byte, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(python, append([]string{script}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// compareWithScorePy scores pred against the gold set with both scorers
// and asserts identical output in text, verbose and JSON form.
func compareWithScorePy(t *testing.T, goldDir, set, pred string) {
	t.Helper()
	python, script := referenceScorer(t)
	g, err := LoadGold(goldDir, set)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(pred)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ReadRecords(bytes.NewReader(data), pred)
	if err != nil {
		t.Fatal(err)
	}
	res := Score(g, recs)
	for _, tc := range []struct {
		name  string
		flags []string
		write func(*bytes.Buffer) error
	}{
		{"text", nil, func(b *bytes.Buffer) error { return res.WriteText(b, false) }},
		{"verbose", []string{"--verbose"}, func(b *bytes.Buffer) error { return res.WriteText(b, true) }},
		{"json", []string{"--json"}, func(b *bytes.Buffer) error { return res.WriteJSON(b) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := runScorePy(t, python, script, nil, append([]string{goldDir, set, pred}, tc.flags...)...)
			var got bytes.Buffer
			if err := tc.write(&got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("score.py %s (-python +go):\n%s", strings.Join(tc.flags, " "), diff)
			}
		})
	}
	t.Run("stdin", func(t *testing.T) {
		want := runScorePy(t, python, script, data, goldDir, set, "-", "--verbose")
		recs, err := ReadRecords(bytes.NewReader(data), "-")
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := Score(g, recs).WriteText(&got, true); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), got.String()); diff != "" {
			t.Errorf("score.py - --verbose (-python +go):\n%s", diff)
		}
	})
}

func TestAgainstScorePyFixture(t *testing.T) {
	compareWithScorePy(t, fixtureGold, fixtureSet, fixturePred)
}

// TestAgainstScorePySeeds scores predictions made up from the repository's
// seed gold set, right and wrong in many ways, with both scorers.
func TestAgainstScorePySeeds(t *testing.T) {
	goldDir := filepath.Join("..", "testdata", "gold")
	g, err := LoadGold(goldDir, "seeds")
	if err != nil {
		t.Skipf("seed gold set: %v", err)
	}
	compareWithScorePy(t, goldDir, "seeds", writeJSONL(t, madeUpRecords(g)))
}

// madeUpRecords derives predictions from a gold set deterministically:
// entities named by varying aliases, some missed, some mistyped, some
// invented; relations from varying alternatives, some missed, reversed,
// duplicated with other confidences, given other modalities and dates, plus
// titles and records of documents outside the set.
func madeUpRecords(g *Gold) []extract.Record {
	byID := map[string]GoldEntity{}
	for _, e := range g.Entities {
		byID[e.ID] = e
	}
	name := func(id string, i int) string {
		e, ok := byID[id]
		if !ok || len(e.Aliases) == 0 {
			return strings.ReplaceAll(id, "_", " ")
		}
		return e.Aliases[i%len(e.Aliases)]
	}
	var recs []extract.Record
	for i, d := range g.Docs {
		for j, id := range append(append([]string{}, d.Entities...), d.OptionalEntities...) {
			if (i+j)%5 == 4 {
				continue
			}
			typ := byID[id].Type
			if (i+j)%4 == 3 {
				typ = "Other"
			}
			recs = append(recs, extract.Record{Kind: "entity", Doc: d.Doc, Name: name(id, i+j), Type: typ, Mentions: 1})
		}
		recs = append(recs, extract.Record{Kind: "entity", Doc: d.Doc, Name: fmt.Sprintf("Nobody %d", i), Type: "Person"})
	}
	pick := func(xs []string, i int) string { return xs[i%len(xs)] }
	for i, r := range g.Relations {
		if i%6 == 5 {
			continue
		}
		s, p, o := pick(r.S, i), pick(r.P, i), pick(r.O, i+1)
		if i%7 == 3 {
			s, o = o, s // reversed: right for symmetric predicates only
		}
		mod := r.Modality
		if i%5 == 2 {
			mod = string(schema.Hypothetical)
		}
		when := r.When
		switch i % 4 {
		case 1:
			when += "-15"
		case 2:
			when = "2026"
		}
		rec := extract.Record{Kind: "relation", Doc: r.Doc, Subject: name(s, i), Predicate: p, Object: name(o, i+2),
			Modality: mod, When: when, Confidence: float64(i%10) / 10, Sentence: r.Evidence}
		recs = append(recs, rec)
		if i%5 == 0 {
			dup := rec
			dup.Modality, dup.Confidence = string(schema.Negated), rec.Confidence+0.05
			recs = append(recs, dup)
		}
		if i%8 == 1 {
			recs = append(recs, extract.Record{Kind: "relation", Doc: r.Doc, Subject: name(s, i), Predicate: "title",
				Object: "President", Confidence: 1})
			recs = append(recs, extract.Record{Kind: "relation", Doc: r.Doc, Subject: "Nobody", Predicate: "praised",
				Object: name(o, i), Sentence: strings.Repeat("é", 130)})
		}
	}
	recs = append(recs, extract.Record{Kind: "relation", Doc: "not-in-set.txt", Subject: "A", Predicate: "met", Object: "B"})
	return recs
}

// normInputs are names that exercise every step of score.py's norm.
var normInputs = []string{
	"U.S.", "US", "the United States", "The  Caribbean", "Colombia's", "Colombia’s", "the U.S.'s",
	"Nicolás Maduro", "Bogotá", "ÉLYSÉE", "Côte d’Ivoire", "´acute", "résumé", "İstanbul",
	"García‐Peña", "García‑Peña", "García‒Peña", "García–Peña", "García—Peña", "García―Peña", "García−Peña",
	"Straße", "Æsir", "Jonas Gahr Støre", "Łukasz", "Đoković", "Þór", "ı", "Œuvre",
	"“Quoted”", "soft\u00adhyphen", "ﬁnance", "ＵＳＡ", "x²", "Й", "Ελληνικά", "ΟΔΥΣΣΕΥΣ", "ΣΑΣ.",
	"…the", "ǅ", "ſ", "\u212b", "x 's", "the the x", "a\u00a0b", "a\u2009b", "a\x1cb", "a\u3000b",
	"Kurdistan24", "", "...", "  ",
}

// TestNormAgainstPython runs score.py's own norm on normInputs and compares.
// It also reports where schema.Fold, the folding the rest of newsgraph uses,
// differs from it.
func TestNormAgainstPython(t *testing.T) {
	python, script := referenceScorer(t)
	in, err := json.Marshal(normInputs)
	if err != nil {
		t.Fatal(err)
	}
	const prog = `import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("score", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
print(json.dumps([m.norm(s) for s in json.load(sys.stdin)]))`
	cmd := exec.Command(python, "-c", prog, script)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python norm: %v", err)
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(normInputs) {
		t.Fatalf("python returned %d names for %d", len(want), len(normInputs))
	}
	for i, s := range normInputs {
		if got := normName(s); got != want[i] {
			t.Errorf("normName(%q) = %q, score.py norm = %q", s, got, want[i])
		}
		if f := schema.Fold(s); f != want[i] {
			t.Logf("schema.Fold(%q) = %q, score.py norm = %q", s, f, want[i])
		}
	}
}
