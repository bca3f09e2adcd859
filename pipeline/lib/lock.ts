// One build at a time per checkout: a lock folder, build/.lock, holding the owner's pid.
//
// A build can be killed at any moment, so the lock is made to be either absent or complete: the
// pid is written into a folder of its own, which is then renamed to build/.lock (a rename onto a
// folder that is not empty fails, so only one build wins). Before, the folder was made first and
// the pid written after; a build killed in between left a lock without a pid, which every later
// build took for a live one and refused to run. test/e2e/faults.test.ts kills builds at random.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, buildDir } from './paths.js';
import { removePath } from './files.js';
import { InputProblems } from './problems.js';

const lockDir = join(buildDir, '.lock');
/**
 * A lock whose pid file is empty or unreadable (a write cut short by a full disk or a crash) is
 * taken for stale once it is this old. An empty lock folder, as the older lock.ts left when it was
 * killed between making the folder and writing the pid, is simply replaced by the rename.
 */
const unownedStaleMs = 10_000;

/** Whether process `pid` is running: a zombie, which holds nothing, is not. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed build stays a zombie until its parent (or init) reaps it, which can take a moment
  // after a kill of its process group; it holds nothing. Linux shows it as state Z in /proc.
  // (Without this check the build started right after a kill refused to run, in the kill test.)
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return !existsSync('/proc/self/stat'); // gone meanwhile, or no /proc to ask (not Linux)
  }
  return stat[stat.lastIndexOf(')') + 2] !== 'Z';
}

/** The pid a lock folder names, or null when it has none (or not a valid one). */
function owner(dir: string): number | null {
  try {
    const text = readFileSync(join(dir, 'pid'), 'utf8');
    return /^[1-9][0-9]*$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

/** Takes the build lock, or refuses with a clear message when another live build holds it. */
export function acquireLock(): () => void {
  mkdirSync(buildDir, { recursive: true });
  const mine = `${lockDir}.tmp-${process.pid}`;
  removePath(mine);
  mkdirSync(mine);
  writeFileSync(join(mine, 'pid'), String(process.pid));
  for (let attempt = 0; attempt < 3; attempt++) {
    if (moveInto(mine, lockDir)) {
      removeLeftovers();
      return () => removePath(lockDir);
    }
    const pid = owner(lockDir);
    const stale = pid === null ? ageMs(lockDir) > unownedStaleMs : !alive(pid);
    if (!stale) {
      removePath(mine);
      throw new InputProblems([
        {
          code: 'build/locked',
          file: 'build/.lock',
          message: `another build is running (pid ${pid ?? 'unknown'})`,
          hint: 'wait for it to finish; if no build is running, remove build/.lock',
        },
      ]);
    }
    breakStaleLock(pid);
  }
  removePath(mine);
  throw new Error('could not take the build lock');
}

/** Renames a folder onto `to`, or returns false when `to` is a folder that is not empty. */
function moveInto(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw e;
  }
}

function ageMs(dir: string): number {
  try {
    return Date.now() - statSync(dir).mtimeMs;
  } catch {
    return Infinity; // gone meanwhile: the next attempt will tell
  }
}

/**
 * Removes a lock whose owner died. It is moved aside first and checked there, so that when two
 * builds find the same stale lock, the second does not remove the lock the first has just taken.
 */
function breakStaleLock(seen: number | null): void {
  const aside = `${lockDir}.stale-${process.pid}`;
  removePath(aside);
  try {
    renameSync(lockDir, aside);
  } catch {
    return; // someone else moved it first
  }
  if (owner(aside) === seen) removePath(aside);
  else renameSync(aside, lockDir); // not the lock that was judged stale: put it back
}

/**
 * Removes what killed builds left under build/: temporary files and folders named
 * `<name>.tmp-<pid>`, `.tmp-<pid>`, `<name>.old-<pid>` or `.lock.stale-<pid>` whose process is no
 * longer running (build/releases/.tmp-<pid> holds a whole release). Called with the lock held, so
 * no other build is writing; the pid check spares a notebook rendered alone meanwhile. Not in
 * make bench's copies (build/bench), whose builds sweep their own: walking their gigabytes took a
 * no-op build 0.3 -> 1.1 s.
 */
function removeLeftovers(): void {
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const m = /\.(?:tmp|old|stale)-([0-9]+)$/.exec(name);
      if (m && (Number(m[1]) === process.pid || !alive(Number(m[1])))) removePath(path);
      else if (path !== benchDir && lstatSync(path, { throwIfNoEntry: false })?.isDirectory()) walk(path);
    }
  };
  walk(buildDir);
}
