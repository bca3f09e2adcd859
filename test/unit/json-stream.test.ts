// writeJson prints what JSON.stringify(value, null, indent) prints, with any array's items coming
// from an async iterable (diff.json's keys, annotations.jsonld's items): checked on random JSON
// values with random arrays streamed, at several indents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamedArray, writeJson } from '../../pipeline/lib/json-stream.js';

async function* itemsOf(items: unknown[]) {
  for (const item of items) yield item;
}

/** The value with every array for which `pick` says so streamed (decided per array, depth first). */
function streamSome(value: unknown, pick: () => boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => streamSome(v, pick));
    return pick() ? new StreamedArray(itemsOf(items)) : items;
  }
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, streamSome(v, pick)]));
  return value;
}

async function written(value: unknown, indent: number): Promise<string> {
  let text = '';
  await writeJson({ write: (s: string) => (text += s) }, value, indent);
  return text;
}

describe('writeJson', () => {
  it('gives the bytes of JSON.stringify(value, null, indent) with arrays streamed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.infiniteStream(fc.boolean()),
        async (v, indent, coins) => {
          const it = coins[Symbol.iterator]();
          expect(
            await written(
              streamSome(v, () => it.next().value as boolean),
              indent,
            ),
          ).toBe(JSON.stringify(v, null, indent));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('prints every string as JSON.stringify does: quotes, backslashes, control characters, lone and paired surrogates', async () => {
    // The printer copies a string between quotes when JSON.stringify would; these units are the ones it must not copy.
    const awkward = fc.constantFrom(
      '"',
      '\\',
      '\n',
      '\u0000',
      '\u001f',
      '\u007f',
      '\u2028',
      '\ud800',
      '\udfff',
      '\ud83d\ude00',
      'a',
      'é',
      '哈',
      '/',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 3, stringUnit: fc.oneof(awkward, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        async (v, indent, stream) => {
          const value = stream && Array.isArray(v) ? new StreamedArray(itemsOf(v)) : v;
          expect(await written(value, indent)).toBe(JSON.stringify(v, null, indent));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('prints what JSON.stringify leaves out or turns into null the same way, and a toJSON method', async () => {
    const f = () => 1;
    const value = {
      u: undefined,
      f,
      s: Symbol('s'),
      list: [undefined, f, NaN, -0, Infinity, 1e21, new Date(Date.UTC(2022, 0, 5)), , 'x'], // eslint-disable-line no-sparse-arrays
      nested: { date: new Date(Date.UTC(2022, 0, 5)), empty: {}, none: [] },
    };
    expect(await written(value, 2)).toBe(JSON.stringify(value, null, 2));
    expect(await written({ ...value, streamed: new StreamedArray(itemsOf([undefined, f, { u: undefined }])) }, 2)).toBe(
      JSON.stringify({ ...value, streamed: [undefined, f, { u: undefined }] }, null, 2),
    );
    // toJSON: given the property's key or index, applied to arrays too, and its undefined left out;
    // boxed primitives unboxed.
    const keyed = { toJSON: (key: string) => `as ${key}` };
    const odd = {
      gone: { toJSON: () => undefined },
      keyed,
      list: [keyed, { toJSON: () => undefined }],
      array: Object.assign([1, 2], { toJSON: () => 'an array' }),
      boxed: [new String('s'), new Number(3), new Boolean(false)], // eslint-disable-line no-new-wrappers
    };
    expect(await written(odd, 2)).toBe(JSON.stringify(odd, null, 2));
    expect(await written({ ...odd, streamed: new StreamedArray(itemsOf([keyed, odd])) }, 3)).toBe(
      JSON.stringify({ ...odd, streamed: [keyed, odd] }, null, 3),
    );
    await expect(written(undefined, 2)).rejects.toThrow(/JSON.stringify prints nothing for undefined/);
    await expect(written({ big: 1n }, 2)).rejects.toThrow(/BigInt/);
  });

  it('prints an empty streamed array as [] and leaves undefined properties out', async () => {
    const value = { a: new StreamedArray(itemsOf([])), b: undefined, c: [new StreamedArray(itemsOf([{ x: 'line\nbreak' }]))] };
    expect(await written(value, 2)).toBe(JSON.stringify({ a: [], c: [[{ x: 'line\nbreak' }]] }, null, 2));
  });

  it('refuses an indent of no spaces (the layout would differ from JSON.stringify)', async () => {
    await expect(written([1], 0)).rejects.toThrow(/indent must be a whole number of spaces >= 1/);
  });
});
