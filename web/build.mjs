// Builds the embeddable bundle and the demo page into web/dist/:
//   certcalc-widgets.js  one ES module that registers every <certcalc-*> element (Lit included)
//   certcalc-core.wasm   the core, copied from the WASM build (build/wasm/dist/)
//   index.html, demo.js, demo.css, favicon.svg   the demo page
// Usage: node web/build.mjs [--dev]   (--dev: no minification, inline source map)
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CSP } from './csp.mjs';

const web = dirname(fileURLToPath(import.meta.url));
const root = join(web, '..');
const wasmDist = process.env.CERTCALC_WASM_DIR || join(root, 'build', 'wasm', 'dist');
const out = join(web, 'dist');
const dev = process.argv.includes('--dev');

for (const f of ['certcalc.js', 'certcalc-core.js', 'certcalc-core.wasm']) {
  if (!existsSync(join(wasmDist, f))) {
    console.error(`web/build.mjs: ${join(wasmDist, f)} is missing; build the WASM module first:\n` +
      '  NODE_PATH=/usr/share/nodejs cmake --preset wasm && cmake --build --preset wasm');
    process.exit(1);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(web, 'src', 'index.js')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'eof',
  // The JS glue must come from the same build as the .wasm copied below (CERTCALC_WASM_DIR).
  plugins: [{
    name: 'certcalc-wasm-dir',
    setup(b) {
      b.onResolve({ filter: /build\/wasm\/dist\/certcalc\.js$/ }, () => ({ path: join(wasmDist, 'certcalc.js') }));
    },
  }],
  outfile: join(out, 'certcalc-widgets.js'),
  logLevel: 'warning',
});

copyFileSync(join(wasmDist, 'certcalc-core.wasm'), join(out, 'certcalc-core.wasm'));
for (const f of ['demo.js', 'demo.css', 'favicon.svg']) copyFileSync(join(web, f), join(out, f));
// The page quotes the policy it is served with (web/csp.mjs), never a copy of its own.
const page = readFileSync(join(web, 'index.html'), 'utf8');
if (!page.includes('{{CSP}}')) throw new Error('web/index.html: the {{CSP}} marker is missing');
writeFileSync(join(out, 'index.html'), page.replaceAll('{{CSP}}', CSP.replaceAll("'", '&#39;')));

const size = (f) => {
  const bytes = readFileSync(join(out, f));
  return `${f} ${statSync(join(out, f)).size} B (${gzipSync(bytes, { level: 9 }).length} B gzip)`;
};
console.log(`web/build.mjs: ${size('certcalc-widgets.js')}, ${size('certcalc-core.wasm')} -> ${out}`);
