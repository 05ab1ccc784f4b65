// certcalc in JavaScript: one method per operation, plain objects in and out.
// The module embeds no rule pack: each pack, and each locale's messages, is a rule asset fetched
// from `assets/` next to this file when a request first needs it (docs/api.md, "Rule assets").
// In the browser the .wasm is fetched and compiled while it downloads; in Node pass
// `wasmBinary` and `fetchAsset`, or import certcalc-node.js, which does both.
import { assets, index } from './certcalc-rules.js';

const OPS = ['schemes', 'describe', 'duration', 'grade', 'schedule', 'deadlines', 'validate', 'rotation'];
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ANSWER_PIECE = 1 << 16;
// In Node an answer in Latin-1 becomes a string with one copy (Buffer#latin1Slice); V8 decodes
// UTF-8 holding any non-ASCII character ("§" in every citation) at about 1.6 ns a byte.
const nodeBuffer = typeof process === 'object' && process?.versions?.node && typeof Buffer === 'function' &&
  typeof Buffer.prototype.latin1Slice === 'function' ? Buffer : null;
const LATIN1_FROM = 1024;

/** The local calendar date, YYYY-MM-DD: what "today" means to the person using the page. */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The module or a rule asset could not be fetched or compiled. `code`: wasm_load_failed for the
 * module (a .wasm or its glue), asset_load_failed for a rule asset; `url`: where it was fetched
 * from (absolute; a rule asset read by your own fetchAsset: its name); `reason`: why (HTTP 404,
 * what the server sent instead, ...).
 */
export class CertcalcLoadError extends Error {
  /**
   * @param {string} what @param {string} url @param {string} reason
   * @param {'wasm_load_failed' | 'asset_load_failed'} [code]  default: wasm_load_failed when `what` names a .wasm or .js file
   */
  constructor(what, url, reason, code) {
    super(`${what} could not be loaded from ${url}: ${reason}`);
    this.name = 'CertcalcLoadError';
    this.code = code ?? (/\.(wasm|js)$/.test(what) ? 'wasm_load_failed' : 'asset_load_failed');
    this.url = url;
    this.reason = reason;
  }
}

/**
 * A JS value as JSON text: {text}, {deep} when it nests past what JSON.stringify reaches, or
 * {reason} when it cannot be written (a cycle, a getter or toJSON that throws). JSON has no NaN,
 * Infinity or BigInt: JSON.stringify writes null for the first two (a field the core then reads
 * as absent: NaN minors graded as none) and throws on the last. Those go as text ("NaN", digits
 * beyond 2^53), so that the core names the field and says what it needs; a safe BigInt goes as
 * its number. Checked only when the plain text holds a null or stringify threw: the common call
 * pays nothing. A function or undefined goes as null: the core says what it needed instead.
 */
function jsonText(value) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch {
    text = null;
  }
  if (text === null || (text !== undefined && text.includes('null'))) {
    try {
      text = JSON.stringify(value, jsOnlyValues);
    } catch (e) {
      if (e instanceof RangeError) return { deep: true };
      return { reason: firstLine(e) };
    }
  }
  return { text: text === undefined ? 'null' : text };
}

/**
 * Where a value JSON.stringify found too deep goes past the 64 levels the core reads: the JSON
 * Pointer of the first object or array 64 members down, as the core's too_deep path gives it for
 * the same value sent as text; '' when no such place is found (a getter threw a RangeError).
 */
function deepPath(value) {
  const down = (v, depth) => {
    if (v === null || typeof v !== 'object') return null;
    if (typeof v.toJSON === 'function') v = v.toJSON();
    if (v === null || typeof v !== 'object') return null;
    if (depth === 64) return [];
    for (const key of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      const below = down(v[key], depth + 1);
      if (below) return [String(key), ...below];
    }
    return null;
  };
  try {
    const keys = down(value, 0);
    return keys ? keys.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') : '';
  } catch {
    return '';
  }
}

/** The core's too_deep envelope, at the place in the JS value where it goes too deep. */
function atDeepPath(envelope, value) {
  const answer = JSON.parse(envelope.json);
  if (answer?.error) answer.error.path = deepPath(value);
  return { ...envelope, json: JSON.stringify(answer) };
}

/** The first line of what a thrown value says (V8 explains a cycle over several lines). */
function firstLine(e) {
  try {
    return String(e instanceof Error ? e.message : e).split('\n')[0];
  } catch {
    return 'a value could not be read';
  }
}

/** The envelope for a JS value that cannot be JSON text, shaped as the core's are. */
function notJson(code, what, reason) {
  return { status: 2, json: JSON.stringify({ error: { code, message: `${what} cannot be written as JSON: ${reason}`, path: '' } }) };
}

/** The name a loadPack message gives the pack: the caller's, else "loadPack". */
function originName(origin) {
  return (typeof origin === 'string' && origin) || typeof origin === 'number' ? String(origin) : 'loadPack';
}

// What JSON cannot hold, as the text the core then names the field for (jsonText above).
function jsOnlyValues(key, value) {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  return value;
}

/** What the module was built with: every built-in pack, its locales, the catalogs. */
export const rules = { index, assets };

/** A malformed argument of assetsFor, prepare or isPrepared: a TypeError with a `code`. */
function invalidOption(message) {
  const e = new TypeError(message);
  e.code = 'invalid_option';
  return e;
}

// A member of the wrong type would otherwise be skipped, and isPrepared({schemes: 5}) say true.
// Only the members read here are looked at: a request's other fields are the core's to check,
// and an unknown scheme id may be a user pack's.
function checkWhat(what) {
  if (what == null) return;
  if (typeof what !== 'object' || Array.isArray(what))
    throw invalidOption('what to prepare must be an object such as {scheme, locale}, or a request');
  for (const k of ['scheme', 'locale'])
    if (what[k] != null && typeof what[k] !== 'string') throw invalidOption(`${k} must be a string`);
  for (const k of ['schemes', 'locales', 'shared']) {
    const v = what[k];
    if (v != null && v !== 'all' && !(Array.isArray(v) && v.every((x) => typeof x === 'string')))
      throw invalidOption(`${k} must be 'all' or a list of strings`);
  }
  if (what.schema != null && typeof what.schema !== 'boolean') throw invalidOption('schema must be true or false');
}

/**
 * The rule assets a request (or {scheme, schemes, locale, locales, shared, schema}) needs, by
 * name; 'all' for every scheme, locale or shared file. `shared` and `schema` are what user packs
 * may need (loadPack). A member of the wrong type throws a TypeError with code invalid_option.
 */
export function assetsFor(what) {
  checkWhat(what);
  what ??= {};
  const list = (one, many) => [...(one ? [one] : []), ...(Array.isArray(many) ? many : [])];
  const schemes = what.schemes === 'all' ? Object.keys(assets.packs) : list(what.scheme, what.schemes);
  const locales = what.locales === 'all' ? assets.locales : list(what.locale, what.locales);
  const names = assets.locales.includes('en') ? ['messages/en.json'] : [];
  for (const l of locales) if (l !== 'en' && assets.locales.includes(l)) names.push(`messages/${l}.json`);
  const shared = what.shared === 'all' ? assets.shared : list(null, what.shared);
  for (const s of shared) if (assets.shared.includes(s)) names.push(`shared/${s}.json`);
  if (what.schema && assets.schema) names.push('schema.json');
  for (const s of schemes) {
    if (!assets.packs[s]) continue; // a user pack, or not a pack at all: the core says which
    names.push(`packs/${s}.json`);
    for (const l of locales) if (assets.packs[s].includes(l)) names.push(`packs/${s}.${l}.json`);
  }
  return names;
}

async function fetchBytes(what, url, code) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw new CertcalcLoadError(what, url, e instanceof Error ? e.message : String(e), code);
  }
  if (!response.ok) throw new CertcalcLoadError(what, url, `HTTP ${response.status}`, code);
  return response;
}

/** `url` made absolute (against the page), as errors name it; as given when it cannot be. */
function absoluteUrl(url) {
  try {
    return new URL(String(url), globalThis.document?.baseURI ?? globalThis.location?.href).href;
  } catch {
    return String(url);
  }
}

/**
 * Why a response with status 200 is not the file (a server that answers every path with its
 * index.html): the type the server sent, or, when that is the right one, how the body begins.
 */
function notThe(kind, typeRe, response, start) {
  const type = (response.headers.get('content-type') || '').split(';')[0].trim();
  if (type && !typeRe.test(type)) return `the server sent ${type}, not ${kind}`;
  return `the server sent ${type || 'a response without a Content-Type'} that is not ${kind} (it begins ${JSON.stringify(start)})`;
}

/**
 * Fetches and compiles a build of the module (certcalc-core.wasm, certcalc-calc.wasm), streaming:
 * the browser compiles while the bytes arrive when the host serves it as application/wasm
 * (docs/web.md, "Hosting"); otherwise it is compiled once downloaded. Rejects with a
 * CertcalcLoadError (code wasm_load_failed) that names the file of the URL and the absolute URL.
 * @param {string | URL} url
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compileCertcalc(url) {
  const href = absoluteUrl(url);
  let file = 'the WebAssembly module';
  try {
    file = /[^/]+\.wasm$/.exec(new URL(href).pathname)?.[0] ?? file;
  } catch {
    // not a URL: fetch says so below
  }
  const response = await fetchBytes(file, href, 'wasm_load_failed');
  const type = response.headers.get('content-type') || '';
  try {
    if (WebAssembly.compileStreaming && /^application\/wasm\b/.test(type)) return await WebAssembly.compileStreaming(response);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // No "\0asm" at the start: not WebAssembly at all. Say what the server sent at that URL.
    if (!(bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d)) {
      const start = new TextDecoder().decode(bytes.subarray(0, 20));
      throw new CertcalcLoadError(file, href, notThe('WebAssembly', /^application\/wasm$/i, response, start), 'wasm_load_failed');
    }
    return await WebAssembly.compile(bytes);
  } catch (e) {
    if (e instanceof CertcalcLoadError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    // Streaming: the type said WebAssembly, the bytes were something else.
    throw new CertcalcLoadError(file, href, /magic word/.test(reason) ? `the server sent ${type} that is not WebAssembly (${reason})` : reason,
      'wasm_load_failed');
  }
}

/** An Error with a stable `code`, for the failures of createCertcalc itself. */
function certcalcError(code, message, cause) {
  const e = new Error(message, cause === undefined ? undefined : { cause });
  e.code = code;
  return e;
}

/** Emscripten's abort without its noise: "Aborted(<error>). Build with -s ASSERTIONS=1 for more info." */
function runtimeReason(e) {
  const text = e instanceof Error ? (e.name && e.name !== 'Error' && !e.message.startsWith('Aborted(') ? `${e.name}: ${e.message}` : e.message) : String(e);
  return text.replace(/\.?\s*Build with -s ASSERTIONS=1 for more info\.?/, '').replace(/^Aborted\(([\s\S]*)\)$/, '$1').trim();
}

/**
 * Loads the module and returns the certcalc API. Calls answer with envelopes and never throw;
 * createCertcalc itself rejects with an Error (`code` wasm_binary_required or wasm_load_failed)
 * when the module cannot be loaded, since there is no API yet to answer with.
 * @param {object} [options]
 * @param {string|URL} [options.wasmUrl]  where the host serves certcalc-core.wasm
 * @param {WebAssembly.Module | Promise<WebAssembly.Module>} [options.wasmModule]  the module, compiled
 * @param {ArrayBuffer|Uint8Array} [options.wasmBinary]  the module's bytes (Node, tests)
 * @param {string|URL} [options.assetsUrl]  where the rule assets are (default: assets/ next to this file)
 * @param {(name: string) => Promise<string>} [options.fetchAsset]  reads one rule asset by name
 * @param {{schemes?: string[] | 'all', locales?: string[] | 'all', shared?: string[] | 'all', schema?: boolean}} [options.preload]
 *   assets fetched while the module loads (English is always among them)
 * @param {string} [options.locale]  answer in this locale whatever the request says
 * @param {(() => string) | string} [options.today]  the current date (YYYY-MM-DD), or a function
 *   giving it (default: the local date)
 */
export async function createCertcalc(options) {
  options ??= {};
  const base = () => new URL(String(options.assetsUrl ?? new URL('assets/', import.meta.url)), globalThis.document?.baseURI);
  /** @type {Map<string, string>} asset name -> the URL it was fetched from (the default fetchAsset) */
  const fetchedFrom = new Map();
  const fetchAsset = options.fetchAsset ?? (async (name) => {
    const url = new URL(name, base()).href;
    const response = await fetchBytes(`rule asset ${name}`, url, 'asset_load_failed');
    const text = await response.text();
    // A page (a server that answers every path with its index.html) is no asset: say what came.
    if (!/^\s*\{/.test(text))
      throw new CertcalcLoadError(`rule asset ${name}`, url, notThe('JSON', /json/i, response, text.slice(0, 20)), 'asset_load_failed');
    fetchedFrom.set(name, url);
    return text;
  });
  /** @type {Map<string, Promise<string>>} asset name -> its text (fetched once) */
  const texts = new Map();
  const fetchOnce = (name) => {
    if (!texts.has(name)) {
      const p = Promise.resolve().then(() => fetchAsset(name));
      texts.set(name, p);
      p.catch(() => texts.delete(name)); // a later request tries again (back online)
    }
    return texts.get(name);
  };
  // Assets start downloading with the module, not after it.
  const preloaded = assetsFor(options.preload || {}).map((n) => [n, fetchOnce(n)]);
  for (const [, p] of preloaded) p.catch(() => {});

  // Node's fetch reads no files: without the bytes (or an http(s) wasmUrl) the module would fail
  // with a bare "TypeError: fetch failed". Say what to pass instead.
  const beside = new URL('./certcalc-core.wasm', import.meta.url);
  const inNode = typeof process === 'object' && !!process.versions?.node && typeof window === 'undefined';
  if (inNode && !options.wasmBinary && !options.wasmModule && !/^https?:/i.test(String(options.wasmUrl ?? ''))) {
    const path = beside.protocol === 'file:' ? decodeURIComponent(beside.pathname) : beside.href;
    throw certcalcError('wasm_binary_required',
      'createCertcalc() in Node needs the bytes of certcalc-core.wasm: ' +
      `createCertcalc({ wasmBinary: readFileSync('${path}') }) (import { readFileSync } from 'node:fs'); ` +
      "Node's fetch cannot read a file, so the module cannot load it by itself (certcalc-node.js does both)");
  }
  // The full module's glue is imported when used: a page whose widgets run on the calculator
  // build (moduleFactory) never fetches it (web/build.mjs leaves it a file of its own).
  const glue = options.moduleFactory ? null : import('./certcalc-core.js');
  glue?.catch(() => {});
  const moduleArgs = {};
  // Where the module came from, as a failure names it: the URL fetched, else the option given.
  let url = null;
  // A module the glue cannot link (another build's, another program's .wasm) fails in
  // instantiateWasm, where the factory's promise would never settle: it rejects this one.
  let instantiateFailed;
  const failed = new Promise((resolve, reject) => {
    instantiateFailed = reject;
  });
  failed.catch(() => {});
  if (options.wasmBinary) {
    moduleArgs.wasmBinary = options.wasmBinary;
  } else {
    if (!options.wasmModule) url = absoluteUrl(options.wasmUrl ?? beside);
    // A URL that gives no module rejects here: a CertcalcLoadError, code wasm_load_failed.
    const module = await (options.wasmModule ?? compileCertcalc(url));
    moduleArgs.instantiateWasm = (imports, receive) => {
      WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module)).catch(instantiateFailed);
      return {};
    };
  }
  let M;
  // While loading, the runtime's complaints ("failed to asynchronously prepare wasm") are kept
  // out of the console: a failure rejects with them in its message. Afterwards they go through.
  moduleArgs.printErr = (text) => (M ? console.error(text) : undefined);
  let factory = options.moduleFactory;
  if (!factory) {
    try {
      factory = (await glue).default;
    } catch (e) {
      throw new CertcalcLoadError('certcalc-core.js', new URL('./certcalc-core.js', import.meta.url).href,
        e instanceof Error ? e.message : String(e), 'wasm_load_failed');
    }
  }
  try {
    M = await Promise.race([factory(moduleArgs), failed]);
  } catch (e) {
    const reason = runtimeReason(e);
    const build = options.moduleFactory ? "the .wasm of moduleFactory's build (certcalc-calc.wasm for certcalc/calc)" : 'certcalc-core.wasm';
    if (url) {
      const file = /[^/]+\.wasm$/.exec(url.split(/[?#]/)[0])?.[0] ?? 'the WebAssembly module';
      throw new CertcalcLoadError(file, url, `it could not be instantiated: ${reason} (it must be ${build})`, 'wasm_load_failed');
    }
    throw certcalcError('wasm_load_failed',
      `the ${options.wasmBinary ? 'wasmBinary' : 'wasmModule'} given could not be loaded: ${reason} (it must be ${build})`, e);
  }
  const fixedToday = typeof options.today === 'string' ? options.today : null;
  const today = fixedToday !== null ? () => fixedToday : typeof options.today === 'function' ? options.today : () => localToday();

  // Copies a JS string into WASM memory as UTF-8; returns [pointer, byteLength].
  function put(text) {
    const bytes = encoder.encode(text);
    const ptr = M._malloc(bytes.length + 1);
    M.HEAPU8.set(bytes, ptr);
    M.HEAPU8[ptr + bytes.length] = 0;
    return [ptr, bytes.length];
  }

  // A long answer is decoded in pieces: V8 puts a string over about 128 KB in its large-object
  // space, and one such string cost 2-4 ns a byte to make (a 476 KB validate answer: 3.4 ms),
  // pieces of 64 KB joined as a rope 0.04 ms. Each piece ends before a character's first byte and
  // is decoded whole: a streaming decoder ({stream: true}) leaves V8's fast path and took 0.34 ms
  // (bench/README.md, 2026-12-05, later).
  function result(ptr) {
    const len = M._certcalc_result_length();
    if (nodeBuffer && len >= LATIN1_FROM) {
      const n = M._certcalc_result_latin1();
      if (n >= 0) return pieces(M._certcalc_latin1(), n, false, (at, stop) => nodeBuffer.from(M.HEAPU8.buffer, at, stop - at).latin1Slice());
    }
    const heap = M.HEAPU8;
    return pieces(ptr, len, true, (at, stop) => decoder.decode(heap.subarray(at, stop)));
  }

  // Decodes [ptr, ptr + len) in pieces of at most ANSWER_PIECE bytes; in UTF-8 each piece ends
  // before a character's first byte (in Latin-1 every byte is a character).
  function pieces(ptr, len, utf8, decode) {
    if (len <= ANSWER_PIECE) return decode(ptr, ptr + len);
    const heap = M.HEAPU8;
    let text = '';
    for (let at = ptr, end = ptr + len; at < end;) {
      let stop = Math.min(end, at + ANSWER_PIECE);
      // Back over the continuation bytes (10xxxxxx) of a character cut in two, at most three.
      for (let back = 0; utf8 && stop < end && back < 3 && (heap[stop] & 0xc0) === 0x80; back++) stop--;
      if (utf8 && stop < end && (heap[stop] & 0xc0) === 0x80) stop = Math.min(end, at + ANSWER_PIECE);
      text += decode(at, stop);
      at = stop;
    }
    return text;
  }

  function cString(ptr) {
    let end = ptr;
    while (M.HEAPU8[end] !== 0) end++;
    return decoder.decode(M.HEAPU8.subarray(ptr, end));
  }

  // The rule assets the last answer asked for (code not_loaded), else [].
  function needs() {
    const text = cString(M._certcalc_needs());
    return text ? text.split('\n') : [];
  }

  // A call's strings go into one buffer that stays allocated between calls (up to SCRATCH_MAX
  // bytes; a larger request gets a buffer of its own), written by encodeInto straight into WASM
  // memory: TextEncoder.encode makes an array per string, 4 µs for a grade's four strings in
  // Node 20 (half the call), encodeInto 0.2 µs.
  const SCRATCH_MAX = 1 << 20;
  let scratch = 0;
  let scratchSize = 0;
  function scratchBuffer(bytes) {
    if (bytes <= scratchSize) return scratch;
    if (bytes > SCRATCH_MAX) return 0;
    if (scratch) M._free(scratch);
    scratchSize = Math.min(SCRATCH_MAX, Math.max(bytes, 2 * scratchSize, 4096));
    scratch = M._malloc(scratchSize);
    return scratch;
  }

  /**
   * One call with JSON text in and out: {status: 0 | 1 | 2, json: string, needs?: string[]}.
   * Status 0 answered, 2 request error (json is the error envelope), 1 internal failure;
   * `needs` lists the rule assets to load first when the envelope's code is not_loaded.
   */
  function callJson(op, requestText, callOptions) {
    callOptions ??= {};
    // `pretty` stands for the core's indent, which it checks: a value that is neither true nor
    // false is refused as the core refuses an indent, not read as truthy.
    if (callOptions.pretty != null && typeof callOptions.pretty !== 'boolean') {
      return { status: 2, json: JSON.stringify({ error: { code: 'invalid_option', message: 'pretty must be true or false', path: '' } }) };
    }
    const strings = [String(op), String(requestText), String(callOptions.today ?? today()),
      String(callOptions.locale ?? options.locale ?? '')];
    // UTF-8 takes at most 3 bytes per UTF-16 unit; each string ends with a NUL.
    let bytes = strings.length;
    for (const t of strings) bytes += 3 * t.length;
    let base = scratchBuffer(bytes);
    const own = base === 0;
    if (own) base = M._malloc(bytes);
    try {
      const heap = M.HEAPU8;  // read after malloc: growing the memory replaces the view
      const at = [];
      const lengths = [];
      let p = base;
      for (const t of strings) {
        const { written } = encoder.encodeInto(t, heap.subarray(p, base + bytes));
        heap[p + written] = 0;
        at.push(p);
        lengths.push(written);
        p += written + 1;
      }
      const indent = callOptions.pretty ? 2 : -1;
      const out = M._certcalc_call(at[0], lengths[0], at[1], lengths[1], at[2], at[3], indent);
      const status = M._certcalc_status();
      const answer = { status, json: result(out) };
      if (status === 2) {
        const missing = needs();
        if (missing.length) answer.needs = missing;
      }
      return answer;
    } finally {
      if (own) M._free(base);
    }
  }

  /**
   * A request or a pack as JSON text ({text}), or {envelope} when a JS value cannot be one
   * (jsonText): nested past any limit, the core's own answer for too deep a text (`answerText`
   * gives it, in the call's locale) at the place the value goes too deep; else `code` with `what`
   * "cannot be written as JSON".
   */
  function textOf(value, answerText, code, what) {
    if (typeof value === 'string') return { text: value };
    const r = jsonText(value);
    if (r.deep) return { envelope: atDeepPath(answerText('['.repeat(1000)), value) };
    if (r.reason !== undefined) return { envelope: notJson(code, what, r.reason) };
    return r;
  }

  function requestText(op, request, callOptions) {
    return textOf(request ?? {}, (text) => callJson(op, text, callOptions), 'invalid_field', 'the request');
  }

  function packText(pack, origin) {
    return textOf(pack, (text) => loadPackJson(text, origin), 'invalid_pack', `rule pack ${origin}`);
  }

  function call(op, request, callOptions) {
    const r = requestText(op, request, callOptions);
    return JSON.parse((r.envelope ?? callJson(op, r.text, callOptions)).json);
  }

  /** Gives the engine one rule asset's text; answers {added} or an error envelope. */
  function addRules(text) {
    const [ptr, len] = put(text);
    try {
      return JSON.parse(result(M._certcalc_add_rules(ptr, len)));
    } finally {
      M._free(ptr);
    }
  }

  const added = new Set();
  // packs/<id>.<locale>.json: a pack's texts in one locale (packs/<id>.json is the pack).
  const isTexts = (n) => n.startsWith('packs/') && !assets.packs[n.slice(6, -5)];
  const packOf = (n) => `${n.slice(0, n.lastIndexOf('.', n.length - 6))}.json`;
  /** Fetches the named assets (in parallel, each once) and adds those not added yet. */
  async function load(names) {
    // A pack's texts in another locale need the pack: it comes along (fetched once whatever
    // asks for it first), so that concurrent loads never add texts before their pack.
    const all = names.flatMap((n) => (isTexts(n) ? [packOf(n), n] : [n]));
    const fresh = [...new Set(all)].filter((n) => !added.has(n));
    const loaded = await Promise.all(fresh.map(async (n) => [n, await fetchOnce(n)]));
    // Catalogs and packs before a pack's texts in another locale.
    loaded.sort(([a], [b]) => isTexts(a) - isTexts(b));
    for (const [name, text] of loaded) {
      if (added.has(name)) continue;
      const answer = addRules(text);
      if (answer.error) {
        // Without the English catalog (this may be it), the core's message is its code.
        const { code, message, path } = answer.error;
        const why = message && message !== code ? `: ${message}` : path ? ` (at ${path})` : '';
        throw new CertcalcLoadError(`rule asset ${name}`, fetchedFrom.get(name) ?? name, `it is JSON but no certcalc rule asset${why}`,
          'asset_load_failed');
      }
      added.add(name);
    }
  }

  // Asks again while the core names assets it needs (each round loads them all at once).
  async function fulfil(attempt) {
    for (let round = 0; ; round++) {
      const r = attempt();
      if (!r.needs || round === 4) return r;
      await load(r.needs);
    }
  }

  added.add('index');
  addRules(JSON.stringify({ certcalcRules: 1, files: [
    { path: 'index/packs.json', doc: index },
    { path: 'index/assets.json', doc: { locales: assets.locales, shared: assets.shared, schema: assets.schema } },
  ] }));
  // A preloaded asset that failed is fetched again by the request that needs it, which then
  // reports the failure: the module itself is ready.
  await load(preloaded.map(([n]) => n)).catch(() => {});

  const api = {
    version: () => cString(M._certcalc_version()),
    callJson,
    call,
    /**
     * Loads what a request (or {scheme, schemes, locale, locales}; 'all' for every one) needs
     * before it is sent: its pack, its locale's messages. Resolves once they are in the engine;
     * rejects a malformed `what` as assetsFor throws.
     */
    prepare: async (what) => load(assetsFor(what)),
    /**
     * Whether what prepare(what) loads is loaded: a call for it answers without not_loaded.
     * Throws a malformed `what` as assetsFor does.
     */
    isPrepared: (what) => assetsFor(what).every((n) => added.has(n)),
    /** Like call(), loading whatever rule asset the core says it needs first. */
    ask: async (op, request, callOptions) => {
      const r = requestText(op, request, callOptions);
      return JSON.parse((r.envelope ?? (await fulfil(() => callJson(op, r.text, callOptions)))).json);
    },
    /** Loads a user rule pack (object or JSON text); answers {loaded} or {error}. */
    loadPack(pack, origin) {
      const name = originName(origin);
      const r = packText(pack, name);
      return JSON.parse((r.envelope ?? loadPackJson(r.text, name)).json);
    },
    /** Like loadPack, loading first the shared rule data the pack names and the pack schema. */
    loadPackAsync: async (pack, origin) => {
      const name = originName(origin);
      const r = packText(pack, name);
      return JSON.parse((r.envelope ?? (await fulfil(() => loadPackJson(r.text, name)))).json);
    },
  };
  function loadPackJson(text, origin) {
    const [packPtr, packLen] = put(text);
    const [originPtr] = put(String(origin));
    try {
      const out = M._certcalc_load_pack(packPtr, packLen, originPtr);
      const status = M._certcalc_status();
      const answer = { status, json: result(out) };
      const missing = status === 2 ? needs() : [];
      if (missing.length) answer.needs = missing;
      return answer;
    } finally {
      M._free(packPtr);
      M._free(originPtr);
    }
  }
  for (const op of OPS) {
    api[op] = (request, callOptions) => call(op, request, callOptions);
  }
  return api;
}

export default createCertcalc;
