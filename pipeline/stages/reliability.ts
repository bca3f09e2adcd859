// Stage reliability: the blind second codings (raw/reliability/second/) checked against the
// sample and the vocabulary, the frozen units (raw/reliability/units.yaml) checked against the
// sheets and the final coding, and the reliability tables computed from the frozen values:
// Krippendorff's alpha per code category and claim variable, and the disagreements with how each
// was resolved. With no units yet both tables are empty and the release says alpha is not measured.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeNdjsonFolder } from '../lib/ndjson.js';
import { repoRoot } from '../lib/paths.js';
import { failOn } from '../lib/problems.js';
import { disagreementRows, reliabilityRows } from '../reliability/compare.js';
import { codebookFile, loadReliabilityInputs } from '../reliability/inputs.js';
import { checkUnits, unitsFile, unitsOf } from '../reliability/units-file.js';
import type { Stage } from '../runner.js';
import { annotateDir } from './annotate.js';
import { cleanDir } from './clean.js';
import { readYamlInput } from './raw-inputs.js';

export const reliabilityDir = 'build/work/reliability';
export const reliabilityInputDir = 'raw/reliability';

export const reliabilityStage: Stage = {
  name: 'reliability',
  description: 'blind second codings and frozen units -> Krippendorff alpha per category, disagreements',
  inputs: () => [reliabilityInputDir, codebookFile, cleanDir, annotateDir],
  outputs: [reliabilityDir],
  async run() {
    // load and check
    const inputs = loadReliabilityInputs({ clean: cleanDir, annotate: annotateDir });
    const problems = [...inputs.problems];
    const read = existsSync(join(repoRoot, unitsFile)) ? readYamlInput(unitsFile, 'reliability-units') : undefined;
    problems.push(...(read?.problems ?? []));
    if (read?.input) problems.push(...checkUnits(read.input, inputs));
    failOn(problems);
    // transform and save
    const units = read?.input ? unitsOf(read.input.data) : [];
    const reliability = reliabilityRows(units, inputs.categories);
    const disagreements = disagreementRows(units);
    writeNdjsonFolder(join(repoRoot, reliabilityDir), ['reliability', 'reliability_disagreements'] as const, (out) => {
      if (units.length) out.reliability.writeAll(reliability);
      out.reliability_disagreements.writeAll(disagreements);
    });
    const complete = [...inputs.second.values()].filter((s) => s.status === 'complete').length;
    const docs = new Set(units.map((u) => u.doc)).size;
    return {
      summary: units.length
        ? `${units.length} sentences of ${docs} documents compared, ${disagreements.length} disagreements (${disagreements.filter((d) => d.final !== null).length} resolved); ${complete} of ${inputs.sample.length} second codings complete`
        : `no units compared yet; ${complete} of ${inputs.sample.length} second codings complete`,
    };
  },
};
