// The release's README.md, a dataset card generated from raw/dataset.yaml, the changelog,
// schemas/tables/ and the released rows (sources, codes, quality flags, edits), never written by
// hand. Every string taken from the data is escaped, so a text holding `<script>` stays text in any
// Markdown renderer.
import type { CodebookChange } from '../annotate/types.js';
import { columns, primaryKey, tableSchema } from '../lib/duckdb.js';
import { groupBy } from '../lib/group.js';
import { reliabilityLines, type ReliabilitySummary } from '../reliability/summary.js';
import type { ActorTypeRow, CodeRow, QualityFlagRow, SourceRow, TableName } from '../tables.js';
import { tableNames } from '../tables.js';
import { citationText, type DatasetInfo } from './dataset.js';
import type { ReleaseFile } from './files.js';
import { hfFrontMatterBlock } from './hf-front-matter.js';
import { code, integer, md, table } from './markdown.js';

export interface FigureMeta {
  name: string;
  title: string;
  question: string;
  caption: string;
}

export interface EditSummary {
  rule: string;
  source_id: string;
  edits: number;
  removed_cp: number;
}

/**
 * The columns of sources the card shows: the release reads only these (the basis texts, evidence
 * and reasons, are most of a source row; at 1000x the corpus the 30,000 rows read whole were the
 * release stage's memory peak).
 */
export const cardSourceColumns = [
  'source_id',
  'actor_type',
  'actor_type_basis',
  'actor_country',
  'actor_country_basis',
  'title',
  'title_basis',
  'author',
  'author_basis',
  'publisher',
  'publisher_basis',
  'date_start',
  'date_end',
  'date_basis',
  'url',
  'url_basis',
  'rights',
] as const satisfies readonly (keyof SourceRow)[];
export type CardSource = Pick<SourceRow, (typeof cardSourceColumns)[number]>;

export interface CardInput {
  info: DatasetInfo;
  /** Every release file the card lists (all but the card itself and SHA256SUMS). */
  files: readonly ReleaseFile[];
  rows: Record<TableName, number>;
  sources: readonly CardSource[];
  /** The vocabulary of sources.actor_type, in its order. */
  actorTypes: readonly ActorTypeRow[];
  documents: readonly {
    doc_id: string;
    source_id: string;
    language: string;
    is_translation: boolean;
    n_words: number;
    n_sentences: number;
    annotation_status: string;
    sentences_coded: number;
    sentences_uncoded: number;
    open_suggestions: number;
  }[];
  codes: readonly CodeRow[];
  /** The changelog of raw/codebook.yaml, oldest version first. */
  codebookChanges: readonly CodebookChange[];
  flags: readonly QualityFlagRow[];
  edits: readonly EditSummary[];
  figures: readonly FigureMeta[];
  /** Agreement of a blind second coding of a sample, or why there is none yet (as in QUALITY.md). */
  reliability: ReliabilitySummary;
}

function provenance(value: string | null, basis: string | null): string {
  if (value === null) return 'not stated';
  return basis === 'inferred' ? `${value} (inferred)` : basis === 'collected' ? `${value} (recorded when collected)` : value;
}

function filesSection(input: CardInput): string {
  const rowsOf = (f: ReleaseFile) => (f.table ? integer(input.rows[f.table]) : '');
  return [
    '## Files',
    '',
    'Every table comes as CSV (UTF-8, RFC 4180, header row, `\\n` line ends; an empty cell is NULL, `""` an empty string) and as Parquet (zstd); `qantar.duckdb` holds all tables with types, primary keys and a comment on every table and column. `SHA256SUMS` covers every file, this card included.',
    '',
    table(
      ['file', 'rows', 'bytes', 'sha256'],
      input.files.map((f) => [f.path, rowsOf(f), integer(f.bytes), f.sha256]),
    ),
  ].join('\n');
}

function fieldsSection(input: CardInput): string {
  const parts = [
    '## Tables and fields',
    '',
    'Generated from `schemas/tables/`; the same descriptions are the comments in `qantar.duckdb`.',
  ];
  for (const t of tableNames) {
    const schema = tableSchema(t);
    const fks = (schema['x-foreignKeys'] ?? []).map((fk) => `${fk.fields.join(', ')} → ${fk.table}.${fk.references.join(', ')}`);
    parts.push(
      '',
      `### ${t}`,
      '',
      `${md(schema.description ?? '')} ${integer(input.rows[t])} rows. Primary key: ${primaryKey(t).map(code).join(', ')}.` +
        (fks.length ? ` References: ${fks.map(md).join('; ')}.` : ''),
      '',
      table(
        ['field', 'type', 'null', 'description'],
        columns(t).map((c) => [code(c.name), c.type, c.nullable ? 'yes' : 'no', c.description]),
      ),
    );
  }
  return parts.join('\n');
}

/** A source's actor as the card shows it: the type's label and the country, each marked when inferred. */
function actorCell(s: CardSource, labels: ReadonlyMap<string, string>): string {
  if (s.actor_type_basis === null) return 'not recorded';
  const type = s.actor_type === null ? 'unknown' : provenance(labels.get(s.actor_type) ?? s.actor_type, s.actor_type_basis);
  return s.actor_country === null ? type : `${type}, ${provenance(s.actor_country, s.actor_country_basis)}`;
}

/**
 * Who speaks: sources and documents (drafts among them) per actor type, every type of the
 * vocabulary listed even with no source, then the sources whose actor is unknown and those whose
 * actor was never recorded (added with make add without ACTOR=).
 */
export function actorTypeCounts(input: Pick<CardInput, 'sources' | 'actorTypes' | 'documents'>): string {
  const docs = groupBy(input.documents, (d) => d.source_id);
  const count = (label: string, sources: readonly CardSource[]) => {
    const documents = sources.flatMap((s) => docs.get(s.source_id) ?? []);
    return [label, sources.length, documents.length, documents.filter((d) => d.annotation_status === 'draft').length];
  };
  const rows = input.actorTypes.map((t) =>
    count(
      `${t.label} (${code(t.actor_type_id)})`,
      input.sources.filter((s) => s.actor_type === t.actor_type_id),
    ),
  );
  const unknown = input.sources.filter((s) => s.actor_type === null && s.actor_type_basis !== null);
  const notRecorded = input.sources.filter((s) => s.actor_type_basis === null);
  rows.push(count('unknown (the reason is in `sources.actor_type_support`)', unknown), count('actor type not recorded', notRecorded));
  const types = new Set(input.sources.flatMap((s) => (s.actor_type === null ? [] : [s.actor_type])));
  return [
    `Who speaks: ${integer(input.documents.length)} documents from ${integer(input.sources.length)} sources, by ${integer(types.size)} of the ${integer(input.actorTypes.length)} actor types (table \`actor_types\`, with their definitions). The actor is whoever made the statement, not the site that carries it; its country (\`sources.actor_country\`, ISO 3166-1, an organisation's seat) and both fields' basis are in \`sources\`. ${integer(notRecorded.length)} ${notRecorded.length === 1 ? 'source has' : 'sources have'} no actor type recorded yet.`,
    '',
    table(['actor type', 'sources', 'documents', 'of them drafts'], rows),
  ].join('\n');
}

function sourcesSection(input: CardInput): string {
  const docs = groupBy(input.documents, (d) => d.source_id);
  const labels = new Map(input.actorTypes.map((t) => [t.actor_type_id, t.label]));
  const rows = input.sources.map((s) => [
    code(s.source_id),
    actorCell(s, labels),
    provenance(s.title, s.title_basis),
    provenance(s.author, s.author_basis),
    provenance(s.publisher, s.publisher_basis),
    s.date_start === null
      ? 'not stated'
      : provenance(s.date_start === s.date_end ? s.date_start : `${s.date_start} to ${s.date_end}`, s.date_basis),
    provenance(s.url, s.url_basis),
    (docs.get(s.source_id) ?? []).map((d) => d.language).join(', '),
  ]);
  const rights = input.sources.map((s) => `- ${code(s.source_id)}: ${md(s.rights)}`);
  return [
    '## Sources and rights',
    '',
    actorTypeCounts(input),
    '',
    'What each text states about itself; "(inferred)" marks what the project inferred (the reason is in `sources.*_support`), "not stated" what neither the text says nor could be inferred.',
    '',
    table(['source', 'actor (country)', 'title', 'author', 'publisher', 'date', 'URL', 'languages'], rows),
    '',
    md(input.info.text_rights),
    '',
    ...rights,
  ].join('\n');
}

/** How far the coding has come: complete documents, and each draft with its coverage. */
function codingSection(input: CardInput): string {
  const drafts = input.documents.filter((d) => d.annotation_status === 'draft');
  const complete = input.documents.length - drafts.length;
  const parts = [
    '## Coding status',
    '',
    drafts.length === 0
      ? `All ${integer(complete)} documents are complete: every sentence carries a code or is marked uncoded with a reason.`
      : `${integer(complete)} of ${integer(input.documents.length)} documents are complete (every sentence carries a code or is marked uncoded with a reason); ${integer(drafts.length)} ${drafts.length === 1 ? 'is a draft' : 'are drafts'}: added with \`make add\`, their coding is not finished, so a sentence without a code says nothing about it, and their suggestions are not annotations. Tables and figures include the drafts; filter on \`documents.annotation_status = 'complete'\` to leave them out.`,
  ];
  if (drafts.length)
    parts.push(
      '',
      table(
        ['draft document', 'language', 'sentences', 'coded', 'uncoded', 'open suggestions'],
        drafts.map((d) => [code(d.doc_id), d.language, d.n_sentences, d.sentences_coded, d.sentences_uncoded, d.open_suggestions]),
      ),
    );
  return parts.join('\n');
}

function reliabilitySection(input: CardInput): string {
  return ['## Reliability', '', ...reliabilityLines(input.reliability, { table, text: md })].join('\n');
}

function collectionSection(input: CardInput): string {
  const byRule = [...groupBy(input.edits, (e) => e.rule)].map(([rule, list]) => [
    code(rule),
    list.map((e) => e.source_id).join(', '),
    list.reduce((a, e) => a + e.edits, 0),
    list.reduce((a, e) => a + e.removed_cp, 0),
  ]);
  return [
    '## Collection and cleaning',
    '',
    md(input.info.collection),
    '',
    'Cleaning removes capture noise (banners, tag lines, glued URLs, repeated sentences, padding) and repairs lost spaces. Every change is a row of `edits` with its rule and its raw and clean offsets; the raw text is rebuilt exactly from the clean text and its edits, and a test checks it for every source.',
    '',
    table(['rule', 'sources', 'edits', 'code points removed'], byRule),
  ].join('\n');
}

function guidelinesSection(input: CardInput): string {
  const version = input.codes[0]?.codebook_version;
  const parts = [
    '## Annotation guidelines',
    '',
    `Codebook version ${version}: ${input.codes.length} codes in ${groupBy(input.codes, (c) => c.category).size} categories. In a complete document, in any language, every sentence carries at least one code or is explicitly left uncoded with a reason; a draft's coding is unfinished. The four translations of the RCIT statement carry the codes of the aligned English paragraph (\`method = projected\`) unless coded directly. Annotations anchor on quotes, never on offsets. The full guide is \`docs/ANNOTATION.md\` in the repository.`,
  ];
  for (const [category, codes] of groupBy(input.codes, (c) => c.category)) {
    parts.push('', `### ${md(codes[0]!.category_label)} (${code(category)})`, '');
    for (const c of codes)
      parts.push(`- ${code(c.code_id)} **${md(c.label)}**: ${md(c.definition)} *Rule:* ${md(c.rule)}${sinceVersion(c)}`);
  }
  parts.push('', codebookChangesSection(input.codebookChanges));
  return parts.join('\n');
}

/** When a code is newer than the first codebook or was redefined, the versions that say so. */
function sinceVersion(c: CodeRow): string {
  const notes = [
    ...(c.version_added > 1 ? [`added in version ${c.version_added}`] : []),
    ...(c.version_redefined !== null ? [`redefined in version ${c.version_redefined}`] : []),
  ];
  return notes.length ? ` (${notes.join(', ')})` : '';
}

/** The codebook's changelog, newest version first, as the codebook YAML states it. */
function codebookChangesSection(changes: readonly CodebookChange[]): string {
  const parts = [
    '### Codebook changelog',
    '',
    'Each annotation file names the codebook version it was coded with; the build rejects a file coded under an older version until it is re-read against the codes changed since.',
  ];
  for (const e of [...changes].reverse()) {
    parts.push('', `- **Version ${e.version}**: ${md(e.summary)}`);
    if (e.added) parts.push(`  - added: ${e.added.map(code).join(', ')}`);
    for (const r of e.redefined ?? []) parts.push(`  - redefined ${code(r.code)}: ${md(r.change)}`);
    for (const r of e.removed ?? []) parts.push(`  - removed ${code(r.code)}: ${md(r.change)}`);
    if (e.reread) parts.push(`  - re-read under this version: ${e.reread.map(code).join(', ')}`);
  }
  return parts.join('\n');
}

function defectsSection(input: CardInput): string {
  const counts = [...groupBy(input.flags, (f) => f.doc_id)].map(([doc, flags]) => [
    code(doc),
    [...groupBy(flags, (f) => f.flag)].map(([flag, list]) => `${flag} ${list.length}`).join(', '),
  ]);
  return [
    '## Known defects and limitations',
    '',
    `The \`quality_flags\` table lists ${integer(input.flags.length)} known defects of the texts, each with its offsets and a note:`,
    '',
    table(['document', 'flags'], counts),
    '',
    table(
      ['document', 'flag', 'basis', 'quote', 'note'],
      input.flags.map((f) => [f.doc_id, f.flag, f.basis, f.quote, f.note]),
    ),
    '',
    'Biases:',
    '',
    ...input.info.biases.map((b) => `- ${md(b)}`),
    '',
    'Limitations:',
    '',
    ...input.info.limitations.map((l) => `- ${md(l)}`),
    '',
    `Personal information: ${md(input.info.personal_information)}`,
    '',
    `Uses: ${md(input.info.use_cases)}`,
  ].join('\n');
}

function figuresSection(input: CardInput): string {
  const parts = [
    '## Figures',
    '',
    'Each figure is a folder in `figures/` with the SVG, a PNG, the SQL it ran, the rows it plotted (CSV) and a JSON with the version and the hashes of its inputs.',
  ];
  for (const f of input.figures) {
    parts.push(
      '',
      `### ${md(f.title)} (${code(f.name)})`,
      '',
      `${md(f.question)}`,
      '',
      `![${md(f.title)}](figures/${f.name}/${f.name}.png)`,
      '',
      md(f.caption),
    );
  }
  return parts.join('\n');
}

export function renderCard(input: CardInput): string {
  const { info } = input;
  const documents = input.rows.documents;
  const sections = [
    hfFrontMatterBlock(input) + `# ${md(info.title)}`,
    '',
    `Version ${info.version} (${info.released}) · ${integer(documents)} documents (${integer(input.documents.filter((d) => d.annotation_status === 'draft').length)} drafts) from ${integer(input.rows.sources)} sources · ${integer(tableNames.reduce((a, t) => a + input.rows[t], 0))} rows in ${tableNames.length} tables · licence ${info.licence.id} (the texts keep their own rights)`,
    '',
    md(info.summary),
    '',
    filesSection(input),
    '',
    fieldsSection(input),
    '',
    sourcesSection(input),
    '',
    codingSection(input),
    '',
    reliabilitySection(input),
    '',
    collectionSection(input),
    '',
    guidelinesSection(input),
    '',
    defectsSection(input),
    '',
    figuresSection(input),
    '',
    '## Licence',
    '',
    `${md(info.licence.title)} (${info.licence.id}, ${info.licence.path}): ${md(info.licence.scope)}`,
    '',
    md(info.text_rights),
    '',
    '## How to cite',
    '',
    md(citationText(info)),
    '',
    'Machine-readable: `CITATION.cff`, `datapackage.json` (Frictionless Data Package v2), `croissant.json` (MLCommons Croissant 1.0).',
    '',
    '## Changelog',
    '',
    // One level down, under this section's heading.
    info.changelog.replace(/^## /gm, '### '),
  ];
  return sections.join('\n').trimEnd() + '\n';
}
