import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { anchor } from '../../pipeline/lib/anchor.js';
import { CodePointIndex } from '../../pipeline/lib/text-position.js';
import { selectionAnchor, shortestAnchor } from '../../pipeline/workbench/selection.js';

// Two paragraphs; "the strike" occurs three times, the emoji makes code points and UTF-16 differ.
const text = 'The strike 😀 began. Then the strike grew.\n\nAfter the strike, the end.';
const paragraphs = [
  { n: 1, start_cp: 0, end_cp: 41 },
  { n: 2, start_cp: 43, end_cp: 69 },
];
const cp = (s: string, from = 0) => [...text.slice(0, text.indexOf(s, from))].length;

describe('selectionAnchor', () => {
  it('gives the quote alone when it matches once, trimmed of the spaces a browser selection takes', () => {
    const start = cp('began') - 1;
    expect(selectionAnchor(text, paragraphs, { start_cp: start, end_cp: start + 7 })).toEqual({
      ok: true,
      anchor: { quote: 'began.' },
      start_cp: start + 1,
      end_cp: start + 7,
    });
  });

  it('adds the shortest prefix or suffix that picks out the selected occurrence', () => {
    const second = cp('the strike', 20);
    const r = selectionAnchor(text, paragraphs, { start_cp: second, end_cp: second + 10 });
    expect(r).toMatchObject({ ok: true, anchor: { quote: 'the strike', suffix: ' ' } });
    const third = cp('the strike', 46);
    expect(selectionAnchor(text, paragraphs, { start_cp: third, end_cp: third + 10 })).toMatchObject({
      anchor: { quote: 'the strike', suffix: ',' },
    });
  });

  it('refuses an empty, blank, outside or cross-paragraph selection with the reason', () => {
    const problem = (start_cp: number, end_cp: number) => {
      const r = selectionAnchor(text, paragraphs, { start_cp, end_cp });
      return r.ok ? '' : r.problem;
    };
    expect(problem(5, 5)).toMatch(/empty/);
    expect(problem(41, 43)).toMatch(/only white space/);
    expect(problem(60, 500)).toMatch(/not inside this document/);
    expect(problem(-1, 3)).toMatch(/not inside this document/);
    expect(problem(30, 50)).toMatch(/crosses from paragraph 1 into the next/);
  });
});

describe('shortestAnchor', () => {
  const alphabet = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '😀'), minLength: 1, maxLength: 30 });
  test.prop([alphabet, fc.nat(), fc.nat()])('the anchor matches exactly once, at the selected place', (t, i, j) => {
    const index = new CodePointIndex(t);
    const n = index.length;
    const s = i % n;
    const e = s + 1 + (j % (n - s));
    const start = index.toUtf16(s);
    const quote = t.slice(start, index.toUtf16(e));
    const a = shortestAnchor(t, quote, start);
    const found = anchor(t, { exact: a.quote, prefix: a.prefix, suffix: a.suffix });
    expect(found).toEqual({ ok: true, start, end: start + quote.length });
    // no context cuts a surrogate pair in two
    expect(`${a.prefix ?? ''}${a.quote}${a.suffix ?? ''}`).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });
});
