// The release's QA report: quality.json for machines and QUALITY.md for people, built from the
// measures run on the release database (measures.ts) and the validate stage's report of the checks
// it ran. Pure: numbers in, text out. Nothing here is estimated: a number the data cannot give
// (inter-annotator agreement) is stated as missing, with the reason.
import { code, integer, md, table, tableLines } from '../release/markdown.js';
import { notMeasuredStatement, reliabilityLines, reliabilitySummary } from '../reliability/summary.js';
import type { ReliabilityRow } from '../tables.js';
import { StreamedArray, writeJson, type TextSink } from '../lib/json-stream.js';
import { measures, tableRowsSql, type MeasureRows } from './measures.js';

export interface ValidationReport {
  rows: Record<string, number>;
  checks: Record<string, { check: string; rows: number }[]>;
}

export interface QualityInput {
  name: string;
  title: string;
  version: string;
  /** The released tables, in release order. */
  tables: readonly string[];
  measured: MeasureRows;
  /** Rows of each released table (tableRowsSql). */
  rows: Record<string, number>;
  validation: ValidationReport;
  /** What each check of the validate stage verifies, by check code, in the stage's order. */
  checkDescriptions: Readonly<Record<string, string>>;
  /** The schema's descriptions of the documents columns the report reads (annotation_status, ...). */
  documentColumns: Readonly<Record<string, string>>;
}

/** Where the validate stage writes its report, as the methods section names it. */
export const validationReportFile = 'build/work/validate/report.json';

type Row = Record<string, string | number | null>;
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));
const byDoc = (rows: readonly Row[]) => new Map(rows.map((r) => [String(r.doc_id), r]));
const sum = (rows: readonly Row[], k: string) => rows.reduce((a, r) => a + num(r[k]), 0);

/** What the report says while no unit has been compared (kept here for the report's readers). */
export const reliabilityStatement = notMeasuredStatement;

export function qualityReport(q: QualityInput) {
  const m = q.measured;
  const spans = byDoc(m.spans);
  const count = (rows: readonly Row[]) => new Map(rows.map((r) => [String(r.doc_id), num(r.n)]));
  const claims = count(m.claims);
  const events = count(m.event_mentions);
  const mentions = count(m.mentions);
  const flags = new Map<string, Record<string, number>>();
  for (const r of m.flags)
    (flags.get(String(r.doc_id)) ?? flags.set(String(r.doc_id), {}).get(String(r.doc_id))!)[String(r.flag)] = num(r.n);
  const documents = m.documents.map((d) => {
    const id = String(d.doc_id);
    const s = spans.get(id);
    return {
      doc_id: id,
      source_id: d.source_id,
      language: d.language,
      annotation_status: d.annotation_status,
      n_sentences: num(d.n_sentences),
      sentences_coded: num(d.sentences_coded),
      sentences_uncoded: num(d.sentences_uncoded),
      sentences_without_annotation: num(d.sentences_without_annotation),
      open_suggestions: num(d.open_suggestions),
      spans: { coded_direct: num(s?.coded_direct), coded_projected: num(s?.coded_projected), uncoded: num(s?.uncoded) },
      claims: claims.get(id) ?? 0,
      event_mentions: events.get(id) ?? 0,
      mentions: mentions.get(id) ?? 0,
      quality_flags: flags.get(id) ?? {},
    };
  });
  const tables = q.tables.map((t) => {
    const validated = q.validation.rows[t];
    // The release and the validation read the same rows; a difference is a bug, never a finding.
    if (validated !== q.rows[t]) throw new Error(`QA report: ${t} has ${q.rows[t]} rows released but ${validated} validated`);
    return { table: t, rows: q.rows[t]!, rows_validated: validated, checks: q.validation.checks[t] ?? [] };
  });
  const used = new Set(tables.flatMap((t) => t.checks.map((c) => c.check)));
  for (const c of used) if (!(c in q.checkDescriptions)) throw new Error(`QA report: check ${c} has no description`);
  const drafts = documents.filter((d) => d.annotation_status === 'draft').length;
  const sumDocs = (f: (d: (typeof documents)[number]) => number) => documents.reduce((a, d) => a + f(d), 0);
  return {
    format: 'qantar-quality',
    formatVersion: 1,
    dataset: q.name,
    version: q.version,
    summary: {
      documents: documents.length,
      complete: documents.length - drafts,
      drafts,
      sentences: sumDocs((d) => d.n_sentences),
      sentences_coded: sumDocs((d) => d.sentences_coded),
      sentences_uncoded: sumDocs((d) => d.sentences_uncoded),
      sentences_without_annotation: sumDocs((d) => d.sentences_without_annotation),
      open_suggestions: sumDocs((d) => d.open_suggestions),
      coded_spans_direct: sum(m.spans, 'coded_direct'),
      coded_spans_projected: sum(m.spans, 'coded_projected'),
      uncoded_spans: sum(m.spans, 'uncoded'),
      claims: sum(m.claims, 'n'),
      event_mentions: sum(m.event_mentions, 'n'),
      mentions: sum(m.mentions, 'n'),
      quality_flags: sum(m.flags, 'n'),
    },
    documents,
    uncoded: m.uncoded,
    tables,
    checks: Object.entries(q.checkDescriptions)
      .filter(([c]) => used.has(c))
      .map(([check, description]) => ({ check, description })),
    reliability: reliabilitySummary(m.reliability as unknown as ReliabilityRow[], {
      codable_sentences: num(m.reliability_counts[0]?.codable_sentences),
      disagreements: num(m.reliability_counts[0]?.disagreements),
      resolved: num(m.reliability_counts[0]?.resolved),
    }),
    known_defects: { by_kind: m.defects_by_kind, flags: m.defects },
    methods: <Method[]>[
      ...Object.values(measures).map((x) => ({ id: x.id, title: x.title, sql: x.sql })),
      { id: 'table_rows', title: 'Rows of each table', sql: tableRowsSql('<table>') },
      {
        id: 'summary',
        title: 'Corpus totals',
        rule: 'sums over the documents of the per-document numbers above; complete and drafts count documents by annotation_status',
      },
      {
        id: 'checks',
        title: 'Checks run on each table',
        rule: `recorded by the validate stage (pipeline/stages/validate.ts) in ${validationReportFile} as it checked the rows before they were loaded: per table, each check and the rows it covered; a build stops on any failure, so every check listed passed. rows_validated is the rows that stage read; it must equal the rows released`,
      },
      ...Object.entries(q.documentColumns).map(([column, description]) => ({
        id: `documents.${column}`,
        title: `documents.${column}`,
        rule: `${description} (written by the annotate stage)`,
      })),
    ],
  };
}

export type QualityReport = ReturnType<typeof qualityReport>;

/** How a number was computed: a query on the release database, or a rule applied to results. */
interface Method {
  id: string;
  title: string;
  sql?: string;
  rule?: string;
}

/** "truncated 1, missing_characters 12" */
const kinds = (flags: Record<string, number>) =>
  Object.entries(flags)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/**
 * quality.json: JSON.stringify(r, null, 2) + '\n', written a document, a span and a defect at a
 * time (at 1000x the corpus the text is tens of MB, and as one string, with QUALITY.md's, it raised
 * the release stage's heap by ~290 MB; issue 17).
 */
export async function writeQualityJson(out: TextSink, r: QualityReport): Promise<void> {
  const streamed = {
    ...r,
    documents: new StreamedArray(r.documents),
    uncoded: new StreamedArray(r.uncoded),
    known_defects: { ...r.known_defects, flags: new StreamedArray(r.known_defects.flags) },
  };
  await writeJson(out, streamed, 2);
  out.write('\n');
}

export function renderQualityMarkdown(r: QualityReport, title: string): string {
  return [...qualityMarkdownLines(r, title)].join('\n') + '\n';
}

/** QUALITY.md line by line (each without its line break), so it is written as it is made. */
export function* qualityMarkdownLines(r: QualityReport, title: string): Generator<string> {
  const s = r.summary;
  yield* [
    `# Quality report: ${md(title)}, version ${r.version}`,
    '',
    'Generated by the release build from the release database (`qantar.duckdb`) and the validate stage\'s record of its checks; `quality.json` holds the same numbers for machines. "How each number was computed" gives the SQL or the rule behind each number.',
    '',
    '## Summary',
    '',
    `- Documents: ${integer(s.documents)}, ${integer(s.complete)} complete and ${integer(s.drafts)} ${s.drafts === 1 ? 'draft' : 'drafts'} (a draft's coding is unfinished: a sentence without a code says nothing about it).`,
    `- Sentences: ${integer(s.sentences)}: ${integer(s.sentences_coded)} coded, ${integer(s.sentences_uncoded)} marked uncoded with a reason, ${integer(s.sentences_without_annotation)} without any annotation yet; ${integer(s.open_suggestions)} open suggestions.`,
    `- Annotated spans: ${integer(s.coded_spans_direct)} coded directly, ${integer(s.coded_spans_projected)} coded by projection onto a translation, ${integer(s.uncoded_spans)} left uncoded with a reason.`,
    `- Claims: ${integer(s.claims)}; event references: ${integer(s.event_mentions)}; entity mentions: ${integer(s.mentions)}; quality flags (known defects): ${integer(s.quality_flags)}.`,
    `- Tables: ${r.tables.length}, ${integer(r.tables.reduce((a, t) => a + t.rows, 0))} rows, every one checked by the validate stage (${r.checks.length} kinds of check).`,
    r.reliability.measured
      ? `- Reliability: Krippendorff's alpha per code category and claim variable from a blind second coding of ${integer(r.reliability.figures[0]!.sentences)} sentences; see "Reliability".`
      : '- Reliability: no figures yet; see "Reliability".',
    '',
    '## Documents',
    '',
  ];
  yield* tableLines(
    [
      'document',
      'language',
      'status',
      'sentences',
      'coded',
      'uncoded',
      'without annotation',
      'open suggestions',
      'spans coded (direct + projected)',
      'spans uncoded',
      'claims',
      'event references',
      'mentions',
      'quality flags',
    ],
    r.documents,
    (d) => [
      code(d.doc_id),
      d.language as string,
      d.annotation_status as string,
      d.n_sentences,
      d.sentences_coded,
      d.sentences_uncoded,
      d.sentences_without_annotation,
      d.open_suggestions,
      `${d.spans.coded_direct} + ${d.spans.coded_projected}`,
      d.spans.uncoded,
      d.claims,
      d.event_mentions,
      d.mentions,
      kinds(d.quality_flags),
    ],
  );
  yield* ['', '### Spans left uncoded, and why', ''];
  if (r.uncoded.length)
    yield* tableLines(['document', 'span', 'method', 'reason'], r.uncoded, (u) => [
      code(String(u.doc_id)),
      truncateText(String(u.quote), 80),
      String(u.method),
      String(u.reason ?? ''),
    ]);
  else yield 'No span is marked uncoded.';
  yield* [
    '',
    '## Tables and checks',
    '',
    'Rows of each released table and the checks the validate stage ran on them, with the rows each check covered. A build stops on any failed check, so every check listed passed; the rows validated equal the rows released.',
    '',
    table(
      ['table', 'rows', 'checks (rows covered)'],
      r.tables.map((t) => [t.table, integer(t.rows), t.checks.map((c) => `${c.check} (${integer(c.rows)})`).join(', ')]),
    ),
    '',
    'What each check verifies:',
    '',
    ...r.checks.map((c) => `- ${code(c.check)}: ${md(c.description)}.`),
    '',
    'Besides these, the annotate stage refuses the inputs before any table is written when a quote does not anchor exactly once, a code, entity or event does not exist, or a complete document leaves a sentence without a code or a reason (`docs/ANNOTATION.md`).',
    '',
    '## Reliability',
    '',
    ...reliabilityLines(r.reliability, { table, text: md }),
    '',
    '## Known defects',
    '',
    `${integer(r.known_defects.flags.length)} known defects of the texts are recorded in the \`quality_flags\` table, each with its offsets, the quoted span and a note ("stated": visible in the text; "inferred": a judgement; origin "cleaning": a defect cleaning repaired).`,
    '',
    table(
      ['kind', 'flags', 'documents'],
      r.known_defects.by_kind.map((k) => [String(k.flag), num(k.flags), num(k.documents)]),
    ),
    '',
  ];
  yield* tableLines(['flag', 'kind', 'basis', 'origin', 'quote', 'note'], r.known_defects.flags, (f) => [
    code(String(f.flag_id)),
    String(f.flag),
    String(f.basis),
    String(f.origin),
    truncateText(String(f.quote), 60),
    String(f.note),
  ]);
  yield* ['', '## How each number was computed', '', 'Each query ran on the release database; each rule is applied to the results.'];
  for (const x of r.methods) {
    yield* ['', `- **${md(x.title)}** (${code(x.id)})${x.rule ? `: ${md(x.rule)}.` : ':'}`];
    if (x.sql) yield* ['', '  ```sql', ...x.sql.split('\n').map((l) => `  ${l}`), '  ```'];
  }
}

/** A quote cut for a table cell, marking the cut. */
function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
