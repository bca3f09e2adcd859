// Worker threads, started from the bundle or from the TypeScript sources. The bundle
// (pipeline/bin/bundle.ts) writes each worker's entry point as build/bin/<name>.mjs, next to the
// chunk this module is in; run from the sources (tests, `node --import tsx`), the worker gets the
// source file, with tsx's loader registered first, since a worker does not inherit it.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker running `bundled` (a file name in build/bin/) or, from the sources, `source`. */
export function startWorker(bundled: string, source: URL, options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${bundled}`, import.meta.url), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const start = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); })`;
  return new Worker(start, { ...options, eval: true });
}
