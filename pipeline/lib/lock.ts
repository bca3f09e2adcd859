// One build at a time per checkout: a lock folder (mkdir is atomic) holding the owner's pid.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir } from './paths.js';
import { removePath } from './files.js';
import { InputProblems } from './problems.js';

const lockDir = join(buildDir, '.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the build lock, or refuses with a clear message when another live build holds it. */
export function acquireLock(): () => void {
  mkdirSync(buildDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => removePath(lockDir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // the owner has not written its pid yet: treat as alive
        owner = -1;
      }
      if (owner === -1 || alive(owner)) {
        throw new InputProblems([
          {
            code: 'build/locked',
            file: 'build/.lock',
            message: `another build is running (pid ${owner === -1 ? 'unknown' : owner})`,
            hint: 'wait for it to finish; if no build is running, remove build/.lock',
          },
        ]);
      }
      removePath(lockDir); // stale: its owner died without cleaning up
    }
  }
  throw new Error('could not take the build lock');
}
