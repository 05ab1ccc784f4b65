// certcalc in JavaScript: one method per operation, plain objects in and out.
// Works in the browser (the .wasm is fetched next to this file unless `wasmUrl` says otherwise)
// and in Node (pass `wasmBinary`). Nothing here reaches the network except that one fetch.
import createCertcalcCore from './certcalc-core.js';

const OPS = ['schemes', 'describe', 'duration', 'grade', 'schedule', 'deadlines', 'validate', 'rotation'];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The local calendar date, YYYY-MM-DD: what "today" means to the person using the page. */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An Error with a stable `code`, for the failures of createCertcalc itself. */
function certcalcError(code, message, cause) {
  const e = new Error(message, cause === undefined ? undefined : { cause });
  e.code = code;
  return e;
}

/**
 * Loads the module and returns the certcalc API. Calls answer with envelopes and never throw;
 * createCertcalc itself rejects with an Error (`code` wasm_binary_required or wasm_load_failed)
 * when the module cannot be loaded, since there is no API yet to answer with.
 * @param {object} [options]
 * @param {string|URL} [options.wasmUrl]  where the host serves certcalc-core.wasm
 * @param {ArrayBuffer|Uint8Array} [options.wasmBinary]  the module's bytes (Node, tests)
 * @param {string} [options.locale]  answer in this locale whatever the request says
 * @param {() => string} [options.today]  the current date provider (default: local date)
 */
export async function createCertcalc(options = {}) {
  const moduleArgs = {};
  if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
  if (options.wasmUrl) {
    const url = String(options.wasmUrl);
    moduleArgs.locateFile = (path, prefix) => (path.endsWith('.wasm') ? url : prefix + path);
  }
  // Node's fetch reads no files: without the bytes (or an http(s) wasmUrl) the module would fail
  // with a bare "TypeError: fetch failed". Say what to pass instead.
  const beside = new URL('./certcalc-core.wasm', import.meta.url);
  const inNode = typeof process === 'object' && !!process.versions?.node && typeof window === 'undefined';
  if (inNode && !options.wasmBinary && !/^https?:/i.test(String(options.wasmUrl ?? ''))) {
    const path = beside.protocol === 'file:' ? decodeURIComponent(beside.pathname) : beside.href;
    throw certcalcError('wasm_binary_required',
      'createCertcalc() in Node needs the bytes of certcalc-core.wasm: ' +
      `createCertcalc({ wasmBinary: readFileSync('${path}') }) (import { readFileSync } from 'node:fs'); ` +
      "Node's fetch cannot read a file, so the module cannot load it by itself");
  }
  let M;
  // While loading, the runtime's complaints ("failed to asynchronously prepare wasm") are kept
  // out of the console: a failure rejects with them in its message. Afterwards they go through.
  moduleArgs.printErr = (text) => (M ? console.error(text) : undefined);
  try {
    M = await createCertcalcCore(moduleArgs);
  } catch (e) {
    const from = options.wasmBinary ? 'the wasmBinary given' : String(options.wasmUrl ?? beside.href);
    throw certcalcError('wasm_load_failed',
      `certcalc-core.wasm could not be loaded from ${from}: ${e?.message ?? e}; ` +
      'serve it beside certcalc.js, or pass wasmUrl (where it is served) or wasmBinary (its bytes)', e);
  }
  const today = options.today || (() => localToday());

  // Copies a JS string into WASM memory as UTF-8; returns [pointer, byteLength].
  function put(text) {
    const bytes = encoder.encode(text);
    const ptr = M._malloc(bytes.length + 1);
    M.HEAPU8.set(bytes, ptr);
    M.HEAPU8[ptr + bytes.length] = 0;
    return [ptr, bytes.length];
  }

  function result(ptr) {
    const len = M._certcalc_result_length();
    return decoder.decode(M.HEAPU8.subarray(ptr, ptr + len));
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
   * One call with JSON text in and out: {status: 0 | 1 | 2, json: string}.
   * Status 0 answered, 2 request error (json is the error envelope), 1 internal failure.
   */
  function callJson(op, requestText, callOptions = {}) {
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
      return { status: M._certcalc_status(), json: result(out) };
    } finally {
      if (own) M._free(base);
    }
  }

  function call(op, request, callOptions) {
    const text = typeof request === 'string' ? request : JSON.stringify(request ?? {});
    return JSON.parse(callJson(op, text, callOptions).json);
  }

  const api = {
    version: () => {
      const ptr = M._certcalc_version();
      let end = ptr;
      while (M.HEAPU8[end] !== 0) end++;
      return decoder.decode(M.HEAPU8.subarray(ptr, end));
    },
    callJson,
    call,
    /** Loads a user rule pack (object or JSON text); answers {loaded} or {error}. */
    loadPack(pack, origin = 'loadPack') {
      const text = typeof pack === 'string' ? pack : JSON.stringify(pack);
      const [packPtr, packLen] = put(text);
      const [originPtr] = put(String(origin));
      try {
        const out = M._certcalc_load_pack(packPtr, packLen, originPtr);
        return JSON.parse(result(out));
      } finally {
        M._free(packPtr);
        M._free(originPtr);
      }
    },
  };
  for (const op of OPS) api[op] = (request, callOptions) => call(op, request, callOptions);
  return api;
}

export default createCertcalc;
