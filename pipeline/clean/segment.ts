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

export function countWords(text: string, lang: string): number {
  let n = 0;
  for (const s of segmenter(lang, 'word').segment(text)) if (s.isWordLike) n++;
  return n;
}
