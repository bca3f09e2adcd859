// Once per test run, before any test:
// - the precompiled CLI in build/bin/ is brought up to date with the sources (make bundles again
//   only when a pipeline or notebook .ts file or the lockfile is newer than it), so the copies that
//   run it (test/support/temp-repo.ts) test today's code;
// - a folder is set aside for the run's one built copy of the repository, which the first test
//   that needs it builds (copyBuiltRepo), so a run of unit tests alone does not pay for a build;
// - temporary folders go to memory (/dev/shm) where there is one with room;
// - one cache (QANTAR_CACHE_DIR, pipeline/lib/paths.ts) serves every copy's builds: the same
//   figures were drawn and rasterised again in every build of a copy (~6 s of CPU each at 1x; 14
//   cold builds and many partial ones a run), Ajv's code compiled and the site's modules gzipped
//   again. Set here, it reaches the test files' processes and the builds they start.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '../../pipeline/lib/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's shared built copy (temp-repo.ts, sharedBuild): its folder, and one for its lock and build output (and the bad-input suites' validated copies). */
    sharedBuild: { dir: string; state: string };
  }
}

export default function setup(project: TestProject): () => void {
  const r = spawnSync('make', ['-s', 'build/bin/.bundled'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make build/bin/.bundled failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  useMemoryTmpdir();
  // The copy's folder is named as every other copy's (copyRepo): the site's browser bundle names
  // node_modules by its path from the repository, which for a linked node_modules depends on how
  // deep the copy lies (a copy one level deeper rebuilt a different console-engine bundle).
  const shared = { dir: mkdtempSync(join(tmpdir(), 'qantar-')), state: mkdtempSync(join(tmpdir(), 'qantar-shared-')) };
  project.provide('sharedBuild', shared);
  const cache = mkdtempSync(join(tmpdir(), 'qantar-cache-'));
  process.env.QANTAR_CACHE_DIR = cache;
  return () => [...Object.values(shared), cache].forEach((d) => rmSync(d, { recursive: true, force: true }));
}

/**
 * Temporary folders (os.tmpdir(): the repository's copies, their builds, the browsers' profiles)
 * in memory when the machine has a tmpfs at /dev/shm. On this machine's disk (ext4, mounted with
 * discard) a copy of the repository took 390-550 ms to make, nearly all system time, against ~40 ms
 * in /dev/shm, and every build in a copy writes its ~50 MB of outputs there too. Set here, it
 * reaches the test files' processes and everything they start.
 */
function useMemoryTmpdir(): void {
  const shm = '/dev/shm';
  try {
    accessSync(shm, constants.W_OK);
    // The run's copies took up to 689 MB there at once; a container's /dev/shm is often 64 MB.
    const { bavail, bsize } = statfsSync(shm);
    if (bavail * bsize >= minMemoryTmpdirBytes) process.env.TMPDIR = shm;
  } catch {
    // no /dev/shm: the default temporary folder
  }
}
const minMemoryTmpdirBytes = 4 * 1024 ** 3;
