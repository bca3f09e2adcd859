import { describe, expect, it } from 'vitest';
import { countWords, paragraphSpans, sentenceSpans } from '../../pipeline/clean/segment.js';
import { lang } from '../support/languages.js';
import { CodePointIndex, countCodePoints, positionAt } from '../../pipeline/lib/text-position.js';

describe('segmentation', () => {
  it('splits paragraphs on blank lines with offsets', () => {
    expect(paragraphSpans('A b.\n\nC d.')).toEqual([
      { start: 0, end: 4, text: 'A b.' },
      { start: 6, end: 10, text: 'C d.' },
    ]);
  });

  it('keeps Russian abbreviations inside the sentence', () => {
    const p = 'добыча газа увеличилась с 11,6 млрд. куб. м в 2002 году до 55,2 млрд. куб. м в 2020 году. Тем не менее, это так.';
    expect(sentenceSpans(p, lang('ru')).map((s) => s.text)).toEqual([
      'добыча газа увеличилась с 11,6 млрд. куб. м в 2002 году до 55,2 млрд. куб. м в 2020 году.',
      'Тем не менее, это так.',
    ]);
  });

  it('re-joins a split after an abbreviation ICU does not know', () => {
    expect(sentenceSpans('The talks with the U.S. Army began. Then more.', lang('en')).map((s) => s.text)).toEqual([
      'The talks with the U.S. Army began.',
      'Then more.',
    ]);
  });

  it('splits Korean sentences', () => {
    expect(sentenceSpans('어느 기준으로 봐도 이것은 혁명적 정세다! 시위가 시작됐다.', lang('ko'))).toHaveLength(2);
  });

  it('counts words', () => {
    expect(countWords('Zhanaozen, 2 January: strikes.', 'en')).toBe(4);
  });
});

describe('code points', () => {
  it('counts a character outside the BMP as one code point', () => {
    const text = 'a😀b';
    const index = new CodePointIndex(text);
    expect(index.toCodePoints(1)).toBe(1);
    expect(index.toCodePoints(3)).toBe(2); // after the emoji (two UTF-16 units)
    expect(index.length).toBe(3);
    expect(countCodePoints(text)).toBe(3);
  });

  it('gives line and column in code points', () => {
    expect(positionAt('x\n😀y', 4)).toEqual({ line: 2, column: 2 });
  });
});
