// Writes custom-elements.json (the Custom Elements Manifest of the four elements) for the package:
// @custom-elements-manifest/analyzer reads the components' JSDoc (@tag, @event with the detail's
// type, @csspart, @cssprop, @property, @attribute, @type on fields) and Lit properties; what
// CertcalcElement's JSDoc (web/src/base.js) documents, the three calculators inherit. The
// manifest then names each element by the package file that registers it (its path from the
// package's root, web/dist/<tag>.js) and keeps the public API
// only (no internal state, no members inherited from a module the package does not ship), each
// name once. tests/browser/portal.test.js holds it to the parts and --certcalc-* properties the
// elements really render and read. usage: node web/manifest.mjs OUT_DIR   (web/build.mjs runs it)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// Members that are the widgets' own plumbing, not their API (docs/web.md lists the API).
const INTERNAL = new Set(['cc', 'schemeList', 'uid', 'fields', 'counters', 'findingGrades', 'extraItemFields', 'allFields',
  'slot', 'itemFields', 'auditFields', 'grades', 'auditTypes', 'wantedLocale', 'effectiveToday']);

function withoutSuperclass(d) {
  const { superclass, ...rest } = d;
  return rest;
}

export function manifest() {
  const tmp = mkdtempSync(join(tmpdir(), 'certcalc-cem-'));
  try {
    const cli = join(dirname(require.resolve('@custom-elements-manifest/analyzer/package.json')), 'cem.js');
    // The analyzer writes its output path into package.json's customElements: put it back.
    const pkg = readFileSync(join(root, 'package.json'));
    const r = spawnSync(process.execPath, [cli, 'analyze', '--litelement', '--globs', 'web/src/base.js',
      'web/src/components/*.component.js', '--outdir', relative(root, tmp)], { cwd: root, encoding: 'utf8' });
    writeFileSync(join(root, 'package.json'), pkg);
    if (r.status !== 0) throw new Error(`custom-elements-manifest analyzer: ${r.stderr || r.stdout}`);
    const m = JSON.parse(readFileSync(join(tmp, 'custom-elements.json'), 'utf8'));
    const modules = [];
    for (const mod of m.modules) {
      for (const d of mod.declarations || []) {
        if (!d.customElement || !d.tagName) continue;
        // Paths from the package's root, as the schema reads them (web/dist/<tag>.js; the
        // package also exports it as `certcalc/widgets/<name>` and `certcalc/dist/<tag>.js`).
        const path = `web/dist/${d.tagName}.js`;
        const keep = (x) => !x.name.startsWith('_') && !INTERNAL.has(x.name) && x.privacy !== 'private' && x.kind !== 'method';
        const clean = (x) => {
          const { inheritedFrom, ...rest } = x;
          return rest;
        };
        // An element's own entry first, then the one it inherits: each name once.
        const once = (list) => [...new Map((list || []).map((x) => [x.name, clean(x)]).reverse()).values()].reverse();
        modules.push({
          kind: 'javascript-module',
          path,
          // No superclass: LitElement and CertcalcElement are bundled into each script, exported
          // by no module of the package nor by a package it depends on (a reference must be an
          // export); what the elements inherit is listed on each.
          declarations: [{
            ...withoutSuperclass(d),
            members: once((d.members || []).filter(keep)),
            attributes: once((d.attributes || []).filter((a) => !a.name.startsWith('_'))),
            events: once((d.events || []).filter((e) => e.name.startsWith('certcalc-'))),
            cssParts: once(d.cssParts),
            cssProperties: once(d.cssProperties),
          }],
          exports: [
            { kind: 'js', name: d.name, declaration: { name: d.name, module: path } },
            { kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: path } },
          ],
        });
      }
    }
    modules.sort((a, b) => (a.path < b.path ? -1 : 1));
    // No `readme`: in the schema it is the readme's Markdown text, not a file name.
    return { schemaVersion: m.schemaVersion, modules };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(process.argv[2], 'custom-elements.json'), `${JSON.stringify(manifest(), null, 2)}\n`);
}
