// Stage clean: raw texts -> documents, paragraphs, sentences and the edits that cleaning made.
// Sources are read one at a time and cleaned on two threads at scale (clean/threads.ts); their rows
// are written in order, at most 64 sources after they were read, so memory holds a few sources'
// texts and rows, not the corpus's.
import { join } from 'node:path';
import type { Locate } from '../clean/clean-source.js';
import { cleanTables, CleaningThreads, type CleanedLines } from '../clean/threads.js';
import { openNdjsonFolder } from '../lib/ndjson.js';
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
    const read: Problem[] = []; // readSources's, moved to `problems` in the order of the sources
    const { locate: locateIn, sources } = readSources(read);
    const folder = openNdjsonFolder(join(repoRoot, cleanDir), tables);
    const out = folder.out;
    const threads = new CleaningThreads(languages);
    try {
      out.actor_types.writeAll(actorTypeRows(actorTypes));
      // Sources in sources.yaml's order, each written (and its problems reported) once it and
      // those before it are cleaned.
      type Entry = { problems: Problem[]; cleaned: CleanedLines | Promise<CleanedLines>; done: boolean };
      const queue: Entry[] = [];
      const writeNext = async () => {
        const entry = queue.shift()!;
        const c = await entry.cleaned;
        problems.push(...entry.problems, ...c.problems);
        for (const t of cleanTables) out[t].writeLines(c.lines[t], c.rows[t]);
      };
      for (const s of sources) {
        const locate: Locate = (path) => ({ file: sourcesFile, ...locateIn(['sources', s.index, ...path]) });
        const entry: Entry = {
          problems: [...read.splice(0), ...checkActor(s.config, actorTypeIds, locate)],
          cleaned: threads.clean(s, locate),
          done: true,
        };
        if (entry.cleaned instanceof Promise) {
          entry.done = false;
          void entry.cleaned.then(
            () => (entry.done = true),
            () => (entry.done = true),
          );
        }
        queue.push(entry);
        // Let the worker's replies in, then write what is ready; wait only when far ahead.
        if (queue.length > 1) await new Promise(setImmediate);
        while (queue.length && (queue[0]!.done || queue.length > 64)) await writeNext();
      }
      while (queue.length) await writeNext();
      problems.push(...read);
      failOn(problems);
    } catch (e) {
      folder.abandon();
      throw e;
    } finally {
      threads.close();
    }
    folder.commit();
    return {
      summary: `${out.documents.rows} documents, ${out.paragraphs.rows} paragraphs, ${out.sentences.rows} sentences, ${out.edits.rows} edits`,
    };
  },
};
