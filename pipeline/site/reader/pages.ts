// The reader pages written into the site's folder a batch of sources at a time (load.ts), never all
// held at once. With more than one batch, a worker thread (pages-worker.ts) with its own
// connection to the release database writes batches too, each thread taking the next batch not
// yet taken: the readers are most of the site stage (at 100x the corpus 14.2 of its 18.0 s on one
// core; issue 17), and a thread's batches take unequal times.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { readDatabase, sharedReadMemoryLimitMB } from '../../lib/duckdb.js';
import { collectIfGrown } from '../../lib/memory.js';
import { startJob } from '../../lib/worker.js';
import type { CorpusEntry } from '../corpus.js';
import { writeReaders } from './index.js';
import { readBatch, readerBatches, readVocabulary, sourcesPerBatch } from './load.js';

/** The worker's file in build/bin/, named by pipeline/bin/bundle.ts after pages-worker.ts's path. */
export const bundledWorker = 'site-reader-pages-worker.mjs';

/** What the worker is given: every batch (conditions on source_id, load.ts) and the counter of the next one to take. */
export interface ReaderPagesJob {
  database: string;
  folder: string;
  batches: string[];
  next: SharedArrayBuffer;
}

/** Each batch's corpus entries, by the batch's index. */
type Written = [batch: number, corpus: CorpusEntry[]][];

/** Writes every reader page into `folder`; returns the corpus list's entries, in source order. */
export async function writeReaderPages(database: string, folder: string, perBatch = sourcesPerBatch): Promise<CorpusEntry[]> {
  return readDatabase(
    database,
    async (con) => {
      const batches = await readerBatches(con, perBatch);
      const job: ReaderPagesJob = { database, folder, batches, next: new SharedArrayBuffer(4) };
      const worker =
        batches.length > 1
          ? startJob<Written>('reader pages worker', bundledWorker, new URL('./pages-worker.ts', import.meta.url), job)
          : undefined;
      try {
        const written = (await Promise.all([writeBatches(con, job), worker?.done ?? []])).flat();
        return written.sort(([a], [b]) => a - b).flatMap(([, corpus]) => corpus);
      } finally {
        worker?.stop();
      }
    },
    sharedReadMemoryLimitMB,
  );
}

/** Takes the job's batches one at a time until none is left, and reads, renders and writes each. */
export async function writeBatches(con: DuckDBConnection, { folder, batches, next }: ReaderPagesJob): Promise<Written> {
  const vocabulary = await readVocabulary(con);
  const counter = new Int32Array(next);
  const written: Written = [];
  const folders = new Set<string>(); // made already: every page is in one of a few folders
  const write = (path: string, content: string) => {
    const to = join(folder, path);
    const dir = dirname(to);
    if (!folders.has(dir)) {
      mkdirSync(dir, { recursive: true });
      folders.add(dir);
    }
    writeFileSync(to, content);
  };
  for (let i = Atomics.add(counter, 0, 1); i < batches.length; i = Atomics.add(counter, 0, 1)) {
    const corpus = writeReaders(await readBatch(con, vocabulary, batches[i]!), write);
    written.push([i, corpus]);
    collectIfGrown(); // a batch's rows and pages are garbage now (lib/memory.ts)
  }
  return written;
}
