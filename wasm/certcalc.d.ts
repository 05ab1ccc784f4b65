// Types of the certcalc JavaScript API (certcalc.js; certcalc-node.js has the same API), as the npm
// package ships them (the WASM build and web/build.mjs copy this file to their dist/). The requests and
// answers of each pack's operations are generated from the packs (certcalc-rules.d.ts,
// cmake/rule_types.mjs).
import type {
  BuiltInScheme, DeadlinesByScheme, DurationByScheme, GradeByScheme, RotationByScheme, ScheduleByScheme, ValidateScheme,
} from './certcalc-rules.js';

// Types only: certcalc.js exports the index and the asset list as `rules`.
export type * from './certcalc-rules.js';

declare global {
  // The one WebAssembly type this file names (wasmModule, compileCertcalc), declared so that a
  // project without lib "dom" (Node: lib es2022 and @types/node) type-checks it; with lib "dom"
  // it merges with dom's own WebAssembly.Module.
  namespace WebAssembly {
    interface Module {}
  }
}

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [member: string]: JsonValue };
/** A calendar date, YYYY-MM-DD. */
export type IsoDate = string;
export type Locale = 'en' | 'nl' | 'it' | 'de' | 'fr';
export type Op = 'schemes' | 'describe' | 'duration' | 'grade' | 'schedule' | 'deadlines' | 'validate' | 'rotation';

/** A request that cannot be answered (docs/api.md, "Errors"). */
export interface ErrorEnvelope {
  error: { code: string; message: string; path: string };
}

/** A note, warning or reason: a stable code, a message in the request's locale, its clause. */
export interface Message {
  code: string;
  message: string;
  rule?: string;
  /** the files of the source set the rule cites, for tools */
  cites?: string[];
}

/** One term of a duration with the clause it comes from. */
export interface BreakdownTerm {
  /** the term's fixed name, for tools ("T_D") */
  term: string;
  /** the term as people read it, in the request's locale, where the pack gives one */
  label?: string;
  days: number;
  source: string;
  cites?: string[];
}

/** One entry of `schemes` (and the `scheme` of `describe`). */
export interface SchemeEntry {
  id: string;
  title: string;
  version: string;
  publisher: string;
  effectiveDate: IsoDate | null;
  capabilities: Op[];
  verified: boolean;
  scheme?: string;
  language?: string;
  sources?: JsonValue[];
  notes?: JsonValue;
  status?: string;
  supersededBy?: string;
  supersededDate?: IsoDate;
  /** "built-in", or where a user pack came from */
  origin?: string;
}

export interface SchemesAnswer {
  schemes: SchemeEntry[];
}

/** A field of an operation, as `describe` gives it (docs/api.md, "describe"). */
export interface FieldDescription {
  /** absent for a list's items */
  name?: string;
  type: 'integer' | 'number' | 'boolean' | 'string' | 'enum' | 'date' | 'list' | 'object';
  required?: boolean;
  default?: JsonValue;
  min?: number;
  max?: number;
  step?: number;
  values?: string[];
  maxLength?: number;
  maxItems?: number;
  items?: FieldDescription;
  fields?: FieldDescription[];
  help?: string;
  rule?: string;
  cites?: string[];
}

export interface DescribeRequest {
  scheme: string;
  op?: Op | null;
  locale?: Locale | null;
}

export interface DescribeAnswer {
  scheme: SchemeEntry;
  operations: Partial<Record<Op, { fields: FieldDescription[]; rule?: string; cites?: string[]; form?: JsonValue }>>;
  data?: JsonValue;
}

/**
 * One finding a client sends to `validate` (docs/validate.md): the fields `describe` lists for
 * validate, every one optional. A finding is checked as it stands, drafts included: a missing id,
 * clause or text is an issue in the answer (`required`), not a request error; a member not listed
 * here is (`unknown_field`).
 */
export interface Finding {
  /** the NC number; without it the answer has a `required` issue at findings/<i>/id */
  id?: string | null;
  clause?: string | null;
  grade?: string | null;
  statement?: string | null;
  correction?: string | null;
  rootCause?: string | null;
  correctiveAction?: string | null;
  temporaryMeasures?: string | null;
  /** YYYY-MM-DD; another text is an issue of the answer, not a request error */
  plannedCompletion?: string | null;
  responsible?: string | null;
  /** the finding's workflow state (absent: the stage's first state) */
  state?: string | null;
  /** files are never read: a name, a media type and a size in bytes */
  evidence?: Array<{ name?: string | null; mediaType?: string | null; bytes?: number | null }> | null;
}

/** The `validate` request (docs/validate.md): `findings` is the one member it needs. */
export interface ValidateRequest {
  scheme: ValidateScheme | (string & {});
  locale?: Locale | null;
  /**
   * the audit: lastDay (deadlines run from it), firstDay, type, each YYYY-MM-DD text as typed;
   * without lastDay (or without audit) the answer has a `required` issue at audit/lastDay and no
   * deadlines
   */
  audit?: { firstDay?: string | null; lastDay?: string | null; type?: string | null } | null;
  /** YYYY-MM-DD; absent: the door's date */
  today?: IsoDate | null;
  /** non-working days that working-day deadlines skip (at most 1,000) */
  holidays?: IsoDate[] | null;
  /** cm (corrective-measure proposal), oe (objective evidence), absent: everything */
  stage?: 'cm' | 'oe' | null;
  /** the upload limit of the portal the findings go to */
  evidenceMaxBytes?: number | null;
  findings: Finding[];
}

export interface ValidateIssue {
  field: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  rule?: string;
  cites?: string[];
}

export interface ValidateAnswer {
  valid: boolean;
  ready: string[];
  findings: Array<{
    id: string;
    ready: boolean;
    /** the finding's workflow state */
    state?: string;
    /** the customer actions the workflow allows now (save, ready, submit) */
    actions?: Array<{ action: string; to: string }>;
    issues: ValidateIssue[];
    deadlines: Array<{
      findingId: string; kind: string; label?: string;
      /** whose step it is: the client's own (an `overdue` issue once past) or the certification body's */
      party: 'client' | 'body';
      dueDate?: IsoDate | null; from?: IsoDate | null; to?: IsoDate | null;
      daysLeft?: number | null; rule?: string; cites?: string[]; [member: string]: JsonValue | undefined;
    }>;
    /** the date by which the client must send this finding's response (docs/validate.md); null when none is dated */
    sendBy?: {
      date: IsoDate; kind: string; basis: 'submission_deadline' | 'body_deadline_less_review' | 'body_deadline';
      deadline: IsoDate; reviewDays?: number; daysLeft?: number | null; message: string; rule?: string; cites?: string[];
    } | null;
  }>;
  issues: ValidateIssue[];
  /** what "Submit" would send */
  submit?: { allowed: boolean; findings: string[] };
}

/** The request of `op` for pack S, and its answer. */
type Req<M, S> = S extends keyof M ? M[S] extends { request: infer R } ? R : never : never;
type Ans<M, S> = S extends keyof M ? M[S] extends { answer: infer A } ? A : never : never;
/**
 * A pack loaded with loadPack: its fields are its own. A built-in pack's id is not one (`never`),
 * so that a request for a built-in pack with a misspelt or mistyped field is an error rather
 * than a user pack's request.
 */
export type UserRequest<S extends string = string> = { scheme: S extends BuiltInScheme ? never : S; locale?: Locale | null; [field: string]: JsonValue | undefined };

export interface CallOptions {
  /** YYYY-MM-DD; defaults to the local date */
  today?: string;
  locale?: Locale;
  pretty?: boolean;
}

/** What a page needs loaded before its calls (a request works too); 'all' for every one. */
export interface Prepare {
  scheme?: string;
  schemes?: string[] | 'all';
  locale?: string;
  locales?: string[] | 'all';
  shared?: string[] | 'all';
  schema?: boolean;
}

/**
 * The Emscripten factory of a build of the module: the default export of certcalc-calc.js
 * (`import calcFactory from 'certcalc/calc'`), given as `moduleFactory` with that build's .wasm.
 */
export type CertcalcModuleFactory = (moduleArgs: object) => Promise<object>;

export interface CreateOptions {
  /** where the host serves certcalc-core.wasm (default: next to certcalc.js) */
  wasmUrl?: string | URL;
  /** the module, compiled (compileCertcalc) */
  wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>;
  /**
   * the module's bytes (certcalc.js in Node, tests; the package's Node entry reads
   * certcalc-core.wasm itself unless given these)
   */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** the folder of the rule assets (default: assets/ next to certcalc.js) */
  assetsUrl?: string | URL;
  /** reads one rule asset by name (default: fetch from assetsUrl) */
  fetchAsset?: (name: string) => Promise<string>;
  /** rule assets fetched while the module loads */
  preload?: Prepare;
  /** answer in this locale whatever the request says */
  locale?: Locale;
  /** the current date, YYYY-MM-DD, or a function giving it (default: the local date) */
  today?: string | (() => string);
  /**
   * the Emscripten factory of another build of the module, given with that build's .wasm
   * (wasmModule, wasmUrl or wasmBinary): the default export of certcalc-calc.js
   * (`certcalc/calc`) for certcalc-calc.wasm (the calculator build: no validate, no user packs;
   * answers them `not_supported`)
   */
  moduleFactory?: CertcalcModuleFactory;
}

export type Answer<T> = T | ErrorEnvelope;

export interface Certcalc {
  version(): string;
  /** JSON text in and out; `needs` names the rule assets to load first (code not_loaded). */
  callJson(op: string, requestText: string, options?: CallOptions): { status: 0 | 1 | 2; json: string; needs?: string[] };
  call(op: string, request: object | string, options?: CallOptions): Answer<{ [member: string]: JsonValue }>;
  /** Like call(), loading first whatever rule asset the core says it needs. */
  ask(op: string, request: object | string, options?: CallOptions): Promise<Answer<{ [member: string]: JsonValue }>>;
  /**
   * Loads the rule assets of a scheme and locale (a request works too). Rejects a malformed
   * `what` (a member of another type) with a TypeError whose `code` is invalid_option.
   */
  prepare(what: Prepare): Promise<void>;
  /** Whether prepare(what) has nothing left to load; throws a malformed `what` as prepare rejects it. */
  isPrepared(what: Prepare): boolean;
  loadPack(pack: object | string, origin?: string): Answer<{ loaded: SchemeEntry }>;
  loadPackAsync(pack: object | string, origin?: string): Promise<Answer<{ loaded: SchemeEntry }>>;
  schemes(request?: { locale?: Locale | null }, options?: CallOptions): Answer<SchemesAnswer>;
  describe(request: DescribeRequest, options?: CallOptions): Answer<DescribeAnswer>;
  duration<S extends keyof DurationByScheme>(request: Req<DurationByScheme, S> & { scheme: S }, options?: CallOptions): Answer<Ans<DurationByScheme, S>>;
  duration<S extends string>(request: UserRequest<S>, options?: CallOptions): Answer<{ [member: string]: JsonValue }>;
  grade<S extends keyof GradeByScheme>(request: Req<GradeByScheme, S> & { scheme: S }, options?: CallOptions): Answer<Ans<GradeByScheme, S>>;
  grade<S extends string>(request: UserRequest<S>, options?: CallOptions): Answer<{ [member: string]: JsonValue }>;
  schedule<S extends keyof ScheduleByScheme>(request: Req<ScheduleByScheme, S> & { scheme: S }, options?: CallOptions): Answer<Ans<ScheduleByScheme, S>>;
  schedule<S extends string>(request: UserRequest<S>, options?: CallOptions): Answer<{ [member: string]: JsonValue }>;
  deadlines<S extends keyof DeadlinesByScheme>(request: Req<DeadlinesByScheme, S> & { scheme: S }, options?: CallOptions): Answer<Ans<DeadlinesByScheme, S>>;
  deadlines<S extends string>(request: UserRequest<S>, options?: CallOptions): Answer<{ [member: string]: JsonValue }>;
  validate(request: ValidateRequest, options?: CallOptions): Answer<ValidateAnswer>;
  /** Auditor rotation: where a site's audits break the scheme's rotation rule. */
  rotation<S extends keyof RotationByScheme>(request: Req<RotationByScheme, S> & { scheme: S }, options?: CallOptions): Answer<Ans<RotationByScheme, S>>;
  rotation<S extends string>(request: UserRequest<S>, options?: CallOptions): Answer<{ [member: string]: JsonValue }>;
}

/**
 * The module or a rule asset could not be fetched or compiled: `${what} could not be loaded from
 * ${url}: ${reason}`.
 */
export declare class CertcalcLoadError extends Error {
  /** wasm_load_failed: the module (a .wasm, or its glue); asset_load_failed: a rule asset */
  code: 'wasm_load_failed' | 'asset_load_failed';
  /** the absolute URL fetched (a rule asset read by your own fetchAsset: its name) */
  url: string;
  /** why: `HTTP 404`, what the server sent instead (`the server sent text/html, not JSON`), ... */
  reason: string;
  /** `code` by default: wasm_load_failed when `what` names a .wasm or .js file, else asset_load_failed */
  constructor(what: string, url: string, reason: string, code?: 'wasm_load_failed' | 'asset_load_failed');
}

/** What the module was built with: the built-in packs, their locales, the catalogs. */
export declare const rules: { index: SchemeEntry[]; assets: { locales: Locale[]; shared: string[]; schema: boolean; packs: Record<BuiltInScheme, Locale[]> } };
/** The rule assets `what` needs, by name; throws a malformed `what` (TypeError, code invalid_option). */
export declare function assetsFor(what?: Prepare): string[];
/**
 * Fetches and compiles a build's .wasm (streaming when served as application/wasm). Rejects with a
 * CertcalcLoadError, code wasm_load_failed, naming the file and the absolute URL.
 */
export declare function compileCertcalc(url: string | URL): Promise<WebAssembly.Module>;
export declare function localToday(now?: Date): string;
/**
 * Loads the module and resolves with the API; calls never throw. Rejects with an Error whose `code`
 * is `wasm_binary_required` (this file, certcalc.js, run in Node without `wasmBinary`: the package's
 * `certcalc` in Node is certcalc-node.js, which needs no option) or `wasm_load_failed` (the module
 * could not be loaded). A module fetched from a URL (`wasmUrl`, or the default next to
 * certcalc.js) that could not be fetched, compiled or instantiated is a CertcalcLoadError with
 * that code, its `url` and `reason`.
 */
export declare function createCertcalc(options?: CreateOptions): Promise<Certcalc>;
export default createCertcalc;
