import { describe, expect, it } from 'vitest';
import { describeChange, fileHash } from '../../pipeline/workbench/conflict.js';

describe('describeChange', () => {
  const file = 'raw/annotations/x.yaml';
  it('shows the lines that differ, with the line numbers of the file now', () => {
    const before = 'a\nb\nc\nd\n';
    const now = 'a\nB\nB2\nc\nd\n';
    expect(describeChange(file, before, now)).toBe(
      `${file} changed on disk since this page loaded it (lines 2–3 of the file now):\n- b\n+ B\n+ B2`,
    );
    expect(describeChange(file, before, 'a\nc\nd\n')).toBe(
      `${file} changed on disk since this page loaded it (after line 1 of the file now):\n- b`,
    );
  });

  it('shortens a long change and names a deleted file', () => {
    const now = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const text = describeChange(file, '', now);
    expect(text.split('\n')).toHaveLength(1 + 1 + 12 + 1);
    expect(text).toContain('+ … 18 more lines');
    expect(describeChange(file, 'a', null)).toBe(`${file} was deleted since this page loaded it.`);
  });

  it('hashes a missing file as null', () => {
    expect(fileHash(null)).toBeNull();
    expect(fileHash('a')).toMatch(/^[0-9a-f]{64}$/);
  });
});
