#!/usr/bin/env bash
# validate.sh: validate the exported FHIR R4 Bundles of package plan/fhir
# against the official R4 definitions, and prove the check can fail.
#
#   bash plan/fhir/validate/validate.sh      (from the repository root)
#
# 1. Installs the pinned validators (package-lock.json) with npm ci.
# 2. Validates every plan/fhir/testdata/*.golden.json with validate.mjs
#    (Medplum's StructureDefinition validator with the R4 invariants, and the
#    R4 JSON Schema under Ajv); any error fails the script.
# 3. Validates every deliberately broken bundle in testdata/broken/ on its
#    own: each must be REJECTED, for the reason its name announces;
#    a broken bundle that passes fails the script.
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

echo "== broken bundles (must be rejected)"
for f in "${broken[@]}"; do
	name="$(basename "$f" .json)"
	case "$name" in
	goal-without-lifecycle-status) expect='lifecycleStatus: Missing required property' ;;
	careplan-activity-detail-and-reference) expect='Constraint cpl-3 not met' ;;
	goal-unknown-lifecycle-status) expect='lifecycleStatus: must be equal to one of the allowed values' ;;
	*)
		echo "validate.sh: no expected error for broken bundle $name; add one to validate.sh" >&2
		exit 1
		;;
	esac
	status=0
	out="$(node validate.mjs "$f" 2>&1)" || status=$?
	if ((status == 0)); then
		echo "$out"
		echo "validate.sh: broken bundle $name was ACCEPTED: the validator cannot fail" >&2
		exit 1
	fi
	if ! grep -qF -- "$expect" <<<"$out"; then
		echo "$out"
		echo "validate.sh: broken bundle $name was rejected, but not for: $expect" >&2
		exit 1
	fi
	echo "rejected as expected: $name ($expect)"
done
echo "FHIR R4 validation: ${#golden[@]} golden bundle(s) valid, ${#broken[@]} broken bundle(s) rejected"
