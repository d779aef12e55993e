#!/usr/bin/env bash
# validate.sh: validate the exported FHIR R4 Bundles of package plan/fhir
# against the official R4 definitions with two independent validators, and
# prove each check can fail.
#
#   bash plan/fhir/validate/validate.sh      (from the repository root)
#
# 1. Installs the pinned validators (package-lock.json) with npm ci.
# 2. Validates every plan/fhir/testdata/*.golden.json with
#    - validate.mjs: Medplum's StructureDefinition validator with the R4
#      invariants, and the R4 JSON Schema under Ajv;
#    - invariants.mjs: the R4 invariants (every error-severity constraint of
#      the resources and data types, txt-1/txt-2 narrative rules, and dom-6
#      "a resource should have narrative" as an error) evaluated by the
#      independent fhirpath.js engine with its R4 model;
#    any error of either fails the script.
# 3. Validates every deliberately broken bundle in testdata/broken/ on its
#    own: each must be REJECTED, for the reason its name announces, by the
#    validator(s) that check that rule; a broken bundle that passes fails
#    the script.
# Regenerate the golden files with: go test ./plan/fhir -run TestGolden -update
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
testdata="$(cd "$here/../testdata" && pwd)"
cd "$here"

npm ci --no-audit --no-fund --loglevel=error >/dev/null

shopt -s nullglob
golden=("$testdata"/*.golden.json)
broken=("$testdata"/broken/*.json)
if ((${#golden[@]} == 0)); then
	echo "validate.sh: no golden bundles in $testdata" >&2
	exit 1
fi
if ((${#broken[@]} == 0)); then
	echo "validate.sh: no broken bundles in $testdata/broken" >&2
	exit 1
fi

echo "== golden bundles (must be valid)"
node validate.mjs "${golden[@]}"
node invariants.mjs "${golden[@]}"

echo "== broken bundles (must be rejected)"
# rejects VALIDATOR FILE EXPECT: VALIDATOR must reject FILE with EXPECT in
# its output.
rejects() {
	local status=0 out
	out="$(node "$1" "$2" 2>&1)" || status=$?
	if ((status == 0)); then
		echo "$out"
		echo "validate.sh: broken bundle $(basename "$2") was ACCEPTED by $1: the validator cannot fail" >&2
		exit 1
	fi
	if ! grep -qF -- "$3" <<<"$out"; then
		echo "$out"
		echo "validate.sh: broken bundle $(basename "$2") was rejected by $1, but not for: $3" >&2
		exit 1
	fi
	echo "rejected as expected by $1: $(basename "$2" .json) ($3)"
}
for f in "${broken[@]}"; do
	name="$(basename "$f" .json)"
	# schema: validate.mjs's expected error; invariant: invariants.mjs's
	# ("" where the rule is not an invariant, so only the other checks it).
	case "$name" in
	goal-without-lifecycle-status) schema='lifecycleStatus: Missing required property' invariant='' ;;
	careplan-activity-detail-and-reference) schema='Constraint cpl-3 not met' invariant='cpl-3 at entry[3].CarePlan/CarePlan.activity' ;;
	goal-unknown-lifecycle-status) schema='lifecycleStatus: must be equal to one of the allowed values' invariant='' ;;
	narrative-missing) schema='' invariant='dom-6 at entry[4].Goal/Goal' ;;
	narrative-invalid-xhtml) schema='' invariant='txt-1 at entry[4].Goal//Narrative.div' ;;
	*)
		echo "validate.sh: no expected error for broken bundle $name; add one to validate.sh" >&2
		exit 1
		;;
	esac
	[[ -z "$schema" ]] || rejects validate.mjs "$f" "$schema"
	[[ -z "$invariant" ]] || rejects invariants.mjs "$f" "$invariant"
done
echo "FHIR R4 validation: ${#golden[@]} golden bundle(s) valid, ${#broken[@]} broken bundle(s) rejected"
