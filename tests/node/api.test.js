// The JS API itself: one method per op, plain objects, user packs, bad input never throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distDir, loadCertcalc, root } from './harness.js';

const cc = await loadCertcalc();

test('schemes lists the four built-in packs', () => {
  const ids = cc.schemes().schemes.map((s) => s.id);
  assert.deepEqual(ids, ['brcgs-food-9', 'brcgs-packaging-6', 'fssc22000-5.1', 'fssc22000-6', 'gmpplus-cr3.0']);
});

test('schemes is byte-identical to the CLI', { skip: !process.env.CERTCALC_CLI && 'CERTCALC_CLI not set' }, () => {
  const r = spawnSync(process.env.CERTCALC_CLI, ['schemes'], { input: '', encoding: 'utf8' });
  assert.equal(r.stdout, `${cc.callJson('schemes', '').json}\n`);
});

test('one method per operation', () => {
  for (const op of ['schemes', 'describe', 'duration', 'grade', 'schedule', 'deadlines', 'validate', 'rotation'])
    assert.equal(typeof cc[op], 'function', op);
});

test('errors come back as envelopes, never as exceptions', () => {
  assert.equal(cc.duration('{').error.code, 'malformed_json');
  assert.equal(cc.call('nosuchop', {}).error.code, 'unknown_op');
  assert.equal(cc.grade({ scheme: 'nope' }).error.code, 'unknown_scheme');
  assert.equal(cc.callJson('grade', '{').status, 2);
  assert.equal(cc.schemes({}, { locale: 'de' }).schemes.length, 5);
  assert.match(cc.grade('[', { locale: 'fr' }).error.message, /JSON valide/);
});

test('what JSON cannot hold is never read as absent: NaN, Infinity, BigInt, cycles, depth', async () => {
  // JSON.stringify writes NaN and Infinity as null, which the core reads as "not given": NaN
  // majors graded AA. They go as text, so that the core names the field (BRCGS: 0 to 100000).
  for (const bad of [NaN, Infinity, -Infinity]) {
    const a = cc.grade({ scheme: 'brcgs-food-9', major: bad, minor: 1 });
    assert.equal(a.error?.code, 'invalid_field', String(bad));
    assert.equal(a.error.path, '/major');
    assert.match(a.error.message, /^major must be a whole number/);
    assert.equal((await cc.ask('grade', { scheme: 'brcgs-food-9', haccp: 1, major: bad })).error?.path, '/haccp');
  }
  // A null that is a null stays one (the optional field is absent), inside text too.
  assert.equal(cc.grade({ scheme: 'brcgs-food-9', major: null, minor: 1 }).grade, cc.grade({ scheme: 'brcgs-food-9', minor: 1 }).grade);
  // A BigInt is its number when it is exact, else text the core refuses by name.
  assert.deepEqual(cc.grade({ scheme: 'brcgs-food-9', minor: 1n }), cc.grade({ scheme: 'brcgs-food-9', minor: 1 }));
  assert.equal(cc.grade({ scheme: 'brcgs-food-9', minor: 2n ** 70n }).error.path, '/minor');
  // A request that holds itself, or is nested beyond any limit: envelopes, not exceptions.
  const loop = { scheme: 'brcgs-food-9' };
  loop.self = loop;
  const circular = cc.grade(loop);
  assert.equal(circular.error.code, 'invalid_field');
  assert.match(circular.error.message, /^the request cannot be written as JSON: .*circular/i);
  // Shaped as the core's envelopes are (code, message, path), on one line.
  assert.deepEqual(Object.keys(circular.error), ['code', 'message', 'path']);
  assert.doesNotMatch(circular.error.message, /\n/);
  assert.deepEqual(cc.grade({ get scheme() { throw 5; } }).error,
    { code: 'invalid_field', message: 'the request cannot be written as JSON: 5', path: '' });
  let deep = [];
  for (let i = 0; i < 20000; i++) deep = [deep];
  assert.equal(cc.grade({ scheme: 'brcgs-food-9', deep }, { locale: 'nl' }).error.code, 'too_deep');
  assert.equal((await cc.ask('grade', { deep })).error.code, 'too_deep');
  // Its path is where the value goes too deep, as for the same value sent as text.
  let deepObject = {};
  for (let i = 0; i < 20000; i++) deepObject = { 'a/b': deepObject };
  const asText = cc.grade(`{"scheme":"brcgs-food-9","d":${'{"a/b":'.repeat(100)}{}${'}'.repeat(100)}}`).error;
  const asObject = cc.grade({ scheme: 'brcgs-food-9', d: deepObject }).error;
  assert.equal(asObject.code, 'too_deep');
  assert.equal(asObject.path, asText.path);
  assert.match(asObject.path, /^\/d(\/a~1b){63}$/);
  // Options given as null are not given.
  assert.equal(cc.grade({ scheme: 'brcgs-food-9', minor: 1 }, null).grade, 'AA');
  assert.equal(cc.grade({ scheme: 'brcgs-food-9', minor: 1 }, { pretty: null }).grade, 'AA');
  // `pretty` is true or false, as the core's indent is checked: 'no' is not read as truthy.
  for (const pretty of ['no', 1, {}]) {
    assert.deepEqual(cc.grade({ scheme: 'brcgs-food-9', minor: 1 }, { pretty }),
      { error: { code: 'invalid_option', message: 'pretty must be true or false', path: '' } }, String(pretty));
  }
  assert.equal(cc.callJson('grade', '{"scheme":"brcgs-food-9","minor":1}', { pretty: true }).json.split('\n')[1], '  "grade": "AA",');
  assert.ok(cc.isPrepared(null));
  await cc.prepare(null);
  // A function is not a request.
  assert.equal(cc.grade(() => 1).error.code, 'invalid_field');
  // createCertcalc: `today` as a date or a function; options left undefined or null are not given.
  const { createCertcalc } = await import(join(distDir, 'certcalc-node.js'));
  const wrongDay = await createCertcalc({ today: '2026-13-01', wasmBinary: undefined });
  assert.equal(wrongDay.grade({ scheme: 'brcgs-food-9', minor: 1 }).error.code, 'invalid_option');
  assert.equal((await createCertcalc({ today: '2026-03-20' })).grade({ scheme: 'brcgs-food-9', minor: 1 }).grade, 'AA');
  assert.equal((await createCertcalc(null)).grade({ scheme: 'brcgs-food-9', minor: 1 }).grade, 'AA');
});

test('createCertcalc() in Node without wasmBinary says what to pass (a rejected promise)', async () => {
  const { createCertcalc } = await import(join(distDir, 'certcalc.js'));
  await assert.rejects(createCertcalc(), (e) => {
    assert.equal(e.code, 'wasm_binary_required');
    assert.match(e.message, /createCertcalc\(\{ wasmBinary: readFileSync\('.*certcalc-core\.wasm'\) \}\)/);
    assert.doesNotMatch(e.message, /fetch failed/);
    return true;
  });
  // Bytes that are not a module: refused with where they came from, without the runtime's
  // noise or advice for a URL nobody gave.
  await assert.rejects(createCertcalc({ wasmBinary: new Uint8Array([0, 1, 2, 3]) }), (e) => {
    assert.equal(e.code, 'wasm_load_failed');
    assert.match(e.message, /^the wasmBinary given could not be loaded: CompileError: .*magic word.*\(it must be certcalc-core\.wasm\)$/);
    assert.doesNotMatch(e.message, /ASSERTIONS|Aborted|serve it beside|pass wasmUrl/);
    return true;
  });
});

test('a .wasm or rule asset URL that gives no module or asset: wasm_load_failed / asset_load_failed, the absolute URL, what came instead', async (t) => {
  const { createCertcalc, compileCertcalc, CertcalcLoadError } = await import(join(distDir, 'certcalc.js'));
  // A server with a 404, a single-page app's fallback (index.html for every path), JSON that is
  // no asset, and the real files.
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path.startsWith('/real/')) {
      res.writeHead(200, { 'content-type': path.endsWith('.wasm') ? 'application/wasm' : 'application/json' });
      res.end(readFileSync(join(distDir, path.slice(6))));
    } else if (path.startsWith('/missing/')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    } else if (path.startsWith('/json/')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status": "ok"}');
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>portal</title>');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}`;
  const loadError = (code, url, reason) => (e) => {
    assert.ok(e instanceof CertcalcLoadError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.url, url);
    assert.match(e.reason, reason);
    assert.ok(e.message.endsWith(`could not be loaded from ${url}: ${e.reason}`), e.message);
    return true;
  };

  // The file named is the one fetched: the calculator's, not certcalc-core.wasm.
  await assert.rejects(compileCertcalc(`${base}/missing/certcalc-calc.wasm`),
    loadError('wasm_load_failed', `${base}/missing/certcalc-calc.wasm`, /^HTTP 404$/));
  await assert.rejects(compileCertcalc(new URL('/missing/certcalc-calc.wasm', base)),
    (e) => /^certcalc-calc\.wasm could not be loaded/.test(e.message));
  // A page where the .wasm should be: what the server sent, at which URL.
  await assert.rejects(compileCertcalc(`${base}/spa/certcalc-core.wasm`),
    loadError('wasm_load_failed', `${base}/spa/certcalc-core.wasm`, /^the server sent text\/html, not WebAssembly$/));
  // createCertcalc rejects the same way for a URL that gives no module: one code for every way.
  for (const [wasmUrl, reason] of [[`${base}/missing/certcalc-core.wasm`, /^HTTP 404$/], [`${base}/spa/certcalc-core.wasm`, /text\/html/]])
    await assert.rejects(createCertcalc({ wasmUrl }), loadError('wasm_load_failed', wasmUrl, reason));

  // Rule assets: the absolute URL, and why a 200 answer is not the asset.
  const wasmBinary = readFileSync(join(distDir, 'certcalc-core.wasm'));
  const spa = await createCertcalc({ wasmBinary, assetsUrl: `${base}/spa/assets/` });
  await assert.rejects(spa.prepare({ scheme: 'brcgs-food-9' }),
    loadError('asset_load_failed', `${base}/spa/assets/messages/en.json`, /^the server sent text\/html, not JSON$/));
  const json = await createCertcalc({ wasmBinary, assetsUrl: `${base}/json/assets/` });
  await assert.rejects(json.prepare({}), loadError('asset_load_failed', `${base}/json/assets/messages/en.json`, /^it is JSON but no certcalc rule asset/));
  const missing = await createCertcalc({ wasmBinary, assetsUrl: `${base}/missing/assets/` });
  await assert.rejects(missing.ask('grade', { scheme: 'brcgs-food-9', minor: 1 }),
    loadError('asset_load_failed', `${base}/missing/assets/messages/en.json`, /^HTTP 404$/));

  // The real files over HTTP still load.
  const real = await createCertcalc({ wasmUrl: `${base}/real/certcalc-core.wasm`, assetsUrl: `${base}/real/assets/` });
  assert.equal((await real.ask('grade', { scheme: 'brcgs-food-9', minor: 1 })).grade, 'AA');
});

test('a module the glue cannot instantiate rejects with wasm_load_failed rather than never settling', async () => {
  const { createCertcalc } = await import(join(distDir, 'certcalc.js'));
  // A valid module that imports a function certcalc's glue does not give (x.nope).
  const other = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 2, 10, 1, 1, 0x78, 4, 0x6e, 0x6f, 0x70, 0x65, 0, 0]);
  const settled = await Promise.race([
    createCertcalc({ wasmModule: WebAssembly.compile(other) }).then(() => 'resolved', (e) => e),
    new Promise((r) => setTimeout(() => r('still pending after 5 s'), 5000)),
  ]);
  assert.ok(settled instanceof Error, String(settled));
  assert.equal(settled.code, 'wasm_load_failed');
  assert.match(settled.message, /^the wasmModule given could not be loaded: .*Import #0.*\(it must be certcalc-core\.wasm\)$/);
});

test('the call options are checked like the request fields they stand for', () => {
  const request = { scheme: 'fssc22000-5.1', audit: { lastDay: '2026-03-10' }, findings: [] };
  for (const today of ['banana', '2026-13-01', '2026-02-29']) {
    const r = cc.validate(request, { today });
    assert.deepEqual(r, { error: { code: 'invalid_option', path: '',
      message: `today must be a real calendar date written YYYY-MM-DD; ${today} is not one` } });
    // The same words as the request field, which carries its pointer.
    assert.equal(cc.validate({ ...request, today }).error.message, r.error.message);
  }
  assert.deepEqual(cc.schemes({}, { locale: 'xx' }).error,
    { code: 'invalid_option', message: 'locale must be one of: en, nl, it, de, fr', path: '' });
  assert.equal(cc.callJson('schemes', '', { locale: 'xx' }).status, 2);
});

test('a type error says the type, a syntax error what was expected where', () => {
  const r = cc.validate({ scheme: 'fssc22000-5.1', findings: [{ id: 'NC-1', rootCause: 5 }] });
  assert.deepEqual(r.error, { code: 'invalid_field', message: 'findings/0/rootCause must be text', path: '/findings/0/rootCause' });
  const t = cc.duration('{"scheme": "fssc22000-5.1", "fte": 1,}');
  assert.equal(t.error.message, "the request is not valid JSON: expected a member name in double quotes after ',' " +
    "(an object cannot end with a comma) at line 1, column 38 (byte 38); found '}'");
});

test('text survives the boundary in both directions (UTF-8)', () => {
  const r = cc.call('grade', { scheme: 'città-ñ-😀' });
  assert.equal(r.error.code, 'unknown_scheme');
  assert.match(r.error.message, /città-ñ-😀/);
});

test('strings reach the core whole, in the reused buffer and beyond it (over 1 MB)', () => {
  // Echoed through unknown_scheme's message (the scheme is cut at 80 characters there) and a
  // validate answer's finding id (no cut): 4-byte characters, a lone surrogate (U+FFFD), and a
  // request larger than the buffer the wrapper keeps between calls.
  // (JSON.stringify writes a lone surrogate as an escape, which the reader refuses as JSON; in
  // raw text it is one UTF-16 unit that encodeInto turns into U+FFFD.)
  assert.equal(cc.grade({ scheme: '\ud800' }).error.code, 'malformed_json');
  const raw = cc.callJson('grade', `{"scheme": "ß😀\ud800${'x'.repeat(20)}"}`);
  assert.match(JSON.parse(raw.json).error.message, new RegExp(`ß😀\ufffdx{20}`));
  const id = `NC-é😀-${'y'.repeat(50)}`;
  const big = { scheme: 'fssc22000-5.1', audit: { lastDay: '2026-03-10' }, today: '2026-03-20',
    findings: [{ id, grade: 'minor', statement: 'z'.repeat(600_000), correction: 'w'.repeat(600_000) }] };
  for (const request of [big, { ...big, findings: [{ id, grade: 'minor' }] }, big]) {
    const answer = cc.validate(request);
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    assert.equal(answer.findings[0].id, id);
  }
});

test('loadPack adds a user pack; a defect is refused with the pointer', async () => {
  const cc = await loadCertcalc();
  const pack = JSON.parse(readFileSync(join(root, 'tests', 'cli', 'user-pack.json'), 'utf8'));
  const local = cc.loadPack(pack, 'user-pack.json');
  assert.equal(local.loaded.id, 'user-demo-1');
  assert.deepEqual(cc.grade({ scheme: 'user-demo-1', a: 1, b: 2 }), { total: 3 });
  const broken = cc.loadPack({ ...pack, verified: 'yes' }, 'broken.json');
  assert.equal(broken.error.code, 'invalid_pack');
  assert.equal(broken.error.path, '/verified');
  const half = cc.loadPack('{"id": ', 'half.json');
  assert.equal(half.error.code, 'invalid_pack');
});

test('loadPack and loadPackAsync answer a pack object JSON cannot hold with an envelope, never an exception', async () => {
  const cc = await loadCertcalc();
  const loop = { id: 'user-loop' };
  loop.self = loop;
  let deep = {};
  for (let i = 0; i < 200_000; i++) deep = { d: deep };
  const cases = [
    [loop, { code: 'invalid_pack', message: 'rule pack loop.json cannot be written as JSON: Converting circular structure to JSON', path: '' }],
    [{ get id() { throw new Error('no id'); } }, { code: 'invalid_pack', message: 'rule pack loop.json cannot be written as JSON: no id', path: '' }],
  ];
  for (const [pack, error] of cases) {
    assert.deepEqual(cc.loadPack(pack, 'loop.json'), { error });
    assert.deepEqual(await cc.loadPackAsync(pack, 'loop.json'), { error });
  }
  // Nested past what JSON.stringify reaches: the core's own answer for a pack too deep, at its place.
  const tooDeep = cc.loadPack({ id: 'user-deep', deep }, 'deep.json').error;
  assert.equal(tooDeep.code, 'invalid_pack');
  assert.match(tooDeep.message, /^rule pack deep\.json is not valid JSON: the pack nests more than 64 levels deep/);
  assert.match(tooDeep.path, /^\/deep(\/d){63}$/);
  // A BigInt id goes as its number, which the pack schema refuses by name.
  const pack = JSON.parse(readFileSync(join(root, 'tests', 'cli', 'user-pack.json'), 'utf8'));
  const bigId = cc.loadPack({ ...pack, id: 10n }, 'big.json').error;
  assert.equal(bigId.code, 'invalid_pack');
  assert.equal(bigId.path, '/id');
  // No pack at all: the core says what a pack is, under the default name.
  assert.match(cc.loadPack().error.message, /^rule pack loadPack is not valid: /);
});

test('thousands of bad calls leave the module working', () => {
  for (let i = 0; i < 5000; i++) cc.callJson('duration', i % 2 ? '{' : '['.repeat(1000));
  assert.equal(cc.schemes().schemes.length, 5);
});

test('a long answer with characters of every UTF-8 length comes back whole (decoded in pieces)', () => {
  // Over 64 KB the wrapper decodes the answer piece by piece (wasm/certcalc.js, result()): a
  // character split between two pieces must come back as it was written. The first id is
  // padded until a piece boundary falls inside a character, so that the test can fail.
  const PIECE = 65536;
  const example = JSON.parse(readFileSync(join(root, 'examples', 'validate', 'brcgs-food-9.json'), 'utf8'));
  const kinds = ['é', '€', '😀', 'ß', '中'];
  const request = (pad) => {
    const findings = [];
    for (let i = 0; i < 400; i++) {
      const f = structuredClone(example.findings[i % example.findings.length]);
      const mark = kinds[i % kinds.length].repeat(20 + (i % 7));
      f.id = `NC-${i}-${i === 0 ? 'x'.repeat(pad) : ''}${mark}`;
      f.evidence = [{ name: `photo-${mark}.exe`, mediaType: 'application/pdf', bytes: 1000 }];
      findings.push(f);
    }
    return { text: JSON.stringify({ ...example, findings }), ids: findings.map((f) => f.id) };
  };
  let split = null;
  for (let pad = 0; pad < 64 && !split; pad++) {
    const { text, ids } = request(pad);
    const { json } = cc.callJson('validate', text);
    const bytes = Buffer.from(json);
    assert.ok(bytes.length > 4 * PIECE, `the answer is only ${bytes.length} bytes`);
    // The wrapper's cuts: every PIECE bytes from the last cut, moved back to a character's start.
    for (let at = 0; at + PIECE < bytes.length;) {
      let stop = at + PIECE;
      if ((bytes[stop] & 0xc0) === 0x80) split = { text, ids, json };
      while ((bytes[stop] & 0xc0) === 0x80) stop--;
      at = stop;
    }
  }
  assert.ok(split, 'no padding put a piece boundary inside a character');
  assert.doesNotMatch(split.json, /\uFFFD/);
  assert.deepEqual(JSON.parse(split.json).findings.map((f) => f.id), split.ids);
  if (process.env.CERTCALC_CLI) {
    const r = spawnSync(process.env.CERTCALC_CLI, ['validate'], { input: split.text, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(split.json, r.stdout.slice(0, -1));
  }
});

test('answers in Latin-1 (every citation has a "§") come back as the CLI writes them, long and short', () => {
  // In Node the wrapper reads an answer whose characters all lie in U+0000-U+007F and
  // U+00A0-U+00FF as Latin-1 bytes (wasm/bindings.cpp, latin1_of); U+0080-U+009F and anything
  // above U+00FF go the UTF-8 way. Each case's answer is compared with the CLI's bytes.
  const example = JSON.parse(readFileSync(join(root, 'examples', 'validate', 'brcgs-food-9.json'), 'utf8'));
  const cases = {
    'Latin-1 letters, short': ['é', 3],
    'Latin-1 letters and signs, long': ['§ß ÿ\u00a0é', 600],
    'a C1 control (U+0085), long': ['x\u0085', 600],
    'a character above U+00FF (U+0100), short': ['Ā', 3],
    // Only in the last finding, one that is not ready: hundreds of "§" are turned into Latin-1
    // before it is met, and the answer must come back whole as UTF-8.
    'a character above U+00FF after every citation, long': ['Ā', 600, 'last'],
  };
  const exampleAnswer = JSON.parse(cc.callJson('validate', JSON.stringify(example)).json);
  const notReady = exampleAnswer.findings.findIndex((f) => !f.ready);
  assert.ok(notReady >= 0, 'the example has a finding that is not ready');
  for (const [name, [mark, n, where]] of Object.entries(cases)) {
    const findings = [];
    for (let i = 0; i < n; i++) {
      const last = i === n - 1;
      const f = structuredClone(example.findings[where === 'last' && last ? notReady : i % example.findings.length]);
      f.id = where === 'last' && !last ? `NC-${i}` : `NC-${i}-${JSON.parse(`"${mark}"`)}`;
      findings.push(f);
    }
    const text = JSON.stringify({ ...example, findings });
    const { json } = cc.callJson('validate', text);
    assert.ok(Buffer.byteLength(json) > 1024, `${name}: the answer is only ${json.length} characters`);
    assert.ok(json.includes('§'), `${name}: no citation with "§"`);
    assert.deepEqual(JSON.parse(json).findings.map((f) => f.id), findings.map((f) => f.id), name);
    if (where === 'last') assert.ok(json.indexOf('§') < json.indexOf(JSON.parse(`"${mark}"`)), `${name}: "§" comes first`);
    if (process.env.CERTCALC_CLI) {
      const r = spawnSync(process.env.CERTCALC_CLI, ['validate'], { input: text, encoding: 'utf8', maxBuffer: 64 << 20 });
      assert.equal(json, r.stdout.slice(0, -1), name);
    }
  }
});
