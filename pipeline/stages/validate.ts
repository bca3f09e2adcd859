// Stage validate: every produced row against its table schema, plus what no schema can express:
// keys unique, references resolvable, offsets that cut exactly the text they claim, counts that
// add up, and the raw texts rebuilt byte for byte from clean texts plus edits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rebuildRaw } from '../clean/editable-text.js';
import { readNdjson, sha256, writeFolderAtomic } from '../lib/files.js';
import { groupBy } from '../lib/group.js';
import { repoRoot } from '../lib/paths.js';
import { failOn, type Problem } from '../lib/problems.js';
import { loadSchema, validateRows } from '../lib/schemas.js';
import { changelogFile, datasetFile, readDatasetInfo } from '../release/dataset.js';
import type { Stage } from '../runner.js';
import {
  tableNames,
  type AnnotationRow,
  type ClaimRow,
  type EventMentionRow,
  type MentionRow,
  type TableName,
  type Tables,
} from '../tables.js';
import { cleanDir } from './clean.js';
import { annotateDir } from './annotate.js';
import { flagsDir } from './flags.js';

export const validateDir = 'build/work/validate';

/** Where each table's rows are after the stages that produce them. */
export const tableFiles: Record<TableName, string> = {
  sources: `${cleanDir}/sources.ndjson`,
  documents: `${cleanDir}/documents.ndjson`,
  paragraphs: `${cleanDir}/paragraphs.ndjson`,
  sentences: `${cleanDir}/sentences.ndjson`,
  edits: `${cleanDir}/edits.ndjson`,
  quality_flags: `${flagsDir}/quality_flags.ndjson`,
  codes: `${annotateDir}/codes.ndjson`,
  lexicon: `${annotateDir}/lexicon.ndjson`,
  entities: `${annotateDir}/entities.ndjson`,
  events: `${annotateDir}/events.ndjson`,
  annotations: `${annotateDir}/annotations.ndjson`,
  mentions: `${annotateDir}/mentions.ndjson`,
  event_mentions: `${annotateDir}/event_mentions.ndjson`,
  claims: `${annotateDir}/claims.ndjson`,
  alignments: `${annotateDir}/alignments.ndjson`,
  alignment_differences: `${annotateDir}/alignment_differences.ndjson`,
};

export function readTables(): Tables {
  return Object.fromEntries(tableNames.map((t) => [t, readNdjson(join(repoRoot, tableFiles[t]))])) as unknown as Tables;
}

export const validateStage: Stage = {
  name: 'validate',
  description: 'rows against table schemas, keys, references, offsets, raw rebuild; dataset metadata',
  inputs: () => [cleanDir, flagsDir, annotateDir, 'raw/texts', datasetFile, changelogFile],
  outputs: [validateDir],
  async run() {
    const tables = readTables();
    const rawTexts = new Map(tables.sources.map((s) => [s.source_id, readFileSync(join(repoRoot, s.file), 'utf8')]));
    // The release's own metadata is checked here too, so `make validate` reports its problems.
    failOn([...checkTables(tables, rawTexts), ...readDatasetInfo().problems]);
    const rows = Object.fromEntries(tableNames.map((t) => [t, tables[t].length]));
    writeFolderAtomic(join(repoRoot, validateDir), { 'report.json': JSON.stringify({ rows, problems: [] }, null, 2) + '\n' });
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    return { summary: `${total} rows in ${tableNames.length} tables checked, 0 problems` };
  },
};

export function checkTables(tables: Tables, rawTexts: ReadonlyMap<string, string>): Problem[] {
  const problems: Problem[] = [];
  const fail = (table: TableName, row: number, code: string, message: string) =>
    problems.push({
      code: `check/${code}`,
      file: tableFiles[table],
      line: row + 1,
      column: 1,
      message,
      hint: 'this is a bug in the pipeline, not in your input: please report it with this message',
    });

  for (const table of tableNames) {
    const schema = loadSchema(`tables/${table}`);
    const rows = tables[table] as unknown as Record<string, unknown>[];
    for (const { row, message } of validateRows(`tables/${table}`, rows)) fail(table, row, 'schema', message);
    // Primary keys are unique.
    const pk = schema['x-primaryKey'] ?? [];
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const key = JSON.stringify(pk.map((k) => r[k]));
      if (seen.has(key)) fail(table, i, 'duplicate-key', `duplicate ${pk.join(', ')} ${key}`);
      seen.add(key);
    });
    // Foreign keys resolve (a NULL reference is allowed).
    for (const fk of schema['x-foreignKeys'] ?? []) {
      const target = tables[fk.table as TableName] as unknown as Record<string, unknown>[];
      const keys = new Set(target.map((t) => JSON.stringify(fk.references.map((k) => t[k]))));
      rows.forEach((r, i) => {
        const values = fk.fields.map((k) => r[k]);
        if (values.some((v) => v === null)) return;
        if (!keys.has(JSON.stringify(values)))
          fail(table, i, 'dangling-reference', `${fk.fields.join(', ')} ${JSON.stringify(values)} not found in ${fk.table}`);
      });
    }
  }

  // Offsets cut exactly the text each row carries.
  const docs = new Map(tables.documents.map((d) => [d.doc_id, { cps: Array.from(d.text) }]));
  const slice = (docId: string, start: number, end: number) => docs.get(docId)?.cps.slice(start, end).join('');
  tables.paragraphs.forEach((p, i) => {
    if (slice(p.doc_id, p.start_cp, p.end_cp) !== p.text)
      fail('paragraphs', i, 'offsets', `${p.paragraph_id}: offsets do not cut its text`);
  });
  tables.sentences.forEach((s, i) => {
    if (slice(s.doc_id, s.start_cp, s.end_cp) !== s.text) fail('sentences', i, 'offsets', `${s.sentence_id}: offsets do not cut its text`);
  });
  tables.quality_flags.forEach((f, i) => {
    if (slice(f.doc_id, f.start_cp, f.end_cp) !== f.quote)
      fail('quality_flags', i, 'offsets', `${f.flag_id}: offsets do not cut its quote`);
  });
  const spans: [TableName, (r: never) => [string, number, number, string, string]][] = [
    ['annotations', (a: AnnotationRow) => [a.doc_id, a.start_cp, a.end_cp, a.quote, a.annotation_id]],
    ['mentions', (m: MentionRow) => [m.doc_id, m.start_cp, m.end_cp, m.surface, m.mention_id]],
    ['event_mentions', (e: EventMentionRow) => [e.doc_id, e.start_cp, e.end_cp, e.quote, e.event_mention_id]],
    ['claims', (c: ClaimRow) => [c.doc_id, c.start_cp, c.end_cp, c.raw_phrase, c.claim_id]],
  ];
  for (const [table, fields] of spans) {
    (tables[table] as never[]).forEach((r, i) => {
      const [doc, start, end, text, id] = fields(r);
      if (slice(doc, start, end) !== text) fail(table, i, 'offsets', `${id}: offsets do not cut its text`);
    });
  }
  tables.edits.forEach((e, i) => {
    if (slice(e.doc_id, e.clean_start_cp, e.clean_end_cp) !== e.inserted)
      fail('edits', i, 'offsets', `${e.edit_id}: clean offsets do not cut the inserted text`);
  });

  // Rows grouped by document once, so each check below is linear in the number of rows.
  const paragraphsOf = groupBy(tables.paragraphs, (p) => p.doc_id);
  const sentencesOf = groupBy(tables.sentences, (s) => s.doc_id);
  const editsOf = groupBy(tables.edits, (e) => e.doc_id);
  const documentsOf = groupBy(tables.documents, (d) => d.source_id);

  // Counts and hashes of documents add up.
  tables.documents.forEach((d, i) => {
    const entry = docs.get(d.doc_id)!;
    if (d.n_chars !== entry.cps.length)
      fail('documents', i, 'count', `${d.doc_id}: n_chars ${d.n_chars} but the text has ${entry.cps.length} code points`);
    if (d.sha256 !== sha256(d.text)) fail('documents', i, 'hash', `${d.doc_id}: sha256 does not match the text`);
    const np = paragraphsOf.get(d.doc_id)?.length ?? 0;
    const ns = sentencesOf.get(d.doc_id)?.length ?? 0;
    if (np !== d.n_paragraphs || ns !== d.n_sentences)
      fail('documents', i, 'count', `${d.doc_id}: counts ${d.n_paragraphs}/${d.n_sentences} but ${np} paragraphs and ${ns} sentences`);
  });

  // The raw texts are rebuilt exactly: clean documents plus edits, in raw order.
  tables.sources.forEach((s, i) => {
    const rebuilt = [...(documentsOf.get(s.source_id) ?? [])]
      .sort((a, b) => a.section - b.section)
      .map((d) => {
        const toUtf16 = utf16Offsets(d.text);
        const edits = (editsOf.get(d.doc_id) ?? []).map((e) => ({
          rawStart: e.raw_start_cp,
          rawEnd: e.raw_end_cp,
          cleanStart: toUtf16(e.clean_start_cp),
          cleanEnd: toUtf16(e.clean_end_cp),
          removed: e.removed,
        }));
        return rebuildRaw(d.text, edits);
      })
      .join('');
    if (rebuilt !== rawTexts.get(s.source_id))
      fail('sources', i, 'raw-rebuild', `${s.source_id}: clean texts plus edits do not rebuild the raw text`);
  });
  return problems;
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
