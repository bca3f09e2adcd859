// Runs the stages in dependency order. A stage declares its inputs and outputs; it is skipped when
// the hash of its inputs, of the pipeline's code and of its outputs is what it was after its last
// successful run. Stamps live in build/stamps/.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeFingerprint, hashPath, loadFileHashes, saveFileHashes, writeAtomic } from './lib/files.js';
import { collectAfterStage } from './lib/memory.js';
import { buildDir, repoRoot } from './lib/paths.js';
import { failOn, InputProblems, type Problem } from './lib/problems.js';

export interface StageResult {
  /** What the stage produced, for the status line, e.g. "9 documents, 1204 sentences". */
  summary: string;
  /**
   * When the stage ran a process of its own, which this process's high-water mark does not count:
   * the build's peak RSS while it ran (KiB), this process's RSS plus that one's peak (a bound).
   */
  peakRssKiB?: number;
}

export interface Stage {
  name: string;
  description: string;
  /** Repository-relative files and folders the stage reads (folders are hashed whole). */
  inputs(): string[];
  /** Repository-relative files and folders the stage writes. */
  outputs: string[];
  /** Load, transform, save. Throws InputProblems for bad input. */
  run(): Promise<StageResult>;
}

export interface StageStatus {
  stage: string;
  state: 'fresh' | 'rebuilt';
  summary: string;
  seconds: number;
  /** StageResult's, when the stage ran a process of its own. */
  peakRssKiB?: number;
}

/** Orders stages so that each runs after the stages that write its inputs; ties keep list order. */
export function orderStages(stages: readonly Stage[]): Stage[] {
  const writer = new Map<string, Stage>();
  for (const s of stages) for (const o of s.outputs) writer.set(o, s);
  const done = new Set<Stage>();
  const visiting = new Set<Stage>();
  const out: Stage[] = [];
  const visit = (s: Stage) => {
    if (done.has(s)) return;
    if (visiting.has(s)) throw new Error(`stage dependency cycle through ${s.name}`);
    visiting.add(s);
    for (const input of s.inputs()) {
      const w = writer.get(input);
      if (w && w !== s) visit(w);
    }
    visiting.delete(s);
    done.add(s);
    out.push(s);
  };
  stages.forEach(visit);
  return out;
}

interface Stamp {
  fingerprint: string;
  outputs: Record<string, string | null>;
  summary: string;
}

const stampPath = (stage: Stage) => join(buildDir, 'stamps', `${stage.name}.json`);

function fingerprint(stage: Stage, code: string): string {
  const h = createHash('sha256').update(`${stage.name}\0${code}\n`);
  for (const input of [...stage.inputs()].sort()) h.update(`${input}\0${hashPath(join(repoRoot, input)) ?? 'missing'}\n`);
  return h.digest('hex');
}

function outputHashes(stage: Stage): Record<string, string | null> {
  return Object.fromEntries(stage.outputs.map((o) => [o, hashPath(join(repoRoot, o))]));
}

export async function runStages(
  stages: readonly Stage[],
  options: { force?: boolean; onStatus?: (s: StageStatus) => void } = {},
): Promise<StageStatus[]> {
  // File hashes are remembered between builds, so a build with nothing to do reads no outputs.
  const hashesFile = join(buildDir, 'stamps', 'file-hashes.json');
  loadFileHashes(hashesFile);
  try {
    return await runAll(stages, options);
  } finally {
    saveFileHashes(hashesFile);
  }
}

async function runAll(stages: readonly Stage[], options: { force?: boolean; onStatus?: (s: StageStatus) => void }): Promise<StageStatus[]> {
  // Everything that can change what a stage produces besides its declared inputs.
  const code = codeFingerprint(['pipeline', 'schemas']);
  const statuses: StageStatus[] = [];
  // A stage with bad input does not stop the stages that do not depend on it, so one run reports
  // the problems of every input file (sources.yaml, quality_flags.yaml, the annotation layer).
  const problems: Problem[] = [];
  const failedOutputs = new Set<string>();
  for (const stage of orderStages(stages)) {
    if (stage.inputs().some((i) => failedOutputs.has(i))) {
      stage.outputs.forEach((o) => failedOutputs.add(o));
      continue;
    }
    const started = performance.now();
    const print = fingerprint(stage, code);
    const stamp = readStamp(stage);
    const unchanged =
      !options.force &&
      stamp?.fingerprint === print &&
      JSON.stringify(stamp.outputs) === JSON.stringify(outputHashes(stage)) &&
      Object.values(stamp.outputs).every((h) => h !== null);
    let status: StageStatus;
    if (unchanged) {
      status = { stage: stage.name, state: 'fresh', summary: stamp.summary, seconds: (performance.now() - started) / 1000 };
    } else {
      let summary: string;
      let peakRssKiB: number | undefined;
      try {
        ({ summary, peakRssKiB } = await stage.run());
      } catch (e) {
        if (!(e instanceof InputProblems)) throw e;
        problems.push(...e.problems);
        stage.outputs.forEach((o) => failedOutputs.add(o));
        continue;
      }
      writeAtomic(stampPath(stage), JSON.stringify({ fingerprint: print, outputs: outputHashes(stage), summary }, null, 2) + '\n');
      // The next stage does not start on this one's garbage (lib/memory.ts).
      collectAfterStage();
      status = { stage: stage.name, state: 'rebuilt', summary, seconds: (performance.now() - started) / 1000, peakRssKiB };
    }
    statuses.push(status);
    options.onStatus?.(status);
  }
  failOn(problems);
  return statuses;
}

function readStamp(stage: Stage): Stamp | undefined {
  const path = stampPath(stage);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Stamp;
  } catch {
    return undefined; // a damaged stamp only costs a rebuild
  }
}
