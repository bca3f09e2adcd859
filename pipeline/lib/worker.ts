// Worker threads, started from the bundle or from the TypeScript sources. The bundle
// (pipeline/bin/bundle.ts) writes each worker's entry point as build/bin/<name>.mjs, next to the
// chunk this module is in; run from the sources (tests, `node --import tsx`), the worker gets the
// source file, with tsx's loader registered first, since a worker does not inherit it.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, workerData, type WorkerOptions } from 'node:worker_threads';
import { InputProblems, type Problem } from './problems.js';

/** A worker running `bundled` (a file name in build/bin/) or, from the sources, `source`. */
export function startWorker(bundled: string, source: URL, options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${bundled}`, import.meta.url), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const start = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); })`;
  return new Worker(start, { ...options, eval: true });
}

/**
 * What a job's worker or process posts when it ends: its result, the input's problems (which the
 * caller reports as its own, InputProblems), or its error's stack (a bug).
 */
export type JobOutcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[] } | { ok: false; error: string };

async function outcomeOf<T>(job: () => Promise<T>): Promise<JobOutcome<T>> {
  try {
    return { ok: true, value: await job() };
  } catch (e) {
    if (e instanceof InputProblems) return { ok: false, problems: e.problems };
    return { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

function settle<T>(name: string, outcome: JobOutcome<T>, resolve: (value: T) => void, reject: (e: Error) => void): void {
  if (outcome.ok) resolve(outcome.value);
  else if ('problems' in outcome) reject(new InputProblems(outcome.problems));
  else reject(new Error(`${name}: ${outcome.error}`));
}

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
    worker.once('message', (outcome: JobOutcome<T>) => settle(name, outcome, resolve, reject));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${name}: the worker stopped (exit code ${code}) before it finished`)));
  });
  done.catch(() => {}); // a caller that fails before it awaits `done` reports its own error
  return { done, stop: () => void worker.terminate() };
}

/** A job's worker: runs `job` on the data it was started with and posts the outcome. */
export async function runJobHere<T>(job: (data: never) => Promise<T>): Promise<void> {
  parentPort!.postMessage(await outcomeOf(() => job(workerData as never)));
}

/**
 * Runs one job in a child process whose entry point calls runProcessJobHere: for work that needs
 * a process of its own (its own DuckDB allocator setting, stages/load.ts). Started like a worker,
 * from build/bin/<bundled> or, from the sources, `source` under tsx; in this process's group, so
 * killing the build's group kills it too. Rejects with the job's error, or if the process exits
 * without posting its outcome.
 */
export function runProcessJob<T>(name: string, bundled: string, source: URL, env: NodeJS.ProcessEnv): Promise<T> {
  const fromSources = import.meta.url.endsWith('.ts');
  const script = fileURLToPath(fromSources ? source : new URL(`./${bundled}`, import.meta.url));
  const child = fork(script, [], { env, execArgv: fromSources ? ['--import', import.meta.resolve('tsx')] : [], stdio: 'inherit' });
  return new Promise<T>((resolve, reject) => {
    child.once('message', (outcome: JobOutcome<T>) => settle(name, outcome, resolve, reject));
    child.once('error', reject);
    // 'close', not 'exit': a process's last message can arrive after its 'exit', never after 'close'.
    child.once('close', (code, signal) =>
      reject(new Error(`${name}: the process stopped (${signal ?? `exit code ${code}`}) before it finished`)),
    );
  });
}

/**
 * A job's process: runs `job`, posts the outcome and lets the process end. A process whose parent
 * is gone (killed alone, not with its group) stops at once: nobody would take its result, and a
 * job must leave what it made for the parent to move into place, never move it there itself (a
 * later build may be reading that place by then).
 */
export async function runProcessJobHere<T>(job: () => Promise<T>): Promise<void> {
  if (!process.send) throw new Error('runProcessJobHere: this process was not started by runProcessJob (no IPC channel)');
  const orphaned = () => process.exit(1);
  process.once('disconnect', orphaned);
  if (!process.connected) orphaned(); // gone while this process was starting
  const outcome = await outcomeOf(job);
  process.off('disconnect', orphaned);
  process.send(outcome, (error: Error | null) => (error ? orphaned() : process.disconnect()));
}
