package extract

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteCoNLLU writes the sentences of st in the CoNLL-U format: a "# newdoc
// id" line, then for each sentence "# sent_id = DOC-N" (N counts from 1),
// "# text = ..." (the sentence as written, line breaks made spaces), a "#
// relation = subject | predicate | object | modality" line for each
// relation the sentence is evidence of, one line a token and a blank line.
// A token line has the ten tab-separated fields ID FORM LEMMA UPOS XPOS
// FEATS HEAD DEPREL DEPS MISC, "_" where a value is unknown (LEMMA, FEATS
// and DEPS always; HEAD and DEPREL before Parser ran); MISC holds the
// entity label ("NER=B-PER", when Tagger ran with NER), the byte offsets
// of the token in the document ("Offset=12-18") and "SpaceAfter=No" when
// the next token follows with no space.
func WriteCoNLLU(w io.Writer, st *State) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# newdoc id = %s\n", oneLine(st.Doc.ID))
	for si, s := range st.Sentences {
		fmt.Fprintf(bw, "# sent_id = %s-%d\n", oneLine(st.Doc.ID), si+1)
		fmt.Fprintf(bw, "# text = %s\n", oneLine(st.Doc.Text[s.Start:s.End]))
		for _, r := range st.Relations {
			if r.Start == s.Start && r.End == s.End {
				fmt.Fprintf(bw, "# relation = %s | %s | %s | %s\n", r.Subject, r.Predicate, r.Object, r.Modality)
			}
		}
		for k, tk := range s.Tokens {
			head, rel := "_", "_"
			if tk.Deprel != "" {
				head, rel = fmt.Sprint(tk.Head+1), tk.Deprel
			}
			misc := make([]string, 0, 3)
			if tk.NER != "" {
				misc = append(misc, "NER="+tk.NER)
			}
			misc = append(misc, fmt.Sprintf("Offset=%d-%d", tk.Start, tk.End))
			if k+1 < len(s.Tokens) && s.Tokens[k+1].Start == tk.End {
				misc = append(misc, "SpaceAfter=No")
			}
			fmt.Fprintf(bw, "%d\t%s\t_\t%s\t%s\t_\t%s\t%s\t_\t%s\n", k+1, field(tk.Text), field(tk.UPOS), field(tk.Tag), head, rel, strings.Join(misc, "|"))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// oneLine replaces line breaks and tabs with spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// field returns s as a CoNLL-U field: "_" when empty, white space made
// plain spaces.
func field(s string) string {
	if s == "" {
		return "_"
	}
	return oneLine(s)
}
