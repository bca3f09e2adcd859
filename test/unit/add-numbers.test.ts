// Numbers for claim suggestions: each language's own digit format, number words, lexicon words.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findNumbers, type FoundNumber, type LexiconWord } from '../../pipeline/add/numbers.js';
import type { LanguageInfo } from '../../pipeline/lib/languages.js';

// Percent words as raw/languages.yaml lists them, for the languages the tests read.
const percentWords: Record<string, string[]> = {
  en: ['percent', 'per cent'],
  de: ['Prozent'],
  ru: ['процент', 'процента', 'процентов'],
  cs: ['procent', 'procenta', 'procento'],
  fr: ['pour cent'],
};

const language = (code: string, decimal: string, group: string[], number_words: Record<string, number> = {}): LanguageInfo => ({
  code,
  percent_words: percentWords[code] ?? [],
  name: code,
  iso639_3: code,
  script: 'Latn',
  abbreviations: [],
  numbers: { decimal, group },
  number_words,
  byline_words: [],
  name_endings: [],
});

const en = language('en', '.', [','], {
  one: 1,
  two: 2,
  three: 3,
  five: 5,
  ten: 10,
  thirty: 30,
  hundred: 100,
  thousand: 1000,
  million: 1000000,
});
const de = language('de', ',', ['.'], { zwei: 2, drei: 3, hundert: 100, tausend: 1000, Millionen: 1000000 });
const cs = language('cs', ',', ['\u00a0']);
const ru = language('ru', ',', [' '], { два: 2, тысяч: 1000 });
const fr = language('fr', ',', ['\u202f']);

const lexicon: LexiconWord[] = [
  { lang: 'en', phrase: 'dozens', low: 24, high: 99 },
  { lang: 'en', phrase: 'thousands', low: 2000, high: 9999 },
  { lang: 'en', phrase: 'tens of thousands', low: 20000, high: 99999 },
  { lang: 'ru', phrase: 'тысячи', low: 2000, high: 9999 },
  { lang: 'ru', phrase: 'тысяч', low: 2000, high: 9999 },
  { lang: 'es', phrase: 'miles', low: 2000, high: 9999 },
];

/** The findings as [text, value or interval, unit] for compact expectations. */
const brief = (found: FoundNumber[]) => found.map((f) => [f.text, f.kind === 'vague' ? `${f.low}..${f.high}` : f.value, f.unit] as const);

describe('digits in the language’s own format', () => {
  it('reads English grouping and decimal point, with exact offsets', () => {
    const text = 'More than 3,000 were arrested; 1,000,000 left; prices rose 11.6%.';
    const found = findNumbers(text, en, []);
    expect(found).toEqual([
      { start: 10, end: 15, text: '3,000', kind: 'digits', value: 3000, low: null, high: null, unit: null },
      { start: 31, end: 40, text: '1,000,000', kind: 'digits', value: 1000000, low: null, high: null, unit: null },
      { start: 59, end: 64, text: '11.6%', kind: 'digits', value: 11.6, low: null, high: null, unit: 'percent' },
    ]);
  });

  it('reads German, Czech, Russian and French formats', () => {
    expect(brief(findNumbers('Es gab 1.234,5 Tonnen und 12 Prozent mehr.', de, []))).toEqual([
      ['1.234,5', 1234.5, null],
      ['12 Prozent', 12, 'percent'],
    ]);
    expect(brief(findNumbers('Zatčeno bylo 7\u00a0939 lidí, ceny vzrostly o 11,6 %.', cs, []))).toEqual([
      ['7\u00a0939', 7939, null],
      ['11,6 %', 11.6, 'percent'],
    ]);
    // a plain space or a narrow no-break space groups as well as the one the language lists
    expect(brief(findNumbers('Цены выросли на 11,6 процента, задержаны 5 800 и 10\u202f000 человек.', ru, []))).toEqual([
      ['11,6 процента', 11.6, 'percent'],
      ['5 800', 5800, null],
      ['10\u202f000', 10000, null],
    ]);
    expect(brief(findNumbers('soit 2\u00a0500,75 euros, 12\u202f% de plus', fr, []))).toEqual([
      ['2\u00a0500,75', 2500.75, null],
      ['12\u202f%', 12, 'percent'],
    ]);
  });

  it('counts a group separator only before exactly three digits', () => {
    expect(brief(findNumbers('11,6 и 1,000', ru, []))).toEqual([
      ['11,6', 11.6, null],
      ['1,000', 1, null], // in Russian the comma is the decimal mark
    ]);
    expect(brief(findNumbers('in 2 300 cases', ru, []))).toEqual([['2 300', 2300, null]]);
    expect(brief(findNumbers('in 2 30 cases', ru, []))).toEqual([
      ['2', 2, null],
      ['30', 30, null],
    ]);
  });

  it('skips numbers written in another language’s format rather than splitting them', () => {
    expect(findNumbers('Der Preis stieg auf 1.5 Euro.', de, [])).toEqual([]);
    expect(findNumbers('on 05.01.2022', de, [])).toEqual([]);
    expect(findNumbers('up 10,000,0 units', en, [])).toEqual([]);
    expect(findNumbers('hit hard in 2014/15 and 24/7', en, [])).toEqual([]);
  });

  it('leaves years to the date finder, but not grouped numbers or percentages', () => {
    expect(brief(findNumbers('In 2011, 70 strikers died; 1999 % and 2,011 units; 1899 people; 2100 people', en, []))).toEqual([
      ['70', 70, null],
      ['1999 %', 1999, 'percent'],
      ['2,011', 2011, null],
      ['1899', 1899, null],
      ['2100', 2100, null],
    ]);
  });

  it('does not read digits inside words or ids, but reads a number before a Korean counter', () => {
    expect(findNumbers('COVID-19 and G20 and 5G and x86', en, []).map((f) => f.text)).toEqual(['19']);
    const ko = language('ko', '.', [',']);
    expect(brief(findNumbers('시위대 164명이 사망했다', ko, []))).toEqual([['164', 164, null]]);
  });

  it('joins digits and a multiplying number word', () => {
    expect(brief(findNumbers('2.5 million people and 5 тысяч', en, []))).toEqual([
      ['2.5 million', 2500000, null],
      ['5', 5, null],
    ]);
    expect(brief(findNumbers('задержаны 5 тысяч', ru, []))).toEqual([['5 тысяч', 5000, null]]);
  });

  it('reads Turkish percent signs written before the number', () => {
    const tr = language('tr', ',', ['.']);
    expect(brief(findNumbers('fiyatlar %50 arttı', tr, []))).toEqual([['%50', 50, 'percent']]);
  });
});

describe('number words and lexicon words', () => {
  it('matches number words whole and case-insensitively, and joins simple combinations', () => {
    expect(brief(findNumbers('Two million people; thirty-five died; None of them; three hundred thousand; one two', en, []))).toEqual([
      ['Two million', 2000000, null],
      ['thirty-five', 35, null],
      ['three hundred thousand', 300000, null],
      ['one', 1, null],
      ['two', 2, null],
    ]);
    expect(brief(findNumbers('zwei Millionen, dreihundert, hundert Prozent', de, []))).toEqual([
      ['zwei Millionen', 2000000, null],
      ['hundert Prozent', 100, 'percent'],
    ]);
  });

  it('prefers the longest lexicon phrase, and reads only the document language’s entries', () => {
    const text = 'Tens of thousands marched, thousands were injured, dozens died; miles away.';
    const found = findNumbers(text, en, lexicon);
    expect(found).toEqual([
      {
        start: 0,
        end: 17,
        text: 'Tens of thousands',
        kind: 'vague',
        value: null,
        low: 20000,
        high: 99999,
        unit: null,
        lexicon_phrase: 'tens of thousands',
      },
      { start: 27, end: 36, text: 'thousands', kind: 'vague', value: null, low: 2000, high: 9999, unit: null, lexicon_phrase: 'thousands' },
      { start: 51, end: 57, text: 'dozens', kind: 'vague', value: null, low: 24, high: 99, unit: null, lexicon_phrase: 'dozens' },
    ]);
  });

  it('lets a lexicon word win over a number word for the same characters', () => {
    expect(findNumbers('Тысячи людей, сотни тысяч', ru, lexicon).map((f) => [f.text, f.kind, f.lexicon_phrase])).toEqual([
      ['Тысячи', 'vague', 'тысячи'],
      ['тысяч', 'vague', 'тысяч'],
    ]);
  });
});

describe('round trip of ICU-formatted numbers', () => {
  const codes = ['en', 'de', 'fr', 'ru', 'cs', 'es', 'pt', 'tr'];
  /** The separators ICU uses for the language, taken from a formatted number's parts. */
  const icuLanguage = (code: string) => {
    const parts = new Intl.NumberFormat(code).formatToParts(1234567.5);
    const decimal = parts.find((p) => p.type === 'decimal')!.value;
    const group = [...new Set(parts.filter((p) => p.type === 'group').map((p) => p.value))];
    return language(code, decimal, group);
  };
  const languages = new Map(codes.map((c) => [c, icuLanguage(c)]));
  const contexts = fc.constantFrom(['', ''], ['about ', ' people'], ['(', ')'], ['is ', '.'], ['; ', ', and']);

  const integers = fc.oneof(fc.maxSafeNat(), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1890, max: 2110 }));
  test.prop([fc.constantFrom(...codes), integers, contexts])('integers', (code, n, [before, after]) => {
    const formatted = new Intl.NumberFormat(code).format(n);
    const found = findNumbers(`${before}${formatted}${after}`, languages.get(code)!, []);
    // a bare four-digit year is left to the date finder (only languages that do not group
    // four-digit numbers write years and such numbers alike)
    if (/^(19|20)\d\d$/.test(formatted)) expect(found).toEqual([]);
    else expect(found.map((f) => [f.start, f.text, f.value])).toEqual([[before.length, formatted, n]]);
  });

  test.prop([fc.constantFrom(...codes), fc.integer({ min: 0, max: 10 ** 12 }), contexts])(
    'one decimal',
    (code, tenths, [before, after]) => {
      const n = tenths / 10;
      const formatted = new Intl.NumberFormat(code, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
      const found = findNumbers(`${before}${formatted}${after}`, languages.get(code)!, []);
      expect(found.map((f) => [f.start, f.text, f.value])).toEqual([[before.length, formatted, n]]);
    },
  );

  it.each(codes)('percentages as ICU writes them in %s', (code) => {
    const formatted = new Intl.NumberFormat(code, { style: 'percent', maximumFractionDigits: 1 }).format(0.116);
    expect(brief(findNumbers(`x ${formatted} y`, languages.get(code)!, []))).toEqual([[formatted, 11.6, 'percent']]);
  });
});
