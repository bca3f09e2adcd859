// The numbers of the QA report, each one SQL query on the release database. The same SQL text is
// run here and printed in QUALITY.md's "How each number was computed", so what the report says it
// did is what it did. Every ORDER BY is total, so the report is the same on every build.
import type { DuckDBConnection } from '@duckdb/node-api';
import { unsampledKinds } from '../reliability/sample.js';

export interface Measure {
  id: string;
  /** What the query gives, for the methods section. */
  title: string;
  sql: string;
}

/** The per-document numbers (documents' own columns are written by the annotate stage and checked by validate). */
export const measures = {
  documents: {
    id: 'documents',
    title: 'Annotation status and coverage per document (sentences without annotation = n_sentences - sentences_coded - sentences_uncoded)',
    sql: `SELECT doc_id, source_id, language, annotation_status, n_sentences, sentences_coded, sentences_uncoded,
  n_sentences - sentences_coded - sentences_uncoded AS sentences_without_annotation, open_suggestions
FROM documents ORDER BY source_id, section`,
  },
  spans: {
    id: 'spans',
    title:
      'Annotated spans per document: coded directly, coded by projection from the aligned English paragraph, and left uncoded with a reason',
    sql: `SELECT doc_id,
  count(*) FILTER (WHERE status = 'coded' AND method = 'direct')::INTEGER AS coded_direct,
  count(*) FILTER (WHERE status = 'coded' AND method = 'projected')::INTEGER AS coded_projected,
  count(*) FILTER (WHERE status = 'uncoded')::INTEGER AS uncoded
FROM annotations GROUP BY doc_id ORDER BY doc_id`,
  },
  uncoded: {
    id: 'uncoded',
    title: 'Spans left uncoded, with the reason the annotator gave',
    sql: `SELECT doc_id, annotation_id, method, quote, note AS reason
FROM annotations WHERE status = 'uncoded' ORDER BY doc_id, start_cp, annotation_id`,
  },
  claims: {
    id: 'claims',
    title: 'Quantitative claims per document',
    sql: `SELECT doc_id, count(*)::INTEGER AS n FROM claims GROUP BY doc_id ORDER BY doc_id`,
  },
  event_mentions: {
    id: 'event_mentions',
    title: 'References to dated events per document',
    sql: `SELECT doc_id, count(*)::INTEGER AS n FROM event_mentions GROUP BY doc_id ORDER BY doc_id`,
  },
  mentions: {
    id: 'mentions',
    title: 'Entity mentions per document',
    sql: `SELECT doc_id, count(*)::INTEGER AS n FROM mentions GROUP BY doc_id ORDER BY doc_id`,
  },
  flags: {
    id: 'flags',
    title: 'Quality flags per document and kind',
    sql: `SELECT doc_id, flag, count(*)::INTEGER AS n FROM quality_flags GROUP BY doc_id, flag ORDER BY doc_id, flag`,
  },
  defects_by_kind: {
    id: 'defects_by_kind',
    title: 'Known defects by kind, with the documents they affect',
    sql: `SELECT flag, count(*)::INTEGER AS flags, count(DISTINCT doc_id)::INTEGER AS documents
FROM quality_flags GROUP BY flag ORDER BY flags DESC, flag`,
  },
  defects: {
    id: 'defects',
    title: 'Every known defect',
    sql: `SELECT flag_id, doc_id, flag, basis, origin, start_cp, end_cp, quote, note FROM quality_flags ORDER BY doc_id, n`,
  },
  reliability: {
    id: 'reliability',
    title:
      "Krippendorff's alpha per code category and claim variable, with the counts it rests on (computed by the reliability stage from raw/reliability/units.yaml)",
    sql: `SELECT variable, kind, units, pairable_values, observed_disagreement, expected_disagreement, alpha, agreements, disagreements, documents, sentences
FROM reliability ORDER BY kind DESC, variable`,
  },
  reliability_counts: {
    id: 'reliability_counts',
    title:
      'Codable sentences of the original documents (what the reliability sample is drawn from), and the disagreements and how many are resolved',
    sql: `SELECT
  (SELECT count(*)::INTEGER FROM sentences s JOIN documents d USING (doc_id) JOIN paragraphs p ON p.doc_id = s.doc_id AND p.n = s.paragraph_n
    WHERE d.translation_of IS NULL AND p.kind NOT IN (${[...unsampledKinds].map((k) => `'${k}'`).join(', ')})) AS codable_sentences,
  (SELECT count(*)::INTEGER FROM reliability_disagreements) AS disagreements,
  (SELECT count(final)::INTEGER FROM reliability_disagreements) AS resolved`,
  },
} as const satisfies Record<string, Measure>;

/** Rows of a table, the same query for each. */
export const tableRowsSql = (table: string) => `SELECT count(*)::INTEGER AS n FROM "${table.replace(/"/g, '""')}"`;

export type MeasureId = keyof typeof measures;
export type MeasureRows = Record<MeasureId, Record<string, string | number | null>[]>;

/** Runs every measure and counts every table's rows. */
export async function readMeasures(
  con: DuckDBConnection,
  tables: readonly string[],
): Promise<{ measured: MeasureRows; rows: Record<string, number> }> {
  const all = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | number | null>[];
  const measured = {} as MeasureRows;
  for (const m of Object.values(measures)) measured[m.id] = await all(m.sql);
  const rows: Record<string, number> = {};
  for (const t of tables) rows[t] = Number((await all(tableRowsSql(t)))[0]!.n);
  return { measured, rows };
}
