// Stage release: Parquet (zstd) and CSV for every table, the DuckDB file and SHA256SUMS, assembled
// in a folder of its own and published by switching the build/release symlink to it in one
// rename, so a reader sees either the previous release or the new one, never a mix.
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ident, orderBy, sqlString, withDatabase } from '../lib/duckdb.js';
import { listFiles, removePath, sha256, sha256File, writeAtomic } from '../lib/files.js';
import { buildDir, releaseDir, repoRoot } from '../lib/paths.js';
import type { Stage } from '../runner.js';
import { tableNames } from '../tables.js';
import { databaseName, loadDir } from './load.js';

const releasesDir = join(buildDir, 'releases');

export const releaseStage: Stage = {
  name: 'release',
  description: 'DuckDB -> Parquet, CSV, database file, SHA256SUMS',
  inputs: () => [loadDir],
  outputs: ['build/release'],
  async run() {
    mkdirSync(releasesDir, { recursive: true });
    const tmp = join(releasesDir, `.tmp-${process.pid}`);
    removePath(tmp);
    mkdirSync(join(tmp, 'parquet'), { recursive: true });
    mkdirSync(join(tmp, 'csv'), { recursive: true });
    const database = join(repoRoot, loadDir, databaseName);
    await withDatabase(database, { access_mode: 'READ_ONLY', threads: '1' }, async (con) => {
      for (const table of tableNames) {
        const query = `SELECT * FROM ${ident(table)} ORDER BY ${orderBy(table)}`;
        await con.run(`COPY (${query}) TO ${sqlString(join(tmp, 'parquet', `${table}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
        await con.run(`COPY (${query}) TO ${sqlString(join(tmp, 'csv', `${table}.csv`))} (FORMAT csv, HEADER true)`);
      }
    });
    copyFileSync(database, join(tmp, databaseName));
    const sums = listFiles(tmp)
      .map((f) => `${sha256File(join(tmp, f))}  ${f}\n`)
      .join('');
    writeAtomic(join(tmp, 'SHA256SUMS'), sums);
    publish(tmp, sha256(sums).slice(0, 16));
    return { summary: `${tableNames.length} tables x (parquet, csv) + ${databaseName}, ${listFiles(releaseDir).length} files` };
  },
};

/** Moves a complete release into place and points build/release at it with one atomic rename. */
function publish(folder: string, id: string): void {
  const target = join(releasesDir, id);
  if (existsSync(target)) removePath(folder);
  else renameSync(folder, target);
  const link = `${releaseDir}.tmp-${process.pid}`;
  removePath(link);
  symlinkSync(join('releases', id), link);
  if (existsSync(releaseDir) && !lstatSync(releaseDir).isSymbolicLink()) removePath(releaseDir);
  renameSync(link, releaseDir);
  // Older releases are no longer reachable; a reader that opened one keeps its open files.
  for (const name of readdirSync(releasesDir)) if (name !== id && !name.startsWith('.tmp-')) removePath(join(releasesDir, name));
}
