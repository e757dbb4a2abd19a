// Lints every BPMN file under processes/ (and the ones Stroomlijn ships in src/main/resources) with bpmnlint's recommended rules and the Camunda 7.24
// compatibility rules (.bpmnlintrc here), as Camunda Modeler's problems panel would show them.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const here = new URL('.', import.meta.url).pathname;
const root = new URL('../../processes/', import.meta.url).pathname;
const shipped = new URL('../../src/main/resources/', import.meta.url).pathname;

function bpmnFiles(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      return bpmnFiles(path);
    }
    return name.endsWith('.bpmn') ? [path] : [];
  });
}

const files = [...bpmnFiles(root), ...bpmnFiles(shipped)].sort();
let failures = 0;
for (const file of files) {
  const result = spawnSync(join(here, 'node_modules/.bin/bpmnlint'), [file], {
    cwd: here,
    encoding: 'utf8'
  });
  if (result.status !== 0) {
    failures++;
    console.error(`${relative(root, file)}:${result.stdout}${result.stderr}`);
  }
}
if (files.length === 0) {
  console.error(`No BPMN files under ${root}`);
  process.exit(1);
}
console.log(`processes: ${files.length - failures} of ${files.length} pass bpmnlint (Camunda 7.24)`);
process.exit(failures === 0 ? 0 : 1);
