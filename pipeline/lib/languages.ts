// The languages the corpus takes, as data (raw/languages.yaml): nothing else in the code names a
// language. A language's entry says how its texts are segmented (abbreviations), how they write
// numbers, which words are numbers, and how its nouns inflect (for finding entity mentions).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './paths.js';
import type { Problem } from './problems.js';

export const languagesFile = 'raw/languages.yaml';

export interface LanguageInfo {
  /** BCP 47 code, e.g. "en", "de", "zh", "kk". */
  code: string;
  /** English name, e.g. "German". */
  name: string;
  /** ISO 639-3 code the language detector (franc) reports for it, e.g. "deu", "cmn", "kaz". */
  iso639_3: string;
  /** ISO 15924 script, e.g. "Latn", "Cyrl", "Hans", "Hang", "Jpan". */
  script: string;
  /** Words ending in "." after which the sentence does not end, though ICU splits there. */
  abbreviations: string[];
  /** How the language writes numbers: decimal mark and the group separators in use. */
  numbers: { decimal: string; group: string[] };
  /** Words that name an exact number ("thirty": 30, "million": 1000000), lower case. */
  number_words: Record<string, number>;
  /** Words for "percent" after a number ("Prozent", "процентов"), each inflected form listed. */
  percent_words: string[];
  /** Words that open a byline ("By", "Von"), as written before the author's name. */
  byline_words: string[];
  /** Endings or particles that may follow a name in this language (case endings, particles). */
  name_endings: string[];
}

export interface LanguagesFile {
  version: number;
  languages: LanguageInfo[];
}

/** raw/languages.yaml as data (assumed valid: the validate step checks it against its schema). */
export function readLanguages(root = repoRoot): LanguagesFile {
  return parse(readFileSync(join(root, languagesFile), 'utf8')) as LanguagesFile;
}

/** The languages by code. */
export function languageTable(file: LanguagesFile): Map<string, LanguageInfo> {
  return new Map(file.languages.map((l) => [l.code, l]));
}

/** The one message for a language the corpus does not list, wherever it is named. */
export function notListedLanguage(code: string, at: Pick<Problem, 'file' | 'line' | 'column'>): Problem {
  return {
    code: 'language/not-listed',
    ...at,
    message: `language '${code}' is not listed in ${languagesFile}`,
    hint: `add an entry for '${code}' to ${languagesFile} (code, name, iso639_3, script, abbreviations, numbers, number_words, byline_words, name_endings; see the comments at its top), or correct the code`,
  };
}
