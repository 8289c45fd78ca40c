package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/clog"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/shape"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach" // registers Cayley's "cockroach" backend and the pgx driver
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"  // registers Cayley's "postgres" backend and lib/pq
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/jackc/pgx"
	"github.com/lib/pq"
)

// The SQL backends: Cayley's graph/sql/postgres (through lib/pq) and
// graph/sql/cockroach (through pgx, with CockroachDB's transaction retry
// loop). Both keep Cayley's schema: a nodes table (hash, refs, value
// columns) and a quads table (a serial "horizon" primary key, the four
// node hashes, unique over subject, predicate, object and label).
//
// Every write is one Cayley ApplyDeltas call, which runs in one SQL
// transaction: node rows are upserted in hash order with
// "refs = refs + n" (atomic under concurrent writers), the quads inserted
// without ON CONFLICT, so a quad another process committed first fails the
// whole transaction with a unique violation instead of counting its nodes
// twice. writeRetry then plans the write again from what the database
// holds now (usually: the document is there, unchanged) and retries; so do
// deadlocks and serialization failures.

// sqlStore is what a Store on a SQL backend keeps besides Cayley's quad
// store: a connection pool of its own for the queries Cayley has no API
// for (schema check, generation, batched node lookups).
type sqlStore struct {
	db      *sql.DB
	backend string
}

// sqlDriver returns the database/sql driver Cayley's backend registers.
func sqlDriver(backend string) string {
	if backend == BackendCockroach {
		return "pgx"
	}
	return "postgres"
}

var passwordRE = regexp.MustCompile(`(?i)(password\s*=\s*)('[^']*'|\S+)`)

// RedactURL returns a database address with its password replaced by
// "xxxxx", for messages: a URL's user password, and password=... in a
// key=value connection string.
func RedactURL(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.Scheme != "" {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		q := u.Query()
		if q.Has("password") {
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		return u.String()
	}
	return passwordRE.ReplaceAllString(addr, "${1}xxxxx")
}

// sqlCode returns the SQLSTATE of a PostgreSQL or CockroachDB error, or "".
func sqlCode(err error) string {
	var pe *pq.Error
	if errors.As(err, &pe) {
		return string(pe.Code)
	}
	var ge pgx.PgError
	if errors.As(err, &ge) {
		return ge.Code
	}
	var gp *pgx.PgError
	if errors.As(err, &gp) && gp != nil {
		return gp.Code
	}
	return ""
}

// openSQL connects to the database at addr, checks that it holds a
// newsgraph store (Cayley's nodes and quads tables), creates the tables
// when it holds neither and the store may be written, and opens Cayley's
// quad store over it.
func openSQL(ctx context.Context, backend, addr string, readOnly bool, timeout time.Duration) (cgraph.QuadStore, *sqlStore, error) {
	if !strings.Contains(addr, "://") && !strings.Contains(addr, "=") {
		return nil, nil, fmt.Errorf("%w: not a database URL (want e.g. postgres://user@127.0.0.1:5432/dbname?sslmode=disable)", ErrNotStore)
	}
	quietCayley()
	db, err := sql.Open(sqlDriver(backend), addr)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrNotStore, err)
	}
	fail := func(err error) (cgraph.QuadStore, *sqlStore, error) {
		db.Close()
		return nil, nil, err
	}
	// Connecting to an unreachable host can hang for a long time: bound
	// it (the lock timeout is far too short for a server).
	pctx, cancel := context.WithTimeout(ctx, max(timeout, 15*time.Second))
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		switch sqlCode(err) {
		case "3D000": // invalid_catalog_name: no such database
			return fail(fmt.Errorf("the database does not exist (create it first, e.g. createdb NAME or CREATE DATABASE NAME): %w (%w)", ErrNotFound, err))
		case "28000", "28P01": // invalid authorization, invalid password
			return fail(fmt.Errorf("the server refused the login: %w", err))
		}
		return fail(fmt.Errorf("cannot reach the database server: %w", err))
	}
	n, err := sqlTables(ctx, db)
	if err != nil {
		return fail(fmt.Errorf("look for the store's tables: %w", err))
	}
	switch {
	case n == 2:
	case n == 1:
		return fail(fmt.Errorf("%w: the database has only one of the tables nodes and quads", ErrNotStore))
	case readOnly:
		return fail(fmt.Errorf("the database holds no store (no nodes and quads tables; run 'newsgraph ingest' first): %w", ErrNotFound))
	default:
		if err := initSQL(ctx, db, backend, addr); err != nil {
			return fail(err)
		}
	}
	qs, err := cgraph.NewQuadStore(backend, addr, nil)
	if err != nil {
		return fail(fmt.Errorf("open quad store: %w", err))
	}
	cqs, ok := qs.(*csql.QuadStore)
	if !ok {
		qs.Close()
		return fail(fmt.Errorf("cayley's %s backend returned a %T", backend, qs))
	}
	ss := &sqlStore{db: db, backend: backend}
	return &sqlQuadStore{QuadStore: cqs, ss: ss}, ss, nil
}

// sqlInitLock is the PostgreSQL advisory lock key that serialises the
// creation of the tables by processes that start at once.
const sqlInitLock = 0x6e657773 // "news"

// initSQL creates Cayley's tables in the database unless another process
// has meanwhile.
func initSQL(ctx context.Context, db *sql.DB, backend, addr string) error {
	if backend == BackendPostgres {
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, sqlInitLock); err != nil {
			return fmt.Errorf("lock for initialisation: %w", err)
		}
		defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, sqlInitLock)
	}
	if n, err := sqlTables(ctx, db); err != nil || n == 2 {
		return err
	}
	// Without the lock (CockroachDB) two processes may still race: the
	// loser's CREATE TABLE fails and it finds the tables there.
	if err := cgraph.InitQuadStore(backend, addr, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		if n, err2 := sqlTables(ctx, db); err2 != nil || n != 2 {
			return fmt.Errorf("initialise quad store: %w", err)
		}
	}
	return nil
}

// quietLog is Cayley's logger while a SQL store is open: Cayley's SQL
// backend logs every failed statement (and the connection string) before
// returning the error, which newsgraph returns or retries itself; set
// NEWSGRAPH_CAYLEY_LOG=1 to see them.
type quietLog struct{}

func (quietLog) Infof(string, ...interface{})    {}
func (quietLog) Warningf(string, ...interface{}) {}
func (quietLog) Errorf(string, ...interface{})   {}
func (quietLog) Fatalf(format string, args ...interface{}) {
	log.Fatalf(format, args...)
}
func (quietLog) V(int) bool { return false }
func (quietLog) SetV(int)   {}

var quietOnce sync.Once

func quietCayley() {
	quietOnce.Do(func() {
		if os.Getenv("NEWSGRAPH_CAYLEY_LOG") == "" {
			clog.SetLogger(quietLog{})
		}
	})
}

// sqlTables counts the tables of Cayley's schema in the current schema.
func sqlTables(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name IN ('nodes', 'quads')`).Scan(&n)
	return n, err
}

// close closes the store's own connections.
func (ss *sqlStore) close() error { return ss.db.Close() }

// generation reads the SQL store's Generation from the server, so that it
// changes when any process writes: the largest horizon (a serial every
// inserted quad takes a new, larger value of; it never goes back) and the
// number of quads (which every delete lowers). Both come from indexes: the
// primary key's last entry and an index-only count.
func (ss *sqlStore) generation(ctx context.Context) (Generation, error) {
	var g Generation
	err := ss.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(horizon), 0), COUNT(*) FROM quads`).Scan(&g.Horizon, &g.Quads)
	return g, err
}

// refCounts reports nodes whose reference count differs from the number
// of quad directions that use them (check on SQL), at most limit of them.
func (ss *sqlStore) refCounts(ctx context.Context, limit int) ([]string, error) {
	rows, err := ss.db.QueryContext(ctx, `
		WITH used AS (
			SELECT h, count(*) AS n FROM (
				SELECT subject_hash AS h FROM quads
				UNION ALL SELECT predicate_hash FROM quads
				UNION ALL SELECT object_hash FROM quads
				UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL
			) d GROUP BY h
		)
		SELECT COALESCE(n.value_string, ''), COALESCE(n.refs, 0), COALESCE(u.n, 0)
		FROM nodes n FULL OUTER JOIN used u ON u.h = n.hash
		WHERE n.hash IS NULL OR u.h IS NULL OR n.refs <> u.n
		LIMIT `+fmt.Sprint(limit))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		var refs, used int64
		if err := rows.Scan(&v, &refs, &used); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("node %q has refs %d, quads use it %d times", v, refs, used))
	}
	return out, rows.Err()
}

// sqlQuadStore is Cayley's SQL quad store with batched node lookups:
// ValuesOf resolves many node hashes in one query instead of one query per
// node (the adjacency index and exports resolve every node they meet).
type sqlQuadStore struct {
	*csql.QuadStore
	ss *sqlStore
}

var _ cgraph.BatchQuadStore = (*sqlQuadStore)(nil)

// OptimizeShape turns Cayley's SQL query optimizer off: the shapes it makes
// build their iterators only on Cayley's own *sql.QuadStore type, and the
// generic iterators (one indexed SQL query per quad direction) give the
// same results.
func (qs *sqlQuadStore) OptimizeShape(s shape.Shape) (shape.Shape, bool) { return s, false }

// Stats counts the quads and nodes on the server every time: Cayley's own
// Stats returns the planner's estimates when exact is false (-1 for a table
// never analysed) and caches exact counts that another process's writes
// make stale.
func (qs *sqlQuadStore) Stats(ctx context.Context, exact bool) (cgraph.Stats, error) {
	st := cgraph.Stats{Nodes: cgraph.Size{Exact: true}, Quads: cgraph.Size{Exact: true}}
	err := qs.ss.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM quads), (SELECT COUNT(*) FROM nodes)`).Scan(&st.Quads.Size, &st.Nodes.Size)
	if err != nil {
		return cgraph.Stats{}, fmt.Errorf("count quads and nodes: %w", err)
	}
	return st, nil
}

// sqlNodeChunk is how many hashes one lookup query asks for.
const sqlNodeChunk = 5000

// ValuesOf returns the values of refs (nil for a ref that names no node).
func (qs *sqlQuadStore) ValuesOf(ctx context.Context, refs []cgraph.Ref) ([]quad.Value, error) {
	out := make([]quad.Value, len(refs))
	pos := make(map[cgraph.ValueHash][]int, len(refs))
	var hashes [][]byte
	for i, r := range refs {
		var h cgraph.ValueHash
		switch r := r.(type) {
		case nil:
			continue
		case cgraph.PreFetchedValue:
			out[i] = r.NameOf()
			continue
		case csql.NodeHash:
			h = r.ValueHash
		case cgraph.ValueHash:
			h = r
		default:
			out[i] = qs.QuadStore.NameOf(r)
			continue
		}
		if !h.Valid() {
			continue
		}
		if _, ok := pos[h]; !ok {
			b := make([]byte, len(h))
			copy(b, h[:])
			hashes = append(hashes, b)
		}
		pos[h] = append(pos[h], i)
	}
	for start := 0; start < len(hashes); start += sqlNodeChunk {
		end := min(start+sqlNodeChunk, len(hashes))
		if err := qs.lookup(ctx, hashes[start:end], func(h cgraph.ValueHash, v quad.Value) {
			for _, i := range pos[h] {
				out[i] = v
			}
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RefsOf returns the refs of nodes, failing for a value the store lacks.
func (qs *sqlQuadStore) RefsOf(ctx context.Context, nodes []quad.Value) ([]cgraph.Ref, error) {
	refs := make([]cgraph.Ref, len(nodes))
	for i, v := range nodes {
		refs[i] = qs.ValueOf(v)
	}
	vals, err := qs.ValuesOf(ctx, refs)
	if err != nil {
		return nil, err
	}
	for i, v := range vals {
		if v == nil {
			return nil, fmt.Errorf("not found: %v", nodes[i])
		}
	}
	return refs, nil
}

// lookup reads the nodes with the given hashes.
func (qs *sqlQuadStore) lookup(ctx context.Context, hashes [][]byte, fn func(cgraph.ValueHash, quad.Value)) error {
	rows, err := qs.ss.db.QueryContext(ctx, `SELECT hash, value, value_string, datatype, language, iri, bnode,
		value_int, value_bool, value_float, value_time FROM nodes WHERE hash = ANY($1::bytea[])`, pq.ByteaArray(hashes))
	if err != nil {
		return fmt.Errorf("look up %d nodes: %w", len(hashes), err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			hash   []byte
			data   []byte
			str    sql.NullString
			typ    sql.NullString
			lang   sql.NullString
			iri    sql.NullBool
			bnode  sql.NullBool
			vint   sql.NullInt64
			vbool  sql.NullBool
			vfloat sql.NullFloat64
			vtime  csql.NullTime
		)
		if err := rows.Scan(&hash, &data, &str, &typ, &lang, &iri, &bnode, &vint, &vbool, &vfloat, &vtime); err != nil {
			return fmt.Errorf("look up nodes: %w", err)
		}
		var h cgraph.ValueHash
		if len(hash) != len(h) {
			continue
		}
		copy(h[:], hash)
		// The same decoding as Cayley's NameOf.
		var v quad.Value
		switch {
		case str.Valid:
			s := strings.ReplaceAll(str.String, `\x00`, "\u0000")
			switch {
			case iri.Bool:
				v = quad.IRI(str.String)
			case bnode.Bool:
				v = quad.BNode(str.String)
			case lang.Valid:
				v = quad.LangString{Value: quad.String(s), Lang: lang.String}
			case typ.Valid:
				v = quad.TypedString{Value: quad.String(s), Type: quad.IRI(typ.String)}
			default:
				v = quad.String(s)
			}
		case vint.Valid:
			v = quad.Int(vint.Int64)
		case vbool.Valid:
			v = quad.Bool(vbool.Bool)
		case vfloat.Valid:
			v = quad.Float(vfloat.Float64)
		case vtime.Valid:
			v = quad.Time(vtime.Time)
		default:
			qv, err := pquads.UnmarshalValue(data)
			if err != nil {
				return fmt.Errorf("decode node: %w", err)
			}
			v = qv
		}
		fn(h, v)
	}
	return rows.Err()
}

// sqlRetries bounds how often a write is planned and applied again after a
// conflict with another writer.
const sqlRetries = 20

// retryable reports whether a failed SQL write may succeed when planned and
// applied again: another writer committed one of its quads first (unique
// violation, or Cayley's ErrQuadExists made of it), a deadlock, or a
// serialization failure.
func retryable(err error) bool {
	// Cayley's DeltaError (v0.7.7) has no Unwrap.
	var de *cgraph.DeltaError
	if errors.Is(err, cgraph.ErrQuadExists) || errors.As(err, &de) && de.Err == cgraph.ErrQuadExists {
		return true
	}
	switch sqlCode(err) {
	case "23505", "40001", "40P01":
		return true
	}
	return false
}

// writeRetry runs a write (plan and apply under the write lock) and, on a
// SQL store, runs it again while it fails because of a concurrent writer
// (retrySQL). On the other backends it runs fn once.
func writeRetry[T any](ctx context.Context, s *Store, fn func() (T, error)) (T, error) {
	if s.sql == nil {
		return fn()
	}
	return retrySQL(ctx, fn)
}

// retrySQL runs fn, and again, up to sqlRetries times in all, while it
// fails with a retryable error and ctx is not done.
func retrySQL[T any](ctx context.Context, fn func() (T, error)) (T, error) {
	res, err := fn()
	for i := 1; i < sqlRetries && err != nil && retryable(err) && ctx.Err() == nil; i++ {
		// Back off a little, more each time, so that the other writer
		// finishes its transaction.
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(i*i) * 5 * time.Millisecond):
		}
		res, err = fn()
	}
	return res, err
}

// exactStats tells check to ask the backend for exact counts: the kv
// backends and the SQL ones (whose estimates come from table statistics).
func (s *Store) exactStats() bool { return s.batch != nil || s.sql != nil }

// checkSQL adds Check's SQL-only check: every node's reference count in
// Cayley's nodes table equals the number of quad directions that use it
// (concurrent writers must not corrupt them). It does nothing on the other
// backends.
func (s *Store) checkSQL(ctx context.Context, add func(Problem)) error {
	if s.sql == nil {
		return nil
	}
	bad, err := s.sql.refCounts(ctx, 20)
	if err != nil {
		return fmt.Errorf("node reference counts: %w", err)
	}
	for _, b := range bad {
		add(Problem{Kind: ProblemOrphanNode, Detail: b})
	}
	return nil
}

// memOrSQLWriter returns Import's writer for a store without kv batches:
// memstore's, or on SQL one that goes through Cayley's ApplyDeltas.
func (s *Store) memOrSQLWriter() batchWriter {
	if s.sql != nil {
		return &sqlWriter{s: s}
	}
	return &memWriter{qs: s.qs}
}

// sqlWriter writes Import's batches to a SQL store: it asks the server
// which quads of a batch exist and adds the others with one ApplyDeltas
// (one transaction, without IgnoreDup, which would count the nodes of the
// quads it skips). A quad another process commits meanwhile fails the
// transaction; the batch is then checked and written again.
type sqlWriter struct{ s *Store }

func (w *sqlWriter) write(ctx context.Context, quads []quad.Quad) (int, error) {
	return retrySQL(ctx, func() (int, error) { return w.try(ctx, quads) })
}

func (w *sqlWriter) try(ctx context.Context, quads []quad.Quad) (int, error) {
	seen := make(map[cgraph.QuadHash]bool, len(quads))
	var (
		uniq []quad.Quad
		cols [4]pq.ByteaArray
	)
	for _, q := range quads {
		var h cgraph.QuadHash
		for i, d := range quad.Directions {
			if v := q.Get(d); v != nil {
				h.Set(d, cgraph.HashOf(v))
				b := h.Get(d)
				cols[i] = append(cols[i], append([]byte(nil), b[:]...))
			} else {
				cols[i] = append(cols[i], nil)
			}
		}
		if seen[h] {
			for i := range cols {
				cols[i] = cols[i][:len(cols[i])-1]
			}
			continue
		}
		seen[h] = true
		uniq = append(uniq, q)
	}
	if len(uniq) == 0 {
		return 0, nil
	}
	rows, err := w.s.sql.db.QueryContext(ctx, `
		SELECT t.i FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) WITH ORDINALITY AS t(s, p, o, l, i)
		WHERE EXISTS (SELECT 1 FROM quads q WHERE q.subject_hash = t.s AND q.predicate_hash = t.p
			AND q.object_hash = t.o AND (q.label_hash = t.l OR q.label_hash IS NULL AND t.l IS NULL))`,
		cols[0], cols[1], cols[2], cols[3])
	if err != nil {
		return 0, fmt.Errorf("look up %d quads: %w", len(uniq), err)
	}
	exists := make(map[int]bool)
	for rows.Next() {
		var i int
		if err := rows.Scan(&i); err != nil {
			rows.Close()
			return 0, err
		}
		exists[i-1] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	deltas := make([]cgraph.Delta, 0, len(uniq)-len(exists))
	for i, q := range uniq {
		if !exists[i] {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
	}
	if len(deltas) == 0 {
		return 0, nil
	}
	if err := w.s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{}); err != nil {
		return 0, err
	}
	return len(deltas), nil
}

// Identity returns a string that tells the store apart from a store created
// again at the same address: on a database server, the OID of the
// database (a database dropped and created again gets a new one); on the
// other backends, the empty string. Caches of what a store holds key on
// the address, the Identity and the Generation.
func (s *Store) Identity(ctx context.Context) (string, error) {
	if err := s.rlock(); err != nil {
		return "", err
	}
	defer s.runlock()
	if s.sql == nil {
		return "", nil
	}
	var oid string
	err := s.sql.db.QueryRowContext(ctx, `SELECT oid::TEXT FROM pg_database WHERE datname = current_database()`).Scan(&oid)
	if err != nil {
		return "", fmt.Errorf("read the identity of %s: %w", s.where(), err)
	}
	return s.sql.backend + ":" + oid, nil
}
