// Figure "rcit-versions": the five language versions of the RCIT statement paragraph by
// paragraph: how long each is, and what each lacks or says differently.
import * as Plot from '@observablehq/plot';
import { runAlone } from '../pipeline/figures/bundle.js';
import { isMain } from '../pipeline/lib/paths.js';
import { column } from '../pipeline/figures/fields.js';
import { vstack } from '../pipeline/figures/layout.js';
import {
  chart,
  distinct,
  formatCount,
  languageColors,
  languages,
  listText,
  num,
  plural,
  str,
  type Notebook,
  type Row,
} from '../pipeline/figures/notebook.js';

const statement = 'rcit-2022-01-05';
const missingColor = '#d62728';

/** rcit-2022-01-05#3 -> ¶3, rcit-2022-01-05#title -> title. */
const paragraph = (r: Row) => {
  const key = str(r.align_group).split('#')[1] ?? '';
  return /^\d+$/.test(key) ? `¶${key}` : key;
};

/** What a version lacks or changes in one paragraph, one short line per kind. */
export function differenceLines(r: Row): string[] {
  if (num(r.missing_paragraph) > 0) return ['missing'];
  const lines: string[] = [];
  if (num(r.missing_entities)) lines.push(`−${plural(num(r.missing_entities), 'entity', 'entities')}`);
  if (num(r.missing_events)) lines.push(`−${plural(num(r.missing_events), 'event', 'events')}`);
  if (num(r.missing_claims)) lines.push(`−${plural(num(r.missing_claims), 'claim', 'claims')}`);
  if (num(r.claim_values)) lines.push(`≠ ${plural(num(r.claim_values), 'value', 'values')}`);
  return lines;
}

export const rcitVersions: Notebook = {
  name: 'rcit-versions',
  title: 'One statement, five versions',
  question:
    'How long is each paragraph of the RCIT statement in English, Spanish, Russian, Portuguese and Korean, and what does each version lack?',
  tables: ['alignments', 'alignment_differences', 'documents'],
  sql: `
WITH groups AS (
  SELECT align_group, min(paragraph_n) FILTER (WHERE language = 'en') AS en_position
  FROM alignments WHERE align_group LIKE '${statement}#%' GROUP BY ALL
), versions AS (
  SELECT doc_id, language, section FROM documents WHERE source_id = '${statement}'
), differences AS (
  SELECT align_group, doc_id,
    count(*) FILTER (WHERE kind = 'missing_paragraph')::INTEGER AS missing_paragraph,
    count(*) FILTER (WHERE kind = 'missing_entity')::INTEGER AS missing_entities,
    count(*) FILTER (WHERE kind = 'missing_event')::INTEGER AS missing_events,
    count(*) FILTER (WHERE kind = 'missing_claim')::INTEGER AS missing_claims,
    count(*) FILTER (WHERE kind = 'claim_value')::INTEGER AS claim_values,
    count(*) FILTER (WHERE cause = 'capture')::INTEGER AS capture_losses
  FROM alignment_differences GROUP BY ALL
)
SELECT g.align_group, g.en_position, v.language, v.doc_id, a.paragraph_n, a.n_chars,
  a.n_mentions, a.n_event_mentions, a.n_claims,
  coalesce(x.missing_paragraph, 0) AS missing_paragraph, coalesce(x.missing_entities, 0) AS missing_entities,
  coalesce(x.missing_events, 0) AS missing_events, coalesce(x.missing_claims, 0) AS missing_claims,
  coalesce(x.claim_values, 0) AS claim_values, coalesce(x.capture_losses, 0) AS capture_losses
FROM groups g CROSS JOIN versions v
LEFT JOIN alignments a ON a.align_group = g.align_group AND a.doc_id = v.doc_id
LEFT JOIN differences x ON x.align_group = g.align_group AND x.doc_id = v.doc_id
ORDER BY g.en_position, g.align_group, v.section`,
  fields: {
    align_group: column('alignments.align_group'),
    en_position: "paragraphs.n of the group's English paragraph: the order of the figure's rows",
    language: column('documents.language', 'of the version'),
    doc_id: column('alignments.doc_id'),
    paragraph_n: column('alignments.paragraph_n', 'empty when the version has no paragraph in the group'),
    n_chars: column('alignments.n_chars'),
    n_mentions: column('alignments.n_mentions'),
    n_event_mentions: column('alignments.n_event_mentions'),
    n_claims: column('alignments.n_claims'),
    missing_paragraph:
      'rows of alignment_differences of kind missing_paragraph for the version in the group: 1 when its paragraph is missing',
    missing_entities: 'entities the aligned paragraphs mention and this version does not (alignment_differences of kind missing_entity)',
    missing_events: 'events the aligned paragraphs refer to and this version does not (kind missing_event)',
    missing_claims: 'claims the aligned paragraphs make and this version does not (kind missing_claim)',
    claim_values: 'claims whose number differs from the aligned paragraphs (kind claim_value)',
    capture_losses:
      'differences of the version in the group caused by the capture (alignment_differences.cause = capture), not by the translation',
  },
  caption(rows) {
    const missing = rows.filter((r) => r.n_chars === null);
    const byLang = (lang: string) => rows.filter((r) => r.language === lang && r.n_chars !== null);
    const present = (lang: string) => new Set(byLang(lang).map((r) => str(r.align_group)));
    const ko = present('ko');
    const chars = (lang: string) =>
      byLang(lang)
        .filter((r) => ko.has(str(r.align_group)))
        .reduce((n, r) => n + num(r.n_chars), 0);
    const ratio = chars('en') ? (chars('ko') / chars('en')).toFixed(2) : '?';
    const lost = rows.reduce((n, r) => n + num(r.capture_losses ?? 0), 0);
    return (
      `Bars: length of each aligned paragraph in characters (code points). Spanish, Russian and Portuguese run close to the ` +
      `English; Korean is about ${ratio} of the English length in the paragraphs it has: Hangul writes a syllable per character, ` +
      `and the Korean capture also lost characters and breaks off (quality flags missing_characters and truncated), so the ratio mixes both. ` +
      `${missing.length} paragraph versions are missing (×): ${listText(distinct(missing.map((r) => `${str(r.language)} ${paragraph(r)}`)))}. ` +
      `Below: what each version lacks compared with at least one other version of the same paragraph (an entity, event or claim ` +
      `found there but not here), or a claimed number stated differently ("≠ value"; vague words whose lexicon readings overlap, ` +
      `such as "dozens" and "decenas", count as the same). ${lost} of these differences come after the point where a capture breaks off ` +
      `(alignment_differences.cause = 'capture'): losses of the capture, not of the translation. They come from the annotations, not from reading every sentence: ` +
      `a difference of wording with the same entities and numbers is not counted.`
    );
  },
  legend: (rows) => ({
    title: 'Version',
    items: [
      ...languages.filter((l) => rows.some((r) => r.language === l)).map((l) => ({ label: l, color: languageColors[l]! })),
      { label: 'paragraph missing (×)', color: '#fbd9d9', swatch: 'square' as const },
    ],
  }),
  plot(rows, ctx) {
    const paragraphs = distinct(rows.map(paragraph));
    const langs = distinct(rows.map((r) => str(r.language)));
    const width = 900;
    const marginLeft = 50;
    const fx = { domain: paragraphs, padding: 0.12, label: null };
    const lengths = chart(ctx, {
      width,
      height: 250,
      marginLeft,
      marginRight: 0,
      marginTop: 24,
      marginBottom: 26,
      fx: { ...fx, axis: 'bottom', tickSize: 0 },
      x: { domain: langs, axis: null, padding: 0.1 },
      y: { label: '↑ characters', grid: true, tickFormat: (d: number) => formatCount(d) },
      color: { domain: [...languages], range: languages.map((l) => languageColors[l]!) },
      marks: [
        Plot.barY(
          rows.filter((r) => r.n_chars !== null),
          { fx: paragraph, x: 'language', y: 'n_chars', fill: 'language' },
        ),
        Plot.text(
          rows.filter((r) => r.n_chars === null),
          { fx: paragraph, x: 'language', y: 0, text: () => '×', fill: missingColor, fontSize: 15, fontWeight: 'bold', dy: -8 },
        ),
        Plot.ruleY([0]),
      ],
    });
    const cellFill = (r: Row) => (num(r.missing_paragraph) > 0 ? '#fbd9d9' : differenceLines(r).length ? '#fdf1cf' : '#f4f4f4');
    const differences = chart(ctx, {
      width,
      height: langs.length * 52,
      marginLeft,
      marginRight: 0,
      marginTop: 0,
      marginBottom: 0,
      fx: { ...fx, axis: null },
      y: { domain: langs, label: null, tickSize: 0, padding: 0.06 },
      marks: [
        Plot.cell(rows, { fx: paragraph, y: 'language', fill: cellFill }),
        Plot.text(rows, {
          fx: paragraph,
          y: 'language',
          text: (r: Row) => differenceLines(r).join('\n'),
          fontSize: 10,
          lineHeight: 1.15,
          fill: (r: Row) => (num(r.missing_paragraph) > 0 ? missingColor : '#333'),
        }),
      ],
    });
    return vstack([lengths, differences], 10);
  },
};

if (isMain(import.meta.url)) await runAlone([rcitVersions], process.argv.slice(2));
