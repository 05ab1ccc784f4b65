// Writes the stored answer of every example request: examples/<op>/<name>.json is run as
// `certcalc <op> examples/<op>/<name>.json --pretty` and its output saved as
// examples/<op>/<name>.answer.json. Review what changed with `git diff examples/ docs/`.
// A page of docs/ (or README.md) that shows an example puts `<!-- examples/<op>/<file> -->` on
// the line before a ```json block; the block is rewritten from that file, so the docs show the
// request and the answer as they are.
//
//   node examples/regenerate.mjs            rewrite the answers (prints the ones that changed)
//   node examples/regenerate.mjs --check    only compare; exit 1 when an answer differs
//
// The CLI is $CERTCALC_CLI, else the newer of build/release/cli/certcalc and build/debug/cli/certcalc.
// Every request must be answered (exit 0): an example that gets an error envelope stops the run.
// The answers do not depend on the date (validate examples name their own "today"); the runs use
// a fixed --today all the same, and tests/node/examples.test.js checks two dates.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const examplesDir = dirname(fileURLToPath(import.meta.url));
const root = join(examplesDir, '..');
export const OPS = ['schemes', 'describe', 'duration', 'grade', 'schedule', 'deadlines', 'validate', 'rotation'];
export const FIXED_TODAY = '2026-01-15';

/** Every example: {op, request (path), answer (path), name ("grade/brcgs-food-9")}, sorted. */
export function examples() {
  const out = [];
  for (const op of OPS) {
    const dir = join(examplesDir, op);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.json') || file.endsWith('.answer.json')) continue;
      const request = join(dir, file);
      out.push({ op, request, answer: request.replace(/\.json$/, '.answer.json'),
        name: `${op}/${file.slice(0, -'.json'.length)}` });
    }
  }
  return out;
}

const MARKER = /(<!-- (examples\/[a-z]+\/[A-Za-z0-9._-]+\.json) -->\n```json\n)([\s\S]*?)(```)/g;

/** README.md and every page of docs/. */
export function docPages() {
  const pages = [join(root, 'README.md')];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) pages.push(p);
    }
  };
  walk(join(root, 'docs'));
  return pages;
}

/** A page's text with every marked example block rewritten from its file; `shown` lists them. */
export function withExamples(text, shown = []) {
  return text.replace(MARKER, (all, head, file, body, close) => {
    shown.push(file);
    const path = join(root, file);
    return existsSync(path) ? head + readFileSync(path, 'utf8').trimEnd() + '\n' + close : all;
  });
}

/** The CLI binary to run: $CERTCALC_CLI, else the newer of the release and debug builds; or null. */
export function findCli() {
  if (process.env.CERTCALC_CLI) return process.env.CERTCALC_CLI;
  const built = ['release', 'debug'].map((p) => join(root, 'build', p, 'cli', 'certcalc')).filter((c) => existsSync(c));
  built.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return built[0] ?? null;
}

/** What the CLI prints for an example: {status, stdout, stderr}. */
export function runCli(cli, example, today = FIXED_TODAY) {
  const r = spawnSync(cli, [example.op, example.request, '--pretty', '--today', today], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function main() {
  const check = process.argv.includes('--check');
  const cli = findCli();
  if (!cli) {
    console.error('examples/regenerate.mjs: no certcalc CLI found; build it (cmake --preset release && ' +
      'cmake --build --preset release) or set CERTCALC_CLI');
    process.exit(2);
  }
  const all = examples();
  let changed = 0;
  for (const ex of all) {
    const r = runCli(cli, ex);
    if (r.status !== 0) {
      console.error(`${ex.name}: certcalc exited ${r.status}: ${r.stdout}${r.stderr}`);
      process.exit(1);
    }
    const old = existsSync(ex.answer) ? readFileSync(ex.answer, 'utf8') : null;
    if (old === r.stdout) continue;
    changed++;
    console.log(`${check ? 'differs' : old === null ? 'new' : 'updated'}: ${relative(root, ex.answer)}`);
    if (!check) writeFileSync(ex.answer, r.stdout);
  }
  let pages = 0;
  for (const page of docPages()) {
    const old = readFileSync(page, 'utf8');
    const text = withExamples(old);
    if (text === old) continue;
    pages++;
    console.log(`${check ? 'differs' : 'updated'}: ${relative(root, page)} (the examples it shows)`);
    if (!check) writeFileSync(page, text);
  }
  console.log(`examples: ${all.length} requests, ${changed} answer(s) and ${pages} page(s) ` +
    `${check ? 'differ' : 'written'} (CLI ${relative(root, cli)})`);
  if (check && changed + pages) process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
