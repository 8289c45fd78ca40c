package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"
)

// Sentinel errors of the graph package. Every error returned by Open and by
// the methods of Store that has one of these causes wraps it, so callers test
// with errors.Is.
var (
	// ErrLocked means another process (or another Store in this process)
	// holds the store open for writing and the lock was not released within
	// Config.LockTimeout.
	ErrLocked = errors.New("graph: store is locked by another process")
	// ErrNotStore means the address exists but is not a store of the
	// requested backend: a regular file that is not a bolt database, a
	// non-empty directory holding no store, a corrupt database file.
	ErrNotStore = errors.New("graph: not a newsgraph store")
	// ErrBackend means Config.Backend names no supported backend.
	ErrBackend = errors.New("graph: unknown backend")
	// ErrNotFound means the store or the document asked for does not exist:
	// opening a missing store read-only.
	ErrNotFound = errors.New("graph: not found")
	// ErrReadOnly means a write was attempted on a store opened with
	// Config.ReadOnly.
	ErrReadOnly = errors.New("graph: store is read-only")
	// ErrClosed means the Store was used after Close.
	ErrClosed = errors.New("graph: store is closed")
	// ErrInvalid means a document cannot be stored as given: no ID, or a
	// relation with an unknown predicate or an empty subject or object.
	ErrInvalid = errors.New("graph: invalid document")
)

// Backend names accepted by Config.Backend.
const (
	BackendBolt     = "bolt"
	BackendLevelDB  = "leveldb"
	BackendMemstore = "memstore"
	// BackendPostgres is a PostgreSQL database through Cayley's
	// graph/sql/postgres backend: Config.Address is a connection URL.
	BackendPostgres = "postgres"
	// BackendCockroach is a CockroachDB cluster through Cayley's
	// graph/sql/cockroach backend: Config.Address is a connection URL.
	BackendCockroach = "cockroach"
)

// DefaultAddress is the store location used when Config.Address is empty.
const DefaultAddress = "./newsgraph.db"

// DefaultLockTimeout is how long Open waits for another process to release
// the store's lock before it returns ErrLocked.
const DefaultLockTimeout = time.Second

// boltFile is the name of the bolt database inside a store directory; it is
// the layout of Cayley's own bolt backend, so `cayley --db bolt --dbpath DIR`
// opens a newsgraph store.
const boltFile = "indexes.bolt"

// Config selects and opens a store.
type Config struct {
	// Backend is "bolt" (the default when empty), "leveldb", "memstore",
	// "postgres" or "cockroach".
	Backend string
	// Address is the store's location for bolt and leveldb: a directory,
	// created when missing (default DefaultAddress). For bolt it may also
	// name an existing bolt database file directly. Ignored by memstore.
	//
	// For postgres and cockroach it is the database's connection URL
	// (postgres://user:password@host:port/dbname?sslmode=disable, or a
	// key=value connection string). The database must exist; Open creates
	// Cayley's tables in it when it has none (unless ReadOnly, which is
	// then ErrNotFound, as is a missing database). Errors and
	// Store.Address name it with the password redacted. Several processes
	// may write one SQL store at once: there is no lock, each write is one
	// SQL transaction and is planned again when another writer conflicts.
	Address string
	// ReadOnly opens the store for reading only: bolt takes a shared lock
	// (several readers may open it at once, a writer may not), leveldb opens
	// its files read-only. Writes return ErrReadOnly. A missing store is
	// ErrNotFound instead of being created.
	ReadOnly bool
	// LockTimeout bounds the wait for a lock held by another process
	// (0 means DefaultLockTimeout). SQL stores have no lock; connecting to
	// the server waits at least 15 s.
	LockTimeout time.Duration
}

// Store is an open newsgraph quad store. Its methods are safe for concurrent
// use: writes are serialised and exclude reads; reads run concurrently on the
// kv backends and one at a time on memstore, whose iterators share unlocked
// state.
type Store struct {
	mu    sync.RWMutex
	qs    cgraph.QuadStore
	batch *batchKV  // the kv backends' transaction wrapper; nil for memstore
	sql   *sqlStore // the SQL backends' own connection; nil otherwise
	// kvw writes batches of new documents on the kv backends. It is kept
	// from batch to batch for its cache of node IDs, and dropped by every
	// other write (which may delete nodes).
	kvw      *kvWriter
	backend  string
	address  string
	readOnly bool
	closed   bool

	// beforeApply, when set (tests only), may change the deltas of a write
	// just before they are applied; it lets a test force a failure inside
	// the backend's transaction.
	beforeApply func([]cgraph.Delta) []cgraph.Delta
}

// kvOptions are the options every kv backend is opened with: no_bloom skips
// the bloom filter that Cayley otherwise builds by scanning the whole log on
// every open (see the design notes).
var kvOptions = cgraph.Options{kv.OptNoBloom: true}

// Open opens the store that cfg selects, creating and initialising it when it
// does not exist (unless cfg.ReadOnly). It fails with ErrBackend for an
// unknown backend, ErrNotStore when the address holds something that is not
// a store, ErrLocked when another process holds the store, and ErrNotFound
// when a read-only store is missing. Every error names the address.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	backend := cfg.Backend
	if backend == "" {
		backend = BackendBolt
	}
	addr := cfg.Address
	if addr == "" && backend != BackendMemstore {
		addr = DefaultAddress
	}
	timeout := cfg.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	var (
		qs    cgraph.QuadStore
		batch *batchKV
		ss    *sqlStore
		err   error
	)
	switch backend {
	case BackendMemstore:
		qs = memstore.New()
	case BackendBolt:
		qs, batch, err = openBolt(addr, cfg.ReadOnly, timeout)
	case BackendLevelDB:
		qs, batch, err = openLevelDB(addr, cfg.ReadOnly, timeout)
	case BackendPostgres, BackendCockroach:
		if cfg.Address == "" {
			return nil, fmt.Errorf("open %s store: %w: no database URL", backend, ErrNotFound)
		}
		addr = RedactURL(cfg.Address)
		qs, ss, err = openSQL(ctx, backend, cfg.Address, cfg.ReadOnly, timeout)
	default:
		return nil, fmt.Errorf("open store %q: %w %q (want bolt, leveldb, memstore, postgres or cockroach)", addr, ErrBackend, backend)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s store %s: %w", backend, addr, err)
	}
	return &Store{qs: qs, batch: batch, sql: ss, backend: backend, address: addr, readOnly: cfg.ReadOnly}, nil
}

// Backend returns the name of the store's backend.
func (s *Store) Backend() string { return s.backend }

// Address returns the store's location ("" for memstore; a SQL store's URL
// with its password redacted).
func (s *Store) Address() string { return s.address }

// where names the store in error messages.
func (s *Store) where() string {
	if s.address == "" {
		return s.backend
	}
	return s.address
}

// Close releases the store and its lock. Using the Store afterwards returns
// ErrClosed; closing twice is a no-op.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.sql != nil {
		s.sql.close()
	}
	if err := s.qs.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.where(), err)
	}
	return nil
}

// openBolt opens or creates the bolt store at addr: a directory holding
// indexes.bolt (Cayley's layout), or an existing bolt file.
func openBolt(addr string, readOnly bool, timeout time.Duration) (cgraph.QuadStore, *batchKV, error) {
	file, create, err := locateBolt(addr, readOnly)
	if err != nil {
		return nil, nil, err
	}
	createdDir := false
	if create {
		if _, err := os.Stat(addr); errors.Is(err, os.ErrNotExist) {
			createdDir = true
		}
		if err := os.MkdirAll(addr, 0o755); err != nil {
			return nil, nil, fmt.Errorf("create store directory: %w", err)
		}
	}
	db, err := bolt.Open(file, 0o644, &bolt.Options{Timeout: timeout, ReadOnly: readOnly})
	if err != nil {
		if createdDir {
			os.RemoveAll(addr)
		}
		switch {
		case errors.Is(err, bolt.ErrTimeout):
			return nil, nil, fmt.Errorf("%s: %w", file, ErrLocked)
		case errors.Is(err, bolt.ErrInvalid), errors.Is(err, bolt.ErrVersionMismatch), errors.Is(err, bolt.ErrChecksum):
			return nil, nil, fmt.Errorf("%s: %w (%w)", file, ErrNotStore, err)
		}
		return nil, nil, fmt.Errorf("open %s: %w", file, err)
	}
	batch := &batchKV{KV: hbolt.New(db)}
	qs, err := newKV(context.Background(), batch, readOnly, create || filepath.Base(file) == boltFile)
	if err != nil {
		db.Close()
		if createdDir {
			os.RemoveAll(addr)
		}
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	return qs, batch, nil
}

// locateBolt decides which file holds the bolt store at addr and whether it
// must be created, without modifying anything.
func locateBolt(addr string, readOnly bool) (file string, create bool, err error) {
	fi, err := os.Stat(addr)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if readOnly {
			return "", false, fmt.Errorf("no store here: %w", ErrNotFound)
		}
		return filepath.Join(addr, boltFile), true, nil
	case err != nil:
		return "", false, err
	case fi.Mode().IsRegular():
		ok, err := isBoltFile(addr)
		if err != nil {
			return "", false, err
		}
		if !ok {
			return "", false, fmt.Errorf("%w: a regular file that is not a bolt database (a store is a directory)", ErrNotStore)
		}
		return addr, false, nil
	case !fi.IsDir():
		return "", false, fmt.Errorf("%w: neither a directory nor a bolt file", ErrNotStore)
	}
	file = filepath.Join(addr, boltFile)
	bfi, err := os.Stat(file)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if readOnly {
			return "", false, fmt.Errorf("no %s in directory: %w", boltFile, ErrNotFound)
		}
		empty, err := isEmptyDir(addr)
		if err != nil {
			return "", false, err
		}
		if !empty {
			return "", false, fmt.Errorf("%w: directory is not empty and holds no %s", ErrNotStore, boltFile)
		}
		return file, true, nil
	case err != nil:
		return "", false, err
	case !bfi.Mode().IsRegular():
		return "", false, fmt.Errorf("%w: %s is not a regular file", ErrNotStore, file)
	case bfi.Size() == 0:
		// Left by a crash between creating and initialising the file.
		if readOnly {
			return "", false, fmt.Errorf("%s is empty: %s: %w", boltFile, errInterrupted, ErrNotFound)
		}
		return file, true, nil
	}
	ok, err := isBoltFile(file)
	if err != nil {
		return "", false, err
	}
	if !ok {
		return "", false, fmt.Errorf("%w: %s is not a bolt database", ErrNotStore, file)
	}
	return file, false, nil
}

// boltMagic is the magic number in a bolt file's meta page.
const boltMagic = 0xED0CDAED

// isBoltFile reports whether the file at path starts with a bolt meta page.
// It only reads the file.
func isBoltFile(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	var hdr [24]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return false, nil
		}
		return false, err
	}
	// page header: id u64, flags u16, count u16, overflow u32; then the meta
	// page: magic u32, version u32. Bolt writes them in native byte order.
	const metaPageFlag = 0x04
	le, be := binary.LittleEndian, binary.BigEndian
	switch {
	case le.Uint16(hdr[8:]) == metaPageFlag && le.Uint32(hdr[16:]) == boltMagic:
		return true, nil
	case be.Uint16(hdr[8:]) == metaPageFlag && be.Uint32(hdr[16:]) == boltMagic:
		return true, nil
	}
	return false, nil
}

// isEmptyDir reports whether dir has no entries.
func isEmptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return len(names) == 0, err
}

// errInterrupted is wrapped in ErrNotFound when a read-only open finds a
// store location whose creation was interrupted before anything was
// written: nothing was lost, and the next writable open initialises it.
const errInterrupted = "no store here yet: its creation was interrupted before anything was written; the next ingest initialises it"

// newKV wraps an open key-value database as a Cayley quad store. When the
// database holds no quad store and mayInit is set, a writable open
// initialises Cayley's buckets, version and index metadata in one
// transaction, so that a process killed meanwhile leaves either a complete
// quad store or no keys at all (Cayley's own Init uses three transactions,
// and a store left between them is accepted neither by kv.New nor by
// kv.Init). A read-only open of such a keyless database at a place where
// newsgraph creates stores (mayInit) returns ErrNotFound; anything else
// without a quad store is ErrNotStore.
func newKV(ctx context.Context, db *batchKV, readOnly, mayInit bool) (cgraph.QuadStore, error) {
	qs, err := kv.New(db, kvOptions)
	if errors.Is(err, cgraph.ErrNotInitialized) {
		if !mayInit {
			return nil, fmt.Errorf("%w: database holds no quad store", ErrNotStore)
		}
		if readOnly {
			if blank, berr := hasNoKeys(ctx, db); berr == nil && blank {
				return nil, fmt.Errorf("%s: %w", errInterrupted, ErrNotFound)
			}
			return nil, fmt.Errorf("%w: database holds no quad store", ErrNotStore)
		}
		ierr := db.run(ctx, func() error { return kv.Init(db, kvOptions) })
		if ierr != nil && !errors.Is(ierr, cgraph.ErrDatabaseExists) {
			return nil, fmt.Errorf("initialise quad store: %w", ierr)
		}
		qs, err = kv.New(db, kvOptions)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotStore, err)
	}
	return qs, nil
}

// openLevelDB opens or creates the leveldb store in directory addr.
func openLevelDB(addr string, readOnly bool, timeout time.Duration) (cgraph.QuadStore, *batchKV, error) {
	fi, err := os.Stat(addr)
	create := false
	switch {
	case errors.Is(err, os.ErrNotExist):
		if readOnly {
			return nil, nil, fmt.Errorf("no store here: %w", ErrNotFound)
		}
		create = true
	case err != nil:
		return nil, nil, err
	case !fi.IsDir():
		return nil, nil, fmt.Errorf("%w: not a directory (a leveldb store is a directory)", ErrNotStore)
	default:
		if _, err := os.Stat(filepath.Join(addr, "CURRENT")); errors.Is(err, os.ErrNotExist) {
			empty, err := isEmptyDir(addr)
			if err != nil {
				return nil, nil, err
			}
			if !empty {
				return nil, nil, fmt.Errorf("%w: directory is not empty and holds no leveldb database", ErrNotStore)
			}
			if readOnly {
				return nil, nil, fmt.Errorf("no store here: %w", ErrNotFound)
			}
			create = true
		}
	}
	if create {
		if err := os.MkdirAll(addr, 0o755); err != nil {
			return nil, nil, fmt.Errorf("create store directory: %w", err)
		}
	}
	deadline := time.Now().Add(timeout)
	var db *hleveldb.DB
	for {
		db, err = hleveldb.Open(addr, &opt.Options{ReadOnly: readOnly, ErrorIfMissing: !create})
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EAGAIN) {
			return nil, nil, fmt.Errorf("%w: %w", ErrNotStore, err)
		}
		if time.Now().After(deadline) {
			return nil, nil, fmt.Errorf("%s: %w", addr, ErrLocked)
		}
		time.Sleep(50 * time.Millisecond)
	}
	db.SetWriteOptions(&opt.WriteOptions{Sync: true})
	batch := &batchKV{KV: flat.Upgrade(db)}
	qs, err := newKV(context.Background(), batch, readOnly, true)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return qs, batch, nil
}

// hasNoKeys reports whether the database holds no key at all.
func hasNoKeys(ctx context.Context, db hkv.KV) (bool, error) {
	tx, err := db.Tx(false)
	if err != nil {
		return false, err
	}
	defer tx.Close()
	it := tx.Scan(nil)
	defer it.Close()
	if it.Next(ctx) {
		return false, nil
	}
	return true, it.Err()
}
