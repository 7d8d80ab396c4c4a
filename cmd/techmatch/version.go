package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// modulePath is the module techmatch is built from, shown when the build
// information does not name it (a test binary).
const modulePath = "github.com/techmatch/techmatch"

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the module version, VCS revision and Go version of this binary",
		Long: `Print what this binary was built from, as recorded by the Go toolchain
(runtime/debug.ReadBuildInfo): the module path and version ("(devel)" for a
build from a checkout; a tagged version for go install …@vX.Y.Z), the VCS
revision, its commit time and whether the tree had uncommitted changes
(when the binary was built in a git checkout without -buildvcs=false),
and the Go version and platform.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			bi, ok := debug.ReadBuildInfo()
			return writeVersion(cmd.OutOrStdout(), bi, ok)
		},
	}
}

// writeVersion writes the version report of bi (ok false: no build
// information) as "key: value" lines:
//
//	techmatch (devel)
//	module:   github.com/techmatch/techmatch
//	revision: 3c8132f… (modified)
//	time:     2026-12-08T02:09:00Z
//	go:       go1.26.0 linux/amd64
//
// revision and time are left out when the build recorded no VCS
// information.
func writeVersion(w io.Writer, bi *debug.BuildInfo, ok bool) error {
	version, path := "unknown", modulePath
	settings := map[string]string{}
	goVersion := runtime.Version()
	if ok && bi != nil {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		if bi.Main.Path != "" {
			path = bi.Main.Path
		}
		if bi.GoVersion != "" {
			goVersion = bi.GoVersion
		}
		for _, s := range bi.Settings {
			settings[s.Key] = s.Value
		}
	}
	lines := []string{"techmatch " + version, "module:   " + path}
	if rev := settings["vcs.revision"]; rev != "" {
		if settings["vcs.modified"] == "true" {
			rev += " (modified)"
		}
		lines = append(lines, "revision: "+rev)
	}
	if t := settings["vcs.time"]; t != "" {
		lines = append(lines, "time:     "+t)
	}
	lines = append(lines, "go:       "+goVersion+" "+runtime.GOOS+"/"+runtime.GOARCH)
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return fmt.Errorf("version: %w", err)
		}
	}
	return nil
}
