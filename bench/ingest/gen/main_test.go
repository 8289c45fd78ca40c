package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

const root = "../../.."

var testConfig = config{words: 600, start: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), days: 120}

// readCorpus returns the files of dir by name.
func readCorpus(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name()] = string(b)
	}
	return out
}

func gen(t *testing.T, n int, seed uint64) map[string]string {
	t.Helper()
	dir := t.TempDir()
	if _, err := generate(root, dir, n, seed, testConfig); err != nil {
		t.Fatal(err)
	}
	return readCorpus(t, dir)
}

// TestDeterministic checks that a corpus depends on its seed only, that
// another seed gives other articles, and that the corpus of n is the
// first n articles of a larger one.
func TestDeterministic(t *testing.T) {
	a, b := gen(t, 12, 7), gen(t, 12, 7)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different corpora (-first +second):\n%s", diff)
	}
	other := gen(t, 12, 8)
	same := 0
	for name, text := range other {
		if a[name] == text {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 7 and 8 share %d of 12 articles", same)
	}
	prefix := gen(t, 5, 7)
	for name, text := range prefix {
		if a[name] != text {
			t.Errorf("%s of the corpus of 5 differs from that of the corpus of 12", name)
		}
	}
	if len(prefix) != 5 {
		t.Errorf("corpus of 5 has %d files", len(prefix))
	}
}

var dateLine = regexp.MustCompile(`^date (\d{4}-\d{2}-\d{2})\n`)

// TestCountAndLength checks the number of files, their date lines, their
// length and the spread of their dates.
func TestCountAndLength(t *testing.T) {
	const n = 60
	corpus := gen(t, n, 1)
	if len(corpus) != n {
		t.Fatalf("got %d files, want %d", len(corpus), n)
	}
	total := 0
	dates := map[string]bool{}
	last := testConfig.start.AddDate(0, 0, testConfig.days-1).Format("2006-01-02")
	for name, text := range corpus {
		if !strings.HasSuffix(name, ".txt") {
			t.Errorf("file %s is not .txt", name)
		}
		m := dateLine.FindStringSubmatch(text)
		if m == nil {
			t.Errorf("%s: first line %q is not a date line", name, strings.SplitN(text, "\n", 2)[0])
			continue
		}
		if m[1] < testConfig.start.Format("2006-01-02") || m[1] > last {
			t.Errorf("%s: date %s outside [%s, %s]", name, m[1], testConfig.start.Format("2006-01-02"), last)
		}
		dates[m[1]] = true
		w := len(strings.Fields(text))
		total += w
		if w < 450 || w > 850 {
			t.Errorf("%s: %d words, want about 600", name, w)
		}
	}
	if mean := total / n; mean < 560 || mean > 720 {
		t.Errorf("mean length %d words, want about 600", mean)
	}
	if len(dates) < n/3 {
		t.Errorf("only %d distinct dates in %d articles", len(dates), n)
	}
}

// TestReuse checks the spread of entities: many distinct ones, a few
// recurring in a large share of the articles (Zipf-like), and articles
// linked by shared entities into one connected corpus.
func TestReuse(t *testing.T) {
	m, err := loadMaterial(root, 1)
	if err != nil {
		t.Fatal(err)
	}
	const n = 400
	count := map[string]int{}
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	firstSeen := map[string]int{}
	for i := range n {
		a := m.article(1, i, testConfig)
		for _, e := range a.Entities {
			count[e]++
			if j, ok := firstSeen[e]; ok {
				parent[find(i)] = find(j)
			} else {
				firstSeen[e] = i
			}
		}
	}
	top, once := 0, 0
	for _, c := range count {
		top = max(top, c)
		if c == 1 {
			once++
		}
	}
	t.Logf("%d articles: %d distinct entities, the most frequent in %d articles, %d in one only", n, len(count), top, once)
	if len(count) < 1000 {
		t.Errorf("%d distinct entities in %d articles, want at least 1000", len(count), n)
	}
	if top < n/10 {
		t.Errorf("the most frequent entity is in %d of %d articles, want at least %d", top, n, n/10)
	}
	if once < len(count)/3 {
		t.Errorf("%d of %d entities occur in one article only, want a long tail (at least a third)", once, len(count))
	}
	size := map[int]int{}
	biggest := 0
	for i := range n {
		size[find(i)]++
		biggest = max(biggest, size[find(i)])
	}
	t.Logf("largest group of articles linked by shared entities: %d of %d", biggest, n)
	if biggest < n*95/100 {
		t.Errorf("largest group of articles linked by shared entities: %d of %d", biggest, n)
	}
}

// TestArticlesExtract runs the extractor over generated articles: each
// must yield people, countries and relations, and the invented people
// must be found under their invented names.
func TestArticlesExtract(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the NLP models")
	}
	m, err := loadMaterial(root, 1)
	if err != nil {
		t.Fatal(err)
	}
	p := extract.NewPipeline()
	for i := range 6 {
		a := m.article(1, i, testConfig)
		doc, err := p.Extract(a.Name, a.Name, []byte(a.Text))
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		types := map[schema.EntityType]int{}
		found := map[string]bool{}
		for _, e := range doc.Entities {
			types[e.Type]++
			found[e.Name] = true
		}
		t.Logf("%s: %d entities (%d people, %d countries), %d relations", a.Name, len(doc.Entities), types[schema.Person], types[schema.Country], len(doc.Relations))
		if types[schema.Person] < 3 || types[schema.Country] < 2 || len(doc.Relations) < 5 {
			t.Errorf("%s: %d people, %d countries, %d relations; want at least 3, 2 and 5", a.Name, types[schema.Person], types[schema.Country], len(doc.Relations))
		}
		if doc.Date != a.Date {
			t.Errorf("%s: extracted date %q, want %q", a.Name, doc.Date, a.Date)
		}
		invented := 0
		for _, e := range a.Entities {
			if found[e] {
				invented++
			}
		}
		if invented < 3 {
			t.Errorf("%s: only %d of the substituted entities %q are among the extracted ones", a.Name, invented, a.Entities)
		}
	}
}

// substCases are source paragraphs and, for each, the article text wanted,
// in which <Italy>, <Italy:demonym>, <Italy:demonyms>, <Italy:capital>,
// <city:Milan>, <org:Interpol> and <person:Valdés> stand for the
// replacements the article chose, and <a:X> for the indefinite article
// before X's replacement.
var substCases = []struct {
	name, text, want string
}{
	{
		name: "country forms agree",
		text: "Italian police arrested him in Rome, Italy's capital. Italians protested, and Italy said so.",
		want: "<Italy:demonym> police arrested him in <Italy:capital>, <Italy>'s capital. <Italy:demonyms> protested, and <Italy> said so.",
	},
	{
		name: "people consistent",
		text: "Police arrested Rodrigo Valdés Ortiz on Monday. Valdés's lawyer, Tomás Herrera, said Valdés was innocent.",
		want: "Police arrested <person:Rodrigo> <person:Valdés> <person:Ortiz> on Monday. <person:Valdés>'s lawyer, <person:Tomás> <person:Herrera>, said <person:Valdés> was innocent.",
	},
	{
		name: "seat becomes capital without the",
		text: "The Kremlin denied it, and Russia's envoy left. The Russian embassy closed.",
		want: "<Russia:capital> denied it, and <Russia>'s envoy left. The <Russia:demonym> embassy closed.",
	},
	{
		name: "the dropped before a country name",
		text: "Sanctions by the United Kingdom hit Myanmar.",
		want: "Sanctions by <United Kingdom> hit <Myanmar>.",
	},
	{
		name: "abbreviation as adjective or name",
		text: "Ties strained by U.S. tariffs; Britain and U.S. condemn it.",
		want: "Ties strained by <United States:demonym> tariffs; <United Kingdom> and <United States> condemn it.",
	},
	{
		name: "cities and organisations",
		text: "Interpol circulated a notice in Milan. The Christian Democratic Party met Interpol officials in Milan.",
		want: "<org:Interpol> circulated a notice in <city:Milan>. The Christian Democratic Party met <org:Interpol> officials in <city:Milan>.",
	},
	{
		name: "indefinite article agrees",
		text: "He met an Italian officer and a Russian one.",
		want: "He met <a:Italy:demonym> <Italy:demonym> officer and <a:Russia:demonym> <Russia:demonym> one.",
	},
}

var placeholder = regexp.MustCompile(`<([^<>]+)>`)

// TestSubstitution renders source paragraphs and checks each entity's
// replacement: consistent across its forms and mentions, and grammatical.
func TestSubstitution(t *testing.T) {
	m, err := loadMaterial(root, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range substCases {
		t.Run(tc.name, func(t *testing.T) {
			src, err := m.parseSource("case.txt", "Headline\n\n"+tc.text)
			if err != nil {
				t.Fatal(err)
			}
			for seed := range uint64(20) {
				st := newSubst(m, seed, 0)
				got := st.render(src, src.paras[0])
				var expand func(string) string
				expand = func(ph string) string {
					kind, arg, _ := strings.Cut(ph[1:len(ph)-1], ":")
					switch kind {
					case "a":
						return indefinite(expand("<" + arg + ">"))
					case "person":
						return st.person["case.txt\x00"+arg]
					case "city":
						return st.city[entry(t, m, arg)].Name
					case "org":
						return st.org[entry(t, m, arg)].Name
					}
					c := st.country[entry(t, m, kind)]
					if c == nil {
						t.Fatalf("no replacement for %s in %q", kind, got)
					}
					switch arg {
					case "demonym":
						return c.Demonyms[0]
					case "demonyms":
						return plural(c)
					case "capital":
						return c.Capitals[0]
					}
					return c.Name
				}
				want := placeholder.ReplaceAllStringFunc(tc.want, expand)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("seed %d (-want +got):\n%s", seed, diff)
				}
			}
		})
	}
}

// TestDateline checks that the first article's dateline is kept, in
// capitals, as its capital's replacement, without agency or date.
func TestDateline(t *testing.T) {
	m, err := loadMaterial(root, 1)
	if err != nil {
		t.Fatal(err)
	}
	src, err := m.parseSource("d.txt", "date 2025-01-01\nHeadline\n\nHARARE, Feb 12, 2026 (AP) - Zimbabwean police acted.")
	if err != nil {
		t.Fatal(err)
	}
	st := newSubst(m, 1, 0)
	got := st.render(src, src.dateline) + " — " + st.render(src, src.paras[0])
	z := entry(t, m, "Zimbabwe")
	want := strings.ToUpper(st.country[z].Capitals[0]) + " — " + st.country[z].Demonyms[0] + " police acted."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func entry(t *testing.T, m *material, name string) *schema.Entry {
	t.Helper()
	e, ok := m.gaz.Lookup(name)
	if !ok {
		t.Fatalf("gazetteer lacks %q", name)
	}
	return e.Entry
}

// TestNoSeedText checks that no sentence of testdata/seeds, the excerpts
// of real articles, finds its way into a generated article.
func TestNoSeedText(t *testing.T) {
	seeds, err := filepath.Glob(filepath.Join(root, "testdata", "seeds", "*.txt"))
	if err != nil || len(seeds) == 0 {
		t.Skip("no seed articles")
	}
	var lines []string
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if len(l) > 60 {
				lines = append(lines, l[:60])
			}
		}
	}
	for name, text := range gen(t, 30, 1) {
		for _, l := range lines {
			if strings.Contains(text, l) {
				t.Errorf("%s contains seed text %q", name, l)
			}
		}
	}
}

// TestSurnamesAreNotOtherNames checks the surname list: no duplicates, and
// no surname the gazetteer knows as a given name or an entity.
func TestSurnamesAreNotOtherNames(t *testing.T) {
	g := schema.Default()
	if !slices.IsSorted(surnames) {
		t.Error("surnames are not sorted")
	}
	if len(slices.Compact(slices.Clone(surnames))) != len(surnames) {
		t.Error("surnames has duplicates")
	}
	for _, s := range surnames {
		if _, ok := g.GivenName(s); ok {
			t.Errorf("surname %q is a given name", s)
		}
		if m, ok := g.Lookup(s); ok {
			t.Errorf("surname %q names %s", s, m.Entry.Name)
		}
		if strings.Contains(s, " ") {
			t.Errorf("surname %q has a space", s)
		}
	}
}

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	cases := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"writes", []string{"-n", "3", "-o", dir, "-root", root}, 0, "wrote 3 articles to " + dir},
		{"no output", []string{"-n", "3"}, 2, ""},
		{"bad date", []string{"-n", "3", "-o", dir, "-start", "May"}, 2, ""},
		{"bad flag", []string{"-nope"}, 2, ""},
		{"bad root", []string{"-n", "1", "-o", dir, "-root", t.TempDir()}, 1, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(tc.args, &out, &errOut); code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, errOut.String())
			}
			if !strings.HasPrefix(out.String(), tc.out) {
				t.Errorf("stdout %q, want prefix %q", out.String(), tc.out)
			}
		})
	}
	if files, _ := os.ReadDir(dir); len(files) != 3 {
		t.Errorf("%d files written, want 3", len(files))
	}
}

// FuzzParseSource parses arbitrary text as a source article and renders
// it: no panic, the same text twice for the same random source, and every
// paragraph rendered to non-empty text.
func FuzzParseSource(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(root, "testdata", "dev", "*.txt"))
	for _, name := range files[:min(3, len(files))] {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("Headline\n\nLIMA, May 2 (AP) - The Kremlin and an U.S. envoy, Ana Ruiz, met Ruiz's Interpol aides.")
	m, err := loadMaterial(root, 1)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		src, err := m.parseSource("fuzz.txt", text)
		if err != nil {
			return
		}
		render := func() string {
			st := newSubst(m, 1, 0)
			var b strings.Builder
			b.WriteString(st.render(src, src.dateline))
			b.WriteString(st.render(src, src.headline))
			for _, p := range src.paras {
				s := st.render(src, p)
				if strings.TrimSpace(s) == "" {
					t.Errorf("a paragraph rendered empty")
				}
				b.WriteString(s)
			}
			return b.String()
		}
		if a, b := render(), render(); a != b {
			t.Errorf("two renderings differ:\n%s\n%s", a, b)
		}
	})
}
