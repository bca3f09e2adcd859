// A release's snapshot: what a later release needs to say what changed since it, and nothing more.
// Per table: its primary key, its columns with their types, and per row the key's values and a
// short hash of every cell. It is kept in the repository for each released version
// (releases/<version>/snapshot.ndjson), so a fresh clone states the diff without downloading the
// old release, and is small enough to review with `git diff` (no texts, only hashes).
//
// This module is pure (text in, snapshot out, and back); reading a database is in read.ts.

/** Hex digits kept of each cell's sha256: 32 bits, so a changed value goes unseen once in 4.3e9. */
export const cellHashLength = 8;

/**
 * How a cell is hashed, in DuckDB's SQL and in words. The value is cast to VARCHAR (DuckDB's text
 * form of every type, the same on every machine) and prefixed, so NULL and '' differ.
 */
export const cellHashSql = (column: string) =>
  `left(sha256(CASE WHEN ${column} IS NULL THEN 'n' ELSE 'v' || CAST(${column} AS VARCHAR) END), ${cellHashLength})`;
export const cellHashRule = `the first ${cellHashLength} hex digits of the sha256 of 'v' followed by the value cast to VARCHAR by DuckDB, or of 'n' for NULL`;

export interface SnapshotColumn {
  name: string;
  /** DuckDB's type name, e.g. VARCHAR, INTEGER. */
  type: string;
}

export interface SnapshotRow {
  /** The primary key's values as text (DuckDB's VARCHAR cast), in key order. */
  key: string[];
  /** One cell hash per column, in column order, concatenated (cellHashLength digits each). */
  hashes: string;
}

export interface SnapshotTable {
  name: string;
  key: string[];
  columns: SnapshotColumn[];
  /** In primary key order. */
  rows: SnapshotRow[];
}

/** Which release a snapshot is of: its version and the sha256 of its SHA256SUMS file. */
export interface ReleaseIdentity {
  version: string;
  /** null for a build whose SHA256SUMS is not written yet (the release being assembled). */
  sha256sums: string | null;
}

export interface Snapshot extends ReleaseIdentity {
  /** By table name. */
  tables: SnapshotTable[];
}

/** The hash of column `i` of a row. */
export const cellHash = (row: SnapshotRow, i: number) => row.hashes.slice(i * cellHashLength, (i + 1) * cellHashLength);

const format = 'qantar-snapshot';
const formatVersion = 1;

/**
 * The snapshot as NDJSON: a header line, then per table a line describing it followed by one line
 * per row, `[key values..., cell hashes]`. Tables by name, rows in key order: the same snapshot is
 * the same bytes.
 */
export function formatSnapshot(s: Snapshot): string {
  const lines = [JSON.stringify({ format, formatVersion, version: s.version, sha256sums: s.sha256sums, cellHash: cellHashRule })];
  for (const t of [...s.tables].sort((a, b) => compare(a.name, b.name))) {
    lines.push(JSON.stringify({ table: t.name, key: t.key, columns: t.columns.map((c) => [c.name, c.type]), rows: t.rows.length }));
    for (const r of t.rows) lines.push(JSON.stringify([...r.key, r.hashes]));
  }
  return lines.join('\n') + '\n';
}

/** A snapshot file that cannot be read: the message names the line and what is wrong. */
export class SnapshotError extends Error {}

/** Reads formatSnapshot's text back; throws SnapshotError naming the line of anything unexpected. */
export function parseSnapshot(text: string): Snapshot {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let at = 0;
  const fail = (message: string): never => {
    throw new SnapshotError(`line ${at + 1}: ${message}`);
  };
  const json = (): unknown => {
    try {
      return JSON.parse(lines[at] ?? fail('the file ends early'));
    } catch (e) {
      if (e instanceof SnapshotError) throw e;
      return fail('not JSON');
    }
  };
  const header = json() as Record<string, unknown>;
  if (header?.format !== format || header.formatVersion !== formatVersion) fail(`not a ${format} file of format version ${formatVersion}`);
  if (typeof header.version !== 'string' || !(typeof header.sha256sums === 'string' || header.sha256sums === null))
    fail('the header lacks version or sha256sums');
  const tables: SnapshotTable[] = [];
  for (at = 1; at < lines.length;) {
    const t = json() as { table?: unknown; key?: unknown; columns?: unknown; rows?: unknown };
    const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (
      typeof t?.table !== 'string' ||
      !isStrings(t.key) ||
      !Array.isArray(t.columns) ||
      !t.columns.every((c: unknown) => isStrings(c) && c.length === 2) ||
      typeof t.rows !== 'number'
    )
      fail('expected a table line {table, key, columns, rows}');
    const table: SnapshotTable = {
      name: t.table as string,
      key: t.key as string[],
      columns: (t.columns as [string, string][]).map(([name, type]) => ({ name, type })),
      rows: [],
    };
    const width = table.columns.length * cellHashLength;
    at++;
    for (let n = 0; n < (t.rows as number); n++, at++) {
      const row = json();
      if (!isStrings(row) || row.length !== table.key.length + 1 || row.at(-1)!.length !== width)
        fail(`expected a row of ${table.name}: ${table.key.length} key values and ${width} hex digits`);
      table.rows.push({ key: (row as string[]).slice(0, -1), hashes: (row as string[]).at(-1)! });
    }
    tables.push(table);
  }
  return { version: header.version as string, sha256sums: header.sha256sums as string | null, tables };
}

/** Code-unit order, the same in every locale. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
