package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
)

// Model file: gzip over
//
//	magic "NGNER\x01"
//	uvarint flags (bit 0: gazetteer features; bit 1: greedy decoding)
//	uvarint number of types, then each as uvarint length + bytes
//	uvarint bit mask of the hidden types (learnt, not reported)
//	uint32 little-endian: float32 bits of the weight scale
//	uvarint number of features, then for each in ascending key order:
//	  uvarint key delta, uvarint bit mask of non-zero labels,
//	  varint weight of each label in the mask
const magic = "NGNER\x01"

// Save writes the model in the format Load reads. The output depends only
// on the model: saving the same model twice gives the same bytes.
func (r *Recognizer) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	bw.WriteString(magic)
	flags := uint64(0)
	if r.gaz {
		flags |= 1
	}
	if r.greedy {
		flags |= 2
	}
	uv(flags)
	uv(uint64(len(r.types)))
	for _, t := range r.types {
		uv(uint64(len(t)))
		bw.WriteString(t)
	}
	uv(r.hide)
	binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(r.scale))
	bw.Write(buf[:4])
	type kr struct {
		key uint64
		row int32
	}
	var all []kr
	for i, k := range r.keys {
		if k != 0 {
			all = append(all, kr{k, r.rows[i]})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].key < all[j].key })
	uv(uint64(len(all)))
	prev := uint64(0)
	for _, x := range all {
		uv(x.key - prev)
		prev = x.key
		row := r.w[int(x.row)*r.nl : int(x.row)*r.nl+r.nl]
		mask := uint64(0)
		for k, v := range row {
			if v != 0 {
				mask |= 1 << k
			}
		}
		uv(mask)
		for _, v := range row {
			if v != 0 {
				bw.Write(buf[:binary.PutVarint(buf[:], int64(v))])
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	return nil
}

var errFormat = errors.New("not a ner model")

// Load reads a model written by Save.
func Load(rd io.Reader) (*Recognizer, error) {
	zr, err := gzip.NewReader(rd)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	fail := func(what string, err error) (*Recognizer, error) {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("ner: load: %s: %w", what, err)
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil {
		return fail("header", err)
	}
	if string(head) != magic {
		return fail("header", errFormat)
	}
	flags, err := binary.ReadUvarint(br)
	if err != nil {
		return fail("flags", err)
	}
	nt, err := binary.ReadUvarint(br)
	if err != nil {
		return fail("types", err)
	}
	if nt == 0 || nt > 15 {
		return fail("types", fmt.Errorf("%w: %d types", errFormat, nt))
	}
	r := &Recognizer{gaz: flags&1 != 0, greedy: flags&2 != 0, nl: 1 + 4*int(nt)}
	for i := 0; i < int(nt); i++ {
		l, err := binary.ReadUvarint(br)
		if err != nil {
			return fail("types", err)
		}
		if l > 64 {
			return fail("types", fmt.Errorf("%w: type name of %d bytes", errFormat, l))
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(br, b); err != nil {
			return fail("types", err)
		}
		r.types = append(r.types, string(b))
	}
	if r.hide, err = binary.ReadUvarint(br); err != nil {
		return fail("types", err)
	}
	var sb [4]byte
	if _, err := io.ReadFull(br, sb[:]); err != nil {
		return fail("scale", err)
	}
	r.scale = math.Float32frombits(binary.LittleEndian.Uint32(sb[:]))
	nf, err := binary.ReadUvarint(br)
	if err != nil {
		return fail("features", err)
	}
	if nf > 1<<26 {
		return fail("features", fmt.Errorf("%w: %d features", errFormat, nf))
	}
	keys := make([]uint64, 0, nf)
	w := make([]int16, 0, int(nf)*r.nl)
	prev := uint64(0)
	for i := uint64(0); i < nf; i++ {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return fail("features", err)
		}
		if (d == 0 && i > 0) || prev+d < prev || prev+d == 0 {
			return fail("features", fmt.Errorf("%w: keys out of order", errFormat))
		}
		prev += d
		keys = append(keys, prev)
		mask, err := binary.ReadUvarint(br)
		if err != nil {
			return fail("features", err)
		}
		for k := 0; k < r.nl; k++ {
			var v int64
			if mask&(1<<k) != 0 {
				if v, err = binary.ReadVarint(br); err != nil {
					return fail("features", err)
				}
				if v < math.MinInt16 || v > math.MaxInt16 {
					return fail("features", fmt.Errorf("%w: weight out of range", errFormat))
				}
			}
			w = append(w, int16(v))
		}
	}
	r.build(keys, w)
	return r, nil
}
