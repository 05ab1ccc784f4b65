// The WASM heap stays flat: 100,000 calls, good and bad requests mixed, after a warm-up that
// lets every kind of answer reach its size once. WebAssembly memory only grows, so any leak
// (an abort's, an unfreed request or answer) shows as growth of memory.buffer.byteLength.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCertcalcWithMemory, loadVectors } from './harness.js';

const CALLS = 100000;

test(`the heap is the same size after ${CALLS.toLocaleString('en')} calls`, async () => {
  const { cc, memory } = await loadCertcalcWithMemory();
  assert.ok(memory, 'the module memory was not found');
  const validateDoc = loadVectors().find((v) => v.file.endsWith('validate-form.json')).doc;
  for (const p of validateDoc.loadPacks) assert.ok(cc.loadPack(p, 'memory-test').loaded);
  const validate = JSON.stringify(validateDoc.cases[0].request);
  const gmp = (o) => JSON.stringify({ scheme: 'gmpplus-cr3.0', ...o });
  const calls = [
    // answered
    ['duration', gmp({ auditType: 'initial', scope: 'laboratory-testing', accreditation: 'full', analyses: 12 })],
    ['schedule', gmp({ scope: 'fra', auditType: 'initial', lastAuditDay: '2026-03-10', decisionDate: '2026-04-01' })],
    ['deadlines', gmp({ lastAuditDay: '2026-01-15', findings: [{ id: 'a', grade: 'minor' }] })],
    ['validate', validate],
    ['schemes', ''],
    // refused
    ['grade', '{'],
    ['duration', '['.repeat(100000)],
    ['grade', '{"scheme":"nope"}'],
    ['schedule', gmp({ scope: 'fra', lastAuditDay: '2026-02-30' })],
    ['duration', gmp({ auditType: 'initial', scope: 'laboratory-testing', analyses: 1e400 }).replace('1e+400', '1e400')],
    ['nosuchop', '{}'],
    ['deadlines', '{"scheme":"gmpplus-cr3.0","scheme":"x"}'],
  ];
  // Large ones, every 5,000th call (a 1 MB text takes the -Oz parser about 0.1 s).
  const rare = [
    ['validate', `{"scheme":"test-validate","findings":[{"rootCause":"${'x'.repeat(1000001)}"}]}`],
    ['describe', gmp({})],
  ];
  const all = [...calls, ...rare];
  const callAt = (i) => (i % 5000 === 4999 ? rare[(i / 5000 | 0) % rare.length] : calls[i % calls.length]);
  const first = all.map(([op, text]) => cc.callJson(op, text, { today: '2026-01-15' }).json);
  for (let i = 0; i < 1000; i++) cc.callJson(...calls[i % calls.length], { today: '2026-01-15' });
  const before = memory.buffer.byteLength;
  for (let i = 0; i < CALLS; i++) {
    const [op, text] = callAt(i);
    cc.callJson(op, text, { today: '2026-01-15' });
  }
  const after = memory.buffer.byteLength;
  console.log(`wasm memory: ${before} bytes after the warm-up, ${after} after ${CALLS} more calls`);
  assert.equal(after, before, `the heap grew by ${after - before} bytes`);
  // And the module still answers exactly as it did at the start.
  all.forEach(([op, text], i) => assert.equal(cc.callJson(op, text, { today: '2026-01-15' }).json, first[i]));
});
