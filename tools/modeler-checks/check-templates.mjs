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

// Modeler's properties panel renders help texts as HTML: `user:<id>` there is a tag, and the text
// after it disappears. A `<` in a text a user reads must open one of the tags meant as markup.
const TEXT_KEYS = new Set(['name', 'description', 'label', 'tooltip', 'placeholder']);
const INTENDED_TAG = /^<\/?(a|b|strong|em|i|code|br|p|ul|ol|li)(\s[^<>]*)?\/?>/;

function strayMarkup(node, path, found) {
  if (Array.isArray(node)) {
    node.forEach((item, index) => strayMarkup(item, `${path}/${index}`, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && TEXT_KEYS.has(key)) {
        for (let at = value.indexOf('<'); at >= 0; at = value.indexOf('<', at + 1)) {
          if (!INTENDED_TAG.test(value.slice(at))) {
            found.push(`${path}/${key}: '${value.slice(Math.max(0, at - 20), at + 20)}' has a '<' that is no intended tag (Modeler would hide the rest)`);
          }
        }
      } else {
        strayMarkup(value, `${path}/${key}`, found);
      }
    }
  }
  return found;
}

const files = readdirSync(directory).filter((name) => name.endsWith('.json')).sort();
let failures = 0;
for (const name of files) {
  const template = JSON.parse(readFileSync(join(directory, name), 'utf8'));
  const problems = validate(template)
    ? []
    : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  problems.push(...strayMarkup(template, '', []));
  if (problems.length === 0) {
    continue;
  }
  failures++;
  console.error(`${name}:`);
  for (const problem of problems) {
    console.error(`  ${problem}`);
  }
}
if (files.length === 0) {
  console.error(`No element templates in ${directory}`);
  process.exit(1);
}
console.log(`element templates: ${files.length - failures} of ${files.length} valid`);
process.exit(failures === 0 ? 0 : 1);
