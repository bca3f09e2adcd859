// raw/languages.yaml for tests: one language's entry by code, failing loudly when it is not listed.
import { languageTable, readLanguages, type LanguageInfo } from '../../pipeline/lib/languages.js';

export const repoLanguages: ReadonlyMap<string, LanguageInfo> = languageTable(readLanguages());

export function lang(code: string): LanguageInfo {
  const info = repoLanguages.get(code);
  if (!info) throw new Error(`language '${code}' is not in raw/languages.yaml`);
  return info;
}
