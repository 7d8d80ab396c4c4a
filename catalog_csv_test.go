package techmatch

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"testing"
)

// FuzzReadNeedsCSV checks that the CSV reader never panics, that every
// record it returns validates and has a unique id, and that every problem
// is located.
func FuzzReadNeedsCSV(f *testing.F) {
	f.Add([]byte("编号,需求名称,最低成熟度,预算,合作方式\nN1,轻量化,5,面议,合作开发\n"))
	f.Add([]byte("\uFEFFid,title,description\n\"N1\",\"a,\nb\",\"say \"\"hi\"\"\"\nN1,x\nN2,\"open"))
	f.Add([]byte("id,org_type,budget\nN\xff,外企,-1\n,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, probs, err := ReadNeeds(context.Background(), bytes.NewReader(data), "f.csv", ReadOptions{Lenient: true})
		if err != nil {
			if errors.Is(err, ErrNoIDColumn) {
				return
			}
			// Only a malformed header row may fail a lenient read.
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("lenient read: got error %v", err)
			}
			return
		}
		checkFuzzResult(t, needIDs(recs), probs, func(i int) error { return recs[i].Validate() })
	})
}
