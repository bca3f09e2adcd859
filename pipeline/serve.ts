// `tsx pipeline/serve.ts [--port N]` (make serve): serves build/site/ on 127.0.0.1 (PORT, default
// 8000). GET and HEAD of files inside the site folder only; anything that resolves outside it is
// refused. startServer() is what the browser test uses in-process.
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { buildDir, isMain, repoPath } from './lib/paths.js';

const text = (type: string) => `${type}; charset=utf-8`;

export const mimeTypes: Record<string, string> = {
  '.html': text('text/html'),
  '.js': text('text/javascript'),
  '.mjs': text('text/javascript'),
  '.css': text('text/css'),
  '.json': text('application/json'),
  '.svg': text('image/svg+xml'),
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.parquet': 'application/octet-stream',
  '.duckdb': 'application/octet-stream',
  '.csv': text('text/csv'),
  '.md': text('text/markdown'),
  '.sql': text('text/plain'),
  '.txt': text('text/plain'),
  '.cff': text('text/plain'),
  '.ttf': 'font/ttf',
};

/** MIME type of a file by its name; SHA256SUMS and other extension-less files are text. */
export function mimeType(path: string): string {
  const ext = extname(path).toLowerCase();
  if (ext === '') return text('text/plain');
  return mimeTypes[ext] ?? 'application/octet-stream';
}

/**
 * The file a request path names inside root, or null when it would leave root (.., encoded or
 * not, a NUL byte, a symlink pointing out) or does not decode. A folder gives its index.html.
 */
export function resolveRequest(root: string, url: string): string | null {
  const rootReal = realpathSync(root);
  let path: string;
  try {
    path = decodeURIComponent(url.split(/[?#]/)[0] ?? '/');
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  let file = resolve(rootReal, `.${path.startsWith('/') ? '' : '/'}${path}`);
  const inside = (p: string) => p === rootReal || p.startsWith(rootReal + sep);
  if (!inside(file)) return null;
  if (!existsSync(file)) return file;
  file = realpathSync(file);
  if (!inside(file)) return null;
  if (statSync(file).isDirectory()) file = join(file, 'index.html');
  return file;
}

function handle(root: string, req: IncomingMessage, res: ServerResponse): void {
  const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
  const fail = (status: number, message: string) => {
    res.writeHead(status, { ...headers, 'Content-Type': text('text/plain') });
    res.end(`${message}\n`);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method not allowed');
  const file = resolveRequest(root, req.url ?? '/');
  if (file === null) return fail(403, 'forbidden');
  if (!existsSync(file) || !statSync(file).isFile()) return fail(404, 'not found');
  res.writeHead(200, { ...headers, 'Content-Type': mimeType(file), 'Content-Length': statSync(file).size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves root on 127.0.0.1:port (0 = any free port). */
export function startServer(root: string, port: number): Promise<RunningServer> {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`${repoPath(root)} is missing: run make dataset first`);
  return listenLocal(
    createServer((req, res) => handle(root, req, res)),
    port,
  );
}

/** Starts a server on 127.0.0.1 only (port 0: a free port); close() ends open connections too. */
export function listenLocal(server: Server, port: number): Promise<RunningServer> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as AddressInfo).port;
      resolvePromise({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function parsePort(argv: string[]): number {
  const i = argv.indexOf('--port');
  const given = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--port='))?.slice('--port='.length);
  const value = given ?? process.env.PORT ?? '8000';
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`not a port: ${value}`);
  return port;
}

async function main(): Promise<number> {
  const root = join(buildDir, 'site');
  let port: number;
  try {
    port = parsePort(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: tsx pipeline/serve.ts [--port N]   (or PORT=N; default 8000)`);
    return 64;
  }
  if (!existsSync(join(root, 'index.html'))) {
    console.error(`${repoPath(root)}/ is missing: run make dataset first`);
    return 1;
  }
  try {
    const server = await startServer(root, port);
    console.log(`serving ${repoPath(root)}/ at ${server.url} (Ctrl+C to stop)`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `port ${port} is already in use: stop the other server or choose another port (PORT=8001 or --port 8001)`
        : `could not serve ${repoPath(root)}/: ${(e as Error).message}`,
    );
    return 1;
  }
}

if (isMain(import.meta.url)) {
  const code = await main();
  if (code !== 0) process.exit(code);
}
