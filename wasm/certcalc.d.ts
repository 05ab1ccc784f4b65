// Types of the certcalc JavaScript API (wasm/certcalc.js).
export type Op = 'schemes' | 'describe' | 'duration' | 'grade' | 'schedule' | 'deadlines' | 'validate' | 'rotation';

export interface ErrorEnvelope {
  error: { code: string; message: string; path: string };
}

export interface CallOptions {
  /** YYYY-MM-DD; defaults to the local date */
  today?: string;
  locale?: 'en' | 'nl' | 'it' | 'de' | 'fr';
  pretty?: boolean;
}

export interface CreateOptions {
  wasmUrl?: string | URL;
  wasmBinary?: ArrayBuffer | Uint8Array;
  locale?: 'en' | 'nl' | 'it' | 'de' | 'fr';
  today?: () => string;
}

export type Answer = Record<string, unknown> | ErrorEnvelope;

export interface Certcalc {
  version(): string;
  callJson(op: string, requestText: string, options?: CallOptions): { status: 0 | 1 | 2; json: string };
  call(op: string, request: object | string, options?: CallOptions): Answer;
  loadPack(pack: object | string, origin?: string): { loaded: Record<string, unknown> } | ErrorEnvelope;
  schemes(request?: object, options?: CallOptions): Answer;
  describe(request: object, options?: CallOptions): Answer;
  duration(request: object, options?: CallOptions): Answer;
  grade(request: object, options?: CallOptions): Answer;
  schedule(request: object, options?: CallOptions): Answer;
  deadlines(request: object, options?: CallOptions): Answer;
  validate(request: object, options?: CallOptions): Answer;
  /** Auditor rotation: where a site's audits break the scheme's rotation rule. */
  rotation(request: object, options?: CallOptions): Answer;
}

export function localToday(now?: Date): string;
/**
 * Rejects with an Error whose `code` is `wasm_binary_required` (Node without `wasmBinary`) or
 * `wasm_load_failed` (the .wasm could not be fetched or compiled); calls never throw.
 */
export function createCertcalc(options?: CreateOptions): Promise<Certcalc>;
export default createCertcalc;
