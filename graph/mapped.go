package graph

import (
	"os"

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

// releaseMapped drops the resident pages of db's mapping when the
// process's resident file-backed pages exceed MappedBudget. The caller
// holds the store's write lock and no bolt write transaction is open (a
// commit may remap the file).
func releaseMapped(db *bolt.DB) {
	if db == nil {
		return
	}
	if n, ok := residentFileBytes(); !ok || n <= MappedBudget {
		return
	}
	info := db.Info()
	if info == nil || info.Data == 0 {
		return
	}
	st, err := os.Stat(db.Path())
	if err != nil || st.Size() <= 0 {
		return
	}
	// bolt maps at least the whole file, so its first Size bytes are mapped.
	dontNeed(info.Data, uintptr(st.Size()))
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
