// Suggestions for a new text, for the person who annotates it (`make add`). A suggestion is never
// an annotation: it names a span (a quote that matches exactly once) and what the text and the
// vocabulary say about it, and `why` says which word or rule produced it. Nothing is inferred
// beyond that: a claim carries only the number as written, an event is named only when the date
// falls inside its range, a code only when one of its cue words occurs.
//
// Five sources, each a small function below:
// - claims: numbers, number words and lexicon words (numbers.ts);
// - event references: dates (dates.ts) matched against the ranges of raw/events.yaml;
// - mentions: entity forms of another language that occur verbatim where the document's own
//   language has no form (the build finds the document language's own forms by itself);
// - codes: cue words of raw/cues.yaml, one suggestion per sentence.
import { leftmostLongest } from '../annotate/mentions.js';
import { anchor } from '../lib/anchor.js';
import type { LanguageInfo } from '../lib/languages.js';
import { findDates, type FoundDate } from './dates.js';
import { findNumbers, type FoundNumber, type LexiconWord } from './numbers.js';

export interface SentenceSpan {
  n: number;
  start: number; // UTF-16 offsets into the text
  end: number;
}

export interface EventRange {
  id: string;
  label: string;
  date_start: string; // ISO dates, inclusive
  date_end: string;
}

export interface EntityForms {
  id: string;
  forms: Partial<Record<string, string[]>>; // forms per language code
}

/** code -> language code -> cue words (raw/cues.yaml `cues`). */
export type CueTable = Record<string, Record<string, string[]>>;

export interface SuggestInput {
  text: string; // the document's clean text
  lang: LanguageInfo;
  sentences: readonly SentenceSpan[];
  lexicon: readonly LexiconWord[];
  events: readonly EventRange[];
  entities: readonly EntityForms[];
  cues: CueTable;
}

export interface SuggestedClaim {
  value?: number;
  low?: number;
  high?: number;
  vague?: string;
  unit?: 'percent';
}

export type SuggestionPayload =
  | { claim: SuggestedClaim }
  | { event: string; date_stated: string } // exactly one event matches
  | { events: string[]; date_stated: string } // several events match: the coder picks
  | { date_stated: string } // no event matches: the coder may add one
  | { entity: string }
  | { codes: string[] };

export type Suggestion = {
  id: string; // s1, s2, ... in text order
  sentence: number; // n of the sentence that holds the quote
  quote: string;
  prefix?: string;
  suffix?: string;
  why: string;
} & SuggestionPayload;

/** The kinds in the order they are listed when they start at the same character. */
const kindOrder = { claim: 0, event: 1, entity: 2, codes: 3 } as const;

interface Candidate {
  start: number;
  end: number;
  kind: keyof typeof kindOrder;
  payload: SuggestionPayload;
  why: string;
  tie: string; // decides between candidates of one kind at the same span
}

export function suggest(input: SuggestInput): Suggestion[] {
  const { text, lang } = input;
  const dates = findDates(text, lang.code);
  const candidates = [
    ...claimCandidates(text, findNumbers(text, lang, input.lexicon), dates, input.sentences),
    ...dates.map((d) => eventCandidate(d, input.events)),
    ...mentionCandidates(text, lang, input.entities),
    ...codeCandidates(text, lang, input.sentences, input.cues),
  ];
  candidates.sort(
    (a, b) => a.start - b.start || kindOrder[a.kind] - kindOrder[b.kind] || a.end - b.end || (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0),
  );
  return candidates.map((c, i) => ({
    id: `s${i + 1}`,
    sentence: sentenceAt(input.sentences, c.start),
    ...uniqueSelector(text, c.start, c.end),
    ...c.payload,
    why: c.why,
  }));
}

// --- anchors and sentences

/**
 * The quote of text[start, end) as a TextQuoteSelector that matches exactly once (pipeline/lib/
 * anchor.ts), with the shortest prefix and/or suffix that makes it so.
 */
export function uniqueSelector(text: string, start: number, end: number): { quote: string; prefix?: string; suffix?: string } {
  const quote = text.slice(start, end);
  const picksThis = (prefix?: string, suffix?: string) => {
    const found = anchor(text, { exact: quote, prefix, suffix });
    return found.ok && found.start === start;
  };
  if (picksThis()) return { quote };
  const room = Math.max(start, text.length - end);
  for (let n = 1; n <= room; n++) {
    const prefix = n <= start ? text.slice(start - n, start) : undefined;
    const suffix = end + n <= text.length ? text.slice(end, end + n) : undefined;
    if (prefix && picksThis(prefix)) return { quote, prefix };
    if (suffix && picksThis(undefined, suffix)) return { quote, suffix };
    const widestPrefix = text.slice(Math.max(0, start - n), start);
    const widestSuffix = text.slice(end, end + n);
    if (widestPrefix && widestSuffix && picksThis(widestPrefix, widestSuffix)) return { quote, prefix: widestPrefix, suffix: widestSuffix };
  }
  // not reached: the quote with the whole text around it occurs once
  const before = text.slice(0, start);
  const after = text.slice(end);
  return { quote, ...(before && { prefix: before }), ...(after && { suffix: after }) };
}

/** The n of the sentence that holds the offset (or, in a gap between sentences, the one before). */
function sentenceAt(sentences: readonly SentenceSpan[], offset: number): number {
  return sentences[sentenceIndex(sentences, offset)]?.n ?? 1;
}

/** Index of the last sentence that starts at or before the offset (sentences are in text order). */
function sentenceIndex(sentences: readonly SentenceSpan[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The sentence that holds text[start, end) whole, if one does. */
function sentenceHolding(sentences: readonly SentenceSpan[], start: number, end: number): SentenceSpan | undefined {
  const s = sentences[sentenceIndex(sentences, start)];
  return s && s.start <= start && end <= s.end ? s : undefined;
}

// --- claims

/** Letters of scripts that attach counters and particles to a number ("164명이"). */
const attachedLetters = /^[\p{sc=Hangul}\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]+/u;
/**
 * The word after a number, when it is a plain letter word of three letters or more ("164 deaths"):
 * shorter words are mostly prepositions and articles ("164 of them"), which add nothing.
 */
const nextNoun = /^[ \u00a0\u202f](\p{L}[\p{L}\p{M}]{2,})(?![\p{L}\p{M}\p{N}])/u;

function claimCandidates(text: string, numbers: FoundNumber[], dates: FoundDate[], sentences: readonly SentenceSpan[]): Candidate[] {
  // A number inside a date ("5 January", "05.01.2022") is the date's, not a quantity.
  const free = numbers.filter((n) => !dates.some((d) => n.start < d.end && d.start < n.end));
  return free.map((n, i) => {
    const limit = Math.min(free[i + 1]?.start ?? text.length, sentenceEnd(sentences, n.start, text.length));
    const dateAhead = dates.find((d) => d.start >= n.end)?.start ?? text.length;
    return {
      start: n.start,
      end: quoteEnd(text, n, Math.min(limit, dateAhead)),
      kind: 'claim',
      payload: { claim: claimOf(n) },
      why: claimWhy(n),
      tie: '',
    };
  });
}

function sentenceEnd(sentences: readonly SentenceSpan[], offset: number, fallback: number): number {
  return sentenceHolding(sentences, offset, offset)?.end ?? fallback;
}

/** Where the quote of a claim ends: the number with its noun when that is cheap to tell. */
function quoteEnd(text: string, n: FoundNumber, limit: number): number {
  if (n.kind === 'vague' || n.unit === 'percent') return n.end; // the phrase or the unit says it all
  const after = text.slice(n.end, limit);
  const attached = attachedLetters.exec(after);
  if (attached) return n.end + attached[0].length;
  const noun = nextNoun.exec(after);
  return noun ? n.end + noun[0].length : n.end;
}

function claimOf(n: FoundNumber): SuggestedClaim {
  const unit = n.unit === 'percent' ? { unit: 'percent' as const } : {};
  if (n.kind === 'vague') return { vague: n.lexicon_phrase!, low: n.low!, high: n.high!, ...unit };
  return { value: n.value!, ...unit };
}

function claimWhy(n: FoundNumber): string {
  const percent = n.unit === 'percent' ? ' percent' : '';
  if (n.kind === 'vague') return `lexicon word '${n.lexicon_phrase}' = ${n.low}..${n.high}`;
  if (n.kind === 'number_word') return `number word '${n.text}' = ${n.value}${percent}`;
  return `number ${n.value}${percent}`;
}

// --- event references

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isoDate = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The days a date names, as an inclusive ISO interval: a year, a month or a day. */
function namedInterval(year: number, month: number | null, day: number | null): [string, string] | null {
  if (month === null) return [isoDate(year, 1, 1), isoDate(year, 12, 31)];
  if (month < 1 || month > 12) return null;
  if (day === null) return [isoDate(year, month, 1), isoDate(year, month, daysIn(year, month))];
  if (day < 1 || day > daysIn(year, month)) return null; // 29 February of a common year
  return [isoDate(year, month, day), isoDate(year, month, day)];
}

const inside = ([from, to]: [string, string], e: EventRange) => e.date_start <= from && to <= e.date_end;

/** The longest event a date without a year may point at: a day and month pick out a span of weeks, not years. */
const maxDaysWithoutYear = 62;

/**
 * Whether the date falls inside the event's range. A date without a year ("5 January") falls
 * inside when it does so in any year of the range, and only for events of at most two months:
 * "2 January" falls in every year-long event, and listing them would bury the few it may mean.
 */
function dateInEvent(d: FoundDate, e: EventRange): boolean {
  if (d.year !== null) {
    const named = namedInterval(d.year, d.month, d.day);
    return named !== null && inside(named, e);
  }
  if (d.month === null) return false; // a day alone names no time
  if ((Date.parse(e.date_end) - Date.parse(e.date_start)) / 86_400_000 + 1 > maxDaysWithoutYear) return false;
  const first = Number(e.date_start.slice(0, 4));
  const last = Number(e.date_end.slice(0, 4));
  for (let y = first; y <= last; y++) {
    const named = namedInterval(y, d.month, d.day);
    if (named && inside(named, e)) return true;
  }
  return false;
}

function eventCandidate(d: FoundDate, events: readonly EventRange[]): Candidate {
  // narrowest range first, so the most specific candidates lead the list (then raw/events.yaml order)
  const matching = events
    .map((e, i) => ({ e, i, days: Date.parse(e.date_end) - Date.parse(e.date_start) }))
    .filter(({ e }) => dateInEvent(d, e))
    .sort((a, b) => a.days - b.days || a.i - b.i)
    .map(({ e }) => e);
  const range = (e: EventRange) => `${e.id} (${e.date_start}..${e.date_end})`;
  const stated = `date '${d.text}'${d.year === null ? ` (year not stated: only events of at most ${maxDaysWithoutYear} days)` : ''}`;
  const base = { start: d.start, end: d.end, kind: 'event' as const, tie: '' };
  if (matching.length === 1) {
    return { ...base, payload: { event: matching[0]!.id, date_stated: d.text }, why: `${stated} within event ${range(matching[0]!)}` };
  }
  if (matching.length > 1) {
    return {
      ...base,
      payload: { events: matching.map((e) => e.id), date_stated: d.text },
      why: `${stated} within ${matching.length} events: ${matching.map(range).join(', ')}`,
    };
  }
  const none =
    d.year === null && d.month === null
      ? `${stated} names no month or year, so no event is matched`
      : `${stated} within no event of raw/events.yaml`;
  return { ...base, payload: { date_stated: d.text }, why: none };
}

// --- finding words
//
// Cues and forms are found with indexOf and a few checks rather than one regular expression each:
// V8 takes about a millisecond to compile a pattern with \p{L} classes, and there are hundreds of
// cues and forms, so per-pattern regular expressions made one suggest() call take seconds.

const letterOrDigit = /[\p{L}\p{N}]/u;
const restOfWord = /[\p{L}\p{M}\p{N}]*/uy;
const whiteSpace = /\s+/uy;

/** Whether a letter or digit ends just before the offset. */
function wordBefore(text: string, offset: number): boolean {
  if (offset === 0) return false;
  const low = text.charCodeAt(offset - 1);
  const at = low >= 0xdc00 && low <= 0xdfff && offset >= 2 ? offset - 2 : offset - 1;
  return letterOrDigit.test(String.fromCodePoint(text.codePointAt(at)!));
}

/** Whether a letter or digit starts at the offset. */
function wordAt(text: string, offset: number): boolean {
  return offset < text.length && letterOrDigit.test(String.fromCodePoint(text.codePointAt(offset)!));
}

/** One word of a sequence: its characters, and whether it may be the beginning of a longer word. */
interface WordPart {
  needle: string;
  prefix: boolean;
}

/**
 * Where the words occur in order, separated by white space, the first on a word start. A prefix
 * part may continue into a longer word; any other part must end its word, perhaps after one of
 * `endings` when it is the last. The haystack must have the text's length (offsets are shared).
 */
function findWordSequence(haystack: string, parts: readonly WordPart[], endings: readonly string[] = []): { start: number; end: number }[] {
  const hits: { start: number; end: number }[] = [];
  const first = parts[0]?.needle;
  if (!first) return hits;
  for (let i = haystack.indexOf(first); i !== -1; i = haystack.indexOf(first, i + 1)) {
    if (wordBefore(haystack, i)) continue;
    const end = sequenceEnd(haystack, parts, endings, i);
    if (end !== -1) hits.push({ start: i, end });
  }
  return hits;
}

function sequenceEnd(haystack: string, parts: readonly WordPart[], endings: readonly string[], from: number): number {
  let at = from;
  for (const [k, part] of parts.entries()) {
    const last = k === parts.length - 1;
    if (k > 0) {
      whiteSpace.lastIndex = at;
      const gap = whiteSpace.exec(haystack);
      if (!gap) return -1;
      at += gap[0].length;
    }
    if (!haystack.startsWith(part.needle, at)) return -1;
    at += part.needle.length;
    if (part.prefix) {
      if (!last) {
        restOfWord.lastIndex = at;
        at += restOfWord.exec(haystack)![0].length;
      }
    } else if (last) {
      const ending = [...endings, ''].find((e) => haystack.startsWith(e, at) && !wordAt(haystack, at + e.length));
      if (ending === undefined) return -1;
      at += ending.length;
    } else if (wordAt(haystack, at)) return -1;
  }
  return at;
}

/** All apostrophes as the ASCII one, so that a cue's ' matches a text's ’. Keeps the length. */
const plainApostrophes = (s: string) => s.replace(/[’ʼ]/g, "'");

/**
 * Lower case, with the length kept: a character whose lower case is longer (İ) stays as it is,
 * so that offsets into the folded copy are offsets into the text.
 */
function fold(s: string, locale: string): string {
  let out = '';
  for (const ch of plainApostrophes(s)) {
    const lower = ch.toLocaleLowerCase(locale);
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

// --- entity mentions

interface FormHit {
  entity: string;
  form: string;
  start: number;
  end: number;
}

/** Forms matched as pipeline/annotate/mentions.ts does: whole words, as written, any white space between. */
function formHits(text: string, entity: string, forms: readonly string[], endings: readonly string[]): FormHit[] {
  const longestFirst = [...endings].sort((a, b) => b.length - a.length);
  return forms.flatMap((form) =>
    findWordSequence(
      text,
      form.split(/\s+/).map((needle) => ({ needle, prefix: false })),
      longestFirst,
    ).map((h) => ({ entity, form, ...h })),
  );
}

function mentionCandidates(text: string, lang: LanguageInfo, entities: readonly EntityForms[]): Candidate[] {
  // Where the build will find a mention by itself (a form of the document's language, of any
  // entity, with the language's endings) that covers the foreign form, nothing is suggested. A
  // longer foreign name around an own form ("Socialist Movement of Kazakhstan" around
  // "Kazakhstan") is still suggested: it names another entity.
  const own = entities.flatMap((e) => formHits(text, e.id, e.forms[lang.code] ?? [], lang.name_endings));
  const foreign: FormHit[] = [];
  for (const e of entities) {
    const forms = new Set(
      Object.entries(e.forms)
        .filter(([code]) => code !== lang.code)
        .flatMap(([, list]) => list ?? []),
    );
    foreign.push(...formHits(text, e.id, [...forms], []));
  }
  return leftmostLongest(foreign)
    .filter((h) => !own.some((o) => o.start <= h.start && h.end <= o.end))
    .map((h) => {
      const entity = entities.find((e) => e.id === h.entity)!;
      const ownForms = entity.forms[lang.code] ?? [];
      const listedFor = Object.entries(entity.forms)
        .filter(([code, list]) => code !== lang.code && (list ?? []).includes(h.form))
        .map(([code]) => code)
        .sort();
      const ownSays = ownForms.length
        ? `the ${lang.name} forms of ${entity.id} (${ownForms.map((f) => `'${f}'`).join(', ')}) do not match here`
        : `${lang.name} has no forms for ${entity.id}`;
      return {
        start: h.start,
        end: h.end,
        kind: 'entity' as const,
        payload: { entity: entity.id },
        why: `${ownSays}; the form '${h.form}' (listed for ${listedFor.join(', ')}) occurs here`,
        tie: entity.id,
      };
    });
}

// --- codes from cue words

/** A word with no lower-case letter (an acronym such as EU or ОДКБ, a year): matched as written. */
const isLiteral = (word: string) => !/\p{Ll}/u.test(word);

/**
 * Where a cue occurs, by the rules of raw/cues.yaml: each word of the cue begins a word of the
 * text, case-insensitively; a literal word stands whole and as written; apostrophes are one.
 */
function cueHits(plain: string, folded: string, cue: string, locale: string): { start: number; end: number }[] {
  const words = cue.trim().split(/\s+/);
  if (!words.some(isLiteral))
    return findWordSequence(
      folded,
      words.map((w) => ({ needle: fold(w, locale), prefix: true })),
    );
  // with a literal word: find the case-insensitive sequence, then check the literal words' case
  const parts = words.map((w) => ({ needle: fold(w, locale), prefix: !isLiteral(w) }));
  return findWordSequence(folded, parts).filter((hit) => {
    let at = hit.start;
    for (const [k, word] of words.entries()) {
      if (k > 0) {
        whiteSpace.lastIndex = at;
        at += whiteSpace.exec(plain)![0].length;
      }
      if (isLiteral(word) && !plain.startsWith(plainApostrophes(word), at)) return false;
      at += word.length;
      restOfWord.lastIndex = at;
      if (parts[k]!.prefix && k < words.length - 1) at += restOfWord.exec(plain)![0].length;
    }
    return true;
  });
}

function codeCandidates(text: string, lang: LanguageInfo, sentences: readonly SentenceSpan[], cues: CueTable): Candidate[] {
  const plain = plainApostrophes(text);
  const folded = fold(text, lang.code);
  // sentence n -> code -> cue words that fired, in the order raw/cues.yaml lists them
  const fired = new Map<number, Map<string, string[]>>();
  for (const [code, byLanguage] of Object.entries(cues)) {
    for (const cue of byLanguage[lang.code] ?? []) {
      for (const hit of cueHits(plain, folded, cue, lang.code)) {
        const s = sentenceHolding(sentences, hit.start, hit.end);
        if (!s) continue; // across a sentence boundary: not a cue of either sentence
        const codes = fired.get(s.n) ?? new Map<string, string[]>();
        const words = codes.get(code) ?? [];
        if (!words.includes(cue)) words.push(cue);
        codes.set(code, words);
        fired.set(s.n, codes);
      }
    }
  }
  const found: Candidate[] = [];
  for (const s of sentences) {
    const codes = fired.get(s.n);
    if (!codes) continue;
    // the quote is the sentence without the white space around it
    const raw = text.slice(s.start, s.end);
    const start = s.start + (raw.length - raw.trimStart().length);
    const end = s.end - (raw.length - raw.trimEnd().length);
    if (end <= start) continue;
    const ids = [...codes.keys()].sort();
    found.push({
      start,
      end,
      kind: 'codes',
      payload: { codes: ids },
      why: `cue words ${ids
        .map(
          (id) =>
            `${codes
              .get(id)!
              .map((w) => `'${w}'`)
              .join(', ')} (${id})`,
        )
        .join('; ')}`,
      tie: ids.join(' '),
    });
  }
  return found;
}
