// Precompiles the command-line entry points into build/bin/ so that `make dataset` and the other
// make targets start with plain `node` instead of compiling TypeScript with tsx at every start
// (issue 17, item 4). The Makefile runs this only when a pipeline or notebook .ts file, the
// lockfile or this script changed; tests and development keep using tsx on the sources.
//
// - Packages stay external (node resolves them from node_modules as tsx would): the native ones
//   (@duckdb/node-api, @resvg/resvg-js), jsdom's files read by path, and esbuild itself cannot be
//   bundled, and bundling the rest would only move their parse time into our file.
// - serve.ts is not among them (`make serve` runs it with tsx). The workbench imports it, so its
//   code is inlined into workbench-server.mjs, whose URL is the started script's: its "am I the
//   main module" check (isMain in pipeline/lib/paths.ts) therefore only holds for a .ts source.
// - splitting: cli.ts must set DUCKDB_JE_MALLOC_CONF before DuckDB loads and then imports the
//   commands dynamically. In a single file esbuild hoists every external import to the top, so
//   DuckDB would load first; with splitting the dynamic import stays a separate chunk.
// - Every output file (entries and chunks) sits directly in build/bin/, two folders below the
//   repository as the sources in pipeline/lib/ are, so pipeline/lib/paths.ts finds the root from
//   import.meta.url either way: pipeline/diff/command.ts becomes build/bin/diff-command.mjs.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../lib/paths.js';

/** The scripts the Makefile runs, relative to the repository. */
const entryPoints = [
  'pipeline/cli.ts',
  'pipeline/add.ts',
  'pipeline/query.ts',
  'pipeline/diff/command.ts',
  'pipeline/reliability/command.ts',
  'pipeline/workbench/server.ts',
  // Not commands: worker threads, started by these names (clean/threads.ts, annotate/prefetch.ts,
  // release/exports.ts, site/reader/pages.ts), and the load stage's process (stages/load.ts).
  'pipeline/stages/load-process.ts',
  'pipeline/clean/worker.ts',
  'pipeline/annotate/prefetch-worker.ts',
  'pipeline/release/exports-worker.ts',
  'pipeline/site/reader/pages-worker.ts',
] as const;

const binDir = join(repoRoot, 'build', 'bin');

/** The bundle's name for an entry point: pipeline/diff/command.ts -> diff-command. */
const bundleName = (entry: string) =>
  entry
    .replace(/^pipeline\//, '')
    .replace(/\.ts$/, '')
    .replaceAll('/', '-');

async function bundleEntryPoints(outdir: string): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: repoRoot,
    entryPoints: entryPoints.map((entry) => ({ in: entry, out: bundleName(entry) })),
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

await bundleEntryPoints(binDir);
