// Stage flags: known defects of the texts, as rows with code-point offsets. Two origins: the
// defects people recorded in raw/quality_flags.yaml (anchored by quote in the clean text), and the
// defects that cleaning repaired (derived from its edits, so the repaired places stay findable).
import { join } from 'node:path';
import { anchor, anchorProblem } from '../lib/anchor.js';
import { readDocuments, type DocumentLookup } from '../lib/documents.js';
import { ndjsonRows, writeNdjsonFolder } from '../lib/ndjson.js';
import { repoRoot } from '../lib/paths.js';
import { failOn, type Problem } from '../lib/problems.js';
import { closest } from '../lib/schemas.js';
import { CodePointIndex } from '../lib/text-position.js';
import type { EditRow, QualityFlagRow } from '../tables.js';
import type { Stage } from '../runner.js';
import { cleanDir } from './clean.js';
import { loadYamlInput } from './raw-inputs.js';

export const flagsFile = 'raw/quality_flags.yaml';
export const flagsDir = 'build/work/flags';

interface FlagEntry {
  doc: string;
  flag: string;
  quote: string;
  prefix?: string;
  suffix?: string;
  note: string;
  basis: string;
}

/** Repairs made by cleaning that are defects of the capture worth a flag. */
const repairedDefects: Record<string, string> = {
  'duplicated-sentences': 'duplicated_passage',
  'glued-words': 'glued_words',
  'glued-sentences': 'glued_sentences',
  'url-glued-to-text': 'glued_words',
};

export const flagsStage: Stage = {
  name: 'flags',
  description: 'quality flags anchored in the clean texts',
  inputs: () => [flagsFile, cleanDir],
  outputs: [flagsDir],
  async run() {
    const yaml = loadYamlInput(flagsFile, 'quality-flags');
    const entries = (yaml.data as { flags: FlagEntry[] }).flags;
    // Only the flagged documents' texts are read, and the edits one at a time.
    const documents = readDocuments(join(repoRoot, cleanDir, 'documents.ndjson'), new Set(entries.map((e) => e.doc)));
    const { rows, problems } = anchorFlags(entries, documents, (i, field) => ({ file: flagsFile, ...yaml.locate(['flags', i, field]) }));
    failOn(problems);
    const all = numberFlags([...rows, ...flagsFromEdits(ndjsonRows<EditRow>(join(repoRoot, cleanDir, 'edits.ndjson')))]);
    writeNdjsonFolder(join(repoRoot, flagsDir), ['quality_flags'], (out) => out.quality_flags.writeAll(all));
    return { summary: `${all.length} quality flags (${rows.length} recorded, ${all.length - rows.length} from repairs)` };
  },
};

type Unnumbered = Omit<QualityFlagRow, 'flag_id' | 'n'>;

export function anchorFlags(
  entries: readonly FlagEntry[],
  byId: DocumentLookup,
  at: (i: number, field: string) => Pick<Problem, 'file' | 'line' | 'column'>,
): { rows: Unnumbered[]; problems: Problem[] } {
  const rows: Unnumbered[] = [];
  const problems: Problem[] = [];
  entries.forEach((e, i) => {
    const doc = byId.get(e.doc);
    if (!doc) {
      const near = closest(e.doc, [...byId.keys()]);
      problems.push({
        code: 'quality-flags/unknown-document',
        ...at(i, 'doc'),
        message: `no document '${e.doc}'`,
        hint: near ? `did you mean '${near}'?` : `documents are: ${[...byId.keys()].join(', ')}`,
      });
      return;
    }
    const found = anchor(doc.text, { exact: e.quote, prefix: e.prefix, suffix: e.suffix });
    if (!found.ok) {
      problems.push(anchorProblem(found, 'quality-flags', at(i, 'quote'), e.doc));
      return;
    }
    const index = new CodePointIndex(doc.text);
    rows.push({
      doc_id: e.doc,
      flag: e.flag,
      start_cp: index.toCodePoints(found.start),
      end_cp: index.toCodePoints(found.end),
      quote: e.quote,
      note: e.note,
      basis: e.basis,
      origin: 'raw/quality_flags.yaml',
    });
  });
  return { rows, problems };
}

export function flagsFromEdits(edits: Iterable<EditRow>): Unnumbered[] {
  const rows: Unnumbered[] = [];
  for (const e of edits) {
    const flag = e.rule
      .split('+')
      .map((r) => repairedDefects[r])
      .find(Boolean);
    if (!flag) continue;
    rows.push({
      doc_id: e.doc_id,
      flag,
      start_cp: e.clean_start_cp,
      end_cp: e.clean_end_cp,
      quote: e.inserted,
      note: `Repaired by cleaning (${e.edit_id}, rule ${e.rule}): removed ${JSON.stringify(e.removed.length > 80 ? `${e.removed.slice(0, 79)}…` : e.removed)}, inserted ${JSON.stringify(e.inserted)}.`,
      basis: 'stated',
      origin: 'cleaning',
    });
  }
  return rows;
}

/** Stable order (document, position, kind) and readable ids. */
function numberFlags(rows: readonly Unnumbered[]): QualityFlagRow[] {
  const sorted = [...rows].sort(
    (a, b) =>
      a.doc_id.localeCompare(b.doc_id, 'en') ||
      a.start_cp - b.start_cp ||
      a.end_cp - b.end_cp ||
      a.flag.localeCompare(b.flag, 'en') ||
      a.quote.localeCompare(b.quote, 'en'),
  );
  const counters = new Map<string, number>();
  return sorted.map((r) => {
    const n = (counters.get(r.doc_id) ?? 0) + 1;
    counters.set(r.doc_id, n);
    return { flag_id: `${r.doc_id}/f${n}`, n, ...r };
  });
}
