// What the repository's inputs declare, read from raw/ independently of the pipeline's stages, so
// tests that count the release's documents follow the corpus as it grows instead of pinning a size.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../pipeline/lib/paths.js';

interface DeclaredSource {
  id: string;
  sections: { lang: string }[];
}

export interface DeclaredCorpus {
  /** Source ids (one per raw text), in file order. */
  sources: string[];
  /** Document ids (`<source>-<lang>`, one per language section), sorted. */
  documents: string[];
  /** Documents whose annotation file says `status: draft`. */
  drafts: number;
}

export function declaredCorpus(root = repoRoot): DeclaredCorpus {
  const file = parse(readFileSync(join(root, 'raw/sources.yaml'), 'utf8')) as { sources: DeclaredSource[] };
  const documents = file.sources.flatMap((s) => s.sections.map((section) => `${s.id}-${section.lang}`)).sort();
  const annotationDir = join(root, 'raw/annotations');
  const drafts = readdirSync(annotationDir).filter((f) =>
    /^status:\s*draft\s*$/m.test(readFileSync(join(annotationDir, f), 'utf8')),
  ).length;
  return { sources: file.sources.map((s) => s.id), documents, drafts };
}
