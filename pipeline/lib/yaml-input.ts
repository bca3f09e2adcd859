// YAML inputs parsed with positions, so every later check can point at file:line:column.
import { isAlias, isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Problem } from './problems.js';

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

export function parseYaml(file: string, source: string): YamlInput {
  const lineCounter = new LineCounter();
  // Core schema (YAML 1.2): `no` stays a string, dates stay strings; the schemas decide types.
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const problems: Problem[] = [];
  // A syntax error found at the very end (an unclosed quote on the last line) is reported at
  // the end of the last line, not on a line after the file.
  const end = source.endsWith('\n') ? source.length - 1 : source.length;
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(Math.min(offset, end));
    return { line, column: col };
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
  // door to exponential "billion laughs" expansion.
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
  const data = problems.length === 0 ? doc.toJS({ maxAliasCount: 0 }) : undefined;
  return {
    file,
    data,
    problems,
    locate(path, key) {
      const node = nodeAt(doc, path);
      if (key !== undefined && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        const keyNode = pair?.key as Node | undefined;
        if (keyNode?.range) return at(keyNode.range[0]);
      }
      return at(node?.range?.[0] ?? 0);
    },
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
