// The reliability stage reads the first coding of a few documents from annotate's large tables;
// ndjsonRowsOfDocuments (lib/ndjson.ts) finds their rows in the file's bytes and decodes only
// those lines. It must give exactly the rows whose doc_id is listed, as the plain reader would.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ndjsonRows, ndjsonRowsOfDocuments } from '../../pipeline/lib/ndjson.js';

const dir = mkdtempSync(join(tmpdir(), 'qantar-rows-of-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Writes the rows as an NDJSON file (with or without a final newline) and reads them both ways. */
function bothWays(rows: object[], docs: ReadonlySet<string>, chunkBytes: number, finalNewline = true) {
  const path = join(dir, `t${++files}.ndjson`);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + (finalNewline && rows.length ? '\n' : ''));
  const plain = [...ndjsonRows<{ doc_id: unknown }>(path)].filter((r) => typeof r.doc_id === 'string' && docs.has(r.doc_id));
  return { found: [...ndjsonRowsOfDocuments(path, docs, chunkBytes)], plain };
}

const docs = new Set(['rcit-en', 'a"b', 'back\\slash', 'казах']);

describe('ndjsonRowsOfDocuments', () => {
  it('takes a row by its own doc_id, not a look-alike key, a nested key or a quote inside a string', () => {
    const rows = [
      { doc_id: 'rcit-en', n: 1 },
      { doc_id: 'rcit-ru', n: 2 },
      { source_doc_id: 'rcit-en', doc_id: 'other' },
      { quote: '"doc_id":"rcit-en"', doc_id: 'other' },
      { nested: { doc_id: 'rcit-en' }, doc_id: 'other' },
      { nested: { doc_id: 'other' }, doc_id: 'rcit-en', n: 3 },
      { n: 4 },
      { doc_id: null },
      { doc_id: 'a"b', n: 5 },
      { doc_id: 'back\\slash', n: 6 },
      { doc_id: 'казах', n: 7 },
    ];
    const { found, plain } = bothWays(rows, docs, 64);
    expect(found).toEqual(plain);
    expect(found.map((r) => (r as { n?: number }).n)).toEqual([1, 3, 5, 6, 7]);
  });

  it('gives the plain reader’s rows for any rows, chunk size and last line', () => {
    const id = fc.oneof(fc.constantFrom(...docs), fc.string(), fc.constant(null));
    const row = fc.record({ before: fc.string({ unit: 'binary' }), doc_id: id, after: fc.string({ unit: 'binary' }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer({ min: 1, max: 300 }), fc.boolean(), (rows, chunk, last) => {
        const { found, plain } = bothWays(rows, docs, chunk, last);
        expect(found).toEqual(plain);
      }),
      { numRuns: 500, seed: 20261208 },
    );
  });
});
