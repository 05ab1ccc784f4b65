// certcalc-node.js (the package's `certcalc` in Node): the API of certcalc.js with the module and
// every rule asset read from the files next to it, all loaded before it resolves.
export * from './certcalc.js';
import type { Certcalc, CreateOptions } from './certcalc.js';
/**
 * Needs no option: reads certcalc-core.wasm and every rule asset from the package (nothing is
 * fetched), so that every call answers at once. `wasmBinary`, `fetchAsset` and `preload` replace
 * what it reads; `moduleFactory` (`certcalc/calc`) with `wasmBinary` the bytes of
 * certcalc-calc.wasm runs the calculator build.
 */
export declare function createCertcalc(options?: CreateOptions): Promise<Certcalc>;
export default createCertcalc;
