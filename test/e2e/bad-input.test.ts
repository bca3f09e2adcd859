// Bad inputs, each with the exact problems `validate --json` must report: one deliberate defect per
// case, applied to a copy of the repository that validated (test/support/bad-input.ts), and the
// full list of {code, file, line, column} expected back (exit 1, no stack trace, a message and a
// hint for every problem).
//
// YAML fixtures live in test/fixtures/bad/<case>.yaml: each is a full copy of raw/sources.yaml or
// raw/quality_flags.yaml with one defect (`diff raw/sources.yaml test/fixtures/bad/<case>.yaml`
// shows it). Binary defects of the raw texts are made here, at test time.
//
// Cases run concurrently, each in its own copy (test/support/bad-input.ts).
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPath, sha256 } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import type { Problem } from '../../pipeline/lib/problems.js';
import { expectProblems, type Expected } from '../support/bad-input.js';
import { copyBuiltRepo, runCliAsync } from '../support/temp-repo.js';

const S = 'raw/sources.yaml';
const Q = 'raw/quality_flags.yaml';
/** The raw text most cases damage: small, ASCII apart from a few ’, and the second source (lines 51-67). */
const THESES = 'raw/texts/massive-protests-theses.txt';

const fixtureDir = join(repoRoot, 'test/fixtures/bad');

interface Case {
  name: string;
  /** Makes the one change to the copy's inputs. */
  apply: (dir: string) => void;
  expected: Expected[];
  /** Further checks on the problems (hints that name the fix). */
  check?: (problems: Problem[]) => void;
}

const usedFixtures = new Set<string>();

/** Replaces raw/sources.yaml or raw/quality_flags.yaml of the copy by a fixture. */
function fixture(name: string, target: typeof S | typeof Q): (dir: string) => void {
  usedFixtures.add(`${name}.yaml`);
  return (dir) => copyFileSync(join(fixtureDir, `${name}.yaml`), join(dir, target));
}

/**
 * Rewrites a raw text of the copy. With `repin`, the copy's sources.yaml gets the new sha256 so
 * that the pin is not what fails.
 */
function rewriteRaw(dir: string, rel: string, change: (bytes: Buffer) => Buffer, repin: boolean): void {
  const path = join(dir, rel);
  const before = readFileSync(path);
  const after = change(before);
  writeFileSync(path, after);
  if (repin) {
    const yamlPath = join(dir, S);
    const yaml = readFileSync(yamlPath, 'utf8');
    const old = sha256(before);
    if (!yaml.includes(old)) throw new Error(`sha256 of ${rel} is not pinned in ${S}`);
    writeFileSync(yamlPath, yaml.replace(old, sha256(after)));
  }
}

/** Inserts bytes just before the first occurrence of `marker` (UTF-8). */
const insertBefore = (marker: string, inserted: number[]) => (bytes: Buffer) => {
  const at = bytes.indexOf(Buffer.from(marker, 'utf8'));
  if (at === -1) throw new Error(`marker ${JSON.stringify(marker)} not found`);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(inserted), bytes.subarray(at)]);
};

/**
 * The line (from 1) of the repository's raw/sources.yaml that starts with `start` in the theses'
 * entry, read from the file: fields added to the entries above it (actor_type, ...) must not
 * break the cases that damage the theses.
 */
function thesesLine(start: string): number {
  const lines = readFileSync(join(repoRoot, S), 'utf8').split('\n');
  const entry = lines.indexOf('  - id: massive-protests-theses');
  const at = lines.findIndex((l, i) => i > entry && l.startsWith(start));
  if (entry === -1 || at === -1) throw new Error(`no line starting ${JSON.stringify(start)} in the theses' entry of ${S}`);
  return at + 1;
}

const aliasBomb = makeAliasBomb(10);

const cases: Case[] = [
  // ---------------------------------------------------------------- raw/sources.yaml: YAML syntax
  {
    // Malformed YAML: line 19 `basis: inferred` indented by 5 spaces instead of 6 inside `publisher:`.
    name: 'sources-bad-indent',
    apply: fixture('sources-bad-indent', S),
    expected: [
      { code: 'yaml/bad-indent', file: S, line: 19, column: 1 },
      { code: 'yaml/block-as-implicit-key', file: S, line: 19, column: 13 },
      { code: 'yaml/multiline-implicit-key', file: S, line: 19, column: 13 },
    ],
  },
  {
    // Malformed YAML: the closing quote of `rights` on line 35 is missing; reported where the
    // string had to end (just after the last character of line 35, which is 161 long).
    name: 'sources-unclosed-quote',
    apply: fixture('sources-unclosed-quote', S),
    expected: [{ code: 'yaml/missing-char', file: S, line: 35, column: 162 }],
  },
  {
    // Malformed YAML: the same defect on the last line of the file (202, 131 characters long). Like
    // the case above it must point at line 202, not past the end of the file.
    name: 'sources-unclosed-quote-last-line',
    apply: fixture('sources-unclosed-quote-last-line', S),
    expected: [{ code: 'yaml/missing-char', file: S, line: 202, column: 132 }],
  },
  {
    // Duplicate key: line 14 repeats `file:` in the first source (line 12 has the first one).
    name: 'sources-duplicate-key',
    apply: fixture('sources-duplicate-key', S),
    expected: [{ code: 'yaml/duplicate-key', file: S, line: 14, column: 5 }],
  },
  {
    // Anchor and alias: line 35 anchors `&rights`, line 108 reuses it as `rights: *rights`; the
    // alias is refused where it is used.
    name: 'sources-alias',
    apply: fixture('sources-alias', S),
    expected: [{ code: 'yaml/alias', file: S, line: 108, column: 13 }],
  },
  {
    // A "billion laughs" alias bomb appended to sources.yaml (3^10 strings if expanded): every
    // alias is refused where it stands, nothing is expanded.
    name: 'sources-alias-bomb',
    apply: (dir) => edit(dir, S, (t) => t + aliasBomb.text),
    expected: aliasBomb.expected,
  },
  {
    // Unknown custom tag: line 23 `start: !date 2022-01-05`.
    name: 'sources-unknown-tag',
    apply: fixture('sources-unknown-tag', S),
    expected: [{ code: 'yaml/unknown-tag', file: S, line: 23, column: 14 }],
  },
  // ---------------------------------------------------------------- raw/sources.yaml: schema
  {
    // Unknown field: line 13 `sha:` for `sha256:` (so sha256 is also missing from the entry that
    // starts on line 11); the hint must suggest sha256.
    name: 'sources-unknown-field',
    apply: fixture('sources-unknown-field', S),
    expected: [
      { code: 'sources/missing-field', file: S, line: 11, column: 5 },
      { code: 'sources/unknown-field', file: S, line: 13, column: 5 },
    ],
    check: (problems) => {
      expect(problems.find((p) => p.code === 'sources/unknown-field')?.hint).toContain("did you mean 'sha256'");
      expect(problems.find((p) => p.code === 'sources/missing-field')?.message).toContain("'sha256'");
    },
  },
  {
    // Missing required field: `rights` of the second source (entry on line 51) is commented out on line 64.
    name: 'sources-missing-field',
    apply: fixture('sources-missing-field', S),
    expected: [{ code: 'sources/missing-field', file: S, line: 51, column: 5 }],
    check: (problems) => expect(problems[0]?.message).toContain("'rights'"),
  },
  {
    // Wrong type: line 155 `numbered: "yes"` (a string, not a boolean).
    name: 'sources-wrong-type',
    apply: fixture('sources-wrong-type', S),
    expected: [{ code: 'sources/wrong-type', file: S, line: 155, column: 19 }],
  },
  {
    // Value not in the enum: boilerplate rule `header` on line 97 (allowed: banner, ...).
    name: 'sources-not-allowed-value',
    apply: fixture('sources-not-allowed-value', S),
    expected: [{ code: 'sources/not-allowed-value', file: S, line: 97, column: 55 }],
    check: (problems) => expect(problems[0]?.hint).toContain('banner'),
  },
  {
    // Inferred date without a reason: the `reason` of the second source's date (lines 60-63) is
    // commented out; reported on the date mapping, which starts on line 57.
    name: 'sources-inferred-date-without-reason',
    apply: fixture('sources-inferred-date-without-reason', S),
    expected: [{ code: 'sources/missing-field', file: S, line: 57, column: 7 }],
    check: (problems) => expect(problems[0]?.message).toContain("'reason'"),
  },
  {
    // Who speaks, outside its vocabularies: line 36 `value: political_party` (not an id of
    // raw/actor_types.yaml) and line 347 `actor_country: {value: UK, ...}` (UK is not an ISO 3166-1
    // code; the United Kingdom is GB). One problem per bad value, each naming what is allowed.
    name: 'sources-unknown-actor-type',
    apply: fixture('sources-unknown-actor-type', S),
    expected: [
      { code: 'sources/unknown-actor-type', file: S, line: 36, column: 14 },
      { code: 'sources/unknown-country', file: S, line: 347, column: 28 },
    ],
    check: (problems) => {
      expect(problems.map(({ message, hint }) => ({ message, hint }))).toEqual([
        {
          message: "actor type 'political_party' is not in raw/actor_types.yaml",
          hint: 'use one of: party_or_movement, government_or_head_of_state, intergovernmental_organisation, parliament_or_parliamentarian, ngo_or_civil_society, media, individual (defined in raw/actor_types.yaml), or add the type there with a definition that tells it from its neighbours',
        },
        {
          message: "'UK' is not an ISO 3166-1 alpha-2 country code",
          hint: 'write the two capital letters of ISO 3166-1 alpha-2 (GB for the United Kingdom, not UK); for an organisation, the country of its seat',
        },
      ]);
    },
  },
  {
    // Version not supported: line 9 `version: 2` (a const, so a not-allowed value with a hint).
    name: 'sources-version-2',
    apply: fixture('sources-version-2', S),
    expected: [{ code: 'sources/not-allowed-value', file: S, line: 9, column: 10 }],
  },
  {
    // Two independent defects in one file, both reported by one run: line 14 `colected_as:`
    // (unknown field) and line 44 `rule: url-glued` (not in the enum).
    name: 'sources-two-defects',
    apply: fixture('sources-two-defects', S),
    expected: [
      { code: 'sources/unknown-field', file: S, line: 14, column: 5 },
      { code: 'sources/not-allowed-value', file: S, line: 44, column: 15 },
    ],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'collected_as'"),
  },
  {
    // sources.yaml itself not UTF-8: bytes ff fe inserted on line 20 just before `The site`
    // (column 16). They must not be read as U+FFFD and published.
    name: 'sources-not-utf8',
    apply: (dir) => rewriteRaw(dir, S, insertBefore('The site of the stated URL', [0xff, 0xfe]), false),
    expected: [{ code: 'yaml/not-utf8', file: S, line: 20, column: 16 }],
  },
  // ---------------------------------------------------------------- raw texts
  {
    // sha256 mismatch: one byte of the theses changed ('M' -> 'm' at byte 0); the pin is its `sha256:` line.
    name: 'raw-sha256-mismatch',
    apply: (dir) =>
      rewriteRaw(
        dir,
        THESES,
        (b) => {
          const c = Buffer.from(b);
          c[0] = 'm'.charCodeAt(0);
          return c;
        },
        false,
      ),
    expected: [{ code: 'sources/sha256-mismatch', file: S, line: thesesLine('    sha256:'), column: 13 }],
  },
  {
    // Path leaving raw/: the theses replaced by a symlink to a copy with the same bytes outside
    // raw/ (so only the symlink check can fail); `file:` of that source is the line reported.
    name: 'raw-symlink-outside-raw',
    apply: (dir) => {
      mkdirSync(join(dir, 'outside'));
      const outside = join(dir, 'outside/massive-protests-theses.txt');
      renameSync(join(dir, THESES), outside);
      symlinkSync(outside, join(dir, THESES));
    },
    expected: [{ code: 'sources/path-outside-raw', file: S, line: thesesLine('    file:'), column: 11 }],
  },
  {
    // Raw text missing: the theses deleted; `file:` of that source is the line reported.
    name: 'raw-file-missing',
    apply: (dir) => rmSync(join(dir, THESES)),
    expected: [{ code: 'sources/file-not-found', file: S, line: thesesLine('    file:'), column: 11 }],
  },
  {
    // Raw text a symlink to itself: stat fails with ELOOP, not ENOENT; still reported at `file:`
    // as a file that is not there, not a crash.
    name: 'raw-file-symlink-loop',
    apply: (dir) => {
      rmSync(join(dir, THESES));
      symlinkSync('massive-protests-theses.txt', join(dir, THESES));
    },
    expected: [{ code: 'sources/file-not-found', file: S, line: thesesLine('    file:'), column: 11 }],
  },
  {
    // Raw text is a directory, not a file: an input problem at `file:`, not a crash.
    name: 'raw-file-is-directory',
    apply: (dir) => {
      rmSync(join(dir, THESES));
      mkdirSync(join(dir, THESES));
    },
    expected: [{ code: 'sources/not-a-file', file: S, line: thesesLine('    file:'), column: 11 }],
  },
  {
    // Raw text not UTF-8: bytes ff fe inserted on line 3 before `have specific goals`, after a
    // 3-byte ’, so the column (79) is in code points, not bytes (81). The pin is updated.
    name: 'raw-not-utf8',
    apply: (dir) => rewriteRaw(dir, THESES, insertBefore('have specific goals', [0xff, 0xfe]), true),
    expected: [{ code: 'text/not-utf8', file: THESES, line: 3, column: 79 }],
  },
  {
    // Raw text with a NUL byte: inserted on line 5 before `repressive actions` (after a ’:
    // column 277 in code points). The pin is updated.
    name: 'raw-nul-byte',
    apply: (dir) => rewriteRaw(dir, THESES, insertBefore('repressive actions', [0x00]), true),
    expected: [{ code: 'text/nul-byte', file: THESES, line: 5, column: 277 }],
  },
  {
    // A 200 MiB raw text on one line (generated here, pin updated): refused by size before it is
    // read, at `file:` of that source, never a crash or an hour of segmenting.
    name: 'raw-200-mib-one-line',
    apply: (dir) => rewriteRaw(dir, THESES, () => Buffer.alloc(200 * 2 ** 20, 'a'), true),
    expected: [{ code: 'text/too-large', file: S, line: thesesLine('    file:'), column: 11 }],
    check: (problems) => expect(problems[0]?.message).toContain('200.0 MiB; a raw text may be at most 16 MiB'),
  },
  {
    // A path that leaves raw/ by `..` (the theses' `file:`): refused by the schema's pattern for `file`.
    name: 'sources-path-dotdot',
    apply: (dir) => edit(dir, S, (t) => t.replace('file: texts/massive-protests-theses.txt', 'file: ../package.json')),
    expected: [{ code: 'sources/bad-format', file: S, line: thesesLine('    file:'), column: 11 }],
  },
  {
    // An absolute path: refused the same way.
    name: 'sources-path-absolute',
    apply: (dir) => edit(dir, S, (t) => t.replace('file: texts/massive-protests-theses.txt', 'file: /etc/hostname')),
    expected: [{ code: 'sources/bad-format', file: S, line: thesesLine('    file:'), column: 11 }],
  },
  {
    // Empty raw text (the pin is updated to the empty file's sha256).
    name: 'raw-empty',
    apply: (dir) => rewriteRaw(dir, THESES, () => Buffer.alloc(0), true),
    expected: [{ code: 'text/empty', file: THESES, line: 1, column: 1 }],
  },
  // ---------------------------------------------------------------- raw/sources.yaml: against the raw text
  {
    // Evidence not in the raw text: line 87 date evidence "Sunday, January 15, 2022".
    name: 'sources-evidence-not-found',
    apply: fixture('sources-evidence-not-found', S),
    expected: [{ code: 'sources/evidence-not-found', file: S, line: 87, column: 17 }],
  },
  {
    // A fix that matches nothing: line 46 `find: "claimsxwhich"`.
    name: 'sources-fix-not-found',
    apply: fixture('sources-fix-not-found', S),
    expected: [{ code: 'sources/fix-not-found', file: S, line: 46, column: 15 }],
  },
  {
    // A paragraph kind prefix that matches no paragraph: line 40 title "RUSSIAN MAOIST VIEWPOINT".
    name: 'sources-paragraph-not-found',
    apply: fixture('sources-paragraph-not-found', S),
    expected: [{ code: 'sources/paragraph-not-found', file: S, line: 40, column: 19 }],
  },
  // ---------------------------------------------------------------- raw/quality_flags.yaml
  {
    // Quote not found: line 15 "most seriously from whom ..." (the text has "from which"); the
    // hint shows the closest passage.
    name: 'flags-anchor-not-found',
    apply: fixture('flags-anchor-not-found', Q),
    expected: [{ code: 'quality-flags/anchor-not-found', file: Q, line: 15, column: 12 }],
    check: (problems) => expect(problems[0]?.hint).toContain('closest passage'),
  },
  {
    // Ambiguous quote: line 15 "the protests" occurs several times; the hint offers a prefix or suffix.
    name: 'flags-anchor-ambiguous',
    apply: fixture('flags-anchor-ambiguous', Q),
    expected: [{ code: 'quality-flags/anchor-ambiguous', file: Q, line: 15, column: 12 }],
    check: (problems) => expect(problems[0]?.hint).toMatch(/prefix|suffix/),
  },
  {
    // Unknown document: line 13 `doc: maoism-ru-2092-en` (a digit lost); the hint names the right one.
    name: 'flags-unknown-document',
    apply: fixture('flags-unknown-document', Q),
    expected: [{ code: 'quality-flags/unknown-document', file: Q, line: 13, column: 10 }],
    check: (problems) => expect(problems[0]?.hint).toContain("did you mean 'maoism-ru-20292-en'"),
  },
  {
    // Flag type not in the enum: line 14 `flag: machine_translation`.
    name: 'flags-not-allowed-value',
    apply: fixture('flags-not-allowed-value', Q),
    expected: [{ code: 'quality-flags/not-allowed-value', file: Q, line: 14, column: 11 }],
    check: (problems) => expect(problems[0]?.hint).toContain('machine_translated'),
  },
  // ---------------------------------------------------------------- languages and saved pages
  {
    // The theses' section in a language raw/languages.yaml does not list.
    name: 'sources-language-not-listed',
    apply: (dir) =>
      edit(dir, S, (t) => t.replace('      - lang: en\n        list_marker: "- "', '      - lang: xh\n        list_marker: "- "')),
    expected: [{ code: 'language/not-listed', file: S, line: thesesLine('      - lang:'), column: 15 }],
    check: (problems) => expect(problems[0]?.hint).toContain("add an entry for 'xh' to raw/languages.yaml"),
  },
  {
    // A language listed twice in raw/languages.yaml (the second English entry is appended as line 146).
    name: 'languages-duplicate-code',
    apply: (dir) =>
      edit(
        dir,
        'raw/languages.yaml',
        (t) =>
          `${t}  - {code: en, name: English again, iso639_3: eng, script: Latn, abbreviations: [], numbers: {decimal: ".", group: [","]}, number_words: {}, percent_words: [], byline_words: [], name_endings: []}\n`,
      ),
    expected: [{ code: 'languages/duplicate-code', file: 'raw/languages.yaml', line: 146, column: 12 }],
  },
  {
    // The saved page of a text (capture, inserted after its `collected_as:` line) pinned with another sha256.
    name: 'capture-sha256-mismatch',
    apply: (dir) => {
      mkdirSync(join(dir, 'raw/captures'));
      writeFileSync(join(dir, 'raw/captures/theses.html'), '<html><body>The theses</body></html>');
      edit(dir, S, (t) =>
        t.replace(
          'collected_as: 001_b2ac323057e254ed.txt\n',
          `collected_as: 001_b2ac323057e254ed.txt\n    capture: {file: captures/theses.html, sha256: ${'a'.repeat(64)}, format: html, extracted_with: x}\n`,
        ),
      );
    },
    expected: [{ code: 'sources/sha256-mismatch', file: S, line: thesesLine('    collected_as:') + 1, column: 51 }],
  },
  {
    // The saved page named by `capture` is not there.
    name: 'capture-not-found',
    apply: (dir) =>
      edit(dir, S, (t) =>
        t.replace(
          'collected_as: 001_b2ac323057e254ed.txt\n',
          `collected_as: 001_b2ac323057e254ed.txt\n    capture: {file: captures/theses.html, sha256: ${'a'.repeat(64)}, format: html, extracted_with: x}\n`,
        ),
      ),
    expected: [{ code: 'sources/capture-not-found', file: S, line: thesesLine('    collected_as:') + 1, column: 21 }],
  },
  // ---------------------------------------------------------------- the release's own metadata
  {
    // raw/dataset.yaml: the licence's `id:` misspelt `idd:` (its line read from the file).
    name: 'dataset-unknown-field',
    apply: (dir) => edit(dir, 'raw/dataset.yaml', (t) => t.replace('  id: CC-BY-4.0', '  idd: CC-BY-4.0')),
    expected: [
      { code: 'dataset/missing-field', file: 'raw/dataset.yaml', line: lineOf('raw/dataset.yaml', '  id: CC-BY-4.0'), column: 3 },
      { code: 'dataset/unknown-field', file: 'raw/dataset.yaml', line: lineOf('raw/dataset.yaml', '  id: CC-BY-4.0'), column: 3 },
    ],
  },
  {
    // CHANGELOG.md: the first version heading (the next release's) written as `## Unreleased`.
    name: 'changelog-not-a-version',
    apply: (dir) => edit(dir, 'CHANGELOG.md', (t) => t.replace(/^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/m, '## Unreleased')),
    expected: [{ code: 'changelog/bad-version-heading', file: 'CHANGELOG.md', line: firstVersionLine(), column: 1 }],
    check: (problems) => expect(problems[0]?.hint).toContain('## [MAJOR.MINOR.PATCH] - YYYY-MM-DD'),
  },
];

/** The line (from 1) of a repository file that starts with `start`, read from the file. */
function lineOf(file: string, start: string): number {
  const at = readFileSync(join(repoRoot, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.startsWith(start));
  if (at === -1) throw new Error(`no line starting ${JSON.stringify(start)} in ${file}`);
  return at + 1;
}

/** Line of CHANGELOG.md's first version heading. */
function firstVersionLine(): number {
  return lineOf('CHANGELOG.md', '## [');
}

/**
 * YAML whose full expansion is 3^10 strings: level k holds three aliases of level k-1, appended
 * after the lines of raw/sources.yaml (its first alias three lines after the file's last).
 */
function makeAliasBomb(levels: number): { text: string; expected: Expected[] } {
  const lines = ['bomb:', '  l0: &l0 "laugh"'];
  const base = readFileSync(join(repoRoot, S), 'utf8').replace(/\n$/, '').split('\n').length;
  const expected: Expected[] = [];
  for (let k = 1; k <= levels; k++) {
    const prefix = `  l${k}: &l${k} [`;
    const items = [0, 1, 2].map(() => `*l${k - 1}`);
    items.forEach((_, i) =>
      expected.push({ code: 'yaml/alias', file: S, line: base + lines.length + 1, column: prefix.length + 1 + i * (items[0]!.length + 2) }),
    );
    lines.push(prefix + items.join(', ') + ']');
  }
  return { text: lines.join('\n') + '\n', expected };
}
/** Rewrites a text file of the copy; fails when the change does not apply. */
function edit(dir: string, rel: string, change: (text: string) => string): void {
  const path = join(dir, rel);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit did not change ${rel}`);
  writeFileSync(path, after);
}

describe.concurrent('validate --json on bad input', () => {
  it('uses every fixture file, and case names are distinct', ({ expect }) => {
    expect(readdirSync(fixtureDir).sort()).toEqual([...usedFixtures].sort());
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(c.name, async ({ expect }) => {
      const problems = await expectProblems(expect, c.apply, c.expected);
      c.check?.(problems);
    });
  }
});

describe('a refused build leaves the previous release byte-identical', () => {
  // The hostile cases of issue 5, run as real builds one after another over a published release.
  const hostile = [
    'sources-alias-bomb',
    'sources-unknown-tag',
    'sources-duplicate-key',
    'sources-path-dotdot',
    'raw-symlink-outside-raw',
    'raw-not-utf8',
    'raw-nul-byte',
    'raw-empty',
    'raw-sha256-mismatch',
    'raw-200-mib-one-line',
  ];

  it('for each hostile input (and a bad thread count): exit 1, a report, no stack trace, the same release files and bytes', async () => {
    // The test run's shared build, copied: a published release without a cold build of its own.
    const { dir } = copyBuiltRepo();
    try {
      const release = join(dir, 'build/release');
      const published = hashPath(release);
      const pristine = join(dir, 'pristine-raw');
      cpSync(join(dir, 'raw'), pristine, { recursive: true });
      for (const name of hostile) {
        cases.find((c) => c.name === name)!.apply(dir);
        const r = await runCliAsync(dir, ['build']);
        expect(r.status, name).toBe(1);
        expect(r.stderr, name).toMatch(/nothing was published\.$/m);
        expect(`${r.stdout}${r.stderr}`, name).not.toMatch(/^\s+at /m);
        expect(hashPath(release), name).toBe(published);
        rmSync(join(dir, 'raw'), { recursive: true, force: true });
        cpSync(pristine, join(dir, 'raw'), { recursive: true });
      }
      // A problem found in the load stage's own process (its DuckDB reads the thread count first) is
      // reported as any other, not as a bug (exit 2).
      rmSync(join(dir, 'build/stamps/load.json'));
      const r = await runCliAsync(dir, ['build'], { QANTAR_DUCKDB_THREADS: 'two' });
      expect(r.status, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^validate +fresh /m);
      expect(r.stderr).toMatch(
        /^QANTAR_DUCKDB_THREADS {2}env\/duckdb-threads {2}must be a whole number .*\n1 problem found; nothing was published\.$/m,
      );
      expect(hashPath(release)).toBe(published);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
