// Puts the certcalc package's browser files (the element scripts, the .wasm, the rule assets)
// under public/certcalc/, where the portal serves them from its own origin. The package is found
// the way any Node code finds it (its `exports`), whatever node_modules layout npm chose.
// Not copied: the Node entry (certcalc-node.js reads the package's files with node:fs), the
// types and the manifest (*.d.ts, custom-elements.json), which no browser fetches.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_ONLY = new Set(['certcalc-node.js']);
const here = dirname(fileURLToPath(import.meta.url));
const dist = dirname(fileURLToPath(import.meta.resolve('certcalc/widgets')));
const out = join(here, 'public', 'certcalc');
rmSync(out, { recursive: true, force: true });
for (const f of readdirSync(dist))
  if ((f.endsWith('.js') && !NODE_ONLY.has(f)) || f.endsWith('.wasm') || f === 'assets') cpSync(join(dist, f), join(out, f), { recursive: true });
console.log(`certcalc's browser files: ${dist} -> ${out}`);
