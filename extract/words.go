package extract

// Closed word classes of English that the rules use. They are grammar, not
// knowledge about the world: the world is in schema's gazetteer.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// functionWords are capitalised only at the start of a sentence.
var functionWords = set(
	"the", "a", "an", "in", "on", "at", "for", "to", "of", "from", "by", "with", "as", "and", "or",
	"but", "nor", "so", "yet", "if", "when", "while", "after", "before", "since", "until", "because",
	"although", "though", "however", "meanwhile", "nevertheless", "nonetheless", "moreover",
	"furthermore", "also", "still", "despite", "during", "over", "under", "about", "against",
	"among", "between", "into", "through", "without", "within", "according", "earlier", "later",
	"then", "now", "today", "yesterday", "tomorrow", "this", "that", "these", "those", "there",
	"here", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my",
	"your", "what", "which", "who", "whom", "whose", "where", "why", "how", "some", "many", "most",
	"all", "both", "each", "every", "few", "more", "several", "such", "no", "not", "yes", "even",
	"just", "only", "once", "again", "already", "instead", "indeed", "perhaps", "thus", "otherwise",
	"whether", "unless", "whereas", "upon", "amid", "amidst", "across", "around", "toward",
	"towards", "near", "beyond", "behind", "above", "below", "via", "per", "than", "do", "does",
	"did", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
	"could", "may", "might", "must", "shall", "should", "one", "two", "three", "first", "second",
	"last", "next", "other", "another", "said", "says", "asked", "speaking", "writing", "featured",
	"related", "leave", "required", "read", "see", "watch", "click", "share", "subscribe", "photo",
	"image", "credit", "source", "reporting", "editing", "additional", "update", "updated", "breaking",
)

// pronouns and what they can refer to.
var (
	personPronouns     = set("he", "she", "him", "her", "his", "hers", "himself", "herself")
	personSubjPronouns = set("he", "she")
	personObjPronouns  = set("him", "her", "himself", "herself")
	possPronouns       = set("his", "her", "its", "their")
	thingPronouns      = set("it", "its")
	otherPronouns      = set("i", "me", "my", "we", "us", "our", "you", "your", "they", "them", "their", "it", "its", "this", "that", "these", "those", "mine", "ours", "theirs", "itself", "themselves")
)

// nameParticles join the parts of a personal name in lower case.
var nameParticles = set("da", "de", "del", "della", "dos", "das", "do", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "ibn", "al", "el", "ben", "y")

// orgHeads end (or, before "of", begin) names of organisations.
var orgHeads = set(
	"ministry", "department", "agency", "party", "council", "court", "bank", "company",
	"corporation", "corp", "inc", "group", "association", "union", "organization", "organisation",
	"office", "committee", "commission", "assembly", "congress", "senate", "parliament", "press",
	"news", "times", "post", "journal", "institute", "university", "college", "foundation", "fund",
	"army", "navy", "forces", "force", "police", "service", "bureau", "authority", "league",
	"federation", "network", "board", "cabinet", "government", "administration", "tribunal",
	"alliance", "coalition", "front", "movement", "brigade", "brigades", "cartel", "ltd", "llc",
	"reuters", "broadcasting", "television", "radio", "agencies", "secretariat", "directorate",
	"guard", "command", "embassy", "consulate", "program", "programme", "bloc", "mission",
)

// placeHeads end names of places that are not countries.
var placeHeads = set(
	"city", "river", "sea", "ocean", "island", "islands", "mountains", "mountain", "valley",
	"province", "county", "region", "square", "street", "avenue", "airport", "base", "house",
	"palace", "bridge", "canal", "gulf", "bay", "strait", "peninsula", "desert", "lake", "park",
	"district", "state", "border", "coast", "port", "harbor", "harbour", "prison", "hospital",
	"stadium", "plaza", "building", "tower", "hill", "hills", "highlands", "basin", "delta",
	"territory", "territories", "mount", "camp", "station", "capitol",
)

// genericOrgWords make up names such as "Foreign Ministry" that need a
// country to be told apart.
var genericOrgWords = set(
	"foreign", "interior", "defense", "defence", "finance", "justice", "health", "education",
	"state", "treasury", "ministry", "department", "office", "supreme", "constitutional", "court",
	"central", "bank", "national", "assembly", "congress", "senate", "parliament", "army", "navy",
	"air", "force", "forces", "police", "cabinet", "government", "embassy", "consulate",
	"security", "council", "electoral", "commission", "attorney", "general", "prosecutor",
	"trade", "economy", "energy", "labor", "labour", "agriculture", "environment", "culture",
	"transport", "communications", "information", "public", "works", "home", "affairs",
	"presidential", "palace", "guard", "intelligence", "service", "coast", "navy", "marines",
)

// actorHeads are common nouns that stand for the entity modifying them:
// "U.S. forces", "Petro's administration", "the governments of X and Y".
var actorHeads = set(
	"administration", "government", "governments", "forces", "force", "troops", "military",
	"army", "navy", "officials", "authorities", "regime", "embassy", "ministry", "police",
	"operation", "operations", "cabinet", "diplomats", "diplomat", "leadership", "state",
	"prosecutors", "courts", "court", "lawmakers", "congress", "parliament", "envoy", "delegation",
	"negotiators", "soldiers", "warplanes", "jets", "drones", "navy", "coast", "guard", "agents",
	"side", "camp", "team", "allies", "intelligence",
	"missiles", "missile", "rockets", "rocket", "artillery", "shells", "bombers", "aircraft",
	"helicopters", "warships", "ships", "tanks", "planes", "fighter", "fighters",
	"militants", "rebels", "guerrillas", "insurgents", "militia", "militias", "commandos",
)

// institutionNouns are a state's own bodies, which news names bare when
// the story's country is plain: "Prosecutors charged X", "Police detained
// Y" (singular forms).
var institutionNouns = set("prosecutor", "police", "court", "judge", "investigator",
	"authority", "prosecution")

// praiseWords and blameWords tell a label of praise from one of blame:
// "a serious man for serious times", "a great friend", against "a sick
// man", "a disgrace".
var (
	praiseWords = set("great", "good", "serious", "honest", "brave", "courageous", "wise", "strong",
		"excellent", "outstanding", "remarkable", "decent", "capable", "friend", "partner", "hero",
		"statesman", "visionary", "principled", "historic", "exemplary", "admirable", "trustworthy",
		"reliable", "true", "fine", "tremendous", "wonderful", "brilliant", "respected", "valued")
	blameWords = set("sick", "lunatic", "disgrace", "disgraceful", "criminal", "liar", "dictator", "thug",
		"illegal", "shameful", "bad", "weak", "dangerous", "corrupt", "terrorist", "puppet", "clown",
		"failure", "provocation", "hysterical", "lies", "lie", "fake", "false", "absurd", "ridiculous",
		"irresponsible", "reckless", "threat", "enemy", "traitor", "murderer", "butcher", "tyrant",
		"madman", "incompetent", "pathetic", "hostile", "aggression", "aggressor", "interference")
)

// personNouns are relations to a person: "his wife" is not him.
var personNouns = set("wife", "husband", "son", "daughter", "brother", "sister", "father", "mother",
	"family", "children", "child", "aide", "aides", "lawyer", "lawyers", "spokesman", "spokeswoman",
	"spokesperson", "adviser", "advisers", "advisor", "advisors", "friend", "friends", "supporters",
	"critics", "critic", "counterpart", "counterparts", "successor", "predecessor", "rival", "rivals",
	"opponent", "opponents", "deputy", "envoy", "nephew", "niece", "cousin", "uncle", "aunt", "partner")

// appositiveNouns name a person who may follow in apposition: "his wife,
// Maria", "her counterpart, Henry X".
var appositiveNouns = set("wife", "husband", "son", "daughter", "brother", "sister", "father", "mother",
	"aide", "lawyer", "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "counterpart",
	"successor", "predecessor", "deputy", "envoy", "nephew", "niece", "cousin", "uncle", "aunt", "widow")

// directionWords may start a place name in lower case: "eastern Pacific".
var directionWords = set("eastern", "western", "northern", "southern", "central", "east", "west", "north", "south", "upper", "lower", "greater")

// locativePreps introduce a place.
var locativePreps = set("in", "at", "near", "outside", "inside", "from", "to", "into", "across", "around", "throughout", "within", "aboard")

// placePreps come before places and almost never before people.
var placePreps = set("in", "near", "outside", "inside", "into", "across", "throughout", "within")

var monthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdayNames = map[string]int{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
	"sun": 0, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6,
}

// isDateWord reports whether a capitalised word is a weekday or month name
// ("May" is left out: it is also a name and a modal).
func isDateWord(lower string) bool {
	lower = trimDot(lower)
	if _, ok := weekdayNames[lower]; ok && len(lower) > 3 {
		return true
	}
	if _, ok := monthNames[lower]; ok && lower != "may" && lower != "mar" && lower != "jun" && lower != "jul" && lower != "sep" {
		return true
	}
	return false
}

// monthNumber returns the month of a month name or abbreviation.
func monthNumber(s string) (int, bool) {
	m, ok := monthNames[toLower(trimDot(s))]
	return m, ok
}

func trimDot(s string) string {
	for len(s) > 0 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

// toLower lower-cases ASCII letters only (enough for English closed classes).
func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// pastForms are irregular past forms of verbs that are not also common
// nouns or adjectives ("struck", "met"; not "shot", "left", "found").
var pastForms = set(
	"met", "spoke", "struck", "fought", "sought", "held", "gave", "took", "brought", "told", "said",
	"wrote", "threw", "overthrew", "made", "did", "went", "came", "began", "led", "sent", "caught",
	"thought", "knew", "drew", "flew", "grew", "hid", "kept", "meant", "shook", "sat", "stood",
	"swore", "taught", "tore", "wore", "chose", "dealt", "drove", "ate", "fled", "forgot", "heard",
	"rode", "sang", "sank", "slept", "stuck", "swept", "swam", "understood", "woke", "upheld",
	"withheld", "overcame", "oversaw", "foresaw", "mistook", "withdrew", "forbade", "stole",
	"undertook", "forgave", "froze", "spent", "built", "bought", "sold", "slew",
)

// Verb classes.
var (
	reportingVerbs = set("say", "tell", "write", "post", "add", "announce", "claim", "state", "note", "declare", "insist", "reply", "respond", "tweet", "explain", "argue", "confirm", "report", "quip", "remark", "comment", "predict", "stress", "warn", "suggest", "acknowledge", "assert", "recall", "describe", "observe")
	// lightVerbs carry a nominal event: "hold talks", "impose sanctions".
	lightVerbs = set("hold", "have", "exchange", "impose", "issue", "extend", "announce", "make", "conduct", "carry", "launch", "stage", "level", "direct", "deliver", "sign", "reach", "give", "provide", "offer", "pay", "seek", "join", "lead", "order", "plan", "schedule", "host", "arrange", "mount", "slap", "unleash", "step", "escalate", "intensify", "renew", "resume", "begin", "start", "continue", "organize", "organise", "result", "lodge", "file", "press", "bring", "take", "face", "suggest", "threaten", "propose", "expand", "tighten", "add", "send", "agree", "wage", "order", "authorize", "authorise", "approve",
		"cancel", "postpone", "delay", "scrap")
	copulaVerbs  = set("be", "remain", "become", "seem", "stay")
	labelVerbs   = set("call", "label", "brand", "dub", "describe", "refer", "term", "deride", "name")
	controlVerbs = set("invite", "ask", "urge", "tell", "order", "allow", "force", "persuade", "encourage", "press", "push", "want", "call", "lead", "prompt", "help", "authorize", "authorise", "instruct", "direct", "pressure", "warn", "expect")
)
