// `make diff FROM=<version or release folder> [TO=...] [JSON=1]` and `make snapshot [RELEASE=folder]`.
//
// diff: prints what changed between two releases (DIFF.md's text, or diff.json's with --json). A
// side is a kept version (releases/<version>/snapshot.ndjson) or a release folder; TO is
// build/release unless given, FROM the newest kept version older than TO unless given.
// snapshot: records a published release's snapshot in releases/<version>/, for later diffs.
//
// Bad input (an unknown version, a folder that is not a release) is one line with a hint and exit
// 1; anything else is a bug: exit 2 with one line (QANTAR_DEBUG=1 shows the stack).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeAtomic } from '../lib/files.js';
import { releaseDir, repoRoot } from '../lib/paths.js';
import { failureStatus, formatProblem, InputProblems } from '../lib/problems.js';
import { changelogFile } from '../release/dataset.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { withDatabase } from '../lib/duckdb.js';
import { diffSides } from './compare.js';
import { folderSide, folderSnapshot, keptVersions, readKeptSnapshot, snapshotFile } from './kept.js';
import { renderDiffMarkdown, writeDiffJson } from './render.js';
import { snapshotSide, type Side } from './sides.js';
import { formatSnapshot, parseSnapshot } from './snapshot.js';
import { changelogBetween, previousVersion, versionPattern } from './versions.js';

const usage = `usage: tsx pipeline/diff/command.ts diff [--from <version|folder>] [--to <version|folder>] [--json]
       tsx pipeline/diff/command.ts snapshot [--release <folder>]
(make diff FROM=... TO=... JSON=1, make snapshot RELEASE=...)`;

/**
 * A version or a folder (what FROM, TO and RELEASE may name; folders are relative to where make
 * runs) as a side of a diff read through `con`, named `label` there.
 */
async function side(con: DuckDBConnection, spec: string, label: string): Promise<Side> {
  if (versionPattern.test(spec) && !existsSync(spec)) return snapshotSide(con, readKeptSnapshot(spec), label);
  return folderSide(con, resolve(spec), label);
}

/** Prints the diff: diff.json's text is written key by key as DuckDB gives them (stdout is synchronous on Linux). */
const diff = (from: string | undefined, to: string | undefined, json: boolean): Promise<void> =>
  withDatabase(':memory:', {}, async (con) => {
    const after = await side(con, to ?? releaseDir, 'to');
    const fromSpec = from || previousVersion(keptVersions(), after.identity.version);
    if (!fromSpec)
      throw new InputProblems([
        {
          code: 'diff/no-previous-version',
          file: 'releases',
          message: `no kept version is older than ${after.identity.version}`,
          hint: 'name one with FROM=<version or release folder>',
        },
      ]);
    const before = await side(con, fromSpec, 'from');
    const d = await diffSides(con, before, after);
    if (json) return writeDiffJson(process.stdout, d);
    const changelog = existsSync(join(repoRoot, changelogFile)) ? readFileSync(join(repoRoot, changelogFile), 'utf8') : '';
    process.stdout.write(renderDiffMarkdown(d, { changelog: changelogBetween(changelog, d.from.version, d.to.version) }));
  });

async function snapshot(release: string | undefined): Promise<string> {
  const s = await folderSnapshot(resolve(release ?? releaseDir));
  const file = snapshotFile(s.version);
  const path = join(repoRoot, file);
  if (existsSync(path)) {
    const kept = parseSnapshot(readFileSync(path, 'utf8'));
    if (kept.sha256sums === s.sha256sums) return `${file} already records this release (${s.version})`;
    throw new InputProblems([
      {
        code: 'snapshot/version-exists',
        file,
        message: `version ${s.version} is already kept, from a release with another SHA256SUMS (${kept.sha256sums})`,
        hint: 'a published version does not change: raise the version in CHANGELOG.md; if this version was never published, delete the file first',
      },
    ]);
  }
  const text = formatSnapshot(s);
  writeAtomic(path, text);
  const rows = s.tables.reduce((n, t) => n + t.rows.length, 0);
  return `${file}: version ${s.version}, ${s.tables.length} tables, ${rows} rows, ${text.length} bytes`;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  // make passes empty variables as empty strings: treat them as not given.
  const given = (name: string, env: string) => option(args, name) || process.env[env] || undefined;
  try {
    if (command === 'diff') {
      await diff(given('--from', 'FROM'), given('--to', 'TO'), args.includes('--json'));
      return 0;
    }
    if (command === 'snapshot') {
      console.log(await snapshot(given('--release', 'RELEASE')));
      return 0;
    }
    console.error(usage);
    return 64;
  } catch (e) {
    return failureStatus(e, (problems) => problems.forEach((p) => console.error(formatProblem(p))));
  }
}

process.exitCode = await main(process.argv.slice(2));
