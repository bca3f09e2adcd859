// Writes a database file as the load stage does (writeDatabaseFile), after DuckDB has filled memory with
// other strings and freed it, so that what it allocates next may hold those bytes. Run twice, it
// must give the same file (test/e2e/determinism.test.ts).
//   tsx test/support/reused-memory-db.ts <out.duckdb> [--raw]
// --raw loads DuckDB without the pipeline's allocator setting (loadDuckDB), to show the test can fail.
import type { DuckDBConnection } from '@duckdb/node-api';
import { reproducibleSettings, writeDatabaseFile } from '../../pipeline/lib/duckdb.js';

const [out, mode] = process.argv.slice(2);
const fill = async (con: DuckDBConnection) => {
  // Ten small tables, each written right after memory was filled with other strings (a sort of
  // random ones, different on every run) and freed: each table's last block is partly filled.
  // 10,000 strings per sort (was 50,000; issue 17): --raw still gave 12 different files in 12
  // runs and 8 in 8, at 1.8 s instead of 4.8 s per run with the setting; with 3 tables instead of
  // ten, 6 runs of --raw gave one file, so the count of tables is what the check needs.
  for (let k = 0; k < 10; k++) {
    await con.run(
      `SELECT count(DISTINCT s) FROM (SELECT repeat(gen_random_uuid()::VARCHAR, 1 + i % 20) AS s FROM range(10000) t(i) ORDER BY s)`,
    );
    await con.run(`CREATE TABLE t${k} (id INTEGER PRIMARY KEY, s VARCHAR)`);
    await con.run(`INSERT INTO t${k} SELECT i, repeat('ab', i % 50) FROM range(${5000 + k * 997}) t(i)`);
  }
};
if (mode === '--raw') {
  // What writeDatabaseFile does, with DuckDB loaded as it comes.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(out!, { threads: '1' });
  const con = await instance.connect();
  for (const sql of reproducibleSettings()) await con.run(sql);
  await fill(con);
  await con.run('CHECKPOINT');
  con.closeSync();
  instance.closeSync();
} else await writeDatabaseFile(out!, fill);
