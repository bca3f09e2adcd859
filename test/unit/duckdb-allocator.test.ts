// Where DuckDB zeroes what it allocates (lib/duckdb.ts, loadDuckDB): in every process by default,
// so a database file is the same on every build, and not in one that declared it writes no
// database file (the CLI; its load stage writes from a process of its own, stages/load.ts), where
// writeDatabaseFile then refuses; and how long freed memory is kept there. Checked in processes of
// their own: the setting is read once per process, when DuckDB loads, and this worker's DuckDB is
// loaded already.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { inProcess } from '../support/in-process.js';

const lib = JSON.stringify(`${repoRoot}/pipeline/lib/duckdb.ts`);

it('zeroes by default, and not after writeNoDatabaseFile, where writeDatabaseFile refuses', () => {
  const code = (declare: boolean) => `
    const d = await import(${lib});
    ${declare ? 'd.writeNoDatabaseFile();' : ''}
    await d.loadDuckDB();
    const conf = process.env.DUCKDB_JE_MALLOC_CONF;
    let refused = null;
    try { await d.writeDatabaseFile('/nonexistent/x.duckdb', async () => {}); } catch (e) { refused = e.message.includes('writes no database file'); }
    console.log(JSON.stringify({ conf, refused, writerConf: d.databaseWriterEnv().DUCKDB_JE_MALLOC_CONF ?? null }));`;
  expect(inProcess(code(false))).toEqual({ conf: 'dirty_decay_ms:0,muzzy_decay_ms:0,zero:true', refused: false, writerConf: null });
  expect(inProcess(code(true))).toEqual({ conf: 'dirty_decay_ms:0,muzzy_decay_ms:0', refused: true, writerConf: null });
  // Reading a small database, freed memory is kept for a second; a large one, or none, returns it
  // at once (sparse files of those sizes stand for the databases).
  const reading = (path: string) =>
    code(true).replace('d.writeNoDatabaseFile();', `d.writeNoDatabaseFile(); d.willReadDatabase(${JSON.stringify(path)});`);
  const dir = mkdtempSync(join(tmpdir(), 'qantar-alloc-'));
  try {
    const sized = (name: string, bytes: number) => {
      const path = join(dir, name);
      writeFileSync(path, '');
      truncateSync(path, bytes);
      return path;
    };
    expect(inProcess(reading(sized('small.duckdb', 14_000_000)))).toMatchObject({ conf: 'dirty_decay_ms:1000,muzzy_decay_ms:1000' });
    expect(inProcess(reading(sized('large.duckdb', 200_000_000)))).toMatchObject({ conf: 'dirty_decay_ms:0,muzzy_decay_ms:0' });
    expect(inProcess(reading(join(dir, 'none.duckdb')))).toMatchObject({ conf: 'dirty_decay_ms:0,muzzy_decay_ms:0' });
    // Set when the library first loads, and not again: a database that grows afterwards, or a
    // second load, leaves the setting jemalloc read.
    const grown = sized('grown.duckdb', 14_000_000);
    const again = reading(grown).replace(
      'await d.loadDuckDB();',
      `await d.loadDuckDB(); (await import('node:fs')).truncateSync(${JSON.stringify(grown)}, 200_000_000); await d.loadDuckDB();`,
    );
    expect(inProcess(again)).toMatchObject({ conf: 'dirty_decay_ms:1000,muzzy_decay_ms:1000' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // A setting given by the user is kept (but zero:true is the pipeline's to decide), and handed on
  // to the database writer's process as given.
  expect(inProcess(code(true), { DUCKDB_JE_MALLOC_CONF: 'narenas:2,zero:true' })).toEqual({
    conf: 'dirty_decay_ms:0,muzzy_decay_ms:0,narenas:2',
    refused: true,
    writerConf: 'narenas:2,zero:true',
  });
});
