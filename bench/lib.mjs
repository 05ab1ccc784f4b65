// Shared by the benchmarks: loading the engines, timing, and printing.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './inputs.mjs';

export const distDir = process.env.CERTCALC_WASM_DIR || join(root, 'build', 'wasm', 'dist');
/** The engine alone (preset wasm-engine: -Oz, no built-in pack), when it is built. */
export const engineDir = process.env.CERTCALC_ENGINE_DIR || join(root, 'build', 'wasm-engine', 'dist');

export async function loadCertcalc(dir = distDir) {
  const wasm = join(dir, 'certcalc-core.wasm');
  if (!existsSync(wasm)) {
    console.error(`bench: ${wasm} is missing; build it first: cmake --preset wasm && cmake --build --preset wasm`);
    process.exit(2);
  }
  // Builds with rule assets come with certcalc-node.js (every asset loaded from disk); older
  // builds embed their packs in the .wasm.
  if (existsSync(join(dir, 'certcalc-node.js'))) {
    const { createCertcalc } = await import(pathToFileURL(resolve(dir, 'certcalc-node.js')).href);
    return createCertcalc();
  }
  const { createCertcalc } = await import(pathToFileURL(resolve(dir, 'certcalc.js')).href);
  return createCertcalc({ wasmBinary: readFileSync(wasm) });
}

/** The engine-alone build, or null when build/wasm-engine is not built. */
export async function loadCertcalcEngine() {
  return existsSync(join(engineDir, 'certcalc-core.wasm')) ? loadCertcalc(engineDir) : null;
}

export async function loadZen() {
  const zen = await import('@gorules/zen-engine-wasm');
  const wasm = join(root, 'node_modules', '@gorules', 'zen-engine-wasm', 'dist', 'zen_engine_wasm_bg.wasm');
  zen.initSync({ module: readFileSync(wasm) });
  return zen;
}

/**
 * Time per call of fn(i) (i counts up), in microseconds: warm-up (so that V8 and the WASM tiers
 * settle), then `rounds` rounds of at least `ms` each; the median round is reported.
 */
export async function timePerCall(fn, { ms = 400, rounds = 7, warmMs = 800, isAsync = false } = {}) {
  let i = 0;
  const runFor = async (budget) => {
    const start = performance.now();
    let n = 0;
    let now = start;
    while (now - start < budget) {
      for (let k = 0; k < 16; k++) {
        if (isAsync) await fn(i++);
        else fn(i++);
      }
      n += 16;
      now = performance.now();
    }
    return ((now - start) * 1000) / n;
  };
  await runFor(warmMs);
  const results = [];
  for (let r = 0; r < rounds; r++) results.push(await runFor(ms));
  results.sort((a, b) => a - b);
  return results[rounds >> 1];
}

export function fmtUs(us) {
  if (us >= 1000) return `${(us / 1000).toFixed(2)} ms`;
  if (us >= 10) return `${us.toFixed(1)} µs`;
  return `${us.toFixed(2)} µs`;
}

/** A markdown table. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function machine() {
  const v = process.versions;
  return `Node ${v.node} (V8 ${v.v8}), ${process.platform}/${process.arch}`;
}
