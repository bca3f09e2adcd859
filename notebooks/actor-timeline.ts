// Figure "actor-timeline": when each type of actor spoke: every statement's date range (as far as
// the text or its page supports it) on one time axis, grouped by type of actor; once there are too
// many statements for a row each, one row per type, date range and basis, with its count.
import * as Plot from '@observablehq/plot';
import { actorColor, actorCtes } from '../pipeline/figures/actors.js';
import { runAlone } from '../pipeline/figures/bundle.js';
import { isMain } from '../pipeline/lib/paths.js';
import { column } from '../pipeline/figures/fields.js';
import { textBlock, vstack, type Block } from '../pipeline/figures/layout.js';
import {
  capped,
  chart,
  dayMs,
  distinct,
  formatCount,
  labelMargin,
  listSome,
  listText,
  num,
  plural,
  str,
  utcDate,
  type Notebook,
  type PlotContext,
  type Row,
} from '../pipeline/figures/notebook.js';

/** Up to this many statements the figure has a row per statement; beyond, a row per type, date range and basis. */
export const maxStatementRows = 40;
/** At most this many rows are drawn (the earliest); the rest are in the CSV. */
export const maxRows = 60;

const rowHeight = 18;
const plotWidth = 560;

/** Per-range rows have no source_id: the SQL counted the statements of a type with the same dates. */
const perRange = (rows: readonly Row[]) => rows.some((r) => num(r.statements) > 0) && !rows.some((r) => r.source_id !== null);
const dated = (r: Row) => num(r.statements) > 0 && r.date_start !== null;
const inferred = (r: Row) => r.date_basis === 'inferred';
/** A row's label, unique within its type: the statement, or the count with the range and basis that make the row. */
const rowLabel = (r: Row) => {
  if (r.source_id !== null) return str(r.source_id);
  const range = r.date_start === r.date_end ? str(r.date_start) : `${str(r.date_start)} to ${str(r.date_end)}`;
  return `${plural(num(r.statements), 'statement', 'statements')}, ${range}${inferred(r) ? ' (inferred)' : ''}`;
};
const color = (r: Row) => actorColor(num(r.actor_n));

/** One row per actor group with its totals, in the SQL's order. */
function groupTotals(rows: readonly Row[]): { label: string; n: number; statements: number; documents: number }[] {
  const out = new Map<string, { label: string; n: number; statements: number; documents: number }>();
  for (const r of rows) {
    const g = out.get(str(r.actor_type)) ?? { label: str(r.actor_label), n: num(r.actor_n), statements: 0, documents: 0 };
    g.statements += num(r.statements);
    g.documents += num(r.documents);
    out.set(str(r.actor_type), g);
  }
  return [...out.values()];
}

/** The time axis: from the earliest start to the day after the latest end, a day of margin either side. */
function timeDomain(rows: readonly Row[]): [Date, Date] {
  const starts = rows.filter(dated).map((r) => utcDate(r.date_start).getTime());
  const ends = rows.filter(dated).map((r) => utcDate(r.date_end).getTime() + dayMs);
  return starts.length
    ? [new Date(Math.min(...starts) - dayMs), new Date(Math.max(...ends) + dayMs)]
    : [utcDate('2022-01-01'), utcDate('2022-02-01')];
}

export const actorTimeline: Notebook = {
  name: 'actor-timeline',
  title: 'When each type of actor spoke: statements by date',
  question: 'When was each statement made, as far as its text or page dates it, who made it, and is the date stated or inferred?',
  tables: ['sources', 'actor_types', 'documents'],
  sql: `
WITH ${actorCtes}, scale AS (
  SELECT count(*) <= ${maxStatementRows} AS per_statement FROM sources
), statements AS (
  SELECT sa.source_id, sa.actor_type, sa.date_start, sa.date_end, sa.date_basis,
    count(*)::INTEGER AS documents,
    count(*) FILTER (WHERE d.annotation_status = 'draft')::INTEGER AS drafts,
    string_agg(d.language, ', ' ORDER BY d.section) AS languages
  FROM source_actors sa JOIN documents d USING (source_id)
  GROUP BY ALL
)
SELECT al.actor_type, al.actor_label, al.actor_n,
  CASE WHEN per_statement THEN st.source_id END AS source_id,
  st.date_start, st.date_end, st.date_basis,
  count(st.source_id)::INTEGER AS statements,
  coalesce(sum(st.documents), 0)::INTEGER AS documents,
  coalesce(sum(st.drafts), 0)::INTEGER AS drafts,
  any_value(CASE WHEN per_statement THEN st.languages END) AS languages
FROM actor_list al LEFT JOIN statements st USING (actor_type), scale
GROUP BY ALL
ORDER BY al.actor_n, st.date_start NULLS LAST, st.date_end, st.date_basis, source_id`,
  fields: {
    actor_type: column(
      'sources.actor_type',
      "a type of actor_types; '(unknown)' for sources whose actor is unknown, '(not recorded)' for those with no actor type recorded",
    ),
    actor_label: column('actor_types.label', "or 'Unknown actor', 'Actor type not recorded'"),
    actor_n: column('actor_types.n', 'the order of the groups; 1000 and 1001 for the unknown and not-recorded groups'),
    source_id: column(
      'sources.source_id',
      `per-statement rows; empty past ${maxStatementRows} statements, when rows are per date range, and for a type with no statement`,
    ),
    date_start: column('sources.date_start'),
    date_end: column('sources.date_end'),
    date_basis: column('sources.date_basis'),
    statements: 'statements (sources) of the row: 1 in per-statement rows, 0 for a type with no statement',
    documents: "documents (language versions) of the row's statements",
    drafts: "of those documents, the drafts (documents.annotation_status = 'draft')",
    languages: "per-statement rows: the statement's languages, in the order of its sections",
  },
  caption(rows) {
    const groups = groupTotals(rows);
    const present = groups.filter((g) => g.statements > 0);
    const absent = groups.filter((g) => g.statements === 0).map((g) => g.label);
    const statements = present.reduce((n, g) => n + g.statements, 0);
    const documents = present.reduce((n, g) => n + g.documents, 0);
    const inferredCount = rows.filter((r) => dated(r) && inferred(r)).reduce((n, r) => n + num(r.statements), 0);
    const undated = rows.filter((r) => num(r.statements) > 0 && r.date_start === null);
    const { hidden } = capped(rows.filter(dated), maxRows);
    return (
      `${plural(statements, 'statement', 'statements')} (sources) in ${plural(documents, 'document', 'documents')} (language versions): ` +
      `${listText(present.map((g) => `${g.label} ${formatCount(g.statements)}`))}` +
      (absent.length ? `; none from ${listText(absent)}` : '') +
      `. The type is who made the statement (sources.actor_type), not the site that carries it; a repost is dated by the repost ` +
      `where the statement's own date is not stated (sources.date_note). Each bar is a statement's date range as far as its text or page ` +
      `supports it (sources.date_start to date_end, both days included): filled where the date is stated or recorded when collected, ` +
      `outlined (dashed) where it is inferred, ${formatCount(inferredCount)} statements, the reason in sources.date_support; a long bar is an uncertain ` +
      `date, not a long statement.` +
      (perRange(rows)
        ? ` Too many statements for a row each (drawn up to ${maxStatementRows}): each row is the statements of one type with the same date range and basis, with their number.`
        : ` Beside each bar, the statement's languages.`) +
      (hidden.length ? ` Only the first ${maxRows} rows are drawn; the other ${formatCount(hidden.length)} are in the CSV.` : '') +
      (undated.length ? ` No date: ${listSome(undated.map(rowLabel), 10, 'other rows')}.` : '') +
      ` The corpus is a sample of the statements that could be found, not all statements made: when and how often a type of actor ` +
      `appears here says what was collected, not how much each type said.`
    );
  },
  legend: (rows) => ({
    items: [
      ...groupTotals(rows)
        .filter((g) => g.statements > 0)
        .map((g) => ({ label: g.label, color: actorColor(g.n), swatch: 'square' as const })),
      { label: 'date stated or recorded', color: '#555', swatch: 'square' },
      { label: 'date inferred', color: '#555', swatch: 'dashed' },
    ],
  }),
  plot(allRows, ctx) {
    const { shown } = capped(allRows.filter(dated), maxRows);
    const domain = timeDomain(shown);
    const marginLeft = labelMargin(shown.map(rowLabel));
    const groups = distinct(shown.map((r) => str(r.actor_type)));
    const blocks = groups.flatMap((group, i) => {
      const rows = shown.filter((r) => str(r.actor_type) === group);
      return [
        textBlock(str(rows[0]!.actor_label), marginLeft + plotWidth, { size: 12, weight: 'bold' }),
        groupChart(ctx, rows, domain, marginLeft, i === 0),
      ];
    });
    return vstack(blocks.length ? blocks : [textBlock('No dated statement.', plotWidth, { size: 12 })], 4);
  },
};

/** One type's statements as bars on the shared time axis; the first carries the axis. */
function groupChart(ctx: PlotContext, rows: readonly Row[], domain: [Date, Date], marginLeft: number, withAxis: boolean): Block {
  const bars = rows.map((r) => ({
    label: rowLabel(r),
    x1: utcDate(r.date_start),
    x2: new Date(utcDate(r.date_end).getTime() + dayMs),
    color: color(r),
    inferred: inferred(r),
    note: r.languages === null ? '' : str(r.languages),
  }));
  const marginTop = withAxis ? 26 : 2;
  type Bar = (typeof bars)[number];
  return chart(ctx, {
    width: marginLeft + plotWidth + 140,
    height: marginTop + bars.length * rowHeight + 2,
    marginLeft,
    marginRight: 140,
    marginTop,
    marginBottom: 2,
    x: { type: 'utc', domain, axis: withAxis ? 'top' : null, grid: true, label: null, tickFormat: '%-d %b %Y', ticks: 4 },
    y: { type: 'band', domain: bars.map((b) => b.label), label: null, tickSize: 0 },
    marks: [
      Plot.gridX({ ticks: 4, strokeOpacity: 0.08 }),
      Plot.barX(
        bars.filter((b) => !b.inferred),
        { x1: 'x1', x2: 'x2', y: 'label', fill: (b: Bar) => b.color, insetTop: 3, insetBottom: 3 },
      ),
      Plot.barX(
        bars.filter((b) => b.inferred),
        {
          x1: 'x1',
          x2: 'x2',
          y: 'label',
          fill: 'white',
          stroke: (b: Bar) => b.color,
          strokeWidth: 1.5,
          strokeDasharray: '3,2',
          insetTop: 3.5,
          insetBottom: 3.5,
        },
      ),
      Plot.text(bars, { x: 'x2', y: 'label', text: 'note', textAnchor: 'start', dx: 4, fontSize: 10, fill: '#555' }),
    ],
  });
}

if (isMain(import.meta.url)) await runAlone([actorTimeline], process.argv.slice(2));
