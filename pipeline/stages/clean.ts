// Stage clean: raw texts -> documents, paragraphs, sentences and the edits that cleaning made.
// One source at a time, read, cleaned and its rows written before the next is read, so memory
// holds one source's text and rows, not the corpus's.
import { join } from 'node:path';
import { cleanSource, type Locate } from '../clean/clean-source.js';
import { writeNdjsonFolder } from '../lib/ndjson.js';
import { repoRoot } from '../lib/paths.js';
import { failOn, type Problem } from '../lib/problems.js';
import type { Stage } from '../runner.js';
import { languagesFile } from '../lib/languages.js';
import { actorTypeRows, actorTypesFile, checkActor } from '../clean/actors.js';
import { capturesDir, loadActorTypes, loadLanguages, readSources, sourcesFile } from './raw-inputs.js';

export const cleanDir = 'build/work/clean';
const tables = ['actor_types', 'sources', 'documents', 'paragraphs', 'sentences', 'edits'] as const;

export const cleanStage: Stage = {
  name: 'clean',
  description: 'raw texts -> clean documents, paragraphs, sentences, edits',
  inputs: () => [sourcesFile, languagesFile, actorTypesFile, 'raw/texts', capturesDir],
  outputs: [cleanDir],
  async run() {
    // load
    const languages = loadLanguages();
    const actorTypes = loadActorTypes();
    const actorTypeIds = actorTypes.actor_types.map((t) => t.id);
    // transform and save, source by source as each is read; the folder is swapped in only if no
    // source has a problem
    const problems: Problem[] = [];
    const { locate: locateIn, sources } = readSources(problems);
    const out = writeNdjsonFolder(join(repoRoot, cleanDir), tables, (out) => {
      out.actor_types.writeAll(actorTypeRows(actorTypes));
      for (const s of sources) {
        const locate: Locate = (path) => ({ file: sourcesFile, ...locateIn(['sources', s.index, ...path]) });
        const c = cleanSource(s.text, s.config, locate, languages, s.capture);
        problems.push(...checkActor(s.config, actorTypeIds, locate), ...c.problems);
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
