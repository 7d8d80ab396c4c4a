package workspace

import (
	"github.com/techmatch/techmatch/match"
)

// matchOpts are the delta tests' match options.
func matchOpts(top int) match.Options { return match.Options{Top: top, NoExplain: true, Workers: 1} }
