// Stage clean: raw texts -> documents, paragraphs, sentences and the edits that cleaning made.
import { join } from 'node:path';
import { cleanSource, type CleanedSource } from '../clean/clean-source.js';
import { toNdjson, writeFolderAtomic } from '../lib/files.js';
import { repoRoot } from '../lib/paths.js';
import { failOn } from '../lib/problems.js';
import type { Stage } from '../runner.js';
import { loadSources, sourcesFile, type RawSource } from './raw-inputs.js';

export const cleanDir = 'build/work/clean';

export const cleanStage: Stage = {
  name: 'clean',
  description: 'raw texts -> clean documents, paragraphs, sentences, edits',
  inputs: () => [sourcesFile, 'raw/texts'],
  outputs: [cleanDir],
  async run() {
    // load
    const { yaml, sources } = loadSources();
    // transform
    const cleaned = sources.map((s: RawSource) =>
      cleanSource(s.text, s.config, (path) => ({ file: sourcesFile, ...yaml.locate(['sources', s.index, ...path]) })),
    );
    failOn(cleaned.flatMap((c) => c.problems));
    const tables = collect(cleaned);
    // save
    writeFolderAtomic(
      join(repoRoot, cleanDir),
      Object.fromEntries(Object.entries(tables).map(([name, rows]) => [`${name}.ndjson`, toNdjson(rows)])),
    );
    return {
      summary: `${tables.documents.length} documents, ${tables.paragraphs.length} paragraphs, ${tables.sentences.length} sentences, ${tables.edits.length} edits`,
    };
  },
};

function collect(cleaned: readonly CleanedSource[]) {
  return {
    sources: cleaned.map((c) => c.source),
    documents: cleaned.flatMap((c) => c.documents),
    paragraphs: cleaned.flatMap((c) => c.paragraphs),
    sentences: cleaned.flatMap((c) => c.sentences),
    edits: cleaned.flatMap((c) => c.edits),
  };
}
