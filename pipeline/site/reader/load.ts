// Reads the released tables the readers are made from, out of the release's DuckDB file (the only
// I/O of the reader). Columns are named and ordered explicitly, dates as ISO strings, so that the
// pages depend only on the table contents.
import { withDatabase } from '../../lib/duckdb.js';
import type { ReaderTables } from './rows.js';

const queries: Record<keyof ReaderTables, string> = {
  documents: `SELECT doc_id, source_id, language, section, title, is_translation, translation_of, text, n_chars, n_words, n_paragraphs,
    n_sentences, annotation_status, sentences_coded, sentences_uncoded, open_suggestions FROM documents ORDER BY source_id, section, doc_id`,
  paragraphs: 'SELECT doc_id, n, kind, number, start_cp, end_cp, align_key FROM paragraphs ORDER BY doc_id, n',
  annotations: `SELECT annotation_id, doc_id, code_id, status, method, start_cp, end_cp, projected_from, note FROM annotations
    ORDER BY doc_id, start_cp, end_cp, annotation_id`,
  claims: `SELECT claim_id, doc_id, quantity, raw_phrase, start_cp, end_cp, value, low, high, value_basis, unit, qualifier, attributed_to,
    source_entity_id, stance, event_id, note FROM claims ORDER BY doc_id, start_cp, claim_id`,
  mentions: 'SELECT mention_id, doc_id, entity_id, start_cp, end_cp, surface FROM mentions ORDER BY doc_id, start_cp, mention_id',
  event_mentions: `SELECT event_mention_id, doc_id, event_id, start_cp, end_cp, quote, date_stated FROM event_mentions
    ORDER BY doc_id, start_cp, event_mention_id`,
  quality_flags: 'SELECT flag_id, doc_id, flag, start_cp, end_cp, quote, note, basis FROM quality_flags ORDER BY doc_id, start_cp, flag_id',
  codes: 'SELECT code_id, category, category_label, label, definition, rule FROM codes ORDER BY rowid',
  entities: 'SELECT entity_id, type, name FROM entities ORDER BY entity_id',
  events: 'SELECT event_id, label, date_start::VARCHAR AS date_start, date_end::VARCHAR AS date_end FROM events ORDER BY event_id',
  alignment_differences: `SELECT difference_id, align_group, doc_id, kind, item, present_in, detail FROM alignment_differences
    ORDER BY align_group, doc_id, difference_id`,
};

export async function loadReaderTables(dbPath: string): Promise<ReaderTables> {
  return withDatabase(dbPath, { access_mode: 'READ_ONLY' }, async (con) => {
    const out: Record<string, unknown[]> = {};
    for (const [table, sql] of Object.entries(queries)) out[table] = (await con.runAndReadAll(sql)).getRowObjectsJS();
    return out as unknown as ReaderTables;
  });
}
