package intervention_test

import (
	"fmt"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// Clean time is counted in calendar days in the patient's time zone, so the
// 23-hour day when clocks spring forward still counts as one day.
func ExampleDateOf() {
	la, _ := time.LoadLocation("America/Los_Angeles")
	lastUse := time.Date(2025, 3, 8, 23, 30, 0, 0, la)
	now := time.Date(2025, 3, 10, 8, 0, 0, 0, la) // after the DST change
	start, _ := intervention.DateOf(lastUse, la)
	today, _ := intervention.DateOf(now, la)
	fmt.Println(start, today, today.DaysSince(start), "days")
	// Output: 2025-03-08 2025-03-10 2 days
}

func ExampleDate_AddDays() {
	d, _ := intervention.ParseDate("2024-02-28")
	fmt.Println(d.AddDays(1), d.AddDays(2), d.AddMonths(12))
	// Output: 2024-02-29 2024-03-01 2025-02-28
}

func ExampleParseDate() {
	_, err := intervention.ParseDate("2025-02-29")
	fmt.Println(err)
	// Output: not a calendar date YYYY-MM-DD: invalid
}

func ExampleSession_Validate() {
	s := intervention.Session{Modality: "hypnosis", Format: intervention.FormatGroup, Minutes: -10}
	for _, fe := range intervention.FieldErrors(s.Validate()) {
		fmt.Println(fe.Field)
	}
	// Output:
	// id
	// modality
	// start
	// minutes
	// clinician
	// participants
}

func ExampleRatio() {
	negatives, specimens := 0, 0
	r := intervention.RatioOf(negatives, specimens)
	if pct, ok := r.Percent(1); ok {
		fmt.Println(pct, "% negative")
	} else {
		fmt.Println("% negative: n/a")
	}
	// Output: % negative: n/a
}
