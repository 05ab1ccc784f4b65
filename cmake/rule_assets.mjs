// Writes the rule assets of the browser build (docs/api.md, "Rule assets"): the WebAssembly
// module embeds no rule file; a page fetches each of these when it first needs it.
//   assets/packs/<id>.json       a pack and the shared files it uses, English texts only
//   assets/packs/<id>.<loc>.json that pack's (and its shared files') texts in one more locale
//   assets/messages/<loc>.json   the core's message catalog of one locale
//   assets/shared/<name>.json    one shared file with all its texts (user packs may name it)
//   assets/schema.json           the pack schema (checking user packs)
//   certcalc-rules.js            what exists: index/packs.json for `schemes` and the asset list
//   certcalc-rules.d.ts          the requests and answers of each pack's operations (rule_types.mjs)
// Every pack in rules/packs/ becomes an asset; nothing here names one.
// usage: node rule_assets.mjs RULES_DIR OUT_DIR
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packIndex, relativePath, ruleFiles, sharedClosure } from './rules_index.mjs';
import { declarations } from './rule_types.mjs';

const [rulesDir, outDir] = process.argv.slice(2);
if (!rulesDir || !outDir) {
  console.error('usage: node rule_assets.mjs RULES_DIR OUT_DIR');
  process.exit(2);
}
const all = ruleFiles(rulesDir);
const rel = (p) => relativePath(rulesDir, p);
const read = (p) => {
  const text = readFileSync(p, 'utf8');
  const doc = JSON.parse(text);
  // The files reach the engine through JSON.parse and JSON.stringify: a number JS cannot hold
  // exactly would change on the way (the strict reader refuses duplicate keys already).
  for (const m of text.matchAll(/(?<![\w."])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w."])/g))
    if (/^-?\d+$/.test(m[0]) && !Number.isSafeInteger(Number(m[0])))
      throw new Error(`${rel(p)}: ${m[0]} is not exact in JavaScript`);
  return doc;
};

const packs = all.filter((p) => rel(p).startsWith('packs/'));
const sharedPath = (name) => join(rulesDir, 'shared', `${name}.json`);
const catalogs = all.filter((p) => rel(p).startsWith('messages/')).map((p) => rel(p).slice(9, -5));

// A pack's `messages` and a shared message file's `data` hold {id: {locale: text}}: English stays,
// every other locale's texts go to their own asset.
function split(messages) {
  const english = {};
  const other = {};
  for (const [id, texts] of Object.entries(messages || {})) {
    if (id === '$shared' || !texts || typeof texts !== 'object' || Array.isArray(texts)) {
      english[id] = texts;
      continue;
    }
    english[id] = {};
    for (const [locale, text] of Object.entries(texts)) {
      if (locale === 'en') english[id].en = text;
      else (other[locale] ||= {})[id] = text;
    }
  }
  return { english, other };
}

// A `comment` is the pack author's note to its readers: the engine reads past it, and no answer
// echoes one from these members (`data` and `form` are echoed as written by describe: kept).
// Left out of the browser's copy: about 4-9 KB a pack that a page need not fetch nor read.
const COMMENTED = ['operations', 'programs', 'tables'];
function withoutComments(value) {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'comment') out[k] = withoutComments(v);
  return out;
}
function forBrowser(path, doc) {
  const copy = { ...doc };
  if (path.startsWith('packs/')) {
    for (const m of COMMENTED) if (m in copy) copy[m] = withoutComments(copy[m]);
  }
  if (path.startsWith('shared/')) delete copy.comment;
  return copy;
}

/** {path, doc, textsLeftOut} with the texts of other locales apart: {locale: {id: text}}. */
function englishOnly(path, source) {
  const doc = forBrowser(path, source);
  let member = null;
  if (path.startsWith('packs/')) member = 'messages';
  else if (/^shared\/.*-messages\.json$/.test(path)) member = 'data';
  if (!member || !doc[member]) return { file: { path, textsLeftOut: [], doc }, texts: {} };
  const { english, other } = split(doc[member]);
  const locales = Object.keys(other).sort();
  return { file: { path, textsLeftOut: locales, doc: { ...doc, [member]: english } }, texts: other };
}

const out = (name, value) => {
  const p = join(outDir, 'assets', name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, JSON.stringify(value));
};
const asset = (files, texts = []) => ({ certcalcRules: 1, files, texts });

rmSync(join(outDir, 'assets'), { recursive: true, force: true });
const packLocales = {};
for (const p of packs) {
  const doc = read(p);
  const id = rel(p).slice(6, -5);
  if (doc.id !== id) throw new Error(`${rel(p)}: the file name must be the pack id (${doc.id})`);
  const parts = [englishOnly(rel(p), doc),
    ...sharedClosure(rulesDir, [readFileSync(p, 'utf8')]).map((name) => englishOnly(`shared/${name}.json`, read(sharedPath(name))))];
  out(`packs/${id}.json`, asset(parts.map((x) => x.file)));
  const locales = [...new Set(parts.flatMap((x) => Object.keys(x.texts)))].sort();
  for (const locale of locales) {
    out(`packs/${id}.${locale}.json`, asset([], parts.filter((x) => x.texts[locale])
      .map((x) => ({ path: x.file.path, locale, messages: x.texts[locale] }))));
  }
  packLocales[id] = locales;
}
const shared = all.filter((p) => rel(p).startsWith('shared/')).map((p) => rel(p).slice(7, -5));
for (const name of shared) out(`shared/${name}.json`, asset([{ path: `shared/${name}.json`, textsLeftOut: [], doc: read(sharedPath(name)) }]));
for (const locale of catalogs) out(`messages/${locale}.json`, asset([{ path: `messages/${locale}.json`, textsLeftOut: [], doc: read(join(rulesDir, 'messages', `${locale}.json`)) }]));
const schema = join(rulesDir, 'schema', 'pack.schema.json');
if (existsSync(schema)) out('schema.json', asset([{ path: 'schema/pack.schema.json', textsLeftOut: [], doc: read(schema) }]));

const manifest = { locales: catalogs, shared, schema: existsSync(schema), packs: packLocales };
const js = `// Generated by cmake/rule_assets.mjs from rules/. Do not edit.
// index: what \`schemes\` lists before a pack is loaded (index/packs.json); assets: the rule
// assets next to the module (assets/), by pack and locale (docs/api.md, "Rule assets").
export const index = ${JSON.stringify(packIndex(rulesDir, packs))};
export const assets = ${JSON.stringify(manifest)};
`;
writeFileSync(join(outDir, 'certcalc-rules.js'), js);
writeFileSync(join(outDir, 'certcalc-rules.d.ts'), `// Generated by cmake/rule_types.mjs from rules/. Do not edit.
import type { BreakdownTerm, IsoDate, JsonValue, Locale, Message, SchemeEntry } from './certcalc.js';

/** index/packs.json: what \`schemes\` lists before a pack is loaded. */
export declare const index: SchemeEntry[];
/** The rule assets next to the module, by pack and locale. */
export declare const assets: { locales: Locale[]; shared: string[]; schema: boolean; packs: Record<string, Locale[]> };

${declarations(rulesDir)}`);
