// Faults: the build killed at random moments (SIGKILL to its whole process group), two builds at
// once in the same checkout, and the leftovers of dead builds. Whatever happens, build/release/
// must be a complete release, the previous one or the new one, whose SHA256SUMS lists exactly its
// files and verifies every one; the next build must succeed and give what an uninterrupted build
// gives.
//
// The kill delays come from a seeded PRNG: a failure names the seed, the attempt and the delays,
// and QANTAR_FAULT_SEED=<seed> replays the same delays (timing still varies a little).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/lib/files.js';
import { stages } from '../../pipeline/stages/index.js';
import { cliArgv, copyBuiltRepo, runCliAsync, type Run } from '../support/temp-repo.js';
import { expectVerifiedRelease } from '../support/release.js';

const seed = Number(process.env.QANTAR_FAULT_SEED ?? 20220105);
/** Kills wanted; a build that finishes before its kill does not count. */
const kills = 20;

/**
 * How long each stage took in the run's shared cold build (so on this machine, under this load),
 * in build order. Each attempt aims at the next stage: its kill comes a random part of that
 * stage's time after the stage before it reported (clean's: after the start, with a second for
 * starting Node). The build is a plain one with the aimed stage's stamp removed, so the stage
 * runs again while the stages before it stay fresh (its outputs come out the same, so the stages
 * after it stay fresh too), and with the dataset's summary changed, so validate, the release and
 * the site run again as well. Delays drawn from a fixed 0-6 s over forced builds never reached
 * the release (a 1x build gets there after ~8.5 s): 20 kills landed in clean..figures, none while
 * a release was published. Forced builds aimed at a stage also ran every stage before it, up to
 * ~4 s of CPU per attempt that no kill was aimed at (issue 17).
 */
const stageMs: { stage: string; ms: number }[] = [];

/** mulberry32: a small PRNG whose sequence is fixed by its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Starts `build` in a process group of its own and kills the whole group `ms` after the stage
 * `after` reported its status (null: after the start).
 */
async function buildKilled(dir: string, after: string | null, ms: number): Promise<Run & { killed: boolean }> {
  const child = spawn(process.execPath, cliArgv(dir, ['build']), {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  const arm = () =>
    (timer ??= setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL'); // the build and any child it started
      } catch {
        // the build finished first
      }
    }, ms));
  if (after === null) arm();
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    if (after !== null && statusLines(stdout).some((s) => s.stage === after)) arm();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const [status, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  return { status, stdout, stderr, killed: signal === 'SIGKILL' };
}

/** Checks that build/release is a complete release and returns its SHA256SUMS. */
function verifyRelease(dir: string, context = ''): string {
  const release = join(dir, 'build/release');
  expect(lstatSync(release).isSymbolicLink(), `${context}: build/release is a symlink`).toBe(true);
  expect(existsSync(join(release, 'SHA256SUMS')), `${context}: build/release/SHA256SUMS exists`).toBe(true);
  return expectVerifiedRelease(release, context);
}

/** What dead builds can leave under build/: the lock, temporary files and folders. */
function leftovers(dir: string): string[] {
  const build = join(dir, 'build');
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(build, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (name === '.lock' || /\.(tmp|old|stale)-\d+$/.test(name)) out.push(path);
      else if (lstatSync(join(build, path)).isDirectory()) walk(path);
    }
  };
  walk('');
  return out;
}

const stackTrace = /^\s+at /m;

/** The stages a build's output has reported, each with its seconds, in order. */
function statusLines(stdout: string): { stage: string; state: string; ms: number }[] {
  return [...stdout.matchAll(/^(\w+) +(fresh|rebuilt) +([\d.]+) s/gm)].map(([, stage, state, seconds]) => ({
    stage: stage!,
    state: state!,
    ms: Number(seconds) * 1000,
  }));
}

/** The stage a killed build was in: the first, in build order, that its output does not report. */
function stageAtKill(stdout: string): string {
  const reported = new Set(statusLines(stdout).map((s) => s.stage));
  return stages.find((s) => !reported.has(s.name))?.name ?? 'publishing';
}

let dir: string; // killed again and again; each build aims at the inputs (A or B) of the release not published
let other: string; // builds B once, then serves the concurrency and lock tests
const sums: Record<'A' | 'B', string> = { A: '', B: '' };
let yamlA: string;
let yamlB: string;

beforeAll(async () => {
  // Both start from the shared build of A: A's build is then a no-op, B's rebuilds what the
  // summary reaches (the release and the site).
  const shared = copyBuiltRepo();
  dir = shared.dir;
  other = copyBuiltRepo().dir;
  // Input B differs from A by one word of the summary, so its release (card, metadata) and hence
  // its SHA256SUMS differ: a kill must leave either of the two, never a mix.
  yamlA = readFileSync(join(dir, 'raw/dataset.yaml'), 'utf8');
  yamlB = yamlA.replace('An open, reproducible, annotated dataset', 'An open, reproducible and annotated dataset');
  expect(yamlB).not.toBe(yamlA);
  writeFileSync(join(other, 'raw/dataset.yaml'), yamlB);
  const [a, b] = await Promise.all([runCliAsync(dir, ['build']), runCliAsync(other, ['build'])]);
  expect(a.status, a.stderr).toBe(0);
  expect(b.status, b.stderr).toBe(0);
  const cold = statusLines(shared.built.stdout);
  expect(cold.map((s) => `${s.stage} ${s.state}`)).toEqual(stages.map((s) => `${s.name} rebuilt`));
  stageMs.push(...cold);
  sums.A = verifyRelease(dir, 'uninterrupted build A');
  sums.B = verifyRelease(other, 'uninterrupted build B');
  expect(sums.B).not.toBe(sums.A);
}, 300_000);

afterAll(() => {
  for (const d of [dir, other]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('a build killed at random moments', () => {
  it(`leaves the previous release or the new one, complete, after each of ${kills} kills`, async () => {
    const random = prng(seed);
    const delays: number[] = [];
    let previous = sums.A;
    let killed = 0;
    /** Kills per stage the build was in. */
    const landed: Record<string, number> = {};
    for (let attempt = 0; killed < kills && attempt < 2 * kills; attempt++) {
      // The inputs of the release not published, so that a plain build rebuilds the release and the site.
      const target = previous === sums.A ? 'B' : 'A';
      const i = attempt % stageMs.length;
      const aim = stageMs[i]!.stage;
      // The aimed stage's stamp is put back if the kill leaves it missing, so that the next builds
      // must tell from its outputs' hashes whether the killed stage left them whole.
      const stamp = join(dir, 'build/stamps', `${aim}.json`);
      const stampText = existsSync(stamp) ? readFileSync(stamp, 'utf8') : undefined;
      rmSync(stamp, { force: true });
      writeFileSync(join(dir, 'raw/dataset.yaml'), target === 'B' ? yamlB : yamlA);
      const ms = Math.floor(random() * (stageMs[i]!.ms + (i === 0 ? 1000 : 0)));
      delays.push(ms);
      const after = i === 0 ? null : stageMs[i - 1]!.stage;
      const r = await buildKilled(dir, after, ms);
      const context = `seed ${seed}, attempt ${attempt} (build ${target} aimed at ${aim}: killed ${ms} ms after ${after ?? 'the start'}; delays ${delays.join(', ')})`;
      expect(r.stderr, context).not.toMatch(/build\/locked/);
      if (r.killed) {
        killed++;
        if (stampText !== undefined && !existsSync(stamp)) writeFileSync(stamp, stampText);
        const stage = stageAtKill(r.stdout);
        landed[stage] = (landed[stage] ?? 0) + 1;
      } else expect(r.status, `${context}\n${r.stderr}`).toBe(0);
      const now = verifyRelease(dir, context);
      expect([previous, sums[target]], `${context}: release is the previous or the new one`).toContain(now);
      if (!r.killed) expect(now, context).toBe(sums[target]);
      previous = now;
      // At most: the published release, the next one moved in but not yet published (or an older
      // one half removed), and the temporary folder of the build just killed.
      expect(readdirSync(join(dir, 'build/releases')).length, `${context}: build/releases/`).toBeLessThanOrEqual(3);
    }
    console.log(
      `faults: seed ${seed}, ${killed} kills in ${delays.length} builds, delays (ms) ${delays.join(', ')}, kills per stage ${JSON.stringify(landed)}`,
    );
    expect(killed, `seed ${seed}: delays ${delays.join(', ')}`).toBe(kills);
    // The kills that matter most land while a release is written or published.
    expect((landed.release ?? 0) + (landed.site ?? 0), `kills per stage: ${JSON.stringify(landed)}`).toBeGreaterThan(0);
  }, 600_000);

  it('then builds what an uninterrupted build gives, and removes what dead builds left', async () => {
    writeFileSync(join(dir, 'raw/dataset.yaml'), yamlA);
    // Leftovers of a build whose process is gone, in every place a build writes aside.
    const dead = spawnSync('true').pid;
    const build = join(dir, 'build');
    mkdirSync(join(build, `work/load.tmp-${dead}`), { recursive: true });
    writeFileSync(join(build, `work/load.tmp-${dead}/qantar.duckdb`), 'half');
    mkdirSync(join(build, `releases/.tmp-${dead}/csv`), { recursive: true });
    mkdirSync(join(build, `site.tmp-${dead}`), { recursive: true });
    mkdirSync(join(build, `site.old-${dead}`), { recursive: true });
    mkdirSync(join(build, `.lock.tmp-${dead}`), { recursive: true });
    symlinkSync('releases/nowhere', join(build, `release.tmp-${dead}`));
    writeFileSync(join(build, `stamps/clean.json.tmp-${dead}`), '{"fingerp');
    // make bench's copies are repositories of their own: their builds sweep their leftovers.
    const benchLeftover = `bench/work-1x/build/site.tmp-${dead}`;
    mkdirSync(join(build, benchLeftover), { recursive: true });
    // A plain build, not --force: the stamps the kills left must not make a stage look fresh.
    const r = await runCliAsync(dir, ['build']);
    expect(r.status, r.stderr).toBe(0);
    expect(verifyRelease(dir, 'build after the kills')).toBe(sums.A);
    // Only the published release is kept.
    expect(readdirSync(join(build, 'releases'))).toEqual([basename(readlinkSync(join(build, 'release')))]);
    expect(leftovers(dir)).toEqual([benchLeftover]);
    rmSync(join(build, 'bench'), { recursive: true });
  }, 120_000);
});

describe('two builds at once in the same checkout', () => {
  it('one builds, the other refuses with build/locked, and the release is complete', async () => {
    const runs = await Promise.all([runCliAsync(other, ['build', '--force']), runCliAsync(other, ['build', '--force'])]);
    const [winner, loser] = [...runs].sort((x, y) => (x.status ?? 9) - (y.status ?? 9));
    expect(winner!.status, winner!.stderr).toBe(0);
    expect(loser!.status, loser!.stdout + loser!.stderr).toBe(1);
    expect(loser!.stderr).toMatch(/^build\/\.lock  build\/locked  another build is running \(pid \d+\)  hint: wait for it to finish/m);
    for (const r of runs) expect(r.stderr).not.toMatch(stackTrace);
    expect(verifyRelease(other, 'after two builds at once')).toBe(sums.B);
    expect(leftovers(other)).toEqual([]);
  }, 120_000);
});

describe('a release folder half removed by a killed build', () => {
  it('is replaced, not published, when the same inputs bring its id back', async () => {
    // A build killed while it removed the older releases leaves one half removed; here release A
    // is left with its card only while B is published, and then A is built again.
    const idA = sha256(sums.A).slice(0, 16);
    mkdirSync(join(other, 'build/releases', idA));
    writeFileSync(join(other, 'build/releases', idA, 'README.md'), '# half removed\n');
    writeFileSync(join(other, 'raw/dataset.yaml'), yamlA);
    const r = await runCliAsync(other, ['build']);
    expect(r.status, r.stderr).toBe(0);
    expect(verifyRelease(other, 'release A built again')).toBe(sums.A);
    expect(readlinkSync(join(other, 'build/release'))).toBe(`releases/${idA}`);
  }, 120_000);
});

describe('a lock left behind', () => {
  const lock = () => join(other, 'build/.lock');
  /** A lock folder with the given pid file content (none: no file) and age. */
  const makeLock = (pid: string | null, ageSeconds = 0) => {
    mkdirSync(lock(), { recursive: true });
    if (pid !== null) writeFileSync(join(lock(), 'pid'), pid);
    const when = Date.now() / 1000 - ageSeconds;
    utimesSync(lock(), when, when);
  };

  it('is taken over when its build is dead, when it is empty, or when its pid is unreadable and old', async () => {
    const dead = String(spawnSync('true').pid);
    for (const [pid, age] of [
      [dead, 0],
      [null, 0], // what the older lock.ts left when killed between mkdir and writing the pid
      ['', 60],
    ] as const) {
      makeLock(pid, age);
      const r = await runCliAsync(other, ['validate']);
      expect(r.status, `lock with pid ${JSON.stringify(pid)}, ${age} s old: ${r.stderr}`).toBe(0);
      expect(leftovers(other)).toEqual([]);
    }
  });

  it('is respected when its build is alive, or when its pid is unreadable but recent', async () => {
    for (const [pid, shown] of [
      [String(process.pid), String(process.pid)],
      ['', 'unknown'],
    ]) {
      makeLock(pid!);
      const r = await runCliAsync(other, ['validate']);
      expect(r.status, r.stdout + r.stderr).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^build/\\.lock  build/locked  another build is running \\(pid ${shown}\\)  hint: `, 'm'));
      expect(r.stderr).not.toMatch(stackTrace);
      rmSync(lock(), { recursive: true });
      expect(leftovers(other)).toEqual([]);
    }
  });
});
