// `make query SQL="..."`: read-only SQL against the released database, printed as an aligned
// table. Without SQL it lists the tables with their row counts and comments. Read-only in fact:
// once the database is open, DuckDB is told to reach nothing else (no file, no URL, no extension,
// no spill to disk) and its configuration is locked, so the SQL cannot undo that.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ident, sqlString } from './lib/duckdb.js';
import { databaseName, isStartedScript, releaseDir, repoPath } from './lib/paths.js';

export const databasePath = join(releaseDir, databaseName);
const maxCellWidth = 60;

/** Terminal columns a code point takes: 2 for Hangul, CJK and full-width forms, else 1. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6);
    w += wide ? 2 : 1;
  }
  return w;
}

/** One line per cell, cut to the display width with an ellipsis. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const s = (typeof value === 'object' ? JSON.stringify(value) : String(value)).replace(/\r?\n/g, '↵');
  if (width(s) <= maxCellWidth) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    used += width(ch);
    if (used > maxCellWidth - 1) break;
    out += ch;
  }
  return out + '…';
}

/** An aligned text table: header, rule, rows; numbers right-aligned. */
export function formatTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((r) => r.map(cellText));
  const widths = columns.map((c, i) => Math.max(width(c), ...cells.map((r) => width(r[i]!))));
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - width(s));
    return numeric[i] ? fill + s : s + fill;
  };
  const line = (r: readonly string[]) => r.map(pad).join('  ').trimEnd();
  const footer = `(${rows.length} row${rows.length === 1 ? '' : 's'})`;
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line), footer].join('\n');
}

/** A table of the tables: exact row counts, built from the catalogue. */
async function tablesSql(con: DuckDBConnection): Promise<string> {
  const names = (await con.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY table_name`)).getRows();
  return (
    names
      .map(
        ([t]) =>
          `SELECT ${sqlString(String(t))} AS "table", (SELECT count(*) FROM ${ident(String(t))}) AS rows, (SELECT comment FROM duckdb_tables() WHERE table_name = ${sqlString(String(t))}) AS comment`,
      )
      .join('\nUNION ALL\n') + '\nORDER BY "table"'
  );
}

/** JS values for printing: BIGINT as a number when exact, dates as ISO 8601, other values as text. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return String(v);
  return v;
}

/**
 * Settings run after the release database is opened and before any SQL of the user's, in this
 * order: the database must be attached first (with external access off, no file can be opened,
 * the database included), and the lock comes last because it also locks itself. What they refuse
 * (every case is tested in test/e2e/query-readonly.test.ts):
 * - enable_external_access = false: every file and URL but the attached database (read_text,
 *   read_csv, read_parquet, glob, COPY ... TO, EXPORT/IMPORT DATABASE, ATTACH of another file,
 *   INSTALL and LOAD of an extension not built in, secrets stored on disk, logging to a file);
 * - autoinstall/autoload_known_extensions = false: no download or load behind a function call;
 * - temp_directory = '': no spill files (by default `qantar.duckdb.tmp/`, inside the release);
 * - lock_configuration = true: no SET, RESET or PRAGMA can change any of these back.
 * The database itself is opened READ_ONLY, so no statement can change it.
 */
export const lockdownSql = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  "SET temp_directory = ''",
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

/** What to do about a refused statement, by DuckDB's message; undefined for other errors. */
function refusalHint(message: string): string | undefined {
  if (/file system operations are disabled|external extensions is disabled|disabled through configuration/.test(message))
    return 'make query reads only build/release/qantar.duckdb (no other file, URL or extension); to query the Parquet or CSV files, use the DuckDB CLI or any DuckDB client on them';
  if (/configuration has been locked/.test(message))
    return 'make query runs with fixed settings; to change them, open the database with the DuckDB CLI';
  if (/read-only mode|in-memory database in read-only/.test(message))
    return 'the release database is read-only; to change data, copy build/release/qantar.duckdb and open the copy with the DuckDB CLI';
  return undefined;
}

/**
 * One line for any error: DuckDB's first line (its "LINE 1: ... ^" excerpt dropped), and a hint
 * when the statement was refused by the lockdown or by the read-only database.
 */
export function queryError(message: string): string {
  const first = message.split('\n', 1)[0]!.trim();
  const hint = refusalHint(first);
  return `query failed: ${first}${hint ? `  hint: ${hint}` : ''}`;
}

export interface QueryResult {
  output: string;
  error?: string;
  /** The session was broken by the SQL (see below) and the database could not be closed safely. */
  leftOpen?: boolean;
}

export async function runQuery(sql: string | undefined, database = databasePath): Promise<QueryResult> {
  if (!existsSync(database)) return { output: '', error: `no release database at ${repoPath(database)}; run make dataset first` };
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(database, { access_mode: 'READ_ONLY' });
  } catch (e) {
    return {
      output: '',
      error: `cannot open ${repoPath(database)}: ${(e as Error).message.split('\n', 1)[0]}  hint: run make dataset to rebuild it`,
    };
  }
  const con = await instance.connect();
  let result: { output: string; error?: string };
  try {
    for (const statement of lockdownSql) await con.run(statement);
    const reader = await con.runAndReadAll(sql?.trim() ? sql : await tablesSql(con));
    const rows = reader.getRowsJS().map((r) => r.map(plain));
    result = { output: formatTable(reader.columnNames(), rows) };
  } catch (e) {
    result = { output: '', error: queryError((e as Error).message) };
  }
  // DuckDB 1.5.5's enable_logging(storage_path = ...) ignores lock_configuration and points the
  // log at a file. With external access off nothing is written, but every later statement fails,
  // and closing the database then throws inside a destructor, which aborts the process. So the
  // session must still answer; if it does not, the query is reported as refused and the database
  // is left open: the command line exits at once, before any finalizer runs.
  try {
    await con.run('SELECT 1');
  } catch (e) {
    return { output: '', error: queryError((e as Error).message), leftOpen: true };
  }
  con.closeSync();
  instance.closeSync();
  return result;
}

if (isStartedScript(import.meta.url)) {
  const sql = process.argv.slice(2).join(' ') || process.env.SQL;
  const { output, error } = await runQuery(sql);
  if (error) console.error(error);
  else console.log(output);
  // Exit now (stdout and stderr are synchronous on files and pipes): a database left open by
  // runQuery must not be finalised.
  process.exit(error ? 1 : 0);
}
