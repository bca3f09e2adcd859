// The annotation files parsed ahead on a worker thread (pipeline/annotate/prefetch.ts): whatever
// comes from the worker, in whatever order the files are asked for and however small the window,
// read() gives what readYamlInput gives, positions included.
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { AnnotationPrefetch, bundledWorker, type PrefetchJob, type PrefetchMessage } from '../../pipeline/annotate/prefetch.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { readYamlInput } from '../../pipeline/stages/raw-inputs.js';

const folder = 'test/fixtures/prefetch';
const file = (id: string) => `${folder}/${id}.yaml`;
/** The documents' order; `missing` has no file, `valid` is the only name no document names. */
const documentIds = ['small', 'missing', 'broken', 'schema'];
const names = ['broken', 'schema', 'small', 'valid'].map(file);

const dir = mkdtempSync(join(tmpdir(), 'qantar-prefetch-'));
const documentsFile = join(dir, 'documents.ndjson');
writeFileSync(documentsFile, documentIds.map((doc_id) => JSON.stringify({ doc_id, text: `text of ${doc_id}` })).join('\n') + '\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What read() gives for a file, with a few of its positions looked up. */
function outcome(r: ReturnType<AnnotationPrefetch['read']>) {
  const at = r.input && [
    r.input.locate([]),
    r.input.locate(['status']),
    r.input.locate(['annotations', 1, 'quote']),
    r.input.locate([], 'codebook'),
  ];
  return { data: r.input?.data, problems: r.problems, at };
}

function readAll(order: string[], options: ConstructorParameters<typeof AnnotationPrefetch>[4]) {
  const prefetch = new AnnotationPrefetch(documentsFile, folder, names, 'annotation', options);
  try {
    const results = order.map((name) => outcome(prefetch.read(name)));
    return { results, stats: prefetch.stats };
  } finally {
    prefetch.close();
  }
}

const inDocumentOrder = ['small', 'broken', 'schema', 'valid'].map(file);
const expected = inDocumentOrder.map((name) => outcome(readYamlInput(name, 'annotation')));

describe('annotation files parsed on a worker', () => {
  it('gives what readYamlInput gives, problems and positions included; a file no document names is parsed here', () => {
    const { results, stats } = readAll(inDocumentOrder, { minFiles: 0 });
    expect(results).toEqual(expected);
    expect(expected[1]!.problems.map((p) => p.code)).toEqual(['yaml/missing-char']);
    expect(expected[2]!.problems.map((p) => p.code)).toEqual(['annotation/not-allowed-value']);
    expect(expected[0]!.at).toEqual([
      { line: 1, column: 1 },
      { line: 3, column: 9 },
      { line: 11, column: 12 },
      { line: 2, column: 1 },
    ]);
    expect(stats).toEqual({ fromWorker: 3, here: 1 });
  });

  it('gives the same when asked out of order with a window of one (the worker is a file ahead at most)', () => {
    const order = [3, 2, 0, 1].map((i) => inDocumentOrder[i]!);
    const { results, stats } = readAll(order, { minFiles: 0, window: 1 });
    expect(results).toEqual([3, 2, 0, 1].map((i) => expected[i]));
    // valid (in no plan) waits for the worker's first file, then is parsed here; schema too, the
    // window being full with small; small and broken come from the worker, schema's copy is dropped.
    expect(stats).toEqual({ fromWorker: 2, here: 2 });
  });

  it('starts no worker for fewer files than minFiles', () => {
    const { results, stats } = readAll(inDocumentOrder, {});
    expect(results).toEqual(expected);
    expect(stats).toEqual({ fromWorker: 0, here: 4 });
  });
});

it("the bundle's worker (build/bin/, which make dataset runs) posts each file's data and problems, then done", async () => {
  // test/support/global-setup.ts has brought build/bin/ up to date with the sources.
  const { port1, port2 } = new MessageChannel();
  const job: PrefetchJob = {
    documentsFile,
    folder,
    names,
    schema: 'annotation',
    window: 64,
    signal: new SharedArrayBuffer(8),
    port: port2,
  };
  const worker = new Worker(join(repoRoot, 'build/bin', bundledWorker), { workerData: job, transferList: [port2] });
  const messages: PrefetchMessage[] = [];
  port1.on('message', (m: PrefetchMessage) => {
    messages.push(m);
    if (m.kind !== 'file') port1.close();
  });
  await once(port1, 'close');
  await worker.terminate();
  const posted = (name: string) => {
    const r = readYamlInput(name, 'annotation');
    return { kind: 'file', name, data: r.input?.data, problems: r.problems };
  };
  expect(messages).toEqual([...['small', 'broken', 'schema'].map((id) => posted(file(id))), { kind: 'done' }]);
});
