// Bad input to the annotation layer (raw/annotations/*.yaml, raw/codebook.yaml, raw/entities.yaml,
// raw/events.yaml, raw/lexicon.yaml), each case with the exact problems `validate --json` must
// report: one deliberate defect applied to a copy of the repository that validated, and the full
// list of {code, file, line, column} expected back (exit 1, no stack trace, a message and a hint
// for every problem). Same style as bad-input.test.ts.
//
// How the defects are made so that later edits of the real inputs do not move the expected lines:
// - Annotation files: test/fixtures/bad-annotations/ko-base.yaml is a small valid annotation file
//   for the Korean translation rcit-2022-01-05-ko (translations need no sentence coverage and the
//   real Korean file codes nothing directly, so replacing it leaves every codebook code used). Each
//   other ko-<case>.yaml is a copy of it with one defect (`diff ko-base.yaml ko-<case>.yaml`); a
//   case copies it over raw/annotations/rcit-2022-01-05-ko.yaml. The first test checks that the
//   base alone validates, so each case fails because of its defect only.
// - Vocabulary files: one entry is appended to the end of the copied file (each of the four ends
//   with its main list); the expected lines count from the line the entry starts on, computed at
//   test time from the copied file.
// - Sentence coverage (English only): the one `uncoded` entry that covers a sentence of the theses
//   is removed from the copied file; see `removeEntry` for how, and where the problem points.
//
// The cases run concurrently (describe.concurrent, at most vitest's maxConcurrency at a time): each
// spawns `validate` asynchronously in its own copy (test/support/bad-input.ts), which takes about
// half a second.
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../pipeline/lib/paths.js';
import type { Problem } from '../../pipeline/lib/problems.js';
import { expectProblems, type Expected } from '../support/bad-input.js';

/** The codebook's current version, which every fixture but ko-codebook-version names. */
const codebookVersion = (parse(readFileSync(join(repoRoot, 'raw/codebook.yaml'), 'utf8')) as { version: number }).version;

const KO = 'raw/annotations/rcit-2022-01-05-ko.yaml';
const CODEBOOK = 'raw/codebook.yaml';
const ENTITIES = 'raw/entities.yaml';
const EVENTS = 'raw/events.yaml';
const LEXICON = 'raw/lexicon.yaml';
/** English annotations whose sentence 3 is covered by one `uncoded` entry only (a rhetorical question). */
const THESES = 'raw/annotations/massive-protests-theses-en.yaml';
const THESES_QUESTION = 'What can we say about the situation at the moment?';

const fixtureDir = join(repoRoot, 'test/fixtures/bad-annotations');

interface Case {
  name: string;
  /**
   * Makes the one change to the copy's inputs. It may return a line number the expected positions
   * are counted from (the first line of an appended entry, say), known only at test time.
   */
  apply: (dir: string) => number | void;
  expected: Expected[] | ((line: number) => Expected[]);
  /** Further checks on the problems (hints that name the fix). */
  check?: (problems: Problem[]) => void;
}

const usedFixtures = new Set<string>(['ko-base.yaml']);

/** Replaces the copy's Korean annotation file (or `target`) by a fixture. */
function fixture(name: string, target = KO): (dir: string) => void {
  usedFixtures.add(`${name}.yaml`);
  return (dir) => copyFileSync(join(fixtureDir, `${name}.yaml`), join(dir, target));
}

/**
 * Appends `lines` (an entry of the file's last list, indented by two spaces) to a vocabulary file
 * of the copy; returns the line the entry starts on.
 */
function appendEntry(rel: string, lines: string[]): (dir: string) => number {
  return (dir) => {
    const path = join(dir, rel);
    let text = readFileSync(path, 'utf8');
    // The appended entry belongs to the last list only if the file ends inside it.
    const last = text
      .trimEnd()
      .split('\n')
      .filter((l) => !/^\s*#/.test(l))
      .pop();
    if (!last?.startsWith('  ')) throw new Error(`${rel} does not end with an indented list`);
    if (!text.endsWith('\n')) text += '\n';
    writeFileSync(path, text + lines.map((l) => `${l}\n`).join(''));
    return text.split('\n').length;
  };
}

/**
 * Removes from an annotation file of the copy the entry whose quote line is exactly
 * `    quote: "<quote>"`: its `  - id:` line just before, the quote line and the lines indented
 * by four spaces after it. Returns the line of the first item of `annotations:` in the changed
 * file, which is where annotation/sentence-not-covered points (column 3, the `-`). Fails loudly
 * if the file is not laid out that way, rather than producing a wrong expectation.
 */
function removeEntry(rel: string, quote: string): (dir: string) => number {
  return (dir) => {
    const path = join(dir, rel);
    const lines = readFileSync(path, 'utf8').split('\n');
    const quoteLine = `    quote: ${JSON.stringify(quote)}`;
    const q = lines.indexOf(quoteLine);
    if (q < 1 || lines.indexOf(quoteLine, q + 1) !== -1) throw new Error(`${rel}: no single entry quoting ${JSON.stringify(quote)}`);
    if (!/^ {2}- id: /.test(lines[q - 1]!))
      throw new Error(`${rel}: the entry quoting ${JSON.stringify(quote)} does not start with its id`);
    let end = q + 1;
    while (end < lines.length && lines[end]!.startsWith('    ')) end++;
    if (!lines.slice(q + 1, end).every((l) => /^ {4}(uncoded|note): /.test(l)))
      throw new Error(`${rel}: the entry is not a plain uncoded one`);
    lines.splice(q - 1, end - q + 1);
    writeFileSync(path, lines.join('\n'));
    const list = lines.indexOf('annotations:');
    const first = lines.findIndex((l, i) => i > list && l.startsWith('  - '));
    if (list === -1 || first === -1) throw new Error(`${rel}: no annotations list`);
    return first + 1;
  };
}

const hintOf = (problems: Problem[], code: string) => problems.find((p) => p.code === code)?.hint;

const cases: Case[] = [
  // ---------------------------------------------------------------- anchors
  {
    // a3's quote "정부청사를" -> "정부청사들을" (line 15): the hint shows the passage of the text.
    name: 'ko-anchor-not-found',
    apply: fixture('ko-anchor-not-found'),
    expected: [{ code: 'annotation/anchor-not-found', file: KO, line: 15, column: 12 }],
    check: (problems) => {
      expect(problems[0]?.hint).toContain('closest passage');
      expect(problems[0]?.hint).toContain('몇몇 도시에서 정부청사를 습격하여');
    },
  },
  {
    // a3's quote is "시위자들이" (line 15), which occurs twice: the hint proposes a prefix or suffix.
    name: 'ko-anchor-ambiguous',
    apply: fixture('ko-anchor-ambiguous'),
    expected: [{ code: 'annotation/anchor-ambiguous', file: KO, line: 15, column: 12 }],
    check: (problems) => {
      expect(problems[0]?.message).toContain('2 times');
      expect(problems[0]?.hint).toMatch(/add (prefix|suffix): "/);
    },
  },
  {
    // The quote of the added mention (line 35) is "스탈린주의 지도자", not in the text.
    name: 'ko-mention-anchor-not-found',
    apply: fixture('ko-mention-anchor-not-found'),
    expected: [{ code: 'annotation/anchor-not-found', file: KO, line: 35, column: 15 }],
    check: (problems) => expect(problems[0]?.hint).toContain('closest passage: "스탈린주의 수장'),
  },
  // ---------------------------------------------------------------- references to the vocabulary
  {
    // a7 `codes: [context.other_struggle]` (line 29; the codebook has context.other_struggles).
    name: 'ko-unknown-code',
    apply: fixture('ko-unknown-code'),
    expected: [{ code: 'annotation/unknown-code', file: KO, line: 29, column: 13 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'context.other_struggles'"),
  },
  {
    // The added mention names entity nursultan-nazarbaev (line 35).
    name: 'ko-unknown-entity-added-mention',
    apply: fixture('ko-unknown-entity-added-mention'),
    expected: [{ code: 'annotation/unknown-entity', file: KO, line: 35, column: 35 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'nursultan-nazarbayev'"),
  },
  {
    // The added mention (line 36) is one that kazakhstan's Korean form already finds: it would be
    // published twice.
    name: 'ko-mention-already-found',
    apply: fixture('ko-mention-already-found'),
    expected: [{ code: 'annotation/mention-already-found', file: KO, line: 36, column: 15 }],
    check: (problems) => {
      expect(problems[0]?.message).toContain('form "카자흐스탄"');
      expect(problems[0]?.hint).toContain('remove this entry from mentions.add');
    },
  },
  {
    // a2's claim (line 13) is attributed to an organisation with source_entity rcti.
    name: 'ko-unknown-source-entity',
    apply: fixture('ko-unknown-source-entity'),
    expected: [{ code: 'annotation/unknown-entity', file: KO, line: 13, column: 124 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'rcit'"),
  },
  {
    // a3 `event: storming-of-building` (line 16).
    name: 'ko-unknown-event',
    apply: fixture('ko-unknown-event'),
    expected: [{ code: 'annotation/unknown-event', file: KO, line: 16, column: 12 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'storming-of-buildings'"),
  },
  {
    // The claim of a5 names event zhanaozen-massacre-2012 (line 23).
    name: 'ko-unknown-event-in-claim',
    apply: fixture('ko-unknown-event-in-claim'),
    expected: [{ code: 'annotation/unknown-event', file: KO, line: 23, column: 120 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'zhanaozen-massacre-2011'"),
  },
  {
    // a2's claim `quantity: participant` (line 13).
    name: 'ko-unknown-quantity',
    apply: fixture('ko-unknown-quantity'),
    expected: [{ code: 'annotation/unknown-quantity', file: KO, line: 13, column: 23 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'participants'"),
  },
  // ---------------------------------------------------------------- claims
  {
    // a6's claim (line 26) has no unit: a schema problem, on the claim mapping.
    name: 'ko-claim-without-unit',
    apply: fixture('ko-claim-without-unit'),
    expected: [{ code: 'annotation/missing-field', file: KO, line: 26, column: 12 }],
    check: (problems) => expect(problems[0]?.message).toContain("'unit'"),
  },
  {
    // a6's claim (line 26) has no value, low/high or vague.
    name: 'ko-claim-without-value',
    apply: fixture('ko-claim-without-value'),
    expected: [{ code: 'annotation/claim-without-value', file: KO, line: 26, column: 12 }],
  },
  {
    // a2's claim (line 13) has value 3000 and vague 수천.
    name: 'ko-claim-value-conflict',
    apply: fixture('ko-claim-value-conflict'),
    expected: [{ code: 'annotation/claim-value-conflict', file: KO, line: 13, column: 12 }],
    check: (problems) => expect(problems[0]?.message).toContain('value and vague'),
  },
  {
    // a6's claim (line 26) has low 3, high 1; reported at low.
    name: 'ko-claim-low-above-high',
    apply: fixture('ko-claim-low-above-high'),
    expected: [{ code: 'annotation/claim-low-above-high', file: KO, line: 26, column: 34 }],
  },
  {
    // a2's claim (line 13) is attributed to an organisation but names no source_entity.
    name: 'ko-missing-source-entity',
    apply: fixture('ko-missing-source-entity'),
    expected: [{ code: 'annotation/missing-source-entity', file: KO, line: 13, column: 95 }],
  },
  {
    // a2's claim (line 13) `vague: 수천 명`: inside the quote, but not a phrase of the lexicon.
    name: 'ko-vague-not-in-lexicon',
    apply: fixture('ko-vague-not-in-lexicon'),
    expected: [{ code: 'annotation/unknown-vague-word', file: KO, line: 13, column: 44 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean '수천'"),
  },
  {
    // a2's claim (line 13) `vague: 수백`: in the lexicon, but the quote says 수천.
    name: 'ko-vague-not-in-quote',
    apply: fixture('ko-vague-not-in-quote'),
    expected: [{ code: 'annotation/vague-not-in-quote', file: KO, line: 13, column: 44 }],
  },
  // ---------------------------------------------------------------- event references
  {
    // a4 `date_stated: "1월 2일"` (line 20): the text lost 월 and 일, the quote has "1 2".
    name: 'ko-date-not-in-quote',
    apply: fixture('ko-date-not-in-quote'),
    expected: [{ code: 'annotation/date-not-in-quote', file: KO, line: 20, column: 18 }],
  },
  {
    // a7 keeps `date_stated: "2011"` (line 30) but lost its `event:`.
    name: 'ko-date-without-event',
    apply: fixture('ko-date-without-event'),
    expected: [{ code: 'annotation/date-without-event', file: KO, line: 30, column: 18 }],
  },
  // ---------------------------------------------------------------- entries
  {
    // a7 has codes and `uncoded:` (line 30); reported at the `uncoded` key.
    name: 'ko-coded-and-uncoded',
    apply: fixture('ko-coded-and-uncoded'),
    expected: [{ code: 'annotation/coded-and-uncoded', file: KO, line: 30, column: 5 }],
  },
  {
    // a3 (line 14) has only id and quote.
    name: 'ko-empty-entry',
    apply: fixture('ko-empty-entry'),
    expected: [{ code: 'annotation/empty-entry', file: KO, line: 14, column: 5 }],
  },
  {
    // The third entry (line 14) has id a2 again.
    name: 'ko-duplicate-id',
    apply: fixture('ko-duplicate-id'),
    expected: [{ code: 'annotation/duplicate-id', file: KO, line: 14, column: 9 }],
    check: (problems) => expect(problems[0]?.message).toContain("'a2'"),
  },
  // ---------------------------------------------------------------- schema and YAML
  {
    // a7 `codes: context.other_struggles` (line 29): a string, not a list.
    name: 'ko-codes-string',
    apply: fixture('ko-codes-string'),
    expected: [{ code: 'annotation/wrong-type', file: KO, line: 29, column: 12 }],
    check: (problems) => expect(problems[0]?.message).toContain('array'),
  },
  {
    // `codebook: "one"` (line 6).
    name: 'ko-codebook-string',
    apply: fixture('ko-codebook-string'),
    expected: [{ code: 'annotation/wrong-type', file: KO, line: 6, column: 11 }],
    check: (problems) => expect(problems[0]?.message).toContain('integer'),
  },
  {
    // a7 `notes:` for `note:` (line 32).
    name: 'ko-unknown-field',
    apply: fixture('ko-unknown-field'),
    expected: [{ code: 'annotation/unknown-field', file: KO, line: 32, column: 5 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'note'"),
  },
  {
    // The veto (line 37) has no reason, which vetoes require.
    name: 'ko-veto-without-reason',
    apply: fixture('ko-veto-without-reason'),
    expected: [{ code: 'annotation/missing-field', file: KO, line: 37, column: 7 }],
    check: (problems) => expect(problems[0]?.message).toContain("'reason'"),
  },
  {
    // a4 has `event:` twice (lines 19 and 21); reported at the second.
    name: 'ko-duplicate-key',
    apply: fixture('ko-duplicate-key'),
    expected: [{ code: 'yaml/duplicate-key', file: KO, line: 21, column: 5 }],
  },
  // ---------------------------------------------------------------- the file and its document
  {
    // `document: rcit-2022-01-05-kr` (line 5), a document that does not exist.
    name: 'ko-unknown-document',
    apply: fixture('ko-unknown-document'),
    expected: [{ code: 'annotation/unknown-document', file: KO, line: 5, column: 11 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'rcit-2022-01-05-ko'"),
  },
  {
    // The Korean file says `document: rcit-2022-01-05-pt` (line 5). The Korean document has a file
    // (a broken one), so it is not also reported missing.
    name: 'ko-file-name',
    apply: fixture('ko-file-name'),
    expected: [{ code: 'annotation/file-name', file: KO, line: 5, column: 11 }],
    check: (problems) => expect(problems[0]?.hint).toContain('raw/annotations/rcit-2022-01-05-pt.yaml'),
  },
  {
    // The valid base saved under a wrong name (rcit-2022-01-05-kr.yaml) and the Korean file
    // removed: the Korean document is reported as having no annotation file (a problem about a
    // file, so no line; sorted first, ko < kr), and the misnamed file at its `document:` (line 5).
    name: 'ko-misnamed-file',
    apply: (dir) => {
      fixture('ko-base', 'raw/annotations/rcit-2022-01-05-kr.yaml')(dir);
      rmSync(join(dir, KO));
    },
    expected: [
      { code: 'annotation/missing-file', file: KO },
      { code: 'annotation/file-name', file: 'raw/annotations/rcit-2022-01-05-kr.yaml', line: 5, column: 11 },
    ],
    check: (problems) => expect(hintOf(problems, 'annotation/file-name')).toContain(KO),
  },
  {
    // `codebook: 1` (line 6); raw/codebook.yaml is a later version: the file must be re-read against
    // the codes the changelog lists since version 1.
    name: 'ko-codebook-version',
    apply: fixture('ko-codebook-version'),
    expected: [{ code: 'annotation/codebook-version', file: KO, line: 6, column: 11 }],
    check: (problems) => {
      expect(problems[0]?.message).toContain('since version 1: added characterisation.foreign_subversion');
      expect(problems[0]?.hint).toContain(`codebook: ${codebookVersion}`);
    },
  },
  {
    // No annotation file for the Korean document: a problem about a file, so no line or column.
    name: 'missing-annotation-file',
    apply: (dir) => rmSync(join(dir, KO)),
    expected: [{ code: 'annotation/missing-file', file: KO }],
    check: (problems) => expect(problems[0]?.hint).toContain(`create ${KO}`),
  },
  {
    // Sentence 3 of the theses ("What can we say about the situation at the moment?") loses the
    // only entry covering it. The problem points at the list of annotations (its first item).
    name: 'en-sentence-not-covered',
    apply: removeEntry(THESES, THESES_QUESTION),
    expected: (line) => [{ code: 'annotation/sentence-not-covered', file: THESES, line, column: 3 }],
    check: (problems) => expect(problems[0]?.message).toContain(THESES_QUESTION),
  },
  {
    // Two files at once: the unknown code of the Korean file and a lexicon entry with low above
    // high, both reported by one run.
    name: 'two-files-one-run',
    apply: (dir) => {
      fixture('ko-unknown-code')(dir);
      return appendEntry(LEXICON, ['  - {lang: en, phrase: scores, low: 100, high: 40}'])(dir);
    },
    expected: (line) => [
      { code: 'annotation/unknown-code', file: KO, line: 29, column: 13 },
      { code: 'lexicon/low-above-high', file: LEXICON, line, column: 37 },
    ],
  },
  // ---------------------------------------------------------------- raw/codebook.yaml
  {
    // A new code in category `contxt`, which does not exist; no annotation uses it either.
    name: 'codebook-unknown-category',
    apply: appendEntry(CODEBOOK, [
      '  - id: contxt.test_code',
      '    category: contxt',
      '    label: Test code',
      '    definition: A code whose category does not exist.',
      '    rule: Not a real code.',
      '    example: {doc: rcit-2022-01-05-ko, quote: "시위자 수천 명이"}',
    ]),
    expected: (line) => [
      { code: 'codebook/unused-code', file: CODEBOOK, line, column: 9 },
      { code: 'codebook/unknown-category', file: CODEBOOK, line: line + 1, column: 15 },
    ],
    check: (problems) => expect(hintOf(problems, 'codebook/unknown-category')).toContain("did you mean 'context'"),
  },
  {
    // A new, well-formed code that no annotation uses.
    name: 'codebook-unused-code',
    apply: appendEntry(CODEBOOK, [
      '  - id: context.test_unused',
      '    category: context',
      '    label: Unused test code',
      '    definition: A code no annotation uses.',
      '    rule: Not a real code.',
      '    example: {doc: rcit-2022-01-05-ko, quote: "시위자 수천 명이"}',
    ]),
    expected: (line) => [{ code: 'codebook/unused-code', file: CODEBOOK, line, column: 9 }],
    check: (problems) => expect(problems[0]?.message).toContain("'context.test_unused'"),
  },
  // ---------------------------------------------------------------- raw/events.yaml
  {
    // A new event that ends (2022-01-05) before it starts (2022-01-10); reported at date_end.
    name: 'events-date-end-before-start',
    apply: appendEntry(EVENTS, [
      '  - id: test-event',
      '    label: An event that ends before it starts',
      '    date_start: "2022-01-10"',
      '    date_end: "2022-01-05"',
      '    precision: range',
      '    basis: inferred',
      '    reason: A test.',
    ]),
    expected: (line) => [{ code: 'events/date-end-before-start', file: EVENTS, line: line + 3, column: 15 }],
  },
  {
    // A new event of precision day that runs over two days; reported at precision.
    name: 'events-precision-mismatch',
    apply: appendEntry(EVENTS, [
      '  - id: test-event',
      '    label: A day that lasts two days',
      '    date_start: "2022-01-05"',
      '    date_end: "2022-01-06"',
      '    precision: day',
      '    basis: inferred',
      '    reason: A test.',
    ]),
    expected: (line) => [{ code: 'events/precision-mismatch', file: EVENTS, line: line + 4, column: 16 }],
    check: (problems) => expect(problems[0]?.hint).toContain('precision: range'),
  },
  {
    // A new event with basis stated and no evidence; reported at basis.
    name: 'events-stated-without-evidence',
    apply: appendEntry(EVENTS, [
      '  - id: test-event',
      '    label: A stated date with nothing quoted',
      '    date_start: "2022-01-05"',
      '    date_end: "2022-01-05"',
      '    precision: day',
      '    basis: stated',
    ]),
    expected: (line) => [{ code: 'events/missing-evidence', file: EVENTS, line: line + 5, column: 12 }],
  },
  // ---------------------------------------------------------------- raw/entities.yaml
  {
    // A new entity whose English form Nazarbayev already belongs to nursultan-nazarbayev.
    name: 'entities-duplicate-alias',
    apply: appendEntry(ENTITIES, ['  - id: test-person', '    type: person', '    name: Test person', '    forms: {en: [Nazarbayev]}']),
    expected: (line) => [{ code: 'entities/duplicate-alias', file: ENTITIES, line: line + 3, column: 18 }],
    check: (problems) => expect(problems[0]?.message).toContain("'nursultan-nazarbayev'"),
  },
  {
    // A new place with neither location nor unlocated; reported at its id.
    name: 'entities-place-without-coordinates',
    apply: appendEntry(ENTITIES, ['  - id: test-place', '    type: place', '    name: Test place', '    forms: {en: [Testville]}']),
    expected: (line) => [{ code: 'entities/place-without-coordinates', file: ENTITIES, line, column: 9 }],
  },
  {
    // A new place located in gazetteer `geonames`, which is not listed under `gazetteers`.
    name: 'entities-unknown-gazetteer',
    apply: appendEntry(ENTITIES, [
      '  - id: test-place',
      '    type: place',
      '    name: Test place',
      '    forms: {en: [Testville]}',
      '    location: {lat: 43.34, lon: 52.86, gazetteer: geonames, record: "Testville, KZ"}',
    ]),
    expected: (line) => [{ code: 'entities/unknown-gazetteer', file: ENTITIES, line: line + 4, column: 51 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'geonames-cities'"),
  },
  // ---------------------------------------------------------------- raw/lexicon.yaml
  {
    // A new phrase with low 100 above high 40; reported at low.
    name: 'lexicon-low-above-high',
    apply: appendEntry(LEXICON, ['  - {lang: en, phrase: scores, low: 100, high: 40}']),
    expected: (line) => [{ code: 'lexicon/low-above-high', file: LEXICON, line, column: 37 }],
  },
];

describe.concurrent('validate --json on bad annotation-layer input', () => {
  it('uses every fixture file, and case names are distinct', ({ expect }) => {
    expect(readdirSync(fixtureDir).sort()).toEqual([...usedFixtures].sort());
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('accepts the base fixture (so each case fails because of its one defect)', async ({ expect }) => {
    await expectProblems(expect, fixture('ko-base'), []);
  });

  for (const c of cases) {
    it(c.name, async ({ expect }) => {
      const problems = await expectProblems(expect, c.apply, (from) =>
        typeof c.expected === 'function' ? c.expected(from ?? NaN) : c.expected,
      );
      c.check?.(problems);
    });
  }
});
