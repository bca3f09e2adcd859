// The benchmark's floor: the least work that turns the clean rows into the release's Parquet
// files. One process, one in-memory DuckDB, each table's NDJSON (the files the validate stage
// reads) read with its declared column types and written as zstd Parquet in key order, as the
// release does; nothing is checked, annotated, loaded into a database file or rendered.
// `tsx pipeline/bench/floor.ts <repo copy>` prints {seconds, duckdb} as JSON.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { columns, ident, orderBy, sqlString, withDatabase } from '../lib/duckdb.js';
import { removePath } from '../lib/files.js';
import { tableFiles } from '../stages/validate.js';
import { tableNames } from '../tables.js';

const repo = process.argv[2];
if (!repo) throw new Error('usage: tsx pipeline/bench/floor.ts <repository copy>');
const out = join(repo, 'build', 'bench-floor');
removePath(out);
mkdirSync(out, { recursive: true });
const started = performance.now();
// Same thread count as the pipeline's stages, so the ratio compares like with like.
const duckdb = await withDatabase(':memory:', {}, async (con) => {
  for (const table of tableNames) {
    const cols = columns(table);
    const spec = `{${cols.map((c) => `${ident(c.name)}: ${sqlString(c.type)}`).join(', ')}}`;
    const select = `SELECT ${cols.map((c) => ident(c.name)).join(', ')} FROM read_ndjson(${sqlString(join(repo, tableFiles[table]))}, columns = ${spec}, format = 'newline_delimited') ORDER BY ${orderBy(table)}`;
    await con.run(`COPY (${select}) TO ${sqlString(join(out, `${table}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
  }
  return (await con.runAndReadAll('SELECT version()')).getRows()[0]![0] as string;
});
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, duckdb }));
