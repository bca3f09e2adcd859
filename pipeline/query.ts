// `make query SQL="..."`: read-only SQL against the released database, printed as an aligned
// table. Without SQL it lists the tables with their row counts and comments.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ident, sqlString } from './lib/duckdb.js';
import { databaseName, releaseDir, repoPath } from './lib/paths.js';

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

export async function runQuery(sql: string | undefined, database = databasePath): Promise<{ output: string; error?: string }> {
  if (!existsSync(database)) return { output: '', error: `no release database at ${repoPath(database)}; run make dataset first` };
  const instance = await DuckDBInstance.create(database, { access_mode: 'READ_ONLY' });
  const con = await instance.connect();
  try {
    const reader = await con.runAndReadAll(sql?.trim() ? sql : await tablesSql(con));
    const rows = reader.getRowsJS().map((r) => r.map(plain));
    return { output: formatTable(reader.columnNames(), rows) };
  } catch (e) {
    return { output: '', error: `query failed: ${(e as Error).message}` };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sql = process.argv.slice(2).join(' ') || process.env.SQL;
  const { output, error } = await runQuery(sql);
  if (error) {
    console.error(error);
    process.exitCode = 1;
  } else console.log(output);
}
