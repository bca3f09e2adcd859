// Figure "timeline": the events the texts refer to, on a time axis broken at 2022.
import * as Plot from '@observablehq/plot';
import { isMain, runAlone } from '../pipeline/figures/bundle.js';
import { hstack } from '../pipeline/figures/layout.js';
import {
  chart,
  labelMargin,
  dayMs,
  distinct,
  languageColors,
  listText,
  num,
  shortDoc,
  str,
  truncate,
  utcDate,
  type Notebook,
  type Row,
} from '../pipeline/figures/notebook.js';

const stated = '#4269d0';
const label = (r: Row) => truncate(str(r.label), 40);
/** The axis is broken at this date: years before it, days after it. */
const split = utcDate('2022-01-01');
const rowHeight = 17;
const marginTop = 84;

interface Span {
  label: string;
  basis: string;
  x1: Date;
  x2: Date;
}

/**
 * An event's date range drawn as [start, end + 1 day), cut to a panel's domain (null when outside
 * it) and at least 1.2% of the panel wide, so that a month on the years axis stays visible.
 */
function span(r: Row, [from, to]: [Date, Date]): Span | null {
  const start = Math.max(utcDate(r.date_start).getTime(), from.getTime());
  const end = Math.min(utcDate(r.date_end).getTime() + dayMs, to.getTime());
  if (end <= start) return null;
  const min = (to.getTime() - from.getTime()) * 0.012;
  return { label: label(r), basis: str(r.date_basis), x1: new Date(start), x2: new Date(Math.max(end, start + min)) };
}

export const timeline: Notebook = {
  name: 'timeline',
  title: 'The events the texts refer to, by date',
  question: 'Which events does each document mention, when did they happen, and is the date stated in a text or inferred?',
  tables: ['events', 'event_mentions', 'documents'],
  sql: `
SELECT e.event_id, e.label, e.date_start, e.date_end, e.precision, e.date_basis,
  em.doc_id, d.source_id, d.section, d.language,
  count(em.event_mention_id)::INTEGER AS mentions,
  string_agg(DISTINCT em.date_stated, ' | ' ORDER BY em.date_stated) AS dates_stated
FROM events e
LEFT JOIN event_mentions em USING (event_id)
LEFT JOIN documents d USING (doc_id)
GROUP BY ALL
ORDER BY e.date_start, e.date_end, e.event_id, d.source_id, d.section`,
  caption(rows) {
    const events = distinct(rows.map((r) => str(r.event_id)));
    const inferred = distinct(rows.filter((r) => r.date_basis === 'inferred').map((r) => str(r.event_id)));
    const references = rows.reduce((n, r) => n + num(r.mentions), 0);
    const unmentioned = distinct(rows.filter((r) => r.doc_id === null).map((r) => str(r.event_id)));
    return (
      `${events.length} events, ${references} references to them in the documents. Each bar is an event's date range as the ` +
      `dataset records it (events.date_start to date_end, both days included): a year or a month where the texts give no ` +
      `more precise date, which makes the background events look long (a month is widened to stay visible on the years axis). The time axis is broken at 1 January 2022: years before, days after; ` +
      `an event that crosses the break is drawn in both panels. ${inferred.length} events have dates inferred by the annotators ` +
      `from the texts' context and publication dates (outlined), not stated in any text; the reason is in events.date_support. ` +
      `Dots show which documents refer to the event, their area the number of references (most are 1; largest ` +
      `${Math.max(...rows.map((r) => num(r.mentions)))}); colour is the document's language.` +
      (unmentioned.length ? ` Not referred to by any document: ${listText(unmentioned)}.` : '')
    );
  },
  legend: () => ({
    items: [
      { label: 'date stated in a text', color: stated, swatch: 'square' },
      { label: 'date inferred by the annotators', color: stated, swatch: 'dashed' },
    ],
  }),
  plot(rows, ctx) {
    const events = distinct(rows.map(label));
    const byEvent = [...new Map(rows.map((r) => [str(r.event_id), r])).values()];
    const height = marginTop + events.length * rowHeight + 12;
    const marginLeft = labelMargin(events);
    const lastEnd = Math.max(...byEvent.map((r) => utcDate(r.date_end).getTime() + dayMs));
    const panel = (domain: [Date, Date], width: number, withLabels: boolean, options: Plot.ScaleOptions) => {
      const left = withLabels ? marginLeft : 14;
      const spans = byEvent.map((r) => span(r, domain)).filter((s): s is Span => s !== null);
      return chart(ctx, {
        width: left + width,
        height,
        marginLeft: left,
        marginRight: 10,
        marginTop,
        marginBottom: 12,
        x: { domain, axis: 'top', grid: true, labelAnchor: 'left', labelOffset: 30, ...options },
        y: { type: 'band', domain: events, label: null, axis: withLabels ? 'left' : null, tickSize: 0 },
        marks: [
          Plot.gridY(events, { strokeOpacity: 0.07 }),
          Plot.barX(
            spans.filter((s) => s.basis !== 'inferred'),
            { x1: 'x1', x2: 'x2', y: 'label', fill: stated, insetTop: 3, insetBottom: 3 },
          ),
          Plot.barX(
            spans.filter((s) => s.basis === 'inferred'),
            { x1: 'x1', x2: 'x2', y: 'label', fill: 'white', stroke: stated, strokeDasharray: '3,2', insetTop: 3.5, insetBottom: 3.5 },
          ),
        ],
      });
    };
    const years = panel([utcDate('1990-01-01'), split], 200, true, {
      label: 'Before 2022 (years) →',
      ticks: ['1990', '2000', '2010', '2020'].map((y) => utcDate(`${y}-01-01`)),
      tickFormat: (d: Date) => String(d.getUTCFullYear()),
    });
    const days = panel([split, new Date(lastEnd)], 270, false, {
      label: 'January 2022 (days) →',
      ticks: [1, 5, 10, 15, 20, 25, 31].map((d) => new Date(split.getTime() + (d - 1) * dayMs)),
      tickFormat: (d: Date) => String(d.getUTCDate()),
    });
    const mentions = rows.filter((r) => r.doc_id !== null);
    const docs = distinct(mentions.map((r) => shortDoc(str(r.doc_id))));
    const matrix = chart(ctx, {
      width: 40 + docs.length * 22,
      height,
      marginLeft: 28,
      marginRight: 12,
      marginTop,
      marginBottom: 12,
      x: { domain: docs, axis: 'top', tickRotate: -90, label: null, tickSize: 0 },
      y: { type: 'band', domain: events, axis: null },
      r: { range: [2.2, 7] },
      marks: [
        Plot.gridY(events, { strokeOpacity: 0.07 }),
        Plot.dot(mentions, {
          x: (r: Row) => shortDoc(str(r.doc_id)),
          y: label,
          r: 'mentions',
          fill: (r: Row) => languageColors[str(r.language)] ?? '#888',
        }),
      ],
    });
    return hstack([years, days, matrix], 0);
  },
};

if (isMain(import.meta.url)) await runAlone([timeline], process.argv.slice(2));
