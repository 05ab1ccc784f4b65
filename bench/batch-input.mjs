// Mixed input for `certcalc batch` (bench/batch.mjs): every operation, drawn from the requests
// of the vector files (built-in packs only), about 5% of the lines malformed in the ways a
// portal's queue may hold them. Deterministic for a given seed.
// usage: node bench/batch-input.mjs N [SEED] > requests.ndjson      (or import batchLines)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT_IN = new Set(readdirSync(join(root, 'rules', 'packs')).map((f) => f.replace(/\.json$/, '')));

/** The vector requests a built-in pack answers, as [op, JSON text]. */
export function requestPool() {
  const pool = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) {
        const doc = JSON.parse(readFileSync(p, 'utf8'));
        for (const c of doc.cases) {
          const op = c.op || doc.op;
          if (c.request === undefined || (c.request.scheme !== undefined && !BUILT_IN.has(c.request.scheme))) continue;
          pool.push([op, JSON.stringify(c.request)]);
        }
      }
    }
  };
  walk(join(root, 'tests', 'vectors'));
  pool.push(['schemes', '{}']);
  for (const scheme of BUILT_IN) pool.push(['describe', JSON.stringify({ scheme })]);
  return pool;
}

// What a queue of submissions may hold besides good requests: each a line (a string or bytes).
const MALFORMED = [
  (i, [op, text]) => `{"op":"${op}","id":${i},"request":${text.slice(0, Math.max(1, text.length >> 1))}`,  // cut off
  (i, [op, text]) => Buffer.concat([Buffer.from(`{"op":"${op}","id":${i},"request":${text.slice(0, -1)},"x":"`),
    Buffer.from([0xff]), Buffer.from('"}}')]),                                                       // invalid UTF-8
  (i) => `[${i}]`,                                                                                    // not an object
  (i, [, text]) => `{"id":${i},"request":${text}}`,                                                   // no op
  (i, [, text]) => `{"op":"gradee","id":${i},"request":${text}}`,                                     // unknown op
  (i, [op]) => JSON.stringify({ op, id: i, requestText: '{"scheme": "fssc22000-5.1",' }),            // malformed request text
  (i, [op, text]) => `{"op":"${op}","id":${i},"request":${text.replace(/^\{/, '{"nosuchfield":1,')}}`, // unknown field
];

/** N lines (strings or Buffers, without newlines) from a seeded generator. */
export function batchLines(n, seed = 1) {
  const pool = requestPool();
  let s = seed >>> 0 || 1;
  const rand = () => {  // xorshift32
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
  const lines = [];
  for (let i = 0; i < n; i++) {
    const entry = pool[Math.floor(rand() * pool.length)];
    if (rand() < 0.05) lines.push(MALFORMED[Math.floor(rand() * MALFORMED.length)](i, entry));
    else lines.push(`{"op":"${entry[0]}","id":${i},"request":${entry[1]}}`);
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] || 100000);
  const seed = Number(process.argv[3] || 1);
  const out = [];
  for (const line of batchLines(n, seed)) out.push(Buffer.isBuffer(line) ? line : Buffer.from(line), Buffer.from('\n'));
  process.stdout.write(Buffer.concat(out));
}
