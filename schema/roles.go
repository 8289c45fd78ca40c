package schema

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// Role is a noun that relates what it describes to another entity: "wife"
// (spouse_of), "citizen" (citizen_of), "city" (located_in).
type Role struct {
	Noun      string // as listed: "son-in-law"
	Predicate string // a state predicate of the schema
}

// Roles maps role nouns, folded, to their predicate. It is read-only after
// loading and safe for concurrent use.
type Roles struct {
	byFold map[string]Role
}

var (
	rolesOnce sync.Once
	rolesDef  *Roles
	rolesErr  error
)

// DefaultRoles returns the role nouns of the embedded roles*.tsv files. They
// are loaded once; a malformed file is a build defect and panics.
func DefaultRoles() *Roles {
	rolesOnce.Do(func() { rolesDef, rolesErr = loadRoles(dataFS, "data") })
	if rolesErr != nil {
		panic(rolesErr)
	}
	return rolesDef
}

// loadRoles reads the files roles*.tsv of directory dir of fsys, in name
// order: one noun and one state predicate (not title) a line. Errors name
// the file and line.
func loadRoles(fsys fs.FS, dir string) (*Roles, error) {
	r := &Roles{byFold: map[string]Role{}}
	files, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("schema: read role data: %w", err)
	}
	for _, f := range files {
		if !strings.HasPrefix(f.Name(), "roles") {
			continue
		}
		if err := readTSV(fsys, path.Join(dir, f.Name()), r.add); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// add parses: noun, predicate.
func (r *Roles) add(cols []string) error {
	if len(cols) != 2 {
		return fmt.Errorf("want noun and predicate")
	}
	noun, pred := strings.TrimSpace(cols[0]), strings.TrimSpace(cols[1])
	p, ok := LookupPredicate(pred)
	if !ok || p.Kind != State || p.LiteralObject {
		return fmt.Errorf("role %q: %q is not a state predicate", noun, pred)
	}
	if noun == "" {
		return fmt.Errorf("empty role noun")
	}
	r.byFold[Fold(noun)] = Role{Noun: noun, Predicate: pred}
	return nil
}

// Lookup reports the role that noun (singular, in any case) names.
func (r *Roles) Lookup(noun string) (Role, bool) {
	x, ok := r.byFold[Fold(noun)]
	return x, ok
}
