// `make reliability-sheet`: writes the blank sheet of the blind second coding,
// raw/reliability/second/<doc_id>.yaml, for every sampled document that has none yet (an existing
// sheet is never overwritten: it may hold a coder's work). The sample is drawn from the clean
// texts (pipeline/reliability/sample.ts), so the clean stage is brought up to date first; nothing
// of the first coding is read.
//
// `make reliability-compare`: for every sampled document whose first coding and second coding
// are both complete and whose units are not frozen yet, appends to raw/reliability/units.yaml the
// value of each code category and claimed number in both codings (pipeline/reliability/compare.ts).
// A document already there is never compared again, so the frozen values stay those of the first
// coding before its disagreements were resolved.
//
// Bad input is one line per problem with a hint and exit 1; anything else is a bug: exit 2 with
// one line (QANTAR_DEBUG=1 shows the stack).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CodebookFile } from '../annotate/types.js';
import { writeAtomic } from '../lib/files.js';
import { acquireLock } from '../lib/lock.js';
import { repoRoot } from '../lib/paths.js';
import { failOn, failureStatus, formatProblem } from '../lib/problems.js';
import { ndjsonRows } from '../lib/ndjson.js';
import { runStages } from '../runner.js';
import { annotateDir, annotateStage } from '../stages/annotate.js';
import { cleanDir, cleanStage } from '../stages/clean.js';
import { flagsStage } from '../stages/flags.js';
import { loadLanguages, readYamlInput } from '../stages/raw-inputs.js';
import type { SourceRow } from '../tables.js';
import { disagreementRows, sentenceUnits, type SentenceUnits } from './compare.js';
import { loadReliabilityInputs } from './inputs.js';
import { readSample } from './sampled.js';
import { renderSheet, sheetFile } from './sheet.js';
import { appendUnits, unitsFile, unitsOf } from './units-file.js';

const usage = `usage: tsx pipeline/reliability/command.ts sheet|compare
(make reliability-sheet, make reliability-compare)`;

async function writeSheets(): Promise<string> {
  await runStages([cleanStage]);
  const codebook = parse(readFileSync(join(repoRoot, 'raw/codebook.yaml'), 'utf8')) as CodebookFile;
  const languages = loadLanguages();
  const sourceFiles = new Map([...ndjsonRows<SourceRow>(join(repoRoot, cleanDir, 'sources.ndjson'))].map((s) => [s.source_id, s.file]));
  const sample = readSample(cleanDir, sourceFiles);
  const written: string[] = [];
  let kept = 0;
  for (const d of sample) {
    const file = sheetFile(d.doc_id);
    if (existsSync(join(repoRoot, file))) {
      kept++;
      continue;
    }
    const sheet = renderSheet({
      docId: d.doc_id,
      languageName: languages.get(d.doc.language)?.name ?? d.doc.language,
      codebookVersion: codebook.version,
      textFile: d.sourceFile,
      sentences: d.rows,
    });
    writeAtomic(join(repoRoot, file), sheet);
    written.push(`${file}: ${d.sentences.length} of ${d.eligible} sentences`);
  }
  const sentences = sample.reduce((n, d) => n + d.sentences.length, 0);
  const eligible = sample.reduce((n, d) => n + d.eligible, 0);
  return [
    ...written,
    `sample: ${sentences} of ${eligible} sentences in ${sample.length} documents; ${written.length} sheets written, ${kept} already there (kept as they are)`,
  ].join('\n');
}

async function compareCodings(): Promise<string> {
  await runStages([cleanStage, flagsStage, annotateStage]);
  const inputs = loadReliabilityInputs({ clean: cleanDir, annotate: annotateDir });
  failOn(inputs.problems);
  const path = join(repoRoot, unitsFile);
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  let frozen = new Set<string>();
  if (existing !== undefined) {
    const read = readYamlInput(unitsFile, 'reliability-units');
    failOn(read.problems);
    frozen = new Set(unitsOf(read.input!.data).map((u) => u.doc));
  }
  const added: SentenceUnits[] = [];
  const lines: string[] = [];
  for (const d of inputs.sample) {
    const first = inputs.first.get(d.doc_id);
    const second = inputs.second.get(d.doc_id);
    if (frozen.has(d.doc_id) || second?.status !== 'complete' || !first) continue;
    if (first.status !== 'complete') {
      lines.push(`${d.doc_id}: second coding complete, but the first coding is a draft; compared once it is complete`);
      continue;
    }
    const units = d.rows.map((row) => sentenceUnits(row, first.coding, second.coding, inputs.categories, inputs.categoryOf));
    const disagreements = disagreementRows(units).length;
    lines.push(`${d.doc_id}: ${units.length} sentences frozen, ${disagreements} disagreement${disagreements === 1 ? '' : 's'} to resolve`);
    added.push(...units);
  }
  if (added.length) writeAtomic(path, appendUnits(existing, added));
  const open = inputs.sample.filter((d) => inputs.second.get(d.doc_id)?.status !== 'complete').length;
  lines.push(
    added.length
      ? `${unitsFile}: ${added.length} sentences of ${new Set(added.map((u) => u.doc)).size} documents added, ${frozen.size} documents already frozen (kept as they are); ${open} second codings not complete yet`
      : `nothing to compare: ${frozen.size} documents already frozen, ${open} second codings not complete yet`,
  );
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  let release: (() => void) | undefined;
  try {
    if (command === 'sheet' || command === 'compare') {
      release = acquireLock();
      console.log(await (command === 'sheet' ? writeSheets() : compareCodings()));
      return 0;
    }
    console.error(usage);
    return 64;
  } catch (e) {
    return failureStatus(e, (problems) => problems.forEach((p) => console.error(formatProblem(p))));
  } finally {
    release?.();
  }
}

process.exitCode = await main(process.argv.slice(2));
