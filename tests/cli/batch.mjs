// `certcalc batch` as a back end runs it (a ctest test): every vector request through one batch
// answers byte for byte what `certcalc <op>` answers alone, in input order, whatever --jobs;
// hostile lines get clean errors and the batch goes on; exit codes; streaming through a pipe.
// usage: node tests/cli/batch.mjs path/to/certcalc        Ends with "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseCall, loadVectors } from '../node/harness.js';
import { testPacks } from '../hostile/catalog.mjs';

const cli = process.argv[2];
if (!cli) {
  console.error('usage: node batch.mjs CERTCALC');
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'certcalc-batch-'));
const rules = join(tmp, 'rules');
mkdirSync(rules);
testPacks().forEach((p, i) => writeFileSync(join(rules, `${i}-${p.id}.json`), JSON.stringify(p)));

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
}

// A generous guard so that a hang fails the test instead of blocking CI; not a speed check.
const HANG_MS = 300000;
function run(args, input) {
  return new Promise((resolve) => {
    const child = spawn(cli, args);
    const out = [];
    const err = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (error) => resolve({ error, status: null, stdout: '', stderr: '' }));
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

async function parallel(items, fn, width = Math.max(1, Math.min(4, availableParallelism()))) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }));
  return results;
}

/** Output lines as {id, line, status, answer (the answer's JSON text, as written)}. */
function parseLines(stdout) {
  if (stdout === '') return [];
  if (!stdout.endsWith('\n')) return null;
  return stdout.slice(0, -1).split('\n').map((l) => {
    const m = /^\{"id":(.*?),"line":(\d+),"status":(\d),"answer":(.*)\}$/s.exec(l);
    if (!m) return { bad: l };
    try {
      JSON.parse(l);
    } catch {
      return { bad: l };
    }
    return { id: JSON.parse(m[1]), line: Number(m[2]), status: Number(m[3]), answer: m[4] };
  });
}

// --- Every vector request: batch against single calls --------------------------------------
const groups = new Map();
for (const { file, doc } of loadVectors()) {
  for (const c of doc.cases) {
    const { op, text, options } = caseCall(doc, c);
    const key = `${options.today}|${options.locale}`;
    if (!groups.has(key)) groups.set(key, { options, cases: [] });
    groups.get(key).cases.push({ name: `${file} ${c.name}`, op, text, raw: typeof c.requestText !== 'string' });
  }
}
let vectorCount = 0;
let vectorRequests = 0;
for (const { options, cases } of groups.values()) {
  const args = ['--today', options.today, '--rules', rules];
  if (options.locale) args.push('--locale', options.locale);
  // A request that is JSON goes as it is; a malformed one as requestText (its exact bytes).
  const lines = cases.map((c, i) => (c.raw
    ? `{"op":${JSON.stringify(c.op)},"id":${i},"request":${c.text}}`
    : JSON.stringify({ op: c.op, requestText: c.text, id: i })));
  const input = `${lines.join('\n')}\n`;
  const batch = await run(['batch', ...args, '--jobs', '2'], input);
  const got = parseLines(batch.stdout);
  check(`vectors ${options.locale || 'en'}: one answer line per request`, got && got.length === cases.length,
    `${got?.length} lines for ${cases.length} requests; stderr ${batch.stderr.slice(0, 300)}`);
  if (!got || got.length !== cases.length) continue;
  // Every request alone as well; under the sanitizers (slow starts) one in SINGLES.
  const every = Number(process.env.CERTCALC_BATCH_SINGLES || 1);
  vectorRequests += cases.length;
  const singles = await parallel(cases, (c, i) => (i % every === 0 ? run([c.op, ...args], c.text) : null));
  let worst = 0;
  cases.forEach((c, i) => {
    const b = got[i];
    const s = singles[i];
    worst = Math.max(worst, b.status === 1 ? 3 : b.status);
    if (!s) return;
    vectorCount++;
    const ok = b.id === i && b.line === i + 1 && b.answer === s.stdout.slice(0, -1) && b.status === s.status;
    check(`vector ${c.name}: batch answers what certcalc ${c.op} answers`, ok,
      `batch ${JSON.stringify(b).slice(0, 300)}\n  single (exit ${s.status}) ${s.stdout.slice(0, 300)}`);
  });
  const expectExit = worst === 3 ? 1 : worst;
  check(`vectors ${options.locale || 'en'}: batch exit status`, batch.status === expectExit, `exit ${batch.status}, expected ${expectExit}`);
  // The same batch on one thread and on the default number: the same bytes.
  for (const jobs of [['--jobs', '1'], []]) {
    const again = await run(['batch', ...args, ...jobs], input);
    check(`vectors ${options.locale || 'en'}: batch ${jobs.join(' ') || '(default jobs)'} writes the same bytes`,
      again.stdout === batch.stdout && again.status === batch.status);
  }
}
// Every request alone in the debug build, one in CERTCALC_BATCH_SINGLES under the sanitizers.
check('the vector requests are compared with single calls',
  vectorRequests > 1000 && vectorCount >= Math.floor(vectorRequests / Number(process.env.CERTCALC_BATCH_SINGLES || 1)),
  `${vectorCount} of ${vectorRequests}`);

// --- Hostile lines ---------------------------------------------------------------------------
const TODAY = ['--today', '2026-01-15'];
const grade = '{"scheme":"brcgs-food-9","announced":true,"critical":0,"major":0,"minor":5}';
const okLine = (id) => `{"op":"grade","id":${JSON.stringify(id)},"request":${grade}}`;

async function batchOf(name, input, expect, extra = []) {
  const r = await run(['batch', ...TODAY, ...extra], input);
  const lines = parseLines(r.stdout);
  if (!lines) return check(name, false, `stdout does not end with a newline: ${JSON.stringify(r.stdout.slice(-200))}`);
  const bad = lines.find((l) => l.bad !== undefined);
  if (bad) return check(name, false, `not an answer line: ${bad.bad.slice(0, 300)}`);
  if (r.stderr !== '' && !extra.includes('--expect-stderr')) return check(name, false, `stderr when it is not a terminal: ${r.stderr.slice(0, 300)}`);
  const problem = expect(lines, r);
  check(name, !problem, problem || '');
}
const code = (l) => JSON.parse(l.answer).error?.code;
const path = (l) => JSON.parse(l.answer).error?.path;

await batchOf('empty input: no answer, exit 0', '', (l, r) => (l.length === 0 && r.status === 0 ? null : `${l.length} lines, exit ${r.status}`));
await batchOf('blank lines are skipped, counted in line numbers; CRLF and no final newline are read',
  `\n   \n\r\n${okLine('a')}\r\n\t\n${okLine('b')}`,
  (l, r) => (l.length === 2 && l[0].id === 'a' && l[0].line === 4 && l[1].id === 'b' && l[1].line === 6 &&
    l[0].status === 0 && l[0].answer === l[1].answer && r.status === 0 ? null : JSON.stringify(l).slice(0, 400)));
await batchOf('a byte order mark before the first line is skipped', `\uFEFF${okLine(1)}\n`,
  (l) => (l.length === 1 && l[0].status === 0 ? null : JSON.stringify(l)));
await batchOf('a line of only a byte order mark, or one and spaces, is blank: no answer',
  `\uFEFF\n\uFEFF \t\r\n${okLine('c')}\n\uFEFF`,
  (l, r) => (l.length === 1 && l[0].id === 'c' && l[0].line === 3 && r.status === 0 ? null : JSON.stringify(l).slice(0, 400)));

const single = async (op, bytes) => {
  const r = await run([op, ...TODAY], bytes);
  return { answer: r.stdout.slice(0, -1), status: r.status };
};
// Requests the core refuses: the batch gives the single call's answer, and the next line goes on.
for (const [name, op, request] of [
  ['invalid UTF-8 inside a request', 'grade', Buffer.concat([Buffer.from('{"scheme":"brcgs-food-9","x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')])],
  ['a NUL byte inside a request string', 'grade', Buffer.concat([Buffer.from('{"scheme":"a'), Buffer.from([0]), Buffer.from('b"}')])],
  ['100,000 levels of nesting', 'grade', Buffer.from(`{"scheme":${'['.repeat(100000)}${']'.repeat(100000)}}`)],
  ['a duplicate key', 'grade', Buffer.from('{"scheme":"brcgs-food-9","scheme":"x"}')],
  ['a request that is not an object', 'duration', Buffer.from('[1,2]')],
  ['an impossible date', 'schedule', Buffer.from('{"scheme":"brcgs-food-9","lastAuditDay":"2026-02-30"}')],
  ['a number no machine holds', 'grade', Buffer.from('{"scheme":"brcgs-food-9","minor":1e400}')],
]) {
  const line = Buffer.concat([Buffer.from(`{"id":"h","op":"${op}","request":`), request, Buffer.from(`}\n${okLine('next')}\n`)]);
  const want = await single(op, request);
  await batchOf(`${name}: the single call's answer, then the next line`, line, (l, r) => {
    if (l.length !== 2) return `${l.length} lines`;
    if (l[0].answer !== want.answer || l[0].status !== want.status || l[0].id !== 'h')
      return `batch ${JSON.stringify(l[0]).slice(0, 300)}; single ${want.answer.slice(0, 300)}`;
    return l[1].status === 0 && l[1].id === 'next' && r.status === 2 ? null : `next line ${JSON.stringify(l[1]).slice(0, 200)}, exit ${r.status}`;
  });
}
const lineCases = [
  ['truncated line: malformed_json, id where readable', '{"op":"grade","id":7,"request":{"scheme":"x"', 'malformed_json', 7],
  ['not an object', '[1,2,3]', 'invalid_field', null, ''],
  ['a string', '"grade"', 'invalid_field', null, ''],
  ['op missing', '{"id":1,"request":{}}', 'missing_field', 1, '/op'],
  ['op not a string', '{"op":3,"request":{}}', 'invalid_field', null, '/op'],
  ['id an object', '{"op":"grade","id":{"a":1},"request":{}}', 'invalid_field', null, '/id'],
  ['id true', '{"op":"grade","id":true}', 'invalid_field', null, '/id'],
  ['an unknown member', '{"op":"grade","id":2,"reqest":{}}', 'unknown_field', 2, '/reqest'],
  ['op twice', '{"op":"grade","op":"duration","request":{}}', 'duplicate_key', null, '/op'],
  ['request and requestText', '{"op":"grade","request":{},"requestText":"{}"}', 'invalid_field', null, '/requestText'],
  ['requestText not a string', '{"op":"grade","requestText":{}}', 'invalid_field', null, '/requestText'],
  ['a lone surrogate in requestText', '{"op":"grade","requestText":"\\ud800"}', 'malformed_json', null],
  ['an unknown op', '{"op":"frobnicate","id":"u","request":{}}', 'unknown_op', 'u', ''],
  ['trailing content after the object', '{"op":"schemes"} x', 'malformed_json', null],
  ['a number id with a leading zero', '{"op":"schemes","id":01}', 'malformed_json', null],
  ['a control character', '{"op":"sch\u0001emes"}', 'malformed_json', null],
  // The id is the line's whatever else is wrong with it, wherever it stands (docs/api.md, Batch).
  ['op not a string, id after it', '{"op":3,"id":"k","request":{}}', 'invalid_field', 'k', '/op'],
  ['op null, id after it', '{"op":null,"id":4}', 'invalid_field', 4, '/op'],
  ['op missing, id last', '{"request":{},"id":"m"}', 'missing_field', 'm', '/op'],
  ['an unknown member before the id', '{"op":"grade","reqest":{},"id":9}', 'unknown_field', 9, '/reqest'],
  ['request and requestText, then the id', '{"op":"grade","request":{},"requestText":"{}","id":"both"}', 'invalid_field', 'both', '/requestText'],
  ['requestText not a string, id last', '{"op":"grade","requestText":{},"id":-2}', 'invalid_field', -2, '/requestText'],
  ['op twice, id last', '{"op":"grade","op":"duration","id":"d"}', 'duplicate_key', 'd', '/op'],
  ['a request that is no object, id last', '{"op":"grade","request":5,"id":"n"}', 'invalid_field', 'n', ''],
  ['an unknown op, id last', '{"op":"frobnicate","request":{},"id":"u2"}', 'unknown_op', 'u2', ''],
  ['a syntax error before the id: not read', '{"op":3,"request":{,"id":"x"}', 'malformed_json', null],
];
for (const [name, text, want, id, wantPath] of lineCases) {
  await batchOf(`line error, ${name}: ${want}, then the next line`, `${text}\n${okLine('next')}\n`, (l, r) => {
    if (l.length !== 2) return `${l.length} lines`;
    if (code(l[0]) !== want || l[0].status !== 2 || l[0].line !== 1) return JSON.stringify(l[0]).slice(0, 300);
    if (id !== undefined && l[0].id !== id) return `id ${JSON.stringify(l[0].id)}, expected ${JSON.stringify(id)}`;
    if (wantPath !== undefined && path(l[0]) !== wantPath) return `path ${path(l[0])}, expected ${wantPath}`;
    return l[1].status === 0 && l[1].line === 2 && r.status === 2 ? null : `next: ${JSON.stringify(l[1]).slice(0, 200)}, exit ${r.status}`;
  });
}
await batchOf('invalid UTF-8 in a line outside the request: malformed_json, the answer is valid JSON',
  Buffer.concat([Buffer.from('{"op":"grade","id":"'), Buffer.from([0xc3, 0x28]), Buffer.from(`"}\n${okLine(2)}\n`)]),
  (l) => (code(l[0]) === 'malformed_json' && l[0].id === null && l[1].status === 0 ? null : JSON.stringify(l).slice(0, 300)));
await batchOf('an unknown member with a 10 MB name: the path stops at the line, the message echoes its first bytes, the id comes back',
  `{"op":"grade","${'k'.repeat(10000000)}":1,"id":"long"}\n${okLine('next')}\n`,
  (l) => {
    const e = JSON.parse(l[0].answer).error;
    return e.code === 'unknown_field' && e.path === '' && e.message.length < 400 && e.message.startsWith('kkkk') && l[0].id === 'long' && l[1].status === 0
      ? null : JSON.stringify(l).slice(0, 400);
  });
await batchOf('a line error in the language of --locale', '{"op":"grade",\n', (l) => (/geen geldige JSON/.test(l[0].answer) ? null : l[0].answer), ['--locale', 'nl']);
await batchOf('string and number ids are echoed as written', `${okLine('é"\\')}\n{"op":"schemes","id":-1.5e3}\n{"op":"schemes","id":null}\n{"op":"schemes"}\n`,
  (l) => (l[0].id === 'é"\\' && l[1].id === -1500 && l[2].id === null && l[3].id === null ? null : JSON.stringify(l.map((x) => x.id))));
{
  const huge = `{"op":"grade","id":"big","request":{"scheme":"${'x'.repeat(64 * 1024 * 1024 + 64 * 1024)}"}}`;
  await batchOf('a line over 64 MiB + 64 KiB: too_large without being read, with the id written before its request; the next line goes on', `${huge}\n${okLine('after')}\n`,
    (l, r) => (l.length === 2 && code(l[0]) === 'too_large' && l[0].id === 'big' && l[0].line === 1 && l[1].id === 'after' && l[1].line === 2 && r.status === 2
      ? null : JSON.stringify(l).slice(0, 300)));
  const idAfter = `{"op":"grade","request":{"scheme":"${'x'.repeat(64 * 1024 * 1024 + 64 * 1024)}"},"id":"late"}`;
  await batchOf('a line over the limit whose id comes after the request: too_large, id null (never read)', `${idAfter}\n`,
    (l) => (l.length === 1 && code(l[0]) === 'too_large' && l[0].id === null ? null : JSON.stringify(l).slice(0, 300)));
  // A line of exactly the limit is read, whether it ends in LF or in CRLF (the CR is no part of
  // the line: it was counted, and the CRLF line was refused as longer than the limit).
  const limit = 64 * 1024 * 1024 + 64 * 1024;
  const head = '{"op":"schemes","id":"edge"}';
  const edge = head + ' '.repeat(limit - head.length);
  for (const end of ['\n', '\r\n'])
    await batchOf(`a line of exactly 64 MiB + 64 KiB ending in ${JSON.stringify(end)} is read`, `${edge}${end}${okLine('after')}\n`,
      (l, r) => (l.length === 2 && l[0].id === 'edge' && l[0].status === 0 && l[1].id === 'after' && r.status === 0
        ? null : JSON.stringify(l).slice(0, 300)));
  await batchOf('a line one byte over the limit, then CRLF: too_large', `${edge} \r\n${okLine('after')}\n`,
    (l) => (l.length === 2 && code(l[0]) === 'too_large' && l[1].id === 'after' ? null : JSON.stringify(l).slice(0, 300)));
  // Blank however long: it is dropped as it is read, and still asks nothing.
  const blank = `\uFEFF${' '.repeat(64 * 1024 * 1024 + 64 * 1024)}\t`;
  await batchOf('a blank line over 64 MiB + 64 KiB (after a byte order mark): no answer', `${blank}\n${okLine('after')}\n`,
    (l, r) => (l.length === 1 && l[0].id === 'after' && l[0].line === 2 && r.status === 0 ? null : JSON.stringify(l).slice(0, 300)));
}

// --- Order, exit status, options ------------------------------------------------------------
{
  const ops = ['grade', 'schemes', 'describe', 'duration'];
  const reqs = { grade, schemes: '{}', describe: '{"scheme":"gmpplus-cr3.0","op":"duration"}', duration: '{"scheme":"fssc22000-5.1"}' };
  const lines = Array.from({ length: 4000 }, (_, i) => `{"op":"${ops[i % 4]}","id":${i},"request":${reqs[ops[i % 4]]}}`);
  await batchOf('4,000 lines on two threads: answers in input order', `${lines.join('\n')}\n`,
    (l, r) => (l.length === 4000 && l.every((x, i) => x.id === i && x.line === i + 1) && r.status === 2 ? null : `exit ${r.status}`), ['--jobs', '2']);
}
await batchOf('every line answered: exit 0', `${okLine(1)}\n${okLine(2)}\n`, (l, r) => (r.status === 0 ? null : `exit ${r.status}`));
for (const [name, args, input, want] of [
  ['--pretty is refused with batch', ['batch', '--pretty'], '', 'invalid_option'],
  ['--jobs 0 is refused', ['batch', '--jobs', '0'], '', 'invalid_option'],
  ['--jobs x is refused', ['batch', '--jobs', 'x'], '', 'invalid_option'],
  ['--jobs 257 is refused', ['batch', '--jobs', '257'], '', 'invalid_option'],
  ["--jobs '' is refused", ['batch', '--jobs', ''], '', 'invalid_option'],
  ["--jobs ' 2' is refused (digits only)", ['batch', '--jobs', ' 2'], '', 'invalid_option'],
  ['--jobs +3 is refused (digits only)', ['batch', '--jobs', '+3'], '', 'invalid_option'],
  ['a batch FILE that is a directory', ['batch', tmp], '', 'unreadable_request'],
  ['--jobs outside batch is refused', ['grade', '--jobs', '2'], grade, 'invalid_option'],
  ['a missing batch file', ['batch', join(tmp, 'none.ndjson')], '', 'unreadable_request'],
]) {
  const r = await run(args, input);
  check(name, r.status === 2 && JSON.parse(r.stdout).error?.code === want, `exit ${r.status}: ${r.stdout.slice(0, 200)}`);
}
{
  // A directory opens but cannot be read: refused before any line, as a single call refuses it.
  const r = spawnSync('bash', ['-c', `'${cli}' batch < '${tmp}'`], { encoding: 'utf8' });
  let env = null;
  try {
    env = JSON.parse(r.stdout);
  } catch { /* below */ }
  check('a directory as standard input', r.status === 2 && env?.error?.code === 'unreadable_request' &&
    env.error.message === 'cannot read standard input: it is a directory', `exit ${r.status}: ${r.stdout.slice(0, 200)}`);
}
{
  const file = join(tmp, 'requests.ndjson');
  writeFileSync(file, `${okLine('f')}\n`);
  const r = await run(['batch', file, ...TODAY, '--rules', rules], '');
  check('a batch FILE and --rules', r.status === 0 && parseLines(r.stdout)?.[0]?.id === 'f', r.stdout.slice(0, 200));
}

// --- Streaming: a caller that waits for each answer before it sends the next request -------
{
  const child = spawn(cli, ['batch', ...TODAY]);
  let buffered = '';
  const answers = [];
  let wake = null;
  child.stdout.on('data', (b) => {
    buffered += b.toString('utf8');
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      answers.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
    if (wake) wake();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
  let ok = true;
  for (let i = 0; i < 5 && ok; i++) {
    child.stdin.write(`${okLine(i)}\n`);
    await new Promise((resolve) => {
      wake = () => answers.length > i && resolve();
      child.on('close', resolve);
      wake();
    });
    ok = answers.length === i + 1 && JSON.parse(answers[i]).id === i;
  }
  child.stdin.end();
  const status = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('close', resolve)));
  clearTimeout(timer);
  check('each answer is written as soon as it is ready (a pipe, one request at a time)', ok && status === 0, `answers ${answers.length}, exit ${status}`);
}

// --- An input that cannot be read: exit 1, and why, as a single request says it --------------
{
  const r = spawnSync('bash', ['-c', `'${cli}' batch <&-`], { encoding: 'utf8' });
  check('a closed standard input: exit 1 and the reason', r.status === 1 &&
    /^certcalc: the input could not be read to its end: Bad file descriptor \(0 lines answered\)$/m.test(r.stderr), JSON.stringify(r));
}

// --- The progress line: only when stderr is a terminal (script(1) gives the batch one) --------
{
  const file = join(tmp, 'three.ndjson');
  writeFileSync(file, `${okLine(1)}\n${okLine(2)}\n{"op":"grade"}\n`);
  const shell = `'${cli}' batch '${file}' --today 2026-01-15 >/dev/null`;
  const r = spawnSync('script', ['-qec', shell, '/dev/null'], { encoding: 'utf8' });
  if (r.error) console.log('note: script(1) is not installed; the progress line is not tested');
  else check('a progress line on a terminal', r.status === 2 && /certcalc batch: 3 answered, 1 errors, \d+\/s/.test(r.stdout), JSON.stringify(r.stdout));
}

rmSync(tmp, { recursive: true, force: true });
console.log(`certcalc batch: ${vectorCount} vector requests compared with single calls`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
