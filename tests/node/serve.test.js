// web/serve.mjs as a user meets it on the command line: a port that is already taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { root } from './harness.js';

test('serve.mjs on a port in use: one line naming the port and how to pick another, exit 1', async () => {
  const taken = createServer();
  await new Promise((ok) => taken.listen(0, '127.0.0.1', ok));
  const { port } = taken.address();
  try {
    const proc = spawn(process.execPath, [join(root, 'web', 'serve.mjs'), '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => { out += d; });
    proc.stderr.on('data', (d) => { err += d; });
    const code = await new Promise((ok) => proc.on('exit', ok));
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.equal(err, `web/serve.mjs: port ${port} on 127.0.0.1 is already in use; pick another with --port N (./scripts/start.sh: PORT=N)\n`);
  } finally {
    taken.close();
  }
});
