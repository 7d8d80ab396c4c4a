//go:build !unix

package segment

import "io/fs"

// privateDir reports whether fi is a directory. Outside Unix os.TempDir
// is per user and Unix permissions do not apply.
func privateDir(fi fs.FileInfo) bool { return fi.IsDir() }

// syncDirError: directories cannot be synced outside Unix; the renames
// are still atomic.
func syncDirError(string, error) error { return nil }
