// Stage release: Parquet (zstd) and CSV for every table, the DuckDB file, the figures, the
// metadata (CITATION.cff, croissant.json, datapackage.json, the README.md card) and SHA256SUMS,
// assembled in a folder of its own and published by switching the build/release symlink to it in
// one rename, so a reader sees either the previous release or the new one, never a mix.
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, orderBy, readDatabase, rowObjects, sqlString } from '../lib/duckdb.js';
import { collectAfterStage } from '../lib/memory.js';
import {
  describeFile,
  formatSha256Sums,
  keepingHashes,
  linkFile,
  listFiles,
  removePath,
  sha256,
  sha256File,
  writeAtomic,
} from '../lib/files.js';
import type { CodebookFile } from '../annotate/types.js';
import { buildDir, databaseName, releaseDir, repoRoot } from '../lib/paths.js';
import { cardSourceColumns, renderCard, type CardInput, type FigureMeta } from '../release/card.js';
import { citationCff } from '../release/citation.js';
import { croissant } from '../release/croissant.js';
import { dataPackage } from '../release/datapackage.js';
import { changelogFile, datasetFile, loadDatasetInfo, type DatasetInfo } from '../release/dataset.js';
import { exportFiles, startStandardExports } from '../release/exports.js';
import { describeReleaseFile } from '../release/files.js';
import { reportInputs, writeReleaseReports } from '../release/reports.js';
import type { Stage } from '../runner.js';
import { measures } from '../quality/measures.js';
import { reliabilitySummary } from '../reliability/summary.js';
import { tableNames, type ReliabilityRow, type TableName } from '../tables.js';
import { figuresDir } from './figures.js';
import { codebookFile } from './annotate.js';
import { loadDir } from './load.js';
import { loadYamlInput } from './raw-inputs.js';

const releasesDir = join(buildDir, 'releases');

/** The order of listFiles (code units), kept for lists built from several parts. */
const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export const releaseStage: Stage = {
  name: 'release',
  description: 'DuckDB -> Parquet, CSV, database file, figures, metadata, card, SHA256SUMS',
  inputs: () => [loadDir, figuresDir, datasetFile, changelogFile, codebookFile, ...reportInputs],
  outputs: ['build/release'],
  async run() {
    mkdirSync(releasesDir, { recursive: true });
    const tmp = join(releasesDir, `.tmp-${process.pid}`);
    removePath(tmp);
    mkdirSync(join(tmp, 'parquet'), { recursive: true });
    mkdirSync(join(tmp, 'csv'), { recursive: true });
    const info = loadDatasetInfo();
    const database = join(repoRoot, loadDir, databaseName);
    // The exports (annotations.jsonld, on a worker thread at scale) are written meanwhile.
    const exports = startStandardExports(tmp, info, database);
    // The data's files are hashed as soon as they are written, while the export worker may still
    // run: the metadata below finds their hashes known.
    const data = writeData(tmp, info, database).then((written) => (hashData(tmp), written));
    const [{ cardData, figureMetas }] = await Promise.all([data, exports.done]).finally(exports.stop);
    collectAfterStage();

    // Metadata, each describing the files written before it: data, figures, CITATION.cff and the
    // exports, then croissant.json and datapackage.json; the card lists all of them. SHA256SUMS
    // covers everything, the card included. Each file is hashed once.
    const described = listFiles(tmp).map((path) => describeReleaseFile(tmp, path));
    writeAtomic(join(tmp, 'croissant.json'), JSON.stringify(croissant(info, described), null, 2) + '\n');
    writeAtomic(join(tmp, 'datapackage.json'), JSON.stringify(dataPackage(info, described), null, 2) + '\n');
    const listed = [...described, ...['croissant.json', 'datapackage.json'].map((path) => describeReleaseFile(tmp, path))].sort(byPath);
    const codebookChanges = (loadYamlInput(codebookFile, 'codebook').data as CodebookFile).changelog;
    writeAtomic(join(tmp, 'README.md'), renderCard({ ...cardData, codebookChanges, info, files: listed, figures: figureMetas }));
    const sums = formatSha256Sums([...listed, describeFile(tmp, 'README.md')].sort(byPath));
    writeAtomic(join(tmp, 'SHA256SUMS'), sums);
    publish(tmp, sha256(sums).slice(0, 16), database);
    return {
      summary: `version ${info.version}: ${tableNames.length} tables x (parquet, csv), ${databaseName}, ${figureMetas.length} figures, metadata; ${listFiles(releaseDir).length} files`,
    };
  },
};

/**
 * The data: Parquet and CSV of every table, the reports, the database file, the figures and
 * CITATION.cff; returns what the card needs from them.
 */
async function writeData(tmp: string, info: DatasetInfo, database: string) {
  const cardData = await readDatabase(database, async (con) => {
    for (const table of tableNames) {
      const query = `SELECT * FROM ${ident(table)} ORDER BY ${orderBy(table)}`;
      await con.run(`COPY (${query}) TO ${sqlString(join(tmp, 'parquet', `${table}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
      await con.run(`COPY (${query}) TO ${sqlString(join(tmp, 'csv', `${table}.csv`))} (FORMAT csv, HEADER true)`);
    }
    await writeReleaseReports(con, info, tmp);
    return readCardData(con);
  });
  // The reports' garbage (the diff's: hundreds of MB at 1000x the corpus) collected before the
  // next part adds its own (lib/memory.ts).
  collectAfterStage();
  // Linked, not copied: the load stage writes a new database file and never this one again.
  linkFile(database, join(tmp, databaseName));
  cpSync(join(repoRoot, figuresDir), join(tmp, 'figures'), { recursive: true });
  const figureMetas = listFiles(join(tmp, 'figures'))
    .filter((f) => /^([^/]+)\/\1\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(tmp, 'figures', f), 'utf8')) as FigureMeta);
  writeAtomic(join(tmp, 'CITATION.cff'), citationCff(info));
  return { cardData, figureMetas };
}

/**
 * Hashes what writeData wrote into `tmp`. The exports are skipped by name, before any stat: the
 * worker may be renaming annotations.jsonld.tmp-<pid> into place meanwhile.
 */
function hashData(tmp: string): void {
  for (const entry of readdirSync(tmp, { withFileTypes: true })) {
    if (exportFiles.some((e) => entry.name === e || entry.name.startsWith(`${e}.tmp-`))) continue;
    const path = join(tmp, entry.name);
    if (entry.isDirectory()) for (const f of listFiles(path)) sha256File(join(path, f));
    else sha256File(path);
  }
}

/**
 * Moves a complete release into place and points build/release at it with one atomic rename.
 * `database` is the load stage's file, which the release links.
 */
function publish(folder: string, id: string, database: string): void {
  const target = join(releasesDir, id);
  const published = existsSync(releaseDir) && lstatSync(releaseDir).isSymbolicLink() ? readlinkSync(releaseDir) : null;
  const stale: string[] = []; // removed once build/release points at the new release
  if (published === join('releases', id)) stale.push(folder);
  else {
    // A folder of that name that is not the published one may be half removed: a build killed
    // while it removed the older releases leaves it so, and the same inputs bring its id back.
    removePath(target);
    renameSync(folder, target);
  }
  const link = `${releaseDir}.tmp-${process.pid}`;
  removePath(link);
  symlinkSync(join('releases', id), link);
  if (existsSync(releaseDir) && !lstatSync(releaseDir).isSymbolicLink()) removePath(releaseDir);
  renameSync(link, releaseDir);
  // Older releases are no longer reachable; a reader that opened one keeps its open files. What is
  // removed names the load stage's database file (linked into every release) and, when the load
  // did not run again, this release's.
  for (const name of readdirSync(releasesDir)) if (name !== id && !name.startsWith('.tmp-')) stale.push(join(releasesDir, name));
  keepingHashes([database, ...listFiles(target).map((f) => join(target, f))], () => stale.forEach(removePath));
}

/** The rows the card summarises, read from the database in a stable order. */
async function readCardData(con: DuckDBConnection): Promise<Omit<CardInput, 'info' | 'files' | 'figures' | 'codebookChanges'>> {
  const all = <T>(sql: string) => rowObjects<T>(con, sql);
  const rows = {} as Record<TableName, number>;
  for (const t of tableNames) rows[t] = (await all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${ident(t)}`))[0]!.n;
  return {
    rows,
    sources: await all(`SELECT ${cardSourceColumns.join(', ')} FROM sources ORDER BY source_id`),
    actorTypes: await all(`SELECT * FROM actor_types ORDER BY n`),
    documents: await all(
      `SELECT doc_id, source_id, language, is_translation, n_words, n_sentences, annotation_status, sentences_coded, sentences_uncoded, open_suggestions FROM documents ORDER BY source_id, section`,
    ),
    codes: await all(`SELECT * FROM codes ORDER BY code_id`),
    flags: await all(`SELECT * FROM quality_flags ORDER BY doc_id, n`),
    edits: await all(
      `SELECT rule, source_id, count(*)::INTEGER AS edits, sum(length(removed))::INTEGER AS removed_cp FROM edits GROUP BY rule, source_id ORDER BY rule, source_id`,
    ),
    // The QA report's own queries, so the card and QUALITY.md state the same figures.
    reliability: reliabilitySummary(
      await all<ReliabilityRow>(measures.reliability.sql),
      (await all<{ codable_sentences: number; disagreements: number; resolved: number }>(measures.reliability_counts.sql))[0]!,
    ),
  };
}
