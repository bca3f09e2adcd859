// DuckDB helpers: DDL and comments generated from the table schemas, so the database, the
// release files and the documentation share one source of truth.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { removePath } from './files.js';
import { buildDir } from './paths.js';
import { InputProblems } from './problems.js';
import { loadSchema, type JsonSchema } from './schemas.js';

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** DUCKDB_JE_MALLOC_CONF as this process was given it, before loadDuckDB added its settings. */
const givenAllocatorConf = process.env.DUCKDB_JE_MALLOC_CONF;
let writesNoDatabaseFile = false;
let duckdbLoaded = false;
/** The database a process that writes none will read, whose size sets its allocator's decay. */
let readDatabasePath: string | undefined;

/**
 * Below this size of the database read, a process that writes none keeps freed memory for a
 * second (jemalloc's decay) instead of returning it at once: at 1x (a 14 MB database) a cold build
 * 5.2-5.6 -> 4.6-5.3 s; at 100x (200 MB) a second's decay took the build to 1,132 MiB instead of
 * 926, past the 1 GB goal (issue 17).
 */
const smallDatabaseBytes = 64 * 2 ** 20;

function decayMs(): number {
  if (!writesNoDatabaseFile || readDatabasePath === undefined) return 0;
  const size = statSync(readDatabasePath, { throwIfNoEntry: false })?.size;
  return size !== undefined && size < smallDatabaseBytes ? 1000 : 0;
}

/**
 * DuckDB's client, loaded on first use: a no-op build never opens a database, and loading DuckDB's
 * native library is the largest part of starting the CLI (~0.3 s; issue 17).
 *
 * Its allocator (jemalloc, which reads DUCKDB_JE_MALLOC_CONF when the library loads) is told to
 * zero what it allocates. A checkpoint writes the unused parts of partly filled blocks into the
 * database file as they are in memory, so once DuckDB reuses memory (at 100x the corpus, not at
 * 1x) every build wrote a different file: 168,337 of 210 MB differed between two loads of the same
 * rows, even with string compression off (reproducibleSettings). With zeroed allocations three
 * loads gave one file (duckdb/duckdb#23382 reports the same for FSST segments).
 *
 * It is also told to give freed memory back to the system at once (dirty_decay_ms and
 * muzzy_decay_ms 0; jemalloc keeps it for 10 s by default): a stage opens several databases one
 * after the other, and each kept what the previous ones had freed. The load stage alone at 100x
 * the corpus: 463-566 -> 361-365 MiB, the same file.
 *
 * Both settings make every query slower where a page fault is dear: each allocation faults fresh
 * pages in. The figures' nine queries at 1x took 17-145 ms each with either setting and 5-30 ms
 * with neither (issue 17). Zeroing is needed only where a database file is written, so a process
 * that declared it writes none (`writeNoDatabaseFile`: the CLI, whose load stage writes from a
 * process of its own) does not zero, and keeps freed memory for a second when the database it
 * reads is small (smallDatabaseBytes).
 */
export async function loadDuckDB(): Promise<typeof import('@duckdb/node-api')> {
  // Set once, before the library first loads (jemalloc reads it then; a later change would only
  // misreport it). Zeroing is required where it is used (a setting given in the environment cannot
  // turn it off); the decay settings are defaults.
  if (!duckdbLoaded) {
    const given = (givenAllocatorConf ?? '').split(',').filter((c) => c && !c.startsWith('zero:'));
    const decay = decayMs();
    const defaults = [`dirty_decay_ms:${decay}`, `muzzy_decay_ms:${decay}`].filter(
      (d) => !given.some((c) => c.startsWith(d.split(':')[0]! + ':')),
    );
    process.env.DUCKDB_JE_MALLOC_CONF = [...defaults, ...given, ...(writesNoDatabaseFile ? [] : ['zero:true'])].join(',');
    duckdbLoaded = true;
  }
  return import('@duckdb/node-api');
}

/**
 * Declares that this process writes no database file, so its DuckDB need not zero what it
 * allocates (loadDuckDB); called before DuckDB loads. writeDatabaseFile refuses to run after it.
 */
export function writeNoDatabaseFile(): void {
  if (duckdbLoaded) throw new Error('writeNoDatabaseFile: DuckDB is loaded already, with its allocator set');
  writesNoDatabaseFile = true;
}

/** Names the database this process will read (its size, when DuckDB loads, sets the decay). */
export function willReadDatabase(path: string): void {
  readDatabasePath = path;
}

/**
 * The environment for a process that writes database files, from one that declared it writes
 * none: the allocator setting as this process was given it, so that loadDuckDB there zeroes.
 */
export function databaseWriterEnv(): NodeJS.ProcessEnv {
  const { DUCKDB_JE_MALLOC_CONF: _, ...env } = process.env;
  return givenAllocatorConf === undefined ? env : { ...env, DUCKDB_JE_MALLOC_CONF: givenAllocatorConf };
}

/**
 * Opens a database with the pipeline's thread count (QANTAR_DUCKDB_THREADS, unless `options` sets
 * threads), runs `fn`, closes it.
 */
export async function withDatabase<T>(
  path: string,
  options: Record<string, string>,
  fn: (con: DuckDBConnection, instance: DuckDBInstance) => Promise<T>,
): Promise<T> {
  const { DuckDBInstance } = await loadDuckDB();
  const instance = await DuckDBInstance.create(path, { threads: duckdbThreads(), ...options });
  const con = await instance.connect();
  try {
    return await fn(con, instance);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/**
 * The memory (MB) DuckDB may use per thread when a stage reads the built database; past it, cached
 * blocks are dropped and sorts spill to disk. Reading, unlike writing a database file, gives the
 * same results under any limit (at 1000x the corpus the same SHA256SUMS under 256MB and 512MB).
 * The release stage alone at 1000x: 4,038 MiB without a limit, 3,497 with 512MB (the rest was
 * JavaScript, since streamed); later 1,435 MiB with 512MB and 1,160 with 256MB, in the same time
 * (issue 17). Per thread: with QANTAR_DUCKDB_THREADS=2 and 256MB in all, the release at 1000x
 * failed ("failed to pin block", each thread holds blocks of its own).
 */
export const readMemoryLimitMB = 256;
let readers = 0;

/**
 * What a reader beside another one (a worker thread's, with the main thread's open too) may use:
 * two instances under readMemoryLimitMB held 343 MiB more than two under this (the site stage alone
 * at 1000x the corpus: 1,763 MiB with two readers under 256MB, 1,420 with both under 128MB).
 */
export const sharedReadMemoryLimitMB = 128;

/**
 * Opens a database read-only under readMemoryLimitMB or `memoryLimitMB` per DuckDB thread
 * (withDatabase; `fn` may open more connections on the instance), spilling to a folder of build/
 * that is removed afterwards: DuckDB's default, beside the database, would be inside the load
 * stage's outputs.
 */
export async function readDatabase<T>(
  path: string,
  fn: (con: DuckDBConnection, instance: DuckDBInstance) => Promise<T>,
  memoryLimitMB = readMemoryLimitMB,
): Promise<T> {
  // Named by thread too: a worker thread counts its own readers from 1.
  const spill = join(buildDir, 'tmp', `duckdb-${process.pid}-${threadId}-${++readers}`);
  mkdirSync(dirname(spill), { recursive: true }); // DuckDB creates the folder, not its parents
  const memoryLimit = `${memoryLimitMB * Number(duckdbThreads())}MB`;
  try {
    return await withDatabase(path, { access_mode: 'READ_ONLY', memory_limit: memoryLimit, temp_directory: spill }, fn);
  } finally {
    removePath(spill);
  }
}

export interface ColumnSpec {
  name: string;
  type: string;
  nullable: boolean;
  description: string;
}

export function tableSchema(table: string): JsonSchema {
  return loadSchema(`tables/${table}`);
}

export function columns(table: string): ColumnSpec[] {
  const schema = tableSchema(table);
  return Object.entries(schema.properties ?? {}).map(([name, p]) => {
    const types = Array.isArray(p.type) ? p.type : [p.type];
    const base = types.find((t) => t !== 'null');
    const type =
      p['x-duckdbType'] ?? (base === 'integer' ? 'INTEGER' : base === 'boolean' ? 'BOOLEAN' : base === 'number' ? 'DOUBLE' : 'VARCHAR');
    return { name, type, nullable: types.includes('null'), description: p.description ?? '' };
  });
}

export function primaryKey(table: string): string[] {
  return tableSchema(table)['x-primaryKey'] ?? [];
}

/**
 * Primary keys are declared; foreign keys are not. With DuckDB 1.5.5 the indexes behind FOREIGN
 * KEY constraints make the database file differ from build to build (measured: 2 builds in 3
 * differ), which would break the release's checksums. References are checked by the validate
 * stage instead and named in each column's comment.
 */
export function createTableSql(table: string): string {
  const lines = columns(table).map((c) => `  ${ident(c.name)} ${c.type}${c.nullable ? '' : ' NOT NULL'}`);
  const pk = primaryKey(table);
  if (pk.length) lines.push(`  PRIMARY KEY (${pk.map(ident).join(', ')})`);
  return `CREATE TABLE ${ident(table)} (\n${lines.join(',\n')}\n)`;
}

/**
 * DuckDB's worker threads for every database the pipeline opens, from QANTAR_DUCKDB_THREADS (1 by
 * default). Read here only, so that every stage runs with the same value; the release is the
 * same, byte for byte, whatever the value (test/e2e/determinism.test.ts).
 */
export function duckdbThreads(): string {
  const value = process.env.QANTAR_DUCKDB_THREADS ?? '1';
  if (!/^[1-9][0-9]{0,3}$/.test(value)) {
    throw new InputProblems([
      {
        code: 'env/duckdb-threads',
        file: 'QANTAR_DUCKDB_THREADS',
        message: `must be a whole number of threads from 1 to 9999, not ${JSON.stringify(value)}`,
        hint: 'unset it to use one thread',
      },
    ]);
  }
  return value;
}

/**
 * Settings for a database file that is the same, byte for byte, on every build: no string
 * compression, because FSST segments carry uninitialised memory into the file
 * (duckdb/duckdb#23382).
 */
export const reproducibleSettings = (): string[] => ["SET force_compression = 'uncompressed'"];

/**
 * Writes into a database file (creating it if needed) through `fn`, so that the same statements
 * give the same file, byte for byte, on every build: string compression off
 * (reproducibleSettings), one thread whatever QANTAR_DUCKDB_THREADS says (written by 2 threads the
 * same rows gave another file, the same on every run but not the 1-thread one), zeroed
 * allocations (loadDuckDB), a checkpoint at the end, and no memory limit below DuckDB's default
 * (under one, DuckDB evicts blocks as it writes and two loads of the same rows gave different
 * files). Written straight
 * into the file, not built in memory and copied, so the database is not held in memory twice
 * (issue 17: the load stage alone at 100x the corpus, 700-850 MiB built in memory, ~500 MiB
 * written directly).
 */
export const writeDatabaseFile = (path: string, fn: (con: DuckDBConnection) => Promise<void>): Promise<void> => {
  if (writesNoDatabaseFile)
    throw new Error(`writeDatabaseFile ${path}: this process declared it writes no database file (its DuckDB does not zero)`);
  return withDatabase(path, { threads: '1' }, async (con) => {
    for (const sql of reproducibleSettings()) await con.run(sql);
    await fn(con);
    await con.run('CHECKPOINT');
  });
};

/** The rows of a query as plain JSON-like objects. */
export const rowObjects = async <T>(con: DuckDBConnection, sql: string): Promise<T[]> =>
  (await con.runAndReadAll(sql)).getRowObjectsJson() as unknown as T[];

export function commentSql(table: string): string[] {
  const schema = tableSchema(table);
  return [
    `COMMENT ON TABLE ${ident(table)} IS ${sqlString(schema.description ?? '')}`,
    ...columns(table).map((c) => `COMMENT ON COLUMN ${ident(table)}.${ident(c.name)} IS ${sqlString(c.description)}`),
  ];
}

export function orderBy(table: string): string {
  return primaryKey(table).map(ident).join(', ');
}
