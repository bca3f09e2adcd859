// The worker of exports.ts: writes annotations.jsonld from the release's database.
import { runJobHere } from '../lib/worker.js';
import { writeWebAnnotations } from './exports.js';

await runJobHere(writeWebAnnotations);
