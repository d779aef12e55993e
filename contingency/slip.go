package contingency

// Slip is one slip drawn from a prize bowl: its tier ("good-job", "small",
// "large", "jumbo" in the Petry bowl) and the prize value of that tier when it
// was drawn. A "good job" slip is worth $0.00 (reference: contingency.md §2).
type Slip struct {
	Tier  string `json:"tier"`
	Value Money  `json:"value"`
}
