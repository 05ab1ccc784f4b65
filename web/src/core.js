// One certcalc instance shared by every widget of the page, created lazily on first use, and the
// page's UI locale. Nothing here talks to the network except the one fetch of the .wasm file.
import { createCertcalc, localToday } from '../../build/wasm/dist/certcalc.js';

export { localToday };

/** The locales the core's message catalogs and the widgets' chrome are written in. */
export const LOCALES = /** @type {const} */ (['en', 'nl', 'it', 'de', 'fr']);

const META_WASM_URL = 'certcalc-wasm-url';
const LOCALE_STORAGE_KEY = 'certcalc:locale';

/** @type {string | URL | null} */
let wasmUrlOverride = null;
/** @type {Promise<import('../../wasm/certcalc.d.ts').Certcalc> | null} */
let instance = null;

/**
 * Sets where the widgets fetch certcalc-core.wasm from. Call it before the first widget
 * connects (later calls do not reload a module that is already loaded).
 * Order of precedence: setWasmUrl(), then `<meta name="certcalc-wasm-url" content="...">`
 * (resolved against the document's base URL), then the file next to this bundle.
 * @param {string | URL} url
 */
export function setWasmUrl(url) {
  wasmUrlOverride = url;
}

/** The URL the .wasm is (or will be) fetched from. */
export function wasmUrl() {
  if (wasmUrlOverride) return new URL(String(wasmUrlOverride), document.baseURI).href;
  const meta = document.querySelector(`meta[name="${META_WASM_URL}"]`);
  const content = meta?.getAttribute('content');
  if (content) return new URL(content, document.baseURI).href;
  return new URL('certcalc-core.wasm', import.meta.url).href;
}

/**
 * The page's certcalc instance; the first call fetches and compiles the module.
 * A failed load is not cached, so a later call (e.g. after coming back online) tries again.
 * @returns {Promise<import('../../wasm/certcalc.d.ts').Certcalc>}
 */
export function getCertcalc() {
  if (!instance) {
    mark('certcalc:load-start');
    instance = (async () => {
      // One microtask later: a module that imports the bundle and calls setWasmUrl() right away
      // runs before the URL is read, even though the widgets connect while the bundle evaluates.
      await null;
      const url = wasmUrl();
      let response;
      try {
        response = await fetch(url, { credentials: 'same-origin' });
      } catch (e) {
        throw new CertcalcLoadError(url, e instanceof Error ? e.message : String(e));
      }
      if (!response.ok) throw new CertcalcLoadError(url, `HTTP ${response.status}`);
      const wasmBinary = new Uint8Array(await response.arrayBuffer());
      mark('certcalc:wasm-fetched');
      const cc = await createCertcalc({ wasmBinary });
      mark('certcalc:ready');
      return cc;
    })();
    instance.catch(() => {
      instance = null;
    });
  }
  return instance;
}

/** A User Timing mark (performance.getEntriesByName('certcalc:ready')), for hosts and bench/. */
function mark(name) {
  try {
    globalThis.performance?.mark?.(name);
  } catch {
    // marks are a nicety
  }
}

/** The module could not be fetched or compiled. */
export class CertcalcLoadError extends Error {
  /** @param {string} url @param {string} reason */
  constructor(url, reason) {
    super(`certcalc-core.wasm could not be loaded from ${url}: ${reason}`);
    this.name = 'CertcalcLoadError';
    this.url = url;
    this.reason = reason;
  }
}

/**
 * Loads a user rule pack into the shared instance (object or JSON text). Answers {loaded} or an
 * error envelope. Widgets that are already shown pick the new pack up on their next refresh
 * (they listen for `certcalc-packs`).
 * @param {object | string} pack
 * @param {string} [origin]
 */
export async function loadPack(pack, origin = 'loadPack') {
  const cc = await getCertcalc();
  const answer = cc.loadPack(pack, origin);
  if (answer && answer.loaded) {
    packsVersion++;
    for (const cb of packListeners) cb();
  }
  return answer;
}

let packsVersion = 0;
/** @type {Set<() => void>} */
const packListeners = new Set();
/** Counts pack loads, so that widgets know when to ask `schemes` and `describe` again. */
export function getPacksVersion() {
  return packsVersion;
}
/** @param {() => void} cb @returns {() => void} unsubscribe */
export function onPacksChange(cb) {
  packListeners.add(cb);
  return () => packListeners.delete(cb);
}

// ---------------------------------------------------------------------------------------------
// The page locale: widgets without a `locale` attribute follow it; the locale switcher sets it.

/** @param {unknown} tag @returns {string | null} a supported locale, or null */
export function normalizeLocale(tag) {
  if (typeof tag !== 'string') return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.includes(/** @type {any} */ (base)) ? base : null;
}

function readStoredLocale() {
  try {
    return normalizeLocale(globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return null;
  }
}

let pageLocale =
  readStoredLocale() || normalizeLocale(globalThis.document?.documentElement?.lang) || 'en';
/** @type {Set<(locale: string) => void>} */
const localeListeners = new Set();

export function getPageLocale() {
  return pageLocale;
}

/**
 * Sets the locale of every widget that has no `locale` attribute of its own, and remembers it
 * in localStorage so that a reload keeps it.
 * @param {string} locale en, nl, it, de or fr
 */
export function setPageLocale(locale) {
  const l = normalizeLocale(locale);
  if (!l || l === pageLocale) return;
  pageLocale = l;
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, l);
  } catch {
    // storage may be disabled (private mode, sandboxed iframe): the choice lasts for the page
  }
  for (const cb of localeListeners) cb(l);
}

/** @param {(locale: string) => void} cb @returns {() => void} unsubscribe */
export function onPageLocaleChange(cb) {
  localeListeners.add(cb);
  return () => localeListeners.delete(cb);
}
