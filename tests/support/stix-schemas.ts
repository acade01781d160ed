/**
 * Validates STIX 2.1 objects against the OASIS STIX 2.1 JSON schemas vendored in tests/fixtures/stix2-json-schema
 * (see its README for where they come from). The schemas of the object types Khiên publishes are loaded; an object of
 * another type is a problem in itself, so a new type cannot be published without its schema here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/stix2-json-schema');
const TYPES: Record<string, string> = {
  identity: 'sdos/identity.json',
  incident: 'sdos/incident.json',
  indicator: 'sdos/indicator.json',
  vulnerability: 'sdos/vulnerability.json',
  relationship: 'sros/relationship.json',
  'marking-definition': 'common/marking-definition.json',
};

// The schemas use `definitions` and `$ref` siblings (draft-04 habits) that strict mode refuses, and escapes such as
// `\-` that a Unicode regular expression refuses.
const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const ids = new Map<string, string>();
for (const dir of ['common', 'sdos', 'sros']) {
  for (const file of readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(path.join(ROOT, dir, file), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    ids.set(`${dir}/${file}`, schema.$id);
  }
}
const validators = Object.fromEntries(Object.entries(TYPES).map(([type, file]) => [type, ajv.getSchema(ids.get(file)!)!]));

/** What the schema of the object's type finds wrong with it; [] when it is valid. */
export function stixSchemaProblems(object: Record<string, unknown>): string[] {
  const validate = validators[String(object.type)];
  if (!validate) return [`${String(object.id)}: no vendored STIX 2.1 schema for type ${String(object.type)}`];
  if (validate(object)) return [];
  return (validate.errors ?? []).map((e) => `${String(object.id)}: ${e.instancePath || '/'} ${e.message ?? ''} (${e.schemaPath})`);
}
