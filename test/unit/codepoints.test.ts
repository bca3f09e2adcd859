import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointText } from '../../pipeline/lib/codepoints.js';
import { CodePointIndex } from '../../pipeline/lib/text-position.js';

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

  it('refuses a range outside the text, in both representations, and says which ranges it has', () => {
    expect(() => codePointText('abc').slice(2, 4)).toThrow('code point range 2..4 outside a text of 3 code points');
    expect(() => codePointText('a😀').slice(1, 3)).toThrow('code point range 1..3 outside a text of 2 code points');
    const t = codePointText('a😀');
    expect([t.has(0, 2), t.has(2, 2), t.has(1, 3), t.has(2, 1), t.has(-1, 1)]).toEqual([true, true, false, false, false]);
  });
});

describe('CodePointIndex', () => {
  it('converts offsets both ways as counting the code points of Array.from does, with and without surrogates', () => {
    fc.assert(
      fc.property(units, (codes) => {
        const text = String.fromCharCode(...codes);
        const index = new CodePointIndex(text);
        const points = Array.from(text);
        expect(index.length).toBe(points.length);
        // Where each code point starts, in UTF-16 units; an offset inside a pair maps to the pair.
        let unit = 0;
        points.forEach((p, cp) => {
          expect(index.toUtf16(cp)).toBe(unit);
          expect(index.toCodePoints(unit)).toBe(cp);
          if (p.length === 2) expect(index.toCodePoints(unit + 1)).toBe(cp);
          unit += p.length;
        });
        expect(index.toUtf16(points.length)).toBe(text.length);
        expect(index.toCodePoints(text.length)).toBe(points.length);
        for (const bad of [-1, text.length + 1, 0.5]) expect(() => index.toCodePoints(bad)).toThrow(RangeError);
        expect(() => index.toUtf16(points.length + 1)).toThrow(RangeError);
      }),
      { numRuns: 2000 },
    );
  });
});
