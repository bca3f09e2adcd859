// Paragraphs and sentences of a clean text. Sentences come from Intl.Segmenter (full ICU), run per
// paragraph because its cost grows with the square of the string length, followed by a small
// per-language pass that re-joins splits after abbreviations ICU does not know.
import type { LanguageInfo } from '../lib/languages.js';

/** What sentence splitting needs of a language (raw/languages.yaml). */
export type Segmentation = Pick<LanguageInfo, 'code' | 'abbreviations'>;

export interface Span {
  start: number; // UTF-16 offsets into the clean text
  end: number;
  text: string;
}

export function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/[^\n]+(?:\n(?!\n)[^\n]+)*/g)) {
    spans.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return spans;
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string, granularity: 'sentence' | 'word'): Intl.Segmenter {
  const key = `${lang}/${granularity}`;
  let s = segmenters.get(key);
  if (!s) segmenters.set(key, (s = new Intl.Segmenter(lang, { granularity })));
  return s;
}

/** Sentences of one paragraph, as spans of the paragraph text, without surrounding spaces. */
export function sentenceSpans(paragraph: string, lang: Segmentation): Span[] {
  const raw: Span[] = [];
  for (const s of segmenter(lang.code, 'sentence').segment(paragraph)) {
    const lead = s.segment.length - s.segment.trimStart().length;
    const trimmed = s.segment.trim();
    if (trimmed === '') continue;
    const start = s.index + lead;
    raw.push({ start, end: start + trimmed.length, text: trimmed });
  }
  const merged: Span[] = [];
  for (const s of raw) {
    const last = merged[merged.length - 1];
    if (last && endsWithAbbreviation(last.text, lang)) {
      last.end = s.end;
      last.text = paragraph.slice(last.start, last.end);
    } else {
      merged.push({ ...s });
    }
  }
  return merged;
}

function endsWithAbbreviation(sentence: string, lang: Segmentation): boolean {
  return lang.abbreviations.some((a) => sentence === a || sentence.endsWith(` ${a}`) || sentence.endsWith(`(${a}`));
}

/** The word-like segments of a text by ICU's word rules (Intl.Segmenter, UAX #29). */
export function countWordsIcu(text: string, lang: string): number {
  let n = 0;
  for (const s of segmenter(lang, 'word').segment(text)) if (s.isWordLike) n++;
  return n;
}

/**
 * A token between ASCII spaces, tabs and line breaks that ICU's word rules count as at most one
 * word: one run of Latin, Cyrillic or Greek letters and ASCII digits (UAX #29 joins ALetter and
 * Numeric runs, WB5-WB10) or one run of Hangul (ICU splits none, unlike Han and Kana, but splits
 * Hangul from other letters and digits), with only punctuation before and after it that joins
 * nothing (the "mid" marks . , ; : ' ’ join only between two letters or digits, WB6-WB12, and a
 * token's edges have a space on the other side). Han, Kana, Thai, Hebrew, combining marks and
 * anything else go to ICU.
 */
const simpleToken =
  /^[()[\]«»“”„‘’"'.,;:!?…–—-]*((?:[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}0-9]+|\p{Script=Hangul}+)?)[()[\]«»“”„‘’"'.,;:!?…–—-]*$/u;
const simpleLetter = /^[\p{L}0-9]+$/u;
/** UAX #29 WB4: a token starting with Extend, Format or ZWJ would join the space before it. */
const joinsBackward = /(?:^|[ \t\n\r])[\p{M}\p{Cf}\u{1F3FB}-\u{1F3FF}]/u;

/**
 * countWordsIcu's count, computed per token: ICU creates an object for every segment, which made
 * word counting the largest cost of the clean stage (3.7 of 16.8 s at 100x the corpus, issue 17).
 * Simple tokens (simpleToken) are counted here and the rest segmented by ICU one token at a time,
 * which gives the same boundaries as in context because every rule that joins across a space
 * (WB3c, WB3d, WB4) is excluded: text where a token starts with a mark or format character is
 * segmented whole. test/unit/segment.test.ts checks the equality on random text and the corpus.
 */
export function countWords(text: string, lang: string): number {
  if (joinsBackward.test(text)) return countWordsIcu(text, lang);
  let n = 0;
  for (const [token] of text.matchAll(/[^ \t\n\r]+/g)) {
    const core = simpleToken.exec(token)?.[1];
    if (core === undefined || (core !== '' && !simpleLetter.test(core))) n += countWordsIcu(token, lang);
    else if (core !== '') n++;
  }
  return n;
}
