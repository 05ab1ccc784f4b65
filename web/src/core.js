// One certcalc instance shared by every widget of the page, created lazily on first use, and the
// page's UI locale. Nothing here talks to the network except fetching the .wasm and the rule
// assets (each pack and locale when a widget first needs it) from the same folder.
import { CertcalcLoadError, createCertcalc, localToday, compileCertcalc } from '../../build/wasm/dist/certcalc.js';
import createCertcalcCalc from '../../build/wasm/dist/certcalc-calc.js';
import { hasTranslations, loadTranslations } from './i18n.js';

export { localToday, CertcalcLoadError };

/** The locales the core's message catalogs and the widgets' chrome are written in. */
export const LOCALES = /** @type {const} */ (['en', 'nl', 'it', 'de', 'fr']);

const META_WASM_URL = 'certcalc-wasm-url';
const META_CALC_WASM_URL = 'certcalc-calc-wasm-url';
const META_ASSETS_URL = 'certcalc-assets-url';
const LOCALE_STORAGE_KEY = 'certcalc:locale';

// The page's state, shared by every copy of these scripts on it (an element's own script and the
// bundle of all four, or two embeds): one module instance, one set of loaded assets, one page locale.
const page = (globalThis[Symbol.for('certcalc.page')] ??= {
  /** @type {string | URL | null} */ wasmUrlOverride: null,
  /** @type {string | URL | null} */ assetsUrlOverride: null,
  /** @type {string | URL | null} */ calcWasmUrlOverride: null,
  /** @type {Promise<import('../../wasm/certcalc.d.ts').Certcalc> | null} */ instance: null,
  /** the instance answering now: the calculator module's, then the full one's once loaded */ active: null,
  activeIsFull: false,
  /** @type {Promise<import('../../wasm/certcalc.d.ts').Certcalc> | null} */ full: null,
  /** what the widgets prepared, for the full instance to load before it takes over */ prepared: [],
  /** the instance once it is ready (isPrepared answers synchronously) */ ready: null,
  /** @type {Map<string, Promise<void>>} */ preparing: new Map(),
  /** @type {Array<() => {scheme?: string, locale?: string}>} */ firstWants: [],
  packsVersion: 0,
  /** @type {Set<() => void>} */ packListeners: new Set(),
  /** @type {string | null} */ pageLocale: null,
  /** @type {Set<(locale: string) => void>} */ localeListeners: new Set(),
});

const metaUrl = (name) => {
  const content = globalThis.document?.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
  return content ? new URL(content, document.baseURI).href : null;
};

/**
 * Sets where the widgets fetch certcalc-core.wasm from. Call it before the first widget
 * connects (later calls do not reload a module that is already loaded).
 * Order of precedence: setWasmUrl(), then `<meta name="certcalc-wasm-url" content="...">`
 * (resolved against the document's base URL), then the file next to this bundle.
 * @param {string | URL | null} url  null (or ''): no URL of its own, back to the meta tag or the default
 */
export function setWasmUrl(url) {
  page.wasmUrlOverride = url;
}

/** The URL the .wasm is (or will be) fetched from. */
export function wasmUrl() {
  if (page.wasmUrlOverride) return new URL(String(page.wasmUrlOverride), document.baseURI).href;
  return metaUrl(META_WASM_URL) || new URL('certcalc-core.wasm', import.meta.url).href;
}

/**
 * Sets where the widgets fetch certcalc-calc.wasm from: the calculator build they start with
 * (no validate, no user packs), the full module loading when a page first needs either.
 * Order of precedence: setCalcWasmUrl(), `<meta name="certcalc-calc-wasm-url">`, then the file
 * next to this bundle unless the full module was moved (setWasmUrl or its meta): then the widgets
 * load the full module only, as they did before the calculator build.
 * @param {string | URL | null} url  null (or ''): no URL of its own, back to the meta tag or the
 *   default above (which is no calculator module when the full module was moved; null itself
 *   never turns the calculator module off)
 */
export function setCalcWasmUrl(url) {
  page.calcWasmUrlOverride = url;
}

/** The URL of the calculator module, or null when the widgets load the full module only. */
export function calcWasmUrl() {
  if (page.calcWasmUrlOverride) return new URL(String(page.calcWasmUrlOverride), document.baseURI).href;
  const meta = metaUrl(META_CALC_WASM_URL);
  if (meta) return meta;
  if (page.wasmUrlOverride || metaUrl(META_WASM_URL)) return null;
  return new URL('certcalc-calc.wasm', import.meta.url).href;
}

/**
 * Sets the folder the rule assets (packs, messages) are fetched from, as setWasmUrl does.
 * Order of precedence: setAssetsUrl(), `<meta name="certcalc-assets-url">`, then `assets/` in
 * the folder of the .wasm (so that moving the .wasm with its assets needs one setting).
 * @param {string | URL | null} url  null (or ''): no folder of its own, back to the meta tag or the default
 */
export function setAssetsUrl(url) {
  page.assetsUrlOverride = url;
}

/** The folder the rule assets are (or will be) fetched from, ending in a slash. */
export function assetsUrl() {
  const folder = (u) => (u.endsWith('/') ? u : `${u}/`);
  if (page.assetsUrlOverride) return folder(new URL(String(page.assetsUrlOverride), document.baseURI).href);
  return folder(metaUrl(META_ASSETS_URL) || new URL('assets/', wasmUrl()).href);
}

/**
 * The page's certcalc instance; the first call fetches and compiles the module (streaming) and,
 * at the same time, the rule assets the widgets that connected by then want (`wants`: their
 * scheme and locale, read once the page's scripts have set them).
 * The module is the calculator build, unless the first call says it needs the full one
 * (`full`: the submission checker, whose validate the calculator build has not): then it is the
 * full module alone, and the calculator's, should the full one fail to load.
 * A failed load is not cached, so a later call (e.g. after coming back online) tries again.
 * @param {() => {scheme?: string, locale?: string}} [wants]
 * @param {{ full?: boolean }} [how]
 * @returns {Promise<import('../../wasm/certcalc.d.ts').Certcalc>}
 */
export function getCertcalc(wants, how) {
  if (wants) page.firstWants.push(wants);
  if (!page.instance) {
    mark('certcalc:load-start');
    const fullFirst = Boolean(how?.full);
    page.instance = (async () => {
      // One microtask later: a module that imports the bundle and calls setWasmUrl() right away
      // runs before the URL is read, even though the widgets connect while the bundle evaluates.
      await null;
      const calcUrl = calcWasmUrl();
      const start = (full) => {
        const wasmModule = compileCertcalc(full ? wasmUrl() : calcUrl);
        wasmModule.catch(() => {});
        return wasmModule;
      };
      let full = !calcUrl || fullFirst;
      const wasmModule = start(full);
      const wanted = page.firstWants.splice(0).map((w) => w());
      const preload = {
        schemes: [...new Set(wanted.map((w) => w.scheme).filter(Boolean))],
        locales: [...new Set(wanted.map((w) => w.locale).filter(Boolean))],
      };
      page.prepared.push(preload);
      const create = (module, isFull) => createCertcalc({
        wasmModule: module, assetsUrl: assetsUrl(), preload, ...(isFull ? {} : { moduleFactory: createCertcalcCalc }),
      });
      let cc;
      try {
        cc = await create(wasmModule, full);
      } catch (e) {
        // The full module asked for first but missing: the calculator's answers the rest, and
        // the checker says what failed once it needs validate (loadFullModule tries again).
        if (!(full && calcUrl)) throw e;
        full = false;
        cc = await create(start(false), false);
      }
      page.active = cc;
      page.activeIsFull = full;
      if (full) page.full = Promise.resolve(cc);
      page.ready = pageInstance();
      mark('certcalc:ready');
      return page.ready;
    })();
    page.instance.catch(() => {
      page.instance = null;
    });
  }
  return page.instance;
}

/**
 * Loads the full module (validate, user packs) once; when it has loaded what the widgets
 * prepared, it answers every later call and the widgets redraw (they listen for `certcalc-packs`).
 * @returns {Promise<import('../../wasm/certcalc.d.ts').Certcalc>}
 */
export function loadFullModule() {
  if (!page.full) {
    page.full = (async () => {
      await getCertcalc();
      const cc = await createCertcalc({ wasmModule: compileCertcalc(wasmUrl()), assetsUrl: assetsUrl() });
      for (;;) {
        const n = page.prepared.length;
        await Promise.all(page.prepared.map((w) => cc.prepare(w)));
        if (n === page.prepared.length) break; // nothing was prepared meanwhile
      }
      page.active = cc;
      page.activeIsFull = true;
      page.preparing.clear(); // they were the calculator's: asked again, the full module answers
      mark('certcalc:full-ready');
      packsChanged();
      return cc;
    })();
    page.full.catch(() => {
      page.full = null;
    });
  }
  return page.full;
}

/** Whether the page's instance answers validate and user packs now (the full module is in). */
export function fullModuleReady() {
  return page.activeIsFull;
}

/** The answer while the full module loads: widgets show their loading state and redraw after. */
function fullPending(what) {
  loadFullModule().catch(() => {});
  return { error: { code: 'not_loaded', message: `${what} needs the full module (certcalc-core.wasm), which is loading`, path: '' } };
}

/**
 * The page's instance as widgets and hosts see it: the calculator module answers until a call
 * needs validate or a user pack, the full module after that (the same bytes for every other call,
 * tests/node/calc-module.test.js). `ask` and `loadPackAsync` wait for the full module.
 * @returns {import('../../wasm/certcalc.d.ts').Certcalc}
 */
function pageInstance() {
  const full = () => page.activeIsFull;
  const call = (op, request, options) => (op === 'validate' && !full() ? fullPending('validate') : page.active.call(op, request, options));
  const cc = {
    version: () => page.active.version(),
    callJson(op, text, options) {
      if (op === 'validate' && !full()) return { status: 2, json: JSON.stringify(fullPending('validate')) };
      return page.active.callJson(op, text, options);
    },
    call,
    async ask(op, request, options) {
      if (op === 'validate' && !full()) await loadFullModule();
      return page.active.ask(op, request, options);
    },
    prepare(what) {
      page.prepared.push(what);
      const ready = page.active.prepare(what);
      // A malformed argument is refused (invalid_option): a full module must not be given it again.
      ready.catch(() => {
        const at = page.prepared.indexOf(what);
        if (at >= 0) page.prepared.splice(at, 1);
      });
      // A full module that is loading takes it in too (it may have begun before this).
      if (!full() && page.full) page.full.then((f) => f.prepare(what)).catch(() => {});
      return ready;
    },
    isPrepared: (what) => page.active.isPrepared(what),
    loadPack: (pack, origin) => (full() ? page.active.loadPack(pack, origin) : fullPending('loadPack')),
    async loadPackAsync(pack, origin) {
      return (await loadFullModule()).loadPackAsync(pack, origin);
    },
  };
  for (const op of ['schemes', 'describe', 'duration', 'grade', 'schedule', 'deadlines', 'validate', 'rotation'])
    cc[op] = (request, options) => call(op, request, options);
  return cc;
}

// A widget's scheme or locale set to something else than a string (a property) is not refused
// here: the request carries it, and the core's answer names it.
const assetsNamed = (scheme, locale) => ({
  scheme: typeof scheme === 'string' ? scheme : undefined,
  locale: typeof locale === 'string' ? locale : undefined,
});

/** Whether a widget can show `scheme` in `locale` now: its pack, messages and UI strings are loaded. */
export function isPrepared(scheme, locale) {
  return Boolean(page.ready?.isPrepared(assetsNamed(scheme, locale))) && hasTranslations(locale);
}

/**
 * Loads what showing `scheme` in `locale` needs: the pack, its texts and the core's messages in
 * that locale, the widgets' UI strings. Resolves when the widgets can use them.
 * @param {string} scheme @param {string} locale
 */
export function prepare(scheme, locale) {
  const key = `${scheme}|${locale}`;
  if (!page.preparing.has(key)) {
    const p = (async () => {
      const cc = await getCertcalc();
      await cc.prepare(assetsNamed(scheme, locale));
      mark('certcalc:assets-ready');
    })();
    page.preparing.set(key, p);
    p.catch(() => page.preparing.delete(key));
  }
  // The UI strings are this copy's own.
  return Promise.all([page.preparing.get(key), loadTranslations(locale)]).then(() => {});
}

/**
 * Loads every pack, every locale's messages, the widgets' UI strings in every locale and the full
 * module, so that
 * the widgets keep working offline whatever scheme or locale is picked later (a page that shows
 * one scheme needs none of this: each asset is fetched when first needed, and kept).
 */
export async function preloadAll() {
  const cc = await getCertcalc();
  await Promise.all([cc.prepare({ schemes: 'all', locales: 'all' }), ...LOCALES.map((l) => loadTranslations(l)),
    // and the full module, for the submission checker's validate
    loadFullModule()]);
}

/** A User Timing mark (performance.getEntriesByName('certcalc:ready')), for hosts and bench/. */
function mark(name) {
  try {
    if (!globalThis.performance?.getEntriesByName?.(name)?.length) globalThis.performance?.mark?.(name);
  } catch {
    // marks are a nicety
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
  const answer = await cc.loadPackAsync(pack, origin);
  if (answer && answer.loaded) packsChanged();
  return answer;
}

function packsChanged() {
  page.packsVersion++;
  for (const cb of page.packListeners) cb();
}

/** Counts pack loads, so that widgets know when to ask `schemes` and `describe` again. */
export function getPacksVersion() {
  return page.packsVersion;
}
/** @param {() => void} cb @returns {() => void} unsubscribe */
export function onPacksChange(cb) {
  page.packListeners.add(cb);
  return () => page.packListeners.delete(cb);
}

// ---------------------------------------------------------------------------------------------
// The page locale: widgets without a `locale` attribute follow it; the locale switcher sets it.

/** @param {unknown} tag @returns {string | null} a supported locale, or null */
export function normalizeLocale(tag) {
  if (typeof tag !== 'string') return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.includes(/** @type {any} */ (base)) ? base : null;
}

/**
 * Says once a page, in the console, that an element's `locale` attribute names no locale certcalc
 * has (`es`): the element then follows the page locale, which an HTML author would not see.
 * @param {Element} el @param {unknown} value
 */
export function warnUnsupportedLocale(el, value) {
  if (typeof value !== 'string' || !value.trim() || normalizeLocale(value)) return;
  const warned = (page.unsupportedLocales ??= new Set());
  if (warned.has(value)) return;
  warned.add(value);
  console.warn(`certcalc: <${el.localName} locale="${value}">: "${value}" is not a locale certcalc supports ` +
    `(${LOCALES.join(', ')}) and is ignored; the page locale is ${page.pageLocale}.`);
}

function readStoredLocale() {
  try {
    return normalizeLocale(globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return null;
  }
}

page.pageLocale ??= readStoredLocale() || normalizeLocale(globalThis.document?.documentElement?.lang) || 'en';

export function getPageLocale() {
  return page.pageLocale;
}

/**
 * Sets the locale of every widget that has no `locale` attribute of its own, and remembers it
 * in localStorage so that a reload keeps it.
 * @param {string} locale en, nl, it, de or fr
 */
export function setPageLocale(locale) {
  const l = normalizeLocale(locale);
  if (!l || l === page.pageLocale) return;
  page.pageLocale = l;
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, l);
  } catch {
    // storage may be disabled (private mode, sandboxed iframe): the choice lasts for the page
  }
  for (const cb of page.localeListeners) cb(l);
}

/** @param {(locale: string) => void} cb @returns {() => void} unsubscribe */
export function onPageLocaleChange(cb) {
  page.localeListeners.add(cb);
  return () => page.localeListeners.delete(cb);
}
