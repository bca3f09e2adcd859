// The release's exports to other standards, written by the release stage next to the tables and
// before the metadata that lists them (datapackage.json, croissant.json, the card, SHA256SUMS):
// annotations.jsonld (W3C Web Annotations, web-annotations.ts) and .zenodo.json (a Zenodo
// deposit's metadata, zenodo.ts). Rows are read from the release's database in key order, so the
// files are the same, byte for byte, on every build. annotations.jsonld is streamed: one row at a
// time in, one annotation at a time out, and one chunk of document texts held at a time, so a corpus of
// a thousand times the seeds (a million rows, gigabytes of JSON) never sits in memory.
import { join } from 'node:path';
import { ident, readDatabase, rowObjects, sharedReadMemoryLimitMB } from '../lib/duckdb.js';
import { ChunkedFile, writeAtomic } from '../lib/files.js';
import { StreamedArray, writeJson } from '../lib/json-stream.js';
import { startJob, type WorkerJob } from '../lib/worker.js';
import type { CodeRow, EventRow } from '../tables.js';
import type { DatasetInfo } from './dataset.js';
import {
  annotationCollection,
  annotationItem,
  claimItem,
  documentText,
  eventMentionItem,
  itemColumns,
  type AnnotationContext,
  type DocumentText,
} from './web-annotations.js';
import { zenodoMetadata } from './zenodo.js';

export const exportFiles = ['annotations.jsonld', '.zenodo.json'] as const;

/** The worker's file in build/bin/, named by pipeline/bin/bundle.ts after exports-worker.ts's path. */
export const bundledWorker = 'release-exports-worker.mjs';

/** What the worker is given (exports-worker.ts). */
export interface WebAnnotationsJob {
  path: string;
  version: string;
  database: string;
}

/**
 * Below this many items annotations.jsonld is written on the calling thread: starting a worker
 * (its modules and DuckDB loaded a second time) cost 0.4-1.3 s of CPU in a 1x build, whose ~1,900
 * items take less (the release stage alone through tsx: 4.7 s of CPU without a worker, 6.0 with).
 * At 100x the corpus (194,400 items) the stage took 14.2 s with one against 20.9 s without.
 */
const minItemsForWorker = 20_000;

/**
 * Starts writing the exports into `folder` while the caller goes on (issue 17): annotations.jsonld,
 * the release's largest file and most of its time, on a worker thread with its own read-only
 * connection to the database, when the corpus is large enough. `done` settles when both files are
 * written; `stop` ends the worker early (the caller failed).
 */
export function startStandardExports(
  folder: string,
  info: DatasetInfo,
  database: string,
  options: { minItemsForWorker?: number } = {},
): WorkerJob<void> {
  const job: WebAnnotationsJob = { path: join(folder, 'annotations.jsonld'), version: info.version, database };
  let worker: WorkerJob<void> | undefined;
  const done = (async () => {
    // One read of the database for what is decided or written here: the items' count and the sources.
    const { items, sources } = await readDatabase(database, async (con) => ({
      items: (await rowObjects<{ n: number }>(con, itemCountSql))[0]!.n,
      sources: (await con.runAndReadAll(`SELECT url, url_basis FROM sources ORDER BY source_id`)).getRowObjectsJson(),
    }));
    const webAnnotations =
      items < (options.minItemsForWorker ?? minItemsForWorker)
        ? writeWebAnnotations(job)
        : (worker = startJob<void>('annotations.jsonld worker', bundledWorker, new URL('./exports-worker.ts', import.meta.url), job)).done;
    writeAtomic(join(folder, '.zenodo.json'), JSON.stringify(zenodoMetadata(info, sources as never), null, 2) + '\n');
    await webAnnotations;
  })();
  done.catch(() => {}); // the caller may fail before it awaits `done`; its own error is the one to report
  return { done, stop: () => worker?.stop() };
}

const itemCountSql = `SELECT ((SELECT count(*) FROM annotations) + (SELECT count(*) FROM claims) + (SELECT count(*) FROM event_mentions))::INTEGER AS n`;

/** The same bytes as JSON.stringify(collection, null, 2) + '\n', written item by item (writeJson). */
export async function writeWebAnnotations({ path, version, database }: WebAnnotationsJob): Promise<void> {
  // Two connections: one streams the rows, the other the documents' texts beside them (a query
  // on the streaming connection would end its stream). Under the smaller limit, as the release's
  // tables are exported beside it at scale; it sorts nothing.
  await readDatabase(
    database,
    async (rows, instance) => {
      const lookup = await instance.connect();
      try {
        const all = rowObjects;
        const codes = new Map((await all<CodeRow>(lookup, `SELECT code_id, label, category_label FROM codes`)).map((c) => [c.code_id, c]));
        const events = new Map(
          (
            await all<EventRow>(
              lookup,
              `SELECT event_id, label, date_start::VARCHAR AS date_start, date_end::VARCHAR AS date_end FROM events`,
            )
          ).map((e) => [e.event_id, e]),
        );
        // Rows come in key order, and every key is `<doc_id>/...`, so a table's rows come document by
        // document in the order of `doc_id || '/'`: the texts are streamed beside them (one query per
        // table, where one lookup per document took 5.4 s at 100x the corpus), in the documents
        // table's own order, doc_id (the load stage inserts in key order; checked as they come).
        // Sorting them by `doc_id || '/'` instead held every text at once, and ran out of DuckDB's
        // memory under 128MB at 1000x the corpus. The two orders differ only for a document whose id
        // is the start of others' followed by a character before '/' ('a' and 'a-b': the rows of
        // 'a-b' come first), so such a document is kept aside when passed, and no other.
        async function* documentsByDocId() {
          const result = await lookup.stream(`SELECT doc_id, text FROM documents`);
          const inOrder = keyOrder('documents');
          for await (const chunk of result.yieldRowObjectJson())
            for (const d of chunk as unknown as { doc_id: string; text: string }[]) {
              inOrder(d.doc_id);
              yield d;
            }
        }
        const keptAside = new Map<string, string>();
        async function textOf(docId: string, documents: AsyncGenerator<{ doc_id: string; text: string }>): Promise<string> {
          const kept = keptAside.get(docId);
          if (kept !== undefined) return (keptAside.delete(docId), kept);
          for (;;) {
            const d = await documents.next();
            if (d.done) fail('document', docId);
            if (d.value.doc_id === docId) return d.value.text;
            if (docId.startsWith(d.value.doc_id) && docId[d.value.doc_id.length]! < '/') keptAside.set(d.value.doc_id, d.value.text);
          }
        }
        let current: { id: string; text: DocumentText } | null = null;
        const ctx: AnnotationContext = {
          text: (id) => (current?.id === id ? current.text : fail('document', id)),
          code: (id) => codes.get(id) ?? fail('code', id),
          event: (id) => events.get(id) ?? fail('event', id),
        };
        const total = (await all<{ n: number }>(lookup, itemCountSql))[0]!.n;
        // A table's rows in key order. The load stage inserts every table in key order and DuckDB
        // scans a table in insertion order (preserve_insertion_order, on by default), so no ORDER BY:
        // sorting the annotations held ~100 MiB more at 100x the corpus, for the same bytes. The
        // order is checked as the rows come, so a change in either fails here, not in the output.
        async function* items<T extends { doc_id: string }>(
          table: keyof typeof itemColumns,
          key: keyof T & string,
          item: (row: T, ctx: AnnotationContext) => unknown,
        ): AsyncGenerator<unknown> {
          const documents = documentsByDocId();
          keptAside.clear();
          const result = await rows.stream(`SELECT ${itemColumns[table].map(ident).join(', ')} FROM ${table}`);
          const inOrder = keyOrder(table);
          for await (const batch of result.yieldRowObjectJson()) {
            for (const row of batch as unknown as T[]) {
              inOrder(String(row[key]));
              if (current?.id !== row.doc_id) current = { id: row.doc_id, text: documentText(await textOf(row.doc_id, documents)) };
              yield item(row, ctx);
            }
          }
        }
        async function* everyItem() {
          yield* items('annotations', 'annotation_id', annotationItem);
          yield* items('claims', 'claim_id', claimItem);
          yield* items('event_mentions', 'event_mention_id', eventMentionItem);
        }
        const out = new ChunkedFile(path);
        await writeJson(out, annotationCollection(version, new StreamedArray(everyItem()), total), 2);
        out.write('\n');
        out.close();
      } finally {
        lookup.closeSync();
      }
    },
    sharedReadMemoryLimitMB,
  );
}

/** A check that a table's keys come in increasing order, as the export relies on; it throws at the first that does not. */
function keyOrder(table: string): (id: string) => void {
  let previous = '';
  return (id) => {
    if (!(previous < id)) throw new Error(`annotations.jsonld: ${table} is not in key order at ${id}`);
    previous = id;
  };
}

function fail(what: string, id: string): never {
  throw new Error(`annotations.jsonld: no ${what} ${id}`);
}
