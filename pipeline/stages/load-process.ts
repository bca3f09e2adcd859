// The load stage's process (stages/load.ts): writes the database file aside, with DuckDB zeroing
// what it allocates (loadDuckDB's default in any process that did not declare it writes no
// database file), and posts where it is, the number of rows and its peak RSS.
import { runProcessJobHere } from '../lib/worker.js';
import { writeLoad } from './load.js';

await runProcessJobHere(writeLoad);
