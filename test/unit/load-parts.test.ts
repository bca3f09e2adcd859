// The load stage sorts a large table apart (sortTable) and writes it in parts, each by a database
// opened anew (writeTable). A build at 1x never has a table large enough for either, so both are
// checked here: the parts with small ones (the same rows in the same order as the sorted file,
// comments present, and the same file every time), the sort on a shuffled table under one and two
// DuckDB threads (the same database file).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { columns, ident, orderBy, rowObjects, sqlString, withDatabase } from '../../pipeline/lib/duckdb.js';
import { sortTable, writeTable } from '../../pipeline/stages/load.js';

const dir = mkdtempSync(join(tmpdir(), 'qantar-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const table = 'edits';
const rows = 2500;
const sorted = join(dir, 'edits.sorted.parquet');

/** A value of each column's type for row i of n (the key columns make every row's key distinct). */
function value(type: string, column: string, n = rows): string {
  if (type === 'INTEGER' || type === 'BIGINT') return `(${n} - i)::${type}`;
  if (type === 'DOUBLE') return 'i / 7';
  if (type === 'BOOLEAN') return 'i % 3 = 0';
  if (type === 'DATE') return "DATE '2022-01-01' + (i % 40)::INTEGER";
  return `'${column}-' || lpad(((i * 7919) % ${n})::VARCHAR, 6, '0')`;
}

const read = (path: string, sql: string) =>
  withDatabase(path, { access_mode: 'READ_ONLY' }, (con) => rowObjects<Record<string, unknown>>(con, sql));

it('writes a table in parts: the sorted rows in order, with comments, and the same file every time', async () => {
  await withDatabase(':memory:', {}, async (con) => {
    const select = columns(table).map((c) => `${value(c.type, c.name)} AS ${ident(c.name)}`);
    await con.run(
      `COPY (SELECT ${select.join(', ')} FROM range(${rows}) r(i) ORDER BY ${orderBy(table)}) TO ${sqlString(sorted)} (FORMAT parquet)`,
    );
  });
  const files = [];
  for (const [name, perWrite] of [
    ['a', 700],
    ['b', 700],
    ['whole', rows * 2],
  ] as const) {
    // DuckDB stores the file's name in the file: the same name in folders of their own.
    const path = join(dir, name, 'qantar.duckdb');
    mkdirSync(join(dir, name));
    expect(await writeTable(path, table, sorted, perWrite)).toBe(rows);
    files.push(path);
  }
  const [a, b, whole] = files as [string, string, string];
  expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  const inParts = await read(a, `SELECT * FROM ${table}`);
  expect(inParts).toHaveLength(rows);
  expect(inParts).toEqual(await read(whole, `SELECT * FROM ${table}`));
  await withDatabase(':memory:', {}, async (con) => {
    expect(inParts).toEqual(await rowObjects(con, `SELECT * FROM read_parquet(${sqlString(sorted)})`));
  });
  const comments = await read(a, `SELECT comment FROM duckdb_columns() WHERE table_name = '${table}'`);
  expect(comments.every((c) => typeof c.comment === 'string' && c.comment.length > 0)).toBe(true);
});

it('sorts a large table into the same database file under one and two DuckDB threads', async () => {
  // Large enough to be read and sorted in parallel (several of DuckDB's row groups), and shuffled.
  const many = 300_000;
  const ndjson = join(dir, 'shuffled.ndjson');
  await withDatabase(':memory:', {}, async (con) => {
    const select = columns(table).map((c) => `${value(c.type, c.name, many)} AS ${ident(c.name)}`);
    await con.run(`COPY (SELECT ${select.join(', ')} FROM range(${many}) r(i) ORDER BY hash(i)) TO ${sqlString(ndjson)} (FORMAT json)`);
  });
  const databases = [];
  for (const threads of ['1', '2']) {
    const folder = join(dir, `threads-${threads}`);
    mkdirSync(folder);
    const sortedHere = join(folder, 'sorted.parquet');
    await sortTable(table, ndjson, sortedHere, join(folder, 'spill'), threads);
    const database = join(folder, 'db', 'qantar.duckdb');
    mkdirSync(join(folder, 'db'));
    expect(await writeTable(database, table, sortedHere)).toBe(many);
    databases.push(database);
  }
  const [one, two] = databases as [string, string];
  expect(readFileSync(one).equals(readFileSync(two)), 'the database files differ').toBe(true);
  const keys = await read(one, `SELECT ${orderBy(table)} FROM ${table} LIMIT 3`);
  expect(keys).toEqual(await read(one, `SELECT ${orderBy(table)} FROM ${table} ORDER BY ${orderBy(table)} LIMIT 3`));
}, 60_000);
