// Entity mentions found from the forms listed in raw/entities.yaml.
//
// The approach, and why:
// - Forms are matched case-sensitively: the entities are proper nouns, and case keeps "US" (the
//   country) apart from "us" (the pronoun).
// - A match must stand on word boundaries (no letter or digit just before or after), so "US"
//   does not match inside "USSR" and "Oral" not inside "Orally"; punctuation such as the
//   possessive ’s, a hyphen ("Nazarbayev-Tokayev") or quotes is a boundary. Chinese and Japanese
//   put no space between words, so in their scripts (ISO 15924 Hans, Hant, Jpan) a form is found
//   wherever it stands: a boundary rule there would find a name only next to punctuation.
// - Inflection is handled per language, as data rather than stemming: after a form, one of the
//   language's `name_endings` (raw/languages.yaml) may follow: Russian case endings (Казахстан ->
//   Казахстана, Казахстане), Korean particles (카자흐스탄에서, 카자흐스탄의). Forms whose stem
//   itself changes (Москва -> Москве) and spelling variants (Kazajistán, Kazajstán) are listed as
//   separate forms in raw/entities.yaml.
// - Where matches overlap, the leftmost and then the longest wins, so "Socialist Movement of
//   Kazakhstan" is one mention of the organisation, not also one of the country.
import type { LanguageInfo } from '../lib/languages.js';

/** What finding mentions needs of a language (raw/languages.yaml). */
export type Inflection = Pick<LanguageInfo, 'name_endings' | 'script'>;

/** Scripts written without spaces between words (ISO 15924). */
const unspacedScripts = new Set(['Hans', 'Hant', 'Hani', 'Jpan']);

export interface FormList {
  entity: string;
  forms: readonly string[];
}

export interface FoundMention {
  entity: string;
  start: number; // UTF-16 offsets into the text
  end: number;
  surface: string;
  form: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A form's words as an expression: any run of white space between them (a line break, two spaces). */
const wordsPattern = (form: string) => form.split(/\s+/).map(escape).join('\\s+');

/**
 * The regular expression that finds one form in a text of the given language: the specification
 * of what findMentions finds, which checks the same faster.
 */
export function formPattern(form: string, lang: Inflection): RegExp {
  const body = wordsPattern(form);
  const tail = lang.name_endings.length ? `(?:${lang.name_endings.map(escape).join('|')})?` : '';
  if (unspacedScripts.has(lang.script)) return new RegExp(`${body}${tail}`, 'gu');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}(?![\\p{L}\\p{N}])`, 'gu');
}

/**
 * A form as findMentions looks for it, per language: the literal every match begins with (the
 * form's first word), looked up first because a text holds few of the forms, and the form's words
 * as a sticky expression without the boundary classes (V8 compiles it only if it is ever run).
 * Keyed by the language's entry, which the callers pass unchanged from text to text.
 *
 * Why not formPattern itself: V8 compiles an expression at its first use, and with \p{L} and
 * \p{N} (every letter and digit of Unicode) the forms a corpus finds cost ~260 ms of every
 * process that annotates (the annotate stage at 1x: 0.55 -> 0.30-0.33 s), in every build and every
 * test run; and each match ran the expression over the rest of the text (findMentions over the
 * 100x corpus once compiled: 434 -> 193 ms). The boundaries are checked with one shared
 * expression instead; the property test in test/unit/mentions.test.ts holds findMentions to
 * formPattern's matches.
 */
interface SoughtForm {
  literal: string;
  words: RegExp;
}

const soughtForms = new WeakMap<Inflection, Map<string, SoughtForm>>();

function soughtForm(form: string, lang: Inflection): SoughtForm {
  let forms = soughtForms.get(lang);
  if (!forms) soughtForms.set(lang, (forms = new Map()));
  let sought = forms.get(form);
  if (!sought) forms.set(form, (sought = { literal: form.split(/\s+/)[0]!, words: new RegExp(wordsPattern(form), 'uy') }));
  return sought;
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/** Whether the code point that ends just before `at` (a surrogate pair counts as one) is a letter or digit. */
function wordBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  const low = text.charCodeAt(at - 1);
  const pair = at >= 2 && low >= 0xdc00 && low <= 0xdfff && (text.charCodeAt(at - 2) & 0xfc00) === 0xd800;
  return letterOrDigit.test(text.slice(pair ? at - 2 : at - 1, at));
}

/** Whether the code point that starts at `at` is a letter or digit. */
function wordAt(text: string, at: number): boolean {
  const cp = text.codePointAt(at);
  return cp !== undefined && letterOrDigit.test(String.fromCodePoint(cp));
}

/**
 * Where formPattern's match starting at `start` ends, or -1: the words, then the first of the
 * language's endings (in their order) that fits, or none, where a boundary follows. The order is
 * the expression's: its optional group tries each alternative in turn before going without.
 */
function matchEnd(text: string, start: number, words: RegExp, endings: readonly string[], bounded: boolean): number {
  if (bounded && wordBefore(text, start)) return -1;
  words.lastIndex = start;
  const matched = words.exec(text);
  if (!matched) return -1;
  const end = start + matched[0].length;
  for (const ending of endings) {
    if (text.startsWith(ending, end) && !(bounded && wordAt(text, end + ending.length))) return end + ending.length;
  }
  return bounded && wordAt(text, end) ? -1 : end;
}

/** What formPattern finds of every form, the leftmost and then the longest of overlapping matches. */
export function findMentions(text: string, lang: Inflection, entities: readonly FormList[]): FoundMention[] {
  const bounded = !unspacedScripts.has(lang.script);
  const candidates: FoundMention[] = [];
  for (const { entity, forms } of entities) {
    for (const form of forms) {
      const sought = soughtForm(form, lang);
      // As a global expression does: the next match is searched from the end of the last one.
      for (let at = text.indexOf(sought.literal); at >= 0;) {
        const end = matchEnd(text, at, sought.words, lang.name_endings, bounded);
        if (end < 0) {
          at = text.indexOf(sought.literal, at + 1);
          continue;
        }
        candidates.push({ entity, start: at, end, surface: text.slice(at, end), form });
        at = text.indexOf(sought.literal, end);
      }
    }
  }
  return leftmostLongest(candidates);
}

/** Of overlapping matches, the leftmost and then the longest (then the entity first by id); sorts `matches`. */
export function leftmostLongest<T extends { entity: string; start: number; end: number }>(matches: T[]): T[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end || a.entity.localeCompare(b.entity, 'en'));
  const kept: T[] = [];
  let reached = 0;
  for (const m of matches) {
    if (m.start < reached) continue; // overlaps a match already kept (which started earlier or is longer)
    kept.push(m);
    reached = m.end;
  }
  return kept;
}
