// The release's reports, written beside the data: QUALITY.md and quality.json (the QA report) and
// DIFF.md and diff.json (what changed since the previous kept version). Read here: the release
// database, the validate stage's report and the kept snapshots. The diff runs in DuckDB on the
// release's connection (diff/compare.ts); the texts are pure (quality/report.ts, diff/render.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { diffSides } from '../diff/compare.js';
import { keptDir, keptVersions, readKeptSnapshot } from '../diff/kept.js';
import { databaseSide, snapshotSide } from '../diff/sides.js';
import { renderDiffMarkdown, writeDiffJson } from '../diff/render.js';
import { changelogBetween, previousVersion } from '../diff/versions.js';
import { columns } from '../lib/duckdb.js';
import { ChunkedFile, writeAtomic } from '../lib/files.js';
import { collectAfterStage } from '../lib/memory.js';
import { repoRoot } from '../lib/paths.js';
import { readMeasures } from '../quality/measures.js';
import { qualityMarkdownLines, qualityReport, writeQualityJson, type ValidationReport } from '../quality/report.js';
import { checkDescriptions, validateDir } from '../stages/validate.js';
import { tableNames } from '../tables.js';
import type { DatasetInfo } from './dataset.js';

/** What the reports read besides the database: the release stage declares these as inputs. */
export const reportInputs = [validateDir, keptDir];

/** The documents columns the QA report reads, described as the schema describes them. */
const documentColumns = ['annotation_status', 'sentences_coded', 'sentences_uncoded', 'open_suggestions'];

/**
 * Writes the reports into the release folder, each as it is rendered, so that none is held while
 * the next is made or while the rest of the release is written; diff.json (282 MB at 1000x the
 * corpus) is written key by key as DuckDB gives them.
 */
export async function writeReleaseReports(con: DuckDBConnection, info: DatasetInfo, folder: string): Promise<void> {
  await writeQualityReports(con, info, folder);
  // The QA report's rows and their garbage (~100 MB at 1000x the corpus) collected before the
  // diff adds its own: the release stage's peak was here (issue 17).
  collectAfterStage();
  await writeDiffReports(con, info, folder);
}

/** QUALITY.md and quality.json, each written a line or an item at a time. */
async function writeQualityReports(con: DuckDBConnection, info: DatasetInfo, folder: string): Promise<void> {
  const validation = JSON.parse(readFileSync(join(repoRoot, validateDir, 'report.json'), 'utf8')) as ValidationReport;
  const { measured, rows } = await readMeasures(con, tableNames);
  const described = new Map(columns('documents').map((c) => [c.name, c.description]));
  const quality = qualityReport({
    name: info.name,
    title: info.title,
    version: info.version,
    tables: tableNames,
    measured,
    rows,
    validation,
    checkDescriptions,
    documentColumns: Object.fromEntries(documentColumns.map((c) => [c, described.get(c)!])),
  });
  const markdown = new ChunkedFile(join(folder, 'QUALITY.md'));
  for (const line of qualityMarkdownLines(quality, info.title)) markdown.write(line + '\n');
  markdown.close();
  const json = new ChunkedFile(join(folder, 'quality.json'));
  await writeQualityJson(json, quality);
  json.close();
}

/** DIFF.md and diff.json: what changed since the previous kept version, if one is kept. */
async function writeDiffReports(con: DuckDBConnection, info: DatasetInfo, folder: string): Promise<void> {
  const write = (path: string, text: string) => writeAtomic(join(folder, path), text);
  const current = { version: info.version, sha256sums: null };
  const previous = previousVersion(keptVersions(), info.version);
  if (previous) {
    const d = await diffSides(con, await snapshotSide(con, readKeptSnapshot(previous), 'kept'), await databaseSide(con, null, current));
    write('DIFF.md', renderDiffMarkdown(d, { changelog: changelogBetween(info.changelog, previous, info.version) }));
    const out = new ChunkedFile(join(folder, 'diff.json'));
    await writeDiffJson(out, d);
    out.close();
  } else {
    write(
      'DIFF.md',
      `# Changes in version ${info.version}\n\nNo earlier version is kept in \`${keptDir}/\`, so there is nothing to compare this release with.\n`,
    );
    write(
      'diff.json',
      JSON.stringify({ format: 'qantar-diff', formatVersion: 1, from: null, to: { version: current.version, sha256sums: null } }, null, 2) +
        '\n',
    );
  }
}
