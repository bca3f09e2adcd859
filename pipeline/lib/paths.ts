// Where things live. Everything is resolved from the repository root, never from the current
// directory, so a copy of the repository in a temporary folder builds on its own.
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

export const repoRoot = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
export const rawDir = join(repoRoot, 'raw');
export const buildDir = join(repoRoot, 'build');
export const workDir = join(buildDir, 'work');
export const releaseDir = join(buildDir, 'release');
/** make bench's copies of the repository (pipeline/bench/run.ts), each building on its own. */
export const benchDir = join(buildDir, 'bench');

/**
 * Where derived bytes are kept under the hash of everything they depend on (lib/cache.ts), so a
 * later build reuses them: build/cache/, or the folder QANTAR_CACHE_DIR names, which lets copies
 * of the repository share one cache (the test suite's copies do). Nothing in it reaches an output
 * that a build without it would not write.
 */
export const cacheDir = () => (process.env.QANTAR_CACHE_DIR ? resolve(process.env.QANTAR_CACHE_DIR) : join(buildDir, 'cache'));

/** The database's file name; DuckDB stores it inside the file, so it is the same everywhere. */
export const databaseName = 'qantar.duckdb';

/**
 * True when the module at `url` (its import.meta.url) is the script node was started with, as a
 * source under tsx or as its precompiled bundle (build/bin/<name>.mjs): for the entry points the
 * Makefile runs (pipeline/bin/bundle.ts). Compared as paths, so a repository whose path needs
 * percent-encoding in a URL (a space, say) is recognised too.
 */
export const isStartedScript = (url: string) => process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(url);

/**
 * isStartedScript for a module that is not an entry point of the bundles (a notebook, serve.ts):
 * a bundle gives every module it inlines its own URL, which is also the started script's, so only
 * a .ts source counts, and a module inlined into the workbench does not start itself.
 */
export const isMain = (url: string) => url.endsWith('.ts') && isStartedScript(url);

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
