// Package cbt models cognitive-behavioural therapy (CBT) for substance use
// as a plan component: manualised curricula as data, the sessions that
// cover their topics, practice exercises (homework) with a tracked status,
// functional analyses and an urge (craving) log, with progress figures and
// protocol-integrity findings (reference: plans-and-interop.md §1, section
// (b) items 27–28).
//
// See docs/reference/cbt.md for each rule's source and the tests that pin it.
//
// A Curriculum is a session catalogue — core and elective topics, by code
// and title only, never manual text — with its ordering constraints. The
// presets are functions returning fresh values:
//
//   - NIDACocaine: Carroll's NIDA Therapy Manual 1, ten topics,
//     Introduction first and Termination last (§1.1);
//   - ProjectMATCH: Kadden et al.'s coping-skills therapy, 8 core topics
//     and 14 electives, at most 4, only after the first seven core
//     sessions, chosen jointly with the client (§1.2);
//   - CBT4CBT: the seven computer-based modules, in any order (§1.3).
//
// Hosts may define their own; New validates them.
//
// A Course records what happened and reports on it:
//
//	c, err := cbt.New(cbt.Config{ID: id, Patient: patient, Curriculum: cbt.ProjectMATCH(), ManualFidelity: true})
//	_, err = c.AddSession(cbt.Session{Session: s})          // s.Topics: curriculum topic codes
//	_, err = c.AssignHomework(cbt.Homework{ID: hid, Session: s.ID, On: day, Due: due})
//	_, err = c.UpdateHomework(cbt.HomeworkUpdate{ID: uid, Homework: hid, Status: cbt.HomeworkReviewed, On: next, Session: s2.ID})
//	_, err = c.AddAnalysis(analysis) // trigger → thoughts, feelings → behaviour → consequences
//	_, err = c.RecordUrge(cbt.Urge{ID: eid, At: at, Intensity: 6, Trigger: cbt.TriggerPeople, Coping: "urge-surfing"})
//	p := c.Progress(asOf)  // completion, attendance, "cbt.homework-completion", "cbt.craving-change", due items
//	f := c.Findings(asOf)  // C-CBT-MATCH-1, C-CBT-NIDA-1
//
// Every record carries a caller-chosen ID: recording it again is a no-op
// reporting replayed = true, and the same ID with other content is
// ErrConflict. Records are appended, never edited; a homework's status
// moves on (assigned → attempted → completed → reviewed) by appending a
// HomeworkUpdate.
//
// # Findings
//
// Course implements intervention.Checker. Departures from the protocol are
// recorded as they happened and reported by Findings, under the rules the
// curriculum lists: RuleMATCH ("C-CBT-MATCH-1", an error in manual-fidelity
// mode and a warning otherwise) and RuleNIDA ("C-CBT-NIDA-1", a warning).
// Findings name the JSON path of the element ("sessions[3]") and a fixed
// message, never patient data.
//
// # Exact figures, and what is not computable
//
// Rates and means are intervention.Ratio values. A rate with nothing to
// count — homework completion before any exercise is closed, mean craving
// in a week without entries — is not computable, never 0. Urge ratings
// store their scale (0–10 by default): means over entries on different
// scales are not computable.
//
// # Privacy
//
// The library identifies people by opaque IDs only. Functional-analysis
// text is protected health information (42 CFR Part 2): it is never part of
// an error, and String, fmt verbs and slog output (slog.LogValuer) show only
// identifiers and counts. The text has type intervention.Text, so a
// FunctionalAnalysis's own JSON form (and slog's JSON handler on a list of
// analyses) writes "[redacted]"; only the course document keeps the text,
// for the host's PHI store, written only by MarshalDocument: json.Marshal of
// a *Course refuses (intervention.ErrDocumentOnly), so a course logged alone
// or inside a slice or map shows identifiers and counts, never its text.
//
// # Errors
//
// Invalid input is an error wrapping intervention.ErrInvalid, every problem
// joined, each a *intervention.FieldError naming the JSON path
// ("session.topics[1]", "curriculum.maxElectives") and the rule broken,
// never the value.
//
// Concurrency: curricula and record values are plain data; *Course is safe
// for concurrent use. This package starts no goroutines.
package cbt
