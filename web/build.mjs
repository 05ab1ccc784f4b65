// Builds the widgets, the JS API and the demo page into web/dist/ (what the npm package ships):
//   certcalc-widgets.js        registers every <certcalc-*> element
//   certcalc-<element>.js      registers that element only, in one file (certcalc-duration-quote.js, ...)
//   certcalc.js                the JS API, createCertcalc() (certcalc-node.js: the same in Node)
//   chunk-<hash>.js            code certcalc-widgets.js and certcalc.js share
//   <locale>-<hash>.js         the widgets' UI strings in one more locale, loaded when shown
//   certcalc-core.wasm         the engine (no rule pack inside), from the WASM build
//   certcalc-core.js           its Emscripten glue, imported when the full module is first used
//   certcalc-calc.wasm         the calculator build the widgets start with (no validate, no user
//                              packs: web/src/core.js loads certcalc-core.wasm when a page needs them)
//   certcalc-calc.js           its Emscripten glue (createCertcalc's moduleFactory; `certcalc/calc`)
//   certcalc-rules.js          the built-in packs' index and the asset list (`rules` of certcalc.js)
//   assets/                    rule assets: each pack, pack locale and catalog (cmake/rule_assets.mjs)
//   *.d.ts                     the types of the API (web/types/certcalc*.d.ts), of each pack's
//                              requests and answers (certcalc-rules.d.ts, written here from rules/
//                              by cmake/rule_types.mjs) and of the elements
//   custom-elements.json       the elements' manifest (web/manifest.mjs)
//   index.html, demo.js, demo-texts.js, demo.css, favicon.svg   the demo page
// Usage: node web/build.mjs [--dev]   (--dev: no minification, inline source map)
// typeFiles() gives the .d.ts files alone (tests/node/types.test.js checks them without a build).
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { manifest } from './manifest.mjs';
import { CSP } from './csp.mjs';
import { rulesDeclarationFile } from '../cmake/rule_types.mjs';

const web = dirname(fileURLToPath(import.meta.url));
const root = join(web, '..');

/** The elements: tag -> the module that registers it. */
export const ELEMENTS = {
  'certcalc-duration-quote': 'duration-quote.js',
  'certcalc-grade-dates': 'grade-dates.js',
  'certcalc-submission-checker': 'submission-checker.js',
  'certcalc-locale-switcher': 'locale-switcher.js',
};

/**
 * The package's type declarations, file name -> text: the API's (wasm/, web/types), each pack's requests
 * and answers (generated from rules/, as the WASM build's copy is) and one per element's entry.
 */
export function typeFiles() {
  const files = {};
  // The API's own types live beside the JS they describe (wasm/), the rest in web/types.
  for (const f of ['certcalc.d.ts', 'certcalc-node.d.ts'])
    files[f] = readFileSync(join(root, 'wasm', f), 'utf8');
  for (const f of ['certcalc-calc.d.ts', 'certcalc-widgets.d.ts'])
    files[f] = readFileSync(join(web, 'types', f), 'utf8');
  files['certcalc-rules.d.ts'] = rulesDeclarationFile(join(root, 'rules'));
  for (const tag of Object.keys(ELEMENTS)) {
    const cls = tag.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
    files[`${tag}.d.ts`] = `// Registers <${tag}> (unless the tag is taken) and exports its class.
import { ${cls} } from './certcalc-widgets.js';
export { ${cls} };
/** The class registered under the tag (another copy's, when one registered it first). */
declare const registered: typeof ${cls};
export default registered;
`;
  }
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

async function main() {
  const wasmDist = process.env.CERTCALC_WASM_DIR ? resolve(process.env.CERTCALC_WASM_DIR) : join(root, 'build', 'wasm', 'dist');
  const out = join(web, 'dist');
  const dev = process.argv.includes('--dev');

  for (const f of ['certcalc.js', 'certcalc-node.js', 'certcalc-rules.js', 'certcalc-core.js', 'certcalc-core.wasm', 'certcalc-calc.js', 'certcalc-calc.wasm', 'assets']) {
    if (!existsSync(join(wasmDist, f))) {
      console.error(`web/build.mjs: ${join(wasmDist, f)} is missing; build the WASM module first:\n` +
        '  NODE_PATH=/usr/share/nodejs cmake --preset wasm && cmake --build --preset wasm');
      process.exit(1);
    }
  }

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const common = {
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    legalComments: 'eof',
    outdir: out,
    logLevel: 'warning',
  };
  // The JS glue must come from the same build as the .wasm copied below (CERTCALC_WASM_DIR).
  const glue = (b) => {
    b.onResolve({ filter: /build\/wasm\/dist\/certcalc(-calc)?\.js$/ }, (a) => ({ path: join(wasmDist, a.path.split('/').pop()) }));
    // The full module's glue stays a file of its own (copied below), imported when first used.
    b.onResolve({ filter: /^\.\/certcalc-core\.js$/ }, () => ({ path: './certcalc-core.js', external: true }));
  };

  // The bundle of all four elements and the JS API, sharing chunks; the UI strings of a locale
  // other than English are a chunk each, imported when a widget first shows that locale.
  const split = await build({
    ...common,
    entryPoints: [
      { in: join(web, 'src', 'index.js'), out: 'certcalc-widgets' },
      { in: join(wasmDist, 'certcalc.js'), out: 'certcalc' },
    ],
    splitting: true,
    metafile: true,
    // Flat: the code finds certcalc-core.wasm and assets/ next to itself (import.meta.url).
    chunkNames: '[name]-[hash]',
    plugins: [{ name: 'certcalc-wasm-dir', setup: glue }],
  });
  const localeChunks = {};
  for (const [file, o] of Object.entries(split.metafile.outputs)) {
    const m = /translations\/(\w+)\.js$/.exec(o.entryPoint || '');
    if (m) localeChunks[m[1]] = `./${file.split('/').pop()}`;
  }

  // One element each, in one file: a page with one widget fetches one script, not a chain of
  // chunks. They share the page's state with any other copy (core.js) and the locale chunks above.
  await build({
    ...common,
    entryPoints: Object.entries(ELEMENTS).map(([tag, file]) => ({ in: join(web, 'src', 'components', file), out: tag })),
    plugins: [{
      name: 'certcalc-element',
      setup(b) {
        glue(b);
        b.onResolve({ filter: /^\.\/translations\/(nl|it|de|fr)\.js$/ }, (a) => ({ path: localeChunks[a.path.slice(15, -3)], external: true }));
      },
    }],
  });

  // The Node entry imports ./certcalc.js, which is the bundled API above.
  copyFileSync(join(wasmDist, 'certcalc-node.js'), join(out, 'certcalc-node.js'));
  copyFileSync(join(wasmDist, 'certcalc-core.wasm'), join(out, 'certcalc-core.wasm'));
  copyFileSync(join(wasmDist, 'certcalc-core.js'), join(out, 'certcalc-core.js'));
  copyFileSync(join(wasmDist, 'certcalc-calc.wasm'), join(out, 'certcalc-calc.wasm'));
  // Its glue too, for the JS API's moduleFactory (the widgets' scripts carry their own copy).
  copyFileSync(join(wasmDist, 'certcalc-calc.js'), join(out, 'certcalc-calc.js'));
  // What certcalc-rules.d.ts types (certcalc.js bundles the same data, exported as `rules`).
  copyFileSync(join(wasmDist, 'certcalc-rules.js'), join(out, 'certcalc-rules.js'));
  cpSync(join(wasmDist, 'assets'), join(out, 'assets'), { recursive: true });
  for (const f of ['demo.js', 'demo-texts.js', 'demo.css', 'favicon.svg']) copyFileSync(join(web, f), join(out, f));
  // The page quotes the policy it is served with (web/csp.mjs), never a copy of its own.
  const page = readFileSync(join(web, 'index.html'), 'utf8');
  if (!page.includes('{{CSP}}')) throw new Error('web/index.html: the {{CSP}} marker is missing');
  writeFileSync(join(out, 'index.html'), page.replaceAll('{{CSP}}', CSP.replaceAll("'", '&#39;')));

  // Types and the Custom Elements Manifest of the package.
  for (const [f, text] of Object.entries(typeFiles())) writeFileSync(join(out, f), text);
  writeFileSync(join(out, 'custom-elements.json'), `${JSON.stringify(manifest(), null, 2)}\n`);

  const size = (f) => {
    const bytes = readFileSync(join(out, f));
    return `${f} ${statSync(join(out, f)).size} B (${gzipSync(bytes, { level: 9 }).length} B gzip)`;
  };
  const chunks = readdirSync(out).filter((f) => f.endsWith('.js') && !f.startsWith('certcalc') && f !== 'demo.js' && f !== 'demo-texts.js');
  console.log(`web/build.mjs: ${size('certcalc-widgets.js')}, ${size('certcalc-duration-quote.js')}, ${chunks.length} chunks, ${size('certcalc-calc.wasm')}, ${size('certcalc-core.wasm')} -> ${out}`);
}
