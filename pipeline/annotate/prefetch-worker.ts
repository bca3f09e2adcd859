// The worker of prefetch.ts: reads documents.ndjson for the order, and for each document with an
// annotation file reads, parses and schema-checks it (readYamlInput) and posts the data and
// problems, never more than `window` results ahead of what the main thread has taken.
import { workerData } from 'node:worker_threads';
import { ndjsonRows } from '../lib/ndjson.js';
import { readYamlInput } from '../stages/raw-inputs.js';
import { posted, taken, type PrefetchJob, type PrefetchMessage } from './prefetch.js';

const job = workerData as PrefetchJob;
const signal = new Int32Array(job.signal);
const post = (message: PrefetchMessage) => {
  job.port.postMessage(message);
  Atomics.add(signal, posted, 1);
  Atomics.notify(signal, posted);
};

try {
  const unread = new Set(job.names);
  let sent = 0;
  for (const { doc_id } of ndjsonRows<{ doc_id: string }>(job.documentsFile)) {
    const name = `${job.folder}/${doc_id}.yaml`;
    if (!unread.delete(name)) continue;
    for (let t = Atomics.load(signal, taken); sent - t >= job.window; t = Atomics.load(signal, taken)) Atomics.wait(signal, taken, t);
    const { input, problems } = readYamlInput(name, job.schema);
    post({ kind: 'file', name, data: input?.data, problems });
    sent++;
  }
  post({ kind: 'done' });
} catch (e) {
  post({ kind: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
