// `make annotate [DOC=<doc_id>]`: the annotation workbench, served on 127.0.0.1 only (PORT, or a
// free port), stopped with Ctrl-C. The request handling is thin: each request is one pure step
// (applyEdit, selectionAnchor, checkDocument, renderWorkbench) plus reading or writing the one
// annotation file. The page holds the working copy of the YAML and the hash of the file it was
// loaded with; a save against a file that changed on disk since is refused (409) with what changed.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { writeAtomic } from '../lib/files.js';
import { acquireLock } from '../lib/lock.js';
import { ndjsonRows } from '../lib/ndjson.js';
import { isStartedScript, repoRoot } from '../lib/paths.js';
import { formatReport, InputProblems } from '../lib/problems.js';
import { runStages } from '../runner.js';
import { listenLocal, type RunningServer } from '../serve.js';
import { staticAssets } from '../site/page.js';
import { readerFile, pageHead } from '../site/reader/document.js';
import { escapeHtml } from '../site/reader/format.js';
import { readerScript } from '../site/reader/index.js';
import { readerCss } from '../site/reader/style.js';
import type { DocumentRow } from '../tables.js';
import { cleanDir, cleanStage } from '../stages/clean.js';
import { fonts as siteFonts } from '../stages/site.js';
import { flagsStage } from '../stages/flags.js';
import { checkDocument, loadWorkspace, UnknownDocument, type Workspace } from './check.js';
import { describeChange, fileHash } from './conflict.js';
import { applyEdit, type Edit } from './edit.js';
import { renderWorkbench } from './page.js';
import { selectionAnchor, type Selection } from './selection.js';
import { workbenchCss } from './style.js';

/** One edit as the page sends it: the edit, and the selection (code points) a new annotation or mention is anchored at. */
interface Step {
  edit: Edit;
  selection?: Selection;
}

/** What the page sends with an edit: its working copy and the hash of the file it was loaded with. */
interface EditRequest extends Step {
  yaml: string;
  base: string | null;
}

/** One edit applied to a text of the file; a selection becomes the quote anchor the model uses. */
function applyStep(ws: Workspace, yaml: string, step: Step): string {
  let edit = step.edit;
  if (step.selection) {
    const doc = ws.group.documents.find((d) => d.doc_id === ws.docId)!;
    const paragraphs = ws.group.paragraphs.filter((p) => p.doc_id === ws.docId);
    const found = selectionAnchor(doc.text, paragraphs, step.selection);
    if (!found.ok) throw new HttpError(422, found.problem);
    if (edit.kind === 'add-annotation') edit = { ...edit, entry: { ...edit.entry, ...found.anchor } };
    else if (edit.kind === 'add-mention') edit = { ...edit, mention: { ...edit.mention, ...found.anchor } };
  }
  const result = applyEdit(yaml, edit);
  if (!result.ok) throw new HttpError(422, result.problem);
  return result.yaml;
}

/** Largest request body accepted: an annotation file is at most a few hundred kB. */
const maxBody = 8 * 2 ** 20;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The clean and flags stages, so that the workbench checks against the current texts (as make dataset would). */
export async function prepareTexts(): Promise<void> {
  const release = acquireLock();
  try {
    const statuses = await runStages([cleanStage, flagsStage]);
    for (const s of statuses) console.log(`${s.stage.padEnd(9)} ${s.state.padEnd(8)} ${s.summary}`);
  } finally {
    release();
  }
}

type Asset = { type: string; body: string | Buffer };

async function assets(): Promise<Record<string, Asset>> {
  const client = await build({
    entryPoints: [join(repoRoot, 'pipeline/workbench/client.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const css = 'text/css; charset=utf-8';
  const js = 'text/javascript; charset=utf-8';
  return {
    '/assets/site.css': { type: css, body: staticAssets['assets/site.css']! },
    '/assets/favicon.svg': { type: 'image/svg+xml', body: staticAssets['assets/favicon.svg']! },
    '/assets/reader.css': { type: css, body: readerCss },
    '/assets/reader.js': { type: js, body: await readerScript() },
    '/assets/workbench.css': { type: css, body: workbenchCss },
    '/assets/workbench.js': { type: js, body: client.outputFiles[0]!.text },
    '/assets/text-annotator.css': {
      type: css,
      body: readFileSync(join(repoRoot, 'node_modules/@recogito/text-annotator/dist/text-annotator.css'), 'utf8'),
    },
    // the site's fonts, as the static site serves them
    ...Object.fromEntries(
      Object.entries(siteFonts)
        .filter(([name]) => name.endsWith('.ttf'))
        .map(([name, from]) => [`/assets/fonts/${name}`, { type: 'font/ttf', body: readFileSync(join(repoRoot, from)) }]),
    ),
  };
}

/** Serves the workbench on 127.0.0.1:port (0: a free port); `loaded` are workspaces already read (make annotate DOC=...). */
export async function startWorkbench(port: number, loaded: Workspace[] = []): Promise<RunningServer> {
  const files = await assets();
  const documents = [...ndjsonRows<DocumentRow>(join(repoRoot, cleanDir, 'documents.ndjson'))];
  const workspaces = new Map<string, Workspace>(loaded.map((ws) => [ws.docId, ws]));
  /** Every version of a file this server handed out or saved, by hash, to say what changed on a conflict. */
  const versions = new Map<string, string>();

  const workspace = (docId: string) => {
    if (!documents.some((d) => d.doc_id === docId)) throw new HttpError(404, `there is no document ${docId}`);
    let ws = workspaces.get(docId);
    if (!ws) workspaces.set(docId, (ws = loadWorkspace(docId)));
    return ws;
  };
  const readDisk = (ws: Workspace) => {
    const path = join(repoRoot, ws.file);
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  };
  const page = (ws: Workspace, yaml: string, base: string | null) =>
    renderWorkbench(ws, checkDocument(ws, yaml), { yaml, base, unsaved: base === null || versions.get(base) !== yaml });

  const routes = {
    index: () => indexPage(documents),
    view(docId: string) {
      const ws = workspace(docId);
      const yaml = readDisk(ws);
      if (yaml === null) throw new HttpError(404, `${ws.file} does not exist: make add writes it for a new text`);
      const base = fileHash(yaml)!;
      versions.set(base, yaml);
      return page(ws, yaml, base);
    },
    edit(docId: string, body: EditRequest) {
      const ws = workspace(docId);
      const yaml = applyStep(ws, body.yaml, body);
      return { yaml, html: page(ws, yaml, body.base) };
    },
    /** After a refused save: the page's unsaved edits applied again, in order, to the file as it is now. */
    replay(docId: string, body: { steps: Step[] }) {
      const ws = workspace(docId);
      const now = readDisk(ws);
      if (now === null) throw new HttpError(404, `${ws.file} was deleted: there is nothing to apply the edits to`);
      const base = fileHash(now)!;
      versions.set(base, now);
      let yaml = now;
      body.steps.forEach((step, i) => {
        try {
          yaml = applyStep(ws, yaml, step);
        } catch (e) {
          if (e instanceof HttpError)
            throw new HttpError(
              422,
              `edit ${i + 1} of ${body.steps.length} (${step.edit.kind}) does not apply to the file as it is now: ${e.message}`,
            );
          throw e;
        }
      });
      return { yaml, html: page(ws, yaml, base) };
    },
    save(docId: string, body: { yaml: string; base: string | null }) {
      const ws = workspace(docId);
      const now = readDisk(ws);
      if (fileHash(now) !== body.base)
        throw new HttpError(
          409,
          'Not saved: the file changed since this page loaded it, and saving would overwrite that change. Your edits are still in this page.',
          describeChange(ws.file, body.base === null ? null : (versions.get(body.base) ?? null), now),
        );
      writeAtomic(join(repoRoot, ws.file), body.yaml);
      const base = fileHash(body.yaml)!;
      versions.set(base, body.yaml);
      return { base, html: page(ws, body.yaml, base) };
    },
  };

  const server = createServer((req, res) => {
    void handle(req, res, routes, files).catch((e: unknown) => send(res, 500, { problem: `internal error: ${(e as Error).message}` }));
  });
  return listenLocal(server, port);
}

type Routes = {
  index(): string;
  view(docId: string): string;
  edit(docId: string, body: EditRequest): unknown;
  save(docId: string, body: { yaml: string; base: string | null }): unknown;
  replay(docId: string, body: { steps: Step[] }): unknown;
};

async function handle(req: IncomingMessage, res: ServerResponse, routes: Routes, files: Record<string, Asset>) {
  const port = (req.socket.address() as AddressInfo).port;
  // Only pages of this server may call it: a foreign site (or a DNS-rebound name) is refused.
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, { problem: 'unknown host' });
  const path = (req.url ?? '/').split(/[?#]/)[0]!;
  try {
    if ((req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/')) {
      const asset = files[path];
      if (asset) return sendText(res, 200, asset.type, asset.body);
      if (path === '/' || path === '/index.html') return sendText(res, 200, 'text/html; charset=utf-8', routes.index());
      const doc = /^\/documents\/([A-Za-z0-9_][A-Za-z0-9._-]*)\.html$/.exec(path)?.[1];
      if (doc) return sendText(res, 200, 'text/html; charset=utf-8', routes.view(doc));
      throw new HttpError(404, 'not found');
    }
    const api = /^\/api\/(edit|save|replay)\/([A-Za-z0-9_][A-Za-z0-9._-]*)$/.exec(path);
    if (req.method !== 'POST' || !api) throw new HttpError(405, 'method not allowed');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) throw new HttpError(403, 'requests from other sites are refused');
    const body = (await readJson(req)) as EditRequest & { steps: Step[] };
    const [, route, docId] = api as unknown as [string, 'edit' | 'save' | 'replay', string];
    if (route === 'replay' ? !Array.isArray(body?.steps) : typeof body?.yaml !== 'string')
      throw new HttpError(400, route === 'replay' ? 'the request lists no edits' : 'the request names no YAML text');
    return send(res, 200, routes[route](docId, body));
  } catch (e) {
    if (e instanceof HttpError) return send(res, e.status, { problem: e.message, ...(e.detail ? { detail: e.detail } : {}) });
    throw e;
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) fail(new HttpError(413, 'request too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        done(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        fail(new HttpError(400, 'the request is not JSON'));
      }
    });
    req.on('error', fail);
  });
}

const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
function sendText(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
const send = (res: ServerResponse, status: number, value: unknown) =>
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

/** Without DOC=: every document, drafts first, each linking to its workbench page. */
function indexPage(documents: DocumentRow[]): string {
  const status = (id: string) => {
    const path = join(repoRoot, 'raw/annotations', `${id}.yaml`);
    return existsSync(path) ? (/^status:\s*(\w+)/m.exec(readFileSync(path, 'utf8'))?.[1] ?? '?') : 'no file';
  };
  const rows = documents
    .map((d) => ({ d, s: status(d.doc_id) }))
    .sort((a, b) => (a.s === 'draft' ? 0 : 1) - (b.s === 'draft' ? 0 : 1) || a.d.doc_id.localeCompare(b.d.doc_id, 'en'))
    .map(
      ({ d, s }) =>
        `<li><a href="documents/${escapeHtml(readerFile(d.doc_id))}">${escapeHtml(d.doc_id)}</a> <span class="muted">${escapeHtml(d.language)} · ${escapeHtml(s)} · ${escapeHtml(d.title ?? '')}</span></li>`,
    );
  return `${pageHead('Annotation workbench').replaceAll('../', '/')}
  <main class="reader-main"><h1>Annotation workbench</h1><p>Choose a document (drafts first).</p><ol>${rows.join('\n')}</ol></main>
</body>
</html>
`;
}

async function main(): Promise<number> {
  const docId = process.env.DOC || undefined;
  const portText = process.env.PORT || '0';
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) {
    console.error(`not a port: ${portText} (PORT=8001, or leave it out for a free port)`);
    return 64;
  }
  try {
    await prepareTexts();
    // An unknown document stops here, with the known ones listed.
    const wb = await startWorkbench(Number(portText), docId ? [loadWorkspace(docId)] : []);
    console.log(`annotation workbench at ${wb.url}${docId ? `documents/${readerFile(docId)}` : ''} (Ctrl-C to stop)`);
    const stop = () => void wb.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  } catch (e) {
    if (e instanceof InputProblems) {
      console.error(formatReport(e.problems));
      return 1;
    }
    if (e instanceof UnknownDocument) {
      console.error(e.message);
      return 64;
    }
    const code = (e as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `port ${portText} is already in use: choose another (PORT=8001) or leave PORT out`
        : `internal error: ${(e as Error).message}`,
    );
    return 2;
  }
}

if (isStartedScript(import.meta.url)) {
  const code = await main();
  if (code !== 0) process.exit(code);
}
