// Package nlp holds benchmarks of the project's NLP models (nlp/tokenize,
// nlp/pos, nlp/ner, nlp/depparse) against github.com/jdkato/prose/v2 on the
// same text: the seed articles in testdata/seeds. It has no API; run it with
// bench/nlp.sh or `go test -run XXX -bench . ./bench/nlp`.
package nlp
