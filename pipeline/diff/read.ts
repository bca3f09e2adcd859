// A snapshot read from a release database: the tables, keys and column types come from the
// database's own catalogue (not from today's schemas/), so a database of any earlier version is
// read as it was; the cells are hashed by DuckDB in SQL (cellHashSql).
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident } from '../lib/duckdb.js';
import { cellHashSql, compare, type ReleaseIdentity, type Snapshot, type SnapshotTable } from './snapshot.js';

export async function readSnapshot(con: DuckDBConnection, identity: ReleaseIdentity): Promise<Snapshot> {
  const all = async <T>(sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson() as unknown as T[];
  const columns = await all<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE NOT internal AND schema_name = 'main' ORDER BY table_name, column_index`,
  );
  const keys = await all<{ table_name: string; constraint_column_names: string[] }>(
    `SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND schema_name = 'main'`,
  );
  const keyOf = new Map(keys.map((k) => [k.table_name, k.constraint_column_names]));
  const names = [...new Set(columns.map((c) => c.table_name))].sort(compare);
  const tables: SnapshotTable[] = [];
  for (const name of names) {
    const cols = columns.filter((c) => c.table_name === name).map((c) => ({ name: c.column_name, type: c.data_type }));
    // A table without a primary key is keyed by all its columns: a changed row is then a removed
    // and an added one. The released tables all have one.
    const key = keyOf.get(name) ?? cols.map((c) => c.name);
    const sql = `SELECT ${key.map((k) => `CAST(${ident(k)} AS VARCHAR)`).join(', ')}, ${cols.map((c) => cellHashSql(ident(c.name))).join(' || ')}
      FROM ${ident(name)} ORDER BY ${key.map(ident).join(', ')}`;
    const rows = (await con.runAndReadAll(sql)).getRows().map((r) => ({
      key: r.slice(0, -1).map(String),
      hashes: String(r.at(-1)),
    }));
    tables.push({ name, key, columns: cols, rows });
  }
  return { ...identity, tables };
}
