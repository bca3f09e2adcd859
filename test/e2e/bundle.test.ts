// The precompiled CLI (pipeline/bin/bundle.ts) through the real Makefile in a copy: make runs the
// bundle in build/bin/, not tsx on the sources, bundles again when a pipeline .ts file changes and
// not otherwise, and the bundle sets DuckDB's allocator option before DuckDB loads.
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepo, run } from '../support/temp-repo.js';

let dir: string;
const bin = (f: string) => join(dir, 'build/bin', f);

beforeAll(() => {
  dir = copyRepo({ linkNodeModules: true });
  // The copy comes with this checkout's bundle; without it, make must bundle on first use.
  rmSync(join(dir, 'build/bin'), { recursive: true, force: true });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('make runs the precompiled CLI', () => {
  it('bundles the entry points on first use', () => {
    const r = run(dir, 'make', ['stages']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^flags\s+quality flags anchored in the clean texts$/m);
    for (const f of ['cli.mjs', 'add.mjs', 'query.mjs', 'diff-command.mjs', 'reliability-command.mjs', 'workbench-server.mjs'])
      expect(statSync(bin(f)).isFile(), f).toBe(true);
  }, 120_000);

  it('make dataset starts the bundle, and nothing bundles again while the sources are unchanged', () => {
    const stamp = statSync(bin('.bundled')).mtimeMs;
    // A line that only the bundle has: if make ran tsx on pipeline/cli.ts, it would not print.
    const cli = readFileSync(bin('cli.mjs'), 'utf8');
    writeFileSync(bin('cli.mjs'), `console.log('started from the bundle'); process.exit(0);\n${cli}`);
    // -s: under `make test` a nested make would also print "Entering directory" lines.
    const r = run(dir, 'make', ['-s', 'dataset']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('started from the bundle');
    expect(statSync(bin('.bundled')).mtimeMs).toBe(stamp);
  }, 120_000);

  it('bundles again when a pipeline .ts file changes', () => {
    const source = join(dir, 'pipeline/stages/flags.ts');
    writeFileSync(source, readFileSync(source, 'utf8').replace("'quality flags anchored in the clean texts'", "'flags, changed'"));
    // Newer than the stamp even on a file system with coarse times.
    const later = new Date(statSync(bin('.bundled')).mtimeMs + 5_000);
    utimesSync(source, later, later);
    const r = run(dir, 'make', ['stages']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^flags\s+flags, changed$/m);
    expect(r.stdout).not.toMatch(/started from the bundle/);
  }, 120_000);

  it('keeps DuckDB out of the entry module, which declares it writes no database file before the commands load', () => {
    const cli = readFileSync(bin('cli.mjs'), 'utf8');
    expect(cli).toMatch(/^writeNoDatabaseFile\(\);\nawait import/m);
    expect(cli).not.toMatch(/^import .*['"]@duckdb\/node-api['"]/m);
    expect(cli).toMatch(/await import\("\.\/commands-[A-Z0-9]+\.mjs"\)/);
  });
});
