// certcalc in Node: the API of certcalc.js with the module and every rule asset read from the
// files next to this one (nothing is fetched), every rule asset loaded before it resolves,
// so that every call answers at once, as the CLI does.
import { readFile } from 'node:fs/promises';
import { createCertcalc as create } from './certcalc.js';

export { localToday, CertcalcLoadError, assetsFor, compileCertcalc, rules } from './certcalc.js';

/** @param {Parameters<typeof create>[0]} [options] */
export async function createCertcalc(options) {
  options ??= {};
  // An option given as undefined is not given: the files next to this one still count.
  return create({
    ...options,
    wasmBinary: options.wasmBinary ?? (await readFile(new URL('certcalc-core.wasm', import.meta.url))),
    fetchAsset: options.fetchAsset ?? ((name) => readFile(new URL(`assets/${name}`, import.meta.url), 'utf8')),
    preload: options.preload ?? { schemes: 'all', locales: 'all', shared: 'all', schema: true },
  });
}

export default createCertcalc;
