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

/** The regular expression that finds one form in a text of the given language. */
export function formPattern(form: string, lang: Inflection): RegExp {
  const body = form.split(/\s+/).map(escape).join('\\s+');
  const tail = lang.name_endings.length ? `(?:${lang.name_endings.map(escape).join('|')})?` : '';
  if (unspacedScripts.has(lang.script)) return new RegExp(`${body}${tail}`, 'gu');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}(?![\\p{L}\\p{N}])`, 'gu');
}

/**
 * A form compiled once per language: its regular expression, and the literal every match of it
 * begins with (the form's first word), looked up first because a text holds few of the forms. At
 * 100x the corpus, compiling every form's expression for every text and running it over the whole
 * text took 3.6 s of the annotate stage's 27 s; 0.8 s so. Keyed by the language's entry, which the
 * callers pass unchanged from text to text.
 */
const compiledForms = new WeakMap<Inflection, Map<string, { literal: string; pattern: RegExp }>>();

function compiledForm(form: string, lang: Inflection): { literal: string; pattern: RegExp } {
  let forms = compiledForms.get(lang);
  if (!forms) compiledForms.set(lang, (forms = new Map()));
  let compiled = forms.get(form);
  if (!compiled) forms.set(form, (compiled = { literal: form.split(/\s+/)[0]!, pattern: formPattern(form, lang) }));
  return compiled;
}

export function findMentions(text: string, lang: Inflection, entities: readonly FormList[]): FoundMention[] {
  const candidates: FoundMention[] = [];
  for (const { entity, forms } of entities) {
    for (const form of forms) {
      const { literal, pattern } = compiledForm(form, lang);
      if (!text.includes(literal)) continue;
      // Shared and global: each search runs until exec finds nothing, which sets lastIndex back to 0.
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        candidates.push({ entity, start: m.index, end: m.index + m[0].length, surface: m[0], form });
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
