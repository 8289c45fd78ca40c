package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// readHTML reads a web page as one article: its main text (found by
// readability, which drops navigation, related links, footers and the like),
// headline, publication date, canonical URL and publisher. The page is
// decoded to UTF-8 as a browser would (see decodeHTML). A page with no
// article text is a record error wrapping ErrEmpty; binary content one
// wrapping ErrBinary.
//
// The date is the first of: meta article:published_time; JSON-LD
// datePublished (of an Article-like object, also inside @graph); other
// publication-date metas (itemprop datePublished, pubdate, dc.date, …);
// a <time datetime> marked pubdate or itemprop=datePublished, else the first
// inside an <article>, else the first in the page. The URL is <link
// rel=canonical>, else og:url, else the JSON-LD url or mainEntityOfPage
// (absolute http(s) URLs only). The publisher is og:site_name, else the
// JSON-LD publisher's name.
func (rd *reader) readHTML(r io.Reader) error {
	raw, ok, err := rd.readAll(r)
	if !ok {
		return err
	}
	a, err := parseHTMLArticle(raw)
	if err != nil {
		return rd.bad(&RecordError{ID: rd.base, Err: err})
	}
	a.ID, a.Path = rd.base, rd.path
	return rd.fn(a)
}

// parseHTMLArticle is readHTML for the bytes of one page.
func parseHTMLArticle(raw []byte) (a Article, err error) {
	src := decodeHTML(raw)
	if err := validate(src); err != nil {
		return Article{}, err
	}
	if tagDepth(src, maxHTMLDepth) > maxHTMLDepth {
		// html.Parse takes time worse than quadratic in the depth: 30,000
		// nested elements take 15 s, 100,000 many minutes.
		return Article{}, fmt.Errorf("%w: HTML elements nested more than %d deep", ErrFormat, maxHTMLDepth)
	}
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return Article{}, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if d := htmlDepth(doc, maxHTMLDepth); d > maxHTMLDepth {
		// The readability pass takes time quadratic in the depth: 100,000
		// nested elements would take hours.
		return Article{}, fmt.Errorf("%w: HTML elements nested more than %d deep", ErrFormat, maxHTMLDepth)
	}
	m := collectPageMeta(doc)
	ld := m.jsonLD()

	a.URL = firstURL(m.canonical, m.metas["og:url"], ld.url)
	var pageURL *url.URL
	if a.URL != "" {
		pageURL, _ = url.Parse(a.URL)
	}
	art, err := parseReadable(doc, pageURL)
	if err != nil {
		return Article{}, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	a.Title = strings.Join(strings.Fields(firstNonEmpty(art.Title, ld.headline, m.metas["og:title"], m.title)), " ")
	a.Publisher = strings.Join(strings.Fields(firstNonEmpty(m.metas["og:site_name"], ld.publisher, art.SiteName)), " ")
	a.Date = m.date(ld)
	var body string
	if art.Node != nil {
		n := art.Node
		if n.Parent != nil {
			n = n.Parent
		}
		body = nodeText(n)
	}
	if strings.TrimSpace(body) == "" {
		return Article{}, fmt.Errorf("%w: no article text found in the page", ErrEmpty)
	}
	a.Text = []byte(withTitle(a.Title, body))
	return a, nil
}

// parseReadable runs readability over doc, turning a panic inside it into
// an error: a page must never bring the reader down.
func parseReadable(doc *html.Node, pageURL *url.URL) (art readability.Article, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("readability failed on the page: %v", p)
		}
	}()
	return readability.FromDocument(doc, pageURL)
}

// maxHTMLDepth is the deepest nesting of elements parseHTMLArticle reads.
// Real pages stay well under a hundred levels.
const maxHTMLDepth = 512

// unnested are the elements tagDepth does not count: void elements and
// those whose end tag may be left out.
var unnested = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true,
	"link": true, "meta": true, "source": true, "track": true, "wbr": true, "param": true, "keygen": true,
	"p": true, "li": true, "dt": true, "dd": true, "option": true, "optgroup": true, "tr": true, "td": true,
	"th": true, "tbody": true, "thead": true, "tfoot": true, "rb": true, "rt": true, "rtc": true, "rp": true,
	"colgroup": true, "caption": true, "html": true, "head": true, "body": true,
}

// tagDepth estimates, in one linear pass of the tokenizer, how deep the
// elements of src nest (start tags less end tags, leaving out unnested
// elements), counting no further than limit+1.
func tagDepth(src []byte, limit int) int {
	z := html.NewTokenizer(bytes.NewReader(src))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			if name, _ := z.TagName(); !unnested[string(name)] {
				depth++
				if depth > deepest {
					if deepest = depth; deepest > limit {
						return deepest
					}
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); !unnested[string(name)] && depth > 0 {
				depth--
			}
		}
	}
}

// htmlDepth returns the depth of the tree under n, counting no further than
// limit+1, without recursion.
func htmlDepth(n *html.Node, limit int) int {
	deepest := 0
	type item struct {
		n     *html.Node
		depth int
	}
	stack := []item{{n, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		deepest = max(deepest, it.depth)
		if deepest > limit {
			return deepest
		}
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, item{c, it.depth + 1})
		}
	}
	return deepest
}

// firstNonEmpty returns the first of ss that is not blank.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// firstURL returns the first of us that is an absolute http(s) URL, after
// resolving relative ones against the first absolute one.
func firstURL(us ...string) string {
	var base *url.URL
	for _, u := range us {
		if p, err := url.Parse(strings.TrimSpace(u)); err == nil && p.IsAbs() && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" {
			base = p
			break
		}
	}
	for _, u := range us {
		u = strings.TrimSpace(u)
		if u == "" {
			continue
		}
		p, err := url.Parse(u)
		if err != nil {
			continue
		}
		if !p.IsAbs() && base != nil {
			p = base.ResolveReference(p)
		}
		if (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" {
			return p.String()
		}
	}
	return ""
}

// declaredCharsetRE finds a charset declared in a meta element or an XML
// declaration.
var declaredCharsetRE = regexp.MustCompile(`(?is)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_:.+-]+)`)

// decodeHTML returns a page as UTF-8, decoded as a browser would: by its
// byte order mark; else by the charset its first 4 KB declare (a meta
// charset or http-equiv Content-Type, or an XML declaration; a declared
// UTF-16 is read as UTF-8, as the HTML standard says); else as UTF-8 when
// it is valid or mostly valid UTF-8, and as windows-1252 otherwise. Bytes
// that are not valid in the chosen encoding become U+FFFD. The result is
// always valid UTF-8.
func decodeHTML(raw []byte) []byte {
	if e, _, certain := charset.DetermineEncoding(raw, ""); certain {
		if out, err := e.NewDecoder().Bytes(raw); err == nil {
			return bytes.ToValidUTF8(bytes.TrimPrefix(out, []byte("\ufeff")), []byte("\uFFFD"))
		}
	}
	head := raw
	if len(head) > 4096 {
		head = head[:4096]
	}
	if m := declaredCharsetRE.FindSubmatch(head); m != nil {
		label := string(m[1]) + string(m[2])
		if e, name := charset.Lookup(label); e != nil && name != "utf-8" && !strings.HasPrefix(name, "utf-16") {
			if out, err := e.NewDecoder().Bytes(raw); err == nil {
				return bytes.ToValidUTF8(out, []byte("\uFFFD"))
			}
		} else if e != nil {
			return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
		}
	}
	if utf8.Valid(raw) || mostlyUTF8(raw) {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	return out
}

// mostlyUTF8 reports whether b has more valid multi-byte UTF-8 sequences
// than invalid bytes: UTF-8 with a few broken bytes, not a legacy charset.
func mostlyUTF8(b []byte) bool {
	multi, bad := 0, 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n <= 1:
			bad++
		case n > 1:
			multi++
		}
		b = b[n:]
	}
	return multi > bad
}

// pageMeta is what collectPageMeta finds in a page besides its text.
type pageMeta struct {
	metas     map[string]string // meta property/name/itemprop (lower case) → content, first seen
	canonical string            // <link rel=canonical href>
	ldJSON    []string          // the bodies of <script type=application/ld+json>
	timePub   string            // <time datetime> marked pubdate or itemprop=datePublished
	timeInArt string            // the first <time datetime> inside an <article>
	timeAny   string            // the first <time datetime>
	title     string            // <title>
}

// collectPageMeta walks the page once for its metadata.
func collectPageMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{metas: map[string]string{}}
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content, has := attr(n, "content")
				if has {
					for _, k := range []string{"property", "name", "itemprop"} {
						if key, ok := attr(n, k); ok {
							key = strings.ToLower(strings.TrimSpace(key))
							if _, seen := m.metas[key]; !seen && key != "" {
								m.metas[key] = strings.TrimSpace(content)
							}
						}
					}
				}
			case atom.Link:
				if rel, _ := attr(n, "rel"); m.canonical == "" && hasToken(rel, "canonical") {
					m.canonical, _ = attr(n, "href")
				}
			case atom.Script:
				if t, _ := attr(n, "type"); strings.EqualFold(strings.TrimSpace(t), "application/ld+json") {
					var b strings.Builder
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.TextNode {
							b.WriteString(c.Data)
						}
					}
					m.ldJSON = append(m.ldJSON, b.String())
				}
				return
			case atom.Time:
				if dt, ok := attr(n, "datetime"); ok && strings.TrimSpace(dt) != "" {
					_, pub := attr(n, "pubdate")
					ip, _ := attr(n, "itemprop")
					if m.timePub == "" && (pub || strings.EqualFold(ip, "datePublished")) {
						m.timePub = dt
					}
					if m.timeInArt == "" && inArticle {
						m.timeInArt = dt
					}
					if m.timeAny == "" {
						m.timeAny = dt
					}
				}
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = n.FirstChild.Data
				}
			case atom.Article:
				inArticle = true
			case atom.Svg:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(doc, false)
	return m
}

// attr returns n's attribute key (lower case) and whether it is present.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hasToken reports whether the space-separated list s holds tok, ignoring case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// dateMetas are the meta names read for a publication date after
// article:published_time and JSON-LD, in order.
var dateMetas = []string{
	"og:published_time", "og:article:published_time", "datepublished", "article.published",
	"pubdate", "publishdate", "publish-date", "publication_date", "date",
	"dc.date.issued", "dc.date", "dcterms.issued", "dcterms.date", "dcterms.created",
	"parsely-pub-date", "sailthru.date",
}

// date returns the page's publication date (see readHTML), or "".
func (m *pageMeta) date(ld ldInfo) string {
	cands := []string{m.metas["article:published_time"], ld.date}
	for _, k := range dateMetas {
		cands = append(cands, m.metas[k])
	}
	cands = append(cands, m.timePub, m.timeInArt, m.timeAny)
	for _, c := range cands {
		if c == "" {
			continue
		}
		if d := parseDate(c); d != "" {
			return d
		}
	}
	return ""
}

// ldInfo is what the page's JSON-LD says about its article.
type ldInfo struct {
	date, headline, url, publisher string
}

// jsonLD reads the page's JSON-LD blocks for the article object: the first
// object whose @type is an Article, NewsArticle, BlogPosting or the like,
// else the first object with a datePublished. Objects are looked for at
// the top level, in arrays and in @graph; a publisher given by @id
// reference is looked up among them. Blocks that are not JSON are ignored.
func (m *pageMeta) jsonLD() ldInfo {
	var objs []map[string]any
	byID := map[string]map[string]any{}
	var collect func(v any, depth int)
	collect = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				collect(x, depth+1)
			}
		case map[string]any:
			objs = append(objs, v)
			if id, ok := v["@id"].(string); ok {
				if _, seen := byID[id]; !seen {
					byID[id] = v
				}
			}
			if g, ok := v["@graph"]; ok {
				collect(g, depth+1)
			}
		}
	}
	for _, s := range m.ldJSON {
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(s)), &v) == nil {
			collect(v, 0)
		}
	}
	var art map[string]any
	for _, o := range objs {
		if isArticleType(o["@type"]) {
			art = o
			break
		}
	}
	if art == nil {
		for _, o := range objs {
			if _, ok := o["datePublished"].(string); ok {
				art = o
				break
			}
		}
	}
	if art == nil {
		return ldInfo{}
	}
	var info ldInfo
	info.date, _ = art["datePublished"].(string)
	info.headline, _ = art["headline"].(string)
	if info.headline == "" {
		info.headline, _ = art["name"].(string)
	}
	info.url = ldString(art["url"])
	if info.url == "" {
		info.url = ldString(art["mainEntityOfPage"])
	}
	switch p := art["publisher"].(type) {
	case string:
		info.publisher = p
	case []any:
		if len(p) > 0 {
			info.publisher = ldName(p[0], byID)
		}
	default:
		info.publisher = ldName(p, byID)
	}
	return info
}

// ldString returns a JSON-LD value that is a string or an object with @id.
func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		s, _ := v["@id"].(string)
		return s
	}
	return ""
}

// ldName returns the name of a JSON-LD object, following an @id reference.
func ldName(v any, byID map[string]map[string]any) string {
	o, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	if name, ok := o["name"].(string); ok {
		return name
	}
	if id, ok := o["@id"].(string); ok {
		if ref, ok := byID[id]; ok {
			name, _ := ref["name"].(string)
			return name
		}
	}
	return ""
}

// isArticleType reports whether a JSON-LD @type (a string or a list) names
// an article: Article, NewsArticle, ReportageNewsArticle, BlogPosting, ….
func isArticleType(t any) bool {
	var ts []string
	switch t := t.(type) {
	case string:
		ts = []string{t}
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				ts = append(ts, s)
			}
		}
	}
	for _, s := range ts {
		if i := strings.LastIndexAny(s, "/:#"); i >= 0 {
			s = s[i+1:]
		}
		if strings.HasSuffix(s, "Article") || s == "BlogPosting" || s == "LiveBlogPosting" || s == "Report" {
			return true
		}
	}
	return false
}

// htmlBlocks are the elements that start and end a paragraph of text.
var htmlBlocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Tr: true, atom.Ul: true, atom.Body: true,
}

// htmlSkipped are the elements whose content is not text.
var htmlSkipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Head: true,
	atom.Select: true, atom.Textarea: true, atom.Button: true,
}

// textWriter builds plain text from HTML: white space collapsed to single
// spaces, one blank line between blocks, a line break for <br>.
type textWriter struct {
	b     strings.Builder
	brk   int  // pending break: 0 none, 1 line break, 2 blank line
	space bool // pending space
	pre   int  // depth inside <pre>
}

// breakLine asks for a line break (level 1) or a blank line (level 2)
// before the next text.
func (w *textWriter) breakLine(level int) {
	if level > w.brk {
		w.brk = level
	}
	w.space = false
}

// flush writes the pending break or space before text.
func (w *textWriter) flush() {
	if w.b.Len() > 0 {
		switch {
		case w.brk == 2:
			w.b.WriteString("\n\n")
		case w.brk == 1:
			w.b.WriteByte('\n')
		case w.space:
			w.b.WriteByte(' ')
		}
	}
	w.brk, w.space = 0, false
}

// text writes a text node's content.
func (w *textWriter) text(s string) {
	if w.pre > 0 {
		if s != "" {
			w.flush()
			w.b.WriteString(strings.Map(dropInvisible, s))
		}
		return
	}
	for s != "" {
		i := strings.IndexFunc(s, unicode.IsSpace)
		if i != 0 {
			word := s
			if i > 0 {
				word = s[:i]
			}
			if word = strings.Map(dropInvisible, word); word != "" {
				w.flush()
				w.b.WriteString(word)
			}
			if i < 0 {
				return
			}
			s = s[i:]
		}
		_, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if w.brk == 0 {
			w.space = true
		}
	}
}

// mark writes s (a quotation mark) as part of the text that follows or
// precedes it.
func (w *textWriter) mark(s string) {
	w.flush()
	w.b.WriteString(s)
}

// dropInvisible removes soft hyphens, zero-width characters and byte order
// marks, which split words for the tokenizer without showing.
func dropInvisible(r rune) rune {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return -1
	}
	return r
}

// walk writes the text under n.
func (w *textWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if htmlSkipped[n.DataAtom] {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			w.breakLine(1)
			return
		case atom.Td, atom.Th:
			if w.brk == 0 {
				w.space = true
			}
		case atom.Pre:
			w.pre++
			defer func() { w.pre-- }()
		case atom.Q:
			w.mark("\u201c")
			defer w.mark("\u201d")
		}
		if htmlBlocks[n.DataAtom] {
			w.breakLine(2)
			defer w.breakLine(2)
		}
	case html.DocumentNode:
	default:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// nodeText returns the plain text under n: paragraphs (and other blocks)
// separated by one blank line, white space inside them collapsed, valid
// UTF-8.
func nodeText(n *html.Node) string {
	var w textWriter
	w.walk(n)
	return strings.ToValidUTF8(strings.TrimSpace(w.b.String()), "\uFFFD")
}

// htmlToText returns the plain text of an HTML fragment (a feed item's
// content), as nodeText does for a page.
func htmlToText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return ""
	}
	var w textWriter
	for _, n := range nodes {
		w.walk(n)
	}
	return strings.ToValidUTF8(strings.TrimSpace(w.b.String()), "\uFFFD")
}

// looksLikeHTML reports whether a text field holds HTML markup rather than
// plain text: it starts with a tag and has a paragraph, line break or div.
func looksLikeHTML(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "<") {
		return false
	}
	if len(s) > 64<<10 {
		s = s[:64<<10]
	}
	l := strings.ToLower(s)
	return strings.Contains(l, "</p>") || strings.Contains(l, "<br") || strings.Contains(l, "</div>") || strings.Contains(l, "<p>")
}
