// parseYamlSequence (raw/sources.yaml parsed item by item) must say what parseYaml says of the
// whole file: the same data, the same problems and the same position for every node and key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { sequenceValidator, validateYaml } from '../../pipeline/lib/schemas.js';
import { parseYaml, parseYamlSequence, yamlSequence, type YamlInput, type YamlPath } from '../../pipeline/lib/yaml-input.js';

/** Every node path of a value and, for mappings, each key: [path, key?]. */
function places(value: unknown, path: YamlPath = []): [YamlPath, string?][] {
  if (!value || typeof value !== 'object') return [[path]];
  const entries = Object.entries(value);
  return [
    [path],
    ...(Array.isArray(value) ? [] : entries.map(([k]): [YamlPath, string] => [path, k])),
    ...entries.flatMap(([k, v]) => places(v, [...path, Array.isArray(value) ? Number(k) : k])),
  ];
}

function expectSame(text: string) {
  const whole = parseYaml('f.yaml', text);
  const items = parseYamlSequence('f.yaml', text, 'sources');
  expect(items.data).toEqual(whole.data);
  expect(items.problems).toEqual(whole.problems);
  const at = (y: YamlInput) => places(whole.data).map(([p, k]) => y.locate(p, k));
  expect(at(items)).toEqual(at(whole));
  return { whole, items };
}

const sources = readFileSync(join(repoRoot, 'raw/sources.yaml'), 'utf8');

describe('a sources file parsed item by item', () => {
  it('gives the data and every position of the whole file (raw/sources.yaml)', () => {
    const { whole } = expectSame(sources);
    expect((whole.data as { sources: unknown[] }).sources.length).toBeGreaterThan(20);
  });

  it('with CRLF line ends, items at column 0, and comments between items', () => {
    expectSame(sources.replace(/\n/g, '\r\n'));
    expectSame('version: 1\n# list\nsources:\n- id: a\n  n: 1\n# between\n- id: b\n  t: >-\n    folded\n    text\n');
  });

  it('reports a broken item as the whole file does (its line in the file)', () => {
    const broken = sources.replace(/^( {4}file: texts\/maoism-ru-20292\.txt)$/m, '$1\n    file: again');
    const { items } = expectSame(broken);
    expect(items.problems.map((p) => p.code)).toEqual(['yaml/duplicate-key']);
    expect(items.problems[0]!.line).toBe(broken.split('\n').indexOf('    file: again') + 1);
  });

  it('parses a file of another shape whole: a key after the list, an empty list, no list', () => {
    expectSame('sources:\n  - id: a\nversion: 1\n');
    expectSame('version: 1\nsources: []\n');
    expectSame('version: 1\n');
    expectSame('sources:\n  - id: a\n    x: [1,\n  2]\n');
  });

  it('reports the schema problems of the whole file when checked head and items apart (sequenceValidator)', () => {
    // A wrong version (head), an unknown field in the first entry, a wrong type in the second.
    const lines = sources.replace(/^version: 1$/m, 'version: 2').split('\n');
    const second = lines.indexOf('  - id: massive-protests-theses');
    const sha = lines.findIndex((l, i) => i > second && l.startsWith('    sha256: '));
    lines[sha] = '    sha256: 12';
    const defects = lines.join('\n').replace(/^( {4}file: texts\/maoism-ru-20292\.txt)$/m, '$1\n    flie: extra');
    const whole = parseYaml('raw/sources.yaml', defects);
    expect(whole.problems).toEqual([]);
    const expected = validateYaml(whole, 'sources');
    expect(expected.map((p) => p.code)).toEqual(['sources/not-allowed-value', 'sources/unknown-field', 'sources/wrong-type']);
    const sequence = yamlSequence('raw/sources.yaml', defects, 'sources')!;
    const check = sequenceValidator({ file: 'raw/sources.yaml', locate: sequence.locate }, 'sources', 'sources');
    const found = [...check.head(sequence.head, sequence.length)];
    for (let i = 0; i < sequence.length; i++) found.push(...check.item(sequence.item(i), i));
    expect(found).toEqual(expected);
  });
});
