package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how a long run advances on a terminal: documents done,
// documents per second and elapsed time. It draws nothing when its writer
// is not a terminal (a pipe, a file, a test), where the summary line says
// it all.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress returns a progress display for w, which draws only when w is
// a terminal.
func newProgress(w io.Writer, what string) *progress {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionShowIts(),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
	)}
}

// add counts n more documents done.
func (p *progress) add(n int) {
	if p.bar != nil {
		_ = p.bar.Add(n)
	}
}

// finish removes the display.
func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
