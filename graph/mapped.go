package graph

import (
	"path/filepath"

	"github.com/boltdb/bolt"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// MappedBudget bounds the store file pages a writer keeps mapped in the
// process. bolt reads the database through one shared read-only mmap, so
// every page a write looks at stays in the process's resident set (RSS)
// until the mapping goes away, and a long ingest would otherwise show most
// of the store file as its own memory. After each commit, when the
// process's resident file-backed pages exceed MappedBudget, the writer
// tells the kernel (madvise MADV_DONTNEED) that it no longer needs the
// mapped pages of the store. They stay in the kernel's page cache, shared
// and reclaimable, so the next access maps them again without reading the
// disk. Only Linux does this; elsewhere it is a no-op.
const MappedBudget = 128 << 20

// mappedBudget is MappedBudget, lowered by tests.
var mappedBudget int64 = MappedBudget

// releaseMapped drops the resident pages of db's mapping when the
// process's resident file-backed pages exceed MappedBudget. The caller
// holds the store's lock (a read or the write lock) and no bolt write
// transaction is open, so that nothing remaps the file meanwhile.
func releaseMapped(db *bolt.DB) {
	if db == nil {
		return
	}
	if n, ok := residentFileBytes(); !ok || n <= mappedBudget {
		return
	}
	info := db.Info()
	if info == nil || info.Data == 0 {
		return
	}
	// /proc/self/maps names the file by its absolute path, links resolved.
	path, err := filepath.Abs(db.Path())
	if err != nil {
		return
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	// The mapping's own length, not the file's: see mappingSize.
	dontNeed(info.Data, path)
}

// boltDB returns the bolt database under a bolt store, or nil.
func (s *Store) boltDB() *bolt.DB {
	if s.batch == nil {
		return nil
	}
	if b, ok := s.batch.KV.(*hbolt.DB); ok {
		return b.DB()
	}
	return nil
}
