// A snapshot read from a release database (what `make snapshot` keeps): the tables, keys and
// column types come from the database's own catalogue (databaseSide), and the cells are hashed by
// DuckDB in SQL (cellHashSql).
import type { DuckDBConnection } from '@duckdb/node-api';
import { databaseSide } from './sides.js';
import type { ReleaseIdentity, Snapshot, SnapshotTable } from './snapshot.js';

export async function readSnapshot(con: DuckDBConnection, identity: ReleaseIdentity): Promise<Snapshot> {
  const side = await databaseSide(con, null, identity);
  const tables: SnapshotTable[] = [];
  for (const t of side.tables) {
    const sql = `SELECT ${t.keyText('t').join(', ')}, ${t.columns.map((_, i) => t.cellHash('t', i)).join(' || ')}
      FROM ${t.relation} t ORDER BY ${t.order('t').join(', ')}`;
    const rows = (await con.runAndReadAll(sql)).getRows().map((r) => ({
      key: r.slice(0, -1).map(String),
      hashes: String(r.at(-1)),
    }));
    tables.push({ name: t.name, key: t.key, columns: t.columns, rows });
  }
  return { ...identity, tables };
}
