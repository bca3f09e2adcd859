// Which of the corpus languages a text is written in, by franc (trigram profiles), with an honest
// measure of how sure that is. franc always names a language, even for three words or for a
// language we do not take, so the answer carries: the margin over the runner-up, whether the text
// is long enough to trust it, and a second, unrestricted run that notices a language missing from
// raw/languages.yaml (Ukrainian comes out as Russian, Kyrgyz as Kazakh, when only those are allowed).
import { francAll } from 'franc';
import type { LanguageInfo } from '../lib/languages.js';

export interface LanguageGuess {
  /** BCP 47 code of the best listed language; null when franc cannot tell at all. */
  code: string | null;
  /** True only when the text is long enough, the margin clear and no unlisted language fits better. */
  sure: boolean;
  /** Margin of the best score over the second (franc scores the best 1, the others below 1). */
  confidence: number;
  /** Listed languages by score, best first (at most five). */
  candidates: { code: string; score: number }[];
  /** A language franc prefers clearly to every listed one. */
  unlisted?: { iso639_3: string };
  /** One line for a person: "German (deu), margin 0.21 over Dutch", "too short to tell: 6 words". */
  reason: string;
}

/**
 * Minimum margin to be sure. On multi-sentence paragraphs of the corpus languages the margin was
 * 0.10-0.16 among Latin-script languages (German over English 0.10, Portuguese over Spanish 0.11)
 * and 0.3-0.5 between Russian and Kazakh; texts in languages that are not listed (Polish, Italian,
 * Dutch, Croatian) came out as some listed language with margins of 0.01-0.035. 0.05 separates
 * the two; the 0.1 first proposed would have left plain German paragraphs unsure.
 */
export const sureMargin = 0.05;
/** How far an unlisted language must lead the best listed one, in the unrestricted run, to be named. */
export const unlistedLead = 0.05;
/** Texts shorter than this are too short for trigram statistics (franc's own guidance is ~100 characters). */
export const minWords = 20;
/** Chinese and Japanese have no spaces between words: count characters instead. */
export const minCjkCharacters = 60;

export function detectLanguage(text: string, languages: readonly LanguageInfo[]): LanguageGuess {
  const byIso = new Map(languages.map((l) => [l.iso639_3, l]));
  const nameOf = (iso: string) => byIso.get(iso)?.name ?? iso;

  const ranked = francAll(text, { only: languages.map((l) => l.iso639_3), minLength: 10 }).filter(([iso]) => byIso.has(iso));
  const candidates = ranked.slice(0, 5).map(([iso, score]) => ({ code: byIso.get(iso)!.code, score: round(score) }));
  const words = wordCount(text);
  const cjk = cjkCount(text);
  const longEnough = words >= minWords || cjk >= minCjkCharacters;
  const size = cjk > words ? `${cjk} CJK characters (need ${minCjkCharacters})` : `${words} words (need ${minWords})`;

  const best = ranked[0];
  if (!best) {
    return {
      code: null,
      sure: false,
      confidence: 0,
      candidates,
      reason: `no listed language fits: ${text.trim() === '' ? 'no text' : `franc cannot tell (${size})`}`,
    };
  }
  const [bestIso, bestScore] = best;
  const second = ranked[1];
  // A listed language alone in its script (Korean in Hangul) has no competitor.
  const confidence = round(second ? bestScore - second[1] : 1);
  const code = byIso.get(bestIso)!.code;
  const found = `${nameOf(bestIso)} (${bestIso})`;
  const over = second ? `margin ${confidence.toFixed(2)} over ${nameOf(second[0])}` : 'the only listed language of its script';

  const unlisted = longEnough ? unlistedLanguage(text, byIso) : undefined;
  if (unlisted) {
    return {
      code,
      sure: false,
      confidence,
      candidates,
      unlisted: { iso639_3: unlisted.iso },
      reason: `looks like ${unlisted.iso}, which raw/languages.yaml does not list (${unlisted.lead.toFixed(2)} ahead of ${nameOf(bestIso)})`,
    };
  }
  if (!longEnough) return { code, sure: false, confidence, candidates, reason: `too short to tell: ${size}; best guess ${found}` };
  if (confidence < sureMargin) {
    if (words >= 2 * minWords && agreesThroughout(text, bestIso, languages))
      return {
        code,
        sure: true,
        confidence,
        candidates,
        reason: `${found}, ${over}, but franc unrestricted and each half of the text agree`,
      };
    return { code, sure: false, confidence, candidates, reason: `${found}? ${over} is too small to be sure` };
  }
  return { code, sure: true, confidence, candidates, reason: `${found}, ${over}` };
}

/**
 * On long texts franc's scores crowd together (English leads French by 0.03-0.05 on the English
 * statements of the corpus, though it is right every time), so a small margin alone is no doubt.
 * It is taken as sure when franc without restriction names the same language (a Polish text
 * names Polish there, so it never passes for Czech) and so does franc on each half of the text.
 */
function agreesThroughout(text: string, bestIso: string, languages: readonly LanguageInfo[]): boolean {
  if (francAll(text, { minLength: 10 })[0]?.[0] !== bestIso) return false;
  const middle = text.indexOf(' ', Math.floor(text.length / 2));
  const halves = middle === -1 ? [text] : [text.slice(0, middle), text.slice(middle)];
  const only = languages.map((l) => l.iso639_3);
  return halves.every((h) => francAll(h, { only, minLength: 10 })[0]?.[0] === bestIso);
}

/** The unrestricted winner, when it is not listed and leads every listed language clearly. */
function unlistedLanguage(text: string, byIso: ReadonlyMap<string, LanguageInfo>): { iso: string; lead: number } | undefined {
  const all = francAll(text, { minLength: 10 });
  const top = all[0];
  if (!top || top[0] === 'und' || byIso.has(top[0])) return undefined;
  const bestListed = all.find(([iso]) => byIso.has(iso));
  const lead = round(top[1] - (bestListed?.[1] ?? 0));
  return lead >= unlistedLead ? { iso: top[0], lead } : undefined;
}

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{M}\p{N}]+/gu)?.length ?? 0;
}

function cjkCount(text: string): number {
  return text.match(/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/gu)?.length ?? 0;
}

/** Scores rounded so that results compare and print stably. */
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
