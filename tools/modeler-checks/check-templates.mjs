// Validates every element template in .camunda/element-templates against the official Camunda
// element templates JSON schema (the one Camunda Modeler itself applies), so a template that
// Modeler would refuse or half-apply fails the build instead of a flow author's afternoon.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');
const directory = new URL('../../.camunda/element-templates/', import.meta.url).pathname;

// strict: false because the schema carries Modeler's own keywords (errorMessage, deprecated texts).
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const files = readdirSync(directory).filter((name) => name.endsWith('.json')).sort();
let failures = 0;
for (const name of files) {
  const template = JSON.parse(readFileSync(join(directory, name), 'utf8'));
  if (validate(template)) {
    continue;
  }
  failures++;
  console.error(`${name}:`);
  for (const error of validate.errors) {
    console.error(`  ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
  }
}
if (files.length === 0) {
  console.error(`No element templates in ${directory}`);
  process.exit(1);
}
console.log(`element templates: ${files.length - failures} of ${files.length} valid`);
process.exit(failures === 0 ? 0 : 1);
