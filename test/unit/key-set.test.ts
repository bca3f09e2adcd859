// KeySet answers as a Set of the same strings would: random keys from a small alphabet (so that
// keys repeat and share prefixes), added and looked up in random order, past several growths.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeySet } from '../../pipeline/lib/key-set.js';

describe('KeySet', () => {
  it('adds and finds exactly what a Set does', () => {
    const key = fc.string({ unit: fc.constantFrom('a', 'b', '/', '"', 'é', '😀', '0', '1'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), key), { maxLength: 400 }), (ops) => {
        const keys = new KeySet();
        const strings = new Set<string>();
        for (const [add, k] of ops) {
          if (add) {
            expect(keys.add(k)).toBe(!strings.has(k));
            strings.add(k);
          } else expect(keys.has(k)).toBe(strings.has(k));
        }
        expect(keys.size).toBe(strings.size);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a hundred thousand keys like the validate stage makes, telling each from the others', () => {
    const keys = new KeySet();
    const key = (i: number) => JSON.stringify([`doc-${i % 977}-en/a${i}`]);
    for (let i = 0; i < 100_000; i++) expect(keys.add(key(i))).toBe(true);
    for (let i = 0; i < 100_000; i += 7) expect(keys.add(key(i))).toBe(false);
    for (let i = 100_000; i < 110_000; i++) expect(keys.has(key(i))).toBe(false);
    expect(keys.size).toBe(100_000);
  });
});
