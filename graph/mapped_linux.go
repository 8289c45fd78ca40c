package graph

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// residentFileBytes returns the process's resident file-backed and shared
// memory (the "shared" field of /proc/self/statm) in bytes.
func residentFileBytes() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}

// dontNeed advises the kernel that the size bytes mapped at addr are not
// needed (MADV_DONTNEED). On a shared file mapping this drops the pages
// from the process; their contents stay in the file and the page cache.
func dontNeed(addr, size uintptr) {
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, addr, size, syscall.MADV_DONTNEED)
}
