// Stage load: the validated rows into one DuckDB database with declared types, keys and a comment
// on every table and column (all taken from schemas/tables/).
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  columns,
  commentSql,
  createTableSql,
  databaseWriterEnv,
  duckdbThreads,
  ident,
  orderBy,
  sqlString,
  withDatabase,
  writeDatabaseFile,
} from '../lib/duckdb.js';
import { removePath } from '../lib/files.js';
import { memoryReturned, peakRssKiB } from '../lib/memory.js';
import { runProcessJob } from '../lib/worker.js';
import { databaseName, repoRoot } from '../lib/paths.js';
import type { Stage } from '../runner.js';
import { tableNames, type TableName } from '../tables.js';
import { cleanDir } from './clean.js';
import { annotateDir } from './annotate.js';
import { flagsDir } from './flags.js';
import { reliabilityDir } from './reliability.js';
import { tableFiles, validateDir } from './validate.js';

export const loadDir = 'build/work/load';

/**
 * A table whose NDJSON file is at most this size is sorted inside the database that writes it, and
 * the small tables side by side are written by one opening of the file; a larger one is sorted
 * apart and written in parts (writeTable). Opening the file and sorting apart cost ~80 ms a table
 * (the load at 1x: 1.8 s written whole, 3.7 s with every table sorted apart), and only large tables
 * need it.
 */
const smallTableBytes = 64 * 2 ** 20;

/**
 * The memory a large table's sort may use before it spills to disk. The database file cannot be
 * written under a memory limit (DuckDB then evicts blocks while writing, and two loads of the same
 * rows gave different files), so a large table is sorted by an in-memory DuckDB that may spill, and
 * the file is written from the sorted rows: at 1000x the corpus, sorting the 1.1 GB of annotations
 * inside the writer took the load stage to 2.6-3.2 GB (issue 17). Load alone at 1000x with
 * 256MB / 768MB / 1536MB: 91-97 s and 980-988 MiB / 72 s and 984 MiB / 63 s and 1,369 MiB.
 */
const sortMemoryLimit = '768MB';

/**
 * Rows written by one opening of the database file (four of DuckDB's row groups): DuckDB keeps the
 * blocks it wrote in memory until the database is closed, 861 MB for the annotations at 1000x the
 * corpus.
 */
const rowsPerWrite = 4 * 122_880;

/**
 * DuckDB threads for a large table's sort: two where the machine has two cores, whatever
 * QANTAR_DUCKDB_THREADS says (more if it says more). The sorted rows come in the order of the
 * table's key, which is unique, so the database file written from them is the same under any
 * count (test/unit/load-parts.test.ts); the writer keeps one thread. Load alone at 1000x the
 * corpus, interleaved: 28.5-30.1 s with one, 25.8-26.4 s with two, the same peak (issue 17).
 */
const sortThreads = () => String(Math.max(Number(duckdbThreads()), Math.min(2, availableParallelism())));

/** The validate stage's NDJSON file of a table, which the load reads. */
const tableFile = (table: TableName) => join(repoRoot, tableFiles[table]);

/** A table's rows as read from an NDJSON file, with the declared types, in key order. */
function readRowsSql(table: TableName, ndjson: string): string {
  const cols = columns(table);
  const spec = `{${cols.map((c) => `${ident(c.name)}: ${sqlString(c.type)}`).join(', ')}}`;
  return `SELECT ${cols.map((c) => ident(c.name)).join(', ')} FROM read_ndjson(${sqlString(ndjson)}, columns = ${spec}, format = 'newline_delimited') ORDER BY ${orderBy(table)}`;
}

/**
 * Sorts a table's NDJSON rows by its key into a Parquet file, by an in-memory DuckDB that may
 * spill into `spill` (see sortMemoryLimit).
 */
export async function sortTable(table: TableName, ndjson: string, sorted: string, spill: string, threads = sortThreads()): Promise<void> {
  await withDatabase(':memory:', { memory_limit: sortMemoryLimit, temp_directory: spill, threads }, (sorter) =>
    sorter.run(`COPY (${readRowsSql(table, ndjson)}) TO ${sqlString(sorted)} (FORMAT parquet)`),
  );
}

export const loadStage: Stage = {
  name: 'load',
  description: 'rows -> DuckDB with types, keys and comments',
  inputs: () => [cleanDir, flagsDir, annotateDir, reliabilityDir, validateDir],
  outputs: [loadDir],
  // In a process of its own, whose DuckDB zeroes what it allocates (lib/duckdb.ts, loadDuckDB), so
  // that the other stages' DuckDB need not (issue 17: a cold 1x build, median of five, 6.78 -> 5.77 s).
  // The process writes the database aside and this one moves it into place (runProcessJobHere).
  async run() {
    // This process stays resident while the load's runs: the build's peak is their sum, so it
    // first lets go of what the stages before it freed.
    await memoryReturned();
    const rssBefore = process.memoryUsage.rss();
    const loaded = await runProcessJob<LoadResult>(
      'load',
      'stages-load-process.mjs',
      new URL('./load-process.ts', import.meta.url),
      databaseWriterEnv(),
    );
    const dir = join(repoRoot, loadDir);
    removePath(dir);
    renameSync(loaded.folder, dir);
    const rssKiB = Math.max(rssBefore, process.memoryUsage.rss()) / 1024;
    return { summary: `${tableNames.length} tables, ${loaded.rows} rows`, peakRssKiB: Math.round(rssKiB + loaded.peakRssKiB) };
  },
};

/** What the load stage's process posts: the rows written, the folder they are in, its peak RSS (KiB). */
export interface LoadResult {
  rows: number;
  folder: string;
  peakRssKiB: number;
}

/**
 * The load: every table's rows into a new database file, in a folder beside build/work/load named
 * for this process, which the caller moves into place. Run by the load stage's process
 * (load-process.ts).
 */
export async function writeLoad(): Promise<LoadResult> {
  const folder = `${join(repoRoot, loadDir)}.tmp-${process.pid}`;
  removePath(folder);
  mkdirSync(folder, { recursive: true });
  const database = join(folder, databaseName);
  const counts: number[] = [];
  // Tables in the order of tableNames, each inserted in key order, so the file is the same on
  // every build.
  let small: TableName[] = [];
  const writeSmall = async () => {
    if (small.length === 0) return;
    await writeDatabaseFile(database, async (con) => {
      for (const table of small) {
        await con.run(createTableSql(table));
        await con.run(`INSERT INTO ${ident(table)} ${readRowsSql(table, tableFile(table))}`);
        await commentTable(con, table);
        counts.push(await countRows(con, table));
      }
    });
    small = [];
  };
  for (const table of tableNames) {
    if (statSync(tableFile(table)).size <= smallTableBytes) {
      small.push(table);
      continue;
    }
    await writeSmall();
    const sorted = join(folder, `${table}.sorted.parquet`);
    await sortTable(table, tableFile(table), sorted, join(folder, 'spill'));
    counts.push(await writeTable(database, table, sorted));
    removePath(sorted);
  }
  await writeSmall();
  removePath(join(folder, 'spill'));
  return { rows: counts.reduce((a, b) => a + b, 0), folder, peakRssKiB: peakRssKiB() };
}

/**
 * Creates `table` in the database file and inserts the rows of a Parquet file sorted by its key,
 * in parts of `perWrite` rows, each by a database opened anew, so the blocks written before are not
 * still held in DuckDB's memory. Rows are inserted in the file's order (one thread keeps it), so
 * the database file is the same on every build. Returns the table's row count.
 */
export async function writeTable(database: string, table: string, sortedParquet: string, perWrite = rowsPerWrite): Promise<number> {
  const parquet = sqlString(sortedParquet);
  let count = 0;
  for (let from = 0, done = false; !done; from += perWrite) {
    await writeDatabaseFile(database, async (con) => {
      if (from === 0) await con.run(createTableSql(table));
      const part = `FROM read_parquet(${parquet}, file_row_number = true) WHERE file_row_number >= ${from} AND file_row_number < ${from + perWrite}`;
      await con.run(`INSERT INTO ${ident(table)} SELECT * EXCLUDE (file_row_number) ${part}`);
      count = await countRows(con, table);
      done = count < from + perWrite;
      if (done) await commentTable(con, table);
    });
  }
  return count;
}

const countRows = async (con: DuckDBConnection, table: string) =>
  (await con.runAndReadAll(`SELECT count(*)::INTEGER FROM ${ident(table)}`)).getRows()[0]![0] as number;

async function commentTable(con: DuckDBConnection, table: string): Promise<void> {
  for (const sql of commentSql(table)) await con.run(sql);
}
