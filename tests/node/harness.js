// Shared by the Node tests: loads the WASM build and the vector files.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = process.env.CERTCALC_WASM_DIR || join(root, 'build', 'wasm', 'dist');
export const vectorDir = join(root, 'tests', 'vectors');

/** The JS door as Node uses it (certcalc-node.js: every pack and locale loaded from assets/). */
export async function loadCertcalc(options = {}) {
  const { createCertcalc } = await import(join(distDir, 'certcalc-node.js'));
  return createCertcalc(options);
}

/**
 * Like loadCertcalc, and also returns the module's WebAssembly.Memory (taken as the module is
 * instantiated; the API does not expose it), for tests that watch the heap.
 */
export async function loadCertcalcWithMemory(options = {}) {
  const instantiate = WebAssembly.instantiate;
  let memory = null;
  WebAssembly.instantiate = async (...args) => {
    const r = await instantiate(...args);
    memory = Object.values((r.instance ?? r).exports).find((x) => x instanceof WebAssembly.Memory);
    return r;
  };
  try {
    const cc = await loadCertcalc(options);
    return { cc, memory };
  } finally {
    WebAssembly.instantiate = instantiate;
  }
}

export function vectorFiles(dir = vectorDir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...vectorFiles(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

export function loadVectors() {
  return vectorFiles().map((file) => ({
    file: relative(vectorDir, file),
    doc: JSON.parse(readFileSync(file, 'utf8')),
  }));
}

/** The request text, op and options of a case, as every runner sends them. */
export function caseCall(doc, c) {
  const options = { today: '2026-01-15', locale: '' };
  for (const o of [doc.options, c.options]) {
    if (!o) continue;
    if (o.today) options.today = o.today;
    if (o.locale) options.locale = o.locale;
  }
  const text = typeof c.requestText === 'string' ? c.requestText
    : c.request !== undefined ? JSON.stringify(c.request) : '{}';
  return { op: c.op || doc.op || '', text, options };
}

/** The vector matching rule of tests/vectors/README.md; returns the first mismatch or null. */
export function matchExpected(expected, actual, pointer = '') {
  const show = (v) => JSON.stringify(v);
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return `${pointer}: not an object (expected ${show(expected)}, got ${show(actual)})`;
    for (const [k, v] of Object.entries(expected)) {
      const p = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!(k in actual)) return `${p}: missing from the answer`;
      const r = matchExpected(v, actual[k], p);
      if (r) return r;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${pointer}: not a list (got ${show(actual)})`;
    if (expected.length !== actual.length)
      return `${pointer}: list length differs (expected ${show(expected)}, got ${show(actual)})`;
    for (let i = 0; i < expected.length; i++) {
      const r = matchExpected(expected[i], actual[i], `${pointer}/${i}`);
      if (r) return r;
    }
    return null;
  }
  return expected === actual ? null : `${pointer}: values differ (expected ${show(expected)}, got ${show(actual)})`;
}
