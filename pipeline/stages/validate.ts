// Stage validate: every produced row against its table schema, plus what no schema can express:
// keys unique, references resolvable, offsets that cut exactly the text they claim, counts that
// add up, and the raw texts rebuilt byte for byte from clean texts plus edits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rebuildRaw } from '../clean/editable-text.js';
import { codePointText } from '../lib/codepoints.js';
import { sha256, writeFolderAtomic } from '../lib/files.js';
import { KeySet } from '../lib/key-set.js';
import { bySource, NdjsonReader, type RowStream } from '../lib/ndjson.js';
import { groupBy } from '../lib/group.js';
import { repoRoot } from '../lib/paths.js';
import { failOn, type Problem } from '../lib/problems.js';
import { loadSchema, validateRows, type JsonSchema } from '../lib/schemas.js';
import { changelogFile, datasetFile, readDatasetInfo } from '../release/dataset.js';
import type { Stage } from '../runner.js';
import {
  tableNames,
  type AnnotationRow,
  type ClaimRow,
  type AnnotatedDocumentRow,
  type DocumentRow,
  type EditRow,
  type EventMentionRow,
  type MentionRow,
  type QualityFlagRow,
  type TableName,
  type Tables,
} from '../tables.js';
import { cleanDir } from './clean.js';
import { annotateDir } from './annotate.js';
import { flagsDir } from './flags.js';
import { reliabilityDir } from './reliability.js';

export const validateDir = 'build/work/validate';

/** Where each table's rows are after the stages that produce them. */
export const tableFiles: Record<TableName, string> = {
  actor_types: `${cleanDir}/actor_types.ndjson`,
  sources: `${cleanDir}/sources.ndjson`,
  documents: `${annotateDir}/documents.ndjson`,
  paragraphs: `${cleanDir}/paragraphs.ndjson`,
  sentences: `${cleanDir}/sentences.ndjson`,
  edits: `${cleanDir}/edits.ndjson`,
  quality_flags: `${flagsDir}/quality_flags.ndjson`,
  codes: `${annotateDir}/codes.ndjson`,
  lexicon: `${annotateDir}/lexicon.ndjson`,
  entities: `${annotateDir}/entities.ndjson`,
  entity_forms: `${annotateDir}/entity_forms.ndjson`,
  reference_sources: `${annotateDir}/reference_sources.ndjson`,
  events: `${annotateDir}/events.ndjson`,
  reference_facts: `${annotateDir}/reference_facts.ndjson`,
  annotations: `${annotateDir}/annotations.ndjson`,
  mentions: `${annotateDir}/mentions.ndjson`,
  event_mentions: `${annotateDir}/event_mentions.ndjson`,
  claims: `${annotateDir}/claims.ndjson`,
  claim_references: `${annotateDir}/claim_references.ndjson`,
  alignments: `${annotateDir}/alignments.ndjson`,
  alignment_differences: `${annotateDir}/alignment_differences.ndjson`,
  reliability: `${reliabilityDir}/reliability.ndjson`,
  reliability_disagreements: `${reliabilityDir}/reliability_disagreements.ndjson`,
};

export const validateStage: Stage = {
  name: 'validate',
  description: 'rows against table schemas, keys, references, offsets, raw rebuild; dataset metadata',
  inputs: () => [cleanDir, flagsDir, annotateDir, reliabilityDir, 'raw/texts', datasetFile, changelogFile],
  outputs: [validateDir],
  async run() {
    // One source's rows at a time; only keys are kept for the whole corpus.
    const readers = Object.fromEntries(tableNames.map((t) => [t, new NdjsonReader(join(repoRoot, tableFiles[t]))])) as {
      [T in TableName]: NdjsonReader<Tables[T][number]>;
    };
    let result: ReturnType<typeof checkTables>;
    try {
      result = checkTables(readers, (file) => readFileSync(join(repoRoot, file), 'utf8'));
    } finally {
      for (const r of Object.values<NdjsonReader<unknown>>(readers)) r.close();
    }
    // The release's own metadata is checked here too, so `make validate` reports its problems.
    failOn([...result.problems, ...readDatasetInfo().problems]);
    const rows = result.rows;
    // The checks each table passed, with the rows each covered: the release's QA report lists them.
    const report = { rows, checks: result.checks, problems: [] };
    writeFolderAtomic(join(repoRoot, validateDir), { 'report.json': JSON.stringify(report, null, 2) + '\n' });
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    return { summary: `${total} rows in ${tableNames.length} tables checked, 0 problems` };
  },
};

/** Every table as a stream of rows in file order. */
export type TableStreams = { [T in TableName]: RowStream<Tables[T][number]> };

/** The tables of one source's documents, checked together (quality flags are sorted by document, so they come apart). */
const perSource = [
  'paragraphs',
  'sentences',
  'edits',
  'annotations',
  'mentions',
  'event_mentions',
  'claims',
  'claim_references',
  'alignments',
  'alignment_differences',
] as const satisfies readonly TableName[];
/** Small tables read whole: what the per-source rows refer to, and the flags. */
const whole = [
  'actor_types',
  'sources',
  'codes',
  'lexicon',
  'entities',
  'entity_forms',
  'reference_sources',
  'events',
  'reference_facts',
  'quality_flags',
  'reliability',
  'reliability_disagreements',
] as const satisfies readonly TableName[];

/**
 * The checks of this stage, by the code of the problem each reports (check/<code>), with what each
 * verifies. The release's QA report (QUALITY.md) prints these descriptions beside the tables each
 * check ran on, as recorded in report.json, so the list cannot drift from the code.
 */
export const checkDescriptions = {
  schema: "every row is valid against the table's JSON Schema (schemas/tables/<table>.schema.json): columns, types, enumerations, patterns",
  'duplicate-key': 'no two rows share a primary key (x-primaryKey)',
  'dangling-reference': 'every foreign key (x-foreignKeys) names an existing row; NULL references are allowed',
  'source-order': 'rows come in the order of their source, as the streaming stages rely on',
  offsets: "the code-point offsets cut exactly the text the row carries from its document's clean text",
  count: 'n_chars, n_paragraphs and n_sentences equal the code points, paragraphs and sentences of the document',
  hash: 'sha256 equals the sha256 of the clean text',
  coverage: 'sentences_coded + sentences_uncoded equals n_sentences for a complete document and is at most n_sentences for a draft',
  'raw-rebuild': 'the raw text is rebuilt byte for byte from the clean documents of its source plus their edits',
} as const;
export type CheckCode = keyof typeof checkDescriptions;

type Fail = (table: TableName, row: number, code: CheckCode, message: string) => void;
/** Records that a check ran on `rows` rows of a table. */
type Ran = (table: TableName, check: CheckCode, rows: number) => void;

/** Per table, the checks that ran and the rows each covered, tables and checks in a fixed order. */
export type ChecksRun = Record<TableName, { check: CheckCode; rows: number }[]>;

function checkLog(): { ran: Ran; checks(): ChecksRun } {
  const counts = new Map<string, number>();
  return {
    ran: (table, check, rows) => counts.set(`${table}\0${check}`, (counts.get(`${table}\0${check}`) ?? 0) + rows),
    checks: () =>
      Object.fromEntries(
        tableNames.map((t) => [
          t,
          (Object.keys(checkDescriptions) as CheckCode[]).flatMap((check) => {
            const rows = counts.get(`${t}\0${check}`);
            return rows === undefined ? [] : [{ check, rows }];
          }),
        ]),
      ) as ChecksRun,
  };
}

/**
 * Checks the tables, one source at a time: every row against its schema, keys unique, references
 * resolvable, offsets that cut exactly the text a row carries, counts and hashes of documents,
 * and each raw text (read by `readRaw`) rebuilt from its clean documents and edits.
 */
export function checkTables(
  streams: TableStreams,
  readRaw: (file: string) => string,
): { problems: Problem[]; rows: Record<TableName, number>; checks: ChecksRun } {
  const problems: Problem[] = [];
  const log = checkLog();
  const ran = log.ran;
  const fail: Fail = (table, row, code, message) =>
    problems.push({
      code: `check/${code}`,
      file: tableFiles[table],
      line: row + 1,
      column: 1,
      message,
      hint: 'this is a bug in the pipeline, not in your input: please report it with this message',
    });
  const keys = new RowKeys(fail, ran);
  const small = Object.fromEntries(whole.map((t) => [t, [...streams[t]]])) as { [T in (typeof whole)[number]]: Tables[T] };
  // The small tables' keys first, so they are known when the rows that refer to them come; their
  // own references (codes and flags name documents) are checked once every document has come.
  for (const t of whole) keys.add(t, small[t]);
  const flagsOf = groupBy(
    small.quality_flags.map((row, index) => ({ row, index })),
    (f) => f.row.doc_id,
  );

  const sourceIndex = new Map(small.sources.map((s, i) => [s.source_id, i]));
  const rebuilt = new Set<string>();
  for (const group of bySource(streams.documents, pick(streams, perSource))) {
    const at = { documents: keys.check('documents', group.documents) } as Record<TableName, number>;
    for (const t of perSource) at[t] = keys.check(t, group[t]);
    checkSource(
      group,
      at,
      group.documents.flatMap((d) => flagsOf.get(d.doc_id) ?? []),
      fail,
      ran,
    );
    const sourceId = group.documents[0]!.source_id;
    const i = sourceIndex.get(sourceId);
    if (i === undefined) continue; // a dangling reference, reported above
    rebuilt.add(sourceId);
    ran('sources', 'raw-rebuild', 1);
    if (rebuildSource(group.documents, group.edits) !== readRaw(small.sources[i]!.file))
      fail('sources', i, 'raw-rebuild', `${sourceId}: clean texts plus edits do not rebuild the raw text`);
  }
  // Rows no source took: their document is unknown (a dangling reference) or out of order.
  for (const t of perSource) {
    const at = keys.count(t);
    const left = [...streams[t]];
    keys.check(t, left);
    left.forEach((r, i) => {
      if (keys.has('documents', [r.doc_id])) fail(t, at + i, 'source-order', `a row of ${r.doc_id} comes after its source's rows`);
    });
    ran(t, 'source-order', keys.count(t));
  }
  for (const t of whole) keys.references(t, small[t], 0);
  small.sources.forEach((s, i) => {
    if (!rebuilt.has(s.source_id)) fail('sources', i, 'raw-rebuild', `${s.source_id}: no clean document rebuilds the raw text`);
  });
  return { problems, rows: keys.rows(), checks: log.checks() };
}

const pick = <T extends object, K extends keyof T>(o: T, names: readonly K[]) =>
  Object.fromEntries(names.map((k) => [k, o[k]])) as Pick<T, K>;

const field = (r: object, k: string) => (r as Record<string, unknown>)[k];

/**
 * Schema, primary and foreign keys of rows arriving table by table, in file order. The keys are
 * kept for the whole corpus, as 128-bit hashes (KeySet: 16 bytes a slot; with the key strings
 * the stage's live heap was 600-1000 MB at 1000x the corpus, 681 MiB peak RSS with hashes).
 */
/**
 * A table's primary and foreign keys, read from its schema once: the rows come a document at a
 * time, and reading the schema file for each group of rows took 2.5 s of 11 s at 100x the corpus.
 */
function tableKeys(table: TableName): { primary: string[]; foreign: NonNullable<JsonSchema['x-foreignKeys']> } {
  let keys = keysOfTable.get(table);
  if (!keys) {
    const schema = loadSchema(`tables/${table}`);
    keysOfTable.set(table, (keys = { primary: schema['x-primaryKey'] ?? [], foreign: schema['x-foreignKeys'] ?? [] }));
  }
  return keys;
}
const keysOfTable = new Map<TableName, ReturnType<typeof tableKeys>>();

class RowKeys {
  private readonly seen = new Map<TableName, KeySet>();
  private readonly counts = new Map<TableName, number>();

  constructor(
    private readonly fail: Fail,
    private readonly ran: Ran,
  ) {}

  /** Checks the next rows of a table, references included; returns the index of the first in its file. */
  check(table: TableName, rows: readonly object[]): number {
    const base = this.add(table, rows);
    this.references(table, rows, base);
    return base;
  }

  /** Checks the next rows of a table against its schema and primary key; returns the index of the first. */
  add(table: TableName, rows: readonly object[]): number {
    const base = this.count(table);
    this.counts.set(table, base + rows.length);
    for (const { row, message } of validateRows(`tables/${table}`, rows)) this.fail(table, base + row, 'schema', message);
    this.ran(table, 'schema', rows.length);
    const pk = tableKeys(table).primary;
    if (pk.length) this.ran(table, 'duplicate-key', rows.length);
    const seen = this.seen.get(table) ?? this.seen.set(table, new KeySet()).get(table)!;
    rows.forEach((r, i) => {
      const key = JSON.stringify(pk.map((k) => field(r, k)));
      if (!seen.add(key)) this.fail(table, base + i, 'duplicate-key', `duplicate ${pk.join(', ')} ${key}`);
    });
    return base;
  }

  /** Checks that the foreign keys of rows starting at `base` resolve (a NULL reference is allowed). */
  references(table: TableName, rows: readonly object[], base: number): void {
    const fks = tableKeys(table).foreign;
    if (fks.length) this.ran(table, 'dangling-reference', rows.length);
    for (const fk of fks) {
      rows.forEach((r, i) => {
        const values = fk.fields.map((k) => field(r, k));
        if (values.some((v) => v === null)) return;
        if (!this.has(fk.table as TableName, values))
          this.fail(table, base + i, 'dangling-reference', `${fk.fields.join(', ')} ${JSON.stringify(values)} not found in ${fk.table}`);
      });
    }
  }

  has(table: TableName, key: unknown[]): boolean {
    return this.seen.get(table)?.has(JSON.stringify(key)) ?? false;
  }

  count(table: TableName): number {
    return this.counts.get(table) ?? 0;
  }

  rows(): Record<TableName, number> {
    return Object.fromEntries(tableNames.map((t) => [t, this.count(t)])) as Record<TableName, number>;
  }
}

type SourceGroup = { documents: AnnotatedDocumentRow[] } & { [T in (typeof perSource)[number]]: Tables[T] };

/** Offsets, counts and hashes of one source's rows; `at` is where each table's rows start in its file. */
function checkSource(
  group: SourceGroup,
  at: Record<TableName, number>,
  flags: readonly { row: QualityFlagRow; index: number }[],
  fail: Fail,
  ran: Ran,
): void {
  // Offsets cut exactly the text each row carries: a range outside the text cuts nothing. Sliced
  // without an array of code points per document (Array.from and join were a quarter of the stage).
  const docs = new Map(group.documents.map((d) => [d.doc_id, codePointText(d.text)]));
  const slice = (docId: string, start: number, end: number) => {
    const text = docs.get(docId);
    return text?.has(start, end) ? text.slice(start, end) : undefined;
  };
  ran('paragraphs', 'offsets', group.paragraphs.length);
  ran('sentences', 'offsets', group.sentences.length);
  ran('quality_flags', 'offsets', flags.length);
  ran('edits', 'offsets', group.edits.length);
  group.paragraphs.forEach((p, i) => {
    if (slice(p.doc_id, p.start_cp, p.end_cp) !== p.text)
      fail('paragraphs', at.paragraphs + i, 'offsets', `${p.paragraph_id}: offsets do not cut its text`);
  });
  group.sentences.forEach((s, i) => {
    if (slice(s.doc_id, s.start_cp, s.end_cp) !== s.text)
      fail('sentences', at.sentences + i, 'offsets', `${s.sentence_id}: offsets do not cut its text`);
  });
  for (const { row: f, index } of flags) {
    if (slice(f.doc_id, f.start_cp, f.end_cp) !== f.quote)
      fail('quality_flags', index, 'offsets', `${f.flag_id}: offsets do not cut its quote`);
  }
  const spans: [(typeof perSource)[number], (r: never) => [string, number, number, string, string]][] = [
    ['annotations', (a: AnnotationRow) => [a.doc_id, a.start_cp, a.end_cp, a.quote, a.annotation_id]],
    ['mentions', (m: MentionRow) => [m.doc_id, m.start_cp, m.end_cp, m.surface, m.mention_id]],
    ['event_mentions', (e: EventMentionRow) => [e.doc_id, e.start_cp, e.end_cp, e.quote, e.event_mention_id]],
    ['claims', (c: ClaimRow) => [c.doc_id, c.start_cp, c.end_cp, c.raw_phrase, c.claim_id]],
  ];
  for (const [table, fields] of spans) {
    ran(table, 'offsets', group[table].length);
    (group[table] as never[]).forEach((r, i) => {
      const [doc, start, end, text, id] = fields(r);
      if (slice(doc, start, end) !== text) fail(table, at[table] + i, 'offsets', `${id}: offsets do not cut its text`);
    });
  }
  group.edits.forEach((e, i) => {
    if (slice(e.doc_id, e.clean_start_cp, e.clean_end_cp) !== e.inserted)
      fail('edits', at.edits + i, 'offsets', `${e.edit_id}: clean offsets do not cut the inserted text`);
  });

  // Counts and hashes of documents add up.
  const paragraphsOf = groupBy(group.paragraphs, (p) => p.doc_id);
  const sentencesOf = groupBy(group.sentences, (s) => s.doc_id);
  for (const check of ['count', 'hash', 'coverage'] as const) ran('documents', check, group.documents.length);
  group.documents.forEach((d, i) => {
    const cps = docs.get(d.doc_id)!.length;
    const row = at.documents + i;
    if (d.n_chars !== cps) fail('documents', row, 'count', `${d.doc_id}: n_chars ${d.n_chars} but the text has ${cps} code points`);
    if (d.sha256 !== sha256(d.text)) fail('documents', row, 'hash', `${d.doc_id}: sha256 does not match the text`);
    const np = paragraphsOf.get(d.doc_id)?.length ?? 0;
    const ns = sentencesOf.get(d.doc_id)?.length ?? 0;
    if (np !== d.n_paragraphs || ns !== d.n_sentences)
      fail('documents', row, 'count', `${d.doc_id}: counts ${d.n_paragraphs}/${d.n_sentences} but ${np} paragraphs and ${ns} sentences`);
    // A complete document covers every sentence; a draft covers at most all of them.
    const covered = d.sentences_coded + d.sentences_uncoded;
    if (d.annotation_status === 'complete' ? covered !== d.n_sentences : covered > d.n_sentences)
      fail('documents', row, 'coverage', `${d.doc_id}: ${d.annotation_status} with ${covered} of ${d.n_sentences} sentences covered`);
  });
}

/** A source's raw text as its clean documents plus edits give it back, in raw order. */
function rebuildSource(documents: readonly DocumentRow[], edits: readonly EditRow[]): string {
  const editsOf = groupBy(edits, (e) => e.doc_id);
  return [...documents]
    .sort((a, b) => a.section - b.section)
    .map((d) => {
      const toUtf16 = utf16Offsets(d.text);
      const docEdits = (editsOf.get(d.doc_id) ?? []).map((e) => ({
        rawStart: e.raw_start_cp,
        rawEnd: e.raw_end_cp,
        cleanStart: toUtf16(e.clean_start_cp),
        cleanEnd: toUtf16(e.clean_end_cp),
        removed: e.removed,
      }));
      return rebuildRaw(d.text, docEdits);
    })
    .join('');
}

/** Code-point offset -> UTF-16 offset, for one text. */
function utf16Offsets(text: string): (cp: number) => number {
  const starts: number[] = [];
  let i = 0;
  for (const ch of text) {
    starts.push(i);
    i += ch.length;
  }
  starts.push(i);
  return (cp) => starts[cp]!;
}
