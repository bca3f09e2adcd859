// The cleaning rules, in the order they run. Each is a pure rewrite of an EditableText, so every
// change it makes becomes an edit with its raw range. Generic rules apply to every text; declared
// rules (boilerplate lines, fixes, paragraph markers) take their data from raw/sources.yaml.
import type { EditableText, Replacement } from './editable-text.js';
import type { SectionConfig, SourceConfig } from './types.js';

export interface RuleContext {
  source: SourceConfig;
  section: SectionConfig;
  /** How often each declared boilerplate line and fix matched, across the source's sections. */
  usage: { boilerplate: number[]; fixes: number[] };
}

export interface CleaningRule {
  name: string;
  description: string;
  apply(text: EditableText, ctx: RuleContext): void;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Horizontal spaces other than U+0020, which web captures are full of. */
const oddSpace = '\\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';

/** Minimum length of a sentence before its immediate repetition counts as a duplicate. */
const minDuplicateLength = 20;

export const cleaningRules: readonly CleaningRule[] = [
  {
    name: 'byte-order-mark',
    description: 'Removes a byte-order mark at the start of the file.',
    apply: (t) => void t.replaceMatches('byte-order-mark', /^\uFEFF/g, () => ''),
  },
  {
    name: 'line-endings',
    description: 'Turns CRLF and CR line ends into LF.',
    apply: (t) => void t.replaceMatches('line-endings', /\r\n?/g, () => '\n'),
  },
  {
    name: 'front-matter',
    description:
      'Removes the YAML front matter (between two "---" lines at the top) of a text added as Markdown; what it states is recorded in sources.yaml with the front-matter line as evidence.',
    apply(t, ctx) {
      if (ctx.source.format === 'markdown') t.replaceMatches('front-matter', /^---\n(?:[^\n]*\n)*?---(?:\n|$)/g, () => '');
    },
  },
  {
    name: 'markdown-heading',
    description: 'Removes the "#" marks of a Markdown heading; the paragraph becomes a heading (or the declared title).',
    apply(t, ctx) {
      if (ctx.source.format === 'markdown') t.replaceMatches('markdown-heading', /^#{1,6}[ \t]+|[ \t]+#+[ \t]*$/gm, () => '');
    },
  },
  {
    name: 'markdown-inline',
    description:
      'Keeps the words of Markdown inline markup: emphasis (**a**, *a*, __a__, _a_), code (`a`) and links ([a](url)); images (![a](url)) are removed. The URLs stay in the edits.',
    apply(t, ctx) {
      if (ctx.source.format !== 'markdown') return;
      t.replaceMatches('markdown-inline', /!\[[^\]\n]*\]\([^)\n]*\)/g, () => '');
      t.replaceMatches('markdown-inline', /\[([^\]\n]+)\]\([^)\n]*\)/g, (m) => m[1]!);
      // Markers must hug their words and stand outside words, so "[*]", "a * b" and snake_case stay.
      t.replaceMatches(
        'markdown-inline',
        /(?<![\p{L}\p{N}*_`\\])(\*\*|__|\*|_|`)(?=[^\s*_`])([^\n]*?[^\s*_`\\])\1(?![\p{L}\p{N}*_`])/gu,
        (m) => m[2]!,
      );
    },
  },
  {
    name: 'boilerplate',
    description:
      'Removes whole lines of site boilerplate declared in sources.yaml (banners, comment counters, tag lines, newsletter prompts, attachment lines, separators); the edit is named after the kind of boilerplate.',
    apply(t, ctx) {
      (ctx.source.boilerplate ?? []).forEach((b, i) => {
        const line = new RegExp(`^${escapeRegExp(b.starts_with)}[^\\n]*(\\n|$)`, 'gm');
        ctx.usage.boilerplate[i]! += t.replaceMatches(b.rule, line, () => '');
      });
    },
  },
  {
    name: 'fixes',
    description:
      'Applies the repairs declared in sources.yaml (words or sentences glued across a lost space, a URL glued to the first sentence); each must match exactly once.',
    apply(t, ctx) {
      (ctx.source.fixes ?? []).forEach((f, i) => {
        ctx.usage.fixes[i]! += t.replaceMatches(f.rule, new RegExp(escapeRegExp(f.find), 'g'), () => f.replace);
      });
    },
  },
  {
    name: 'paragraph-number',
    description:
      'Removes the number that starts a numbered paragraph ("1." padded with no-break spaces); the number is kept in paragraphs.number.',
    apply(t, ctx) {
      if (ctx.section.numbered) t.replaceMatches('paragraph-number', new RegExp(`^\\d{1,3}\\.[ ${oddSpace}]+`, 'gm'), () => '');
    },
  },
  {
    name: 'list-marker',
    description: 'Removes the marker that starts a list item ("- "); the paragraph becomes a list_item.',
    apply(t, ctx) {
      const marker = ctx.section.list_marker;
      if (marker) t.replaceMatches('list-marker', new RegExp(`^${escapeRegExp(marker)}`, 'gm'), () => '');
      else if (ctx.source.format === 'markdown') t.replaceMatches('list-marker', /^(?:[-*+]|\d{1,3}[.)])[ \t]+/gm, () => '');
    },
  },
  {
    name: 'invisible-characters',
    description: 'Removes zero-width spaces, word joiners, stray byte-order marks and soft hyphens.',
    apply: (t) => void t.replaceMatches('invisible-characters', /[\u200B\u2060\uFEFF\u00AD]/g, () => ''),
  },
  {
    name: 'odd-spaces',
    description: 'Turns no-break and other odd spaces, tabs and runs of spaces into one plain space.',
    apply: (t) => void t.replaceMatches('odd-spaces', new RegExp(`[ ${oddSpace}]{2,}|[${oddSpace}]`, 'g'), () => ' '),
  },
  {
    name: 'trim-lines',
    description: 'Removes spaces at the start and end of lines.',
    apply: (t) => void t.replaceMatches('trim-lines', /^ +| +$/gm, () => ''),
  },
  {
    name: 'unicode-nfc',
    description: 'Normalises every word to Unicode NFC.',
    apply: (t) => void t.replaceMatches('unicode-nfc', /[^\s]+/g, (m) => m[0].normalize('NFC')),
  },
  {
    name: 'duplicated-sentences',
    description: 'Keeps one copy of a sentence repeated immediately after itself (glued or not), a defect of some captures.',
    apply: (t) => void t.replaceAll('duplicated-sentences', duplicatedSentences(t.text)),
  },
  {
    name: 'glued-sentences',
    description: 'Inserts the space lost between a sentence-final mark and the capital letter that starts the next sentence.',
    apply: (t) => void t.replaceMatches('glued-sentences', /(?<=\p{Ll}[.!?])(?=\p{Lu})/gu, () => ' '),
  },
  {
    name: 'glued-words',
    description: 'Inserts the space lost after a comma between two words.',
    apply: (t) => void t.replaceMatches('glued-words', /(?<=\p{Ll},)(?=\p{L})/gu, () => ' '),
  },
  {
    name: 'paragraph-breaks',
    description: 'Separates paragraphs by exactly one blank line, and removes blank lines at the start and end of a document.',
    apply(t) {
      t.replaceMatches('paragraph-breaks', /^\n+|\n+$/g, () => '');
      t.replaceMatches('paragraph-breaks', /\n+/g, () => '\n\n');
    },
  },
];

/**
 * Finds sentences that repeat the sentence just before them. Sentence ends are approximated by a
 * full stop, question or exclamation mark followed by a space or directly by a capital letter
 * (the glued case), which is enough to compare neighbours; real segmentation comes later.
 */
export function duplicatedSentences(text: string): Replacement[] {
  const out: Replacement[] = [];
  for (const line of text.matchAll(/[^\n]+/g)) {
    const units: { start: number; end: number; text: string }[] = [];
    let start = 0;
    for (const m of line[0].matchAll(/[.!?]["”»']?(?=\s|\p{Lu}|$)/gu)) {
      const end = m.index + m[0].length;
      const raw = line[0].slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      units.push({ start: line.index + start + lead, end: line.index + end, text: raw.trim() });
      start = end;
    }
    for (let k = 1; k < units.length; k++) {
      const prev = units[k - 1]!;
      const unit = units[k]!;
      if (unit.text.length >= minDuplicateLength && unit.text === prev.text) {
        // Remove the copy together with whatever separated it from the sentence before.
        // A third copy compares equal to the (removed) second and extends the removal.
        out.push({ start: prev.end, end: unit.end, text: '' });
      }
    }
  }
  // Merge adjacent removals so that a sentence repeated three times is one edit.
  const merged: Replacement[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && last.end === r.start) last.end = r.end;
    else merged.push({ ...r });
  }
  return merged;
}
