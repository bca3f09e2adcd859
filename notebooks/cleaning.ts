// Figure "cleaning": what the cleaning rules removed from or changed in the raw texts.
import * as Plot from '@observablehq/plot';
import { isMain, runAlone } from '../pipeline/figures/bundle.js';
import { hstack } from '../pipeline/figures/layout.js';
import { chart, labelMargin, distinct, formatCount, num, str, type Notebook } from '../pipeline/figures/notebook.js';

const sourceColors = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

type Measure = 'edits' | 'code_points_removed' | 'code_points_inserted';

export const cleaning: Notebook = {
  name: 'cleaning',
  title: 'What cleaning changed',
  question: 'Which cleaning rules changed the raw texts, how often, and how much text did they remove or insert, source by source?',
  tables: ['edits'],
  sql: `
SELECT rule, source_id, count(*)::INTEGER AS edits,
  sum(length(coalesce(removed, '')))::INTEGER AS code_points_removed,
  sum(length(coalesce(inserted, '')))::INTEGER AS code_points_inserted,
  sum(sum(length(coalesce(removed, '')))) OVER (PARTITION BY rule)::INTEGER AS rule_code_points_removed,
  sum(count(*)) OVER (PARTITION BY rule)::INTEGER AS rule_edits
FROM edits
GROUP BY rule, source_id
ORDER BY rule_code_points_removed DESC, rule_edits DESC, rule, source_id`,
  caption(rows) {
    const total = (m: Measure) => formatCount(rows.reduce((n, r) => n + num(r[m]), 0));
    const inserted = distinct(rows.map((r) => str(r.rule))).map((rule) => ({
      rule,
      total: rows.filter((r) => r.rule === rule).reduce((n, r) => n + num(r.code_points_inserted), 0),
    }));
    const top = inserted.filter((r) => r.total > 0).sort((a, b) => b.total - a.total || a.rule.localeCompare(b.rule))[0];
    const merged = distinct(rows.filter((r) => str(r.rule).includes('+')).map((r) => str(r.rule)));
    return (
      `${total('edits')} edits removed ${total('code_points_removed')} and inserted ${total('code_points_inserted')} code points across ` +
      `${distinct(rows.map((r) => str(r.source_id))).length} raw texts; each is recorded in the edits table, and the raw text is rebuilt byte for byte ` +
      `from the clean text plus the edits. ${top ? `The rule that inserts most is ${top.rule} (${formatCount(top.total)} code points: line ends normalised to a blank line between paragraphs). ` : ''}` +
      `A rule name joined with "+" (${merged.length} of them) is one edit where the ranges of several rules touched and were merged. ` +
      `Rules declared per source (banners, comment counters, paragraph numbers, list markers) act on one source only; generic rules (odd spaces, ` +
      `paragraph breaks, glued or repeated sentences) act wherever they find something. Counts are of Unicode code points, not bytes.`
    );
  },
  legend: (rows) => ({
    title: 'Source',
    items: distinct(rows.map((r) => str(r.source_id)))
      .sort()
      .map((s, i) => ({ label: s, color: sourceColors[i % sourceColors.length]! })),
  }),
  plot(rows, ctx) {
    const rules = distinct(rows.map((r) => str(r.rule)));
    const sources = distinct(rows.map((r) => str(r.source_id))).sort();
    const marginLeft = labelMargin(rules);
    const totals = (m: Measure) =>
      rules.map((rule) => ({ rule, total: rows.filter((r) => r.rule === rule).reduce((n, r) => n + num(r[m]), 0) }));
    const panel = (m: Measure, label: string, withLabels: boolean) =>
      chart(ctx, {
        width: (withLabels ? marginLeft : 12) + 210,
        height: 44 + rules.length * 22,
        marginLeft: withLabels ? marginLeft : 12,
        marginRight: 40,
        marginTop: 40,
        marginBottom: 4,
        x: { label, axis: 'top', grid: true, labelAnchor: 'left', labelOffset: 30, ticks: 4 },
        y: { domain: rules, label: null, axis: withLabels ? 'left' : null, tickSize: 0 },
        color: { domain: sources, range: sources.map((_, i) => sourceColors[i % sourceColors.length]!) },
        marks: [
          Plot.barX(rows, { x: m, y: 'rule', fill: 'source_id', insetTop: 3, insetBottom: 3, order: sources }),
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
