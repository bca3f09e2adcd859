// Figure "claims": the counts of people the texts state (deaths, arrests, troops...), with their
// ranges and who the texts attribute them to.
import * as Plot from '@observablehq/plot';
import { isMain, runAlone } from '../pipeline/figures/bundle.js';
import { textBlock, vstack, type Block } from '../pipeline/figures/layout.js';
import {
  chart,
  labelMargin,
  distinct,
  formatCount,
  listText,
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

const group = (r: Row) => `${str(r.quantity)}${r.event_id === null ? '' : ` — ${str(r.event_id)}`}`;
const rowLabel = (r: Row) => `${shortDoc(str(r.doc_id))}  “${truncate(str(r.raw_phrase), 40)}”`;
const low = (r: Row) => (r.low === null ? null : Number(r.low));
const high = (r: Row) => (r.high === null ? null : Number(r.high));

/** The claim as a short text: 164, 20–99, > 3,000, ≤ 40. */
export function claimText(r: Row): string {
  const [l, h] = [low(r), high(r)];
  if (l !== null && h !== null) return l === h ? formatCount(l) : `${formatCount(l)}–${formatCount(h)}`;
  if (l !== null) return `> ${formatCount(l)}`;
  return h !== null ? `≤ ${formatCount(h)}` : '?';
}

export const claims: Notebook = {
  name: 'claims',
  title: 'Numbers the texts claim: how many people',
  question:
    'How many dead, arrested, injured, protesting or deployed people does each document claim, how precisely, and on whose authority?',
  tables: ['claims', 'documents'],
  sql: `
SELECT c.claim_id, c.doc_id, d.language, c.quantity, c.event_id, c.raw_phrase, c.value, c.low, c.high,
  c.qualifier, c.value_basis, c.lexicon_id, c.unit, c.attributed_to, c.stance,
  c.unit = 'people' AS plotted
FROM claims c JOIN documents d USING (doc_id)
ORDER BY plotted DESC, c.quantity, c.event_id NULLS LAST, d.source_id, d.section, c.start_cp, c.claim_id`,
  caption(rows) {
    const drawn = rows.filter((r) => r.plotted);
    const others = rows.filter((r) => !r.plotted);
    const zhanaozen = drawn.filter((r) => r.quantity === 'deaths' && r.event_id === 'zhanaozen-massacre-2011');
    const zText = zhanaozen.length
      ? ` The 2011 Zhanaozen toll alone is given as ${listText(distinct(zhanaozen.map(claimText)))} by different documents.`
      : '';
    return (
      `These are claims as the texts state them, not facts. ${drawn.length} of the ${rows.length} numbers in the claims table count people and are drawn, ` +
      `one row per claim, grouped by quantity and event; the other ${others.length} (${listText(distinct(others.map((r) => str(r.quantity))))}) ` +
      `are in the CSV but not drawn. A dot is a number the text states; a bar is the range a vague word is read as through ` +
      `the dataset's lexicon ("dozens", "десятки", "수십": an annotation choice, not the author's); an arrow is an open bound ` +
      `("more than 3000"). Log scale. Colour is who the text attributes the number to.${zText}`
    );
  },
  legend: (rows) => ({
    title: 'Attributed to',
    items: distinct(['self', ...rows.filter((r) => r.plotted).map((r) => str(r.attributed_to))]).map((a) => ({
      label: attributionLabel(a),
      color: attributionColors[a] ?? '#999999',
      swatch: 'dot' as const,
    })),
  }),
  plot(rows, ctx) {
    const drawn = rows.filter((r) => r.plotted);
    const groups = distinct(drawn.map(group));
    const marginLeft = labelMargin(drawn.map(rowLabel));
    const width = marginLeft + 520;
    const blocks: Block[] = [];
    groups.forEach((g, i) => {
      const members = drawn.filter((r) => group(r) === g);
      const first = i === 0;
      const last = i === groups.length - 1;
      const exact = members.filter((r) => low(r) !== null && low(r) === high(r));
      const ranges = members.filter((r) => low(r) !== null && high(r) !== null && low(r)! < high(r)!);
      const above = members.filter((r) => low(r) !== null && high(r) === null);
      const below = members.filter((r) => low(r) === null && high(r) !== null);
      blocks.push(textBlock(g, width, { size: 12, weight: 'bold', fill: '#222' }));
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
          y: { type: 'band', domain: members.map(rowLabel), label: null, tickSize: 0 },
          marks: [
            Plot.ruleY(ranges, { y: rowLabel, x1: 'low', x2: 'high', stroke: color, strokeWidth: 5, strokeOpacity: 0.75 }),
            Plot.arrow(above, {
              y1: rowLabel,
              y2: rowLabel,
              x1: 'low',
              x2: (r: Row) => low(r)! * arrowFactor,
              stroke: color,
              strokeWidth: 1.5,
            }),
            Plot.arrow(below, {
              y1: rowLabel,
              y2: rowLabel,
              x1: 'high',
              x2: (r: Row) => high(r)! / arrowFactor,
              stroke: color,
              strokeWidth: 1.5,
            }),
            Plot.dot([...exact, ...above, ...below], { y: rowLabel, x: (r: Row) => low(r) ?? high(r), fill: color, r: 4 }),
            Plot.text(members, {
              y: rowLabel,
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
