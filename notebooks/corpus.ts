// Figure "corpus": what the dataset is made of, document by document.
import * as Plot from '@observablehq/plot';
import { isMain, runAlone } from '../pipeline/figures/bundle.js';
import { hstack } from '../pipeline/figures/layout.js';
import {
  chart,
  labelMargin,
  distinct,
  formatCount,
  languageColors,
  languages,
  num,
  str,
  type Notebook,
  type Row,
} from '../pipeline/figures/notebook.js';

const label = (r: Row) => `${str(r.doc_id)}${r.is_translation ? ' (translation)' : ''}`;

export const corpus: Notebook = {
  name: 'corpus',
  title: 'The corpus: nine documents from five texts',
  question: 'Which documents are in the dataset, in which languages, from which sources, and how long are they?',
  tables: ['documents', 'sources'],
  sql: `
SELECT d.doc_id, d.source_id, s.author, s.date_start AS source_date, d.language, d.section,
  d.is_translation, d.translation_of, d.n_chars, d.n_words, d.n_paragraphs, d.n_sentences
FROM documents d JOIN sources s USING (source_id)
ORDER BY d.source_id, d.section, d.doc_id`,
  caption(rows) {
    const sources = distinct(rows.map((r) => str(r.source_id)));
    const words = rows.reduce((n, r) => n + num(r.n_words), 0);
    const ko = rows.find((r) => r.language === 'ko');
    const en = rows.find((r) => r.translation_of === null && rows.some((t) => t.translation_of === r.doc_id));
    return (
      `${rows.length} documents from ${sources.length} raw texts, ${formatCount(words)} words in all. Each bar is one language ` +
      `version of a text; four texts are in English only, and one statement (${str(en?.source_id)}) is in five languages. ` +
      `Lengths are of the cleaned text: characters are Unicode code points, words are counted by Intl.Segmenter. ` +
      `Hangul packs more into a character and a word than Latin or Cyrillic script, and the Korean version ` +
      `(${formatCount(num(ko?.n_words ?? 0))} words) also breaks off in its sixth numbered paragraph, so its length is not comparable with the others. ` +
      `"(translation)" marks a document that is a translation, stated or inferred (documents.translation_basis); ` +
      `maoism-ru-20292-en is an English translation of a Russian original that is not in the corpus.`
    );
  },
  legend: (rows) => ({
    title: 'Language',
    items: languages.filter((l) => rows.some((r) => r.language === l)).map((l) => ({ label: l, color: languageColors[l]! })),
  }),
  plot(rows, ctx) {
    const order = rows.map(label);
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
        color: { domain: [...languages], range: languages.map((l) => languageColors[l]!) },
        marks: [
          Plot.barX(rows, { x: column, y: label, fill: 'language', insetTop: 4, insetBottom: 4 }),
          Plot.text(rows, { x: column, y: label, text: (r: Row) => formatCount(num(r[column])), textAnchor: 'start', dx: 4 }),
          Plot.ruleX([0]),
        ],
      });
    return hstack([panel('n_words', 'Words →', true), panel('n_chars', 'Characters (code points) →', false)], 20);
  },
};

if (isMain(import.meta.url)) await runAlone([corpus], process.argv.slice(2));
