// Every figure, in the order they are built and listed. `tsx notebooks/index.ts [--db <path>]`
// renders them all into build/notebooks/ (the figures stage renders them into build/work/figures/).
import { runAlone } from '../pipeline/figures/bundle.js';
import { isMain } from '../pipeline/lib/paths.js';
import type { Notebook } from '../pipeline/figures/notebook.js';
import { actorCodes } from './actor-codes.js';
import { actorTimeline } from './actor-timeline.js';
import { claims } from './claims.js';
import { cleaning } from './cleaning.js';
import { codes } from './codes.js';
import { corpus } from './corpus.js';
import { map } from './map.js';
import { rcitVersions } from './rcit-versions.js';
import { timeline } from './timeline.js';

export const notebooks: readonly Notebook[] = [corpus, timeline, claims, codes, actorCodes, actorTimeline, map, rcitVersions, cleaning];

if (isMain(import.meta.url)) await runAlone(notebooks, process.argv.slice(2));
