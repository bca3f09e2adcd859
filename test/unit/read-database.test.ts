// readDatabase: the stages that read the built database do so under a memory limit, so DuckDB
// spills what does not fit to a folder of build/tmp that is removed afterwards. A build at 1x never
// spills, so this is where the spill path runs (it failed at 1000x the corpus once: DuckDB does not
// create the folder's parents).
import { existsSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readDatabase, writeDatabaseFile } from '../../pipeline/lib/duckdb.js';
import { buildDir } from '../../pipeline/lib/paths.js';

const spillFolders = () =>
  existsSync(join(buildDir, 'tmp')) ? readdirSync(join(buildDir, 'tmp')).filter((f) => f.startsWith(`duckdb-${process.pid}-`)) : [];

it('spills a sort larger than its memory to build/tmp and removes the folder afterwards', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qantar-read-'));
  try {
    const path = join(dir, 'x.duckdb');
    await writeDatabaseFile(path, async (con) => {
      await con.run('CREATE TABLE t AS SELECT i FROM range(2000000) r(i)');
    });
    // Without build/tmp (as in a fresh checkout), unless another test is spilling there now.
    try {
      rmdirSync(join(buildDir, 'tmp'));
    } catch {
      // absent, or in use
    }
    const seen = await readDatabase(path, async (con) => {
      await con.run("SET memory_limit = '64MB'");
      const sorted = await con.runAndReadAll('SELECT max(s) FROM (SELECT md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS s FROM t ORDER BY s)');
      expect(String(sorted.getRows()[0]![0])).toMatch(/^[0-9a-f]{64}$/);
      return spillFolders();
    });
    expect(seen).toHaveLength(1);
    expect(spillFolders()).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('gives each DuckDB thread its share of memory (QANTAR_DUCKDB_THREADS)', async () => {
  // With 2 threads and 256MB in all, the release at 1000x the corpus failed: "failed to pin block".
  const dir = mkdtempSync(join(tmpdir(), 'qantar-read-'));
  const saved = process.env.QANTAR_DUCKDB_THREADS;
  try {
    const path = join(dir, 'x.duckdb');
    await writeDatabaseFile(path, async (con) => {
      await con.run('CREATE TABLE t (i INTEGER)');
    });
    const limit = (memoryLimitMB?: number) =>
      readDatabase(
        path,
        async (con) => String((await con.runAndReadAll("SELECT current_setting('memory_limit')")).getRows()[0]![0]),
        memoryLimitMB,
      );
    // DuckDB reports the limit in MiB: 256MB is 244.1 MiB.
    process.env.QANTAR_DUCKDB_THREADS = '1';
    expect([await limit(), await limit(128)]).toEqual(['244.1 MiB', '122.0 MiB']);
    process.env.QANTAR_DUCKDB_THREADS = '2';
    expect([await limit(), await limit(128)]).toEqual(['488.2 MiB', '244.1 MiB']);
  } finally {
    if (saved === undefined) delete process.env.QANTAR_DUCKDB_THREADS;
    else process.env.QANTAR_DUCKDB_THREADS = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});
