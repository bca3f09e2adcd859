// YAML front matter of a Markdown text: the block between a first line "---" and the next "---"
// line. Parsed with the core schema (through parseYaml), so `date: 2022-01-07` stays the string
// the contributor wrote and is never turned into a timestamp in some time zone.
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { parseYaml } from '../lib/yaml-input.js';

export interface FrontMatter {
  ok: true;
  /** The top-level keys and their values, as plain JS values. */
  fields: Record<string, unknown>;
  /** The raw line of each top-level key ("title: \"Solidarität mit …\""), verbatim: evidence. */
  lines: Record<string, string>;
  /** The text after the closing "---" line. */
  body: string;
  /** UTF-16 offset of the body in the text. */
  bodyStart: number;
}

/**
 * Front matter that is there but cannot be read. line and column (1-based, column in code
 * points) are positions in the whole text, so they point into the contributor's file.
 */
export interface FrontMatterError {
  ok: false;
  code: string;
  line: number;
  column: number;
  message: string;
  hint: string;
}

/** Splits off the front matter; null when the text has none (no "---" first line, or no closing line). */
export function splitFrontMatter(text: string): FrontMatter | FrontMatterError | null {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!open) return null;
  const yamlStart = open[0].length;
  const close = /^---[ \t]*(?:\r?\n|$)/m.exec(text.slice(yamlStart));
  if (!close) return null;
  const source = text.slice(yamlStart, yamlStart + close.index);
  const bodyStart = yamlStart + close.index + close[0].length;
  const body = text.slice(bodyStart);
  // The YAML starts on the text's second line.
  const lineOffset = 1;

  const parsed = parseYaml('front matter', source);
  const problem = parsed.problems[0];
  if (problem) {
    return {
      ok: false,
      code: 'add/bad-front-matter',
      line: (problem.line ?? 1) + lineOffset,
      column: problem.column ?? 1,
      message: `front matter is not valid YAML: ${problem.message}`,
      hint: problem.hint ?? 'fix the YAML between the two --- lines',
    };
  }
  const data = parsed.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      code: 'add/bad-front-matter',
      line: 1 + lineOffset,
      column: 1,
      message: 'front matter is not a list of "key: value" lines',
      hint: 'write one "key: value" per line between the two --- lines, e.g. title: "…"',
    };
  }
  return { ok: true, fields: data as Record<string, unknown>, lines: keyLines(source), body, bodyStart };
}

/** The raw line on which each top-level key stands, without its line break. */
function keyLines(source: string): Record<string, string> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const rawLines = source.split('\n');
  const lines: Record<string, string> = {};
  if (!isMap(doc.contents)) return lines;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const { line } = lineCounter.linePos(pair.key.range[0]);
    const raw = rawLines[line - 1];
    if (raw !== undefined) lines[String(pair.key.value)] = raw.replace(/\r$/, '');
  }
  return lines;
}
