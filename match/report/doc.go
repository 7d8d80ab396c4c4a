// Package report renders match results as the documents an agency sends:
// an Excel workbook (WriteXLSX) and one self-contained HTML page
// (WriteHTML), in Chinese, with every column of the catalogs the user
// supplied (Extra) carried through.
//
// The package takes plain data (Report: each need with its ranked
// matches, their degree, reasons and matched terms), not the engine: the
// caller (the techmatch CLI) converts match results into it, with
// rank.Degree and rank.Reasons. Nothing is computed here but layout;
// scores, degrees and reasons are shown as given.
//
// Catalog text is untrusted. In the workbook every cell is a string or a
// number, never a formula, and text goes through inert.Cell (a value
// starting with = + - @, a tab or a carriage return gets a leading
// apostrophe, as in the CSV output). In the page every value goes
// through html/template's contextual escaping and is only ever text
// content or a quoted attribute value: no catalog text becomes a link,
// script, style or URL.
package report

//go:generate go test -run TestBundledXLSXMatchesJSONL -update .
