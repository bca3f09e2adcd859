// Worker threads, started from the bundle or from the TypeScript sources. The bundle
// (pipeline/bin/bundle.ts) writes each worker's entry point as build/bin/<name>.mjs, next to the
// chunk this module is in; run from the sources (tests, `node --import tsx`), the worker gets the
// source file, with tsx's loader registered first, since a worker does not inherit it.
import { parentPort, Worker, workerData, type WorkerOptions } from 'node:worker_threads';

/** A worker running `bundled` (a file name in build/bin/) or, from the sources, `source`. */
export function startWorker(bundled: string, source: URL, options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${bundled}`, import.meta.url), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const start = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); })`;
  return new Worker(start, { ...options, eval: true });
}

/** What a job's worker posts when it ends: its result, or its error's stack (a bug). */
export type JobOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** A job running on a worker: `done` settles with its result; `stop` ends it early (the caller failed). */
export interface WorkerJob<T> {
  done: Promise<T>;
  stop(): void;
}

/**
 * Runs one job on a worker whose entry point calls runJobHere. `done` rejects with the worker's
 * error, or if the worker exits without posting one.
 */
export function startJob<T>(name: string, bundled: string, source: URL, data: unknown): WorkerJob<T> {
  const worker = startWorker(bundled, source, { workerData: data });
  const done = new Promise<T>((resolve, reject) => {
    worker.once('message', (outcome: JobOutcome<T>) =>
      outcome.ok ? resolve(outcome.value) : reject(new Error(`${name}: ${outcome.error}`)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${name}: the worker stopped (exit code ${code}) before it finished`)));
  });
  done.catch(() => {}); // a caller that fails before it awaits `done` reports its own error
  return { done, stop: () => void worker.terminate() };
}

/** A job's worker: runs `job` on the data it was started with and posts the outcome. */
export async function runJobHere<T>(job: (data: never) => Promise<T>): Promise<void> {
  let outcome: JobOutcome<T>;
  try {
    outcome = { ok: true, value: await job(workerData as never) };
  } catch (e) {
    outcome = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(outcome);
}
