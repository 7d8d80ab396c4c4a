// Package audience decides what each reader of match output may see.
//
// A record is confidential when one of its extra columns (Extra) says so:
// 是否公开, 公开, public or is_public with a "no" value (否, 不公开, 保密,
// no, n, false, 0), or 是否保密, 保密, confidential or secret with a "yes"
// value (是, 保密, 不公开, yes, y, true, 1). Names are compared after
// trimming, ASCII case ignored. An empty value or no such column means
// public, as before the column existed; a value that is neither yes nor no
// ("待定") or two columns that disagree make the record confidential
// (fail closed) and are reported by Check. The catalog contract is
// unchanged: the marker is an ordinary extra column.
//
// An Audience is who reads the output:
//
//   - Internal (the agency, the default) sees everything, as before.
//   - Supplier (a university or institute receiving its recommendations)
//     sees of a confidential need its id, title, keywords, industries,
//     region, organisation type, minimum maturity, transfer modes and
//     date; the organisation becomes 某企业（保密） (某医院（保密） for a
//     hospital), the description 需求详情保密, the budget unknown (shown
//     as 面议) and every extra column is dropped.
//   - Enterprise (an enterprise receiving achievements for its need)
//     sees a confidential achievement likewise: the owner becomes
//     某高校（保密）, 某科研院所（保密） or 某单位（保密）, the description
//     成果详情保密, the price unknown and the extra columns are dropped.
//
// The hidden fields of a record never reach the output through a pair's
// explanation either: the budget (or price) contribution loses its values,
// note and verdict (Status becomes unknown, so rank.Reasons gives no
// sentence); the effect, numeric and exclusion contributions, which quote
// the record's text, lose their readings; the owner tier (supplier_tier)
// loses its value; matched terms and expansions are kept only when they
// occur in the record's visible text (title and keywords); and the
// constraint reasons that quote a hidden value are replaced by a sentence
// without it. The scores are unchanged: they still count the budget fit.
//
// View is the one redaction step: the CLI passes every pair and report
// through it before any writer sees them.
package audience
