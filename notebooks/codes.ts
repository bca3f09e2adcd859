// Figure "codes": how much of each category of the codebook each document carries; once there are
// too many documents for a row each, how much the average document of each language carries.
import * as Plot from '@observablehq/plot';
import { runAlone } from '../pipeline/figures/bundle.js';
import { isMain } from '../pipeline/lib/paths.js';
import { column } from '../pipeline/figures/fields.js';
import { textWidth } from '../pipeline/figures/fonts.js';
import { wrapText } from '../pipeline/figures/layout.js';
import { chart, labelMargin, distinct, formatCount, num, plural, str, type Notebook, type Row } from '../pipeline/figures/notebook.js';

/** Up to this many documents the figure has a row per document; beyond, a row per language. */
export const maxDocumentRows = 40;

/** Count classes: a threshold scale, because Plot's continuous legend needs a <canvas>. */
const thresholds = [1, 5, 10, 20, 30, 40];
const colors = ['#f2f2f2', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const classLabels = ['0', '1–4', '5–9', '10–19', '20–29', '30–39', '40+'];
const textColor = (n: number) => (n >= 30 ? 'white' : '#222');

/** Per-language rows have no doc_id: the SQL summed the documents of a language. */
const perLanguage = (rows: readonly Row[]) => rows.length > 0 && rows[0]!.doc_id === null;

/** What a cell shows: a document's spans, or the mean over the documents of a row. */
const spansPerDocument = (r: Row) => num(r.spans) / num(r.documents);
const cellText = (r: Row) => (num(r.documents) === 1 ? String(r.spans) : spansPerDocument(r).toFixed(1));

/** Documents whose codes were projected rather than assigned by hand get it in their label. */
const rowLabeller = (rows: readonly Row[]) => {
  if (perLanguage(rows))
    return (r: Row) => `${str(r.language)}${r.is_projected ? ', projected' : ''} (${plural(num(r.documents), 'document', 'documents')})`;
  const projected = new Set(rows.filter((r) => num(r.projected) > 0).map((r) => str(r.doc_id)));
  return (r: Row) => `${str(r.doc_id)}${projected.has(str(r.doc_id)) ? ' (projected)' : ''}`;
};
const category = (r: Row) => str(r.category_label);

function documentCaption(rows: readonly Row[]): string {
  const total = rows.reduce((n, r) => n + num(r.spans), 0);
  const projected = rows.reduce((n, r) => n + num(r.projected), 0);
  const projectedDocs = distinct(rows.filter((r) => num(r.projected) > 0).map((r) => str(r.doc_id)));
  return (
    `${formatCount(total)} coded spans in all, counted as rows of the annotations table: one code on one span of text, so a span ` +
    `with two codes of a category counts twice. Counts are not ` +
    `normalised: longer documents have more spans. The ${projectedDocs.length} translations of the RCIT statement (dashed outline, ` +
    `"projected") were not coded by hand: their ${formatCount(projected)} codes are the English version's, projected paragraph by ` +
    `paragraph through the alignment, so they repeat the English counts except where a paragraph is missing (the Korean version breaks off). ` +
    `Spans deliberately left uncoded are not counted. Columns are the codebook's categories (table codes, with the number of codes in each).`
  );
}

function languageCaption(rows: readonly Row[]): string {
  const total = rows.reduce((n, r) => n + num(r.spans), 0);
  const projected = rows.reduce((n, r) => n + num(r.projected), 0);
  // Every row of the SQL has every category: the documents of one category are all of them.
  const documents = rows.filter((r) => r.category === rows[0]!.category).reduce((n, r) => n + num(r.documents), 0);
  return (
    `${formatCount(total)} coded spans in ${formatCount(documents)} documents, counted as rows of the annotations table: one code on one ` +
    `span of text, so a span with two codes of a category counts twice. Too many documents for a row each (drawn up to ${maxDocumentRows}): ` +
    `each row is one language, with the documents whose codes are projected from English apart (dashed outline), and a cell is the mean ` +
    `number of coded spans per document of the row. Means hide the spread, and counts are not normalised: longer documents have more ` +
    `spans. Projected codes (${formatCount(projected)}) were not coded by hand: they are the English version's, projected paragraph by ` +
    `paragraph through the alignment. Spans deliberately left uncoded are not counted. Columns are the codebook's categories (table codes, ` +
    `with the number of codes in each). The CSV holds each row's total spans and its number of documents; the annotations table has every span.`
  );
}

export const codes: Notebook = {
  name: 'codes',
  title: 'What the documents talk about: codes by category',
  question: 'How many coded spans of each category of the codebook does each document have, and which are projected from English?',
  tables: ['annotations', 'codes', 'documents'],
  // Up to maxDocumentRows documents: one row per document and category. Beyond: one row per
  // language, projected or not, and category, with the number of documents summed.
  sql: `
WITH counts AS (
  SELECT a.doc_id, c.category, count(*)::INTEGER AS spans,
    count(*) FILTER (WHERE a.method = 'projected')::INTEGER AS projected
  FROM annotations a JOIN codes c USING (code_id)
  WHERE a.status = 'coded'
  GROUP BY ALL
), categories AS (
  SELECT category, any_value(category_label) AS category_label, count(*)::INTEGER AS n_codes FROM codes GROUP BY ALL
), cells AS (
  SELECT d.doc_id, d.source_id, d.section, d.language, k.category, k.category_label, k.n_codes,
    coalesce(n.spans, 0) AS spans, coalesce(n.projected, 0) AS projected,
    sum(coalesce(n.projected, 0)) OVER (PARTITION BY d.doc_id) > 0 AS is_projected
  FROM documents d CROSS JOIN categories k
  LEFT JOIN counts n ON n.doc_id = d.doc_id AND n.category = k.category
), scale AS (
  SELECT count(*) <= ${maxDocumentRows} AS per_document FROM documents
)
SELECT CASE WHEN per_document THEN doc_id END AS doc_id, language, is_projected, category, category_label, n_codes,
  count(*)::INTEGER AS documents, sum(spans)::INTEGER AS spans, sum(projected)::INTEGER AS projected
FROM cells, scale
GROUP BY ALL
ORDER BY min(source_id), min(section), language, is_projected, category`,
  fields: {
    doc_id: column(
      'documents.doc_id',
      `per-document rows; empty in per-language rows, which the SQL writes past ${maxDocumentRows} documents`,
    ),
    language: column('documents.language'),
    is_projected:
      "true when the document's codes include codes projected from the aligned English paragraph (annotations.method = 'projected')",
    category: column('codes.category'),
    category_label: column('codes.category_label'),
    n_codes: 'codes of the codebook in the category',
    documents:
      'documents the row counts: 1 in per-document rows, the documents of the language (and projection status) in per-language rows',
    spans: "coded spans (annotations with status 'coded') of the category in the row's documents, direct and projected",
    projected: 'of those spans, the ones projected from the aligned English paragraph',
  },
  caption: (rows) => (perLanguage(rows) ? languageCaption(rows) : documentCaption(rows)),
  legend: (rows) => ({
    title: perLanguage(rows) ? 'Coded spans per document (mean)' : 'Coded spans (annotations)',
    items: [
      ...classLabels.map((label, i) => ({ label, color: colors[i]! })),
      { label: 'projected from English', color: '#222', swatch: 'dashed' as const },
    ],
  }),
  plot(rows, ctx) {
    const rowLabel = rowLabeller(rows);
    const docs = distinct(rows.map(rowLabel));
    const categories = distinct(rows.map(category));
    const nCodes = new Map(rows.map((r) => [category(r), num(r.n_codes)]));
    const columnWidth = 92;
    const header = (c: string) => [...wrapText(c, columnWidth - 8, (s) => textWidth(s, 11)), `(${nCodes.get(c)} codes)`].join('\n');
    const marginLeft = labelMargin(docs);
    const fill = (r: Row) => colors[thresholds.filter((t) => spansPerDocument(r) >= t).length]!;
    return chart(ctx, {
      width: marginLeft + categories.length * columnWidth + 4,
      height: 62 + docs.length * 34,
      marginLeft,
      marginRight: 4,
      marginTop: 62,
      marginBottom: 0,
      x: { domain: categories, axis: 'top', label: null, tickSize: 0, tickFormat: header, padding: 0.06 },
      y: { domain: docs, label: null, tickSize: 0, padding: 0.08 },
      marks: [
        Plot.cell(rows, { x: category, y: rowLabel, fill }),
        Plot.cell(
          rows.filter((r) => num(r.projected) > 0),
          { x: category, y: rowLabel, fill: 'none', stroke: '#222', strokeDasharray: '4,3', inset: 2.5 },
        ),
        Plot.text(rows, {
          x: category,
          y: rowLabel,
          text: cellText,
          fill: (r: Row) => textColor(spansPerDocument(r)),
          fontSize: 12,
        }),
      ],
    });
  },
};

if (isMain(import.meta.url)) await runAlone([codes], process.argv.slice(2));
