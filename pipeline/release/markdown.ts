// Markdown for the release's generated texts (the card README.md, QUALITY.md, DIFF.md): text from
// the data escaped so that it stays text in any renderer, and tables a line at a time.

/** Text from the data, safe in Markdown prose: no raw HTML, no line breaks. */
export function md(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ');
}

export type Cell = string | number | boolean | null | undefined;

/** Text from the data, safe in a Markdown table cell. */
export function cell(s: Cell): string {
  if (s === null || s === undefined || s === '') return '';
  return md(String(s)).replace(/\|/g, '\\|');
}

/** An identifier in backticks (a backtick inside becomes a quote). */
export const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

export const integer = (n: number) => n.toLocaleString('en-US');

/** A table one line at a time: QUALITY.md's largest have a row per document or known defect. */
export function* tableLines<T>(header: readonly string[], items: Iterable<T>, cells: (item: T) => readonly Cell[]): Generator<string> {
  yield `| ${header.join(' | ')} |`;
  yield `|${header.map(() => '---').join('|')}|`;
  for (const item of items) yield `| ${cells(item).map(cell).join(' | ')} |`;
}

export const table = (header: readonly string[], rows: readonly (readonly Cell[])[]) => [...tableLines(header, rows, (r) => r)].join('\n');
