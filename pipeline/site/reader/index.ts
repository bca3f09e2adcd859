// Every reader page of a release, as a pure function of its tables: one page per document
// (documents/<doc_id>.html), one side-by-side page per aligned text, and the corpus list of the
// dataset page (the stylesheet, style.ts, is written once by the site stage). One pass per
// document; nothing loops over the whole corpus inside a document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../lib/paths.js';
import type { CorpusEntry } from '../corpus.js';
import { alignedFile, alignedGroups, alignGroup, renderAligned } from './aligned.js';
import { readerFile, renderDocument, type AlignedVersions } from './document.js';
import { groupByDocument, vocabulary, type ReaderTables } from './rows.js';

/** Folder of the reader pages in the site. */
export const readerFolder = 'documents';

/** Ids that become file names: letters, digits, dot, underscore, hyphen; no leading dot. */
const safeName = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

export interface ReaderSite {
  /** Site-relative path -> content. */
  files: Record<string, string>;
  corpus: CorpusEntry[];
}

export function renderReaders(t: ReaderTables): ReaderSite {
  const files: Record<string, string> = {};
  const corpus = writeReaders(t, (path, content) => (files[path] = content));
  return { files, corpus };
}

/**
 * The reader pages handed to `write` one at a time, as each is rendered; returns the corpus
 * entries. The site writes each page at once: a batch's pages held together until the batch was
 * done were most of a reader thread's heap (127 MiB of HTML for one batch of 100 sources at 100x
 * the corpus, in a heap snapshot).
 */
export function writeReaders(t: ReaderTables, write: (path: string, content: string) => void): CorpusEntry[] {
  const v = vocabulary(t);
  const bundles = groupByDocument(t);
  const groups = alignedGroups(bundles);
  const alignedOf = new Map<string, AlignedVersions>();
  const diffsByGroup = new Map<string, ReaderTables['alignment_differences']>();
  for (const d of t.alignment_differences) {
    const g = alignGroup(d.align_group);
    const list = diffsByGroup.get(g);
    if (list) list.push(d);
    else diffsByGroup.set(g, [d]);
  }
  for (const [group, versions] of groups) {
    if (!safeName.test(group)) throw new Error(`align group ${JSON.stringify(group)} cannot be a file name`);
    const page = alignedFile(group);
    if (versions.some((b) => readerFile(b.document.doc_id) === page)) throw new Error(`align group ${group} has the name of a document`);
    write(`${readerFolder}/${page}`, renderAligned(group, versions, diffsByGroup.get(group) ?? []));
    const list = versions.map((b) => ({ doc_id: b.document.doc_id, language: b.document.language }));
    for (const b of versions) if (!alignedOf.has(b.document.doc_id)) alignedOf.set(b.document.doc_id, { page, versions: list });
  }
  const corpus: CorpusEntry[] = [];
  for (const b of bundles) {
    const d = b.document;
    if (!safeName.test(d.doc_id)) throw new Error(`doc_id ${JSON.stringify(d.doc_id)} cannot be a file name`);
    const aligned = alignedOf.get(d.doc_id);
    write(`${readerFolder}/${readerFile(d.doc_id)}`, renderDocument(b, v, aligned));
    corpus.push({
      doc_id: d.doc_id,
      title: d.title,
      language: d.language,
      annotation_status: d.annotation_status,
      n_sentences: d.n_sentences,
      sentences_coded: d.sentences_coded,
      n_words: d.n_words,
      annotations: b.annotations.length,
      is_translation: d.is_translation,
      href: `${readerFolder}/${readerFile(d.doc_id)}`,
      alignedHref: aligned ? `${readerFolder}/${aligned.page}` : null,
    });
  }
  return corpus;
}

/** assets/reader.js: script.ts compiled to one small ES module (it imports nothing). */
export async function readerScript(): Promise<string> {
  const source = readFileSync(join(repoRoot, 'pipeline/site/reader/script.ts'), 'utf8');
  const { transform } = await import('esbuild'); // lazily: a no-op build does not minify
  const out = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
  });
  return out.code;
}
