// The blind second codings (raw/reliability/second/<doc_id>.yaml) checked against the sample and
// the vocabulary, every problem with file:line:column, and turned into a Coding in the
// document's code points (a sentence's codes cover the whole sentence; a claim's quote is anchored
// inside its sentence). An open sheet is checked for what it holds; a complete one must also code
// every sampled sentence.
import { anchor, anchorProblem } from '../lib/anchor.js';
import type { Problem } from '../lib/problems.js';
import { CodePointIndex } from '../lib/text-position.js';
import type { YamlInput } from '../lib/yaml-input.js';
import { checkClaim, claimRow, type KnownIds } from '../annotate/entries.js';
import type { ClaimEntry } from '../annotate/types.js';
import { duplicateIds, unknownReference } from '../annotate/vocabulary.js';
import type { Coding } from './compare.js';
import type { SampledDocument } from './sampled.js';
import { sheetFile } from './sheet.js';

export interface SheetFile {
  document: string;
  codebook: number;
  sample: string;
  status: 'open' | 'complete';
  coder: string;
  sentences: {
    sentence: number;
    text: string;
    codes?: string[];
    uncoded?: string;
    claims: { quote: string; prefix?: string; suffix?: string; claim: ClaimEntry; note?: string }[];
    note?: string;
  }[];
}

export interface SecondCoding {
  status: SheetFile['status'];
  coding: Coding;
}

/** Checks one parsed sheet; `sample` is the document's draw, undefined when it is not sampled. */
export function checkSheet(
  input: YamlInput,
  sample: SampledDocument | undefined,
  known: KnownIds,
): { second?: SecondCoding; problems: Problem[] } {
  const sheet = input.data as SheetFile;
  const at = (path: (string | number)[], key?: string) => ({ file: input.file, ...input.locate(path, key) });
  const problems: Problem[] = [];
  if (input.file !== sheetFile(sheet.document)) {
    problems.push({
      code: 'reliability/file-name',
      ...at(['document']),
      message: `the second coding of ${sheet.document} is in ${input.file}`,
      hint: `set \`document:\` to the document this sheet codes, or rename the file ${sheetFile(sheet.document)}`,
    });
    return { problems };
  }
  if (!sample) {
    problems.push({
      code: 'reliability/document-not-sampled',
      ...at(['document']),
      message: `document ${sheet.document} is not in the reliability sample`,
      hint: 'only original documents of the corpus are sampled; remove this sheet, or run make reliability-sheet to write the sheets of the sample',
    });
    return { problems };
  }
  const rows = new Map(sample.rows.map((s) => [s.n, s]));
  const coding: Coding = { codes: [], claims: [] };
  problems.push(
    ...duplicateIds(
      sheet.sentences.map((s) => String(s.sentence)),
      (i) => at(['sentences', i, 'sentence']),
      'reliability/duplicate-sentence',
      'sentence',
    ),
  );
  sheet.sentences.forEach((entry, i) => {
    const path = ['sentences', i];
    const row = rows.get(entry.sentence);
    if (!row) {
      problems.push({
        code: 'reliability/sentence-not-in-sample',
        ...at([...path, 'sentence']),
        message: `sentence ${entry.sentence} of ${sheet.document} is not in the reliability sample (sampled: ${sample.sentences.join(', ')})`,
        hint: 'the sample or the sentence numbering changed since the sheet was written: remove this entry and code the sampled sentences (a sheet still blank can be deleted and written again by make reliability-sheet)',
      });
      return;
    }
    if (entry.text !== row.text) {
      problems.push({
        code: 'reliability/sentence-text-changed',
        ...at([...path, 'text']),
        message: `sentence ${entry.sentence} of ${sheet.document} now reads "${row.text.length > 70 ? `${row.text.slice(0, 69)}…` : row.text}"`,
        hint: 'the clean text changed since the sheet was written: review the coding of this sentence against the new text, then copy the new text into `text` (a sheet still blank can be deleted and written again by make reliability-sheet)',
      });
    }
    if (entry.codes?.length && entry.uncoded !== undefined)
      problems.push({
        code: 'reliability/coded-and-uncoded',
        ...at(path, 'uncoded'),
        message: `sentence ${entry.sentence} has codes and is marked uncoded`,
        hint: 'keep either `codes` or `uncoded`',
      });
    (entry.codes ?? []).forEach((code, j) => {
      if (known.codes.has(code)) coding.codes.push({ code_id: code, start_cp: row.start_cp, end_cp: row.end_cp });
      else
        problems.push(
          unknownReference('reliability/unknown-code', at([...path, 'codes', j]), 'code', code, known.codes, 'raw/codebook.yaml'),
        );
    });
    const index = new CodePointIndex(row.text);
    entry.claims.forEach((c, j) => {
      const claimPath = [...path, 'claims', j];
      const id = `sentence ${entry.sentence}, claim ${j + 1}`;
      const before = problems.length;
      checkClaim({ id, quote: c.quote }, c.claim, (field) => at([...claimPath, 'claim', ...field]), known, sample.doc.language, problems);
      const found = anchor(row.text, { exact: c.quote, prefix: c.prefix, suffix: c.suffix });
      if (!found.ok) {
        problems.push(anchorProblem(found, 'reliability', at([...claimPath, 'quote']), `sentence ${entry.sentence} of ${sheet.document}`));
        return;
      }
      if (problems.length > before) return;
      const span = { start_cp: row.start_cp + index.toCodePoints(found.start), end_cp: row.start_cp + index.toCodePoints(found.end) };
      coding.claims.push(
        claimRow(c.claim, `${sheet.document}/second/${entry.sentence}/${j + 1}`, sample.doc, span, c.quote, row.paragraph_n, null, known),
      );
    });
    if (sheet.status === 'complete' && !entry.codes?.length && entry.uncoded === undefined)
      problems.push({
        code: 'reliability/sentence-not-coded',
        ...at(path),
        message: `sentence ${entry.sentence} of ${sheet.document} has no code`,
        hint: 'list the codes whose definitions fit it, or replace `codes: []` with `uncoded:` and the reason; or set `status: open` until the coding is done',
      });
  });
  if (sheet.status === 'complete') {
    const listed = new Set(sheet.sentences.map((s) => s.sentence));
    const missing = sample.sentences.filter((n) => !listed.has(n));
    if (missing.length)
      problems.push({
        code: 'reliability/missing-sentence',
        ...at(['sentences']),
        message: `the sheet of ${sheet.document} does not code sampled sentence${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
        hint: 'add an entry for each (make reliability-sheet writes them in a new sheet), or set `status: open` until the coding is done',
      });
    if (!sheet.coder.trim())
      problems.push({
        code: 'reliability/no-coder',
        ...at(['coder']),
        message: `the complete sheet of ${sheet.document} names no coder`,
        hint: "write the second coder's name or pseudonym under `coder:`",
      });
    if (sheet.codebook !== known.codebookVersion)
      problems.push({
        code: 'reliability/codebook-version',
        ...at(['codebook']),
        message: `coded with codebook version ${sheet.codebook}, but raw/codebook.yaml is version ${known.codebookVersion}`,
        hint: `review the codes against the current codebook, then set codebook: ${known.codebookVersion}`,
      });
  }
  return { second: { status: sheet.status, coding }, problems };
}
