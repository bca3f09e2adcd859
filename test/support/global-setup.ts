// Once per test run, before any test: the precompiled CLI in build/bin/ is brought up to date with
// the sources (make bundles again only when a pipeline or notebook .ts file or the lockfile is newer
// than it), so the copies that run it (test/support/temp-repo.ts) test today's code.
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../../pipeline/lib/paths.js';

export default function setup(): void {
  const r = spawnSync('make', ['-s', 'build/bin/.bundled'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make build/bin/.bundled failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
}
