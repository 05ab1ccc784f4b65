// The project stands on its own: no link or path in the docs, the examples, the rule packs (whose
// citations become answers) or the code points outside the repository, and every relative link
// of a Markdown page, and every repository path it names, resolves to a file of a clone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { distDir, root } from './harness.js';

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((f) => f && !f.startsWith('tests/fuzz/corpus-sample/') && existsSync(join(root, f)));
const TEXT = /\.(md|json|js|mjs|cjs|ts|cpp|h|txt|sh|yml|html|css|cmake)$|(^|\/)(CMakeLists\.txt|run)$/;
// Files that name the forbidden paths in order to refuse them.
const CHECKERS = new Set(['tests/node/links.test.js', 'tests/vectors/vector_runner.cpp', 'tests/unit/citations_test.cpp']);

// A file a page may link to before the branch that writes it is merged, with the reason; it is
// checked like any other file once it exists. Empty: every linked file is here.
const PENDING = {};

// What a clone does not have: the design folder and the source set beside the project, the
// design documents by their old names, a machine's own paths.
const OUTSIDE = /\.\.\/shared\b|\bshared\/(?:sources|design)\b|(?<![\w/])(?:CONTRACT|ARCHITECTURE|STYLE|WASM-NOTES)\.md\b|\/work\/(?:wt|main|shared)\b/;

function inside(path) {
  return path === root || path.startsWith(root + sep);
}

/** The GitHub anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading) {
  return heading.trim().toLowerCase().replace(/[`*_]/g, '').replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');
}

function anchors(file) {
  const out = new Set();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^#{1,6}\s+(.*)$/.exec(line);
    if (m) out.add(slug(m[1]));
  }
  return out;
}

/** A link target or a named path: null when it resolves inside the repository, else why not. */
function unresolved(fromFile, target, { anchorsToo = true } = {}) {
  const [path, anchor] = target.split('#');
  const abs = path ? resolve(dirname(join(root, fromFile)), decodeURIComponent(path)) : join(root, fromFile);
  if (!inside(abs)) return `${target} points outside the repository`;
  const rel = relative(root, abs);
  if (!existsSync(abs)) return PENDING[rel] ? null : `${target} does not exist`;
  if (anchorsToo && anchor && abs.endsWith('.md') && !anchors(abs).has(anchor)) return `${target}: no heading #${anchor}`;
  return null;
}

test('tracked files were found', () => {
  assert.ok(tracked.length > 100);
  assert.ok(tracked.includes('README.md') && tracked.includes('docs/contract.md') && tracked.includes('docs/architecture.md'));
});

test('no file points at a path outside the repository', () => {
  const bad = [];
  for (const f of tracked) {
    if (CHECKERS.has(f) || !TEXT.test(f) || statSync(join(root, f)).size > 5_000_000) continue;
    readFileSync(join(root, f), 'utf8').split('\n').forEach((line, i) => {
      const m = OUTSIDE.exec(line);
      if (m) bad.push(`${f}:${i + 1}: ${m[0]}`);
    });
  }
  assert.deepEqual(bad, []);
});

test('every relative link of a Markdown page resolves to a file of the repository', () => {
  const bad = [];
  let links = 0;
  for (const f of tracked.filter((x) => x.endsWith('.md'))) {
    const text = readFileSync(join(root, f), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/i.test(target)) continue;  // https:, mailto:
      links++;
      const why = unresolved(f, target);
      if (why) bad.push(`${f}: ${why}`);
    }
  }
  assert.ok(links > 50, `only ${links} links found`);
  assert.deepEqual(bad, []);
});

test('every repository path a page names in `code` exists', () => {
  // Paths written from the repository's root (`docs/api.md`, `rules/shared/blame-phrases.json`);
  // generated folders, globs and placeholders are not files to find.
  const ROOTS = /^(?:docs|rules|tests|examples|web\/src|core|cli|wasm|bench|scripts|cmake)\/[\w./-]+$/;
  const bad = [];
  let named = 0;
  for (const f of tracked.filter((x) => x.endsWith('.md'))) {
    const text = readFileSync(join(root, f), 'utf8');
    for (const m of text.matchAll(/`([^`\s]+)`/g)) {
      const path = m[1].replace(/[.,:;)]+$/, '');
      if (!ROOTS.test(path) || /[*<>{}]/.test(path)) continue;
      named++;
      const abs = join(root, path);
      if (!existsSync(abs) && !PENDING[path]) bad.push(`${f}: \`${path}\` does not exist`);
    }
  }
  assert.ok(named > 30, `only ${named} paths found`);
  assert.deepEqual(bad, []);
});

test('no answer of an example names a path outside the repository, and the paths it names exist', () => {
  const answers = tracked.filter((f) => f.startsWith('examples/') && f.endsWith('.answer.json'));
  assert.ok(answers.length >= 20);
  const bad = [];
  const walk = (v, where, file) => {
    if (typeof v === 'string') {
      if (OUTSIDE.test(v)) bad.push(`${file} ${where}: ${v}`);
      for (const m of v.matchAll(/\b(?:docs|rules|tests|examples)\/[\w./-]+\.(?:md|json)\b/g))
        if (!existsSync(join(root, m[0])) && !PENDING[m[0]]) bad.push(`${file} ${where}: ${m[0]} does not exist`);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${where}/${k}`, file);
    }
  };
  for (const f of answers) walk(JSON.parse(readFileSync(join(root, f), 'utf8')), '', f);
  assert.deepEqual(bad, []);
});

test('every relative link of a Markdown page the npm package ships resolves to a file the package ships', () => {
  // The file list npm would pack (package.json "files"), without running prepack (the web build):
  // web/dist/ holds no Markdown page, so whether it is built does not matter here.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'],
    { cwd: root, encoding: 'utf8' }))[0].files.map((f) => f.path.split(sep).join('/'));
  const shipped = new Set(packed);
  const isShipped = (path) => shipped.has(path) || packed.some((f) => f.startsWith(`${path.replace(/\/$/, '')}/`));
  const pages = packed.filter((f) => f.endsWith('.md'));
  for (const f of ['README.md', 'docs/api.md', 'docs/web.md', 'examples/README.md', 'bench/README.md', 'tests/vectors/README.md'])
    assert.ok(shipped.has(f), `${f} is in the package`);
  for (const f of ['rules/packs/fssc22000-6.json', 'rules/schema/pack.schema.json', 'examples/duration/fssc22000-6.json'])
    assert.ok(shipped.has(f), `${f} is in the package`);
  assert.ok(!packed.some((f) => /(^|\/)node_modules\/|^examples\/portal\/public\/certcalc\/|^(core|cli|wasm|tests\/node)\//.test(f)), 'no build output, no sources');
  const bad = [];
  let links = 0;
  for (const f of pages) {
    const text = readFileSync(join(root, f), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
      links++;
      const [path, anchor] = target.split('#');
      const rel = relative(root, resolve(dirname(join(root, f)), decodeURIComponent(path))).split(sep).join('/');
      if (!isShipped(rel)) bad.push(`${f}: ${target} (${rel} is not in the package)`);
      else if (anchor && rel.endsWith('.md') && !anchors(join(root, rel)).has(anchor)) bad.push(`${f}: ${target}: no heading #${anchor}`);
    }
  }
  assert.ok(links > 50, `only ${links} links found`);
  assert.deepEqual(bad, []);
});

test('the .wasm sizes the README and the docs give are those of the files (raw and gzip -9, within 3%)', () => {
  const size = (f) => {
    const bytes = readFileSync(join(distDir, f));
    return { raw: bytes.length / 1000, gz: gzipSync(bytes, { level: 9 }).length / 1000 };
  };
  const calc = size('certcalc-calc.wasm');
  const core = size('certcalc-core.wasm');
  const text = (f) => readFileSync(join(root, f), 'utf8').replace(/\s+/g, ' ');
  // [file, pattern, the sizes its numbers stand for]
  const figures = [
    ['README.md', /built for size \((\d+) KB gzip against (\d+) KB, gzip -9\)/, [calc.gz, core.gz]],
    ['docs/web.md', /`certcalc-calc\.wasm` \((\d+) KB, (\d+) KB gzip -9\)/, [calc.raw, calc.gz]],
    ['docs/web.md', /`certcalc-core\.wasm` \((\d+) KB, (\d+) KB gzip -9,/, [core.raw, core.gz]],
    ['docs/web.md', /load the full module \((\d+) KB gz\) instead of the calculator \((\d+) KB\)/, [core.gz, calc.gz]],
    ['docs/web.md', /the full module for the submission checker, (\d+) KB gz/, [core.gz]],
    ['docs/api.md', /The shipped `certcalc-core\.wasm` is (\d+) KB, (\d+) KB gzip -9/, [core.raw, core.gz]],
  ];
  const bad = [];
  for (const [f, re, sizes] of figures) {
    const m = re.exec(text(f));
    if (!m) {
      bad.push(`${f}: no ${re}`);
      continue;
    }
    sizes.forEach((kb, i) => {
      const said = Number(m[i + 1]);
      if (Math.abs(said - kb) > kb * 0.03) bad.push(`${f}: "${m[0]}" gives ${said} KB where the file has ${kb.toFixed(1)} KB`);
    });
  }
  assert.deepEqual(bad, []);
});

test('a pending file is named for a reason', () => {
  for (const [file, why] of Object.entries(PENDING)) assert.ok(why && file.endsWith('.md'), file);
});
