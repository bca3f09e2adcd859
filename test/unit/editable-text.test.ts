import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { EditableText, rebuildRaw } from '../../pipeline/clean/editable-text.js';

describe('EditableText', () => {
  it('records a replacement as an edit with raw and clean ranges', () => {
    const t = new EditableText('one  two');
    t.replaceMatches('spaces', / {2,}/g, () => ' ');
    expect(t.text).toBe('one two');
    expect(t.edits()).toEqual([{ rule: 'spaces', rawStart: 3, rawEnd: 5, cleanStart: 3, cleanEnd: 4, removed: '  ', inserted: ' ' }]);
  });

  it('merges a later edit that touches an earlier one and names both rules', () => {
    const t = new EditableText('abc');
    t.replaceAll('r1', [{ start: 1, end: 2, text: 'X' }]);
    t.replaceAll('r2', [{ start: 0, end: 2, text: 'Y' }]);
    expect(t.text).toBe('Yc');
    expect(t.edits()).toEqual([{ rule: 'r1+r2', rawStart: 0, rawEnd: 2, cleanStart: 0, cleanEnd: 1, removed: 'ab', inserted: 'Y' }]);
  });

  it('keeps offsets into the whole file for a section', () => {
    const raw = 'HEAD\nbody  text\nTAIL';
    const t = new EditableText(raw, 5, 15);
    t.replaceMatches('spaces', / {2,}/g, () => ' ');
    expect(t.text).toBe('body text');
    expect(t.edits()[0]).toMatchObject({ rawStart: 9, rawEnd: 11 });
  });

  it('forgets an edit that is undone', () => {
    const t = new EditableText('ab');
    t.replaceAll('r1', [{ start: 0, end: 1, text: 'X' }]);
    t.replaceAll('r2', [{ start: 0, end: 1, text: 'a' }]);
    expect(t.edits()).toEqual([]);
  });

  it('refuses overlapping replacements', () => {
    const t = new EditableText('abcd');
    expect(() =>
      t.replaceAll('r', [
        { start: 0, end: 2, text: '' },
        { start: 1, end: 3, text: '' },
      ]),
    ).toThrow(/overlapping/);
  });
});

// Property: after any sequence of rewrites, the text equals plain string rewriting, and the raw
// text is rebuilt exactly from the clean text plus the edits.
const rewrite = fc
  .tuple(fc.nat(), fc.nat({ max: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 }))
  .map(([at, len, text]) => ({ at, len, text }));

test.prop([fc.string({ unit: 'grapheme', maxLength: 40 }), fc.array(fc.array(rewrite, { maxLength: 4 }), { maxLength: 6 })], {
  numRuns: 1000,
})('rebuilds the raw text from clean text and edits', (raw, passes) => {
  const t = new EditableText(raw);
  let model = raw;
  passes.forEach((pass, n) => {
    // Make the pass's replacements non-overlapping in the current text.
    const reps: { start: number; end: number; text: string }[] = [];
    let floor = 0;
    for (const { at, len, text } of [...pass].sort((a, b) => a.at - b.at)) {
      const start = Math.max(floor, at % (model.length + 1));
      const end = Math.min(model.length, start + len);
      reps.push({ start, end, text });
      floor = end + 1;
      if (floor > model.length) break;
    }
    t.replaceAll(`r${n}`, reps);
    for (const r of [...reps].reverse()) model = model.slice(0, r.start) + r.text + model.slice(r.end);
  });
  expect(t.text).toBe(model);
  const edits = t.edits();
  expect(rebuildRaw(t.text, edits)).toBe(raw);
  for (const e of edits) {
    expect(raw.slice(e.rawStart, e.rawEnd)).toBe(e.removed);
    expect(t.text.slice(e.cleanStart, e.cleanEnd)).toBe(e.inserted);
  }
});
