package cbt

// Curriculum IDs of the presets.
const (
	// NIDACocaineID is the ID of NIDACocaine.
	NIDACocaineID = "nida-cbt"
	// ProjectMATCHID is the ID of ProjectMATCH.
	ProjectMATCHID = "match-cbt"
	// CBT4CBTID is the ID of CBT4CBT.
	CBT4CBTID = "cbt4cbt"
)

// NIDACocaine returns Carroll's CBT for cocaine addiction (NIDA Therapy
// Manual 1, NIH Pub. 98-4308, 1998): ten topics, Introduction first and
// Termination last, under rule RuleNIDA (reference: plans-and-interop.md
// §1.1, NCJRS 171830). The reference lists the ten topics without marking
// any as elective, so all are core and the remaining eight may come in any
// order (the manual matches material to the patient's needs and chooses the
// skill order collaboratively). The manual frames standard CBT as 12 weekly
// sessions; set Config.PlannedSessions to the programme's plan.
func NIDACocaine() Curriculum {
	return Curriculum{
		ID:   NIDACocaineID,
		Name: "Carroll CBT for cocaine addiction (NIDA Therapy Manual 1)",
		Topics: []Topic{
			{Code: "nida-cbt.introduction", Name: "Introduction to treatment and CBT", Kind: TopicCore},
			{Code: "nida-cbt.coping-with-craving", Name: "Coping with craving", Kind: TopicCore},
			{Code: "nida-cbt.motivation", Name: "Shoring up motivation and commitment to stop", Kind: TopicCore},
			{Code: "nida-cbt.refusal-skills", Name: "Refusal skills and assertiveness", Kind: TopicCore},
			{Code: "nida-cbt.seemingly-irrelevant-decisions", Name: "Seemingly irrelevant decisions", Kind: TopicCore},
			{Code: "nida-cbt.all-purpose-coping-plan", Name: "All-purpose coping plan", Kind: TopicCore},
			{Code: "nida-cbt.problem-solving", Name: "Problem-solving", Kind: TopicCore},
			{Code: "nida-cbt.case-management", Name: "Case management", Kind: TopicCore},
			{Code: "nida-cbt.hiv-risk-reduction", Name: "HIV risk reduction", Kind: TopicCore},
			{Code: "nida-cbt.termination", Name: "Termination", Kind: TopicCore},
		},
		First: "nida-cbt.introduction",
		Last:  "nida-cbt.termination",
		Rules: []Rule{RuleNIDA},
	}
}

// ProjectMATCH returns Project MATCH Cognitive-Behavioral Coping Skills
// Therapy (Kadden et al., NIAAA Monograph Vol. 3, NIH Pub. 94-3724): eight
// core topics, Introduction first and Termination last, the other six in
// any order (listed in the suggested order); fourteen electives, at most
// four, only after the first seven core sessions, chosen jointly with the
// client (when they disagree, the client's choice is followed). Rules:
// RuleMATCH and RuleNIDA (Carroll's session structure derives from the
// MATCH manual). Reference: plans-and-interop.md §1.2, NIAAA MATCHSeries3
// core.htm and elective.htm.
func ProjectMATCH() Curriculum {
	return Curriculum{
		ID:   ProjectMATCHID,
		Name: "Project MATCH Cognitive-Behavioral Coping Skills Therapy",
		Topics: []Topic{
			{Code: "match-cbt.introduction", Name: "Introduction to Coping Skills Training", Kind: TopicCore},
			{Code: "match-cbt.cravings-and-urges", Name: "Coping With Cravings and Urges to Drink", Kind: TopicCore},
			{Code: "match-cbt.thoughts-about-drinking", Name: "Managing Thoughts About Alcohol and Drinking", Kind: TopicCore},
			{Code: "match-cbt.problem-solving", Name: "Problem Solving", Kind: TopicCore},
			{Code: "match-cbt.drink-refusal", Name: "Drink Refusal Skills", Kind: TopicCore},
			{Code: "match-cbt.emergencies-and-lapses", Name: "Planning for Emergencies and Coping With a Lapse", Kind: TopicCore},
			{Code: "match-cbt.seemingly-irrelevant-decisions", Name: "Seemingly Irrelevant Decisions", Kind: TopicCore},
			{Code: "match-cbt.termination", Name: "Termination", Kind: TopicCore},
			{Code: "match-cbt.starting-conversations", Name: "Starting Conversations", Kind: TopicElective},
			{Code: "match-cbt.nonverbal-communication", Name: "Nonverbal Communication", Kind: TopicElective},
			{Code: "match-cbt.assertiveness", Name: "Introduction to Assertiveness", Kind: TopicElective},
			{Code: "match-cbt.receiving-criticism", Name: "Receiving Criticism", Kind: TopicElective},
			{Code: "match-cbt.awareness-of-anger", Name: "Awareness of Anger", Kind: TopicElective},
			{Code: "match-cbt.anger-management", Name: "Anger Management", Kind: TopicElective},
			{Code: "match-cbt.awareness-of-negative-thinking", Name: "Awareness of Negative Thinking", Kind: TopicElective},
			{Code: "match-cbt.managing-negative-thinking", Name: "Managing Negative Thinking", Kind: TopicElective},
			{Code: "match-cbt.pleasant-activities", Name: "Increasing Pleasant Activities", Kind: TopicElective},
			{Code: "match-cbt.negative-moods-and-depression", Name: "Managing Negative Moods and Depression", Kind: TopicElective},
			{Code: "match-cbt.social-support", Name: "Enhancing Social Support Networks", Kind: TopicElective},
			{Code: "match-cbt.job-seeking", Name: "Job-Seeking Skills", Kind: TopicElective},
			{Code: "match-cbt.couples-family-1", Name: "Couples/Family Involvement I", Kind: TopicElective},
			{Code: "match-cbt.couples-family-2", Name: "Couples/Family Involvement II", Kind: TopicElective},
		},
		First:               "match-cbt.introduction",
		Last:                "match-cbt.termination",
		MaxElectives:        4,
		ElectivesAfterCore:  7,
		JointElectiveChoice: true,
		Rules:               []Rule{RuleMATCH, RuleNIDA},
	}
}

// CBT4CBT returns Computer-Based Training for CBT: seven modules of about an
// hour, typically one a week, taken in the order the user chooses, so no
// ordering constraint and no rule applies (reference: plans-and-interop.md
// §1.3, sudtech.org/about-cbt4cbt). The reference names five content areas
// (patterns of use, craving, thoughts that set up use, refusing offers,
// decision making); the module list — adding problem solving and HIV/HCV
// risk reduction — is Carroll & Kiluk's (secondary; verify against the
// programme version in use, and define a Curriculum of your own if it
// differs).
func CBT4CBT() Curriculum {
	return Curriculum{
		ID:   CBT4CBTID,
		Name: "Computer-Based Training for CBT (CBT4CBT)",
		Topics: []Topic{
			{Code: "cbt4cbt.patterns-of-use", Name: "Understanding and changing patterns of use", Kind: TopicCore},
			{Code: "cbt4cbt.coping-with-craving", Name: "Recognizing and coping with craving", Kind: TopicCore},
			{Code: "cbt4cbt.refusing-offers", Name: "Refusing offers", Kind: TopicCore},
			{Code: "cbt4cbt.problem-solving", Name: "Problem solving", Kind: TopicCore},
			{Code: "cbt4cbt.changing-thoughts", Name: "Recognizing and changing thoughts about use", Kind: TopicCore},
			{Code: "cbt4cbt.decision-making", Name: "Decision making", Kind: TopicCore},
			{Code: "cbt4cbt.hiv-hcv-risk-reduction", Name: "HIV/HCV risk reduction", Kind: TopicCore},
		},
		Rules: []Rule{},
	}
}
