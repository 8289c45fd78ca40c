package conllu

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const sample = "# newdoc id = d1\n" +
	"# sent_id = s1\n" +
	"# text = I don't know.\n" +
	"1\tI\tI\tPRON\tPRP\tCase=Nom\t3\tnsubj\t3:nsubj\t_\n" +
	"2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
	"2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n" +
	"3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n" +
	"4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n" +
	"4.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t4:conj\t_\n" +
	"5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n" +
	"\n" +
	"# sent_id = s2\n" +
	"1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_\r\n"

var readCases = []struct {
	name    string
	in      string
	want    []Sentence
	wantErr string
}{
	{
		name: "two sentences, multiword and empty nodes skipped, no final blank line, CRLF",
		in:   sample,
		want: []Sentence{
			{ID: "s1", Text: "I don't know.", Tokens: []Token{
				{1, "I", "I", "PRON", "PRP", "Case=Nom", 3, "nsubj", "3:nsubj", "_"},
				{2, "do", "do", "AUX", "VBP", "_", 4, "aux", "4:aux", "_"},
				{3, "n't", "not", "PART", "RB", "_", 4, "advmod", "4:advmod", "_"},
				{4, "know", "know", "VERB", "VB", "_", 0, "root", "0:root", "SpaceAfter=No"},
				{5, ".", ".", "PUNCT", ".", "_", 4, "punct", "4:punct", "_"},
			}},
			{ID: "s2", Tokens: []Token{{1, "Hi", "hi", "INTJ", "UH", "_", 0, "root", "0:root", "_"}}},
		},
	},
	{
		name: "underscore head",
		in:   "1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\n\n",
		want: []Sentence{{Tokens: []Token{{1, "x", "_", "_", "_", "_", -1, "_", "_", "_"}}}},
	},
	{name: "empty", in: "", want: nil},
	{name: "comments only", in: "# a = b\n\n", want: nil},
	{name: "too few fields", in: "# x\n1\tx\n", wantErr: "line 2"},
	{name: "bad id", in: "a\tx\t_\t_\t_\t_\t0\t_\t_\t_\n", wantErr: "line 1: bad ID"},
	{name: "bad head", in: "\n1\tx\t_\t_\t_\t_\tz\t_\t_\t_\n", wantErr: "line 2: bad HEAD"},
}

func TestRead(t *testing.T) {
	for _, tc := range readCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.conllu")
	if err := os.WriteFile(p, []byte("1\tx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(p)
	if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("err = %v, want file name and line", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing")); err == nil || !os.IsNotExist(unwrapAll(err)) {
		t.Errorf("missing file: err = %v", err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return err
		}
		err = u.Unwrap()
	}
}

func FuzzRead(f *testing.F) {
	f.Add(sample)
	for _, tc := range readCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		a, errA := Read(strings.NewReader(in))
		b, errB := Read(strings.NewReader(in))
		if (errA == nil) != (errB == nil) || !cmp.Equal(a, b) {
			t.Fatal("Read is not deterministic")
		}
		for _, s := range a {
			if len(s.Tokens) == 0 {
				t.Fatal("sentence with no tokens")
			}
		}
	})
}
