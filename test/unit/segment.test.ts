import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { countWords, countWordsIcu, paragraphSpans, sentenceSpans } from '../../pipeline/clean/segment.js';
import { rawDir } from '../../pipeline/lib/paths.js';
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
    expect(countWords("U.S. e-mail don't 3.5 10:30 «Нур-Султан» 한국 中国の", 'en')).toBe(
      countWordsIcu("U.S. e-mail don't 3.5 10:30 «Нур-Султан» 한국 中国の", 'en'),
    );
  });
});

// The per-token word count must equal ICU's count of the whole text (countWords' comment says why
// it can): on random text from characters that meet UAX #29's joining rules, and on every
// paragraph of every raw text.
const languages = ['en', 'ru', 'kk', 'ko', 'es', 'pt', 'de', 'fr', 'zh', 'ja'];
// Characters by their part in UAX #29's rules, each class as likely as the others, in short tokens
// between separators, so that joins across a mark (3.5, U.S, don't, 10:30) come up often.
const characterClasses = [
  [...'aZéжҚΩßª', 'Ａ'],
  [...'07'],
  [...".,;:'’·"],
  [...'"‘!?()[]«»“”„-–—…_&/%$@#'],
  ['\u0301', '\u0483', '\u200d', '\u200c', '\u00ad', '\u2060', '\ufeff', '\u00a0', '\u2009', '\u3000', '\u02bc', 'Ⅻ'],
  ['中', '国', 'の', 'カ', 'ー', '한', '국', 'ש', 'ก', '😀', '👍', '🏽', '🇰', '🇿'],
];
const character = fc.oneof(...characterClasses.map((cs) => fc.constantFrom(...cs)));
const token = fc.array(character, { maxLength: 4 }).map((cs) => cs.join(''));
const separator = fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', '');
const text = fc.array(fc.tuple(token, separator), { maxLength: 12 }).map((ts) => ts.flat().join(''));
test.prop([text, fc.constantFrom(...languages)], { numRuns: 5000 })('counts words as ICU does on random text', (text, lang) => {
  expect(countWords(text, lang)).toBe(countWordsIcu(text, lang));
});

describe('word count on the corpus', () => {
  const texts = readdirSync(join(rawDir, 'texts')).map((f) => readFileSync(join(rawDir, 'texts', f), 'utf8'));
  it('equals ICU on every paragraph of every raw text, in each language', () => {
    const paragraphs = texts.flatMap((t) => paragraphSpans(t).map((p) => p.text));
    expect(paragraphs.length).toBeGreaterThan(200);
    for (const lang of languages) {
      const differ = paragraphs.filter((p) => countWords(p, lang) !== countWordsIcu(p, lang));
      expect(differ, lang).toEqual([]);
    }
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
