package screen

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// object is a JSON object read strictly: its members by key, which keys the
// type consumed, and the problems found so far.
type object struct {
	members map[string]json.RawMessage
	used    map[string]bool
	errs    []error
}

// readObject reads data as one JSON object through the library's strict
// decoder (a repeated key, invalid text or an unstorable time is an error
// at the object's path). It returns nil, nil for null.
func readObject(data []byte) (*object, error) {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil, nil
	}
	var members map[string]json.RawMessage
	if err := wire.Decode(data, &members, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return nil, err
	}
	return &object{members: members, used: map[string]bool{}}, nil
}

// take returns the member at key, marking it used; ok is false when the key
// is absent or its value is null.
func (o *object) take(key string) (json.RawMessage, bool) {
	raw, ok := o.members[key]
	if !ok {
		return nil, false
	}
	o.used[key] = true
	return raw, string(raw) != "null"
}

// fail records err at key.
func (o *object) fail(key string, err error) {
	o.errs = append(o.errs, intervention.Prefix(key, err))
}

// finish reports every problem recorded, and an unknown key (at the
// object's path: a key is input, and is never echoed).
func (o *object) finish() error {
	for key := range o.members {
		if !o.used[key] {
			o.errs = append(o.errs, intervention.Field("", ErrUnknownField))
			break
		}
	}
	return errors.Join(o.errs...)
}

// enumField decodes the string at key with parse into dst. A value that is
// not a JSON string (AUDIT Q9 = 3) is the enum's unknown-value error.
func enumField[T ~string](o *object, key string, dst *T, parse func(string) (T, error)) {
	raw, ok := o.take(key)
	if !ok {
		return
	}
	var s string
	if len(raw) == 0 || raw[0] != '"' || wire.Decode(raw, &s, intervention.ErrInvalid, ErrMalformedJSON) != nil {
		_, err := parse("")
		o.fail(key, err)
		return
	}
	v, err := parse(s)
	if err != nil {
		o.fail(key, err)
		return
	}
	*dst = v
}

// countField decodes the whole number at key into dst.
func countField(o *object, key string, dst *Count) {
	raw, ok := o.take(key)
	if !ok {
		return
	}
	c, err := parseCount(raw)
	if err != nil {
		o.fail(key, err)
		return
	}
	*dst = c
}

// intField decodes the whole number at key into dst.
func intField(o *object, key string, dst *int) {
	var c Count
	countField(o, key, &c)
	*dst, _ = c.Value()
}

// UnmarshalJSON decodes a strictly: unknown answers and wrong JSON types are
// errors naming the field ("q9"), all reported at once; an unknown key, a
// key in another case ("Q9") or a repeated key is an error at the object's
// path that never names the key (intervention.ErrUnknownKey,
// intervention.ErrDuplicateKey). On error *a is unchanged. null is a no-op.
func (a *AUDITAnswers) UnmarshalJSON(data []byte) error {
	o, err := readObject(data)
	if o == nil {
		return err
	}
	var v AUDITAnswers
	enumField(o, "sex", &v.Sex, ParseSex)
	enumField(o, "q1", &v.Q1, ParseDrinkFrequency)
	enumField(o, "q2", &v.Q2, ParseDrinkQuantity)
	for i, dst := range [6]*Frequency{&v.Q3, &v.Q4, &v.Q5, &v.Q6, &v.Q7, &v.Q8} {
		enumField(o, qKey(i+2), dst, ParseFrequency)
	}
	enumField(o, "q9", &v.Q9, ParseYearRecency)
	enumField(o, "q10", &v.Q10, ParseYearRecency)
	if err := o.finish(); err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON decodes a strictly, as AUDITAnswers.UnmarshalJSON does.
func (a *AUDITCAnswers) UnmarshalJSON(data []byte) error {
	o, err := readObject(data)
	if o == nil {
		return err
	}
	var v AUDITCAnswers
	enumField(o, "sex", &v.Sex, ParseSex)
	enumField(o, "q1", &v.Q1, ParseDrinkFrequency)
	enumField(o, "q2", &v.Q2, ParseDrinkQuantity)
	enumField(o, "q3", &v.Q3, ParseFrequency)
	if err := o.finish(); err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON decodes a strictly, as AUDITAnswers.UnmarshalJSON does.
func (a *DAST10Answers) UnmarshalJSON(data []byte) error {
	o, err := readObject(data)
	if o == nil {
		return err
	}
	var v DAST10Answers
	dst := [10]*YesNo{&v.Q1, &v.Q2, &v.Q3, &v.Q4, &v.Q5, &v.Q6, &v.Q7, &v.Q8, &v.Q9, &v.Q10}
	for i, p := range dst {
		enumField(o, qKey(i), p, ParseYesNo)
	}
	if err := o.finish(); err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON decodes a strictly, as AUDITAnswers.UnmarshalJSON does; Part
// A days must be JSON whole numbers.
func (a *CRAFFTAnswers) UnmarshalJSON(data []byte) error {
	o, err := readObject(data)
	if o == nil {
		return err
	}
	var v CRAFFTAnswers
	for i, p := range [3]*Count{&v.AlcoholDays, &v.MarijuanaDays, &v.OtherDays} {
		countField(o, crafftKey(i), p)
	}
	for i, p := range [6]*YesNo{&v.Car, &v.Relax, &v.Alone, &v.Forget, &v.Family, &v.Trouble} {
		enumField(o, crafftKey(i+3), p, ParseYesNo)
	}
	if err := o.finish(); err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON decodes a strictly, as AUDITAnswers.UnmarshalJSON does.
func (a *ASSISTSubstanceAnswers) UnmarshalJSON(data []byte) error {
	o, err := readObject(data)
	if o == nil {
		return err
	}
	var v ASSISTSubstanceAnswers
	enumField(o, "substance", &v.Substance, ParseSubstance)
	enumField(o, "q1", &v.Q1, ParseYesNo)
	for i, p := range [4]*UseFrequency{&v.Q2, &v.Q3, &v.Q4, &v.Q5} {
		enumField(o, qKey(i+1), p, ParseUseFrequency)
	}
	enumField(o, "q6", &v.Q6, ParseQuarterRecency)
	enumField(o, "q7", &v.Q7, ParseQuarterRecency)
	if err := o.finish(); err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON decodes a strictly, as AUDITAnswers.UnmarshalJSON does;
// errors inside a substance name it by index ("substances[2].q4").
func (a *ASSISTAnswers) UnmarshalJSON(data []byte) error {
	o, err := readObject(data)
	if o == nil {
		return err
	}
	var v ASSISTAnswers
	if raw, ok := o.take("substances"); ok {
		var list []json.RawMessage
		if err := wire.Decode(raw, &list, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
			o.fail("substances", err)
		}
		if len(list) > 0 {
			v.Substances = make([]ASSISTSubstanceAnswers, len(list))
		}
		for i, item := range list {
			if err := v.Substances[i].UnmarshalJSON(item); err != nil {
				o.fail(intervention.Index("substances", i), err)
			}
		}
	}
	enumField(o, "q8", &v.Q8, ParseQuarterRecency)
	countField(o, "injectionDaysPerMonth", &v.InjectionDaysPerMonth)
	if err := o.finish(); err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON decodes a strictly, as AUDITAnswers.UnmarshalJSON does.
func (a *NIAAAAnswers) UnmarshalJSON(data []byte) error {
	o, err := readObject(data)
	if o == nil {
		return err
	}
	var v NIAAAAnswers
	enumField(o, "sex", &v.Sex, ParseSex)
	intField(o, "drinks", &v.Drinks)
	countField(o, "times", &v.Times)
	if err := o.finish(); err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON decodes a strictly, as AUDITAnswers.UnmarshalJSON does.
func (a *CAGEAnswers) UnmarshalJSON(data []byte) error {
	o, err := readObject(data)
	if o == nil {
		return err
	}
	var v CAGEAnswers
	for i, p := range [4]*YesNo{&v.CutDown, &v.Annoyed, &v.Guilty, &v.EyeOpener} {
		enumField(o, cageKey(i), p, ParseYesNo)
	}
	if err := o.finish(); err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON decodes a strictly, as AUDITAnswers.UnmarshalJSON does.
func (a *QuickScreenAnswers) UnmarshalJSON(data []byte) error {
	o, err := readObject(data)
	if o == nil {
		return err
	}
	var v QuickScreenAnswers
	for i, p := range [4]*UseFrequency{&v.Alcohol, &v.Tobacco, &v.Prescription, &v.Illegal} {
		enumField(o, quickKey(i), p, ParseUseFrequency)
	}
	if err := o.finish(); err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON decodes a strictly, as AUDITAnswers.UnmarshalJSON does.
func (a *TAPS1Answers) UnmarshalJSON(data []byte) error {
	o, err := readObject(data)
	if o == nil {
		return err
	}
	var v TAPS1Answers
	for i, p := range [4]*Frequency{&v.Tobacco, &v.Alcohol, &v.Illicit, &v.Prescription} {
		enumField(o, tapsKey(i), p, ParseFrequency)
	}
	if err := o.finish(); err != nil {
		return err
	}
	*a = v
	return nil
}

// Options gathers every scorer's options for ScoreJSON. The zero value is
// every scorer's default. CAGE-AID uses CAGE.
type Options struct {
	AUDIT       AUDITOptions
	AUDITC      AUDITCOptions
	DAST10      DAST10Options
	CRAFFT      CRAFFTOptions
	ASSIST      ASSISTOptions
	NIAAA       NIAAAOptions
	CAGE        CAGEOptions
	QuickScreen QuickScreenOptions
	TAPS1       TAPS1Options
}

// ScoreJSON decodes a stored screening, {"instrument": "audit", "answers":
// {…}}, strictly and scores it with the instrument's options from opts. The
// result is the instrument's result type (AUDITResult, …, ASSISTReport for
// "assist"); its Summary is the common Result. Errors name the field
// ("answers.q9") and wrap intervention.ErrInvalid.
func ScoreJSON(data []byte, opts Options) (Scored, error) {
	o, err := readObject(data)
	if err != nil {
		return nil, err
	}
	if o == nil {
		return nil, intervention.Field("instrument", intervention.ErrMissing)
	}
	var inst Instrument
	enumField(o, "instrument", &inst, ParseInstrument)
	raw, ok := o.take("answers")
	if err := o.finish(); err != nil {
		return nil, err
	}
	switch {
	case inst == "":
		return nil, intervention.Field("instrument", intervention.ErrMissing)
	case !ok:
		return nil, intervention.Field("answers", intervention.ErrMissing)
	}
	return scoreRaw(inst, raw, opts)
}

// scoreRaw decodes raw as inst's answers and scores them.
func scoreRaw(inst Instrument, raw json.RawMessage, opts Options) (Scored, error) {
	switch inst {
	case InstrumentAUDIT:
		return decodeScore(raw, opts.AUDIT, ScoreAUDIT)
	case InstrumentAUDITC:
		return decodeScore(raw, opts.AUDITC, ScoreAUDITC)
	case InstrumentDAST10:
		return decodeScore(raw, opts.DAST10, ScoreDAST10)
	case InstrumentCRAFFT:
		return decodeScore(raw, opts.CRAFFT, ScoreCRAFFT)
	case InstrumentASSIST:
		return decodeScore(raw, opts.ASSIST, ScoreASSIST)
	case InstrumentNIAAA:
		return decodeScore(raw, opts.NIAAA, ScoreNIAAA)
	case InstrumentCAGE:
		return decodeScore(raw, opts.CAGE, ScoreCAGE)
	case InstrumentCAGEAID:
		return decodeScore(raw, opts.CAGE, ScoreCAGEAID)
	case InstrumentQuickScreen:
		return decodeScore(raw, opts.QuickScreen, ScoreQuickScreen)
	case InstrumentTAPS1:
		return decodeScore(raw, opts.TAPS1, ScoreTAPS1)
	}
	return nil, intervention.Field("instrument", ErrUnknownInstrument)
}

// decodeScore decodes raw into A strictly and scores it.
func decodeScore[A any, O any, R Scored](raw json.RawMessage, opts O, score func(A, O) (R, error)) (Scored, error) {
	var a A
	if err := wire.Decode(raw, &a, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return nil, intervention.Prefix("answers", err)
	}
	r, err := score(a, opts)
	if err != nil {
		return nil, err
	}
	return r, nil
}
