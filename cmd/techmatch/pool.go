package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"slices"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/internal/eval"
)

// poolItem is one pair for a blind judge: the two records' text and no
// trace of which system proposed it. Grade is left for the judge (0, 1
// or 2, as in the qrels).
type poolItem struct {
	NeedID        string `json:"need_id"`
	AchievementID string `json:"achievement_id"`
	Need          struct {
		Title       string   `json:"title"`
		Description string   `json:"description"`
		Keywords    []string `json:"keywords,omitempty"`
	} `json:"need"`
	Achievement struct {
		Title       string   `json:"title"`
		Description string   `json:"description"`
		Keywords    []string `json:"keywords,omitempty"`
		Owner       string   `json:"owner,omitempty"`
	} `json:"achievement"`
	Grade *int `json:"grade"`
}

// writePool writes, for every judged need, the pairs in the top depth of
// either system that the qrels do not grade, once each, in an order that
// depends only on the ids (FNV hash), so the judge cannot tell which
// system proposed a pair or where it ranked. The file is created 0600.
func writePool(path string, depth int, data *loaded, q eval.Qrels, systems ...map[string][]string) error {
	needs := make(map[string]techmatch.Need, len(data.needs))
	for _, n := range data.needs {
		needs[n.ID] = n
	}
	achs := make(map[string]techmatch.Achievement, len(data.achs))
	for _, a := range data.achs {
		achs[a.ID] = a
	}
	type key struct{ n, a string }
	seen := map[key]bool{}
	var items []poolItem
	for _, ranked := range systems {
		for nid, ids := range ranked {
			if q[nid] == nil {
				continue
			}
			for _, aid := range ids[:min(depth, len(ids))] {
				k := key{nid, aid}
				if _, judged := q[nid][aid]; judged || seen[k] {
					continue
				}
				seen[k] = true
				var it poolItem
				n, a := needs[nid], achs[aid]
				it.NeedID, it.AchievementID = nid, aid
				it.Need.Title, it.Need.Description, it.Need.Keywords = n.Title, n.Description, n.Keywords
				it.Achievement.Title, it.Achievement.Description, it.Achievement.Keywords = a.Title, a.Description, a.Keywords
				it.Achievement.Owner = a.Owner
				items = append(items, it)
			}
		}
	}
	hash := func(it poolItem) uint64 {
		h := fnv.New64a()
		h.Write([]byte(it.NeedID + "\x00" + it.AchievementID))
		return h.Sum64()
	}
	slices.SortFunc(items, func(x, y poolItem) int {
		hx, hy := hash(x), hash(y)
		switch {
		case hx < hy:
			return -1
		case hx > hy:
			return 1
		}
		return 0
	})
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("--pool-out: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			f.Close()
			return fmt.Errorf("--pool-out %s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("--pool-out %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--pool-out %s: %w", path, err)
	}
	fmt.Fprintf(data.stderr, "eval: %d unjudged pairs of both systems' top %d written to %s\n", len(items), depth, path)
	return nil
}
