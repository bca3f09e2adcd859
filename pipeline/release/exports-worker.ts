// The worker of exports.ts: writes annotations.jsonld from the release's database and posts how
// it ended; an error (a bug: the rows are validated before the release) goes back as its stack.
import { parentPort, workerData } from 'node:worker_threads';
import { writeWebAnnotations, type WebAnnotationsJob, type WebAnnotationsOutcome } from './exports.js';

let outcome: WebAnnotationsOutcome;
try {
  await writeWebAnnotations(workerData as WebAnnotationsJob);
  outcome = { ok: true };
} catch (e) {
  outcome = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
parentPort!.postMessage(outcome);
