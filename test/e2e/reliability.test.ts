// The reliability procedure in a fresh copy of the repository, through the real Makefile:
// make reliability-sheet writes the sheets it lacks and keeps the others; a filled sheet (a test
// fixture, not a real blind coding) with an unknown code is refused; the filled sheet is frozen by
// make reliability-compare, which never compares a document twice; the build refuses unresolved
// disagreements and a resolution the final coding does not hold, and a second coding revised
// after freezing; once resolved, make dataset publishes alpha per category in the reliability
// table, QUALITY.md and the card.
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { copyRepo, run } from '../support/temp-repo.js';

const DOC = 'massive-protests-theses-en';
const SHEET = `raw/reliability/second/${DOC}.yaml`;
const UNITS = 'raw/reliability/units.yaml';
const ANNOTATIONS = `raw/annotations/${DOC}.yaml`;
const codebookVersion = /^version: (\d+)$/m.exec(readFileSync(join(repoRoot, 'raw/codebook.yaml'), 'utf8'))![1]!;
/** The fixture's filled sheet, naming the codebook's current version (the sheet says 1). */
const filled = readFileSync(join(repoRoot, 'test/fixtures/reliability', `${DOC}.yaml`), 'utf8').replace(
  /^codebook: 1$/m,
  `codebook: ${codebookVersion}`,
);

let dir: string;
const env = { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
const make = (...args: string[]) => run(dir, 'make', ['-s', ...args], env);
/** make's own exit status when its recipe, the pipeline's command, exits 1 on bad input. */
const REFUSED = 2;
const read = (file: string) => readFileSync(join(dir, file), 'utf8');
const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
/** `file:line:column  code` of each problem a failed run printed. */
const problems = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => /^\S+:\d+:\d+ {2}/.test(l))
    .map((l) => l.split('  ').slice(0, 2).join('  '));

beforeAll(() => {
  dir = copyRepo({ linkNodeModules: true });
  // Start from blank sheets and nothing frozen: the repository's own second coding and units are
  // replaced by the procedure run here on one document.
  rmSync(join(dir, 'raw/reliability'), { recursive: true, force: true });
  const blank = make('reliability-sheet');
  if (blank.status !== 0) throw new Error(blank.stderr);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reliability: sheet, blind coding, compare, resolve, release', () => {
  it('make reliability-sheet writes a missing sheet as before and never overwrites one', () => {
    const committed = read(SHEET);
    unlinkSync(join(dir, SHEET));
    const other = 'raw/reliability/second/rcit-2022-01-05-en.yaml';
    write(other, read(other).replace('coder: ""', 'coder: "someone at work"'));
    const r = make('reliability-sheet');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${SHEET}: 6 of 30 sentences`);
    expect(r.stdout).toMatch(/sample: \d+ of \d+ sentences in (\d+) documents; 1 sheets written, (\d+) already there/);
    const [, documents, kept] = /in (\d+) documents; 1 sheets written, (\d+) already there/.exec(r.stdout)!;
    expect(Number(kept)).toBe(Number(documents) - 1);
    expect(read(SHEET)).toBe(committed);
    expect(read(other)).toContain('coder: "someone at work"');
  }, 120_000);

  it('refuses a sheet with an unknown code, naming the closest code', () => {
    write(SHEET, filled.replace('codes: [prescription.party_building]\n', 'codes: [prescription.party_buildin]\n'));
    const r = make('validate');
    expect(r.status).toBe(REFUSED);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toContain(
      `${SHEET}:51:13  reliability/unknown-code  unknown code 'prescription.party_buildin'  hint: did you mean 'prescription.party_building'? (see raw/codebook.yaml)`,
    );
    expect(r.stderr).toContain('1 problem found; nothing was published.');
  }, 120_000);

  it('make reliability-compare freezes both codings of a complete sheet, once', () => {
    write(SHEET, filled);
    const r = make('reliability-compare');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${DOC}: 6 sentences frozen, 3 disagreements to resolve`);
    const units = read(UNITS);
    expect(units.match(/^ {2}- doc: /gm)).toHaveLength(6);
    expect(units).toContain(
      '      demand:\n        first: "demand.resignation"\n        second: "none"\n        final: ""\n        reason: ""',
    );
    const again = make('reliability-compare');
    expect(again.stdout).toContain('nothing to compare: 1 documents already frozen');
    expect(read(UNITS)).toBe(units);
  }, 120_000);

  it('refuses unresolved disagreements, a resolution the final coding lacks, and a second coding revised after freezing', () => {
    const unresolved = make('validate');
    expect(unresolved.status).toBe(REFUSED);
    expect(problems(unresolved.stderr)).toEqual([
      `${UNITS}:45:9  reliability/unresolved`,
      `${UNITS}:58:9  reliability/unresolved`,
      `${UNITS}:75:11  reliability/unresolved`,
    ]);
    write(UNITS, resolve(read(UNITS)));
    write(
      SHEET,
      filled.replace('codes: [prescription.party_building]\n', 'codes: [prescription.party_building, stance.support_uprising]\n'),
    );
    const r = make('validate');
    expect(r.status).toBe(REFUSED);
    expect(problems(r.stderr)).toEqual([`${UNITS}:47:16  reliability/final-not-in-coding`, `${UNITS}:89:39  reliability/second-changed`]);
    expect(r.stderr).toContain("demand on sentence 14: the final coding holds 'demand.resignation', not the resolved 'none'");
  }, 120_000);

  it('publishes alpha per category, computed from the frozen values, once the final coding holds every resolution', () => {
    write(SHEET, filled);
    write(ANNOTATIONS, read(ANNOTATIONS).replace('    codes: [demand.resignation]\n', '    codes: [characterisation.spontaneous]\n'));
    const r = make('dataset');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^reliability\s+rebuilt .*6 sentences of 1 documents compared, 3 disagreements \(3 resolved\)/m);
    const q = make(
      'query',
      'SQL=SELECT variable, units, agreements, disagreements, round(alpha, 4) AS alpha FROM reliability ORDER BY variable',
    );
    expect(q.stdout).toMatch(/^characterisation\s+6\s+5\s+1\s+0\.7556$/m); // n = 12, Do = 2/12, De = 90/132
    expect(q.stdout).toMatch(/^demand\s+6\s+5\s+1\s+0$/m); // Do = De = 2/12
    expect(q.stdout).toMatch(/^cause\s+6\s+6\s+0\s+NULL$/m);
    expect(q.stdout).toMatch(/^claim\.attributed_to\s+1\s+0\s+1\s+0$/m);
    const d = make('query', 'SQL=SELECT unit_id, variable, first, second, final FROM reliability_disagreements ORDER BY unit_id, variable');
    expect(d.stdout).toContain('(3 rows)');
    expect(d.stdout).toMatch(/massive-protests-theses-en\/s25\/c3\s+claim\.attributed_to\s+self\s+unnamed\s+self/);
    const quality = read('build/release/QUALITY.md');
    expect(quality).toContain('| `characterisation` | 6 | 12 | 5 | 1 | 0.167 | 0.682 | 0.756 |');
    expect(quality).not.toContain('No reliability figures exist yet.');
    expect(read('build/release/README.md')).toContain('| `characterisation` | 6 | 12 | 5 | 1 | 0.167 | 0.682 | 0.756 |');
  }, 300_000);
});

/** The resolutions a person would write: demand.resignation dropped, the others kept as first coded. */
function resolve(units: string): string {
  const pair = (first: string, second: string, final: string, reason: string, indent = '        ') =>
    [
      [`first: "${first}"`, `second: "${second}"`, 'final: ""', 'reason: ""'],
      [`first: "${first}"`, `second: "${second}"`, `final: "${final}"`, `reason: "${reason}"`],
    ].map((lines) => lines.map((l) => indent + l).join('\n'));
  const edits = [
    pair('demand.resignation', 'none', 'none', 'The slogans are reported, not demanded of anyone.'),
    pair(
      'characterisation.class_struggle; characterisation.spontaneous',
      'characterisation.class_struggle',
      'characterisation.class_struggle; characterisation.spontaneous',
      '"united even by spontaneous demands" calls the movement spontaneous.'.replace(/"/g, '\\"'),
    ),
    pair('self', 'unnamed', 'self', 'The author states the figure in its own voice.', '          '),
  ];
  for (const [before, after] of edits) {
    if (!units.includes(before!)) throw new Error(`not in units.yaml:\n${before}`);
    units = units.replace(before!, after!);
  }
  return units;
}
