// Where things live. Everything is resolved from the repository root, never from the current
// directory, so a copy of the repository in a temporary folder builds on its own.
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

export const repoRoot = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
export const rawDir = join(repoRoot, 'raw');
export const buildDir = join(repoRoot, 'build');
export const workDir = join(buildDir, 'work');
export const releaseDir = join(buildDir, 'release');
/** The database's file name; DuckDB stores it inside the file, so it is the same everywhere. */
export const databaseName = 'qantar.duckdb';

/**
 * True when the TypeScript source at `url` (its import.meta.url) is the script node was started
 * with (`tsx notebooks/map.ts`, `tsx pipeline/serve.ts`). Inside a precompiled bundle (build/bin/,
 * pipeline/bin/bundle.ts) every module it inlines has the bundle's URL, which is also the started
 * script, so only a .ts source counts: a module inlined into the workbench must not start itself.
 */
export const isMain = (url: string) =>
  url.endsWith('.ts') && process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(url);

/** Repository-relative path with forward slashes, for messages and outputs (no machine paths). */
export function repoPath(absolute: string): string {
  return absolute.startsWith(repoRoot + '/') ? absolute.slice(repoRoot.length + 1) : absolute;
}

/** What a copy of the repository needs to build (the benchmark's and the tests' copies). */
export const buildFiles = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'Makefile',
  'CHANGELOG.md',
  'pipeline',
  'schemas',
  'raw',
  'notebooks',
  // The kept snapshots of published versions: the release's DIFF.md compares with the newest.
  'releases',
] as const;
