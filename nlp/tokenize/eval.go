package tokenize

import (
	"strings"

	"github.com/newsgraph/newsgraph/nlp/conllu"
)

// Scores are a tokenizer evaluation against a treebank.
type Scores struct {
	TokenF1, SentenceF1 float64
	Tokens, Sentences   int // gold counts that were scored
	Skipped             int // gold sentences whose words could not be aligned to their text
}

// Evaluate rebuilds the raw text of each document of a CoNLL-U treebank from
// its "# text =" lines (the sentences of a document, which share their
// sent_id up to the last "-", joined by a space), splits it, and scores the
// token and sentence spans against the gold word forms by exact byte
// offsets (F1). Sentences whose word forms do not spell out their text are
// left out of the document.
func Evaluate(sents []conllu.Sentence) Scores {
	var sc Scores
	var tp, np, ng, stp, snp, sng int
	for i := 0; i < len(sents); {
		doc := docOf(sents[i].ID)
		var text strings.Builder
		gold := map[[2]int]bool{}
		goldS := map[[2]int]bool{}
		j := i
		for ; j < len(sents) && docOf(sents[j].ID) == doc && (j == i || doc != ""); j++ {
			s := sents[j]
			spans, ok := align(s)
			if !ok || s.Text == "" {
				sc.Skipped++
				continue
			}
			if text.Len() > 0 {
				text.WriteByte(' ')
			}
			base := text.Len()
			text.WriteString(s.Text)
			for _, sp := range spans {
				gold[[2]int{base + sp[0], base + sp[1]}] = true
			}
			goldS[[2]int{base + spans[0][0], base + spans[len(spans)-1][1]}] = true
		}
		i = j
		ng += len(gold)
		sng += len(goldS)
		for _, s := range Split(text.String()) {
			snp++
			if goldS[[2]int{s.Start, s.End}] {
				stp++
			}
			for _, tk := range s.Tokens {
				np++
				if gold[[2]int{tk.Start, tk.End}] {
					tp++
				}
			}
		}
	}
	sc.Tokens, sc.Sentences = ng, sng
	sc.TokenF1 = f1(tp, np, ng)
	sc.SentenceF1 = f1(stp, snp, sng)
	return sc
}

func f1(tp, np, ng int) float64 {
	if np == 0 || ng == 0 {
		return 0
	}
	p, r := float64(tp)/float64(np), float64(tp)/float64(ng)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func docOf(id string) string {
	if k := strings.LastIndexByte(id, '-'); k > 0 {
		return id[:k]
	}
	return ""
}

// align finds each word form of s in s.Text, in order, skipping white space.
func align(s conllu.Sentence) ([][2]int, bool) {
	t := s.Text
	pos := 0
	spans := make([][2]int, 0, len(s.Tokens))
	for _, tk := range s.Tokens {
		for pos < len(t) && (t[pos] == ' ' || t[pos] == '\t' || t[pos] == '\n') {
			pos++
		}
		if !strings.HasPrefix(t[pos:], tk.Form) {
			return nil, false
		}
		spans = append(spans, [2]int{pos, pos + len(tk.Form)})
		pos += len(tk.Form)
	}
	return spans, len(spans) > 0
}
