import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointText } from '../../pipeline/lib/codepoints.js';

// Strings of code units, lone surrogates included: a pair counts as one code point, a lone half
// as one of its own, as Array.from and the tables' start_cp/end_cp count them.
const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0xd83d, 0xde00, 0xd835, 0xdd4f)), {
  maxLength: 30,
});

describe('codePointText', () => {
  it('slices as Array.from of the text does, with and without characters outside the BMP', () => {
    fc.assert(
      fc.property(units, fc.nat(), fc.nat(), (codes, a, b) => {
        const text = String.fromCharCode(...codes);
        const points = Array.from(text);
        const t = codePointText(text);
        expect(t.length).toBe(points.length);
        const [start, end] = [a % (points.length + 1), b % (points.length + 1)].sort((x, y) => x - y) as [number, number];
        expect(t.slice(start, end)).toBe(points.slice(start, end).join(''));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a range outside the text, in both representations', () => {
    expect(() => codePointText('abc').slice(2, 4)).toThrow('code point range 2..4 outside a text of 3 code points');
    expect(() => codePointText('a😀').slice(1, 3)).toThrow('code point range 1..3 outside a text of 2 code points');
  });
});
