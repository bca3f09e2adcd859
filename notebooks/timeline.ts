// Figure "timeline": the events the texts refer to, on a time axis broken at 2022, and which
// documents (or, for a large corpus, how many documents of each language) refer to each.
import * as Plot from '@observablehq/plot';
import { runAlone } from '../pipeline/figures/bundle.js';
import { isMain } from '../pipeline/lib/paths.js';
import { column } from '../pipeline/figures/fields.js';
import { hstack } from '../pipeline/figures/layout.js';
import {
  capped,
  chart,
  labelMargin,
  dayMs,
  distinct,
  formatCount,
  languageColors,
  languages,
  listSome,
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

/** Up to this many documents the figure has a column per document; beyond, a column per language. */
export const maxDocumentColumns = 40;
/** At most this many events are drawn: those referred to by the most documents. */
export const maxEvents = 60;

/** Per-language rows have no doc_id: the SQL counted the documents of a language. */
const perLanguage = (rows: readonly Row[]) => !rows.some((r) => r.doc_id !== null);
const referred = (r: Row) => num(r.mentions) > 0;

/** The events to draw, by event_id: all of them, or the maxEvents referred to by the most documents. */
function drawnEvents(rows: readonly Row[]): { shown: Set<string>; hidden: string[] } {
  const documents = new Map<string, number>();
  for (const r of rows) documents.set(str(r.event_id), (documents.get(str(r.event_id)) ?? 0) + num(r.documents));
  const ranked = [...documents].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  const { shown, hidden } = capped(ranked, maxEvents);
  return { shown: new Set(shown), hidden };
}

/** The matrix's columns: documents in the SQL's order, or languages in the legend's order. */
function columns(rows: readonly Row[]): string[] {
  if (!perLanguage(rows)) return distinct(rows.filter(referred).map((r) => shortDoc(str(r.doc_id))));
  const present = distinct(rows.filter(referred).map((r) => str(r.language)));
  return [...languages.filter((l) => present.includes(l)), ...present.filter((l) => !languages.includes(l)).sort()];
}

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
  // Up to maxDocumentColumns documents: one row per event and document. Beyond: one row per event
  // and language, with the number of documents that refer to the event.
  sql: `
WITH scale AS (
  SELECT count(*) <= ${maxDocumentColumns} AS per_document FROM documents
)
SELECT e.event_id, e.label, e.date_start, e.date_end, e.precision, e.date_basis,
  CASE WHEN per_document THEN em.doc_id END AS doc_id, CASE WHEN per_document THEN d.source_id END AS source_id,
  CASE WHEN per_document THEN d.section END AS section, d.language,
  count(DISTINCT em.doc_id)::INTEGER AS documents,
  count(em.event_mention_id)::INTEGER AS mentions,
  string_agg(DISTINCT em.date_stated, ' | ' ORDER BY em.date_stated) AS dates_stated
FROM events e
LEFT JOIN event_mentions em USING (event_id)
LEFT JOIN documents d USING (doc_id), scale
GROUP BY ALL
ORDER BY e.date_start, e.date_end, e.event_id, min(d.source_id), min(d.section), d.language`,
  fields: {
    event_id: column('events.event_id'),
    label: column('events.label'),
    date_start: column('events.date_start'),
    date_end: column('events.date_end'),
    precision: column('events.precision'),
    date_basis: column('events.date_basis'),
    doc_id: column(
      'event_mentions.doc_id',
      `per-document rows; empty past ${maxDocumentColumns} documents, when rows are per language, and for an event no text refers to`,
    ),
    source_id: column('documents.source_id', 'per-document rows'),
    section: column('documents.section', 'per-document rows'),
    language: column('documents.language', 'of the referring documents; empty for an event no text refers to'),
    documents: 'documents of the row that refer to the event',
    mentions: 'references to the event in those documents (rows of event_mentions)',
    dates_stated: "the dates as the row's documents write them, distinct, joined by ' | '",
  },
  caption(rows) {
    const events = distinct(rows.map((r) => str(r.event_id)));
    const inferred = distinct(rows.filter((r) => r.date_basis === 'inferred').map((r) => str(r.event_id)));
    const references = rows.reduce((n, r) => n + num(r.mentions), 0);
    const unmentioned = distinct(rows.filter((r) => !referred(r)).map((r) => str(r.event_id)));
    const { hidden } = drawnEvents(rows);
    const dots = perLanguage(rows)
      ? `Too many documents for a column each (drawn up to ${maxDocumentColumns}): dots show how many documents of each language ` +
        `refer to the event (area; largest ${formatCount(Math.max(...rows.map((r) => num(r.documents))))}); colour is the language.`
      : `Dots show which documents refer to the event, their area the number of references (most are 1; largest ` +
        `${Math.max(...rows.map((r) => num(r.mentions)))}); colour is the document's language.`;
    return (
      `${formatCount(events.length)} events, ${formatCount(references)} references to them in the documents. Each bar is an event's date range as far as the ` +
      `texts support it (events.date_start to date_end, both days included), not when it happened: a year or a month where the texts give no ` +
      `more precise date, which makes the background events look long (a month is widened to stay visible on the years axis). The time axis is broken at 1 January 2022: years before, days after; ` +
      `an event that crosses the break is drawn in both panels. ${inferred.length} events have dates inferred by the annotators ` +
      `from the texts' context and publication dates (outlined), not stated in any text; the reason is in events.date_support. ` +
      `Dates from public sources are not drawn: they are in events.reference_start to reference_end, with their pages in reference_sources. ` +
      dots +
      (hidden.length
        ? ` Only the ${maxEvents} events referred to by the most documents are drawn; the other ${formatCount(hidden.length)} are in the CSV.`
        : '') +
      (unmentioned.length ? ` Not referred to by any document: ${listSome(unmentioned, 10, 'other events')}.` : '')
    );
  },
  legend: () => ({
    items: [
      { label: 'date stated in a text', color: stated, swatch: 'square' },
      { label: 'date inferred by the annotators', color: stated, swatch: 'dashed' },
    ],
  }),
  plot(allRows, ctx) {
    const { shown } = drawnEvents(allRows);
    const rows = allRows.filter((r) => shown.has(str(r.event_id)));
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
    const mentions = rows.filter(referred);
    const docs = columns(rows);
    const column = perLanguage(rows) ? (r: Row) => str(r.language) : (r: Row) => shortDoc(str(r.doc_id));
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
          x: column,
          y: label,
          r: perLanguage(rows) ? 'documents' : 'mentions',
          fill: (r: Row) => languageColors[str(r.language)] ?? '#888',
        }),
      ],
    });
    return hstack([years, days, matrix], 0);
  },
};

if (isMain(import.meta.url)) await runAlone([timeline], process.argv.slice(2));
