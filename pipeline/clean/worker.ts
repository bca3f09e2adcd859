// The worker of threads.ts: cleans each source it is sent and sends back its NDJSON lines. Without
// positions in sources.yaml (the main thread cleans a source with problems again to locate them).
import { parentPort, workerData } from 'node:worker_threads';
import { sourcesFile } from '../stages/raw-inputs.js';
import { cleanSource } from './clean-source.js';
import { cleanedLines, type CleanReply, type CleanRequest, type CleanWorkerData } from './threads.js';

const { languages } = workerData as CleanWorkerData;
parentPort!.on('message', ({ id, source }: CleanRequest) => {
  let reply: CleanReply;
  try {
    reply = {
      id,
      cleaned: cleanedLines(cleanSource(source.text, source.config, () => ({ file: sourcesFile }), languages, source.capture)),
    };
  } catch (e) {
    reply = { id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(reply);
});
