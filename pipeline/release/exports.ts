// The release's exports to other standards, written by the release stage next to the tables and
// before the metadata that lists them (datapackage.json, croissant.json, the card, SHA256SUMS):
// annotations.jsonld (W3C Web Annotations, web-annotations.ts) and .zenodo.json (a Zenodo
// deposit's metadata, zenodo.ts). Rows are read from the release's database in key order, so the
// files are the same, byte for byte, on every build.
import { join } from 'node:path';
import { withDatabase } from '../lib/duckdb.js';
import { writeAtomic } from '../lib/files.js';
import type { DatasetInfo } from './dataset.js';
import { webAnnotations, type WebAnnotationInput } from './web-annotations.js';
import { zenodoMetadata } from './zenodo.js';

export const exportFiles = ['annotations.jsonld', '.zenodo.json'] as const;

export async function writeStandardExports(folder: string, info: DatasetInfo, database: string): Promise<void> {
  const { annotations, sources } = await withDatabase(database, { access_mode: 'READ_ONLY' }, async (con) => {
    const all = async <T>(sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson() as unknown as T[];
    const input: WebAnnotationInput = {
      version: info.version,
      documents: await all(`SELECT doc_id, text FROM documents ORDER BY doc_id`),
      codes: await all(`SELECT code_id, label, category_label FROM codes ORDER BY code_id`),
      events: await all(
        `SELECT event_id, label, date_start::VARCHAR AS date_start, date_end::VARCHAR AS date_end FROM events ORDER BY event_id`,
      ),
      annotations: await all(`SELECT * FROM annotations ORDER BY annotation_id`),
      claims: await all(`SELECT * FROM claims ORDER BY claim_id`),
      eventMentions: await all(`SELECT * FROM event_mentions ORDER BY event_mention_id`),
    };
    return {
      annotations: input,
      sources: await all<{ url: string | null; url_basis: string | null }>(`SELECT url, url_basis FROM sources ORDER BY source_id`),
    };
  });
  writeAtomic(join(folder, 'annotations.jsonld'), JSON.stringify(webAnnotations(annotations), null, 2) + '\n');
  writeAtomic(join(folder, '.zenodo.json'), JSON.stringify(zenodoMetadata(info, sources), null, 2) + '\n');
}
