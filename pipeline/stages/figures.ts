// Stage figures: every notebook of notebooks/ run against the built database, each into a bundle
// of its own (SVG, PNG, the SQL, the data slice as CSV, and a JSON with the release version and
// the hashes of its inputs) under build/work/figures/<name>/.
import { join } from 'node:path';
import { readDatabase } from '../lib/duckdb.js';
import { writeFolderAtomic } from '../lib/files.js';
import { databaseName, repoRoot } from '../lib/paths.js';
import { changelogFile, loadVersion } from '../release/dataset.js';
import type { Stage } from '../runner.js';
import { loadDir } from './load.js';
import { languagesFile } from '../lib/languages.js';

export const figuresDir = 'build/work/figures';

export const figuresStage: Stage = {
  name: 'figures',
  description: 'notebooks/ -> one bundle per figure: SVG, PNG, SQL, CSV, JSON',
  // Of CHANGELOG.md and raw/dataset.yaml the figures use the version only: an edit of the
  // dataset's description redraws none of them (9 figures, ~5 s at 1x).
  inputs: () => [loadDir, 'notebooks', languagesFile, changelogFile],
  outputs: [figuresDir],
  async run() {
    // Imported here, not at the top: Plot, jsdom and resvg take a while to load, and the other
    // commands (validate, stages) do not need them.
    const { notebooks } = await import('../../notebooks/index.js');
    const { buildBundles } = await import('../figures/bundle.js');
    const version = loadVersion();
    const bundles = await readDatabase(join(repoRoot, loadDir, databaseName), (con) => buildBundles(notebooks, con, version));
    const files: Record<string, string | Uint8Array> = {};
    for (const [i, nb] of notebooks.entries())
      for (const [name, content] of Object.entries(bundles[i]!.files)) files[`${nb.name}/${name}`] = content;
    writeFolderAtomic(join(repoRoot, figuresDir), files);
    return { summary: `${notebooks.length} figures (svg, png, sql, csv, json)` };
  },
};
