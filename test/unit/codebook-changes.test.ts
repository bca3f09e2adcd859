// The codebook's changelog: its checks, and what it answers about each code and about a file
// coded under an older version. The last test reads the real raw/codebook.yaml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { changesSince, checkChangelog, versionAdded, versionRedefined } from '../../pipeline/annotate/codebook-changes.js';
import type { CodebookChange, CodebookFile } from '../../pipeline/annotate/types.js';
import { repoRoot } from '../../pipeline/lib/paths.js';

const at = (path: (string | number)[]) => ({ file: 'raw/codebook.yaml', line: path.length, column: 1 });
const code = (id: string) => ({
  id,
  category: id.split('.')[0]!,
  label: id,
  definition: 'd',
  rule: 'r',
  example: { doc: 'x-en', quote: 'q' },
});
const changelog: CodebookChange[] = [
  { version: 1, summary: 'First.' },
  { version: 2, summary: 'More.', added: ['stance.concern'], redefined: [{ code: 'actor.regime', change: 'wider' }] },
  {
    version: 3,
    summary: 'Again.',
    redefined: [{ code: 'actor.regime', change: 'narrower' }],
    removed: [{ code: 'actor.gone', change: 'merged into actor.regime' }],
  },
];
const codebook = (over: Partial<CodebookFile> = {}): CodebookFile => ({
  version: 3,
  changelog,
  categories: [],
  quantities: [],
  codes: [code('actor.regime'), code('stance.concern')],
  ...over,
});

describe('checkChangelog', () => {
  it('accepts a changelog that runs 1..version and names existing codes', () => {
    expect(checkChangelog(codebook(), at)).toEqual([]);
  });

  it('reports a version raised without a changelog entry', () => {
    const problems = checkChangelog(codebook({ version: 4 }), at);
    expect(problems.map((p) => p.code)).toEqual(['codebook/changelog-version']);
    expect(problems[0]!.message).toContain('ends at version 3');
  });

  it('reports entries out of order', () => {
    const swapped = [changelog[0]!, changelog[2]!, changelog[1]!];
    expect(checkChangelog(codebook({ changelog: swapped, version: 2 }), at).map((p) => p.code)).toEqual([
      'codebook/changelog-version',
      'codebook/changelog-version',
    ]);
  });

  it('reports an added or redefined code that does not exist, and a removed code that still does', () => {
    const problems = checkChangelog(codebook({ codes: [code('actor.regime'), code('actor.gone')] }), at);
    expect(problems.map((p) => p.message)).toEqual([
      "the changelog names code 'stance.concern', which is not in codes",
      "the changelog says code 'actor.gone' was removed, but it is still in codes",
    ]);
  });
});

describe('versions of a code', () => {
  it('dates a code by the entry that added it, version 1 when none did', () => {
    expect(versionAdded(changelog, 'stance.concern')).toBe(2);
    expect(versionAdded(changelog, 'actor.regime')).toBe(1);
  });

  it('gives the last redefinition, or null', () => {
    expect(versionRedefined(changelog, 'actor.regime')).toBe(3);
    expect(versionRedefined(changelog, 'stance.concern')).toBeNull();
  });
});

describe('changesSince', () => {
  it('lists what changed after a version, and nothing for the current one', () => {
    expect(changesSince(changelog, 1)).toBe('added stance.concern; redefined actor.regime; removed actor.gone');
    expect(changesSince(changelog, 3)).toBe('no code changed');
  });
});

describe('raw/codebook.yaml', () => {
  const cb = parse(readFileSync(join(repoRoot, 'raw/codebook.yaml'), 'utf8')) as CodebookFile;

  it('has a consistent changelog and a rule for every code', () => {
    expect(checkChangelog(cb, at)).toEqual([]);
    for (const c of cb.codes) expect(c.rule.length, c.id).toBeGreaterThan(20);
  });
});
