// The annotation files parsed ahead on a worker thread, so that annotate uses the second core
// (issue 17). The stage reads one annotation file per document in the order of documents.ndjson;
// at 100x the corpus parsing that YAML was 13 s of the stage's 24 s. The worker
// (prefetch-worker.ts) reads, parses and schema-checks the files in the same order while the main
// thread resolves the ones before, and posts each result; the main thread takes them without
// leaving its synchronous loop (receiveMessageOnPort), sleeping on a shared counter when the
// worker is behind, and the worker sleeps when `window` results wait untaken.
//
// What `read` returns is what readYamlInput returns for the file. Positions are only needed for a
// problem found later (an unknown code, a quote that does not anchor): the first `locate` parses
// the file again on the main thread. A file the worker does not bring (not in its plan, or the
// worker stalled or is a window ahead on other files) is parsed on the main thread, and the
// worker's copy, if it comes, is dropped.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { Problem } from '../lib/problems.js';
import { startWorker } from '../lib/worker.js';
import { parseYaml, type YamlInput } from '../lib/yaml-input.js';
import { readInputText, readYamlInput } from '../stages/raw-inputs.js';

/** What the worker posts: a file's outcome, the end of its plan, or its own failure (a bug). */
export type PrefetchMessage =
  { kind: 'file'; name: string; data?: unknown; problems: Problem[] } | { kind: 'done' } | { kind: 'failed'; error: string };

export interface PrefetchJob {
  /** documents.ndjson: the order the files are read in. */
  documentsFile: string;
  /** The folder of the annotation files, one per document: <folder>/<doc_id>.yaml (repository-relative). */
  folder: string;
  /** The files there are (repository-relative); a file no document names is not prefetched. */
  names: readonly string[];
  schema: string;
  window: number;
  /** Int32Array slots: [posted, taken]. */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

export const posted = 0;
export const taken = 1;

/** How long the main thread waits for the worker's next result before doing without it. */
const stallMs = 10_000;

/** The worker's file in build/bin/, named by pipeline/bin/bundle.ts after prefetch-worker.ts's path. */
export const bundledWorker = 'annotate-prefetch-worker.mjs';

/** The worker: the bundle's, or the source's through tsx. */
function startPrefetchWorker(job: PrefetchJob): Worker {
  return startWorker(bundledWorker, new URL('./prefetch-worker.ts', import.meta.url), { workerData: job, transferList: [job.port] });
}

/**
 * Below this many files no worker is started: starting one (Node, the YAML parser, Ajv and the
 * schema loaded a second time) costs ~1 s of CPU, more than parsing the 1x corpus's 34 files (the
 * 1x annotate stage alone, through tsx, took 2.9 s of CPU without a worker and 4.0 s with one); at
 * 100x the corpus (3,400 files) the stage took 13-15 s with it against 23-27 s without.
 */
const minFilesForWorker = 256;

export class AnnotationPrefetch {
  private readonly worker?: Worker;
  private readonly port?: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private readonly ready = new Map<string, Extract<PrefetchMessage, { kind: 'file' }>>();
  /** Files parsed here before the worker brought them: their copy is dropped when it comes. */
  private readonly parsedHere = new Set<string>();
  private readonly window: number;
  private done: boolean;
  /** How many files came from the worker and how many were parsed here (for tests). */
  readonly stats = { fromWorker: 0, here: 0 };

  constructor(
    documentsFile: string,
    folder: string,
    names: readonly string[],
    private readonly schema: string,
    options: { window?: number; minFiles?: number } = {},
  ) {
    this.window = options.window ?? 64;
    this.done = names.length < (options.minFiles ?? minFilesForWorker);
    if (this.done) return;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const signal = this.signal.buffer as SharedArrayBuffer;
    this.worker = startPrefetchWorker({ documentsFile, folder, names, schema, window: this.window, signal, port: port2 });
    // Nothing waits on the worker's events: a stage that stops early just terminates it (close).
    this.worker.unref();
    this.worker.on('error', () => {});
  }

  /** readYamlInput(name, schema), from the worker when it has parsed the file. */
  read(name: string): { input?: YamlInput; problems: Problem[] } {
    for (;;) {
      const seen = Atomics.load(this.signal, posted);
      this.receive();
      const result = this.ready.get(name);
      if (result) {
        this.ready.delete(name);
        this.release();
        this.stats.fromWorker++;
        return result.data === undefined
          ? { problems: result.problems }
          : { input: { file: name, data: result.data, problems: [], locate: locateLater(name) }, problems: [] };
      }
      if (this.done || this.ready.size >= this.window) break;
      if (Atomics.wait(this.signal, posted, seen, stallMs) === 'timed-out') {
        // A worker that cannot start (its bundle missing) or has died says so only in events,
        // which this loop never lets run: do without it, and say so.
        console.error(`annotate: the annotation files' worker gave nothing in ${stallMs / 1000} s; parsing them here`);
        this.done = true;
        break;
      }
    }
    this.stats.here++;
    if (this.worker) this.parsedHere.add(name);
    return readYamlInput(name, this.schema);
  }

  close(): void {
    this.port?.close();
    void this.worker?.terminate();
  }

  private receive(): void {
    for (let m = this.port && receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port!)) {
      const message = m.message as PrefetchMessage;
      if (message.kind === 'failed') throw new Error(`annotation prefetch worker failed: ${message.error}`);
      if (message.kind === 'done') this.done = true;
      else if (this.parsedHere.delete(message.name)) this.release();
      else this.ready.set(message.name, message);
    }
  }

  /** One result taken or dropped: the worker may post one more. */
  private release(): void {
    Atomics.add(this.signal, taken, 1);
    Atomics.notify(this.signal, taken);
  }
}

/** `locate` for a file the worker parsed: the file parsed again, with positions, on first use. */
function locateLater(name: string): YamlInput['locate'] {
  let located: YamlInput['locate'] | undefined;
  return (path, key) => {
    located ??= parseYaml(name, readInputText(name, 'annotation').text!).locate;
    return located(path, key);
  };
}
