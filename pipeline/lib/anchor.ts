// Quote anchors (W3C TextQuoteSelector: exact, optional prefix and suffix) resolved against a
// clean text. An anchor must match exactly once; nothing fuzzy is accepted, but a failure explains
// itself: the nearest passage for a quote not found, the places and a deciding context for one
// that matches more than once.
import type { Problem } from './problems.js';

export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export type AnchorFailure = { ok: false; code: 'anchor-not-found' | 'anchor-ambiguous'; message: string; hint: string };
export type AnchorResult = { ok: true; start: number; end: number } /* UTF-16 offsets of `exact` */ | AnchorFailure;

/** A failed anchor as a problem of the input file that holds the quote, e.g. 'annotation/anchor-not-found'. */
export function anchorProblem(
  failure: AnchorFailure,
  prefix: string,
  where: Pick<Problem, 'file' | 'line' | 'column'>,
  docId: string,
): Problem {
  return { code: `${prefix}/${failure.code}`, ...where, message: `${failure.message} in ${docId}`, hint: failure.hint };
}

export function anchor(text: string, sel: QuoteSelector): AnchorResult {
  const prefix = sel.prefix ?? '';
  const suffix = sel.suffix ?? '';
  const needle = prefix + sel.exact + suffix;
  const hits: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) hits.push(i);
  if (hits.length === 1) {
    const start = hits[0]! + prefix.length;
    return { ok: true, start, end: start + sel.exact.length };
  }
  if (hits.length === 0) {
    const near = nearestPassage(text, needle);
    return {
      ok: false,
      code: 'anchor-not-found',
      message: `quote not found: "${short(needle)}"`,
      hint: near
        ? `closest passage: "${short(near.passage)}" (differs from character ${near.differsAt + 1}: "${short(needle.slice(near.differsAt), 20)}" vs "${short(near.passage.slice(near.differsAt), 20)}")`
        : 'copy the quote exactly from the clean text of the document',
    };
  }
  return {
    ok: false,
    code: 'anchor-ambiguous',
    message: `quote matches ${hits.length} times: "${short(needle)}"`,
    hint: disambiguation(text, needle, hits),
  };
}

function short(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Extra characters of context shown after a near match, so a lost or added letter is visible. */
const context = 12;

/** The passage of the text that shares the longest beginning or end with the needle. */
function nearestPassage(text: string, needle: string): { passage: string; differsAt: number } | undefined {
  const min = Math.min(4, needle.length);
  for (let k = needle.length - 1; k >= min; k--) {
    const head = text.indexOf(needle.slice(0, k));
    if (head !== -1) return { passage: text.slice(head, head + needle.length + context), differsAt: k };
    const tail = text.indexOf(needle.slice(needle.length - k));
    if (tail !== -1) {
      const start = Math.max(0, tail - (needle.length - k));
      const passage = text.slice(start, tail + k);
      let d = 0;
      while (d < passage.length && passage[d] === needle[d]) d++;
      return { passage, differsAt: d };
    }
  }
  return undefined;
}

/** Names the places and the shortest prefix or suffix that picks out the first of them. */
function disambiguation(text: string, needle: string, hits: readonly number[]): string {
  const places = hits.map((h) => `offset ${h}`).join(', ');
  for (let n = 1; n <= 40; n++) {
    const prefixes = hits.map((h) => text.slice(Math.max(0, h - n), h));
    if (new Set(prefixes).size === hits.length) {
      return `matches at ${places}; add prefix: "${prefixes[0]}" (or ${prefixes
        .slice(1)
        .map((p) => `"${p}"`)
        .join(', ')}) to choose one`;
    }
    const suffixes = hits.map((h) => text.slice(h + needle.length, h + needle.length + n));
    if (new Set(suffixes).size === hits.length) {
      return `matches at ${places}; add suffix: "${suffixes[0]}" (or ${suffixes
        .slice(1)
        .map((p) => `"${p}"`)
        .join(', ')}) to choose one`;
    }
  }
  return `matches at ${places}; quote a longer passage`;
}
