package extract

import "strings"

// irregularVerbs maps irregular English verb forms to their base form.
var irregularVerbs = map[string]string{
	"met": "meet", "spoke": "speak", "spoken": "speak", "struck": "strike", "stricken": "strike",
	"fought": "fight", "sought": "seek", "held": "hold", "gave": "give", "given": "give",
	"took": "take", "taken": "take", "brought": "bring", "told": "tell", "said": "say", "says": "say",
	"wrote": "write", "written": "write", "threw": "throw", "thrown": "throw",
	"overthrew": "overthrow", "overthrown": "overthrow", "made": "make", "had": "have", "has": "have",
	"was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "am": "be", "being": "be", "'s": "be", "'re": "be", "'m": "be",
	"did": "do", "does": "do", "done": "do", "went": "go", "gone": "go", "goes": "go", "came": "come",
	"began": "begin", "begun": "begin", "led": "lead", "left": "leave", "paid": "pay", "sent": "send",
	"shot": "shoot", "slew": "slay", "slain": "slay", "caught": "catch", "thought": "think",
	"won": "win", "beaten": "beat", "sold": "sell", "withdrew": "withdraw", "withdrawn": "withdraw",
	"forbade": "forbid", "forbidden": "forbid", "stole": "steal", "stolen": "steal", "ran": "run",
	"rose": "rise", "risen": "rise", "saw": "see", "seen": "see", "undertook": "undertake",
	"undertaken": "undertake", "blew": "blow", "blown": "blow", "drew": "draw", "drawn": "draw",
	"flew": "fly", "flown": "fly", "forgave": "forgive", "forgiven": "forgive", "froze": "freeze",
	"frozen": "freeze", "got": "get", "gotten": "get", "grew": "grow", "grown": "grow", "hid": "hide",
	"hidden": "hide", "kept": "keep", "knew": "know", "known": "know", "lost": "lose", "meant": "mean",
	"shook": "shake", "shaken": "shake", "sat": "sit", "spent": "spend", "stood": "stand",
	"swore": "swear", "sworn": "swear", "taught": "teach", "tore": "tear", "torn": "tear",
	"wore": "wear", "worn": "wear", "bound": "bind", "built": "build", "bought": "buy", "chose": "choose",
	"chosen": "choose", "dealt": "deal", "drove": "drive", "driven": "drive", "ate": "eat", "eaten": "eat",
	"fell": "fall", "fallen": "fall", "fed": "feed", "felt": "feel", "found": "find", "fled": "flee",
	"forgot": "forget", "forgotten": "forget", "heard": "hear", "laid": "lay", "lent": "lend", "lay": "lie",
	"lain": "lie", "lit": "light", "rode": "ride", "ridden": "ride", "rang": "ring", "rung": "ring",
	"shone": "shine", "sang": "sing", "sung": "sing", "sank": "sink", "sunk": "sink", "slept": "sleep",
	"spun": "spin", "sprang": "spring", "sprung": "spring", "stuck": "stick", "stung": "sting",
	"strove": "strive", "striven": "strive", "swept": "sweep", "swam": "swim", "swung": "swing",
	"understood": "understand", "woke": "wake", "woken": "wake", "wove": "weave", "woven": "weave",
	"wept": "weep", "wound": "wind", "upheld": "uphold", "withheld": "withhold", "overcame": "overcome",
	"oversaw": "oversee", "overseen": "oversee", "foresaw": "foresee", "mistook": "mistake",
	"became": "become", "broke": "break", "broken": "break", "bore": "bear", "borne": "bear",
	"hung": "hang", "sped": "speed", "overran": "overrun", "misled": "mislead",
	"arose": "arise", "arisen": "arise", "awoke": "awake", "befell": "befall", "befallen": "befall",
	"forewent": "forego", "foregone": "forego", "overtook": "overtake", "overtaken": "overtake",
	"rebuilt": "rebuild", "retook": "retake", "retaken": "retake",
	"shed": "shed", "slid": "slide", "slung": "sling", "strode": "stride", "stridden": "stride",
	"strung": "string", "trod": "tread", "trodden": "tread", "underwent": "undergo", "undergone": "undergo",
	"withstood": "withstand", "upset": "upset", "wrung": "wring",
	"'d": "would", "'ll": "will", "ca": "can", "wo": "will", "n't": "not",
}

// verbLemmas returns candidate base forms of the verb form w, most likely
// first; the caller keeps the first one a lexicon knows.
func verbLemmas(w string) []string {
	w = strings.ToLower(w)
	if b, ok := irregularVerbs[w]; ok {
		return []string{b}
	}
	out := []string{w}
	add := func(s string) {
		if len(s) >= 2 {
			out = append(out, s)
		}
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		add(w[:len(w)-3] + "y")
	case strings.HasSuffix(w, "ied"):
		add(w[:len(w)-3] + "y")
	case strings.HasSuffix(w, "ing"):
		stem := w[:len(w)-3]
		add(stem)
		add(stem + "e")
		if undouble(stem) != stem {
			add(undouble(stem))
		}
		if strings.HasSuffix(stem, "ll") {
			add(stem[:len(stem)-1]) // British "travelling", after "calling"
		}
	case strings.HasSuffix(w, "ed"):
		stem := w[:len(w)-2]
		add(stem)
		add(w[:len(w)-1])
		if undouble(stem) != stem {
			add(undouble(stem))
		}
		if strings.HasSuffix(stem, "ll") {
			add(stem[:len(stem)-1]) // British "expelled", "travelled": after "kill", "call"
		}
	case strings.HasSuffix(w, "es"):
		add(w[:len(w)-2])
		add(w[:len(w)-1])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		add(w[:len(w)-1])
	}
	return out
}

// undouble drops a doubled final consonant ("stopp" → "stop").
func undouble(s string) string {
	n := len(s)
	if n >= 3 && s[n-1] == s[n-2] && !strings.ContainsRune("aeiousl", rune(s[n-1])) {
		return s[:n-1]
	}
	return s
}

// nounLemmas returns candidate singular forms of the noun w, most likely first.
func nounLemmas(w string) []string {
	w = strings.ToLower(w)
	out := []string{w}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		out = append(out, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes"):
		out = append(out, w[:len(w)-2])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		out = append(out, w[:len(w)-1])
	}
	return out
}

// lemmaOf returns the base form of the verb w when one of its candidates is
// in known; otherwise its most likely candidate.
func lemmaOf(w string, known map[string]bool) string {
	c := verbLemmas(w)
	for _, l := range c {
		if known[l] {
			return l
		}
	}
	return c[0]
}
