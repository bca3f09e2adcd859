// Reads the released tables the readers are made from, out of the release's DuckDB file (the only
// I/O of the reader). Columns are named and ordered explicitly, dates as ISO strings, so that the
// pages depend only on the table contents.
//
// The vocabularies (codes, entities, events) are read once; the rows of the documents a batch of
// sources at a time, so that memory holds one batch's rows and pages, not the corpus's (at 100x
// the corpus, reading and rendering all 3,400 documents at once took 1.4 GB; issue 17). A source
// is never split: the versions of one text (its align group) are the sections of one source.
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../../lib/duckdb.js';
import type { ReaderTables } from './rows.js';

type VocabularyTable = 'codes' | 'entities' | 'events';
type DocumentTable = Exclude<keyof ReaderTables, VocabularyTable>;

const vocabularyQueries: Record<VocabularyTable, string> = {
  codes: 'SELECT code_id, category, category_label, label, definition, rule FROM codes ORDER BY rowid',
  entities: 'SELECT entity_id, type, name FROM entities ORDER BY entity_id',
  events: 'SELECT event_id, label, date_start::VARCHAR AS date_start, date_end::VARCHAR AS date_end FROM events ORDER BY event_id',
};

/**
 * Each document table's query for a batch: the documents whose source_id satisfies `sources`, the
 * other tables' rows whose doc_id satisfies `documents` (SQL conditions).
 */
const documentQueries: Record<DocumentTable, (batch: { sources: string; documents: string }) => string> = {
  documents: (b) => `SELECT doc_id, source_id, language, section, title, is_translation, translation_of, text, n_chars, n_words,
    n_paragraphs, n_sentences, annotation_status, sentences_coded, sentences_uncoded, open_suggestions FROM documents
    WHERE ${b.sources} ORDER BY source_id, section, doc_id`,
  paragraphs: (b) => `SELECT doc_id, n, kind, number, start_cp, end_cp, align_key FROM paragraphs
    WHERE ${b.documents} ORDER BY doc_id, n`,
  annotations: (b) => `SELECT annotation_id, doc_id, code_id, status, method, start_cp, end_cp, projected_from, note FROM annotations
    WHERE ${b.documents} ORDER BY doc_id, start_cp, end_cp, annotation_id`,
  claims: (b) => `SELECT claim_id, doc_id, quantity, raw_phrase, start_cp, end_cp, value, low, high, value_basis, unit, qualifier,
    attributed_to, source_entity_id, stance, event_id, note FROM claims WHERE ${b.documents} ORDER BY doc_id, start_cp, claim_id`,
  mentions: (b) => `SELECT mention_id, doc_id, entity_id, start_cp, end_cp, surface FROM mentions
    WHERE ${b.documents} ORDER BY doc_id, start_cp, mention_id`,
  event_mentions: (b) => `SELECT event_mention_id, doc_id, event_id, start_cp, end_cp, quote, date_stated FROM event_mentions
    WHERE ${b.documents} ORDER BY doc_id, start_cp, event_mention_id`,
  quality_flags: (b) => `SELECT flag_id, doc_id, flag, start_cp, end_cp, quote, note, basis FROM quality_flags
    WHERE ${b.documents} ORDER BY doc_id, start_cp, flag_id`,
  alignment_differences: (b) => `SELECT difference_id, align_group, doc_id, kind, item, present_in, detail FROM alignment_differences
    WHERE ${b.documents} ORDER BY align_group, doc_id, difference_id`,
};

/** How many sources' documents are read and rendered together (at 100x the corpus, 250 per batch peaked at 849 MiB, 50 at 664 MiB, in the same time). */
export const sourcesPerBatch = 100;

/**
 * The batches of `perBatch` sources, in source order, each as a condition on source_id: ranges of
 * ids in the database's own order, so BETWEEN selects exactly them. One condition that selects
 * nothing for an empty corpus (its vocabulary still makes a page).
 */
export async function readerBatches(con: DuckDBConnection, perBatch: number = sourcesPerBatch): Promise<string[]> {
  const sources = (await rows(con, 'SELECT DISTINCT source_id FROM documents ORDER BY source_id')).map((r) => String(r.source_id));
  const ranges: string[] = [];
  for (let i = 0; i < sources.length; i += perBatch)
    ranges.push(`source_id BETWEEN ${sqlString(sources[i]!)} AND ${sqlString(sources[Math.min(i + perBatch, sources.length) - 1]!)}`);
  return ranges.length ? ranges : ['FALSE'];
}

export type Vocabulary = Pick<ReaderTables, VocabularyTable>;

export async function readVocabulary(con: DuckDBConnection): Promise<Vocabulary> {
  const vocabulary: Record<string, unknown[]> = {};
  for (const [table, sql] of Object.entries(vocabularyQueries)) vocabulary[table] = await rows(con, sql);
  return vocabulary as unknown as Vocabulary;
}

/**
 * The reader tables of one batch (documents in the order of the documents query). The other
 * tables' rows are those of the batch's documents, looked for between the least and the greatest
 * doc_id: every table is stored in key order, which starts with doc_id, so DuckDB skips the row
 * groups outside the range, where `IN` alone read each table whole for every batch.
 */
export async function readBatch(con: DuckDBConnection, vocabulary: Vocabulary, sources: string): Promise<ReaderTables> {
  const [range] = await rows(con, `SELECT min(doc_id) AS lo, max(doc_id) AS hi FROM documents WHERE ${sources}`);
  const documents =
    range?.lo == null
      ? 'FALSE'
      : `doc_id BETWEEN ${sqlString(String(range.lo))} AND ${sqlString(String(range.hi))} AND doc_id IN (SELECT doc_id FROM documents WHERE ${sources})`;
  const tables: Record<string, unknown[]> = { ...vocabulary };
  for (const [table, sql] of Object.entries(documentQueries)) tables[table] = await rows(con, sql({ sources, documents }));
  return tables as unknown as ReaderTables;
}

const rows = async (con: DuckDBConnection, sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJS();
