// The hostile packs (packs.mjs) through the native CLI (a ctest test): each is refused by
// --rules with invalid_pack at its pointer, or loads and answers each of its requests (through
// `certcalc batch`) with the expected status, never an internal error.
// usage: node tests/hostile/run-packs.mjs path/to/certcalc     Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TODAY } from './catalog.mjs';
import { hostilePacks } from './packs.mjs';
import { checkPackAnswer } from './pack-expect.mjs';

const cli = process.argv[2];
if (!cli) {
  console.error('usage: node run-packs.mjs CERTCALC');
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'certcalc-hostile-packs-'));
let passed = 0;
let failed = 0;
const packs = hostilePacks();
for (const c of packs) {
  const file = join(tmp, `${c.id}.json`);
  writeFileSync(file, c.text);
  const lines = (c.requests || []).map((r, i) => JSON.stringify({ op: r.op, id: i, request: r.request }));
  const r = spawnSync(cli, ['batch', '--rules', file, '--today', TODAY], {
    input: lines.map((l) => `${l}\n`).join(''), encoding: 'utf8', timeout: 300000,
  });
  let problem = null;
  if (r.error || r.signal) {
    problem = `did not finish: ${r.error?.message ?? r.signal}`;
  } else if (c.refused !== undefined) {
    // Refused before any line is read: one envelope, exit 2, one line on stderr.
    let env = null;
    try {
      env = JSON.parse(r.stdout);
    } catch { /* below */ }
    if (r.status !== 2 || env?.error?.code !== 'invalid_pack') problem = `not refused (exit ${r.status}): ${r.stdout.slice(0, 400)}`;
    else if (c.refused !== '*' && env.error.path !== c.refused)
      problem = `refused at ${JSON.stringify(env.error.path)}, expected ${JSON.stringify(c.refused)}: ${env.error.message}`;
    else if (!r.stderr.endsWith('\n') || r.stderr.indexOf('\n') !== r.stderr.length - 1) problem = `stderr is not one line: ${r.stderr}`;
  } else {
    const out = r.stdout.split('\n').filter(Boolean);
    if (out.length !== lines.length) problem = `${out.length} answers for ${lines.length} requests (exit ${r.status}): ${(r.stdout + r.stderr).slice(0, 400)}`;
    for (const [i, line] of out.entries()) {
      if (problem) break;
      const a = JSON.parse(line);
      problem = checkPackAnswer(c.requests[i], a.status, JSON.stringify(a.answer));
      if (problem) problem = `request ${i}: ${problem}`;
    }
  }
  if (problem) {
    failed++;
    console.log(`FAIL ${c.name}: ${problem}`);
  } else {
    passed++;
  }
}
rmSync(tmp, { recursive: true, force: true });
console.log(`hostile packs through the CLI: ${packs.length} packs (${packs.filter((c) => c.refused !== undefined).length} refused at load)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
