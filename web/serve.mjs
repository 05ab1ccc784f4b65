// A tiny static server for web/dist on 127.0.0.1, with the strict Content-Security-Policy the
// widgets are built to run under. No dependencies.
// Usage: node web/serve.mjs [--port N] [--root DIR]   (--port 0 picks a free port)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CSP } from './csp.mjs';

export { CSP };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(arg('--root', join(here, 'dist')));
const port = Number(arg('--port', process.env.PORT || '8080'));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`web/serve.mjs: --port must be a number from 0 to 65535`);
  process.exit(2);
}

const headers = (type, length) => ({
  'Content-Type': type,
  'Content-Length': length,
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
});

const server = createServer(async (req, res) => {
  const send = (status, text) => {
    const body = Buffer.from(text);
    res.writeHead(status, headers('text/plain; charset=utf-8', body.length));
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
  let path;
  try {
    path = decodeURIComponent(new URL(req.url || '/', 'http://127.0.0.1').pathname);
  } catch {
    return send(400, 'bad request\n');
  }
  if (path.includes('\0')) return send(400, 'bad request\n');
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return send(403, 'forbidden\n');
  try {
    let s = await stat(file);
    if (s.isDirectory()) {
      file = join(file, 'index.html');
      s = await stat(file);
    }
    const body = await readFile(file);
    const type = TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(200, headers(type, body.length));
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    send(404, 'not found\n');
  }
});

// A port that is taken (or needs privileges) is the user's to change: one line, not a stack trace.
server.on('error', (err) => {
  const why = {
    EADDRINUSE: `port ${port} on 127.0.0.1 is already in use`,
    EACCES: `port ${port} needs privileges this user does not have`,
  }[err.code] || `cannot serve on 127.0.0.1:${port} (${err.code || err.message})`;
  console.error(`web/serve.mjs: ${why}; pick another with --port N (./scripts/start.sh: PORT=N)`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`certcalc web app: http://127.0.0.1:${actual}/ (serving ${root})`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
