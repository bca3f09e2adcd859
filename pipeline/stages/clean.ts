// Stage clean: raw texts -> documents, paragraphs, sentences and the edits that cleaning made.
// One source at a time, its rows written as soon as it is cleaned, so memory holds the raw texts
// and one source's rows, not the corpus's.
import { join } from 'node:path';
import { cleanSource } from '../clean/clean-source.js';
import { writeNdjsonFolder } from '../lib/ndjson.js';
import { repoRoot } from '../lib/paths.js';
import { failOn, type Problem } from '../lib/problems.js';
import type { Stage } from '../runner.js';
import { languagesFile } from '../lib/languages.js';
import { capturesDir, loadLanguages, loadSources, sourcesFile } from './raw-inputs.js';

export const cleanDir = 'build/work/clean';
const tables = ['sources', 'documents', 'paragraphs', 'sentences', 'edits'] as const;

export const cleanStage: Stage = {
  name: 'clean',
  description: 'raw texts -> clean documents, paragraphs, sentences, edits',
  inputs: () => [sourcesFile, languagesFile, 'raw/texts', capturesDir],
  outputs: [cleanDir],
  async run() {
    // load
    const languages = loadLanguages();
    const { yaml, sources } = loadSources();
    // transform and save, source by source; the folder is swapped in only if no source has a problem
    const problems: Problem[] = [];
    const out = writeNdjsonFolder(join(repoRoot, cleanDir), tables, (out) => {
      for (const s of sources) {
        const c = cleanSource(
          s.text,
          s.config,
          (path) => ({ file: sourcesFile, ...yaml.locate(['sources', s.index, ...path]) }),
          languages,
          s.capture,
        );
        problems.push(...c.problems);
        out.sources.write(c.source);
        out.documents.writeAll(c.documents);
        out.paragraphs.writeAll(c.paragraphs);
        out.sentences.writeAll(c.sentences);
        out.edits.writeAll(c.edits);
      }
      failOn(problems);
      return out;
    });
    return {
      summary: `${out.documents.rows} documents, ${out.paragraphs.rows} paragraphs, ${out.sentences.rows} sentences, ${out.edits.rows} edits`,
    };
  },
};
