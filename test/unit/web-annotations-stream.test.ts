// annotations.jsonld streamed from a database (release/exports.ts) is the collection built from the
// same rows in memory (web-annotations.ts), also when document ids start with one another: rows
// come in the order of `doc_id || '/'`, the documents in doc_id order, and the two differ for 'a'
// and 'a-b' (the rows of 'a-b' come first).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlString, withDatabase } from '../../pipeline/lib/duckdb.js';
import { writeWebAnnotations } from '../../pipeline/release/exports.js';
import { webAnnotations } from '../../pipeline/release/web-annotations.js';
import type { AnnotationRow, EventMentionRow } from '../../pipeline/tables.js';

const dir = mkdtempSync(join(tmpdir(), 'qantar-web-annotations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const byKey = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0;

// 'a-a' and 'c' have no rows; 'a' and 'a-b' are passed on the way to 'a-b-c' and come back later.
const docIds = ['a', 'a-a', 'a-b', 'a-b-c', 'a.z', 'ab', 'b', 'c'];
const documents = docIds.map((doc_id) => ({ doc_id, text: `The text of ${doc_id}: the strike went on.` }));
const withRows = docIds.filter((d) => d !== 'a-a' && d !== 'c');
const annotations = withRows
  .flatMap((doc_id) => [
    {
      annotation_id: `${doc_id}/e1#actor.workers`,
      doc_id,
      code_id: 'actor.workers',
      method: 'coded',
      start_cp: 4,
      end_cp: 8,
      projected_from: null,
      note: null,
    },
    {
      annotation_id: `${doc_id}/e2#uncoded`,
      doc_id,
      code_id: null,
      method: 'coded',
      start_cp: 0,
      end_cp: 3,
      projected_from: null,
      note: 'a date line',
    },
  ])
  .sort(byKey('annotation_id'));
const eventMentions = ['a', 'a-b', 'b']
  .map((doc_id) => ({
    event_mention_id: `${doc_id}/d1`,
    doc_id,
    event_id: 'strike',
    start_cp: 4,
    end_cp: 8,
    date_stated: null,
    note: null,
  }))
  .sort(byKey('event_mention_id'));

const values = (rows: Record<string, unknown>[], columns: string[]) =>
  rows
    .map(
      (r) =>
        `(${columns.map((c) => (r[c] === null ? 'NULL' : typeof r[c] === 'number' ? String(r[c]) : sqlString(String(r[c])))).join(', ')})`,
    )
    .join(', ');

describe('annotations.jsonld streamed from the database', () => {
  /** A release database of the rows above, its documents inserted in the order given. */
  const databaseOf = async (name: string, docs: typeof documents) => {
    const database = join(dir, name);
    await withDatabase(database, {}, async (con) => {
      await con.run(`CREATE TABLE documents (doc_id VARCHAR, text VARCHAR)`);
      await con.run(`INSERT INTO documents VALUES ${values(docs, ['doc_id', 'text'])}`);
      await con.run(`CREATE TABLE codes (code_id VARCHAR, label VARCHAR, category_label VARCHAR)`);
      await con.run(`INSERT INTO codes VALUES ('actor.workers', 'Workers lead', 'Actors')`);
      await con.run(`CREATE TABLE events (event_id VARCHAR, label VARCHAR, date_start DATE, date_end DATE)`);
      await con.run(`INSERT INTO events VALUES ('strike', 'The strike', '2022-01-02', '2022-01-02')`);
      const annotationColumns = ['annotation_id', 'doc_id', 'code_id', 'method', 'start_cp', 'end_cp', 'projected_from', 'note'];
      await con.run(
        `CREATE TABLE annotations (annotation_id VARCHAR, doc_id VARCHAR, code_id VARCHAR, method VARCHAR, start_cp INTEGER, end_cp INTEGER, projected_from VARCHAR, note VARCHAR)`,
      );
      await con.run(`INSERT INTO annotations VALUES ${values(annotations, annotationColumns)}`);
      await con.run(
        `CREATE TABLE claims (claim_id VARCHAR, doc_id VARCHAR, quantity VARCHAR, start_cp INTEGER, end_cp INTEGER, value DOUBLE, low DOUBLE, high DOUBLE, value_basis VARCHAR, lexicon_id VARCHAR, unit VARCHAR, qualifier VARCHAR, attributed_to VARCHAR, source_entity_id VARCHAR, stance VARCHAR, event_id VARCHAR, note VARCHAR)`,
      );
      const mentionColumns = ['event_mention_id', 'doc_id', 'event_id', 'start_cp', 'end_cp', 'date_stated', 'note'];
      await con.run(
        `CREATE TABLE event_mentions (event_mention_id VARCHAR, doc_id VARCHAR, event_id VARCHAR, start_cp INTEGER, end_cp INTEGER, date_stated VARCHAR, note VARCHAR)`,
      );
      await con.run(`INSERT INTO event_mentions VALUES ${values(eventMentions, mentionColumns)}`);
    });
    return database;
  };

  it('is the collection built in memory from the same rows, whatever the ids start with', async () => {
    const database = await databaseOf('release.duckdb', documents);
    const path = join(dir, 'annotations.jsonld');
    await writeWebAnnotations({ path, version: '1.2.3', database });
    const expected = webAnnotations({
      version: '1.2.3',
      documents,
      codes: [{ code_id: 'actor.workers', label: 'Workers lead', category_label: 'Actors' }],
      events: [{ event_id: 'strike', label: 'The strike', date_start: '2022-01-02', date_end: '2022-01-02' }],
      annotations: annotations as unknown as AnnotationRow[],
      claims: [],
      eventMentions: eventMentions as unknown as EventMentionRow[],
    });
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(expected, null, 2) + '\n');
    // The order that makes the case: a row of 'a-b-c' comes before the rows of 'a' and 'a-b'.
    expect(annotations.map((a) => a.doc_id).slice(0, 6)).toEqual(['a-b-c', 'a-b-c', 'a-b', 'a-b', 'a.z', 'a.z']);
  });

  it('stops when the documents are not stored in key order, which the streaming relies on', async () => {
    const database = await databaseOf('reversed.duckdb', [...documents].reverse());
    await expect(writeWebAnnotations({ path: join(dir, 'reversed.jsonld'), version: '1.2.3', database })).rejects.toThrow(
      /^annotations\.jsonld: documents is not in key order at /,
    );
  });
});
