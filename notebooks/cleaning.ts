// Figure "cleaning": what the cleaning rules removed from or changed in the raw texts, source by
// source while the sources fit in a palette, summed over all sources beyond.
import * as Plot from '@observablehq/plot';
import { runAlone } from '../pipeline/figures/bundle.js';
import { isMain } from '../pipeline/lib/paths.js';
import { column } from '../pipeline/figures/fields.js';
import { hstack } from '../pipeline/figures/layout.js';
import {
  capped,
  chart,
  labelMargin,
  distinct,
  formatCount,
  num,
  plural,
  str,
  type Notebook,
  type Row,
} from '../pipeline/figures/notebook.js';

const sourceColors = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
/** Bars of rules summed over all sources, when there are too many sources for a colour each. */
const allSourcesColor = '#4e79a7';
/** At most this many rules are drawn: those that removed the most. */
export const maxRules = 30;

type Measure = 'edits' | 'code_points_removed' | 'code_points_inserted';

/** Rows of rules summed over sources have no source_id. */
const perRule = (rows: readonly Row[]) => rows.length > 0 && rows[0]!.source_id === null;

/** The rules to draw (the SQL orders them by what they removed) and those left out. */
const drawnRules = (rows: readonly Row[]) => capped(distinct(rows.map((r) => str(r.rule))), maxRules);

const total = (rows: readonly Row[], m: Measure) => rows.reduce((n, r) => n + num(r[m]), 0);

function caption(rows: readonly Row[]): string {
  const sum = (m: Measure) => formatCount(total(rows, m));
  const byRule = perRule(rows);
  const inserted = distinct(rows.map((r) => str(r.rule))).map((rule) => ({
    rule,
    total: total(
      rows.filter((r) => r.rule === rule),
      'code_points_inserted',
    ),
  }));
  const top = inserted.filter((r) => r.total > 0).sort((a, b) => b.total - a.total || a.rule.localeCompare(b.rule))[0];
  const { hidden } = drawnRules(rows);
  const hiddenRows = rows.filter((r) => hidden.includes(str(r.rule)));
  const sources = byRule ? num(rows[0]!.edited_sources) : distinct(rows.map((r) => str(r.source_id))).length;
  return (
    `${sum('edits')} edits removed ${sum('code_points_removed')} and inserted ${sum('code_points_inserted')} code points across ` +
    `${formatCount(sources)} raw texts; each is recorded in the edits table, and the raw text is rebuilt byte for byte ` +
    `from the clean text plus the edits. ` +
    (byRule
      ? `Too many texts for a colour each (drawn up to ${sourceColors.length}): each bar is a rule's total over all texts, and the label ` +
        `says in how many texts it acted. ${top ? `The rule that inserts most is ${top.rule} (${formatCount(top.total)} code points). ` : ''}`
      : `${top ? `The rule that inserts most is ${top.rule} (${formatCount(top.total)} code points: line ends normalised to a blank line between paragraphs). ` : ''}`) +
    `A rule name joined with "+" is one edit where the ranges of several rules touched and were merged. ` +
    (byRule
      ? `Rules declared per source (banners, comment counters, paragraph numbers, list markers) act only on the sources that declare them; `
      : `Rules declared per source (banners, comment counters, paragraph numbers, list markers) act on one source only; `) +
    `generic rules (odd spaces, ` +
    `paragraph breaks, glued or repeated sentences) act wherever they find something. Counts are of Unicode code points, not bytes.` +
    (hidden.length
      ? ` Only the ${maxRules} rules that removed the most are drawn; the other ${formatCount(hidden.length)} ` +
        `(${formatCount(total(hiddenRows, 'edits'))} edits) are in the CSV.`
      : '')
  );
}

export const cleaning: Notebook = {
  name: 'cleaning',
  title: 'What cleaning changed',
  question: 'Which cleaning rules changed the raw texts, how often, and how much text did they remove or insert, source by source?',
  tables: ['edits'],
  // Up to one source per colour: one row per rule and source. Beyond: one row per rule, summed
  // over all sources, with the number of sources it acted on.
  sql: `
WITH scale AS (
  SELECT count(DISTINCT source_id) <= ${sourceColors.length} AS per_source, count(DISTINCT source_id)::INTEGER AS edited_sources
  FROM edits
)
SELECT rule, CASE WHEN per_source THEN source_id END AS source_id, count(*)::INTEGER AS edits,
  sum(length(coalesce(removed, '')))::INTEGER AS code_points_removed,
  sum(length(coalesce(inserted, '')))::INTEGER AS code_points_inserted,
  sum(sum(length(coalesce(removed, '')))) OVER (PARTITION BY rule)::INTEGER AS rule_code_points_removed,
  sum(count(*)) OVER (PARTITION BY rule)::INTEGER AS rule_edits,
  count(DISTINCT source_id)::INTEGER AS sources, edited_sources
FROM edits, scale
GROUP BY rule, CASE WHEN per_source THEN source_id END, edited_sources
ORDER BY rule_code_points_removed DESC, rule_edits DESC, rule, source_id`,
  fields: {
    rule: column('edits.rule'),
    source_id: column(
      'edits.source_id',
      'empty when the corpus has more sources than the figure has colours, and the rows are summed over all sources',
    ),
    edits: "edits of the rule (in the row's source, or in all sources)",
    code_points_removed: 'code points of raw text the edits removed (sum of length(removed))',
    code_points_inserted: 'code points the edits inserted in the clean text (sum of length(inserted))',
    rule_code_points_removed: 'code points the rule removed over all sources (orders the rules)',
    rule_edits: 'edits of the rule over all sources',
    sources: 'sources the row sums: 1 per source, or the sources the rule edited',
    edited_sources: 'sources with at least one edit, in the whole corpus',
  },
  caption,
  legend: (rows) =>
    perRule(rows)
      ? undefined
      : {
          title: 'Source',
          items: distinct(rows.map((r) => str(r.source_id)))
            .sort()
            .map((s, i) => ({ label: s, color: sourceColors[i % sourceColors.length]! })),
        },
  plot(allRows, ctx) {
    const rules = drawnRules(allRows).shown;
    const rows = allRows.filter((r) => rules.includes(str(r.rule)));
    const byRule = perRule(rows);
    const sources = distinct(rows.map((r) => str(r.source_id))).sort();
    const sourceCount = new Map(rows.map((r) => [str(r.rule), num(r.sources)]));
    const ruleLabel = (rule: string) => (byRule ? `${rule} (${plural(sourceCount.get(rule)!, 'source', 'sources')})` : rule);
    const marginLeft = labelMargin(rules.map(ruleLabel));
    const totals = (m: Measure) =>
      rules.map((rule) => ({
        rule,
        total: total(
          rows.filter((r) => r.rule === rule),
          m,
        ),
      }));
    const panel = (m: Measure, label: string, withLabels: boolean) =>
      chart(ctx, {
        width: (withLabels ? marginLeft : 12) + 210,
        height: 44 + rules.length * 22,
        marginLeft: withLabels ? marginLeft : 12,
        marginRight: 40,
        marginTop: 40,
        marginBottom: 4,
        x: { label, axis: 'top', grid: true, labelAnchor: 'left', labelOffset: 30, ticks: 4 },
        y: { domain: rules, label: null, axis: withLabels ? 'left' : null, tickSize: 0, tickFormat: ruleLabel },
        color: { domain: sources, range: sources.map((_, i) => sourceColors[i % sourceColors.length]!) },
        marks: [
          Plot.barX(rows, {
            x: m,
            y: 'rule',
            fill: byRule ? allSourcesColor : 'source_id',
            insetTop: 3,
            insetBottom: 3,
            order: byRule ? undefined : sources,
          }),
          Plot.text(
            totals(m).filter((t) => t.total > 0),
            { x: 'total', y: 'rule', text: (t: { total: number }) => formatCount(t.total), textAnchor: 'start', dx: 4 },
          ),
          Plot.ruleX([0]),
        ],
      });
    return hstack(
      [
        panel('edits', 'Edits →', true),
        panel('code_points_removed', 'Code points removed →', false),
        panel('code_points_inserted', 'Code points inserted →', false),
      ],
      12,
    );
  },
};

if (isMain(import.meta.url)) await runAlone([cleaning], process.argv.slice(2));
