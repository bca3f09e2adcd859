// Figure "claims": the counts of people the texts state (deaths, arrests, troops...), with their
// ranges and who the texts attribute them to: claim by claim while there are few, reading by
// reading (the same number for the same thing on the same authority) once there are many.
import * as Plot from '@observablehq/plot';
import { runAlone } from '../pipeline/figures/bundle.js';
import { isMain } from '../pipeline/lib/paths.js';
import { column } from '../pipeline/figures/fields.js';
import { textBlock, vstack, type Block } from '../pipeline/figures/layout.js';
import {
  capped,
  chart,
  labelMargin,
  distinct,
  formatCount,
  listText,
  num,
  plural,
  shortDoc,
  str,
  truncate,
  type Notebook,
  type Row,
} from '../pipeline/figures/notebook.js';

/** Who a number is attributed to; the text's own assertion in neutral grey. */
const attributionColors: Readonly<Record<string, string>> = {
  self: '#555555',
  officials: '#e15759',
  government: '#f28e2b',
  human_rights_groups: '#59a14f',
  unnamed: '#4e79a7',
};
const attributionLabel = (a: string) => (a === 'self' ? 'the text itself' : a.replace(/_/g, ' '));
const color = (r: Row) => attributionColors[str(r.attributed_to)] ?? '#999999';
const domain: [number, number] = [10, 2_000_000];
/** How far an open-ended claim's arrow reaches, as a factor of its bound. */
const arrowFactor = 2.5;

/** Up to this many claims of people the figure has a row per claim; beyond, a row per reading. */
export const maxClaimRows = 60;
/** With rows per reading: at most this many groups (quantity and event), those with the most claims. */
export const maxGroups = 12;
/** With rows per reading: at most this many readings per group, those stated most often. */
export const maxReadings = 5;

/** Rows per reading have no claim_id: the SQL counted the claims that share a reading. */
const perReading = (rows: readonly Row[]) => rows.length > 0 && rows[0]!.claim_id === null;
/** How many claims a row stands for. */
const claimCount = (r: Row) => (r.claim_id === null ? num(r.claims) : 1);
const sumClaims = (rows: readonly Row[]) => rows.reduce((n, r) => n + claimCount(r), 0);

const group = (r: Row) => `${str(r.quantity)}${r.event_id === null ? '' : ` — ${str(r.event_id)}`}`;
const rowLabel = (r: Row) => `${shortDoc(str(r.doc_id))}  “${truncate(str(r.raw_phrase), 40)}”`;
const readingLabel = (r: Row) =>
  `${plural(num(r.claims), 'claim', 'claims')} (${str(r.languages)}), e.g. “${truncate(str(r.example_phrase), 26)}”`;
const low = (r: Row) => (r.low === null ? null : Number(r.low));
const high = (r: Row) => (r.high === null ? null : Number(r.high));

/** The claim as a short text: 164, 20–99, > 3,000, ≤ 40. */
export function claimText(r: Row): string {
  const [l, h] = [low(r), high(r)];
  if (l !== null && h !== null) return l === h ? formatCount(l) : `${formatCount(l)}–${formatCount(h)}`;
  if (l !== null) return `> ${formatCount(l)}`;
  return h !== null ? `≤ ${formatCount(h)}` : '?';
}

interface Group {
  name: string;
  members: Row[];
}

/**
 * The rows to draw, by quantity and event. Rows per claim are all drawn (there are at most
 * maxClaimRows); rows per reading are capped to the maxGroups groups with the most claims and the
 * maxReadings readings of each stated most often, kept in the SQL's order (by value).
 */
function drawnGroups(rows: readonly Row[]): { groups: Group[]; hiddenGroups: Row[][]; hiddenReadings: Row[] } {
  const drawn = rows.filter((r) => r.plotted);
  const all = distinct(drawn.map(group)).map((name) => ({ name, members: drawn.filter((r) => group(r) === name) }));
  if (!perReading(rows)) return { groups: all, hiddenGroups: [], hiddenReadings: [] };
  const byClaims = <T>(items: readonly T[], weight: (t: T) => number) =>
    items
      .map((item, i) => ({ item, i }))
      .sort((a, b) => weight(b.item) - weight(a.item) || a.i - b.i)
      .map((x) => x.item);
  const inOrder = <T>(items: readonly T[], chosen: readonly T[]) => items.filter((t) => chosen.includes(t));
  const { shown, hidden } = capped(
    byClaims(all, (g) => sumClaims(g.members)),
    maxGroups,
  );
  const hiddenReadings: Row[] = [];
  const groups = inOrder(all, shown).map((g) => {
    const readings = capped(byClaims(g.members, claimCount), maxReadings);
    hiddenReadings.push(...readings.hidden);
    return { name: g.name, members: inOrder(g.members, readings.shown) };
  });
  return { groups, hiddenGroups: hidden.map((g) => g.members), hiddenReadings };
}

function zhanaozenText(drawn: readonly Row[]): string {
  const zhanaozen = drawn.filter((r) => r.quantity === 'deaths' && r.event_id === 'zhanaozen-massacre-2011');
  // Versions of one statement are one source, not several: count sources, not documents.
  const sources = distinct(zhanaozen.map((r) => str(r.source_id)));
  return zhanaozen.length
    ? ` The 2011 Zhanaozen toll alone is given as ${listText(distinct(zhanaozen.map(claimText)))} in ${zhanaozen.length} ` +
        `documents from ${sources.length} sources (the language versions of one statement count once).`
    : '';
}

const marksNote =
  `A dot is a number the text states; a bar is the range a vague word is read as through ` +
  `the dataset's lexicon ("dozens", "десятки", "수십": an annotation choice, not the author's); an arrow is an open bound ` +
  `("more than 3000"). Log scale. Colour is who the text attributes the number to; the official and independent ` +
  `figures are not drawn (tables reference_facts and claim_references compare the claims with them).`;

function claimCaption(rows: readonly Row[]): string {
  const drawn = rows.filter((r) => r.plotted);
  const others = rows.filter((r) => !r.plotted);
  return (
    `These are claims as the texts state them, not facts. ${drawn.length} of the ${rows.length} numbers in the claims table count people and are drawn, ` +
    `one row per claim, grouped by quantity and event; the other ${others.length} (${listText(distinct(others.map((r) => str(r.quantity))))}) ` +
    `are in the CSV but not drawn. ${marksNote}${zhanaozenText(drawn)}`
  );
}

function readingCaption(rows: readonly Row[]): string {
  const drawn = rows.filter((r) => r.plotted);
  const others = rows.filter((r) => !r.plotted);
  const { hiddenGroups, hiddenReadings } = drawnGroups(rows);
  const left = [
    hiddenGroups.length
      ? `${plural(hiddenGroups.length, 'group', 'groups')} of quantity and event with fewer claims (${plural(sumClaims(hiddenGroups.flat()), 'claim', 'claims')})`
      : '',
    hiddenReadings.length
      ? `${plural(hiddenReadings.length, 'reading', 'readings')} stated less often than the ${maxReadings} drawn in their group (${plural(sumClaims(hiddenReadings), 'claim', 'claims')})`
      : '',
  ].filter(Boolean);
  return (
    `These are claims as the texts state them, not facts. ${formatCount(sumClaims(drawn))} of the ${formatCount(sumClaims(rows))} numbers in the ` +
    `claims table count people and are drawn, grouped by quantity and event; the other ${formatCount(sumClaims(others))} ` +
    `(${listText(distinct(others.map((r) => str(r.quantity))))}) are counted in the CSV but not drawn. Too many claims for a row each ` +
    `(drawn up to ${maxClaimRows}): claims that give the same number for the same quantity and event on the same authority are one row, ` +
    `labelled with how many claims state it, in which languages, and one of their phrases. ${marksNote}${zhanaozenText(drawn)}` +
    (left.length ? ` Left out of the drawing, and in the CSV: ${listText(left)}.` : '') +
    ` Every claim, with its document and phrase, is in the claims table.`
  );
}

export const claims: Notebook = {
  name: 'claims',
  title: 'Numbers the texts claim: how many people',
  question:
    'How many dead, arrested, injured, protesting or deployed people does each document claim, how precisely, and on whose authority?',
  tables: ['claims', 'documents'],
  // Up to maxClaimRows claims of people: one row per claim. Beyond: one row per reading, i.e.
  // quantity, event, number (low, high) and attribution, with how many claims and documents give it.
  sql: `
WITH scale AS (
  SELECT count(*) FILTER (WHERE unit = 'people') <= ${maxClaimRows} AS per_claim FROM claims
)
SELECT c.claim_id, c.doc_id, d.source_id, d.section, c.start_cp, d.language, c.quantity, c.event_id, c.raw_phrase,
  c.value, c.low, c.high, c.qualifier, c.value_basis, c.lexicon_id, c.unit, c.attributed_to, c.stance,
  c.unit = 'people' AS plotted
FROM claims c JOIN documents d USING (doc_id)
WHERE (SELECT per_claim FROM scale)
UNION ALL BY NAME
SELECT c.quantity, c.event_id, c.low, c.high, c.unit, c.attributed_to, c.unit = 'people' AS plotted,
  count(*)::INTEGER AS claims, count(DISTINCT c.doc_id)::INTEGER AS documents,
  string_agg(DISTINCT d.language, ', ' ORDER BY d.language) AS languages, min(c.raw_phrase) AS example_phrase
FROM claims c JOIN documents d USING (doc_id)
WHERE NOT (SELECT per_claim FROM scale)
GROUP BY ALL
ORDER BY plotted DESC, quantity, event_id NULLS LAST, source_id, section, start_cp, claim_id,
  low NULLS FIRST, high NULLS LAST, attributed_to`,
  fields: {
    claim_id: column(
      'claims.claim_id',
      `per-claim rows; empty in per-reading rows, which the SQL writes past ${maxClaimRows} claims of people`,
    ),
    doc_id: column('claims.doc_id', 'per-claim rows'),
    source_id: column('documents.source_id', 'per-claim rows'),
    section: column('documents.section', 'per-claim rows'),
    start_cp: column('claims.start_cp', 'per-claim rows'),
    language: column('documents.language', "per-claim rows: the claim's document's language"),
    quantity: column('claims.quantity'),
    event_id: column('claims.event_id'),
    raw_phrase: column('claims.raw_phrase', 'per-claim rows'),
    value: column('claims.value', 'per-claim rows'),
    low: column('claims.low'),
    high: column('claims.high'),
    qualifier: column('claims.qualifier', 'per-claim rows'),
    value_basis: column('claims.value_basis', 'per-claim rows'),
    lexicon_id: column('claims.lexicon_id', 'per-claim rows'),
    unit: column('claims.unit'),
    attributed_to: column('claims.attributed_to'),
    stance: column('claims.stance', 'per-claim rows'),
    plotted: "true when the figure draws the row: claims counted in people (unit = 'people'); the others are listed in the CSV only",
    claims: 'per-reading rows: the claims that give this quantity, event, interval, unit and attribution',
    documents: 'per-reading rows: the documents those claims are in',
    languages: "per-reading rows: those documents' languages, comma-separated",
    example_phrase: "per-reading rows: one of the claims' raw phrases (the first in code-point order)",
  },
  caption: (rows) => (perReading(rows) ? readingCaption(rows) : claimCaption(rows)),
  legend: (rows) => ({
    title: 'Attributed to',
    items: distinct(['self', ...rows.filter((r) => r.plotted).map((r) => str(r.attributed_to))]).map((a) => ({
      label: attributionLabel(a),
      color: attributionColors[a] ?? '#999999',
      swatch: 'dot' as const,
    })),
  }),
  plot(rows, ctx) {
    const { groups } = drawnGroups(rows);
    const label = perReading(rows) ? readingLabel : rowLabel;
    const marginLeft = labelMargin(groups.flatMap((g) => g.members.map(label)));
    const width = marginLeft + 520;
    const blocks: Block[] = [];
    groups.forEach(({ name, members }, i) => {
      const first = i === 0;
      const last = i === groups.length - 1;
      // Rows are keyed by position, so that two rows with the same label stay two rows.
      const keys = new Map(members.map((r, n) => [r, String(n)]));
      const key = (r: Row) => keys.get(r)!;
      const exact = members.filter((r) => low(r) !== null && low(r) === high(r));
      const ranges = members.filter((r) => low(r) !== null && high(r) !== null && low(r)! < high(r)!);
      const above = members.filter((r) => low(r) !== null && high(r) === null);
      const below = members.filter((r) => low(r) === null && high(r) !== null);
      blocks.push(textBlock(name, width, { size: 12, weight: 'bold', fill: '#222' }));
      blocks.push(
        chart(ctx, {
          width,
          height: members.length * 20 + (first ? 28 : 4) + (last ? 28 : 4),
          marginLeft,
          marginRight: 90,
          marginTop: first ? 28 : 4,
          marginBottom: last ? 28 : 4,
          x: {
            type: 'log',
            domain,
            grid: true,
            axis: first ? 'top' : last ? 'bottom' : null,
            ticks: [10, 100, 1000, 10_000, 100_000, 1_000_000],
            tickFormat: (d: number) => formatCount(d),
            label: first || last ? 'people →' : null,
            labelAnchor: 'right',
          },
          y: { type: 'band', domain: members.map(key), tickFormat: (k: string) => label(members[Number(k)]!), label: null, tickSize: 0 },
          marks: [
            Plot.ruleY(ranges, { y: key, x1: 'low', x2: 'high', stroke: color, strokeWidth: 5, strokeOpacity: 0.75 }),
            Plot.arrow(above, {
              y1: key,
              y2: key,
              x1: 'low',
              x2: (r: Row) => low(r)! * arrowFactor,
              stroke: color,
              strokeWidth: 1.5,
            }),
            Plot.arrow(below, {
              y1: key,
              y2: key,
              x1: 'high',
              x2: (r: Row) => high(r)! / arrowFactor,
              stroke: color,
              strokeWidth: 1.5,
            }),
            Plot.dot([...exact, ...above, ...below], { y: key, x: (r: Row) => low(r) ?? high(r), fill: color, r: 4 }),
            Plot.text(members, {
              y: key,
              x: (r: Row) => (high(r) === null ? low(r)! * arrowFactor : high(r)),
              text: claimText,
              textAnchor: 'start',
              dx: 8,
              fill: '#333',
            }),
          ],
        }),
      );
    });
    return vstack(blocks, 2);
  },
};

if (isMain(import.meta.url)) await runAlone([claims], process.argv.slice(2));
