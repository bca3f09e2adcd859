// YAML inputs parsed with positions, so every later check can point at file:line:column.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { cacheEntry } from './cache.js';
import { runningCode } from './files.js';
import type { Problem } from './problems.js';
import { quickYaml } from './yaml-quick.js';

export type YamlPath = readonly (string | number)[];

export interface YamlInput {
  file: string; // repository-relative, used in messages
  data: unknown; // plain JS value, or undefined when the YAML itself is broken
  problems: Problem[]; // syntax problems only
  /** Position of the node at `path`; with `key`, of the mapping key `key` inside it. */
  locate(path: YamlPath, key?: string): { line: number; column: number };
}

const yamlCodes: Record<string, string> = {
  DUPLICATE_KEY: 'duplicate-key',
  TAG_RESOLVE_FAILED: 'unknown-tag',
  BAD_ALIAS: 'alias',
};

/**
 * The text's data, problems and positions. Read first by js-yaml (yaml-quick.ts), which gives the
 * same data in a quarter of the time; the syntax tree with positions is then built only when a
 * later check asks for a position. A text js-yaml refuses is parsed by yaml at once.
 */
export function parseYaml(file: string, source: string): YamlInput {
  const quick = quickYaml(source);
  if (quick !== undefined) return { file, data: quick, problems: [], locate: lazyLocate(() => parsePart(file, source, 0)) };
  const { doc, problems, at } = parsePart(file, source, 0);
  const data = problems.length === 0 ? doc.toJS({ maxAliasCount: 0 }) : undefined;
  return { file, data, problems, locate: locateIn(doc, at) };
}

/**
 * The code that parses, taken when this module loads: a process keeps the code it started with
 * even if build/bin/ is rebuilt under it (the workbench server runs for hours), and under
 * vitest's watch mode an edit of the parser (this module or yaml-quick.ts) loads this module again.
 */
const parserCode = runningCode(['pipeline']);

/** The cache entry parseYamlCached keeps a text's data in: named by the hash of the text and of the code that parses it. */
export const yamlCacheEntry = (source: string) => cacheEntry('yaml', `${parserCode}\n${source}`, 'json');

/**
 * parseYaml through the cache (cacheDir()): the data of a text that parses without a problem,
 * kept as JSON. Parsing the YAML inputs was ~235 ms of every command that reads them at 1x
 * (js-yaml compiling itself as it goes), half of it for the vocabulary, the flags and the
 * languages, the same files in every copy of the repository (issue 17). For files whose number
 * does not grow with the corpus: an annotation file per document would make as many entries.
 * Data JSON cannot hold exactly (NaN, Infinity, -0) is not kept.
 */
export function parseYamlCached(file: string, source: string): YamlInput {
  const entry = yamlCacheEntry(source);
  const cached = entry.read();
  if (cached)
    return { file, data: JSON.parse(cached.toString('utf8')), problems: [], locate: lazyLocate(() => parsePart(file, source, 0)) };
  const input = parseYaml(file, source);
  if (input.problems.length === 0) {
    const json = exactJson(input.data);
    if (json !== undefined) entry.write(json);
  }
  return input;
}

/** JSON.stringify of `data`, or undefined when JSON.parse would not give it back (a number JSON has no form for). */
function exactJson(data: unknown): string | undefined {
  let exact = true;
  const json = JSON.stringify(data, (_, v: unknown) => {
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) exact = false;
    return v;
  });
  return exact ? json : undefined;
}

/** A locate that parses with positions on its first call, and only then. */
function lazyLocate(parse: () => ReturnType<typeof parsePart>): YamlInput['locate'] {
  let located: YamlInput['locate'] | undefined;
  return (path, key) => {
    if (!located) {
      const { doc, at } = parse();
      located = locateIn(doc, at);
    }
    return located(path, key);
  };
}

/**
 * parseYaml for a file whose bulk is one top-level block sequence under `key` (raw/sources.yaml:
 * `sources:` and one item per source), parsed item by item. The same data, problems and
 * positions, without holding the whole file's syntax tree: at 1000x the corpus (97 MB, 30,000
 * sources) parsing it whole took 48 s and 2.9 GB of heap (issue 17). Only the plain data is kept;
 * an item is parsed again, with positions, when a problem needs one. A file of another shape, or
 * with an item that does not parse on its own, is parsed whole (problems are then reported as
 * parseYaml reports them).
 */
export function parseYamlSequence(file: string, source: string, key: string): YamlInput {
  const sequence = yamlSequence(file, source, key);
  if (!sequence) return parseYaml(file, source);
  const items: unknown[] = [];
  for (let i = 0; i < sequence.length; i++) {
    const item = sequence.item(i);
    if (item === undefined) return parseYaml(file, source);
    items.push(item);
  }
  return { file, data: { ...sequence.head, [key]: items }, problems: [], locate: sequence.locate };
}

/** A file whose bulk is one block sequence under `key`, its items parsed one at a time. */
export interface YamlSequence {
  /** The data outside the sequence (`key` is null in it). */
  head: Record<string, unknown>;
  length: number;
  /** Item `index` as plain data, or undefined when it does not parse on its own (parse the file whole). */
  item(index: number): unknown;
  locate: YamlInput['locate'];
}

/**
 * The file as a YamlSequence, or undefined when it is not one top-level block sequence under
 * `key` with a head that parses (then parse it whole, which reports the head's problems). Only
 * the item being read is parsed, so a caller that takes one item at a time holds one item's data.
 */
export function yamlSequence(file: string, source: string, key: string): YamlSequence | undefined {
  const parts = splitSequence(source, key);
  if (!parts) return undefined;
  const head = parsePart(file, parts.head, 0);
  if (head.problems.length || !isMap(head.doc.contents)) return undefined;
  const data = head.doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;
  if (data[key] !== null) return undefined;
  let cached: { index: number; locate: YamlInput['locate'] } | undefined;
  const locateItem = (index: number) => {
    if (cached?.index !== index) {
      const item = parts.items[index]!;
      const part = parsePart(file, item.text, item.line);
      cached = { index, locate: locateIn(part.doc, part.at) };
    }
    return cached.locate;
  };
  const locateHead = locateIn(head.doc, head.at);
  return {
    head: data,
    length: parts.items.length,
    item(index) {
      const item = parts.items[index]!;
      const quick = quickYaml(item.text);
      if (Array.isArray(quick) && quick.length === 1) return quick[0];
      const { doc, problems } = parsePart(file, item.text, item.line);
      if (problems.length || !isSeq(doc.contents) || doc.contents.items.length !== 1) return undefined;
      return (doc.toJS({ maxAliasCount: 0 }) as unknown[])[0];
    },
    locate(path, k) {
      const [first, index, ...rest] = path;
      if (first !== key || parts.items.length === 0) return locateHead(path, k);
      // The sequence itself starts where its first item does.
      if (index === undefined) return locateItem(0)([], k);
      return typeof index === 'number' && index < parts.items.length ? locateItem(index)([0, ...rest], k) : locateHead(path, k);
    },
  };
}

/**
 * The text before `key`'s sequence (with `key:` itself, so it parses as `key: null`) and each item
 * with the line it starts on, or undefined when the file is not one top-level sequence under
 * `key` followed by nothing but blank lines and comments.
 */
function splitSequence(source: string, key: string): { head: string; items: { text: string; line: number }[] } | undefined {
  const lines = source.split('\n');
  const keyLine = new RegExp(`^${key}:[ \t]*(#.*)?\r?$`);
  const start = lines.findIndex((l) => keyLine.test(l));
  if (start < 0) return undefined;
  const quiet = (l: string) => /^[ \t]*(#.*)?\r?$/.test(l);
  const first = lines.findIndex((l, i) => i > start && !quiet(l));
  const indent = first < 0 ? undefined : /^( *)- /.exec(lines[first]!)?.[1];
  if (indent === undefined) return undefined;
  const items: { text: string; line: number }[] = [];
  let from = first;
  for (let i = first + 1; i <= lines.length; i++) {
    const l = lines[i];
    const deeper = l !== undefined && (quiet(l) || (l.startsWith(indent) && l[indent.length] === ' '));
    if (deeper) continue;
    const itemStart = l !== undefined && l.startsWith(indent + '- ');
    if (l !== undefined && !itemStart) return undefined; // another top-level key, or odd indentation
    items.push({ text: lines.slice(from, i).join('\n') + '\n', line: from });
    from = i;
  }
  return { head: lines.slice(0, start + 1).join('\n') + '\n', items };
}

/** One YAML text parsed with positions; `firstLine` is the 0-based line of the file it starts on. */
function parsePart(file: string, source: string, firstLine: number) {
  const lineCounter = new LineCounter();
  // Core schema (YAML 1.2): `no` stays a string, dates stay strings; the schemas decide types.
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const problems: Problem[] = [];
  // A syntax error found at the very end (an unclosed quote on the last line) is reported at
  // the end of the last line, not on a line after the file.
  const end = source.endsWith('\n') ? source.length - 1 : source.length;
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(Math.min(offset, end));
    return { line: line + firstLine, column: col };
  };
  for (const e of [...doc.errors, ...doc.warnings]) {
    const code = yamlCodes[e.code] ?? e.code.toLowerCase().replace(/_/g, '-');
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push({
      code: `yaml/${code}`,
      file,
      ...at(e.pos[0]),
      message,
      hint:
        code === 'duplicate-key'
          ? 'remove or rename one of the two keys; YAML would silently keep only one'
          : code === 'unknown-tag'
            ? 'remove the !tag: inputs use plain YAML values only'
            : 'fix the YAML syntax at this position (indentation, quotes, colons)',
    });
  }
  // Aliases are refused outright: they are never needed in hand-written inputs and they open the
  // door to exponential "billion laughs" expansion. An alias is written *name, so a text without
  // a '*' has none, and its tree is not walked (5% of parsing the annotation files).
  if (source.includes('*'))
    visit(doc, {
      Alias(_, node) {
        problems.push({
          code: 'yaml/alias',
          file,
          ...at(node.range?.[0] ?? 0),
          message: `alias *${node.source} is not allowed`,
          hint: 'write the value out in full; anchors and aliases are not accepted in inputs',
        });
      },
    });
  return { doc, problems, at };
}

function locateIn(doc: Document, at: (offset: number) => { line: number; column: number }): YamlInput['locate'] {
  return (path, key) => {
    const node = nodeAt(doc, path);
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return at(keyNode.range[0]);
    }
    return at(node?.range?.[0] ?? 0);
  };
}

/** The deepest existing node along `path` (so a missing leaf points at its parent). */
function nodeAt(doc: Document, path: YamlPath): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in node && !isAlias(node)) return node as Node;
  }
  return undefined;
}
