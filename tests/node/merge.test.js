// web/src/merge.js: how an imported file's findings join the checker's draft, by id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeFindings } from '../../web/src/merge.js';

const row = (finding, given = Object.keys(finding), hasId = 'id' in finding) => ({ finding, given: new Set(given), hasId });

test('a row with an id here updates the fields it gives; new ids are added', () => {
  const current = [{ id: 'NC-1', clause: '1', correction: 'a', state: 'cm-ready' }];
  const m = mergeFindings(current, [row({ id: 'NC-1', correction: 'b', state: undefined }, ['id', 'correction', 'state']), row({ id: 'NC-2', clause: '2' })]);
  assert.deepEqual(m.findings, [{ id: 'NC-1', clause: '1', correction: 'b', state: 'cm-ready' }, { id: 'NC-2', clause: '2' }]);
  assert.deepEqual([m.updated, m.unchanged, m.added, m.renamed, m.kept], [[0], 0, 1, [], []]);
  assert.equal(current[0].correction, 'a', 'the draft given is not changed');
});

test('a repeat within the file and another scheme’s id are renamed and named; rows without an id get the next NC number', () => {
  const current = [{ id: 'NC-1' }, { id: 'F-1' }];
  const m = mergeFindings(current, [row({ id: 'NC-5' }), row({ id: 'NC-5', clause: 'x' }), row({ id: 'NC-1' }, ['clause'], false)]);
  assert.deepEqual(m.findings.map((f) => f.id), ['NC-1', 'F-1', 'NC-5', 'NC-5-2', 'NC-6']);
  assert.deepEqual(m.renamed, [['NC-5', 'NC-5-2']]);
  const f = mergeFindings(current, [row({ id: 'F-1', clause: 'y' })], { foreign: true });
  assert.deepEqual(f.findings.map((x) => x.id), ['NC-1', 'F-1', 'F-1-2']);
  assert.deepEqual([f.updated, f.renamed], [[], [['F-1', 'F-1-2']]]);
});

test('a sent finding is kept as sent; one already as in the file counts as unchanged', () => {
  const current = [{ id: 'NC-1', correction: 'sent' }, { id: 'NC-2', correction: 'same' }];
  const m = mergeFindings(current, [row({ id: 'NC-1', correction: 'edited' }), row({ id: 'NC-2', correction: 'same' })], { sent: (i) => i === 0 });
  assert.deepEqual(m.findings, current);
  assert.deepEqual([m.updated, m.unchanged, m.added, m.kept], [[], 1, 0, ['NC-1']]);
});
