// Package inert makes untrusted catalog text safe to put where it could
// act: a spreadsheet cell (formula injection) or a terminal (control
// sequences). Every writer of CSV, XLSX and terminal messages goes through
// it, so the rules live in one place and are tested once.
//
// The functions are pure and safe for concurrent use.
package inert
