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
 * StreamedArrays' items in place. What JSON.stringify leaves out or prints as null (an undefined
 * property, a function, NaN) is left out or printed as null here too; an object with a toJSON
 * method is printed as JSON.stringify prints it (toJSON is given no key).
 */
export async function writeJson(out: TextSink, value: unknown, indent: number): Promise<void> {
  if (!(Number.isInteger(indent) && indent >= 1)) throw new Error(`writeJson: indent must be a whole number of spaces >= 1, not ${indent}`);
  const newlines: string[] = [];
  const newline = (depth: number) => (newlines[depth] ??= '\n' + ' '.repeat(indent * depth));

  // The text of `v` printed at `depth`, as JSON.stringify(v, null, indent) lays it out there, or
  // null when a StreamedArray is inside (put prints those piece by piece). Printed here rather than
  // by JSON.stringify and re-indented: an annotation of annotations.jsonld took half the time, and
  // no pass over the item to look for StreamedArrays first (issue 17: the worker writing that file
  // is the release's critical path at scale).
  function text(v: unknown, depth: number): string | null {
    switch (typeof v) {
      case 'string':
        return plainString.test(v) ? `"${v}"` : JSON.stringify(v);
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'object':
        break;
      case 'bigint':
        return JSON.stringify(v); // throws, as JSON.stringify does
      default:
        return 'null'; // undefined, a function or a symbol: left out of objects (below), null in arrays
    }
    if (v === null) return 'null';
    if (v instanceof StreamedArray) return null;
    const inner = newline(depth + 1);
    let s = '';
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const t = text(v[i], depth + 1);
        if (t === null) return null;
        s += (i ? ',' : '[') + inner + t;
      }
      return s ? s + newline(depth) + ']' : '[]';
    }
    // Anything else with a toJSON method (a Date) as JSON.stringify would print it.
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(v, null, indent).replaceAll('\n', newline(depth));
    for (const key of Object.keys(v)) {
      const x: unknown = (v as Record<string, unknown>)[key];
      if (omitted(x)) continue; // as JSON.stringify does
      const t = text(x, depth + 1);
      if (t === null) return null;
      s += (s ? ',' : '{') + inner + text(key, 0) + ': ' + t;
    }
    return s ? s + newline(depth) + '}' : '{}';
  }

  async function put(v: unknown, depth: number): Promise<void> {
    const printed = text(v, depth);
    if (printed !== null) {
      out.write(printed);
      return;
    }
    const list = Array.isArray(v) || v instanceof StreamedArray;
    const [open, close, entries] = v instanceof StreamedArray
      ? ['[', ']', v.items]
      : list
        ? ['[', ']', v as unknown[]]
        : ['{', '}', Object.entries(v as object).filter(([, x]) => !omitted(x))];
    let n = 0;
    // Prints an entry (an item, or an object's [key, value]) and returns its value when that has a
    // StreamedArray inside and is still to be printed; undefined when done. No promise per entry:
    // diff.json lists 4.4 million keys at 1000x the corpus.
    const entry = (e: unknown): unknown => {
      out.write((n++ ? ',' : open) + newline(depth + 1));
      let x = e;
      if (!list) {
        out.write(text((e as [string, unknown])[0], 0) + ': ');
        x = (e as [string, unknown])[1];
      }
      const t = text(x, depth + 1);
      if (t === null) return x;
      out.write(t);
      return undefined;
    };
    if (Symbol.asyncIterator in entries) {
      for await (const e of entries) {
        const rest = entry(e);
        if (rest !== undefined) await put(rest, depth + 1);
      }
    } else {
      for (const e of entries) {
        const rest = entry(e);
        if (rest !== undefined) await put(rest, depth + 1);
      }
    }
    out.write(n ? newline(depth) + close : open + close);
  }

  if (omitted(value)) throw new Error(`writeJson: JSON.stringify prints nothing for ${String(value)}`);
  await put(value, 0);
}

/** A string JSON.stringify prints as it is between quotes: no quote, backslash, control character or surrogate. */
const plainString = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** What JSON.stringify leaves out of an object and prints as null in an array. */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
