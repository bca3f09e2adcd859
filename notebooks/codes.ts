// Figure "codes": how much of each category of the codebook each document carries.
import * as Plot from '@observablehq/plot';
import { isMain, runAlone } from '../pipeline/figures/bundle.js';
import { textWidth } from '../pipeline/figures/fonts.js';
import { wrapText } from '../pipeline/figures/layout.js';
import { chart, labelMargin, distinct, formatCount, num, str, type Notebook, type Row } from '../pipeline/figures/notebook.js';

/** Count classes: a threshold scale, because Plot's continuous legend needs a <canvas>. */
const thresholds = [1, 5, 10, 20, 30, 40];
const colors = ['#f2f2f2', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const classLabels = ['0', '1–4', '5–9', '10–19', '20–29', '30–39', '40+'];
const textColor = (n: number) => (n >= 30 ? 'white' : '#222');

/** Documents whose codes were projected rather than assigned by hand get it in their label. */
const rowLabeller = (rows: readonly Row[]) => {
  const projected = new Set(rows.filter((r) => num(r.projected) > 0).map((r) => str(r.doc_id)));
  return (r: Row) => `${str(r.doc_id)}${projected.has(str(r.doc_id)) ? ' (projected)' : ''}`;
};
const category = (r: Row) => str(r.category_label);

export const codes: Notebook = {
  name: 'codes',
  title: 'What the documents talk about: codes by category',
  question: 'How many coded spans of each category of the codebook does each document have, and which are projected from English?',
  tables: ['annotations', 'codes', 'documents'],
  sql: `
WITH counts AS (
  SELECT a.doc_id, c.category, count(*)::INTEGER AS spans,
    count(*) FILTER (WHERE a.method = 'projected')::INTEGER AS projected
  FROM annotations a JOIN codes c USING (code_id)
  WHERE a.status = 'coded'
  GROUP BY ALL
), categories AS (
  SELECT category, any_value(category_label) AS category_label, count(*)::INTEGER AS n_codes FROM codes GROUP BY ALL
)
SELECT d.doc_id, d.language, k.category, k.category_label, k.n_codes,
  coalesce(n.spans, 0) AS spans, coalesce(n.projected, 0) AS projected
FROM documents d CROSS JOIN categories k
LEFT JOIN counts n ON n.doc_id = d.doc_id AND n.category = k.category
ORDER BY d.source_id, d.section, k.category`,
  caption(rows) {
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
  },
  legend: () => ({
    title: 'Coded spans (annotations)',
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
    const fill = (r: Row) => colors[thresholds.filter((t) => num(r.spans) >= t).length]!;
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
          text: (r: Row) => String(r.spans),
          fill: (r: Row) => textColor(num(r.spans)),
          fontSize: 12,
        }),
      ],
    });
  },
};

if (isMain(import.meta.url)) await runAlone([codes], process.argv.slice(2));
