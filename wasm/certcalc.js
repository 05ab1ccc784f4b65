// certcalc in JavaScript: one method per operation, plain objects in and out.
// Works in the browser (the .wasm is fetched next to this file unless `wasmUrl` says otherwise)
// and in Node (pass `wasmBinary`). Nothing here reaches the network except that one fetch.
import createCertcalcCore from './certcalc-core.js';

const OPS = ['schemes', 'describe', 'duration', 'grade', 'schedule', 'deadlines', 'validate'];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The local calendar date, YYYY-MM-DD: what "today" means to the person using the page. */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Loads the module and returns the certcalc API.
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
  const M = await createCertcalcCore(moduleArgs);
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

  /**
   * One call with JSON text in and out: {status: 0 | 1 | 2, json: string}.
   * Status 0 answered, 2 request error (json is the error envelope), 1 internal failure.
   */
  function callJson(op, requestText, callOptions = {}) {
    const allocated = [];
    const str = (s) => {
      const p = put(s);
      allocated.push(p[0]);
      return p;
    };
    try {
      const [opPtr, opLen] = str(String(op));
      const [reqPtr, reqLen] = str(String(requestText));
      const [todayPtr] = str(callOptions.today ?? today());
      const [localePtr] = str(callOptions.locale ?? options.locale ?? '');
      const indent = callOptions.pretty ? 2 : -1;
      const out = M._certcalc_call(opPtr, opLen, reqPtr, reqLen, todayPtr, localePtr, indent);
      return { status: M._certcalc_status(), json: result(out) };
    } finally {
      for (const p of allocated) M._free(p);
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
