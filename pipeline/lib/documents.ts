// The clean documents a stage quotes, without the corpus: every document id (for "did you mean"
// hints and existence checks) and the rows, texts included, of only the documents asked for.
import type { DocumentRow } from '../tables.js';
import { ndjsonRows } from './ndjson.js';

/** Documents by id: a Map will do, and so will a lookup that holds only some documents' texts. */
export type DocumentLookup = Pick<ReadonlyMap<string, DocumentRow>, 'get' | 'has' | 'keys'>;

/** Reads an NDJSON documents table once, keeping every id and the rows of the `wanted` documents. */
export function readDocuments(documentsFile: string, wanted: ReadonlySet<string>): DocumentLookup {
  const ids = new Set<string>();
  const rows = new Map<string, DocumentRow>();
  for (const d of ndjsonRows<DocumentRow>(documentsFile)) {
    ids.add(d.doc_id);
    if (wanted.has(d.doc_id)) rows.set(d.doc_id, d);
  }
  return { get: (id) => rows.get(id), has: (id) => ids.has(id), keys: () => ids.keys() };
}
