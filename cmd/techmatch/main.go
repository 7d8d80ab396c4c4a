// Command techmatch matches technology achievements to technology needs
// from catalog files (JSON Lines, CSV, XLSX) and evaluates rankings against
// judgments.
//
//	techmatch match --achievements A --needs N [--top 10] [--out FILE] [--format jsonl|csv]
//	techmatch eval  --achievements A --needs N --qrels Q [--weights W]
//	techmatch tune  --achievements A --needs N --qrels Q --out weights.yaml [--folds 5]
//	techmatch version
//
// Run `techmatch help COMMAND` for the flags of each command.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := newRoot().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "techmatch:", err)
		os.Exit(1)
	}
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "techmatch",
		Short:         "Match technology achievements (科技成果) to technology needs (技术需求)",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newMatchCmd(), newEvalCmd(), newTuneCmd(), newDuplicatesCmd(), newVersionCmd(), newServeCmd(), newWorkspaceCmd())
	return root
}
