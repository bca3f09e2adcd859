// What the reliability stage and `make reliability-compare` read: the sample (from the clean
// tables), the vocabulary and the first coding (from the annotate stage's tables, restricted to
// the sampled sentences) and the second codings (the sheets, checked).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnownIds } from '../annotate/entries.js';
import type { CodebookFile } from '../annotate/types.js';
import { ndjsonRows, ndjsonRowsOfDocuments } from '../lib/ndjson.js';
import { repoRoot } from '../lib/paths.js';
import { failOn, type Problem } from '../lib/problems.js';
import type { AnnotatedDocumentRow, AnnotationRow, ClaimRow, CodeRow, EntityRow, EventRow, LexiconRow, SourceRow } from '../tables.js';
import { readYamlInput } from '../stages/raw-inputs.js';
import { parseYamlCached } from '../lib/yaml-input.js';
import type { Coding } from './compare.js';
import { readSample, type SampledDocument } from './sampled.js';
import { secondCodingDir } from './sheet.js';
import { checkSheet, type SecondCoding } from './sheets.js';

export const codebookFile = 'raw/codebook.yaml';

export interface FirstCoding {
  status: AnnotatedDocumentRow['annotation_status'];
  coding: Coding;
}

export interface ReliabilityInputs {
  sample: SampledDocument[];
  known: KnownIds;
  /** Code categories in codebook order, and the category of each code. */
  categories: string[];
  categoryOf: Map<string, string>;
  first: Map<string, FirstCoding>;
  second: Map<string, SecondCoding>;
  problems: Problem[];
}

export function loadReliabilityInputs(dirs: { clean: string; annotate: string }): ReliabilityInputs {
  const table = <T>(dir: string, name: string) => ndjsonRows<T>(join(repoRoot, dir, `${name}.ndjson`));
  const sourceFiles = new Map([...table<SourceRow>(dirs.clean, 'sources')].map((s) => [s.source_id, s.file]));
  const sample = readSample(dirs.clean, sourceFiles);
  const codes = [...table<CodeRow>(dirs.annotate, 'codes')];
  // The annotate stage has checked the codebook already; its quantities are not in a table.
  // js-yaml first and through the cache (yaml itself took ~70 ms of a 1x validate).
  const read = parseYamlCached(codebookFile, readFileSync(join(repoRoot, codebookFile), 'utf8'));
  failOn(read.problems);
  const codebook = read.data as CodebookFile;
  const known: KnownIds = {
    codebookVersion: codebook.version,
    codebookChangelog: codebook.changelog,
    codes: new Set(codes.map((c) => c.code_id)),
    quantities: new Set(codebook.quantities.map((q) => q.id)),
    events: new Set([...table<EventRow>(dirs.annotate, 'events')].map((e) => e.event_id)),
    entities: new Set([...table<EntityRow>(dirs.annotate, 'entities')].map((e) => e.entity_id)),
    lexicon: new Map([...table<LexiconRow>(dirs.annotate, 'lexicon')].map((l) => [l.lexicon_id, l])),
  };
  const categories = codebook.categories.map((c) => c.id);
  const categoryOf = new Map(codes.map((c) => [c.code_id, c.category]));
  const problems: Problem[] = [];
  const second = new Map<string, SecondCoding>();
  const byDoc = new Map(sample.map((d) => [d.doc_id, d]));
  for (const file of sheetFiles()) {
    const read = readYamlInput(file, 'reliability-sheet');
    problems.push(...read.problems);
    if (!read.input) continue;
    const checked = checkSheet(read.input, byDoc.get((read.input.data as { document: string }).document), known);
    problems.push(...checked.problems);
    if (checked.second) second.set((read.input.data as { document: string }).document, checked.second);
  }
  // Only documents with a sheet are ever compared: the first coding of the others is not read.
  const first = readFirstCoding(
    dirs.annotate,
    sample.filter((d) => second.has(d.doc_id)),
  );
  return { sample, known, categories, categoryOf, first, second, problems };
}

function sheetFiles(): string[] {
  const dir = join(repoRoot, secondCodingDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `${secondCodingDir}/${f}`);
}

/** The first coding of the sampled documents: their status, and the codes and claims on sampled sentences. */
function readFirstCoding(annotateDir: string, sample: readonly SampledDocument[]): Map<string, FirstCoding> {
  const spans = new Map(sample.map((d) => [d.doc_id, d.rows]));
  const onSample = (r: { doc_id: string; start_cp: number; end_cp: number }) =>
    spans.get(r.doc_id)?.some((s) => r.start_cp < s.end_cp && r.end_cp > s.start_cp) ?? false;
  const first = new Map<string, FirstCoding>();
  // The sheets' ~30 documents of annotate's tables (millions of rows at 1000x the corpus).
  const rows = <T extends { doc_id: string }>(name: string) =>
    ndjsonRowsOfDocuments<T>(join(repoRoot, annotateDir, `${name}.ndjson`), spans);
  for (const d of rows<AnnotatedDocumentRow>('documents'))
    if (spans.has(d.doc_id)) first.set(d.doc_id, { status: d.annotation_status, coding: { codes: [], claims: [] } });
  for (const a of rows<AnnotationRow>('annotations')) {
    if (a.status !== 'coded' || a.code_id === null || !onSample(a)) continue;
    first.get(a.doc_id)?.coding.codes.push({ code_id: a.code_id, start_cp: a.start_cp, end_cp: a.end_cp });
  }
  for (const c of rows<ClaimRow>('claims')) {
    if (onSample(c)) first.get(c.doc_id)?.coding.claims.push(c);
  }
  return first;
}
