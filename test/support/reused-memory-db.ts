// Writes a database file as the load stage does (copyToFile), after DuckDB has filled memory with
// other strings and freed it, so that what it allocates next may hold those bytes. Run twice, it
// must give the same file (test/e2e/determinism.test.ts).
//   tsx test/support/reused-memory-db.ts <out.duckdb> [--raw]
// --raw loads DuckDB without the pipeline's allocator setting (loadDuckDB), to show the test can fail.
import { copyToFile, loadDuckDB, reproducibleSettings } from '../../pipeline/lib/duckdb.js';

const [out, mode] = process.argv.slice(2);
const { DuckDBInstance } = mode === '--raw' ? await import('@duckdb/node-api') : await loadDuckDB();
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await instance.connect();
for (const sql of reproducibleSettings()) await con.run(sql);
await con.run(`CREATE TABLE junk AS SELECT repeat(md5(i::VARCHAR), 1 + i % 20) AS s FROM range(200000) t(i)`);
await con.run(`DROP TABLE junk`);
await con.run(`CREATE TABLE t (id INTEGER PRIMARY KEY, s VARCHAR)`);
await con.run(`INSERT INTO t SELECT i, repeat('ab', i % 50) FROM range(50000) t(i)`);
await copyToFile(con, out!);
con.closeSync();
instance.closeSync();
