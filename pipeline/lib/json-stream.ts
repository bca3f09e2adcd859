// JSON written piece by piece, for files too large to hold as one string (issue 17: diff.json at
// 1000x the corpus lists 4.4 million keys, 282 MB). A value is plain JSON except that any array
// may be a StreamedArray, whose items come from an async iterable (rows read from DuckDB) and are
// printed as they arrive. The text is exactly JSON.stringify(value, null, indent), so a file
// written this way is the same, byte for byte, as one stringified whole.

/** An array whose items are produced (or, from an array in memory, printed one by one) while the JSON is written. */
export class StreamedArray {
  constructor(readonly items: AsyncIterable<unknown> | Iterable<unknown>) {}
}

/** Where the text goes, in order (a ChunkedFile, process.stdout). */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Writes JSON.stringify(value, null, indent) to `out` (indent: 1 or more spaces), with
 * StreamedArrays' items in place. Values are plain JSON (objects, arrays, strings, finite numbers,
 * booleans, null); an undefined property is left out, as JSON.stringify does.
 */
export async function writeJson(out: TextSink, value: unknown, indent: number): Promise<void> {
  if (!(Number.isInteger(indent) && indent >= 1)) throw new Error(`writeJson: indent must be a whole number of spaces >= 1, not ${indent}`);
  const newlines: string[] = [];
  const newline = (depth: number) => (newlines[depth] ??= '\n' + ' '.repeat(indent * depth));
  // A value without a StreamedArray inside, printed at `depth`: JSON.stringify's own text with its
  // line breaks indented (a string's line breaks are escaped, so only the layout's are).
  const whole = (v: unknown, depth: number) => JSON.stringify(v, null, indent).replaceAll('\n', newline(depth));
  const streamed = (v: unknown): boolean =>
    v instanceof StreamedArray || (typeof v === 'object' && v !== null && Object.values(v).some(streamed));

  async function put(v: unknown, depth: number): Promise<void> {
    if (!streamed(v)) {
      out.write(whole(v, depth));
      return;
    }
    const [open, close, entries] =
      v instanceof StreamedArray
        ? ['[', ']', v.items]
        : Array.isArray(v)
          ? ['[', ']', v]
          : ['{', '}', Object.entries(v as object).filter(([, x]) => x !== undefined)];
    let n = 0;
    for await (const entry of entries) {
      out.write((n++ ? ',' : open) + newline(depth + 1));
      if (Array.isArray(v) || v instanceof StreamedArray) await put(entry, depth + 1);
      else {
        const [key, x] = entry as [string, unknown];
        out.write(JSON.stringify(key) + ': ');
        await put(x, depth + 1);
      }
    }
    out.write(n ? newline(depth) + close : open + close);
  }

  await put(value, 0);
}
