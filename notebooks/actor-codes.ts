// Figure "actor-codes": what each type of actor calls the events, what it gives as causes and
// whom it names: the share of its statements' sentences that carry each code of those categories.
import * as Plot from '@observablehq/plot';
import { actorCtes } from '../pipeline/figures/actors.js';
import { runAlone } from '../pipeline/figures/bundle.js';
import { isMain } from '../pipeline/lib/paths.js';
import { column } from '../pipeline/figures/fields.js';
import { textWidth } from '../pipeline/figures/fonts.js';
import { textBlock, vstack, wrapText } from '../pipeline/figures/layout.js';
import {
  chart,
  distinct,
  formatCount,
  labelMargin,
  listText,
  num,
  plural,
  str,
  truncate,
  type Notebook,
  type Row,
} from '../pipeline/figures/notebook.js';

/** The categories compared, in this order: what the events are called, their causes, who is named in what role. */
export const comparedCategories = ['characterisation', 'cause', 'actor'] as const;

/** Share classes (percent of sentences): a threshold scale, because Plot's continuous legend needs a <canvas>. */
const thresholds = [0.05, 5, 10, 20, 40];
const colors = ['#f2f2f2', '#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const classLabels = ['0', 'under 5%', '5–9%', '10–19%', '20–39%', '40% and more'];

const codeLabel = (r: Row) => truncate(str(r.code_label), 44);
const actorKey = (r: Row) => str(r.actor_type);
const hasStatements = (r: Row) => num(r.statements) > 0;
const share = (r: Row) => (r.percent === null ? null : num(r.percent));
/** A type whose statements have no coded sentence yet: its zeros are not findings. */
const uncoded = (r: Row) => hasStatements(r) && num(r.sentences_coded) === 0;
const fill = (r: Row) => {
  const p = share(r);
  return p === null || uncoded(r) ? 'white' : colors[thresholds.filter((t) => p >= t).length]!;
};
const cellText = (r: Row) => {
  const p = share(r);
  return p === null || num(r.sentences_with_code) === 0 ? '' : `${p < 1 ? p.toFixed(1) : Math.round(p)}%`;
};

/** One row per actor group (the SQL repeats its counts on every code's row). */
const groups = (rows: readonly Row[]) => [...new Map(rows.map((r) => [actorKey(r), r])).values()];

function perGroup(r: Row): string {
  return (
    `${str(r.actor_label)} ${formatCount(num(r.statements))} (${plural(num(r.sentences), 'sentence', 'sentences')}, ` +
    `${formatCount(num(r.sentences_coded))} coded; ${plural(num(r.drafts), 'draft', 'drafts')})`
  );
}

export const actorCodes: Notebook = {
  name: 'actor-codes',
  title: 'What each type of actor calls the events, and whom it names',
  question:
    "What share of each type of actor's sentences carries each code of the characterisation, cause and actor categories of the codebook?",
  tables: ['annotations', 'sentences', 'codes', 'documents', 'sources', 'actor_types'],
  // One document per source (its original, else its first version), so translations do not count a
  // statement twice; a sentence counts once per code, however many of its spans carry the code.
  sql: `
WITH ${actorCtes}, statement_documents AS (
  SELECT doc_id, source_id, annotation_status, n_sentences, sentences_coded
  FROM documents
  QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY is_translation, section) = 1
), per_actor AS (
  SELECT sa.actor_type, count(*)::INTEGER AS statements,
    count(*) FILTER (WHERE sd.annotation_status = 'draft')::INTEGER AS drafts,
    sum(sd.n_sentences)::INTEGER AS sentences, sum(sd.sentences_coded)::INTEGER AS sentences_coded
  FROM statement_documents sd JOIN source_actors sa USING (source_id)
  GROUP BY ALL
), compared AS (
  SELECT c.code_id, c.category, c.category_label, c.label, list_position([${comparedCategories.map((c) => `'${c}'`).join(', ')}], c.category) AS category_n
  FROM codes c
  WHERE c.category IN (${comparedCategories.map((c) => `'${c}'`).join(', ')})
), carried AS (
  SELECT DISTINCT a.code_id, s.sentence_id, sa.actor_type
  FROM annotations a
  JOIN statement_documents sd USING (doc_id)
  JOIN source_actors sa USING (source_id)
  JOIN sentences s ON s.doc_id = a.doc_id AND s.start_cp < a.end_cp AND s.end_cp > a.start_cp
  WHERE a.status = 'coded'
), cells AS (
  SELECT al.actor_type, al.actor_label, al.actor_n, coalesce(p.statements, 0) AS statements, coalesce(p.drafts, 0) AS drafts,
    coalesce(p.sentences, 0) AS sentences, coalesce(p.sentences_coded, 0) AS sentences_coded,
    x.category, x.category_label, x.category_n, x.code_id, x.label AS code_label,
    count(c.sentence_id)::INTEGER AS sentences_with_code
  FROM actor_list al CROSS JOIN compared x
  LEFT JOIN per_actor p USING (actor_type)
  LEFT JOIN carried c ON c.actor_type = al.actor_type AND c.code_id = x.code_id
  GROUP BY ALL
)
SELECT actor_type, actor_label, statements, drafts, sentences, sentences_coded, category, category_label, code_id, code_label,
  sentences_with_code, CASE WHEN sentences > 0 THEN round(100 * sentences_with_code / sentences, 1) END AS percent
FROM cells
ORDER BY actor_n, category_n, code_id`,
  fields: {
    actor_type: column(
      'sources.actor_type',
      "a type of actor_types; '(unknown)' for sources whose actor is unknown, '(not recorded)' for those with no actor type recorded",
    ),
    actor_label: column('actor_types.label', "or 'Unknown actor', 'Actor type not recorded'"),
    statements: 'sources (statements) of the actor type; one document each, its original where the corpus holds it',
    drafts: "of those documents, the drafts (documents.annotation_status = 'draft'), whose coding is unfinished",
    sentences: "sentences of those documents (documents.n_sentences summed): the share's denominator",
    sentences_coded: 'of those sentences, the ones that carry at least one code of any category (documents.sentences_coded summed)',
    category: column('codes.category'),
    category_label: column('codes.category_label'),
    code_id: column('codes.code_id'),
    code_label: column('codes.label'),
    sentences_with_code: 'sentences of those documents touched by a coded span (annotations) with the code, each counted once',
    percent: 'sentences_with_code as a percentage of sentences, rounded to 0.1; empty when the type has no statement',
  },
  caption(rows) {
    const all = groups(rows);
    const present = all.filter(hasStatements);
    const absent = all.filter((r) => !hasStatements(r)).map((r) => str(r.actor_label));
    const statements = present.reduce((n, r) => n + num(r.statements), 0);
    const drafts = present.reduce((n, r) => n + num(r.drafts), 0);
    const categories = distinct(rows.map((r) => str(r.category_label)));
    return (
      `Each cell is the share of the sentences of one type of actor's statements that carry a code (a sentence counts once per code, ` +
      `however many of its spans carry it; the share is of all their sentences, coded or not). Rows are the codes of the categories ` +
      `${listText(categories.map((c) => `"${c}"`))} (table codes): what a statement calls the events, what it gives as causes, and whom it ` +
      `names in what role. Columns are the types of who made the statement (sources.actor_type, table actor_types), not of the site that ` +
      `carries it. One document per statement (source): its original-language version where the corpus holds it, else the version it ` +
      `holds, so translations do not count a statement twice. ` +
      (present.length ? `${plural(statements, 'statement', 'statements')}: ${listText(present.map(perGroup))}.` : 'No statement yet.') +
      (absent.length ? ` No statement from: ${listText(absent)}.` : '') +
      (drafts
        ? ` ${formatCount(drafts)} of the ${formatCount(statements)} documents counted are drafts whose coding is unfinished: a low share there says ` +
          `nothing yet, and a type none of whose sentences is coded yet is drawn with dashed empty cells.`
        : '') +
      ` The corpus is a sample of the statements that could be found, not all statements made: a share describes these statements, ` +
      `not every actor of the type.`
    );
  },
  legend: () => ({
    title: 'Share of sentences',
    items: [
      ...classLabels.map((label, i) => ({ label, color: colors[i]! })),
      { label: 'no sentence coded yet', color: '#bbb', swatch: 'dashed' as const },
      { label: 'no statement', color: '#bbb', swatch: 'outline' as const },
    ],
  }),
  plot(rows, ctx) {
    const columns = groups(rows);
    const keys = columns.map(actorKey);
    const columnWidth = 104;
    const header = (key: string) => {
      const r = columns.find((c) => actorKey(c) === key)!;
      const counts = hasStatements(r)
        ? [
            `${plural(num(r.statements), 'statement', 'statements')}`,
            `${formatCount(num(r.sentences_coded))}/${formatCount(num(r.sentences))} sent. coded`,
          ]
        : ['no statement'];
      return [...wrapText(str(r.actor_label), columnWidth - 8, (s) => textWidth(s, 11)), ...counts].join('\n');
    };
    const marginLeft = labelMargin(rows.map(codeLabel));
    const marginRight = 4;
    const width = marginLeft + keys.length * columnWidth + marginRight;
    const x = { type: 'band' as const, domain: keys, label: null, tickSize: 0, padding: 0.05 };
    // The column headers once, above every category's block (a band scale, as the cells' charts
    // have: with no mark of its own Plot would make it a point scale, its ticks at the band edges).
    const headers = chart(ctx, {
      width,
      height: 80,
      marginLeft,
      marginRight,
      marginTop: 78,
      marginBottom: 0,
      x: { ...x, axis: 'top', tickFormat: header },
      marks: [Plot.frame({ stroke: 'none' })],
    });
    const blocks = distinct(rows.map((r) => str(r.category))).flatMap((category) => {
      const inCategory = rows.filter((r) => str(r.category) === category);
      const codes = distinct(inCategory.map(codeLabel));
      const title = textBlock(str(inCategory[0]!.category_label), width, { size: 12, weight: 'bold' });
      const body = chart(ctx, {
        width,
        height: codes.length * 22,
        marginLeft,
        marginRight,
        marginTop: 0,
        marginBottom: 0,
        x: { ...x, axis: null },
        y: { domain: codes, label: null, tickSize: 0, padding: 0.08 },
        marks: [
          Plot.cell(
            inCategory.filter((r) => !uncoded(r)),
            { x: actorKey, y: codeLabel, fill, stroke: (r: Row) => (share(r) === null ? '#bbb' : 'none') },
          ),
          Plot.cell(inCategory.filter(uncoded), { x: actorKey, y: codeLabel, fill, stroke: '#bbb', strokeDasharray: '3,2', inset: 0.5 }),
          Plot.text(inCategory, {
            x: actorKey,
            y: codeLabel,
            text: cellText,
            fill: (r: Row) => ((share(r) ?? 0) >= 20 ? 'white' : '#222'),
            fontSize: 11,
          }),
        ],
      });
      return [title, body];
    });
    return vstack([headers, ...blocks], 6);
  },
};

if (isMain(import.meta.url)) await runAlone([actorCodes], process.argv.slice(2));
