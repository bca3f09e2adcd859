// Where snapshots come from: the versions kept in the repository (releases/<version>/snapshot.ndjson)
// and release folders (build/release, or any folder a build published). A folder is taken as a
// release only when its SHA256SUMS lists exactly its files with their true hashes, so a half-copied
// or edited folder is refused rather than compared.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, readDatabase, sqlString } from '../lib/duckdb.js';
import { listFiles, parseSha256Sums, sha256, sha256File } from '../lib/files.js';
import { databaseName, repoPath, repoRoot } from '../lib/paths.js';
import { InputProblems, type Problem } from '../lib/problems.js';
import { readSnapshot } from './read.js';
import { databaseSide, type Side } from './sides.js';
import { parseSnapshot, SnapshotError, type Snapshot } from './snapshot.js';
import { compareVersions, versionPattern } from './versions.js';

/** The folder of kept snapshots, one sub-folder per released version. */
export const keptDir = 'releases';
export const snapshotFile = (version: string) => `${keptDir}/${version}/snapshot.ndjson`;

const problem = (p: Problem): never => {
  throw new InputProblems([p]);
};

/** The versions with a kept snapshot, oldest first. */
export function keptVersions(): string[] {
  const dir = join(repoRoot, keptDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((v) => versionPattern.test(v) && existsSync(join(repoRoot, snapshotFile(v))))
    .sort(compareVersions);
}

const keptList = () => {
  const kept = keptVersions();
  return kept.length ? `kept versions: ${kept.join(', ')}` : `no version is kept in ${keptDir}/ yet`;
};

/** A kept version's snapshot; an unknown version or an unreadable file is one problem with a hint. */
export function readKeptSnapshot(version: string): Snapshot {
  const file = snapshotFile(version);
  if (!existsSync(join(repoRoot, file)))
    problem({
      code: 'diff/unknown-version',
      file,
      message: `no snapshot of version ${version} is kept (${keptList()})`,
      hint: 'give a kept version, or the path of a release folder (e.g. FROM=build/release)',
    });
  let snapshot: Snapshot;
  try {
    snapshot = parseSnapshot(readFileSync(join(repoRoot, file), 'utf8'));
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
    const line = Number(/^line (\d+)/.exec(e.message)?.[1] ?? 1);
    return problem({
      code: 'diff/bad-snapshot',
      file,
      line,
      column: 1,
      message: e.message.replace(/^line \d+: /, ''),
      hint: `write it again from the release of ${version} with make snapshot RELEASE=<its folder>`,
    });
  }
  if (snapshot.version !== version)
    problem({
      code: 'diff/bad-snapshot',
      file,
      line: 1,
      column: 1,
      message: `the snapshot is of version ${snapshot.version}, not ${version}`,
      hint: `move it to ${snapshotFile(snapshot.version)}`,
    });
  return snapshot;
}

/** Version and sha256 of SHA256SUMS of a release folder, after checking every file against SHA256SUMS. */
export function checkReleaseFolder(folder: string): { version: string; sha256sums: string } {
  const shown = repoPath(resolve(folder));
  const notRelease = (message: string) =>
    problem({
      code: 'diff/not-a-release',
      file: shown,
      message,
      hint: `give a folder published by make dataset (build/release, or a copy of one), or a kept version (${keptList()})`,
    });
  if (!existsSync(folder) || !statSync(folder).isDirectory()) notRelease('no such folder');
  for (const f of ['SHA256SUMS', 'datapackage.json', databaseName])
    if (!existsSync(join(folder, f))) notRelease(`not a release folder: it has no ${f}`);
  const text = readFileSync(join(folder, 'SHA256SUMS'), 'utf8');
  let sums: Map<string, string>;
  try {
    sums = parseSha256Sums(text);
  } catch (e) {
    return notRelease(`not a release folder: ${(e as Error).message}`);
  }
  const present = listFiles(folder).filter((f) => f !== 'SHA256SUMS');
  const unlisted = present.filter((f) => !sums.has(f));
  if (unlisted.length) notRelease(`not a complete release: ${unlisted[0]} is not in its SHA256SUMS`);
  for (const [file, hash] of sums) {
    if (!existsSync(join(folder, file))) notRelease(`not a complete release: ${file} is listed in SHA256SUMS but missing`);
    if (sha256File(join(folder, file)) !== hash) notRelease(`not a complete release: ${file} does not match its SHA256SUMS`);
  }
  let version: unknown;
  try {
    version = JSON.parse(readFileSync(join(folder, 'datapackage.json'), 'utf8')).version;
  } catch {
    version = undefined;
  }
  if (typeof version !== 'string' || !versionPattern.test(version)) notRelease('its datapackage.json states no version');
  return { version: version as string, sha256sums: sha256(text) };
}

/** The snapshot of a release folder, read from its database. */
export async function folderSnapshot(folder: string): Promise<Snapshot> {
  const identity = checkReleaseFolder(folder);
  return readDatabase(join(folder, databaseName), (con) => readSnapshot(con, identity));
}

/** A release folder as a side of a diff: its database attached read-only to `con` as `label`. */
export async function folderSide(con: DuckDBConnection, folder: string, label: string): Promise<Side> {
  const identity = checkReleaseFolder(folder);
  await con.run(`ATTACH ${sqlString(join(folder, databaseName))} AS ${ident(label)} (READ_ONLY)`);
  return databaseSide(con, label, identity);
}
