package match

import (
	"context"
	"fmt"

	"github.com/techmatch/techmatch"
	"github.com/techmatch/techmatch/index"
	"github.com/techmatch/techmatch/rank/assoc"
)

// associationKind is the Expansion.Kind of a learned association.
const associationKind = "association"

// analyser is what LearnAssociations needs of an index: the word terms of
// a record, analysed as the index analyses documents.
type analyser interface {
	Analyze(rec techmatch.Record, f index.Field) ([]index.TermWeight, float64, error)
}

// LearnAssociations builds a term association model (rank/assoc) from the
// word terms of records — typically both catalogs, so that the words of
// needs and of achievements share one space — for Config.Associations.
// Stop words and boilerplate are already gone from the analysed terms.
// Cost: one segmentation per record plus assoc.Build.
func LearnAssociations[R techmatch.Record](ctx context.Context, a analyser, recs []R, cfg assoc.Config) (*assoc.Model, error) {
	docs := make([]assoc.Doc, 0, len(recs))
	for i, r := range recs {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		tw, _, err := a.Analyze(r, index.FieldWords)
		if err != nil {
			return nil, fmt.Errorf("match: associations: %w", err)
		}
		d := make(assoc.Doc, len(tw))
		for j, t := range tw {
			d[j] = assoc.Term{Text: t.Term, Weight: t.TF}
		}
		docs = append(docs, d)
	}
	m, err := assoc.Build(ctx, docs, cfg)
	if err != nil {
		return nil, fmt.Errorf("match: associations: %w", err)
	}
	return m, nil
}
