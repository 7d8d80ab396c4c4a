// Package outcome reads what happened to proposed pairs — the agency's
// feedback on recommendations — and turns it into the two things later
// runs use: the pairs to hide or mark (Set.Rejected, Set.Get) and graded
// judgments for weight fitting (Set.Judgments).
//
// A feedback file is CSV (UTF-8, a BOM allowed), XLSX (first sheet, or
// Options.Sheet) or JSON Lines, one record per row or line, with these
// columns or keys (Chinese headers accepted; other columns are ignored):
//
//	need_id         需求编号   required
//	achievement_id  成果编号   required
//	outcome         对接结果   required: 已对接 (connected), 有意向 (interested), 不合适 (rejected)
//	reason          原因       optional: 技术不符, 成熟度不够, 价格, 地域, 已有方案, 其他
//	date            日期       optional: 2026-10-12 (also 2026/10/12, 20261012, an Excel date)
//	note            备注       optional, free text
//
// Outcomes map to grades as qrels do: 已对接 2, 有意向 1, 不合适 0. When a
// pair has several records the latest date wins (a record without a date
// is older than any dated one), then the later line.
//
// Reading is bounded like the catalogs (techmatch.Limits, the same
// defaults as the CLI's --max-… flags): the file's bytes, a record's
// bytes, a field's bytes, the records of a file and, for XLSX, the
// uncompressed size, the compression ratio of every part over 1 MiB and
// the rows and columns of the sheet. Every problem names file, line (or
// row) and field; strict reading (the default) fails on any problem with a
// *techmatch.CatalogError listing them, Options.Lenient skips bad records. CheckIDs
// reports records naming ids the catalogs lack, with their file and line.
package outcome
