// The sample drawn from the clean stage's tables (build/work/clean/), read one source at a time:
// only the sampled sentences are kept, with their text and the kind of their paragraph.
import { join } from 'node:path';
import { bySource, expectConsumed, NdjsonReader } from '../lib/ndjson.js';
import { repoRoot } from '../lib/paths.js';
import type { DocumentRow, ParagraphRow, SentenceRow } from '../tables.js';
import { sampleDocument, type DocumentSample } from './sample.js';

export interface SampledSentence extends SentenceRow {
  kind: string;
}

export interface SampledDocument extends DocumentSample {
  /** The document without its text (only the sampled sentences are kept). */
  doc: Omit<DocumentRow, 'text'>;
  /** The source's raw file, where the coder reads the whole text. */
  sourceFile: string;
  rows: SampledSentence[];
}

/** Every sampled document of the clean tables in `cleanDir` (repository-relative), in source order. */
export function readSample(cleanDir: string, sourceFiles: ReadonlyMap<string, string>): SampledDocument[] {
  const at = (table: string) => join(repoRoot, cleanDir, `${table}.ndjson`);
  const documents = new NdjsonReader<DocumentRow>(at('documents'));
  const paragraphs = new NdjsonReader<ParagraphRow>(at('paragraphs'));
  const sentences = new NdjsonReader<SentenceRow>(at('sentences'));
  const out: SampledDocument[] = [];
  try {
    for (const group of bySource(documents, { paragraphs, sentences })) {
      const kinds = new Map(group.paragraphs.map((p) => [`${p.doc_id}#${p.n}`, p.kind]));
      for (const doc of group.documents) {
        const rows = group.sentences
          .filter((s) => s.doc_id === doc.doc_id)
          .map((s) => ({ ...s, kind: kinds.get(`${s.doc_id}#${s.paragraph_n}`) ?? 'body' }));
        const drawn = sampleDocument({ doc_id: doc.doc_id, translation_of: doc.translation_of, sentences: rows });
        if (!drawn) continue;
        const picked = new Set(drawn.sentences);
        const { text: _text, ...withoutText } = doc;
        const sourceFile = sourceFiles.get(doc.source_id) ?? '';
        out.push({ ...drawn, doc: withoutText, sourceFile, rows: rows.filter((s) => picked.has(s.n)) });
      }
    }
    expectConsumed([paragraphs, sentences]);
  } finally {
    for (const r of [documents, paragraphs, sentences]) r.close();
  }
  return out;
}
