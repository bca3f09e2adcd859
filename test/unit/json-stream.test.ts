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

  it('prints an empty streamed array as [] and leaves undefined properties out', async () => {
    const value = { a: new StreamedArray(itemsOf([])), b: undefined, c: [new StreamedArray(itemsOf([{ x: 'line\nbreak' }]))] };
    expect(await written(value, 2)).toBe(JSON.stringify({ a: [], c: [[{ x: 'line\nbreak' }]] }, null, 2));
  });

  it('refuses an indent of no spaces (the layout would differ from JSON.stringify)', async () => {
    await expect(written([1], 0)).rejects.toThrow(/indent must be a whole number of spaces >= 1/);
  });
});
