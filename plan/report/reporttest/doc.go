// Package reporttest builds the demo record the plan/report package and
// examples/report render: one outpatient's treatment plan with a Higgins
// voucher programme (contingency.HigginsProgram on a Ledger over a
// MemStore) with a positive, a missed visit and a laboratory correction; a
// MAAEZ twelve-step facilitation with a sobriety date, a slip and a meeting
// log; and an MI series with readiness, importance and confidence rulers
// (reference: contingency.md §9; plans-and-interop.md §3.3, §4).
//
// The record is built the way a host EHR builds it: every result, meeting,
// rating and plan change goes through the library's API at the time it
// happened, and only what happened by the as-of time is recorded. All IDs
// are opaque and the record holds no names. Consents are the patient's
// 42 CFR Part 2 consents and Audiences the recipients the example discloses
// the report to.
package reporttest
