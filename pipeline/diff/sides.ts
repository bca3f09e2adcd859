// The two sides of a release diff, as DuckDB sees them: a release database (the one a connection
// has open, or one attached to it), or a snapshot loaded into temporary tables. Either way a side
// says, per table, how to read a row's key as text, the hash of each of its cells and the side's
// row order, as SQL, so the diff runs in DuckDB and a database's cells are hashed only for the rows
// that are in both versions (issue 17: reading a release of 447,274 rows as JS objects to diff
// it peaked at 753 MiB; only the differences now leave DuckDB).
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, rowObjects, sqlString } from '../lib/duckdb.js';
import { cellHashLength, cellHashSql, compare, type ReleaseIdentity, type Snapshot, type SnapshotColumn } from './snapshot.js';

export interface SideTable {
  name: string;
  key: string[];
  columns: SnapshotColumn[];
  /** The table, as written after FROM. */
  relation: string;
  /** The key's values as text (DuckDB's VARCHAR cast), of the row aliased `alias`. */
  keyText: (alias: string) => string[];
  /** The hash of the row's cell in column `i` (cellHashSql's rule). */
  cellHash: (alias: string, i: number) => string;
  /** ORDER BY terms giving the side's row order: primary key order. */
  order: (alias: string) => string[];
}

export interface Side {
  identity: ReleaseIdentity;
  /** By table name. */
  tables: SideTable[];
}

/**
 * The tables of a release database: `catalog` is a database attached to the connection, or null
 * for the connection's own. Tables, keys and column types come from the database's catalogue (not
 * from today's schemas/), so a database of any earlier version is read as it was.
 */
export async function databaseSide(con: DuckDBConnection, catalog: string | null, identity: ReleaseIdentity): Promise<Side> {
  const database = catalog === null ? 'current_database()' : sqlString(catalog);
  const columns = await rowObjects<{ table_name: string; column_name: string; data_type: string }>(
    con,
    `SELECT table_name, column_name, data_type FROM duckdb_columns()
     WHERE NOT internal AND database_name = ${database} AND schema_name = 'main' ORDER BY table_name, column_index`,
  );
  const keys = await rowObjects<{ table_name: string; constraint_column_names: string[] }>(
    con,
    `SELECT table_name, constraint_column_names FROM duckdb_constraints()
     WHERE constraint_type = 'PRIMARY KEY' AND database_name = ${database} AND schema_name = 'main'`,
  );
  const keyOf = new Map(keys.map((k) => [k.table_name, k.constraint_column_names]));
  const names = [...new Set(columns.map((c) => c.table_name))].sort(compare);
  const prefix = catalog === null ? '' : `${ident(catalog)}.main.`;
  const tables = names.map((name): SideTable => {
    const cols = columns.filter((c) => c.table_name === name).map((c) => ({ name: c.column_name, type: c.data_type }));
    // A table without a primary key is keyed by all its columns: a changed row is then a removed
    // and an added one. The released tables all have one.
    const key = keyOf.get(name) ?? cols.map((c) => c.name);
    const cell = (alias: string, column: string) => `${alias}.${ident(column)}`;
    return {
      name,
      key,
      columns: cols,
      relation: prefix + ident(name),
      keyText: (a) => key.map((k) => `CAST(${cell(a, k)} AS VARCHAR)`),
      cellHash: (a, i) => cellHashSql(cell(a, cols[i]!.name)),
      order: (a) => key.map((k) => cell(a, k)),
    };
  });
  return { identity, tables };
}

/**
 * A snapshot loaded into temporary tables of the connection, one per table, named after `label`
 * and the table: the key's values as text, the row's cell hashes and its place in the snapshot.
 */
export async function snapshotSide(con: DuckDBConnection, snapshot: Snapshot, label: string): Promise<Side> {
  const tables: SideTable[] = [];
  for (const t of [...snapshot.tables].sort((a, b) => compare(a.name, b.name))) {
    const table = `${label}:${t.name}`;
    const keyColumns = t.key.map((_, i) => `k${i}`);
    await con.run(
      `CREATE OR REPLACE TEMP TABLE ${ident(table)} (${[...keyColumns.map((k) => `${k} VARCHAR`), 'hashes VARCHAR', 'ord INTEGER'].join(', ')})`,
    );
    const appender = await con.createAppender(table, 'main', 'temp');
    t.rows.forEach((r, n) => {
      for (const v of r.key) appender.appendVarchar(v);
      appender.appendVarchar(r.hashes);
      appender.appendInteger(n);
      appender.endRow();
    });
    appender.closeSync();
    tables.push({
      name: t.name,
      key: t.key,
      columns: t.columns,
      relation: `temp.main.${ident(table)}`,
      keyText: (a) => keyColumns.map((k) => `${a}.${k}`),
      cellHash: (a, i) => `substr(${a}.hashes, ${i * cellHashLength + 1}, ${cellHashLength})`,
      order: (a) => [`${a}.ord`],
    });
  }
  return { identity: { version: snapshot.version, sha256sums: snapshot.sha256sums }, tables };
}
