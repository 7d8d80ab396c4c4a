//go:build unix

package segment

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// privateDir reports whether fi is a directory (not a symbolic link) of
// the process's user that no other user can write or read.
func privateDir(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && fi.IsDir() && fi.Mode().Perm()&0o077 == 0 && int(st.Uid) == os.Getuid()
}

// syncDirError reports a failed directory sync.
func syncDirError(dir string, err error) error {
	return fmt.Errorf("segment: jieba dictionary cache: syncing %s: %w", dir, err)
}
