package schema

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestGivenNameFile(t *testing.T) {
	g, err := loadFS(fstest.MapFS{"d/names_x.tsv": {Data: []byte("# comment\nIsabel\tf\nTomás\tm\n")}}, "d")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		word string
		want Gender
		ok   bool
	}{
		{"Isabel", Female, true},
		{"Tomas", Male, true}, // diacritics fold
		{"TOMÁS", Male, true},
		{"isabel", "", false}, // a given name is written with a capital
		{"Lima", "", false},
		{"", "", false},
	}
	for _, tc := range cases {
		if got, ok := g.GivenName(tc.word); got != tc.want || ok != tc.ok {
			t.Errorf("GivenName(%q) = %q, %v; want %q, %v", tc.word, got, ok, tc.want, tc.ok)
		}
	}
	for data, want := range map[string]string{"Ana\tx\n": `gender "x" is not m or f`, "Ana\n": "want given name and gender"} {
		_, err := loadFS(fstest.MapFS{"d/names_x.tsv": {Data: []byte(data)}}, "d")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("loadFS(%q): error %v, want %q", data, err, want)
		}
	}
}
