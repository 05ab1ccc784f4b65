// Copies a sample of the fuzzing corpus (build/fuzz/corpus/<op>/, grown by scripts/fuzz.sh) into
// tests/fuzz/corpus-sample/<op>/, where tests/node/differential.test.js sends every input to
// the WASM module and the CLI and compares the answers. Inputs of at most 4 KB, in name
// (content hash) order, N per operation harness.
// usage: node tests/fuzz/sample_corpus.mjs [N=40]
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const n = Number(process.argv[2] || 40);
const OPS = ['schemes', 'describe', 'duration', 'grade', 'schedule', 'deadlines', 'validate', 'rotation'];
for (const op of OPS) {
  const from = join(root, 'build', 'fuzz', 'corpus', op);
  if (!existsSync(from)) {
    console.log(`${op}: no corpus (run scripts/fuzz.sh first)`);
    continue;
  }
  const to = join(here, 'corpus-sample', op);
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  const files = readdirSync(from).sort().filter((f) => statSync(join(from, f)).size <= 4096).slice(0, n);
  for (const f of files) copyFileSync(join(from, f), join(to, f));
  console.log(`${op}: ${files.length} of ${readdirSync(from).length} inputs`);
}
