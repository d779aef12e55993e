package screen

// Points returns the AUDIT Q1 score of f, 0–4; 0 for an unanswered or
// unknown answer (reference: instruments.md §1.1).
func (v DrinkFrequency) Points() int { return max(v.index(), 0) }

// Points returns the AUDIT Q2 score of q, 0–4; 0 for an unanswered or
// unknown answer (reference: instruments.md §1.1).
func (v DrinkQuantity) Points() int { return max(v.index(), 0) }

// Points returns the AUDIT Q3–Q8 score of f, 0–4; 0 for an unanswered or
// unknown answer (reference: instruments.md §1.1).
func (v Frequency) Points() int { return max(v.index(), 0) }

// Points returns the AUDIT Q9/Q10 score of r: 0, 2 or 4, never 1 or 3; 0 for
// an unanswered or unknown answer (reference: instruments.md §1.1, §10 D4).
func (v YearRecency) Points() int { return 2 * max(v.index(), 0) }

// assistWeightTable is the ASSIST v3.1 weights table for Q2–Q5, five
// weights per question in UseFrequency order (never, once or twice, monthly,
// weekly, daily or almost daily) (reference: instruments.md §4.1, Table 1 of
// PMC4983530). A string constant keeps the table as immutable data that
// costs nothing to read.
const assistWeightTable = "" +
	"\x00\x02\x03\x04\x06" + // Q2 frequency of use
	"\x00\x03\x04\x05\x06" + // Q3 strong desire or urge
	"\x00\x04\x05\x06\x07" + // Q4 health, social, legal or financial problems
	"\x00\x05\x06\x07\x08" // Q5 failed to do what was expected

// assistWeight returns the weight of a Q2–Q5 answer; q is the question
// number 2–5. An unanswered or unknown answer weighs 0.
func assistWeight(q int, f UseFrequency) int {
	i := f.index()
	if i < 0 || q < 2 || q > 5 {
		return 0
	}
	return int(assistWeightTable[(q-2)*5+i])
}

// assistConcernWeight returns the ASSIST Q6/Q7 weight of r: no 0, yes but not
// in the past 3 months 3, yes in the past 3 months 6 (reference:
// instruments.md §4.1).
func assistConcernWeight(v QuarterRecency) int { return 3 * max(v.index(), 0) }
