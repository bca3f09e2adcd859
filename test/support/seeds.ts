// The real inputs, cleaned in-process (no build folder needed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanSource, type CleanedSource } from '../../pipeline/clean/clean-source.js';
import type { SourcesFile } from '../../pipeline/clean/types.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { parseYaml } from '../../pipeline/lib/yaml-input.js';
import { repoLanguages } from './languages.js';

export function cleanAllSeeds(): { raw: string; cleaned: CleanedSource }[] {
  const yaml = parseYaml('raw/sources.yaml', readFileSync(join(repoRoot, 'raw/sources.yaml'), 'utf8'));
  return (yaml.data as SourcesFile).sources.map((config, i) => {
    const raw = readFileSync(join(repoRoot, 'raw', config.file), 'utf8');
    return {
      raw,
      cleaned: cleanSource(raw, config, (path) => ({ file: 'raw/sources.yaml', ...yaml.locate(['sources', i, ...path]) }), repoLanguages),
    };
  });
}

/** Rebuilds a raw text from rows alone (code-point offsets), independently of the pipeline's code. */
export function rebuildFromRows(cleaned: CleanedSource): string {
  return [...cleaned.documents]
    .sort((a, b) => a.section - b.section)
    .map((doc) => {
      const cps = Array.from(doc.text);
      const edits = cleaned.edits
        .filter((e) => e.doc_id === doc.doc_id)
        .sort((a, b) => a.raw_start_cp - b.raw_start_cp || a.raw_end_cp - b.raw_end_cp);
      let out = '';
      let at = 0;
      for (const e of edits) {
        out += cps.slice(at, e.clean_start_cp).join('') + e.removed;
        at = e.clean_end_cp;
      }
      return out + cps.slice(at).join('');
    })
    .join('');
}
