// Numbers a new text states, found so that `make add` can suggest claims. Three kinds:
// - digits, read in the document language's own format (raw/languages.yaml `numbers`): "1,234.5"
//   in English is "1.234,5" in German and "1 234,5" in Russian, so the same characters mean
//   different numbers and the language decides;
// - number words of the language ("thirty", "million"), with simple combinations ("two million");
// - vague words of raw/lexicon.yaml ("dozens", "тысячи"), which stand for an interval.
// Matches are whole words, and where candidates overlap the leftmost and then the longest wins,
// so "tens of thousands" is one vague phrase, not also "thousands".
//
// What is deliberately not read, so that nothing is guessed:
// - a number written in another format than the language's ("1.5" in German, "10,000,0" in
//   English) is skipped entirely rather than split into pieces;
// - a bare year (four digits 1900-2099) is a date, which dates.ts finds, not a quantity.
import type { LanguageInfo } from '../lib/languages.js';

export interface LexiconWord {
  lang: string;
  phrase: string;
  low: number;
  high: number;
}

export interface FoundNumber {
  start: number; // UTF-16 offsets into the text
  end: number;
  text: string;
  kind: 'digits' | 'number_word' | 'vague';
  value: number | null;
  low: number | null;
  high: number | null;
  unit: 'percent' | null;
  lexicon_phrase?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiled patterns, kept: V8 takes about a millisecond to compile one with \p{L} classes, and the
 * same few (per language and lexicon entry) serve every call. Safe to share, because matchAll
 * works on a copy and the one pattern used with exec is not global.
 */
const compiled = new Map<string, RegExp>();
function pattern(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    compiled.set(key, re);
  }
  return re;
}

/** A phrase of one or more words; any run of white space between them, as in mentions.ts. */
const wordsPattern = (phrase: string) => phrase.trim().split(/\s+/).map(escape).join('\\s+');

/** Not inside a word: no letter or digit just before. */
const wordStart = '(?<![\\p{L}\\p{N}])';
const wordEnd = '(?![\\p{L}\\p{N}])';

/**
 * Languages written without spaces between a number and its counter or particle (Korean "164명",
 * Chinese "164人", Japanese "164人"): after digits, a letter of these scripts is not part of the
 * number's word, whereas a Latin or Cyrillic letter ("4x4", "5G") is.
 */
const attachedScripts = '\\p{sc=Hangul}\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}';

/** White space that separates thousands in French, Russian, Czech...: texts mix all three. */
const spaceSeparators = [' ', '\u00a0', '\u202f', '\u2009'];

/** Number words that multiply what comes before them ("two hundred", "3 million"). */
const isMultiplier = (v: number) => v >= 100 && Number.isInteger(Math.log10(v));
/** A tens word that a unit may follow ("thirty-five"). */
const isTens = (v: number) => v >= 20 && v < 100 && v % 10 === 0;

/** "|\\s+(?:percent|per cent)\\b": the language's words for "percent" after a number (raw/languages.yaml), as an alternative. */
function percentWordsPattern(lang: LanguageInfo): string {
  return lang.percent_words.length ? `|\\s+(?:${lang.percent_words.map(wordsPattern).join('|')})${wordEnd}` : '';
}

/** The regular expression for digits written the way `lang` writes numbers. */
function digitsPattern(lang: LanguageInfo): RegExp {
  const groups = new Set<string>();
  for (const g of lang.numbers.group) {
    if (/^\s$/u.test(g)) spaceSeparators.forEach((s) => groups.add(s));
    else groups.add(g);
  }
  groups.delete(lang.numbers.decimal);
  const group = [...groups].map(escape).join('|');
  // Marks that glue digit runs together: a number next to one of them and more digits is written
  // in a format we do not read ("1.5" in German), or is part of a date, a range or a fraction
  // ("2014/15", "05/01"), so it is not taken at all.
  const marks = [...new Set(['.', ',', '/', lang.numbers.decimal, ...[...groups].filter((g) => !/^\s$/u.test(g))])].map(escape).join('|');
  const before = `(?<![\\p{L}\\p{N}]|\\p{N}(?:${marks}))`;
  // A group separator counts only before exactly three digits ("1,000" but not "1,0000").
  const integer = group ? `(?<int>[0-9]{1,3}(?:(?:${group})[0-9]{3}(?![0-9]))+|[0-9]+)` : `(?<int>[0-9]+)`;
  const fraction = `(?:${escape(lang.numbers.decimal)}(?<frac>[0-9]+))?`;
  const after = `(?![\\p{N}]|(?:${marks})\\p{N}|(?![${attachedScripts}])\\p{L})`;
  // Turkish writes the sign first ("%50"); everyone else after it ("50 %", "50%", "50 percent").
  const percentBefore = `(?<pctBefore>%[ \\u00a0\\u202f]?)?`;
  const percentAfter = `(?<pctAfter>[ \\u00a0\\u202f]?%${percentWordsPattern(lang)})?`;
  return pattern(`${before}${percentBefore}${integer}${fraction}${after}${percentAfter}`, 'giu');
}

/** The value of a digits match: group separators dropped, the decimal mark read as a point. */
function digitsValue(integer: string, fraction: string | undefined): number {
  return Number(`${integer.replace(/[^0-9]/g, '')}${fraction ? `.${fraction}` : ''}`);
}

/** Rounds away binary noise of a product (2.2 * 1e6 = 2200000.0000000005). */
const clean = (n: number) => Number(n.toPrecision(15));

const isBareYear = (s: string) => /^(19|20)[0-9]{2}$/.test(s);

function digitMatches(text: string, lang: LanguageInfo, multipliers: Map<string, number>): FoundNumber[] {
  const found: FoundNumber[] = [];
  // "2 million", "5 тысяч": digits then a multiplying number word make one number.
  const multiplierAfter = multipliers.size
    ? pattern(
        `^\\s+(${[...multipliers.keys()]
          .sort((a, b) => b.length - a.length)
          .map(wordsPattern)
          .join('|')})${wordEnd}`,
        'iu',
      )
    : undefined;
  for (const m of text.matchAll(digitsPattern(lang))) {
    const g = m.groups!;
    const percent = Boolean(g.pctBefore || g.pctAfter);
    if (!percent && !g.frac && isBareYear(g.int!)) continue; // a year: dates.ts reads it
    let end = m.index + m[0].length;
    let value = digitsValue(g.int!, g.frac);
    if (!percent) {
      const mult = multiplierAfter?.exec(text.slice(end, end + 64));
      if (mult) {
        value = clean(value * multipliers.get(mult[1]!.toLowerCase().replace(/\s+/g, ' '))!);
        end += mult[0].length;
      }
    }
    found.push({
      start: m.index,
      end,
      text: text.slice(m.index, end),
      kind: 'digits',
      value,
      low: null,
      high: null,
      unit: percent ? 'percent' : null,
    });
  }
  return found;
}

/**
 * Number words, one by one, then joined where they read as one number: a multiplier after a
 * smaller word ("two hundred", "three hundred thousand") or a unit after a tens word
 * ("thirty-five"). Anything else ("one two") stays separate numbers.
 */
function numberWordMatches(text: string, words: Map<string, number>, lang: LanguageInfo): FoundNumber[] {
  if (!words.size) return [];
  const alternatives = [...words.keys()].sort((a, b) => b.length - a.length).map(wordsPattern);
  const percentAfter = lang.percent_words.length ? `(?<pct>${percentWordsPattern(lang).slice(1)})?` : '';
  const numberWordPattern = pattern(`${wordStart}(?<word>${alternatives.join('|')})${wordEnd}${percentAfter}`, 'giu');
  const single = [...text.matchAll(numberWordPattern)].map((m) => ({
    start: m.index,
    wordEnd: m.index + m.groups!.word!.length,
    end: m.index + m[0].length,
    value: words.get(m.groups!.word!.toLowerCase().replace(/\s+/g, ' '))!,
    percent: Boolean(m.groups!.pct),
  }));
  const found: FoundNumber[] = [];
  for (let i = 0; i < single.length;) {
    let j = i;
    let total = 0;
    let current = single[i]!.value;
    const flush = () => {
      total += current;
      current = 0;
    };
    while (j + 1 < single.length && !single[j]!.percent) {
      const here = single[j]!;
      const next = single[j + 1]!;
      if (!/^(?:\s+|-)$/u.test(text.slice(here.wordEnd, next.start))) break;
      if (isMultiplier(next.value) && next.value > here.value) {
        current = (current || 1) * next.value;
        if (next.value >= 1000) flush();
      } else if (isTens(here.value) && next.value >= 1 && next.value <= 9) {
        current += next.value;
      } else break;
      j++;
    }
    flush();
    const first = single[i]!;
    const last = single[j]!;
    found.push({
      start: first.start,
      end: last.end,
      text: text.slice(first.start, last.end),
      kind: 'number_word',
      value: clean(total),
      low: null,
      high: null,
      unit: last.percent ? 'percent' : null,
    });
    i = j + 1;
  }
  return found;
}

function vagueMatches(text: string, lang: LanguageInfo, lexicon: readonly LexiconWord[]): FoundNumber[] {
  const found: FoundNumber[] = [];
  for (const entry of lexicon) {
    if (entry.lang !== lang.code) continue;
    const phrase = pattern(`${wordStart}${wordsPattern(entry.phrase)}${wordEnd}`, 'giu');
    for (const m of text.matchAll(phrase)) {
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        kind: 'vague',
        value: null,
        low: entry.low,
        high: entry.high,
        unit: null,
        lexicon_phrase: entry.phrase,
      });
    }
  }
  return found;
}

/** Where two candidates cover the same characters, the lexicon's reading is the dataset's own. */
const kindPriority: Record<FoundNumber['kind'], number> = { vague: 0, digits: 1, number_word: 2 };

export function findNumbers(text: string, lang: LanguageInfo, lexicon: readonly LexiconWord[]): FoundNumber[] {
  const words = new Map(Object.entries(lang.number_words).map(([w, v]) => [w.toLowerCase().replace(/\s+/g, ' '), v]));
  const multipliers = new Map([...words].filter(([, v]) => v >= 1000 && isMultiplier(v)));
  const candidates = [
    ...digitMatches(text, lang, multipliers),
    ...numberWordMatches(text, words, lang),
    ...vagueMatches(text, lang, lexicon),
  ];
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || kindPriority[a.kind] - kindPriority[b.kind]);
  const kept: FoundNumber[] = [];
  let reached = 0;
  for (const c of candidates) {
    if (c.start < reached) continue; // overlaps a match kept already (earlier, or as early and longer)
    kept.push(c);
    reached = c.end;
  }
  return kept;
}
