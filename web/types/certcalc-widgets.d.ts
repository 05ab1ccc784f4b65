// Types of the widgets (certcalc-widgets.js and one entry per element): the four elements, their
// events, and the page-level hooks. custom-elements.json describes the same elements for tools.
// The widgets are for the browser: their modules define custom elements when imported, so that
// importing `certcalc/widgets` (or one element's entry) in Node throws "HTMLElement is not
// defined"; Node code imports `certcalc`, the JS API.
import type {
  Certcalc, DescribeAnswer, ErrorEnvelope, JsonValue, Locale, SchemeEntry, ValidateAnswer, ValidateRequest,
} from './certcalc.js';

/** Common to the three calculators (docs/web.md, "Common attributes and properties"). */
declare class CertcalcCalculator extends HTMLElement {
  /** rule pack id; empty: the default pack that answers the widget's operation */
  scheme: string;
  /** en, nl, it, de or fr; empty: the page locale */
  locale: Locale | '';
  /** hides the scheme picker (attribute hide-picker) */
  hidePicker: boolean;
  /** the date used as today, YYYY-MM-DD (default: the browser's local date) */
  today: string;
  /** the locale shown now (a new one shows once its messages are loaded) */
  readonly effectiveLocale: Locale;
  /** resolves once the widget shows what it was asked for (its pack and locale loaded and drawn) */
  readonly updateComplete: Promise<boolean>;
}

export declare class CertcalcDurationQuote extends CertcalcCalculator {
  /** the request's fields (without scheme and locale); setting it fills the form */
  values: { [field: string]: JsonValue } | null;
  /** form and answer side by side on wide screens */
  wide: boolean;
  /** the last answer, or error envelope */
  readonly result: { [member: string]: JsonValue } | ErrorEnvelope | null;
  /** the last request sent */
  readonly request: { scheme: string; [field: string]: JsonValue } | null;
}

export interface GradeDatesFinding {
  id?: string;
  clause?: string;
  grade?: string;
  [field: string]: JsonValue | undefined;
}

export declare class CertcalcGradeDates extends CertcalcCalculator {
  /** counts (default) or a list of findings with clauses */
  mode: 'counts' | 'list';
  findings: GradeDatesFinding[];
  /** the fields of the three requests by name; values.grade overrides the computed grade for schedule */
  values: { [field: string]: JsonValue } | null;
  /** the last answer (or error envelope) of each operation */
  readonly results: {
    grade: { [member: string]: JsonValue } | ErrorEnvelope | null;
    schedule: { [member: string]: JsonValue } | ErrorEnvelope | null;
    deadlines: { [member: string]: JsonValue } | ErrorEnvelope | null;
  };
  /** the last request of each operation */
  readonly requests: {
    grade: { [field: string]: JsonValue } | null;
    schedule: { [field: string]: JsonValue } | null;
    deadlines: { [field: string]: JsonValue } | null;
  };
}

/** The draft a submission checker keeps (and exports). */
export interface SubmissionDocument {
  format?: string;
  version?: number;
  scheme?: string;
  stage?: 'cm' | 'oe' | '';
  audit: { firstDay?: string; lastDay?: string; type?: string };
  findings: ValidateRequest['findings'];
}

export declare class CertcalcSubmissionChecker extends CertcalcCalculator {
  /** the localStorage slot (certcalc:findings:<key>; attribute storage-key) */
  storageKey: string;
  /** cm, oe or empty */
  stage: 'cm' | 'oe' | '';
  /** the portal's upload limit, sent to validate (attribute evidence-max-bytes) */
  evidenceMaxBytes: number | undefined;
  /** the draft; setting it replaces (and stores) it */
  document: SubmissionDocument;
  /** the last validate answer (a deadlines answer while the pack has no validate), or its error envelope */
  readonly validation: ValidateAnswer | { [member: string]: JsonValue } | ErrorEnvelope | null;
  /** the last request sent */
  readonly request: ValidateRequest | { [field: string]: JsonValue } | null;
}

export declare class CertcalcLocaleSwitcher extends HTMLElement {
  /** the page locale; setting it switches every widget that follows the page */
  locale: Locale;
}

/** detail of certcalc-result: the core answered (answer may be an error envelope). */
export interface CertcalcResultDetail {
  op: 'duration' | 'grade' | 'schedule' | 'deadlines' | 'validate' | 'submit';
  scheme?: string;
  request?: JsonValue;
  answer?: { [member: string]: JsonValue } | ErrorEnvelope;
  submission?: JsonValue;
}
/** detail of certcalc-change: the user changed something. */
export interface CertcalcChangeDetail {
  scheme?: string;
  locale?: Locale;
  values?: { [field: string]: JsonValue };
  findings?: GradeDatesFinding[];
  document?: SubmissionDocument;
}

declare global {
  interface HTMLElementTagNameMap {
    'certcalc-duration-quote': CertcalcDurationQuote;
    'certcalc-grade-dates': CertcalcGradeDates;
    'certcalc-submission-checker': CertcalcSubmissionChecker;
    'certcalc-locale-switcher': CertcalcLocaleSwitcher;
  }
  interface HTMLElementEventMap {
    'certcalc-result': CustomEvent<CertcalcResultDetail>;
    'certcalc-change': CustomEvent<CertcalcChangeDetail>;
  }
}

/**
 * Where the full .wasm (certcalc-core.wasm) is fetched from (before the first widget connects).
 * null (or ''): no URL of its own, back to `<meta name="certcalc-wasm-url">`, else the file next
 * to the bundle.
 */
export declare function setWasmUrl(url: string | URL | null): void;
export declare function wasmUrl(): string;
/**
 * Where the calculator module (certcalc-calc.wasm: no validate, no user packs) is fetched from;
 * the widgets start on it and load the full module when a page first needs validate or a pack.
 * Default: next to the bundle, unless setWasmUrl() or its meta tag moved the full module (then
 * the widgets use the full module only). null (or ''): no URL of its own, back to
 * `<meta name="certcalc-calc-wasm-url">`, else that default; null does not turn the calculator
 * module off.
 */
export declare function setCalcWasmUrl(url: string | URL | null): void;
/** The calculator module's URL, or null when the widgets use the full module only. */
export declare function calcWasmUrl(): string | null;
/** Loads the full module now (otherwise: on the first validate or user pack); resolves when it answers. */
export declare function loadFullModule(): Promise<Certcalc>;
/**
 * The folder of the rule assets (default: assets/ next to the .wasm). null (or ''): no folder of
 * its own, back to `<meta name="certcalc-assets-url">`, else that default.
 */
export declare function setAssetsUrl(url: string | URL | null): void;
export declare function assetsUrl(): string;
/**
 * The page's shared instance: the calculator module until the page needs the full one, which
 * then answers everything. Until then `validate` and `loadPack` answer `not_loaded` and start
 * loading it; `ask()` and `loadPackAsync()` wait for it.
 */
export declare function getCertcalc(): Promise<Certcalc>;
/** Loads a user rule pack into the shared instance; every scheme picker then lists it. */
export declare function loadPack(pack: object | string, origin?: string): Promise<{ loaded: SchemeEntry } | ErrorEnvelope>;
/** Loads every pack, locale and UI language and the full module, so that the widgets keep working offline. */
export declare function preloadAll(): Promise<void>;
export declare function setPageLocale(locale: string): void;
export declare function getPageLocale(): Locale;
export declare const LOCALES: readonly Locale[];
/** Registers an element unless the tag is taken; returns the class registered under it. */
export declare function define(tag: string, ctor: CustomElementConstructor): CustomElementConstructor;
export type { DescribeAnswer };
