package extract

import (
	"testing"
	"time"
)

// isoDay formats a date result as YYYY-MM-DD, or "" when not ok.
func isoDay(d time.Time, ok bool) string {
	if !ok {
		return ""
	}
	return d.Format("2006-01-02")
}

func TestArticleDate(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"date line", "date 2026-01-09 Trump said Friday.", "2026-01-09"},
		{"dateline", "Talks resume\n\nNAIROBI, March 4, 2026 - Kenya said.", "2026-03-04"},
		{"day first dateline", "4 March 2026: Kenya said.", "2026-03-04"},
		{"undated", "Kenya said on Friday that talks resume in March.", ""},
		{"a date in the text is not the article's", "Kenya said talks resume.\nThey began on March 4, 2025.\nMore later.\nAnd more.", ""},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := isoDay(ArticleDate([]byte(tc.text))); got != tc.want {
				t.Errorf("ArticleDate(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestStoryDate(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tc := range []struct {
		name  string
		dates []string
		want  string
	}{
		{"none", nil, ""},
		{"one", []string{"2026-01-09"}, "2026-01-09"},
		{"median of three", []string{"2026-01-10", "2026-01-08", "2026-01-09"}, "2026-01-09"},
		{"earlier middle of four", []string{"2026-01-01", "2026-01-20", "2026-01-05", "2026-01-12"}, "2026-01-05"},
		{"within the span", []string{"2026-01-01", "2026-02-14"}, "2026-01-01"},
		{"too far apart: not one story", []string{"2025-06-01", "2026-01-09"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ds []time.Time
			for _, s := range tc.dates {
				ds = append(ds, day(s))
			}
			if got := isoDay(StoryDate(ds)); got != tc.want {
				t.Errorf("StoryDate(%v) = %q, want %q", tc.dates, got, tc.want)
			}
		})
	}
}

// TestPipelineRef checks that Pipeline.Ref dates an undated article and
// never overrides an article's own date.
func TestPipelineRef(t *testing.T) {
	p := NewPipeline()
	p.Ref = time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, text, wantDate, wantWhen string
	}{
		{"undated article uses Ref", "Kenya expelled Ethiopia's ambassador in February.", "", "2026-02"},
		{"own date wins", "date 2025-05-01\nKenya expelled Ethiopia's ambassador in February.", "2025-05-01", "2025-02"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := p.Analyze("x", "x", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if st.Doc.Date != tc.wantDate {
				t.Errorf("Date = %q, want %q", st.Doc.Date, tc.wantDate)
			}
			a := newSent(st, 0)
			rx := &relater{st: st}
			tok := -1
			for i, w := range a.low {
				if w == "expelled" {
					tok = i
				}
			}
			if got := rx.when(a, tok, "asserted"); got != tc.wantWhen {
				t.Errorf("when = %q, want %q", got, tc.wantWhen)
			}
		})
	}
}
