// Payload: what a page downloads, raw and gzipped (level 9): certcalc's WASM package
// (certcalc-core.wasm + certcalc-core.js + certcalc.js) against @gorules/zen-engine-wasm 0.23.1.
// Two certcalc builds: the shipped one (build/wasm: -O3, every built-in pack and locale) and the
// engine alone (build/wasm-engine: `cmake --preset wasm-engine && cmake --build --preset
// wasm-engine`; -Oz, packs loaded at run time as zen's are), which compares like for like.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './inputs.mjs';
import { distDir, table } from './lib.mjs';

const zenDir = join(root, 'node_modules', '@gorules', 'zen-engine-wasm');

function sizes(files) {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gz };
}

export function payloadBench() {
  const certcalc = sizes(['certcalc-core.wasm', 'certcalc-core.js', 'certcalc.js'].map((f) => join(distDir, f)));
  const certcalcWasm = sizes([join(distDir, 'certcalc-core.wasm')]);
  const zen = sizes([join(zenDir, 'dist', 'zen_engine_wasm_bg.wasm'), join(zenDir, 'dist', 'zen_engine_wasm.js'),
    join(zenDir, 'index.js'), join(zenDir, 'util', 'index.js'), join(zenDir, 'util', 'variable-type.js')]);
  const engineDir = process.env.CERTCALC_ENGINE_DIR || join(root, 'build', 'wasm-engine', 'dist');
  const engine = existsSync(join(engineDir, 'certcalc-core.wasm'))
    ? sizes(['certcalc-core.wasm', 'certcalc-core.js', 'certcalc.js'].map((f) => join(engineDir, f)))
    : null;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const rows = [
    ['certcalc as shipped (-O3; certcalc-core.wasm + certcalc-core.js + certcalc.js; every built-in pack and locale inside)', kb(certcalc.raw), kb(certcalc.gz)],
    ['  of which certcalc-core.wasm', kb(certcalcWasm.raw), kb(certcalcWasm.gz)],
    engine ? ['certcalc engine alone (preset wasm-engine: -Oz, no built-in pack, English messages)', kb(engine.raw), kb(engine.gz)]
      : ['certcalc engine alone: not built (cmake --preset wasm-engine && cmake --build --preset wasm-engine)', '', ''],
    ['@gorules/zen-engine-wasm 0.23.1 (wasm + JS glue, no rules)', kb(zen.raw), kb(zen.gz)],
  ];
  const ratios = { 'zen gz / certcalc gz': zen.gz / certcalc.gz, 'certcalc gz KB': certcalc.gz / 1024 };
  if (engine) {
    ratios['zen gz / certcalc engine gz'] = zen.gz / engine.gz;
    ratios['certcalc engine gz KB'] = engine.gz / 1024;
  }
  return { certcalc, engine, zen, ratios, text: table(['package', 'raw', 'gzip -9'], rows) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = payloadBench();
  console.log(r.text);
  console.log(r.ratios);
}
