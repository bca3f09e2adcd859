// Entity mentions found from the forms listed in raw/entities.yaml.
//
// The approach, and why:
// - Forms are matched case-sensitively: the entities are proper nouns, and case keeps "US" (the
//   country) apart from "us" (the pronoun).
// - A match must stand on word boundaries (no letter or digit just before or after), so "US"
//   does not match inside "USSR" and "Oral" not inside "Orally"; punctuation such as the
//   possessive ’s, a hyphen ("Nazarbayev-Tokayev") or quotes is a boundary.
// - Inflection is handled per language, as data rather than stemming:
//   * Russian nouns change their ending by case: after a form, one of the case endings below may
//     follow (Казахстан -> Казахстана, Казахстане, Казахстаном). Forms whose stem itself changes
//     (Москва -> Москве) are listed as separate forms in raw/entities.yaml.
//   * Korean attaches particles to the noun with no space (카자흐스탄에서, 카자흐스탄의): one of
//     the particles below may follow a form.
//   * Spanish and Portuguese do not inflect proper nouns; their spelling variants (Kazajistán,
//     Kazajstán) are listed as forms.
// - Where matches overlap, the leftmost and then the longest wins, so "Socialist Movement of
//   Kazakhstan" is one mention of the organisation, not also one of the country.
import type { Language } from './types.js';

const russianEndings = [
  'ами',
  'ями',
  'ого',
  'его',
  'ому',
  'ему',
  'ом',
  'ем',
  'ой',
  'ей',
  'ою',
  'ею',
  'ах',
  'ях',
  'ам',
  'ям',
  'ов',
  'ев',
  'ым',
  'им',
  'ую',
  'юю',
  'ая',
  'яя',
  'ое',
  'ее',
  'ие',
  'ые',
  'ых',
  'их',
  'а',
  'я',
  'у',
  'ю',
  'е',
  'и',
  'ы',
];
const koreanParticles = [
  '에서는',
  '에서도',
  '에서의',
  '으로는',
  '으로서',
  '에게는',
  '이라는',
  '에서',
  '에게',
  '으로',
  '로는',
  '로서',
  '까지',
  '부터',
  '처럼',
  '과의',
  '와의',
  '이며',
  '이다',
  '라는',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '에',
  '와',
  '과',
  '도',
  '만',
  '로',
];

const endings: Partial<Record<Language, string[]>> = { ru: russianEndings, ko: koreanParticles };

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
export function formPattern(form: string, lang: Language): RegExp {
  const body = form.split(/\s+/).map(escape).join('\\s+');
  const tail = endings[lang] ? `(?:${endings[lang]!.map(escape).join('|')})?` : '';
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}(?![\\p{L}\\p{N}])`, 'gu');
}

export function findMentions(text: string, lang: Language, entities: readonly FormList[]): FoundMention[] {
  const candidates: FoundMention[] = [];
  for (const { entity, forms } of entities) {
    for (const form of forms) {
      for (const m of text.matchAll(formPattern(form, lang))) {
        candidates.push({ entity, start: m.index, end: m.index + m[0].length, surface: m[0], form });
      }
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || a.entity.localeCompare(b.entity, 'en'));
  const kept: FoundMention[] = [];
  let reached = 0;
  for (const c of candidates) {
    if (c.start < reached) continue; // overlaps a match already kept (which started earlier or is longer)
    kept.push(c);
    reached = c.end;
  }
  return kept;
}
