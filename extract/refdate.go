package extract

import (
	"sort"
	"time"
)

// MaxStorySpan is how far apart, at most, the dated articles of one run may
// be for StoryDate to date the undated ones by them: articles gathered
// together within a few weeks are taken to report one story.
const MaxStorySpan = 45 * 24 * time.Hour

// ArticleDate returns the date an article gives itself: its first line
// `date YYYY-MM-DD`, or a dateline in its first lines ("WASHINGTON, Jan 8,
// 2026:"). ok is false when the article carries no date. raw may be just
// the start of a file: the first few kilobytes hold any date it has.
func ArticleDate(raw []byte) (t time.Time, ok bool) {
	h := parseHeader(string(raw))
	return h.ref, !h.ref.IsZero()
}

// StoryDate returns the date that relative dates ("in September", "January
// 3", "on Friday") in an undated article resolve against, when the article
// is read together with dated ones: the median of their dates (the earlier
// of the two middle ones for an even count). ok is false when dates is empty
// or when the dates span more than MaxStorySpan, so the articles are not one
// story and no date is a fair guess.
func StoryDate(dates []time.Time) (t time.Time, ok bool) {
	if len(dates) == 0 {
		return time.Time{}, false
	}
	ds := append([]time.Time(nil), dates...)
	sort.Slice(ds, func(i, j int) bool { return ds[i].Before(ds[j]) })
	if ds[len(ds)-1].Sub(ds[0]) > MaxStorySpan {
		return time.Time{}, false
	}
	return ds[(len(ds)-1)/2], true
}
