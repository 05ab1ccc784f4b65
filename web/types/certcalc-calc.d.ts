// certcalc-calc.js (`certcalc/calc`): the Emscripten factory of the calculator build,
// certcalc-calc.wasm (every operation but validate, no user packs: they answer `not_supported`,
// message `not_in_build`). Give it to createCertcalc() as `moduleFactory`, with that .wasm:
//   import calcFactory from 'certcalc/calc';
//   const cc = await createCertcalc({ moduleFactory: calcFactory, wasmModule: compileCertcalc(calcWasmUrl) });
import type { CertcalcModuleFactory } from './certcalc.js';

/** Instantiates certcalc-calc.wasm; only createCertcalc() calls it. */
declare const createCertcalcCalc: CertcalcModuleFactory;
export default createCertcalcCalc;
