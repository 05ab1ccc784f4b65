// Writes the fuzzing seeds, dictionary and test packs into OUT (a build directory):
//   OUT/seeds/<op>/   one file per vector request, in fuzz_op.cpp's format (mode byte + body)
//   OUT/seeds/pack/   every pack (built-in, test and CLI packs), alone and with a request
//   OUT/seeds/json/   every request and pack as plain JSON text (the reader's own harness)
//   OUT/packs/        the packs the vector files load, for the harnesses to load at start
//   OUT/certcalc.dict a libFuzzer dictionary: JSON tokens, field names, enum values, operators
// usage: node tests/fuzz/make_seeds.mjs OUT
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node make_seeds.mjs OUT');
  process.exit(2);
}
const OPS = ['schemes', 'describe', 'duration', 'grade', 'schedule', 'deadlines', 'validate', 'rotation'];
const LOCALES = ['', 'en', 'nl', 'it', 'de', 'fr'];

function jsonFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files.push(...jsonFiles(p));
    else if (name.endsWith('.json')) files.push(p);
  }
  return files;
}

const builtinPacks = jsonFiles(join(root, 'rules', 'packs')).map((f) => readFileSync(f, 'utf8'));
const vectorDocs = jsonFiles(join(root, 'tests', 'vectors')).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const testPacks = vectorDocs.flatMap((d) => d.loadPacks || []);
const cliPack = readFileSync(join(root, 'tests', 'cli', 'user-pack.json'), 'utf8');

// The harness adds a {"scheme": id} prefix chosen from the loaded schemes, sorted by id.
const schemes = [...new Set([...builtinPacks.map((t) => JSON.parse(t).id), ...testPacks.map((p) => p.id)])].sort();

rmSync(join(out, 'seeds'), { recursive: true, force: true });
rmSync(join(out, 'packs'), { recursive: true, force: true });
const seedCount = {};
const MAX_SEED = 65536;  // scripts/fuzz.sh -max_len: a longer seed would only be cut short
function seed(dir, bytes) {
  const d = join(out, 'seeds', dir);
  mkdirSync(d, { recursive: true });
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
  if (buf.length > MAX_SEED) return;
  writeFileSync(join(d, createHash('sha1').update(buf).digest('hex')), buf);
  seedCount[dir] = (seedCount[dir] || 0) + 1;
}
const mode = (schemeIndex, locale) => Buffer.from([(schemeIndex & 7) | (Math.max(0, LOCALES.indexOf(locale)) << 3)]);

for (const doc of vectorDocs) {
  for (const c of doc.cases) {
    const op = c.op || doc.op;
    if (!OPS.includes(op)) continue;
    const locale = c.options?.locale || doc.options?.locale || '';
    if (typeof c.requestText === 'string') {
      seed(op, Buffer.concat([mode(7, locale), Buffer.from(c.requestText, 'utf8')]));
      continue;
    }
    const request = c.request ?? {};
    seed(op, Buffer.concat([mode(7, locale), Buffer.from(JSON.stringify(request), 'utf8')]));
    const index = schemes.indexOf(request?.scheme);
    if (request && typeof request === 'object' && index >= 0 && index < 7) {
      const { scheme, ...rest } = request;
      void scheme;
      seed(op, Buffer.concat([mode(index, locale), Buffer.from(JSON.stringify(rest).slice(1), 'utf8')]));
    }
  }
}
// Every scheme for every operation, with an empty request: the fuzzer finds the fields.
for (const op of OPS) for (let i = 0; i < Math.min(schemes.length, 7); i++) seed(op, Buffer.from([i, 0x7d]));
for (let i = 0; i < Math.min(schemes.length, 7); i++)
  for (const op of OPS) seed('describe', Buffer.concat([Buffer.from([i]), Buffer.from(`"op":"${op}"}`)]));

// Small packs fuzz fast: besides the packs as written, each operation of a pack alone with the
// programs and tables it reaches, English texts only, and no metadata beyond what is required.
function refsOf(v, into) {
  if (Array.isArray(v)) v.forEach((x) => refsOf(x, into));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (['call', 'lookup', 'decide'].includes(k) && Array.isArray(x) && typeof x[0] === 'string') into.add(`${k}:${x[0]}`);
      refsOf(x, into);
    }
  }
  return into;
}
function slices(pack) {
  const out = [];
  const messages = Object.fromEntries(Object.entries(pack.messages || {}).map(([id, t]) => [id, { en: t.en ?? '' }]));
  for (const [name, op] of Object.entries(pack.operations || {})) {
    const programs = {};
    const tables = {};
    const todo = [...refsOf(op, new Set())];
    while (todo.length) {
      const [kind, ref] = todo.pop().split(':');
      if (kind === 'call' && pack.programs?.[ref] && !programs[ref]) {
        programs[ref] = pack.programs[ref];
        todo.push(...refsOf(programs[ref], new Set()));
      } else if (kind !== 'call' && pack.tables?.[ref]) {
        tables[ref] = pack.tables[ref];
      }
    }
    out.push({ id: pack.id, title: pack.title, version: pack.version, publisher: pack.publisher,
      verified: pack.verified, messages, tables, programs, operations: { [name]: op } });
  }
  return out;
}
const allPacks = [...builtinPacks.map((t) => JSON.parse(t)), JSON.parse(cliPack), ...testPacks];
for (const text of [...builtinPacks, cliPack, ...testPacks.map((p) => JSON.stringify(p))]) seed('pack', text);
for (const p of allPacks) for (const s of slices(p)) seed('pack', JSON.stringify(s));
// Packs with a request: the vectors of the pack (its own id), sent to the pack as loaded.
for (const doc of vectorDocs) {
  const packs = doc.loadPacks?.length ? doc.loadPacks.map((p) => JSON.stringify(p)) : null;
  for (const c of doc.cases.slice(0, 12)) {
    const op = c.op || doc.op;
    if (!OPS.includes(op) || c.request === undefined) continue;
    const whole = packs?.[0] ? JSON.parse(packs[0]) : allPacks.find((p) => p.id === c.request?.scheme);
    if (!whole) continue;
    const slice = slices(whole).find((p) => p.operations[op]);
    const own = packs?.[0] ?? (slice && JSON.stringify(slice));
    if (!own) continue;
    seed('pack', Buffer.concat([Buffer.from(own, 'utf8'), Buffer.from([0, OPS.indexOf(op)]),
      Buffer.from(JSON.stringify(c.request), 'utf8')]));
  }
}
seed('pack', Buffer.concat([Buffer.from(cliPack, 'utf8'), Buffer.from([0, OPS.indexOf('grade')]),
  Buffer.from('{"scheme":"user-demo-1","a":1,"b":2}', 'utf8')]));

// The JSON reader against its reference (fuzz_json): every request and pack as plain text.
for (const doc of vectorDocs)
  for (const c of doc.cases) seed('json', typeof c.requestText === 'string' ? c.requestText : JSON.stringify(c.request ?? {}));
for (const text of builtinPacks) seed('json', text);
testPacks.forEach((p) => seed('json', JSON.stringify(p, null, 1)));

mkdirSync(join(out, 'packs'), { recursive: true });
testPacks.forEach((p, i) => writeFileSync(join(out, 'packs', `${String(i).padStart(2, '0')}-${p.id}.json`), JSON.stringify(p)));

// Dictionary: the words a request or a pack is made of.
const words = new Set(['{', '}', '[', ']', ':', ',', '"', 'true', 'false', 'null', '-0', '1e400', '0.5',
  '9223372036854775808', '"2026-02-30"', '"2026-01-15"', '"0000-00-00"', '"\\u0000"', '"\\ud800"', '"$shared"']);
function walk(v) {
  if (Array.isArray(v)) return v.forEach(walk);
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      words.add(JSON.stringify(k));
      walk(x);
    }
    return;
  }
  if (typeof v === 'string' && v.length <= 40) words.add(JSON.stringify(v));
}
for (const text of builtinPacks) walk(JSON.parse(text));
testPacks.forEach(walk);
for (const doc of vectorDocs) for (const c of doc.cases) if (c.request) walk(c.request);
const dict = [...words].filter((w) => Buffer.byteLength(w) <= 64)
  .map((w, i) => `w${i}="${w.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[^\x20-\x7e]/g, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join(''))}"`);
writeFileSync(join(out, 'certcalc.dict'), `${dict.join('\n')}\n`);
console.log(`fuzz seeds: ${Object.entries(seedCount).map(([k, n]) => `${k} ${n}`).join(', ')}; ` +
  `${testPacks.length} test pack(s); dictionary ${dict.length} words (${basename(out)})`);
