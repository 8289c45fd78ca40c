package graph

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// ErrSyntax means an input to Import is not valid N-Quads. The error is a
// *SyntaxError naming the input, the line and the column.
var ErrSyntax = errors.New("graph: invalid N-Quads")

// SyntaxError is an N-Quads syntax error at one place of an input. It wraps
// ErrSyntax.
type SyntaxError struct {
	File string // the input's name
	Line int64  // 1-based line number
	Col  int    // 1-based column (in bytes) where the problem starts
	Msg  string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

func (e *SyntaxError) Unwrap() error { return ErrSyntax }

// ImportInput is one N-Quads input of Import.
type ImportInput struct {
	// Name names the input in errors and progress (a file name, or "-").
	Name string
	// Open returns a reader of the input from its start. Import calls it
	// twice, once for each pass, and closes what it returns.
	Open func() (io.ReadCloser, error)
}

// ImportStats counts what Import did with one input: Read = Added + Present.
type ImportStats struct {
	Name    string
	Read    int64 // quads read
	Added   int64 // quads inserted
	Present int64 // quads already in the store, or repeated in the input
}

// ImportPhase names one of the two passes of Import.
type ImportPhase string

// The passes of Import.
const (
	ImportChecking ImportPhase = "check" // parsing every input; nothing is written
	ImportLoading  ImportPhase = "load"  // writing batches
)

// ImportProgress is what Import reports while it runs: the pass, and the
// counts so far of the input it is reading (only Read in ImportChecking).
type ImportProgress struct {
	Phase ImportPhase
	ImportStats
}

// ImportOptions tune Import; the zero value is fine.
type ImportOptions struct {
	// Batch is the number of quads written per transaction (0 means
	// DefaultImportBatch).
	Batch int
	// Checked says that the caller has already parsed every input to its
	// end with CheckImport, and that the inputs cannot have changed since:
	// Import skips its check pass.
	Checked bool
	// Progress, when set, is called on Import's goroutine after every batch
	// of the load pass and every progressEvery quads of the check pass.
	Progress func(ImportProgress)
}

// DefaultImportBatch is the number of quads Import writes per transaction
// when ImportOptions.Batch is 0. On bolt, with 1M quads of news graph, 50k
// to 100k quads per transaction load equally fast (25k is slower, 200k
// too, as a commit rewrites every page its transaction dirtied), and peak
// memory grows with the batch (about 490, 550, 600 and 760 MiB for 25k,
// 50k, 100k and 200k).
const DefaultImportBatch = 50_000

// progressEvery is how many quads the check pass reads between two calls of
// ImportOptions.Progress.
const progressEvery = 1 << 20

// Import adds the quads of N-Quads inputs to the store, as they are: quads
// in newsgraph's layout (see the package documentation) are then read like
// ingested documents; any other quads are stored too, but no reader of
// this package looks at them (Query does). It works in two passes: first
// it parses every input to its end (CheckImport) and returns the first
// syntax error without writing anything; then it reads the inputs again
// and writes their quads in transactions of about opts.Batch quads. Quads
// already in the store, and quads repeated in the input, are skipped and
// counted as Present, so importing the same input twice adds nothing. A
// failure during the load pass (an input that changed between the passes,
// a full disk, ctx done) leaves the batches already committed in the
// store; importing again completes it. It returns the counts of every
// input loaded, or being loaded when it failed. Every write advances the
// store's Generation.
func (s *Store) Import(ctx context.Context, inputs []ImportInput, opts ImportOptions) ([]ImportStats, error) {
	stats, err := s.importAll(ctx, inputs, opts)
	if err != nil {
		return stats, fmt.Errorf("import into %s: %w", s.where(), err)
	}
	return stats, nil
}

func (s *Store) importAll(ctx context.Context, inputs []ImportInput, opts ImportOptions) ([]ImportStats, error) {
	if opts.Batch <= 0 {
		opts.Batch = DefaultImportBatch
	}
	if !opts.Checked {
		if _, err := CheckImport(ctx, inputs, opts.Progress); err != nil {
			return nil, err
		}
	}
	if err := s.wlock(); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var w batchWriter
	s.kvw = nil
	if s.batch == nil {
		w = s.memOrSQLWriter()
	} else {
		kw, err := newKVWriter(ctx, s.batch.KV)
		if err != nil {
			return nil, err
		}
		w = kw
		defer func() {
			// Cayley's quad store caches nothing these writes make stale
			// (its value cache holds nodes that exist, and nodes are
			// never removed here), but start afresh as apply does after a
			// rollback, so that nothing depends on it.
			if qs, err := ckv.New(s.batch, kvOptions); err == nil {
				s.qs = qs
			}
		}()
	}
	var out []ImportStats
	for _, in := range inputs {
		st, err := loadInput(ctx, w, in, opts)
		out = append(out, st)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// CheckImport parses every input to its end without storing anything, as
// the first pass of Import does, and returns the number of quads of each,
// or the first syntax error: a *SyntaxError naming the input, the line and
// the column, wrapping ErrSyntax.
func CheckImport(ctx context.Context, inputs []ImportInput, progress func(ImportProgress)) ([]int64, error) {
	var out []int64
	for _, in := range inputs {
		n, err := checkInput(ctx, in, progress)
		if err != nil {
			return out, err
		}
		out = append(out, n)
	}
	return out, nil
}

// checkInput parses one input (pass 1 of Import).
func checkInput(ctx context.Context, in ImportInput, progress func(ImportProgress)) (int64, error) {
	rc, err := in.Open()
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", in.Name, err)
	}
	n, err := checkReader(ctx, rc, in.Name, progress)
	if cerr := rc.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("%s: %w", in.Name, cerr)
	}
	return n, err
}

func checkReader(ctx context.Context, r io.Reader, name string, progress func(ImportProgress)) (int64, error) {
	rd := newNQReader(r, name)
	var n int64
	for {
		err := rd.skip()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
		n++
		if n%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			if progress != nil {
				progress(ImportProgress{Phase: ImportChecking, ImportStats: ImportStats{Name: name, Read: n}})
			}
		}
	}
	if progress != nil {
		progress(ImportProgress{Phase: ImportChecking, ImportStats: ImportStats{Name: name, Read: n}})
	}
	return n, ctx.Err()
}

// loadInput writes the quads of one input with w (pass 2 of Import). The
// caller holds the write lock.
func loadInput(ctx context.Context, w batchWriter, in ImportInput, opts ImportOptions) (ImportStats, error) {
	st := ImportStats{Name: in.Name}
	rc, err := in.Open()
	if err != nil {
		return st, fmt.Errorf("open %s: %w", in.Name, err)
	}
	defer rc.Close()
	rd := newNQReader(rc, in.Name)
	buf := make([]quad.Quad, 0, min(opts.Batch, 1<<20))
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		added, err := w.write(ctx, buf)
		if err != nil {
			return fmt.Errorf("%s: write quads %d to %d: %w", in.Name, st.Read-int64(len(buf))+1, st.Read, err)
		}
		st.Added += int64(added)
		st.Present = st.Read - st.Added
		clear(buf) // drop the values for the collector
		buf = buf[:0]
		if opts.Progress != nil {
			opts.Progress(ImportProgress{Phase: ImportLoading, ImportStats: st})
		}
		return nil
	}
	for {
		q, err := rd.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return st, err
		}
		st.Read++
		buf = append(buf, q)
		if len(buf) >= opts.Batch {
			if err := flush(); err != nil {
				return st, err
			}
		}
	}
	if err := flush(); err != nil {
		return st, err
	}
	if err := rc.Close(); err != nil {
		return st, fmt.Errorf("%s: %w", in.Name, err)
	}
	return st, nil
}

// batchWriter writes one batch of quads in one transaction, skipping the
// quads that are already stored or repeated, and returns how many it added.
type batchWriter interface {
	write(ctx context.Context, quads []quad.Quad) (int, error)
}

// memWriter writes to memstore, whose AddQuad skips quads already present.
type memWriter struct{ qs cgraph.QuadStore }

func (w *memWriter) write(_ context.Context, quads []quad.Quad) (int, error) {
	ms, ok := w.qs.(*memstore.QuadStore)
	if !ok {
		return 0, fmt.Errorf("%w: import into %T", ErrBackend, w.qs)
	}
	n := 0
	for _, q := range quads {
		if _, added := ms.AddQuad(q); added {
			n++
		}
	}
	return n, nil
}

// kvWriter writes batches of quads to Cayley's kv layout (bolt, leveldb)
// directly, in the form Cayley's own writer (kv.QuadStore.ApplyDeltas)
// gives them, so that Cayley and every reader of this package read them
// back unchanged:
//
//   - a node (a distinct value, by its hash graph.HashOf) gets the next ID
//     of the horizon; bucket v<h0><h1> maps the hash to the ID (uvarint),
//     bucket n<h0><h1> to the number of quads that use the node (uvarint),
//     and the log (bucket "log", key the big-endian ID) holds a
//     proto.Primitive with the ID and the value (pquads);
//   - a quad gets the next ID too; the log holds its primitive (the node
//     IDs of its four directions, 0 for no label), and every quad index
//     listed in the metadata (by default subject-predicate and
//     object-predicate-subject) appends the quad's ID (uvarint) to the
//     entry of its key (the big-endian node IDs), keeping entries sorted;
//   - meta/horizon (the last ID) and meta/size (the number of quads) are
//     little-endian int64 counters.
//
// Unlike ApplyDeltas it checks first which quads exist and counts nodes
// only for the quads it adds (ApplyDeltas with IgnoreDup counts the nodes
// of skipped quads too, leaving nodes that no deletion can remove), reads
// every key at most once per batch, writes keys in sorted order, and on
// bolt keeps bucket handles instead of looking every bucket up per key.
// The store must be held by the write lock.
type kvWriter struct {
	db      hkv.KV
	bolt    *bolt.DB // the bolt database under db, or nil
	indexes []ckv.QuadIndex
	check   int // the index used to check whether a quad exists
	// known and older cache the IDs of nodes known to exist (found or
	// created by earlier batches), in two generations: when known reaches
	// maxKnown entries it becomes older and a new known starts, so the
	// nodes used again and again (entities, common literals) stay cached
	// while those used once (statement nodes) age out.
	known, older map[cgraph.ValueHash]uint64
}

// maxKnown bounds each generation of kvWriter's node cache (an entry takes
// about 40 to 70 bytes).
const maxKnown = 1 << 17

// legacyIndexes are the quad indexes of kv stores whose metadata lists
// none (Cayley before 0.7.6).
var legacyIndexes = []ckv.QuadIndex{
	{Dirs: []quad.Direction{quad.Subject}},
	{Dirs: []quad.Direction{quad.Object}},
}

// Buckets and keys of Cayley's kv layout.
var (
	bucketMeta    = []byte("meta")
	keyHorizon    = []byte("horizon")
	keySize       = []byte("size")
	keyIndexes    = []byte("indexes")
	metaIndexesKV = hkv.Key{bucketMeta, keyIndexes}
)

func newKVWriter(ctx context.Context, db hkv.KV) (*kvWriter, error) {
	w := &kvWriter{db: db, known: map[cgraph.ValueHash]uint64{}, older: map[cgraph.ValueHash]uint64{}}
	if b, ok := db.(*hbolt.DB); ok {
		w.bolt = b.DB()
	}
	err := hkv.View(db, func(tx hkv.Tx) error {
		b, err := tx.Get(ctx, metaIndexesKV)
		switch {
		case errors.Is(err, hkv.ErrNotFound):
			w.indexes = legacyIndexes
			return nil
		case err != nil:
			return err
		}
		return json.Unmarshal(b, &w.indexes)
	})
	if err != nil {
		return nil, fmt.Errorf("read quad indexes: %w", err)
	}
	if len(w.indexes) == 0 {
		w.indexes = legacyIndexes
	}
	for i, ind := range w.indexes {
		if len(ind.Dirs) == 0 || len(ind.Dirs) > 3 {
			return nil, fmt.Errorf("quad index %v: the writer handles indexes of one to three directions", ind.Dirs)
		}
		if len(ind.Dirs) > len(w.indexes[w.check].Dirs) {
			w.check = i
		}
	}
	return w, nil
}

// wtx is the write transaction of one batch: a bolt transaction with its
// buckets at hand, or a transaction of another kv database.
type wtx interface {
	// get returns the value of key in bucket, or nil; the value is only
	// valid until the next write.
	get(bucket, key []byte) ([]byte, error)
	// put stores value under key in bucket (creating the bucket); neither
	// may change until the transaction ends.
	put(bucket, key, value []byte) error
	commit(ctx context.Context) error
	rollback()
}

type boltTx struct {
	tx      *bolt.Tx
	buckets map[string]*bolt.Bucket
}

func (t *boltTx) bucket(name []byte, create bool) (*bolt.Bucket, error) {
	if b, ok := t.buckets[string(name)]; ok {
		return b, nil
	}
	b := t.tx.Bucket(name)
	if b == nil {
		if !create {
			return nil, nil
		}
		var err error
		if b, err = t.tx.CreateBucket(name); err != nil {
			return nil, fmt.Errorf("create bucket %q: %w", name, err)
		}
	}
	if bytes.Equal(name, logKey) {
		// Log keys only ever grow: fill pages instead of splitting them
		// in half.
		b.FillPercent = 0.95
	}
	t.buckets[string(name)] = b
	return b, nil
}

func (t *boltTx) get(bucket, key []byte) ([]byte, error) {
	b, err := t.bucket(bucket, false)
	if b == nil || err != nil {
		return nil, err
	}
	return b.Get(key), nil
}

func (t *boltTx) put(bucket, key, value []byte) error {
	b, err := t.bucket(bucket, true)
	if err != nil {
		return err
	}
	return b.Put(key, value)
}

func (t *boltTx) commit(context.Context) error { return t.tx.Commit() }
func (t *boltTx) rollback()                    { t.tx.Rollback() }

type genericTx struct {
	ctx context.Context
	tx  hkv.Tx
}

func (t *genericTx) get(bucket, key []byte) ([]byte, error) {
	v, err := t.tx.Get(t.ctx, hkv.Key{bucket, key})
	if errors.Is(err, hkv.ErrNotFound) {
		return nil, nil
	}
	return v, err
}

func (t *genericTx) put(bucket, key, value []byte) error {
	return t.tx.Put(hkv.Key{bucket, key}, value)
}

func (t *genericTx) commit(ctx context.Context) error { return t.tx.Commit(ctx) }
func (t *genericTx) rollback()                        { t.tx.Close() }

func (w *kvWriter) begin(ctx context.Context) (wtx, error) {
	if w.bolt != nil {
		tx, err := w.bolt.Begin(true)
		if err != nil {
			return nil, err
		}
		return &boltTx{tx: tx, buckets: map[string]*bolt.Bucket{}}, nil
	}
	tx, err := w.db.Tx(true)
	if err != nil {
		return nil, err
	}
	return &genericTx{ctx: ctx, tx: tx}, nil
}

// arena hands out byte slices that stay untouched until it is dropped:
// bolt keeps the keys and values given to Put until the commit.
type arena struct{ cur []byte }

func (a *arena) alloc(n int) []byte {
	if cap(a.cur)-len(a.cur) < n {
		a.cur = make([]byte, 0, max(n, 1<<20))
	}
	a.cur = a.cur[:len(a.cur)+n]
	return a.cur[len(a.cur)-n : len(a.cur) : len(a.cur)]
}

// node is one distinct value of a batch.
type node struct {
	v     quad.Value
	hash  cgraph.ValueHash
	id    uint64 // 0 until found or created
	isNew bool   // created by this batch
	refs  uint64 // quads of this batch that use it and are added
}

func hashBucket(prefix byte, h *cgraph.ValueHash) []byte {
	return []byte{prefix, h[0], h[1]}
}

func (w *kvWriter) write(ctx context.Context, quads []quad.Quad) (int, error) {
	// Distinct nodes and quads of the batch. Nodes are told apart by
	// value: for the kinds of value the reader makes, two values are equal
	// exactly when their N-Quads forms (which Cayley hashes) are.
	var (
		nodes []node
		byVal = make(map[quad.Value]int32, len(quads))
		qs    = make([][4]int32, 0, len(quads))
		seen  = make(map[[4]int32]struct{}, len(quads))
	)
	for _, q := range quads {
		var k [4]int32
		for i, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			switch v.(type) {
			case nil:
				k[i] = -1
				continue
			case quad.IRI, quad.BNode, quad.String, quad.TypedString, quad.LangString:
			default:
				return 0, fmt.Errorf("value %v of type %T: want an IRI, a blank node or a literal", v, v)
			}
			n, ok := byVal[v]
			if !ok {
				n = int32(len(nodes))
				byVal[v] = n
				nodes = append(nodes, node{v: v})
				quad.HashTo(v, nodes[n].hash[:])
			}
			k[i] = n
		}
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		qs = append(qs, k)
	}
	byVal, seen = nil, nil

	tx, err := w.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("begin transaction: %w", err)
	}
	added, err := w.apply(ctx, tx, nodes, qs)
	if err != nil {
		tx.rollback()
		// Forget nodes this batch created: they are rolled back.
		for _, n := range nodes {
			if n.isNew {
				w.forget(n.hash)
			}
		}
		return 0, err
	}
	if err := tx.commit(ctx); err != nil {
		for _, n := range nodes {
			if n.isNew {
				w.forget(n.hash)
			}
		}
		return 0, fmt.Errorf("commit: %w", err)
	}
	releaseMapped(w.bolt)
	return added, nil
}

func (w *kvWriter) apply(ctx context.Context, tx wtx, nodes []node, qs [][4]int32) (int, error) {
	var a arena
	// Resolve the nodes that exist, in hash order (the key order of their
	// buckets).
	order := make([]int32, len(nodes))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return bytes.Compare(nodes[x].hash[:], nodes[y].hash[:]) })
	for _, i := range order {
		n := &nodes[i]
		if id, ok := w.cached(n.hash); ok {
			n.id = id
			continue
		}
		b, err := tx.get(hashBucket('v', &n.hash), n.hash[:])
		if err != nil {
			return 0, fmt.Errorf("look up node: %w", err)
		}
		if len(b) > 0 {
			id, _ := binary.Uvarint(b)
			n.id = id
			w.remember(n.hash, id)
		}
	}
	// Which quads are new: those with a node that does not exist yet, and
	// those the check index does not list.
	fresh := make([]int32, 0, len(qs))
	memo := map[string]stored{}
	var ids [4]uint64
	for qi, k := range qs {
		isNew := false
		for d, n := range k {
			ids[d] = 0
			if n >= 0 {
				ids[d] = nodes[n].id
				isNew = isNew || ids[d] == 0
			}
		}
		if !isNew {
			found, err := w.exists(tx, memo, ids)
			if err != nil {
				return 0, err
			}
			isNew = !found
		}
		if isNew {
			fresh = append(fresh, int32(qi))
		}
	}
	memo = nil
	if len(fresh) == 0 {
		return 0, nil
	}
	for _, qi := range fresh {
		for _, n := range qs[qi] {
			if n >= 0 {
				nodes[n].refs++
			}
		}
	}
	// IDs: new nodes, then new quads, from the horizon on.
	horizon, err := w.metaInt(tx, keyHorizon)
	if err != nil {
		return 0, err
	}
	size, err := w.metaInt(tx, keySize)
	if err != nil {
		return 0, err
	}
	next := uint64(horizon)
	ts := time.Now().UnixNano()
	var p proto.Primitive
	putLog := func(p *proto.Primitive) error {
		key := a.alloc(8)
		binary.BigEndian.PutUint64(key, p.ID)
		val := a.alloc(p.ProtoSize())
		if _, err := p.MarshalTo(val); err != nil {
			return err
		}
		return tx.put(logKey, key, val)
	}
	for i := range nodes {
		n := &nodes[i]
		if n.id != 0 || n.refs == 0 {
			continue
		}
		next++
		n.id, n.isNew = next, true
	}
	// Node buckets, in hash order: v (ID) and n (reference count).
	for _, i := range order {
		n := &nodes[i]
		if n.refs == 0 {
			continue
		}
		refs := n.refs
		if !n.isNew {
			b, err := tx.get(hashBucket('n', &n.hash), n.hash[:])
			if err != nil {
				return 0, fmt.Errorf("read node reference count: %w", err)
			}
			old, _ := binary.Uvarint(b)
			refs += old
		} else {
			val := a.alloc(binary.MaxVarintLen64)
			val = val[:binary.PutUvarint(val, n.id)]
			if err := tx.put(hashBucket('v', &n.hash), n.hash[:], val); err != nil {
				return 0, fmt.Errorf("write node: %w", err)
			}
		}
		val := a.alloc(binary.MaxVarintLen64)
		val = val[:binary.PutUvarint(val, refs)]
		if err := tx.put(hashBucket('n', &n.hash), n.hash[:], val); err != nil {
			return 0, fmt.Errorf("write node reference count: %w", err)
		}
	}
	// Node primitives, in ID order.
	for i := range nodes {
		n := &nodes[i]
		if !n.isNew {
			continue
		}
		v, err := pquads.MarshalValue(n.v)
		if err != nil {
			return 0, fmt.Errorf("encode value %s: %w", n.v, err)
		}
		p = proto.Primitive{ID: n.id, Timestamp: ts, Value: v}
		if err := putLog(&p); err != nil {
			return 0, fmt.Errorf("write node: %w", err)
		}
	}
	// Quad primitives, and their index entries.
	type entry struct {
		key [3]uint64 // the node IDs of the index's directions
		id  uint64
		new bool // the key names a node this batch creates: no entry yet
	}
	entries := make([][]entry, len(w.indexes))
	for i := range entries {
		entries[i] = make([]entry, 0, len(fresh))
	}
	for _, qi := range fresh {
		k := qs[qi]
		next++
		p = proto.Primitive{ID: next, Timestamp: ts}
		for d, n := range k {
			if n >= 0 {
				p.SetDirection(quad.Directions[d], nodes[n].id)
			}
		}
		if err := putLog(&p); err != nil {
			return 0, fmt.Errorf("write quad: %w", err)
		}
		for i, ind := range w.indexes {
			e := entry{id: p.ID}
			for j, d := range ind.Dirs {
				e.key[j] = p.GetDirection(d)
				if n := k[dirIndex(d)]; n >= 0 && nodes[n].isNew {
					e.new = true
				}
			}
			entries[i] = append(entries[i], e)
		}
	}
	for i, ind := range w.indexes {
		bucket := indexBucket(ind)
		es := entries[i]
		// By key, then ID: an entry lists its IDs in increasing order. Keys
		// are big-endian node IDs, so comparing the IDs orders them as
		// bytes.
		slices.SortFunc(es, func(x, y entry) int {
			if c := cmp.Compare(x.key[0], y.key[0]); c != 0 {
				return c
			}
			if c := cmp.Compare(x.key[1], y.key[1]); c != 0 {
				return c
			}
			if c := cmp.Compare(x.key[2], y.key[2]); c != 0 {
				return c
			}
			return cmp.Compare(x.id, y.id)
		})
		for j := 0; j < len(es); {
			e := j + 1
			for e < len(es) && es[e].key == es[j].key {
				e++
			}
			key := a.alloc(8 * len(ind.Dirs))
			for d := range ind.Dirs {
				binary.BigEndian.PutUint64(key[8*d:], es[j].key[d])
			}
			var old []byte
			if !es[j].new {
				var err error
				if old, err = tx.get(bucket, key); err != nil {
					return 0, fmt.Errorf("read index %s: %w", bucket, err)
				}
			}
			val := a.alloc(len(old) + (e-j)*binary.MaxVarintLen64)
			m := copy(val, old)
			for _, x := range es[j:e] {
				m += binary.PutUvarint(val[m:], x.id)
			}
			if err := tx.put(bucket, key, val[:m]); err != nil {
				return 0, fmt.Errorf("write index %s: %w", bucket, err)
			}
			j = e
		}
		entries[i] = nil
	}
	// Counters.
	if err := w.putMetaInt(tx, &a, keyHorizon, int64(next)); err != nil {
		return 0, err
	}
	if err := w.putMetaInt(tx, &a, keySize, size+int64(len(fresh))); err != nil {
		return 0, err
	}
	for i := range nodes {
		if nodes[i].isNew {
			w.remember(nodes[i].hash, nodes[i].id)
		}
	}
	return len(fresh), nil
}

// dirIndex returns the position of direction d in a quad's directions
// (subject, predicate, object, label).
func dirIndex(d quad.Direction) int { return int(d - quad.Subject) }

// indexBucket returns the bucket name of a quad index: the prefixes of its
// directions ("sp", "ops").
func indexBucket(ind ckv.QuadIndex) []byte {
	b := make([]byte, len(ind.Dirs))
	for i, d := range ind.Dirs {
		b[i] = d.Prefix()
	}
	return b
}

// cached returns the cached ID of the node with hash h, keeping a node of
// the older generation in the current one.
func (w *kvWriter) cached(h cgraph.ValueHash) (uint64, bool) {
	if id, ok := w.known[h]; ok {
		return id, true
	}
	id, ok := w.older[h]
	if ok {
		w.remember(h, id)
	}
	return id, ok
}

// forget drops the node with hash h from the cache.
func (w *kvWriter) forget(h cgraph.ValueHash) {
	delete(w.known, h)
	delete(w.older, h)
}

func (w *kvWriter) remember(h cgraph.ValueHash, id uint64) {
	if len(w.known) >= maxKnown {
		w.older, w.known = w.known, w.older
		clear(w.known)
	}
	w.known[h] = id
}

// stored is the set of live quads (by node IDs: subject, predicate,
// object, label) listed under one key of the check index.
type stored map[[4]uint64]struct{}

// exists reports whether the quad with node IDs ids (subject, predicate,
// object, label) is stored and not deleted. It reads the quads listed
// under the quad's key of the check index once per batch: memo keeps
// them, since an entity's descriptions by many documents, for one, share
// a key.
func (w *kvWriter) exists(tx wtx, memo map[string]stored, ids [4]uint64) (bool, error) {
	ind := w.indexes[w.check]
	var kb [32]byte
	key := kb[:8*len(ind.Dirs)]
	for j, d := range ind.Dirs {
		binary.BigEndian.PutUint64(key[8*j:], ids[dirIndex(d)])
	}
	set, ok := memo[string(key)]
	if !ok {
		var err error
		if set, err = w.listed(tx, ind, key); err != nil {
			return false, err
		}
		memo[string(key)] = set
	}
	_, found := set[ids]
	return found, nil
}

// listed returns the live quads an index lists under key.
func (w *kvWriter) listed(tx wtx, ind ckv.QuadIndex, key []byte) (stored, error) {
	list, err := tx.get(indexBucket(ind), key)
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	// Decode the list first: reading the log may invalidate it.
	var cands []uint64
	for len(list) > 0 {
		id, n := binary.Uvarint(list)
		if n <= 0 {
			return nil, fmt.Errorf("corrupt entry in index %s", indexBucket(ind))
		}
		cands = append(cands, id)
		list = list[n:]
	}
	set := make(stored, len(cands))
	var lk [8]byte
	var p proto.Primitive
	for _, id := range cands {
		binary.BigEndian.PutUint64(lk[:], id)
		b, err := tx.get(logKey, lk[:])
		if err != nil {
			return nil, fmt.Errorf("read log: %w", err)
		}
		if b == nil {
			continue
		}
		p.Reset()
		if err := p.Unmarshal(b); err != nil {
			return nil, fmt.Errorf("decode log entry %d: %w", id, err)
		}
		if !p.Deleted {
			set[[4]uint64{p.Subject, p.Predicate, p.Object, p.Label}] = struct{}{}
		}
	}
	return set, nil
}

func (w *kvWriter) metaInt(tx wtx, key []byte) (int64, error) {
	b, err := tx.get(bucketMeta, key)
	if err != nil {
		return 0, fmt.Errorf("read meta %s: %w", key, err)
	}
	if len(b) == 0 {
		return 0, nil
	}
	if len(b) != 8 {
		return 0, fmt.Errorf("read meta %s: %d bytes, want 8", key, len(b))
	}
	return int64(binary.LittleEndian.Uint64(b)), nil
}

func (w *kvWriter) putMetaInt(tx wtx, a *arena, key []byte, v int64) error {
	b := a.alloc(8)
	binary.LittleEndian.PutUint64(b, uint64(v))
	if err := tx.put(bucketMeta, key, b); err != nil {
		return fmt.Errorf("write meta %s: %w", key, err)
	}
	return nil
}

// maxLine bounds the length of one N-Quads line, so that a file without
// line breaks cannot exhaust memory.
const maxLine = 64 << 20

// nqReader reads N-Quads statements one line at a time and parses them
// strictly (W3C RDF 1.1 N-Quads): IRIs must be absolute, every literal keeps
// its lexical form and datatype as written (nothing is converted to a native
// value), escapes are decoded, and the input must be UTF-8. Blank lines and
// comment lines are skipped.
type nqReader struct {
	br   *bufio.Reader
	name string
	line int64
	buf  []byte
	p    nqParser
}

// newNQReader returns a reader of the N-Quads in r; name is the input's
// name in errors.
func newNQReader(r io.Reader, name string) *nqReader {
	return &nqReader{br: bufio.NewReaderSize(r, 256<<10), name: name}
}

// next returns the next quad. At the end of the input it returns io.EOF; a
// syntax error is a *SyntaxError; a read error is wrapped with the input's
// name and line.
func (r *nqReader) next() (quad.Quad, error) {
	for {
		line, err := r.readLine()
		if err != nil {
			return quad.Quad{}, err
		}
		q, ok, perr := r.p.parse(line)
		if perr != nil {
			perr.File, perr.Line = r.name, r.line
			return quad.Quad{}, perr
		}
		if ok {
			return q, nil
		}
	}
}

// skip reads the next statement like next but builds no values: it only
// checks the syntax.
func (r *nqReader) skip() error {
	r.p.check = true
	defer func() { r.p.check = false }()
	_, err := r.next()
	return err
}

// readLine returns the next line without its line break.
func (r *nqReader) readLine() ([]byte, error) {
	r.buf = r.buf[:0]
	for {
		chunk, err := r.br.ReadSlice('\n')
		if err == nil || (err == io.EOF && (len(chunk) > 0 || len(r.buf) > 0)) {
			var line []byte
			if len(r.buf) == 0 {
				line = chunk
			} else {
				r.buf = append(r.buf, chunk...)
				line = r.buf
			}
			r.line++
			line = bytes.TrimSuffix(line, []byte{'\n'})
			line = bytes.TrimSuffix(line, []byte{'\r'})
			return line, nil
		}
		switch {
		case err == bufio.ErrBufferFull:
			r.buf = append(r.buf, chunk...)
			if len(r.buf) > maxLine {
				return nil, &SyntaxError{File: r.name, Line: r.line + 1, Col: 1, Msg: fmt.Sprintf("line longer than %d bytes", maxLine)}
			}
		case err == io.EOF:
			return nil, io.EOF
		default:
			return nil, fmt.Errorf("%s:%d: read: %w", r.name, r.line+1, err)
		}
	}
}

// nqParser parses one N-Quads line.
type nqParser struct {
	b     []byte
	p     int
	tmp   []byte // scratch for unescaping
	check bool   // only check the syntax: build no values
	iris  map[string]string
}

// errAt returns a syntax error at byte offset p of the line.
func (ps *nqParser) errAt(p int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Col: p + 1, Msg: fmt.Sprintf(format, args...)}
}

// snippet returns the text of the line from offset p, shortened, for errors.
func (ps *nqParser) snippet(from, to int) string {
	if to > len(ps.b) {
		to = len(ps.b)
	}
	s := ps.b[from:to]
	if len(s) > 60 {
		s = append(s[:57:57], "..."...)
	}
	return strconv.Quote(string(s))
}

func (ps *nqParser) skipWS() {
	for ps.p < len(ps.b) && (ps.b[ps.p] == ' ' || ps.b[ps.p] == '\t') {
		ps.p++
	}
}

// parse parses one line. ok is false for a blank or comment line.
func (ps *nqParser) parse(line []byte) (q quad.Quad, ok bool, err *SyntaxError) {
	ps.b, ps.p = line, 0
	ps.skipWS()
	if ps.p == len(ps.b) || ps.b[ps.p] == '#' {
		return q, false, nil
	}
	if !utf8.Valid(line) {
		i := 0
		for i < len(line) {
			r, n := utf8.DecodeRune(line[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return q, false, ps.errAt(i, "invalid UTF-8")
	}
	// subject
	v, err := ps.requiredTerm(false, "subject must be an IRI or a blank node")
	if err != nil {
		return q, false, err
	}
	q.Subject = v
	ps.skipWS()
	// predicate
	start := ps.p
	if !ps.at('<') {
		return q, false, ps.errAt(start, "predicate must be an IRI, not %s", ps.snippet(start, ps.p+20))
	}
	pred, err := ps.iri()
	if err != nil {
		return q, false, err
	}
	q.Predicate = pred
	ps.skipWS()
	// object
	v, err = ps.requiredTerm(true, "object must be an IRI, a blank node or a literal")
	if err != nil {
		return q, false, err
	}
	q.Object = v
	ps.skipWS()
	// graph label (optional)
	start = ps.p
	if ps.at('"') {
		return q, false, ps.errAt(start, "graph label must be an IRI or a blank node, not a literal")
	}
	v, found, err := ps.term(false)
	if err != nil {
		return q, false, err
	}
	if found {
		q.Label = v
	}
	ps.skipWS()
	if !ps.at('.') {
		if ps.p == len(ps.b) {
			return q, false, ps.errAt(ps.p, "missing '.' at the end of the statement")
		}
		return q, false, ps.errAt(ps.p, "expected '.' at the end of the statement, found %s", ps.snippet(ps.p, ps.p+20))
	}
	ps.p++
	ps.skipWS()
	if ps.p < len(ps.b) && ps.b[ps.p] != '#' {
		return q, false, ps.errAt(ps.p, "unexpected %s after the end of the statement", ps.snippet(ps.p, ps.p+20))
	}
	return q, true, nil
}

// term parses the term at ps.p: an IRI, a blank node or, when literal is
// true, a literal. found is false, with ps.p unchanged, when no such term
// starts there.
func (ps *nqParser) term(literal bool) (v quad.Value, found bool, err *SyntaxError) {
	switch {
	case ps.at('<'):
		iri, err := ps.iri()
		return iri, true, err
	case ps.at('_'):
		b, err := ps.bnode()
		return b, true, err
	case literal && ps.at('"'):
		l, err := ps.literal()
		return l, true, err
	}
	return nil, false, nil
}

// requiredTerm parses the term at ps.p as term does, failing with "want,
// not ..." when no such term starts there.
func (ps *nqParser) requiredTerm(literal bool, want string) (quad.Value, *SyntaxError) {
	start := ps.p
	v, found, err := ps.term(literal)
	if err == nil && !found {
		err = ps.errAt(start, "%s, not %s", want, ps.snippet(start, ps.p+20))
	}
	return v, err
}

func (ps *nqParser) at(c byte) bool { return ps.p < len(ps.b) && ps.b[ps.p] == c }

// iri parses an IRIREF at ps.p (which is '<').
func (ps *nqParser) iri() (quad.IRI, *SyntaxError) {
	start := ps.p
	ps.p++
	ps.tmp = ps.tmp[:0]
	escaped := false
	for {
		if ps.p >= len(ps.b) {
			return "", ps.errAt(start, "bad IRI %s: no closing '>'", ps.snippet(start, len(ps.b)))
		}
		c := ps.b[ps.p]
		switch {
		case c == '>':
			b := ps.b[start+1 : ps.p]
			if escaped {
				b = ps.tmp
			}
			ps.p++
			if !absoluteIRI(b) {
				return "", ps.errAt(start, "bad IRI %s: not absolute (no scheme)", ps.snippet(start, ps.p))
			}
			if ps.check {
				return "", nil
			}
			return quad.IRI(ps.intern(b)), nil
		case c == '\\':
			r, n, err := ps.uchar(ps.p)
			if err != nil {
				return "", err
			}
			if iriRuneExcluded(r) {
				// An escape does not make a character an IRI may not hold
				// allowed: it could never be written back.
				return "", ps.errAt(ps.p, "bad IRI %s: escaped %s not allowed in IRIs", ps.snippet(start, ps.p+n), strconv.QuoteRune(r))
			}
			if !escaped {
				escaped = true
				ps.tmp = append(ps.tmp, ps.b[start+1:ps.p]...)
			}
			ps.tmp = utf8.AppendRune(ps.tmp, r)
			ps.p += n
			continue
		case iriRuneExcluded(rune(c)):
			what := strconv.QuoteRune(rune(c))
			if c == ' ' {
				what = "space"
			}
			return "", ps.errAt(ps.p, "bad IRI %s: %s not allowed in IRIs", ps.snippet(start, ps.p+1), what)
		}
		if escaped {
			ps.tmp = append(ps.tmp, c)
		}
		ps.p++
	}
}

// maxInterned bounds nqParser.iris.
const maxInterned = 1 << 16

// intern returns b as a string, sharing one copy between the recent
// occurrences of an IRI (predicates, types, documents, entities repeat).
func (ps *nqParser) intern(b []byte) string {
	if s, ok := ps.iris[string(b)]; ok {
		return s
	}
	if ps.iris == nil || len(ps.iris) >= maxInterned {
		ps.iris = make(map[string]string, 1024)
	}
	s := string(b)
	ps.iris[s] = s
	return s
}

// iriRuneExcluded reports whether r may not stand in an N-Quads IRI,
// written as itself or as an escape: a control, a space, or one of
// isIRIExcluded's characters.
func iriRuneExcluded(r rune) bool {
	return r <= 0x20 || r < utf8.RuneSelf && isIRIExcluded(byte(r))
}

// isIRIExcluded reports whether r is one of the characters N-Quads IRIs
// may not contain besides controls and space.
func isIRIExcluded(r byte) bool {
	switch r {
	case '<', '>', '"', '{', '}', '|', '^', '`', '\\':
		return true
	}
	return false
}

// absoluteIRI reports whether s starts with a scheme (RFC 3987: a letter,
// then letters, digits, '+', '-' or '.', then ':').
func absoluteIRI(s []byte) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// uchar decodes the escape \uXXXX or \UXXXXXXXX at offset p, returning the
// rune and the escape's length.
func (ps *nqParser) uchar(p int) (rune, int, *SyntaxError) {
	if p+1 >= len(ps.b) {
		return 0, 0, ps.errAt(p, "incomplete escape")
	}
	n := 0
	switch ps.b[p+1] {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0, 0, ps.errAt(p, "bad escape %s", ps.snippet(p, p+2))
	}
	if p+2+n > len(ps.b) {
		return 0, 0, ps.errAt(p, "incomplete escape %s", ps.snippet(p, len(ps.b)))
	}
	var r rune
	for _, c := range ps.b[p+2 : p+2+n] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, 0, ps.errAt(p, "bad escape %s", ps.snippet(p, p+2+n))
		}
		r = r<<4 | rune(d)
	}
	if !utf8.ValidRune(r) {
		return 0, 0, ps.errAt(p, "escape %s is not a Unicode character", ps.snippet(p, p+2+n))
	}
	return r, 2 + n, nil
}

// bnode parses a blank node label at ps.p (which is '_').
func (ps *nqParser) bnode() (quad.BNode, *SyntaxError) {
	start := ps.p
	if ps.p+1 >= len(ps.b) || ps.b[ps.p+1] != ':' {
		return "", ps.errAt(start, "bad blank node %s: want _:label", ps.snippet(start, start+20))
	}
	ps.p += 2
	first := ps.p
	r, n := utf8.DecodeRune(ps.b[ps.p:])
	if ps.p >= len(ps.b) || !(isPNCharsU(r) || r >= '0' && r <= '9') {
		return "", ps.errAt(start, "bad blank node %s: empty or bad label", ps.snippet(start, start+20))
	}
	ps.p += n
	end := ps.p // end of the label without trailing dots
	for ps.p < len(ps.b) {
		r, n := utf8.DecodeRune(ps.b[ps.p:])
		if r == '.' {
			ps.p += n
			continue
		}
		if !isPNChars(r) {
			break
		}
		ps.p += n
		end = ps.p
	}
	ps.p = end
	if ps.check {
		return "", nil
	}
	return quad.BNode(ps.b[first:end]), nil
}

// isPNCharsBase is PN_CHARS_BASE of the N-Quads grammar.
func isPNCharsBase(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		return true
	case r < 0xC0:
		return false
	case r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// isPNCharsU is PN_CHARS_U of the N-Quads grammar.
func isPNCharsU(r rune) bool { return r == '_' || r == ':' || isPNCharsBase(r) }

// isPNChars is PN_CHARS of the N-Quads grammar.
func isPNChars(r rune) bool {
	return isPNCharsU(r) || r == '-' || r >= '0' && r <= '9' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}

// literal parses a literal at ps.p (which is '"'): a string, a
// language-tagged string or a typed literal.
func (ps *nqParser) literal() (quad.Value, *SyntaxError) {
	start := ps.p
	ps.p++
	ps.tmp = ps.tmp[:0]
	escaped := false
	var val string
loop:
	for {
		if ps.p >= len(ps.b) {
			return nil, ps.errAt(start, "bad literal %s: no closing '\"'", ps.snippet(start, len(ps.b)))
		}
		c := ps.b[ps.p]
		switch c {
		case '"':
			switch {
			case ps.check:
			case escaped:
				val = string(ps.tmp)
			default:
				val = string(ps.b[start+1 : ps.p])
			}
			ps.p++
			break loop
		case '\r':
			return nil, ps.errAt(ps.p, "bad literal: a carriage return must be escaped as \\r")
		case '\\':
			if !escaped {
				escaped = true
				ps.tmp = append(ps.tmp, ps.b[start+1:ps.p]...)
			}
			if ps.p+1 >= len(ps.b) {
				return nil, ps.errAt(ps.p, "bad literal: incomplete escape")
			}
			var e byte
			switch ps.b[ps.p+1] {
			case 't':
				e = '\t'
			case 'b':
				e = '\b'
			case 'n':
				e = '\n'
			case 'r':
				e = '\r'
			case 'f':
				e = '\f'
			case '"':
				e = '"'
			case '\'':
				e = '\''
			case '\\':
				e = '\\'
			case 'u', 'U':
				r, n, err := ps.uchar(ps.p)
				if err != nil {
					return nil, err
				}
				ps.tmp = utf8.AppendRune(ps.tmp, r)
				ps.p += n
				continue
			default:
				return nil, ps.errAt(ps.p, "bad literal: unknown escape %s", ps.snippet(ps.p, ps.p+2))
			}
			ps.tmp = append(ps.tmp, e)
			ps.p += 2
			continue
		}
		if escaped {
			ps.tmp = append(ps.tmp, c)
		}
		ps.p++
	}
	switch {
	case ps.at('@'):
		ps.p++
		ls := ps.p
		for ps.p < len(ps.b) && isAlpha(ps.b[ps.p]) {
			ps.p++
		}
		if ps.p == ls {
			return nil, ps.errAt(ls-1, "bad language tag %s", ps.snippet(ls-1, ls+10))
		}
		for ps.at('-') {
			ps.p++
			ss := ps.p
			for ps.p < len(ps.b) && (isAlpha(ps.b[ps.p]) || ps.b[ps.p] >= '0' && ps.b[ps.p] <= '9') {
				ps.p++
			}
			if ps.p == ss {
				return nil, ps.errAt(ls-1, "bad language tag %s", ps.snippet(ls-1, ps.p+1))
			}
		}
		if ps.check {
			return nil, nil
		}
		return quad.LangString{Value: quad.String(val), Lang: string(ps.b[ls:ps.p])}, nil
	case ps.at('^'):
		if ps.p+1 >= len(ps.b) || ps.b[ps.p+1] != '^' || ps.p+2 >= len(ps.b) || ps.b[ps.p+2] != '<' {
			return nil, ps.errAt(ps.p, "bad datatype %s: want ^^<IRI>", ps.snippet(ps.p, ps.p+20))
		}
		ps.p += 2
		t, err := ps.iri()
		if err != nil {
			return nil, err
		}
		if ps.check {
			return nil, nil
		}
		return quad.TypedString{Value: quad.String(val), Type: t}, nil
	}
	if ps.check {
		return nil, nil
	}
	return quad.String(val), nil
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
