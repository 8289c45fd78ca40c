package graph

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
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

// mappingSize returns the length of the mapping of file that starts at
// addr, read from /proc/self/maps; ok is false when there is none. The
// length must come from the kernel: the file may be longer than its
// mapping (bolt grows the file ahead of the map), and advice past the
// mapping's end would reach whatever is mapped next, the Go heap included.
func mappingSize(addr uintptr, file string) (uintptr, bool) {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		// start-end perms offset dev inode pathname
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 {
			continue
		}
		start, end, found := strings.Cut(fields[0], "-")
		if !found {
			continue
		}
		lo, err1 := strconv.ParseUint(start, 16, 64)
		hi, err2 := strconv.ParseUint(end, 16, 64)
		if err1 != nil || err2 != nil || uintptr(lo) != addr || hi <= lo {
			continue
		}
		if fields[2] != "00000000" || strings.Join(fields[5:], " ") != file {
			return 0, false
		}
		return uintptr(hi - lo), true
	}
	return 0, false
}

// dontNeed advises the kernel that the mapping of file at addr is not
// needed (MADV_DONTNEED): on a shared file mapping this drops the pages
// from the process, and their contents stay in the file and the page
// cache. It does nothing unless /proc/self/maps shows a mapping of file
// starting at addr, and covers exactly that mapping.
func dontNeed(addr uintptr, file string) {
	size, ok := mappingSize(addr, file)
	if !ok {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, addr, size, syscall.MADV_DONTNEED)
}
