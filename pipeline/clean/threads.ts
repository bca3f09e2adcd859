// Sources cleaned on two threads (issue 17: clean was 112 s at 1000x the corpus on one core). The
// main thread reads each source (its sources.yaml entry, raw text and capture, checked) and either
// cleans it itself or hands it to a worker thread (worker.ts), which cleans it and turns its rows
// into NDJSON lines; the stage writes every source's lines in sources.yaml's order. A source goes
// to the worker whenever the worker has fewer than `maxWaiting` waiting, so each thread cleans as
// many as its speed allows (the main thread also parses sources.yaml: at 100x the corpus the worker
// took 2,100-2,300 of 3,000 sources; with two waiting at most it sat idle a third of the time). The
// worker has no positions in sources.yaml: a source it finds a problem in is cleaned again here,
// whose problems then carry file:line:column as always.
import type { Worker } from 'node:worker_threads';
import type { LanguageInfo } from '../lib/languages.js';
import type { Problem } from '../lib/problems.js';
import { startWorker } from '../lib/worker.js';
import type { RawSource } from '../stages/raw-inputs.js';
import { cleanSource, type CleanedSource, type Locate } from './clean-source.js';

export const cleanTables = ['sources', 'documents', 'paragraphs', 'sentences', 'edits'] as const;
export type CleanTable = (typeof cleanTables)[number];

/** A source's rows as NDJSON text, table by table, and its problems. */
export interface CleanedLines {
  lines: Record<CleanTable, string>;
  rows: Record<CleanTable, number>;
  problems: Problem[];
}

export function cleanedLines(c: CleanedSource): CleanedLines {
  const tables: Record<CleanTable, readonly unknown[]> = { ...c, sources: [c.source] };
  const lines = {} as Record<CleanTable, string>;
  const rows = {} as Record<CleanTable, number>;
  for (const t of cleanTables) {
    lines[t] = tables[t].map((r) => JSON.stringify(r) + '\n').join('');
    rows[t] = tables[t].length;
  }
  return { lines, rows, problems: c.problems };
}

/** What the worker is given once, and what it is sent and sends back for each source. */
export interface CleanWorkerData {
  languages: ReadonlyMap<string, LanguageInfo>;
}
export type CleanRequest = { id: number; source: RawSource };
export type CleanReply = { id: number; cleaned: CleanedLines } | { id: number; error: string };

/** The worker's file in build/bin/, named by pipeline/bin/bundle.ts after worker.ts's path. */
export const bundledWorker = 'clean-worker.mjs';

/**
 * Sources cleaned here before a worker starts: starting one cost 0.4-1.3 s of CPU (measured for
 * the release's worker in 1x builds), and 128 sources take about half a second to clean (3,000
 * took 11-13 s at 100x the corpus).
 */
const sourcesBeforeWorker = 128;

/**
 * Sources the worker may have waiting before the main thread cleans one itself. The main thread's
 * reading comes in bursts (sources.yaml's entries, raw texts from a cold page cache), which a
 * short queue does not cover: with four the worker sat idle 7 of 28 s at 1000x the corpus. Clean
 * alone, interleaved runs: at 100x 3.51-3.73 s with 4, 3.21-3.37 with 16, 3.12-3.48 with 32,
 * 3.50-3.71 with 64; at 1000x 29.2-30.4 s with 4, 25.7-27.3 with 16, the same peak (issue 17).
 */
const maxWaiting = 16;

export class CleaningThreads {
  private worker?: Worker;
  private readonly waiting = new Map<number, { resolve(c: CleanedLines): void; reject(e: Error): void }>();
  private seen = 0;
  private failure?: Error;

  constructor(
    private readonly languages: ReadonlyMap<string, LanguageInfo>,
    private readonly options: { sourcesBeforeWorker?: number } = {},
  ) {}

  /** The source's lines: cleaned here, or a promise of the worker's. */
  clean(source: RawSource, locate: Locate): CleanedLines | Promise<CleanedLines> {
    const here = () => cleanedLines(cleanSource(source.text, source.config, locate, this.languages, source.capture));
    if (++this.seen > (this.options.sourcesBeforeWorker ?? sourcesBeforeWorker) && !this.worker && !this.failure) this.start();
    if (!this.worker || this.waiting.size >= maxWaiting) return here();
    const id = this.seen;
    this.worker.postMessage({ id, source } satisfies CleanRequest);
    return new Promise<CleanedLines>((resolve, reject) => this.waiting.set(id, { resolve, reject })).then((c) =>
      c.problems.length ? here() : c,
    );
  }

  close(): void {
    void this.worker?.terminate();
  }

  private start(): void {
    const data: CleanWorkerData = { languages: this.languages };
    const worker = startWorker(bundledWorker, new URL('./worker.ts', import.meta.url), { workerData: data });
    worker.on('message', (reply: CleanReply) => {
      const waiting = this.waiting.get(reply.id)!;
      this.waiting.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(`clean worker: ${reply.error}`));
      else waiting.resolve(reply.cleaned);
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
      this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`clean worker: stopped (exit code ${code})`)));
    this.worker = worker;
  }
}
