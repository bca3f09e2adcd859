// Code run in a fresh Node process under tsx: for what is read or set once per process (DuckDB's
// allocator setting) or measured for the whole process (its resident memory).
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { repoRoot } from '../../pipeline/lib/paths.js';

/**
 * Runs `code` (an ES module body) in the repository's root with `env` added to this process's
 * environment, less DUCKDB_JE_MALLOC_CONF, which the test workers' own DuckDB has set; expects
 * exit 0 and returns the last line it printed, parsed as JSON.
 */
export function inProcess<T>(code: string, env: Record<string, string | undefined> = {}): T {
  const { DUCKDB_JE_MALLOC_CONF: _, ...base } = process.env;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...base, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as T;
}
