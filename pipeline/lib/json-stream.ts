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
 * StreamedArrays' items in place. What JSON.stringify does with a toJSON method, a boxed primitive,
 * an undefined property, a function or NaN is done here too; a container that holds a
 * StreamedArray may have its toJSON methods and getters called more than once. Cycles are not
 * detected (the stack overflows).
 */
export async function writeJson(out: TextSink, value: unknown, indent: number): Promise<void> {
  if (!(Number.isInteger(indent) && indent >= 1)) throw new Error(`writeJson: indent must be a whole number of spaces >= 1, not ${indent}`);
  const newlines: string[] = [];
  const newline = (depth: number) => (newlines[depth] ??= '\n' + ' '.repeat(indent * depth));

  // The text of `v` (serialised already) printed at `depth` as JSON.stringify(v, null, indent)
  // lays it out there; undefined where JSON.stringify prints nothing (an object leaves the
  // property out, an array prints null); null when a StreamedArray is inside (putStreamed prints
  // those piece by piece). Printed here rather than by JSON.stringify and re-indented: an
  // annotation of annotations.jsonld took half the time (issue 17: the worker writing that file is
  // the release's critical path at scale).
  function text(v: unknown, depth: number): string | null | undefined {
    switch (typeof v) {
      case 'string':
        return quoted(v);
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        return JSON.stringify(v); // throws, as JSON.stringify does
      case 'object':
        break;
      default:
        return undefined; // undefined, a function or a symbol
    }
    if (v === null) return 'null';
    if (v instanceof StreamedArray) return null;
    const inner = newline(depth + 1);
    let s = '';
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const t = text(serialised(v[i], String(i)), depth + 1);
        if (t === null) return null;
        s += (i ? ',' : '[') + inner + (t ?? 'null');
      }
      return s ? s + newline(depth) + ']' : '[]';
    }
    for (const key of Object.keys(v)) {
      const t = text(serialised((v as Record<string, unknown>)[key], key), depth + 1);
      if (t === null) return null;
      if (t !== undefined) s += (s ? ',' : '{') + inner + quoted(key) + ': ' + t;
    }
    return s ? s + newline(depth) + '}' : '{}';
  }

  // A container with a StreamedArray inside (text gave null), printed entry by entry. An entry
  // with nothing streamed inside is printed without a promise: diff.json lists 4.4 million keys
  // at 1000x the corpus. Hence two loops: `for await` over an array makes a promise per entry.
  async function putStreamed(v: object, depth: number): Promise<void> {
    const list = Array.isArray(v) || v instanceof StreamedArray;
    const [open, close] = list ? ['[', ']'] : ['{', '}'];
    const entries = v instanceof StreamedArray ? v.items : list ? (v as unknown[]) : Object.keys(v);
    let n = 0;
    // Prints one entry; returns its value when that holds a StreamedArray and is still to be put.
    const entry = (e: unknown): object | undefined => {
      const key = list ? String(n) : (e as string);
      const x = serialised(list ? e : (v as Record<string, unknown>)[key], key);
      const t = text(x, depth + 1);
      if (t === undefined && !list) return undefined; // left out, as JSON.stringify does
      out.write((n++ ? ',' : open) + newline(depth + 1) + (list ? '' : quoted(key) + ': '));
      if (t === null) return x as object;
      out.write(t ?? 'null');
      return undefined;
    };
    if (Symbol.asyncIterator in entries) {
      for await (const e of entries) {
        const rest = entry(e);
        if (rest) await putStreamed(rest, depth + 1);
      }
    } else {
      for (const e of entries) {
        const rest = entry(e);
        if (rest) await putStreamed(rest, depth + 1);
      }
    }
    out.write(n ? newline(depth) + close : open + close);
  }

  const top = serialised(value, '');
  const printed = text(top, 0);
  if (printed === undefined) throw new Error(`writeJson: JSON.stringify prints nothing for ${String(value)}`);
  if (printed === null) await putStreamed(top as object, 0);
  else out.write(printed);
}

/** What JSON.stringify serialises for `value` as the property `key`: its toJSON's result, a boxed primitive unboxed. */
function serialised(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return value; // most values: checked first, as cheaply as can be
  let v: unknown = value;
  if (!(v instanceof StreamedArray) && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON(key: string): unknown }).toJSON(key);
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Number) return Number(v);
  if (v instanceof String) return String(v);
  if (v instanceof Boolean) return v.valueOf();
  return v;
}

const quoted = (s: string) => (plainString.test(s) ? `"${s}"` : JSON.stringify(s));

/** A string JSON.stringify prints as it is between quotes: no quote, backslash, control character or surrogate. */
const plainString = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
