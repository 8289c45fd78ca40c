package depparse

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"bytes"
	_ "embed"
)

// ErrFormat is returned by Load when the model data is malformed.
var ErrFormat = errors.New("depparse: malformed model")

const magic = "NGDEPPARSE1\n"

// Save writes the parser as a gzip-compressed sparse binary model. The
// output is a deterministic function of the parser.
func (p *Parser) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("depparse: save: %w", err)
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	putU := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	putI := func(v int64) { bw.Write(buf[:binary.PutVarint(buf[:], v)]) }
	bw.WriteString(magic)
	putU(uint64(len(p.labels)))
	for _, l := range p.labels {
		putU(uint64(len(l)))
		bw.WriteString(l)
	}
	putU(uint64(p.rootLab))
	putU(uint64(p.tBits))
	putU(uint64(p.lBits))
	putU(uint64(math.Float32bits(p.tScale)))
	putU(uint64(math.Float32bits(p.lScale)))
	for _, tab := range [][]int16{p.tw, p.lw} {
		nz := 0
		for _, v := range tab {
			if v != 0 {
				nz++
			}
		}
		putU(uint64(nz))
		last := -1
		for i, v := range tab {
			if v != 0 {
				putU(uint64(i - last))
				putI(int64(v))
				last = i
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("depparse: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("depparse: save: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("depparse: load: %w", err)
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil {
		return nil, fmt.Errorf("depparse: load header: %w", err)
	}
	if string(head) != magic {
		return nil, fmt.Errorf("%w: bad magic", ErrFormat)
	}
	var ferr error
	getU := func() uint64 {
		if ferr != nil {
			return 0
		}
		v, err := binary.ReadUvarint(br)
		if err != nil {
			ferr = err
		}
		return v
	}
	getI := func() int64 {
		if ferr != nil {
			return 0
		}
		v, err := binary.ReadVarint(br)
		if err != nil {
			ferr = err
		}
		return v
	}
	p := &Parser{}
	nl := getU()
	if nl == 0 || nl > 1000 {
		return nil, fmt.Errorf("%w: %d labels", ErrFormat, nl)
	}
	for i := uint64(0); i < nl && ferr == nil; i++ {
		ln := getU()
		if ln > 100 {
			return nil, fmt.Errorf("%w: label length %d", ErrFormat, ln)
		}
		b := make([]byte, ln)
		if _, err := io.ReadFull(br, b); err != nil {
			ferr = err
		}
		p.labels = append(p.labels, string(b))
	}
	p.rootLab = int(getU())
	p.tBits = int(getU())
	p.lBits = int(getU())
	p.tScale = math.Float32frombits(uint32(getU()))
	p.lScale = math.Float32frombits(uint32(getU()))
	if ferr != nil {
		return nil, fmt.Errorf("depparse: load: %w", ferr)
	}
	if p.rootLab >= len(p.labels) || p.tBits < 1 || p.tBits > 26 || p.lBits < 1 || p.lBits > 24 {
		return nil, fmt.Errorf("%w: bad dimensions", ErrFormat)
	}
	p.tw = make([]int16, (1<<p.tBits)*nTrans)
	p.lw = make([]int16, (1<<p.lBits)*len(p.labels))
	for _, tab := range [][]int16{p.tw, p.lw} {
		nz := getU()
		if nz > uint64(len(tab)) {
			return nil, fmt.Errorf("%w: %d weights", ErrFormat, nz)
		}
		i := -1
		for k := uint64(0); k < nz && ferr == nil; k++ {
			d := getU()
			v := getI()
			if d == 0 || d > uint64(len(tab)) || int(d) > len(tab)-1-i || v < math.MinInt16 || v > math.MaxInt16 {
				return nil, fmt.Errorf("%w: bad weight entry", ErrFormat)
			}
			i += int(d)
			tab[i] = int16(v)
		}
		if ferr != nil {
			return nil, fmt.Errorf("depparse: load weights: %w", ferr)
		}
	}
	p.index()
	return p, nil
}

//go:embed model.bin.gz
var modelData []byte

var (
	defOnce sync.Once
	defP    *Parser
)

// Default returns the parser embedded in the binary, loading it on first
// use. It panics if the embedded model is corrupt, which is a build error.
func Default() *Parser {
	defOnce.Do(func() {
		p, err := Load(bytes.NewReader(modelData))
		if err != nil {
			panic(fmt.Errorf("depparse: embedded model: %w", err))
		}
		defP = p
	})
	return defP
}

// ModelFile is the name of the embedded model file in the package directory.
const ModelFile = "model.bin.gz"
