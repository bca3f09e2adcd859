// Krippendorff's alpha (pipeline/reliability/alpha.ts) against the worked examples of
// Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
// Communication, University of Pennsylvania, Departmental Papers (ASC) 43,
// https://repository.upenn.edu/asc_papers/43 : example A (binary data, two observers, no missing
// data: alpha = 0.095), example B (nominal data, two observers, no missing data: alpha = 0.692) and
// example C (nominal data, four observers, missing data: alpha = 0.743; the same matrix and value
// are in the doctest of the Python package `krippendorff`). The paper prints three decimals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nominalAlpha, type Unit } from '../../pipeline/reliability/alpha.js';

/** Coders as rows (as the paper prints them), '.' for a missing value, turned into units. */
function units(...coders: string[]): Unit[] {
  const rows = coders.map((c) => c.trim().split(/\s+/));
  return rows[0]!.map((_, u) => rows.map((r) => (r[u] === '.' ? null : r[u]!)));
}

describe('nominalAlpha: Krippendorff (2011) worked examples', () => {
  it('A. binary data, two observers, no missing data: 0.095', () => {
    const r = nominalAlpha(units('0 1 0 0 0 0 0 0 1 0', '1 1 1 0 0 1 0 0 0 0'));
    expect(r.pairableValues).toBe(20);
    expect(r.alpha!.toFixed(3)).toBe('0.095');
  });

  it('B. nominal data, two observers, no missing data: 0.692', () => {
    const r = nominalAlpha(units('a a b b d c c c e d d a', 'b a b b b c c c e d d d'));
    expect(r.pairableValues).toBe(24);
    expect(r.alpha!.toFixed(3)).toBe('0.692');
  });

  it('C. nominal data, four observers, missing data: 0.743 (unit 12 has one value and is not pairable)', () => {
    const r = nominalAlpha(
      units(
        '1 2 3 3 2 1 4 1 2 . . .', // observer A
        '1 2 3 3 2 2 4 1 2 5 . 3', // observer B
        '. 3 3 3 2 3 4 2 2 5 1 .', // observer C
        '1 2 3 3 2 4 4 1 2 5 1 .', // observer D
      ),
    );
    expect(r.pairableUnits).toBe(11);
    expect(r.pairableValues).toBe(40);
    expect(r.alpha!.toFixed(3)).toBe('0.743');
  });
});

const value = fc.constantFrom('none', 'a', 'b', 'a; b', 'c');
const pairs = fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 40 });

describe('nominalAlpha: properties (two coders)', () => {
  it('is 1 when the coders always agree and the values vary', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), (vs) => {
        fc.pre(new Set(vs).size > 1);
        expect(nominalAlpha(vs.map((v) => [v, v])).alpha).toBe(1);
      }),
    );
  });

  it('is undefined (null) when every value is the same, or nothing can be paired', () => {
    fc.assert(
      fc.property(value, fc.nat({ max: 30 }), (v, n) => {
        expect(nominalAlpha(Array.from({ length: n }, () => [v, v])).alpha).toBeNull();
        expect(nominalAlpha(Array.from({ length: n }, () => [v, null])).alpha).toBeNull();
      }),
    );
  });

  it('is at most 1, 1 - Do/De, and independent of the order of units and of coders', () => {
    fc.assert(
      fc.property(pairs, (us) => {
        const r = nominalAlpha(us);
        const reversed = nominalAlpha([...us].reverse().map(([a, b]) => [b, a]));
        expect(reversed).toEqual(r);
        if (r.alpha === null) return;
        expect(r.alpha).toBeLessThanOrEqual(1 + 1e-12);
        expect(r.alpha).toBeCloseTo(1 - r.observed! / r.expected!, 12);
        expect(r.observed).toBeCloseTo(us.filter(([a, b]) => a !== b).length / us.length, 12);
      }),
    );
  });

  it('ignores units with one value', () => {
    fc.assert(
      fc.property(pairs, fc.array(value, { maxLength: 10 }), (us, lone) => {
        expect(nominalAlpha([...us, ...lone.map((v) => [v, null] as const)])).toEqual({ ...nominalAlpha(us) });
      }),
    );
  });
});
