// `make bench`: builds synthetic corpora of 1x, 10x, 100x and 1000x the seeds (SIZES=1,10 to
// choose) in copies of the repository under build/bench/work-<N>x, and measures each build as a
// child process: wall time and the stages' own seconds (parsed from the CLI's status lines),
// MB/s of raw text, rows/s, peak RSS (GNU time's, or the CLI's sum while the load stage's process
// runs beside it, whichever is larger), a no-op rebuild, and the floor (pipeline/bench/floor.ts).
// Writes build/bench/results.json and build/bench/results.md and prints an aligned table.
// Benchmarks, not tests: nothing fails on a missed goal.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { listFiles, removePath } from '../lib/files.js';
import { benchDir, buildFiles, repoRoot } from '../lib/paths.js';
import { synthesize } from './synthesize.js';
import { formatTable, type FailedSize, type SizeResult, type StageTime } from './report.js';

const tsxCli = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const gnuTime = '/usr/bin/time';
/** A larger size is tried only if the previous cold build took less than this (whole bench < 15 min). */
const maxSecondsBeforeNextSize = 60;

interface Timed {
  status: number | null;
  stdout: string;
  stderr: string;
  wall: number;
  peakRssMiB: number | null;
}

/**
 * Runs node <script> <args> in `cwd` under GNU time (when present) for its peak RSS: a TypeScript
 * script through tsx, a precompiled one (.mjs, as `make dataset` runs build/bin/cli.mjs) directly.
 */
function timed(cwd: string, args: string[]): Timed {
  const timeFile = join(benchDir, 'time.txt');
  const withTime = existsSync(gnuTime);
  const argv = [process.execPath, ...(args[0]!.endsWith('.ts') ? [tsxCli] : []), ...args];
  const started = performance.now();
  const options = { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, QANTAR_STAGE_RSS: '1' } } as const;
  const r = withTime ? spawnSync(gnuTime, ['-v', '-o', timeFile, ...argv], options) : spawnSync(argv[0]!, argv.slice(1), options);
  const wall = (performance.now() - started) / 1000;
  // GNU time reports the largest RSS of any one process it waited for, not their sum: the CLI's,
  // or the load stage's process's. The CLI's last peak-rss line counts both (commands.ts).
  const kb = withTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'))?.[1] : undefined;
  const peaks = [...(kb ? [Number(kb) / 1024] : []), ...stagePeaks(r.stderr).values()];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, wall, peakRssMiB: peaks.length > 0 ? Math.max(...peaks) : null };
}

/** The build's peak RSS in MiB after each stage, as the CLI prints it (stderr, QANTAR_STAGE_RSS). */
function stagePeaks(stderr: string): Map<string, number> {
  return new Map([...stderr.matchAll(/^peak-rss (\S+) (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

/** The stages' status lines (stdout), with the peak RSS the CLI prints after each. */
function stageTimes(run: { stdout: string; stderr: string }): StageTime[] {
  const peaks = stagePeaks(run.stderr);
  return [...run.stdout.matchAll(/^(\S+)\s+(rebuilt|fresh)\s+([\d.]+) s {2}(.*)$/gm)].map((m) => ({
    stage: m[1]!,
    state: m[2] as StageTime['state'],
    seconds: Number(m[3]),
    summary: m[4]!,
    peakRssMiB: peaks.get(m[1]!) ?? null,
  }));
}

function makeCopy(n: number): string {
  const dir = join(benchDir, `work-${n}x`);
  removePath(dir);
  mkdirSync(dir, { recursive: true });
  for (const f of buildFiles) cpSync(join(repoRoot, f), join(dir, f), { recursive: true, preserveTimestamps: true });
  symlinkSync(realpathSync(join(repoRoot, 'node_modules')), join(dir, 'node_modules'));
  return dir;
}

const dirBytes = (dir: string) => (existsSync(dir) ? listFiles(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0) : 0);

function ok(r: Timed, what: string): Timed {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

function benchSize(n: number, seed: number): SizeResult | FailedSize {
  // Other work on the machine skews every figure; the load average before the size says how much.
  const load = loadavg()[0]!;
  const dir = makeCopy(n);
  const synth = synthesize(dir, { multiplier: n, seed });
  // The CLI as `make dataset` starts it: bundled once (not timed), then plain node.
  const bundled = spawnSync('make', ['-s', 'build/bin/.bundled'], { cwd: dir, encoding: 'utf8' });
  if (bundled.status !== 0) throw new Error(`${n}x: bundling the CLI failed:\n${bundled.stdout}\n${bundled.stderr}`);
  const cold = timed(dir, ['build/bin/cli.mjs', 'build']);
  // A failed build (out of memory, say) is a result too: what ran, how long, how much memory.
  if (cold.status !== 0) return failed(n, synth, cold);
  const report = JSON.parse(readFileSync(join(dir, 'build/work/validate/report.json'), 'utf8')) as { rows: Record<string, number> };
  const rows = Object.values(report.rows).reduce((a, b) => a + b, 0);
  const noop = ok(timed(dir, ['build/bin/cli.mjs', 'build']), `${n}x no-op build`);
  const floor = ok(timed(repoRoot, [join(repoRoot, 'pipeline/bench/floor.ts'), dir]), `${n}x floor`);
  const floorOut = JSON.parse(floor.stdout.trim().split('\n').pop()!) as { seconds: number; duckdb: string };
  const stages = stageTimes(cold);
  const mb = synth.rawBytes / 1e6;
  return {
    size: n,
    load,
    sources: synth.sources,
    documents: synth.documents,
    rawMB: mb,
    rows,
    wall: cold.wall,
    mbPerSecond: mb / cold.wall,
    rowsPerSecond: rows / cold.wall,
    peakRssMiB: cold.peakRssMiB,
    stages,
    noopWall: noop.wall,
    noopPercent: (100 * noop.wall) / cold.wall,
    noopStages: stageTimes(noop),
    floorWall: floor.wall,
    floorDuckdbSeconds: floorOut.seconds,
    floorPeakRssMiB: floor.peakRssMiB,
    ratio: cold.wall / floor.wall,
    duckdb: floorOut.duckdb,
    releaseMiB: dirBytes(join(dir, 'build/release/')) / 2 ** 20,
    databaseMiB: statSync(join(dir, 'build/release/qantar.duckdb')).size / 2 ** 20,
    siteMiB: dirBytes(join(dir, 'build/site')) / 2 ** 20,
  };
}

function failed(n: number, synth: ReturnType<typeof synthesize>, cold: Timed): FailedSize {
  return {
    size: n,
    sources: synth.sources,
    rawMB: synth.rawBytes / 1e6,
    wall: cold.wall,
    peakRssMiB: cold.peakRssMiB,
    stages: stageTimes(cold),
    // V8's out-of-memory report ends with a native stack; its FATAL ERROR line is what matters.
    error: `exit ${cold.status}: ${(/^.*(FATAL ERROR|internal error).*$/m.exec(cold.stderr)?.[0] ?? cold.stderr.trim().split('\n').slice(-8).join('\n')).trim()}`,
  };
}

function machine(duckdb: string | undefined) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  return {
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    duckdb: duckdb ?? 'unknown',
  };
}

async function main() {
  const sizes = (process.env.SIZES ?? '1,10,100,1000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`SIZES must be whole numbers >= 1, e.g. SIZES=1,10: ${process.env.SIZES}`);
  const seed = Number(process.env.SEED ?? 1);
  mkdirSync(benchDir, { recursive: true });
  const results: SizeResult[] = [];
  const failures: FailedSize[] = [];
  const skipped: number[] = [];
  for (const n of sizes) {
    const last = results[results.length - 1];
    if (last && n > last.size && last.wall > maxSecondsBeforeNextSize) {
      console.log(`${n}x skipped: the ${last.size}x build took ${last.wall.toFixed(0)} s (> ${maxSecondsBeforeNextSize} s)`);
      skipped.push(n);
      continue;
    }
    console.log(`${n}x: synthesizing and building in build/bench/work-${n}x ...`);
    const r = benchSize(n, seed);
    if ('error' in r) {
      failures.push(r);
      console.log(`${n}x: build failed after ${r.wall.toFixed(1)} s (peak RSS ${r.peakRssMiB?.toFixed(0)} MiB):\n${r.error}`);
      break;
    }
    results.push(r);
    console.log(`${n}x: cold ${r.wall.toFixed(1)} s, no-op ${r.noopWall.toFixed(1)} s, floor ${r.floorWall.toFixed(1)} s`);
  }
  const out = { machine: machine(results[0]?.duckdb), seed, results, failures, skipped };
  writeFileSync(join(benchDir, 'results.json'), JSON.stringify(out, null, 2) + '\n');
  const table = formatTable(results);
  writeFileSync(join(benchDir, 'results.md'), table.markdown);
  console.log(`\n${JSON.stringify(out.machine)}\n\n${table.text}\nresults in build/bench/results.json and build/bench/results.md`);
}

await main();
