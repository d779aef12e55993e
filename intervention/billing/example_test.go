package billing_test

import (
	"fmt"

	"github.com/recoverykit/psychosocial/intervention/billing"
)

func ExamplePsychotherapy() {
	for _, minutes := range []int{15, 16, 37, 38, 52, 53} {
		r, err := billing.Psychotherapy(minutes)
		if err != nil {
			fmt.Println(err)
			return
		}
		if !r.Billable() {
			fmt.Println(minutes, "not billable:", r.Reason)
			continue
		}
		fmt.Println(minutes, r.Code, r.Code.Label(), r.Rule)
	}
	// Output:
	// 15 not billable: below-minimum
	// 16 90832 psychotherapy 16-37 min cpt-psychotherapy-time-band
	// 37 90832 psychotherapy 16-37 min cpt-psychotherapy-time-band
	// 38 90834 psychotherapy 38-52 min cpt-psychotherapy-time-band
	// 52 90834 psychotherapy 38-52 min cpt-psychotherapy-time-band
	// 53 90837 psychotherapy 53+ min cpt-psychotherapy-time-band
}

func ExampleFamilyPsychotherapy() {
	for _, present := range []bool{false, true} {
		for _, minutes := range []int{25, 26} {
			r, _ := billing.FamilyPsychotherapy(minutes, present)
			fmt.Printf("present=%t %d min: code=%q reason=%q\n", present, minutes, r.Code, r.Reason)
		}
	}
	// Output:
	// present=false 25 min: code="" reason="below-minimum"
	// present=false 26 min: code="90846" reason=""
	// present=true 25 min: code="" reason="below-minimum"
	// present=true 26 min: code="90847" reason=""
}

func ExampleGroupPsychotherapy() {
	g, _ := billing.GroupPsychotherapy([]int{90, 0, 60}) // attendee 1 was a no-show
	for _, l := range g.Billed {
		fmt.Println("bill attendee", l.Attendee, l.Code, l.Minutes, "min")
	}
	for _, l := range g.NotBilled {
		fmt.Println("skip attendee", l.Attendee, l.Reason)
	}
	// Output:
	// bill attendee 0 90853 90 min
	// bill attendee 2 90853 60 min
	// skip attendee 1 below-minimum
}

func ExampleSBIRT() {
	// reference: V51
	show := func(r billing.Result) string {
		if r.Billable() {
			return r.Code.String()
		}
		return "none (" + r.Reason.String() + ")"
	}
	for _, minutes := range []int{4, 5, 14, 15, 30, 31} {
		mc, _ := billing.SBIRT(minutes, billing.PayerMedicare, billing.SBIRTOptions{})
		co, _ := billing.SBIRT(minutes, billing.PayerCommercial, billing.SBIRTOptions{})
		or, _ := billing.SBIRT(minutes, billing.PayerMedicaid, billing.OregonSBIRT())
		fmt.Printf("%d min: medicare %s, commercial %s, medicaid (Oregon) %s\n",
			minutes, show(mc), show(co), show(or))
	}
	// Output:
	// 4 min: medicare none (below-minimum), commercial none (below-minimum), medicaid (Oregon) none (below-minimum)
	// 5 min: medicare G2011, commercial none (payer-excluded), medicaid (Oregon) none (payer-excluded)
	// 14 min: medicare G2011, commercial none (payer-excluded), medicaid (Oregon) none (payer-excluded)
	// 15 min: medicare G0396, commercial 99408, medicaid (Oregon) 99408
	// 30 min: medicare G0396, commercial 99408, medicaid (Oregon) 99409
	// 31 min: medicare G0397, commercial 99409, medicaid (Oregon) 99409
}

func ExampleUnits() {
	cms := billing.UnitOptions{DailyCap: 12} // CMS 8-minute rule by default
	ceiling := billing.UnitOptions{Rule: billing.CeilingRule{}}
	for _, minutes := range []int{7, 8, 22, 23, 37, 38, 200} {
		r, _ := billing.Units(billing.CodeH0004, minutes, cms)
		c, _ := billing.Units(billing.CodeH0050, minutes, ceiling)
		fmt.Printf("%d min: H0004 %2d units (%s, capped=%t)  H0050 %2d units (%s)\n",
			minutes, r.Units, r.Rule, r.Capped, c.Units, c.Rule)
	}
	// Output:
	// 7 min: H0004  0 units (cms-8-minute, capped=false)  H0050  1 units (ceiling-15-minute)
	// 8 min: H0004  1 units (cms-8-minute, capped=false)  H0050  1 units (ceiling-15-minute)
	// 22 min: H0004  1 units (cms-8-minute, capped=false)  H0050  2 units (ceiling-15-minute)
	// 23 min: H0004  2 units (cms-8-minute, capped=false)  H0050  2 units (ceiling-15-minute)
	// 37 min: H0004  2 units (cms-8-minute, capped=false)  H0050  3 units (ceiling-15-minute)
	// 38 min: H0004  3 units (cms-8-minute, capped=false)  H0050  3 units (ceiling-15-minute)
	// 200 min: H0004 12 units (cms-8-minute, capped=true)  H0050 14 units (ceiling-15-minute)
}

func ExampleMidpointRule() {
	// Two timed codes on one day, 7 minutes each: the CMS rule adds the
	// minutes first (14 → 1 unit); the CPT midpoint rule counts each code
	// alone (0 + 0).
	cms, _ := billing.EightMinuteRule{}.Units([]int{7, 7})
	mid, _ := billing.MidpointRule{}.Units([]int{7, 7})
	one, _ := billing.MidpointRule{}.Units([]int{23})
	fmt.Println(cms, mid, one)
	// Output:
	// 1 0 2
}
