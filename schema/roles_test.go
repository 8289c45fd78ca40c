package schema

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultRoles(t *testing.T) {
	cases := []struct {
		noun string
		want Role
		ok   bool
	}{
		{"wife", Role{"wife", SpouseOf}, true},
		{"Daughter-in-law", Role{"daughter-in-law", RelativeOf}, true},
		{"citizen", Role{"citizen", CitizenOf}, true},
		{"city", Role{"city", LocatedIn}, true},
		{"member", Role{"member", MemberOf}, true},
		{"resident", Role{"resident", LivesIn}, true},
		{"lawyer", Role{}, false},
		{"president", Role{}, false}, // a title, in titles.tsv
	}
	r := DefaultRoles()
	for _, c := range cases {
		t.Run(c.noun, func(t *testing.T) {
			got, ok := r.Lookup(c.noun)
			if ok != c.ok {
				t.Fatalf("Lookup(%q) ok = %v, want %v", c.noun, ok, c.ok)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("Lookup(%q) (-want +got)\n%s", c.noun, diff)
			}
		})
	}
}

func TestLoadRolesErrors(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"event predicate", "wife\tmet\n", "roles_x.tsv:1"},
		{"title predicate", "# c\nwife\ttitle\n", "roles_x.tsv:2"},
		{"unknown predicate", "wife\tmarried_to\n", "not a state predicate"},
		{"missing column", "wife\n", "want noun and predicate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"d/roles_x.tsv": {Data: []byte(c.data)}}
			_, err := loadRoles(fsys, "d")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("loadRoles error = %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestLoadRolesIgnoresOtherFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"d/roles.tsv":  {Data: []byte("niece\trelative_of\n")},
		"d/titles.tsv": {Data: []byte("wife\tleader_of\n")},
	}
	r, err := loadRoles(fsys, "d")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Lookup("wife"); ok {
		t.Error("a title file's line was read as a role")
	}
	if got, _ := r.Lookup("niece"); got.Predicate != RelativeOf {
		t.Errorf("niece = %+v, want relative_of", got)
	}
}
