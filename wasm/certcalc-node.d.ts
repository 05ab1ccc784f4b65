// certcalc-node.js: the API of certcalc.js with every rule asset read from disk and loaded.
export * from './certcalc.js';
import type { Certcalc, CreateOptions } from './certcalc.js';
export declare function createCertcalc(options?: CreateOptions): Promise<Certcalc>;
export default createCertcalc;
