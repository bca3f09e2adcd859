// Figure "corpus": what the dataset is made of, document by document while the corpus is small,
// language by language once one bar per document would no longer fit.
import * as Plot from '@observablehq/plot';
import { runAlone } from '../pipeline/figures/bundle.js';
import { isMain } from '../pipeline/lib/paths.js';
import { column } from '../pipeline/figures/fields.js';
import { hstack, type Block } from '../pipeline/figures/layout.js';
import {
  chart,
  labelMargin,
  distinct,
  formatCount,
  languageColors,
  languages,
  num,
  spelledCount,
  str,
  type Notebook,
  type PlotContext,
  type Row,
} from '../pipeline/figures/notebook.js';

/** Up to this many documents the figure draws a bar per document; beyond, a row per language. */
export const maxDocumentBars = 40;

/** Per-language rows have no doc_id: the SQL aggregated the documents. */
const perLanguage = (rows: readonly Row[]) => rows.length > 0 && rows[0]!.doc_id === null;

const translationMark = (r: Row) => (r.is_translation ? ' (translation)' : '');
const documentLabel = (r: Row) => `${str(r.doc_id)}${translationMark(r)}`;
const languageLabel = (r: Row) => `${str(r.language)}${translationMark(r)}`;

const documentCount = (rows: readonly Row[]) => (perLanguage(rows) ? rows.reduce((n, r) => n + num(r.documents), 0) : rows.length);
const sourceCount = (rows: readonly Row[]) =>
  perLanguage(rows) ? num(rows[0]!.total_sources) : distinct(rows.map((r) => str(r.source_id))).length;

const colorScale = { domain: [...languages], range: languages.map((l) => languageColors[l]!) };
const lengthNote =
  `Lengths are of the cleaned text: characters are Unicode code points, words are counted by Intl.Segmenter. ` +
  `Scripts pack different amounts into a character and a word (Hangul and Chinese characters more than Latin or Cyrillic letters), ` +
  `so lengths compare within a language`;

/** "4 texts in one language only (en 3, de 1)", "one statement (x) in five languages": counted from the rows. */
function textsByLanguages(rows: readonly Row[]): string {
  const bySource = new Map<string, string[]>();
  for (const r of rows) bySource.set(str(r.source_id), [...(bySource.get(str(r.source_id)) ?? []), str(r.language)]);
  const single = [...bySource.values()].filter((l) => l.length === 1).map((l) => l[0]!);
  const perLanguage = distinct(single).map((l) => `${l} ${single.filter((x) => x === l).length}`);
  const multi = [...bySource].filter(([, l]) => l.length > 1);
  const parts = [];
  if (single.length)
    parts.push(
      `${spelledCount(single.length)} ${single.length === 1 ? 'text is' : 'texts are'} in one language only (${perLanguage.join(', ')})`,
    );
  for (const [source, langs] of multi) parts.push(`one statement (${source}) is in ${spelledCount(langs.length)} languages`);
  return parts.join('; ');
}

function documentCaption(rows: readonly Row[]): string {
  const sources = distinct(rows.map((r) => str(r.source_id)));
  const words = rows.reduce((n, r) => n + num(r.n_words), 0);
  const truncated = rows.filter((r) => r.truncated === true).map((r) => `${str(r.doc_id)} (${formatCount(num(r.n_words))} words)`);
  const orphans = rows.filter((r) => r.is_translation === true && r.translation_of === null).map((r) => str(r.doc_id));
  return (
    `${rows.length} documents from ${sources.length} raw texts, ${formatCount(words)} words in all. Each bar is one language ` +
    `version of a text; ${textsByLanguages(rows)}. ${lengthNote}` +
    (truncated.length
      ? `; ${truncated.join(', ')} ${truncated.length === 1 ? 'is' : 'are'} cut off (quality flag truncated), so their lengths understate the texts. `
      : '. ') +
    `"(translation)" marks a document that is a translation, stated or inferred (documents.translation_basis)` +
    (orphans.length
      ? `; ${orphans.join(', ')} ${orphans.length === 1 ? 'is a translation whose original is' : 'are translations whose originals are'} not in the corpus.`
      : '.')
  );
}

function languageCaption(rows: readonly Row[]): string {
  const words = rows.reduce((n, r) => n + num(r.n_words), 0);
  return (
    `${formatCount(documentCount(rows))} documents from ${formatCount(sourceCount(rows))} raw texts, ${formatCount(words)} words in all: ` +
    `too many for a bar per document (drawn up to ${maxDocumentBars} documents), so each row is one language, originals and ` +
    `"(translation)" apart (documents.is_translation, stated or inferred). Left: the number of documents. Right: their lengths; ` +
    `the line runs from the shortest to the longest document, the box spans the middle half (quartiles), the tick is the median. ` +
    `${lengthNote}. ` +
    `The length of every document is in the documents table (n_words, n_chars); the CSV holds the rows drawn.`
  );
}

function documentBars(rows: readonly Row[], ctx: PlotContext): Block {
  const order = rows.map(documentLabel);
  const marginLeft = labelMargin(order, 14);
  const panel = (column: 'n_words' | 'n_chars', title: string, withLabels: boolean) =>
    chart(ctx, {
      width: (withLabels ? marginLeft : 10) + 330,
      height: 40 + rows.length * 28,
      marginLeft: withLabels ? marginLeft : 10,
      marginRight: 60,
      marginTop: 40,
      marginBottom: 6,
      x: { label: title, axis: 'top', grid: true, tickFormat: (d: number) => formatCount(d), labelAnchor: 'left', labelOffset: 30 },
      y: { label: null, domain: order, axis: withLabels ? 'left' : null, tickSize: 0 },
      color: colorScale,
      marks: [
        Plot.barX(rows, { x: column, y: documentLabel, fill: 'language', insetTop: 4, insetBottom: 4 }),
        Plot.text(rows, { x: column, y: documentLabel, text: (r: Row) => formatCount(num(r[column])), textAnchor: 'start', dx: 4 }),
        Plot.ruleX([0]),
      ],
    });
  return hstack([panel('n_words', 'Words →', true), panel('n_chars', 'Characters (code points) →', false)], 20);
}

/** One row per language: how many documents, and a box plot of their lengths. */
function languageRows(rows: readonly Row[], ctx: PlotContext): Block {
  const order = rows.map(languageLabel);
  const marginLeft = labelMargin(order, 14);
  const frame = { height: 40 + rows.length * 32, marginTop: 40, marginBottom: 6 };
  const axis = (label: string) =>
    ({ label, axis: 'top', grid: true, tickFormat: (d: number) => formatCount(d), labelAnchor: 'left', labelOffset: 30 }) as const;
  const counts = chart(ctx, {
    ...frame,
    width: marginLeft + 170,
    marginLeft,
    marginRight: 50,
    x: { ...axis('Documents →'), ticks: 3 },
    y: { label: null, domain: order, tickSize: 0 },
    color: colorScale,
    marks: [
      Plot.barX(rows, { x: 'documents', y: languageLabel, fill: 'language', insetTop: 6, insetBottom: 6 }),
      Plot.text(rows, { x: 'documents', y: languageLabel, text: (r: Row) => formatCount(num(r.documents)), textAnchor: 'start', dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
  const lengths = (measure: 'words' | 'chars', label: string) =>
    chart(ctx, {
      ...frame,
      width: 10 + 300,
      marginLeft: 10,
      marginRight: 70,
      x: { ...axis(label), domain: [0, Math.max(...rows.map((r) => num(r[`${measure}_max`])))], ticks: 4 },
      y: { label: null, domain: order, axis: null },
      color: colorScale,
      marks: [
        Plot.ruleY(rows, { y: languageLabel, x1: `${measure}_min`, x2: `${measure}_max`, stroke: '#888' }),
        Plot.barX(rows, { y: languageLabel, x1: `${measure}_q1`, x2: `${measure}_q3`, fill: 'language', insetTop: 6, insetBottom: 6 }),
        Plot.tickX(rows, { y: languageLabel, x: `${measure}_median`, stroke: '#111', strokeWidth: 2, insetTop: 4, insetBottom: 4 }),
        Plot.text(rows, {
          y: languageLabel,
          x: `${measure}_max`,
          text: (r: Row) => `median ${formatCount(num(r[`${measure}_median`]))}`,
          textAnchor: 'start',
          dx: 4,
        }),
        Plot.ruleX([0]),
      ],
    });
  return hstack([counts, lengths('words', 'Words per document →'), lengths('chars', 'Characters per document →')], 16);
}

/** Quartiles of one length column, as words_min .. words_max. */
const lengthStats = (column: string, as: string) =>
  ['min', 'q1', 'median', 'q3', 'max'].map((stat, i) => `quantile_disc(${column}, ${i / 4}) AS ${as}_${stat}`).join(', ');

export const corpus: Notebook = {
  name: 'corpus',
  title: (rows) => `The corpus: ${spelledCount(documentCount(rows))} documents from ${spelledCount(sourceCount(rows))} texts`,
  question: 'Which documents are in the dataset, in which languages, from which sources, and how long are they?',
  tables: ['documents', 'sources', 'quality_flags'],
  // Up to maxDocumentBars documents: one row per document. Beyond: one row per language and
  // original/translation, with the number of documents and the spread of their lengths.
  sql: `
WITH scale AS (
  SELECT count(*) <= ${maxDocumentBars} AS per_document, count(DISTINCT source_id)::INTEGER AS total_sources FROM documents
)
SELECT d.doc_id, d.source_id, s.author, s.date_start AS source_date, d.language, d.section,
  d.is_translation, d.translation_of, d.n_chars, d.n_words, d.n_paragraphs, d.n_sentences,
  EXISTS (SELECT 1 FROM quality_flags f WHERE f.doc_id = d.doc_id AND f.flag = 'truncated') AS truncated
FROM documents d JOIN sources s USING (source_id)
WHERE (SELECT per_document FROM scale)
UNION ALL BY NAME
SELECT language, is_translation, count(*)::INTEGER AS documents, count(DISTINCT source_id)::INTEGER AS sources,
  (SELECT total_sources FROM scale) AS total_sources,
  sum(n_words)::INTEGER AS n_words, sum(n_chars)::INTEGER AS n_chars,
  ${lengthStats('n_words', 'words')},
  ${lengthStats('n_chars', 'chars')}
FROM documents
WHERE NOT (SELECT per_document FROM scale)
GROUP BY ALL
ORDER BY source_id, section, doc_id, documents DESC, language, is_translation`,
  fields: {
    doc_id: column(
      'documents.doc_id',
      `per-document rows; empty in per-language rows, which the SQL writes past ${maxDocumentBars} documents`,
    ),
    source_id: column('documents.source_id', 'per-document rows'),
    author: column('sources.author', 'per-document rows'),
    source_date: column('sources.date_start', 'per-document rows'),
    language: column('documents.language'),
    section: column('documents.section', 'per-document rows'),
    is_translation: column('documents.is_translation', 'in per-language rows, whether the row counts translations or originals'),
    translation_of: column('documents.translation_of', 'per-document rows'),
    n_chars: column('documents.n_chars', "in per-language rows, the sum over the row's documents"),
    n_words: column('documents.n_words', "in per-language rows, the sum over the row's documents"),
    n_paragraphs: column('documents.n_paragraphs', 'per-document rows'),
    n_sentences: column('documents.n_sentences', 'per-document rows'),
    truncated: 'per-document rows: true when quality_flags has a truncated flag for the document',
    documents: 'per-language rows: the documents in the language, translations or originals as is_translation says',
    sources: 'per-language rows: the raw texts those documents come from',
    total_sources: 'per-language rows: the raw texts of the whole corpus',
    words_min: "per-language rows: the shortest document's n_words",
    words_q1: 'per-language rows: the lower quartile of n_words (quantile_disc 0.25)',
    words_median: 'per-language rows: the median of n_words (quantile_disc 0.5)',
    words_q3: 'per-language rows: the upper quartile of n_words (quantile_disc 0.75)',
    words_max: "per-language rows: the longest document's n_words",
    chars_min: "per-language rows: the shortest document's n_chars",
    chars_q1: 'per-language rows: the lower quartile of n_chars (quantile_disc 0.25)',
    chars_median: 'per-language rows: the median of n_chars (quantile_disc 0.5)',
    chars_q3: 'per-language rows: the upper quartile of n_chars (quantile_disc 0.75)',
    chars_max: "per-language rows: the longest document's n_chars",
  },
  caption: (rows) => (perLanguage(rows) ? languageCaption(rows) : documentCaption(rows)),
  legend: (rows) => ({
    title: 'Language',
    items: languages.filter((l) => rows.some((r) => r.language === l)).map((l) => ({ label: l, color: languageColors[l]! })),
  }),
  plot: (rows, ctx) => (perLanguage(rows) ? languageRows(rows, ctx) : documentBars(rows, ctx)),
};

if (isMain(import.meta.url)) await runAlone([corpus], process.argv.slice(2));
