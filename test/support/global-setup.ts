// Once per test run, before any test:
// - the precompiled CLI in build/bin/ is brought up to date with the sources (make bundles again
//   only when a pipeline or notebook .ts file or the lockfile is newer than it), so the copies that
//   run it (test/support/temp-repo.ts) test today's code;
// - one copy of the repository is built (`build`), and tests that start from a built release copy
//   it (copyBuiltRepo) instead of each building the same release again (issue 17: a cold build
//   is ~13 s of CPU at 1x, and five test files each made one).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { copyRepo, runCli } from './temp-repo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A copy of the repository with a complete build, and that build's stdout. */
    builtCopy: { dir: string; stdout: string };
  }
}

export default function setup(project: TestProject): () => void {
  const r = spawnSync('make', ['-s', 'build/bin/.bundled'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make build/bin/.bundled failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  const dir = copyRepo({ linkNodeModules: true });
  const built = runCli(dir, ['build']);
  if (built.status !== 0) throw new Error(`the shared build failed (exit ${built.status}):\n${built.stdout}${built.stderr}`);
  project.provide('builtCopy', { dir, stdout: built.stdout });
  return () => rmSync(dir, { recursive: true, force: true });
}
