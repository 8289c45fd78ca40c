package main

import (
	"bytes"
	"strings"
	"testing"
)

var runCases = []struct {
	name    string
	args    []string
	exit    int
	wantErr string
}{
	{"no command", nil, 2, "usage: newsgraph-train"},
	{"unknown command", []string{"fit"}, 2, "usage: newsgraph-train"},
	{"unknown model", []string{"eval", "lemmatizer"}, 2, `unknown model "lemmatizer"`},
	{"bad flag", []string{"train", "-epochs", "3"}, 2, "flag provided but not defined"},
	{"missing data folder", []string{"eval", "-data", "/nonexistent/newsgraph-data", "pos"}, 1, "newsgraph-train: eval pos:"},
}

func TestRun(t *testing.T) {
	for _, tc := range runCases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if got := run(tc.args, &out, &errb); got != tc.exit {
				t.Fatalf("run(%q) = %d, want %d; stderr:\n%s", tc.args, got, tc.exit, errb.String())
			}
			if !strings.Contains(errb.String(), tc.wantErr) {
				t.Errorf("stderr %q does not contain %q", errb.String(), tc.wantErr)
			}
		})
	}
}

func TestRegisteredModels(t *testing.T) {
	for _, name := range []string{"pos", "parse", "ner"} {
		tk, ok := tasks[name]
		if !ok || tk.Train == nil || tk.Eval == nil {
			t.Errorf("model %q is not registered with both Train and Eval", name)
		}
	}
}
