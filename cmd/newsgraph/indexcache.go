package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// indexCacheEnv names the directory of the query index cache, or "off".
const indexCacheEnv = "NEWSGRAPH_INDEX_CACHE"

// indexCacheVersion changes whenever graph.Relations or the cache file
// layout changes: files of another version are ignored.
const indexCacheVersion = 1

// indexCacheHeader opens a cache file; the graph.Relations follow it.
type indexCacheHeader struct {
	Version    int
	Store      string // the cache key's inputs, to tell collisions apart
	Generation graph.Generation
}

// loadGraph loads the query graph of store s. On a database server
// (postgres, cockroach) reading every relation over the network dominates
// a query, so the relations read are kept in a local cache file, keyed by
// the database URL and identity, and used again while the store's
// Generation (read from the server on every command) is unchanged: any
// write by any process makes the next command read the server again. The
// cache lives in $NEWSGRAPH_INDEX_CACHE, or else the user cache directory
// (newsgraph/ under it); NEWSGRAPH_INDEX_CACHE=off turns it off. The
// embedded backends are read directly: they are local already.
func loadGraph(c *cli.Context, s *graph.Store) (*queries.Graph, error) {
	ctx := c.Context
	dir := indexCacheDir()
	if !isSQL(s.Backend()) || dir == "" {
		return queries.Load(ctx, s)
	}
	id, err := s.Identity(ctx)
	if err != nil {
		return nil, err
	}
	// The password is no part of the key: the file records the key.
	key := s.Backend() + "\n" + graph.RedactURL(s.Address()) + "\n" + id
	sum := sha256.Sum256([]byte(key))
	file := filepath.Join(dir, "index-"+hex.EncodeToString(sum[:12])+".gob")
	gen, err := s.Generation(ctx)
	if err != nil {
		return nil, err
	}
	if rel, ok := readIndexCache(file, key, gen); ok {
		return queries.FromRelations(rel, s), nil
	}
	rel, err := s.ScanRelations(ctx)
	if err != nil {
		return nil, fmt.Errorf("queries: scan relations: %w", err)
	}
	// A cache that cannot be written costs speed, not correctness.
	_ = writeIndexCache(dir, file, key, rel)
	return queries.FromRelations(rel, s), nil
}

// indexCacheDir returns the cache directory, or "" when caching is off
// or no directory is known.
func indexCacheDir() string {
	if v := os.Getenv(indexCacheEnv); v != "" {
		if strings.EqualFold(v, "off") {
			return ""
		}
		return v
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "newsgraph")
}

// readIndexCache returns the relations cached in file for the store key at
// generation gen; ok is false when there are none (no file, another
// version, store or generation, or a damaged file).
func readIndexCache(file, key string, gen graph.Generation) (*graph.Relations, bool) {
	f, err := os.Open(file)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReader(f))
	var h indexCacheHeader
	if err := dec.Decode(&h); err != nil || h.Version != indexCacheVersion || h.Store != key || h.Generation != gen {
		return nil, false
	}
	var rel graph.Relations
	if err := dec.Decode(&rel); err != nil || rel.Generation != gen {
		return nil, false
	}
	return &rel, true
}

// writeIndexCache stores rel in file, replacing it whole (a reader sees
// the old file or the new one, never a part).
func writeIndexCache(dir, file, key string, rel *graph.Relations) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".index-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	w := bufio.NewWriter(tmp)
	enc := gob.NewEncoder(w)
	err = errors.Join(
		enc.Encode(indexCacheHeader{Version: indexCacheVersion, Store: key, Generation: rel.Generation}),
		enc.Encode(rel),
	)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}
