// quickYaml (js-yaml with yaml's core schema) may only ever give what yaml gives: wherever it
// returns data, yaml must read the same text without an error or a warning and give data equal to
// it (deep, strict: -0, NaN and key order included). Where it returns nothing, yaml decides.
// Checked on every YAML file of the repository (inputs, fixtures, bad fixtures), on each item of
// raw/sources.yaml, on damaged copies of them, and on the cases where js-yaml's own core schema
// reads YAML otherwise than yaml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { yamlSequence } from '../../pipeline/lib/yaml-input.js';
import { quickYaml } from '../../pipeline/lib/yaml-quick.js';
import { parseDocument } from 'yaml';

/** yaml's reading, as parseYaml makes it: its data, or the codes of its errors and warnings. */
function yamlReading(text: string): { data?: unknown; problems: string[] } {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.code);
  if (problems.length) return { problems };
  try {
    return { data: doc.toJS({ maxAliasCount: 0 }), problems };
  } catch (e) {
    return { problems: [(e as Error).message] };
  }
}

/** Whether quickYaml keeps its promise on `text`; true when it refuses the text. */
function agrees(text: string): boolean {
  const quick = quickYaml(text);
  if (quick === undefined) return true;
  const { data, problems } = yamlReading(text);
  return problems.length === 0 && isDeepStrictEqual(quick, data);
}

const yamlFiles = ['raw', 'test/fixtures', 'notebooks']
  .flatMap((dir) => listFiles(join(repoRoot, dir)).map((f) => `${dir}/${f}`))
  .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
  .sort();
const texts = new Map(yamlFiles.map((f) => [f, readFileSync(join(repoRoot, f), 'utf8')]));

describe('quickYaml', () => {
  it('gives what yaml gives, or nothing, for every YAML file of the repository', () => {
    expect(yamlFiles.length).toBeGreaterThan(100);
    const disagreeing = yamlFiles.filter((f) => !agrees(texts.get(f)!));
    expect(disagreeing).toEqual([]);
  });

  it('reads every annotation file itself (the case it is there for)', () => {
    const annotations = yamlFiles.filter((f) => f.startsWith('raw/annotations/'));
    expect(annotations.length).toBeGreaterThan(20);
    expect(annotations.filter((f) => quickYaml(texts.get(f)!) === undefined)).toEqual([]);
  });

  it('gives what yaml gives for each item of raw/sources.yaml', () => {
    const text = texts.get('raw/sources.yaml')!;
    const sequence = yamlSequence('raw/sources.yaml', text, 'sources')!;
    const items = Array.from({ length: sequence.length }, (_, i) => sequence.item(i));
    const whole = yamlReading(text).data as { sources: unknown[] };
    expect(items).toEqual(whole.sources);
  });

  it.each([
    ['null keys are empty strings, as yaml writes them', 'null: 1\n', { '': 1 }],
    ['a null key in a flow mapping too', '{~: 1}\n', { '': 1 }],
    ['a number too large for a double is Infinity, not a string', 'a: 1e400\n', { a: Infinity }],
    [
      '1_000, 0b1 and yes stay strings (YAML 1.2 core)',
      'a: 1_000\nb: 0b1\nc: yes\nd: 2022-01-05\n',
      { a: '1_000', b: '0b1', c: 'yes', d: '2022-01-05' },
    ],
    ['octal, hex, -0 and .nan as yaml resolves them', 'a: 0o17\nb: 0x1F\nc: -0\nd: .nan\n', { a: 15, b: 31, c: -0, d: NaN }],
    ['__proto__ is an own key', '__proto__: x\n', JSON.parse('{"__proto__": "x"}')],
  ])('%s', (_, text, expected) => {
    expect(quickYaml(text)).toStrictEqual(expected);
    expect(agrees(text)).toBe(true);
  });

  it.each([
    ['an explicit standard tag', 'a: !!int 5\n'],
    ['an unknown tag', 'a: !foo 5\n'],
    ['an alias', 'a: &x 1\nb: *x\n'],
    ['a collection as a key', '[a]: 1\n'],
    ['keys yaml tells apart but an object cannot (1 and "1")', 'a: 1\n1: 2\n"1": 3\n'],
    ['an empty text (yaml: null)', ''],
    ['a comment glued to a quoted value', 'a: "x"#c\n'],
    ['a flow sequence closed left of its key', 'a:\n  - [a,\nb]\n'],
  ])('refuses %s, which yaml then decides', (_, text) => {
    expect(quickYaml(text)).toBeUndefined();
  });

  it.each([
    ['an explicit value with a compact mapping', 'a:\n  : b: c\n'],
    ['a carriage return that ends no line', 'a: 1\n\r'],
    ['a byte order mark inside the text', '# x\n\uFEFF# c:\na: 1\n'],
    ['a %YAML 1.1 directive (yaml then reads yes as true; its --- is refused)', '%YAML 1.1\n---\na: yes\n'],
  ])('refuses %s, which js-yaml reads and yaml does not read alike', (_, text) => {
    const theirs = load(text);
    const yamls = yamlReading(text);
    expect(yamls.problems.length > 0 || !isDeepStrictEqual(theirs, yamls.data)).toBe(true);
    expect(quickYaml(text)).toBeUndefined();
  });

  it("js-yaml's own core schema would read null keys and 1e400 otherwise (what the schema above is for)", () => {
    expect(load('{null: 1}')).not.toStrictEqual(yamlReading('{null: 1}').data);
    expect(load('a: 1e400')).not.toStrictEqual(yamlReading('a: 1e400').data);
  });

  it('gives what yaml gives, or nothing, for damaged copies of the repository files', () => {
    // Edits that make or break YAML structure: indicators, indentation, quotes, tags, anchors,
    // scalars that resolve to other types, line ends and odd characters.
    const pieces = [
      '#',
      ' #',
      ':',
      ': ',
      '-',
      '- ',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '\n',
      '\n  ',
      '\t',
      ' ',
      '  ',
      '&a ',
      '*a',
      '!',
      '!!str ',
      '!!int ',
      '|',
      '>-',
      '%',
      '@',
      '`',
      '?',
      '? ',
      '\\',
      '\\x',
      '\r\n',
      '\uFEFF',
      '\u2028',
      '\u0085',
      '\x07',
      '---\n',
      '...\n',
      '<<: ',
      'null',
      '~',
      'true',
      '0x1F',
      '0o7',
      '1_000',
      '.inf',
      '1e400',
      '-0',
      '__proto__',
      '\n  null: 1\n',
    ];
    const sample = yamlFiles.filter((f, i) => f.startsWith('raw/annotations/') || f.startsWith('test/fixtures/bad') || i % 3 === 0);
    const edit = fc.record({ at: fc.nat(), piece: fc.constantFrom(...pieces), cut: fc.nat({ max: 3 }), remove: fc.boolean() });
    fc.assert(
      fc.property(fc.constantFrom(...sample), fc.array(edit, { minLength: 1, maxLength: 3 }), (file, edits) => {
        let text = texts.get(file)!;
        for (const { at, piece, cut, remove } of edits) {
          const i = at % (text.length + 1);
          text = remove ? text.slice(0, i) + text.slice(i + 1 + cut) : text.slice(0, i) + piece + text.slice(i);
        }
        return agrees(text);
      }),
      { numRuns: 1500, seed: 20261207 },
    );
  });
});
