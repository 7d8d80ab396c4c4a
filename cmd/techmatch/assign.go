package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spf13/pflag"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/inert"
	"github.com/techmatch/techmatch/match"
	"github.com/techmatch/techmatch/match/assign"
)

// assignFlags are match's --assign flags.
type assignFlags struct {
	on   bool
	caps assign.Caps
}

func (a *assignFlags) add(f *pflag.FlagSet) {
	f.BoolVar(&a.on, "assign", false, "choose the pairs of largest total score under the --per-… caps (default: each need's unconstrained top-k)")
	f.IntVar(&a.caps.PerNeed, "per-need", 0, "with --assign: at most this many achievements per need (0: --top)")
	f.IntVar(&a.caps.PerAchievement, "per-achievement", 0, "with --assign: at most this many needs per achievement (0: unlimited)")
	f.IntVar(&a.caps.PerOwner, "per-owner", 0, "with --assign: at most this many pairs per owner, all its achievements together (0: unlimited)")
}

// check validates the flags against the rest of the run; it returns the
// caps to use (PerNeed defaults to top).
func (a *assignFlags) check(f *pflag.FlagSet, top int, direction string, recip float64) (assign.Caps, error) {
	if !a.on {
		for _, name := range []string{"per-need", "per-achievement", "per-owner"} {
			if f.Changed(name) {
				return assign.Caps{}, fmt.Errorf("--%s works with --assign only", name)
			}
		}
		return assign.Caps{}, nil
	}
	if direction != "need" {
		return assign.Caps{}, fmt.Errorf("--assign works with --direction need only")
	}
	if recip > 0 {
		return assign.Caps{}, fmt.Errorf("--assign and --reciprocal do not combine")
	}
	caps := a.caps
	for _, c := range []struct {
		name string
		v    int
	}{{"--per-need", caps.PerNeed}, {"--per-achievement", caps.PerAchievement}, {"--per-owner", caps.PerOwner}} {
		if err := checkRange(c.name, c.v, 0, match.MaxTop); err != nil {
			return assign.Caps{}, err
		}
	}
	if caps.PerNeed == 0 {
		caps.PerNeed = top
	}
	return caps, nil
}

// runAssign matches every need, assigns under caps and writes the chosen
// pairs and the displaced ones to w. It returns the counts for the
// summary.
func runAssign(ctx context.Context, data *loaded, cfg match.Config, opt match.Options, caps assign.Caps, w io.Writer, format techmatch.Format) (match.Assignment, error) {
	idx, err := openIndex(ctx, data, data.achs)
	if err != nil {
		return match.Assignment{}, err
	}
	defer idx.Close()
	eng, err := match.New(ctx, idx, cfg)
	if err != nil {
		return match.Assignment{}, err
	}
	if err := checkFilter(opt.Industries, idx.IndustryCounts(), "achievement"); err != nil {
		return match.Assignment{}, err
	}
	res, err := eng.Assign(ctx, data.needs, opt, caps)
	if err != nil {
		return match.Assignment{}, err
	}
	aw, err := newAssignWriter(w, format)
	if err != nil {
		return match.Assignment{}, err
	}
	// Need by need: the chosen pairs, then the displaced ones.
	d := 0
	for i := 0; i < len(res.Pairs); {
		need := res.Pairs[i].NeedID
		for ; i < len(res.Pairs) && res.Pairs[i].NeedID == need; i++ {
			if err := aw.write(res.Pairs[i], 0); err != nil {
				return res, err
			}
		}
		for ; d < len(res.Displaced) && res.Displaced[d].NeedID == need; d++ {
			if err := aw.write(res.Displaced[d].Pair, res.Displaced[d].Reason); err != nil {
				return res, err
			}
		}
	}
	for ; d < len(res.Displaced); d++ { // needs with nothing chosen
		if err := aw.write(res.Displaced[d].Pair, res.Displaced[d].Reason); err != nil {
			return res, err
		}
	}
	return res, aw.flush()
}

// assignCSVHeader is the header of --assign CSV output.
var assignCSVHeader = []string{"need_id", "achievement_id", "rank", "score", "chosen", "displaced", "displaced_reason", "explain"}

// assignWriter writes --assign output. JSONL: the usual pair object
// (need_id, achievement_id, rank, score, explain) plus "chosen" and, for a
// pair of the need's top-k that a cap displaced, "displaced" (a code:
// achievement_full, owner_full, need_full, not_positive) and
// "displaced_reason" (该成果本季对接名额已满 …); a chosen pair's rank is its
// rank among the need's chosen pairs, a displaced pair's its rank in the
// unconstrained top-k. CSV: those columns, UTF-8 with BOM, text cells
// inert. Numbers are formatted by techmatch.PairWriter, so scores and
// explanations read exactly as in plain match output.
type assignWriter struct {
	w      io.Writer
	format techmatch.Format
	csv    *csv.Writer
	buf    bytes.Buffer
	pw     *techmatch.PairWriter
}

func newAssignWriter(w io.Writer, format techmatch.Format) (*assignWriter, error) {
	aw := &assignWriter{w: w, format: format}
	pw, err := techmatch.NewPairWriter(&aw.buf, techmatch.FormatJSONL)
	if err != nil {
		return nil, err
	}
	aw.pw = pw
	if format == techmatch.FormatCSV {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return nil, err
		}
		aw.csv = csv.NewWriter(w)
		if err := aw.csv.Write(assignCSVHeader); err != nil {
			return nil, err
		}
	}
	return aw, nil
}

// write writes one pair; reason is 0 for a chosen pair.
func (aw *assignWriter) write(p techmatch.Pair, reason assign.Reason) error {
	aw.buf.Reset()
	if err := aw.pw.Write(p); err != nil {
		return err
	}
	if err := aw.pw.Flush(); err != nil {
		return err
	}
	line := bytes.TrimSuffix(aw.buf.Bytes(), []byte("}\n"))
	var row struct {
		Score   json.Number     `json:"score"`
		Explain json.RawMessage `json:"explain"`
	}
	if err := json.Unmarshal(aw.buf.Bytes(), &row); err != nil {
		return fmt.Errorf("write pair (need %s, achievement %s): %w", inert.Terminal(p.NeedID), inert.Terminal(p.AchievementID), err)
	}
	code, text := "", ""
	if reason != 0 {
		code, text = reason.String(), reason.Text()
	}
	if aw.csv != nil {
		return aw.csv.Write([]string{inert.Cell(p.NeedID), inert.Cell(p.AchievementID), strconv.Itoa(p.Rank),
			row.Score.String(), strconv.FormatBool(reason == 0), code, text, inert.Cell(string(row.Explain))})
	}
	var b bytes.Buffer
	b.Write(line)
	fmt.Fprintf(&b, `,"chosen":%t`, reason == 0)
	if reason != 0 {
		fmt.Fprintf(&b, `,"displaced":%q,"displaced_reason":%q`, code, text)
	}
	b.WriteString("}\n")
	_, err := aw.w.Write(b.Bytes())
	return err
}

func (aw *assignWriter) flush() error {
	if aw.csv != nil {
		aw.csv.Flush()
		return aw.csv.Error()
	}
	return nil
}

// assignRun is match --assign after loading: it writes the assignment to
// bw, commits dst when a pair was chosen and prints the summary (counts of
// needs read and skipped, candidates, pairs chosen and displaced).
func assignRun(ctx context.Context, data *loaded, cfg match.Config, opt match.Options, caps assign.Caps,
	bw interface {
		io.Writer
		Flush() error
	}, format techmatch.Format, dst *output, out string, skipped *int, start time.Time) error {
	res, err := runAssign(ctx, data, cfg, opt, caps, bw, format)
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	byReason := map[assign.Reason]int{}
	for _, d := range res.Displaced {
		byReason[d.Reason]++
	}
	summary := fmt.Sprintf("assigned %d pairs to %d needs (%d skipped) from %d candidates against %d achievements, caps per need %d, per achievement %s, per owner %s; total score %.3f; "+
		"%d of the top-%d displaced (achievement full %d, owner full %d, need full %d): written to %s in %s",
		len(res.Pairs), len(data.needs)-*skipped, *skipped, res.Candidates, len(data.achs), caps.PerNeed, capText(caps.PerAchievement), capText(caps.PerOwner), res.Total,
		len(res.Displaced), opt.Top, byReason[assign.ReasonAchievementFull], byReason[assign.ReasonOwnerFull], byReason[assign.ReasonNeedFull],
		outName(out), time.Since(start).Round(10*time.Millisecond))
	if len(res.Pairs) == 0 {
		return fmt.Errorf("no pairs: %s", summary)
	}
	if err := dst.commit(); err != nil {
		return err
	}
	fmt.Fprintln(data.stderr, summary)
	return nil
}

func capText(c int) string {
	if c == assign.Unlimited {
		return "unlimited"
	}
	return strconv.Itoa(c)
}
