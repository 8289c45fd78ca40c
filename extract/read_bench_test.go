package extract

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// benchRead reads src as path b.N times and reports bytes/s and articles/s.
func benchRead(b *testing.B, path string, src []byte) {
	b.Helper()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		err := Read(path, bytes.NewReader(src), ReadOptions{}, func(Article) error { n++; return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

func readFixture(b *testing.B, elem ...string) []byte {
	b.Helper()
	raw, err := os.ReadFile(filepath.Join(elem...))
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

func BenchmarkReadText(b *testing.B) {
	benchRead(b, "a.txt", readFixture(b, "..", "testdata", "dev", summitTxt))
}

func BenchmarkReadHTML(b *testing.B) {
	benchRead(b, "a.html", readFixture(b, "..", "testdata", "formats", "summit_trade.html"))
}

func BenchmarkReadFeed(b *testing.B) {
	benchRead(b, "a.rss", readFixture(b, "..", "testdata", "formats", "feed.rss"))
}

// BenchmarkReadJSONL reads 1,000 lines (the two articles of
// articles.jsonl, repeated).
func BenchmarkReadJSONL(b *testing.B) {
	one := readFixture(b, "..", "testdata", "formats", "articles.jsonl")
	benchRead(b, "a.jsonl", bytes.Repeat(one, 500))
}

// repeatReader yields line n times without holding more than one copy.
type repeatReader struct {
	line []byte
	n    int
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := copy(p, r.line[r.off:])
	r.off += k
	if r.off == len(r.line) {
		r.off = 0
		r.n--
	}
	return k, nil
}

// BenchmarkReadJSONLStream reads a stream of 100,000 lines (about 180 MB) that
// is never held in memory, sampling the live heap every 10,000 articles:
// heap-MB-max is the largest sample, which stays flat however long the
// stream is.
func BenchmarkReadJSONLStream(b *testing.B) {
	one := readFixture(b, "..", "testdata", "formats", "articles.jsonl")
	first, _, _ := bytes.Cut(one, []byte("\n"))
	line := append(first, '\n')
	const lines = 100_000
	b.SetBytes(int64(len(line) * lines))
	b.ReportAllocs()
	n := 0
	var peak uint64
	var ms runtime.MemStats
	for b.Loop() {
		err := Read("-", &repeatReader{line: line, n: lines}, ReadOptions{Format: FormatJSONL}, func(Article) error {
			n++
			if n%10_000 == 0 {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(peak)/(1<<20), "heap-MB-max")
}
