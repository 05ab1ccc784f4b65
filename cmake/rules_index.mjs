// Shared by embed_rules.mjs and rule_assets.mjs: reading rules/, following {"$shared": name}
// references, and index/packs.json (what `schemes` says of a built-in pack before compiling it).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every *.json under dir, sorted by path. */
export function ruleFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? ruleFiles(p) : name.endsWith('.json') ? [p.replace(/\\/g, '/')] : [];
  });
}

export const relativePath = (rulesDir, p) => relative(rulesDir, p).replace(/\\/g, '/');

/** Names a {"$shared": name} in the text refers to. */
export const sharedRefs = (text) => [...text.matchAll(/"\$shared"\s*:\s*"([^"]+)"/g)].map((m) => m[1]);

/** The shared files reachable from `texts`, following shared files' own references. */
export function sharedClosure(rulesDir, texts) {
  const used = [];
  const queue = texts.flatMap(sharedRefs);
  while (queue.length) {
    const name = queue.shift();
    if (used.includes(name)) continue;
    used.push(name);
    queue.push(...sharedRefs(readFileSync(join(rulesDir, 'shared', `${name}.json`), 'utf8')));
  }
  return used;
}

// Same members and order as the core's describe_scheme (a unit test compares).
const OPS = ['schemes', 'describe', 'duration', 'grade', 'schedule', 'deadlines', 'validate', 'rotation'];

/** index/packs.json: the `schemes` entry of each pack file, sorted by id, without `origin`. */
export function packIndex(rulesDir, packPaths) {
  const sharedData = (name) => JSON.parse(readFileSync(join(rulesDir, 'shared', `${name}.json`), 'utf8')).data;
  return packPaths.map((p) => {
    const pack = JSON.parse(readFileSync(p, 'utf8'));
    let ops = { ...(pack.operations || {}) };
    if (ops.$shared) ops = { ...sharedData(ops.$shared), ...ops };
    const entry = {
      id: pack.id, title: pack.title, version: pack.version, publisher: pack.publisher,
      effectiveDate: pack.effectiveDate ?? null,
      capabilities: OPS.filter((op) => op in ops || (op === 'validate' && pack.form)),
      verified: pack.verified,
    };
    for (const key of ['scheme', 'language', 'sources', 'notes', 'status', 'supersededBy', 'supersededDate']) if (key in pack) entry[key] = pack[key];
    return entry;
  }).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
