// The stage registry. Order here is only a tie-break: the runner orders stages by the inputs and
// outputs they declare.
import type { Stage } from '../runner.js';
import { annotateStage } from './annotate.js';
import { cleanStage } from './clean.js';
import { figuresStage } from './figures.js';
import { flagsStage } from './flags.js';
import { loadStage } from './load.js';
import { releaseStage } from './release.js';
import { reliabilityStage } from './reliability.js';
import { siteStage } from './site.js';
import { validateStage } from './validate.js';

export const stages: readonly Stage[] = [
  cleanStage,
  flagsStage,
  annotateStage,
  reliabilityStage,
  validateStage,
  loadStage,
  figuresStage,
  releaseStage,
  siteStage,
];
