// A throwaway copy of the repository for end-to-end tests: the committed inputs and code, no
// build/ outputs, optionally sharing node_modules with this checkout (by symlink) to skip the
// install. A copy that shares node_modules also gets the precompiled CLI (build/bin/, bundled from
// this checkout's sources once per test run by test/support/global-setup.ts), and the tests run
// the pipeline from it as `make` does: tsx compiles ~200 files at every start (measured: validate
// in a copy took 3.1-3.8 s through tsx, 2.4 s from the bundle; issue 17).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { buildFiles, repoRoot } from '../../pipeline/lib/paths.js';

const copied = [...buildFiles, 'test/support'];
/** The precompiled CLI (pipeline/bin/bundle.ts). */
const binDir = 'build/bin';

export function copyRepo(options: { linkNodeModules: boolean }, dir = mkdtempSync(join(tmpdir(), 'qantar-'))): string {
  // preserveTimestamps keeps package-lock.json older than node_modules' stamp, so make does not
  // reinstall into a shared node_modules.
  mkdirSync(dir, { recursive: true });
  for (const f of copied) cpSync(join(repoRoot, f), join(dir, f), { recursive: true, preserveTimestamps: true });
  if (options.linkNodeModules) {
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
    // With its timestamps, so make sees the bundle as newer than the copied sources.
    cpSync(join(repoRoot, binDir), join(dir, binDir), { recursive: true, preserveTimestamps: true });
  }
  return dir;
}

/**
 * A copy of the repository built once per test run, for tests that start from a built release:
 * the same files, build/ included (its symlinks as they are, its timestamps kept), so a build
 * there finds every stage fresh. Returns the copy and the stdout of the build that made it.
 */
export function copyBuiltRepo(): { dir: string; built: Run } {
  const shared = sharedBuild();
  return { dir: copyTree(shared.dir), built: { status: 0, stdout: shared.stdout, stderr: '' } };
}

/** A copy of `from` in a new temporary folder, its symlinks as they are and its timestamps kept. */
export function copyTree(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qantar-'));
  cpSync(from, dir, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  return dir;
}

/**
 * The environment of the shared build, stated rather than inherited: it is the first combination
 * of the determinism matrix (test/e2e/determinism.test.ts compares the other seven with its
 * release), and no other test depends on the shell it runs in.
 */
const sharedLocale = 'C';
export const sharedBuildEnv = { TZ: 'UTC', LANG: sharedLocale, LC_ALL: sharedLocale, QANTAR_DUCKDB_THREADS: '1' };

/** The shared built copy, to read and never to change (copyBuiltRepo for a copy to change). */
export const sharedBuildDir = () => sharedBuild().dir;
export const sharedRelease = () => join(sharedBuildDir(), 'build/release');

/**
 * The run's shared built copy, built by the first test file that asks for it (issue 17: a cold
 * build is ~13 s of CPU at 1x, and five test files each made one; built in the global setup it
 * cost every run, even of one unit file). Test files run in parallel workers, so the build is
 * guarded by a lock folder; its stdout, or its failure, is kept beside it for the others.
 */
function sharedBuild(): { dir: string; stdout: string } {
  const { dir, state } = inject('sharedBuild');
  const [done, failed, lock] = ['stdout.txt', 'failed.txt', 'lock'].map((f) => join(state, f)) as [string, string, string];
  for (;;) {
    if (existsSync(done)) return { dir, stdout: readFileSync(done, 'utf8') };
    if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
    try {
      mkdirSync(lock);
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200); // another worker is building
      continue;
    }
    try {
      if (!existsSync(done) && !existsSync(failed)) {
        const built = runCli(copyRepo({ linkNodeModules: true }, dir), ['build'], sharedBuildEnv);
        const [file, text] =
          built.status === 0
            ? [done, built.stdout]
            : [failed, `the shared build failed (exit ${built.status}):\n${built.stdout}${built.stderr}`];
        writeFileSync(`${file}.tmp`, text);
        renameSync(`${file}.tmp`, file);
      }
    } finally {
      rmdirSync(lock);
    }
  }
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The node command line that runs the pipeline's CLI of a copy (its precompiled bundle). */
export const cliArgv = (dir: string, args: string[]) => [join(dir, binDir, 'cli.mjs'), ...args];

/** Runs the pipeline's command line inside a copy. */
export function runCli(dir: string, args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, cliArgv(dir, args), { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking, so that tests can run copies side by side (describe.concurrent). */
export function runCliAsync(dir: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgv(dir, args), { cwd: dir, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export function run(dir: string, command: string, args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
