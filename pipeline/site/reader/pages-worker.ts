// The worker of pages.ts: writes reader pages, taking batches as the main thread does.
import { readDatabase, sharedReadMemoryLimitMB } from '../../lib/duckdb.js';
import { runJobHere } from '../../lib/worker.js';
import { writeBatches, type ReaderPagesJob } from './pages.js';

await runJobHere((job: ReaderPagesJob) => readDatabase(job.database, (con) => writeBatches(con, job), sharedReadMemoryLimitMB));
