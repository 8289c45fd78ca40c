package depparse

import "github.com/newsgraph/newsgraph/nlp/conllu"

// Evaluate parses sents and returns the unlabelled and labelled attachment
// scores in percent over all words, punctuation included (CoNLL 2018 shared
// task scoring with gold tokenisation; LAS compares full relations, subtypes
// included). tags supplies the UPOS and XPOS tags given the words; nil uses
// the gold tags of sents.
func Evaluate(p *Parser, sents []conllu.Sentence, tags func(words []string) (upos, xpos []string)) (uas, las float64) {
	var total, uh, lh int
	for _, s := range sents {
		n := len(s.Tokens)
		words := make([]string, n)
		up := make([]string, n)
		xp := make([]string, n)
		for i, t := range s.Tokens {
			words[i], up[i], xp[i] = t.Form, t.UPOS, t.XPOS
		}
		if tags != nil {
			up, xp = tags(words)
		}
		heads, rels := p.Parse(words, up, xp)
		for i, t := range s.Tokens {
			total++
			if heads[i] == t.Head {
				uh++
				if rels[i] == t.Deprel {
					lh++
				}
			}
		}
	}
	if total == 0 {
		return 0, 0
	}
	return 100 * float64(uh) / float64(total), 100 * float64(lh) / float64(total)
}
