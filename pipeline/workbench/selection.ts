// A selection in the workbench (a paragraph and code-point offsets into the document's clean text)
// turned into the quote anchor the annotation files use: the exact words, and the shortest prefix
// or suffix that makes them match exactly once (docs/ANNOTATION.md, "Anchors"). What the model
// cannot hold is refused with a reason: an empty or blank selection, one outside the text, and one
// that crosses a paragraph boundary (an annotation belongs to one paragraph: `paragraph_n`).
import { anchor } from '../lib/anchor.js';
import { CodePointIndex } from '../lib/text-position.js';
import type { Quoted } from '../annotate/types.js';

export interface Selection {
  /** Code points from 0, end exclusive, as the tables count them. */
  start_cp: number;
  end_cp: number;
}

export interface ParagraphSpan {
  n: number;
  start_cp: number;
  end_cp: number;
}

export type SelectionResult = { ok: true; anchor: Quoted; start_cp: number; end_cp: number } | { ok: false; problem: string };

/** The longest context tried on each side; the anchor code suggests as much. */
const maxContext = 40;

export function selectionAnchor(text: string, paragraphs: readonly ParagraphSpan[], sel: Selection): SelectionResult {
  const index = new CodePointIndex(text);
  const length = index.toCodePoints(text.length);
  if (!Number.isInteger(sel.start_cp) || !Number.isInteger(sel.end_cp) || sel.start_cp < 0 || sel.end_cp > length)
    return { ok: false, problem: "the selection is not inside this document's text: select words of the text itself" };
  if (sel.end_cp <= sel.start_cp) return { ok: false, problem: 'the selection is empty: select the words to annotate' };
  let start = index.toUtf16(sel.start_cp);
  let end = index.toUtf16(sel.end_cp);
  // A browser selection often takes a space or line break at either end; the quote does not.
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start === end) return { ok: false, problem: 'the selection is only white space: select words of the text' };
  const startCp = index.toCodePoints(start);
  const endCp = index.toCodePoints(end);
  const paragraph = paragraphs.find((p) => p.start_cp <= startCp && startCp < p.end_cp);
  if (!paragraph) return { ok: false, problem: 'the selection starts between paragraphs: select words inside one paragraph' };
  if (endCp > paragraph.end_cp)
    return {
      ok: false,
      problem: `the selection crosses from paragraph ${paragraph.n} into the next: an annotation stays inside one paragraph, so annotate each part on its own`,
    };
  const quote = text.slice(start, end);
  return { ok: true, anchor: shortestAnchor(text, quote, start), start_cp: startCp, end_cp: endCp };
}

/** The quote, with the least context (prefix first, then suffix, then both) that makes it match only at `at`. */
export function shortestAnchor(text: string, quote: string, at: number): Quoted {
  const matchesHere = (q: Quoted) => {
    const found = anchor(text, { exact: q.quote, prefix: q.prefix, suffix: q.suffix });
    return found.ok && found.start === at;
  };
  if (matchesHere({ quote })) return { quote };
  const before = (n: number) => sliceWhole(text, Math.max(0, at - n), at);
  const after = (n: number) => sliceWhole(text, at + quote.length, Math.min(text.length, at + quote.length + n));
  for (let n = 1; n <= maxContext; n++) {
    const prefix = before(n);
    if (prefix && matchesHere({ quote, prefix })) return { quote, prefix };
    const suffix = after(n);
    if (suffix && matchesHere({ quote, suffix })) return { quote, suffix };
  }
  for (let n = 1; n <= text.length; n++) {
    const prefix = before(n);
    const suffix = after(n);
    const q: Quoted = { quote, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) };
    if (matchesHere(q)) return q;
  }
  // Unreachable: the whole text around the quote matches only once.
  return { quote, prefix: text.slice(0, at), suffix: text.slice(at + quote.length) };
}

/** text.slice(start, end), widened so that no surrogate pair is cut in two (a YAML string cannot hold half of one). */
function sliceWhole(text: string, start: number, end: number): string {
  const low = (i: number) => i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]!);
  if (low(start)) start--;
  if (low(end)) end++;
  return text.slice(start, end);
}
