// One stage alone, for measuring where time and memory go (issue 17): in a repository copy whose
// earlier stages are built (a `make bench` copy, build/bench/work-<N>x), runs that stage's run()
// in this process, without the runner's freshness checks, and prints its seconds and the
// process's peak RSS. Per-stage peaks of BENCHMARKS.md ("stage alone") come from here:
//   cd build/bench/work-100x && /usr/bin/time -v node --import tsx pipeline/bench/stage.ts site
// The stage writes its outputs as in a build (so a later build finds them fresh).
import { stages } from '../stages/index.js';

const name = process.argv[2];
const stage = stages.find((s) => s.name === name);
if (!stage) {
  console.error(`usage: node --import tsx pipeline/bench/stage.ts <stage>; stages: ${stages.map((s) => s.name).join(', ')}`);
  process.exit(64);
}
const started = performance.now();
const result = await stage.run();
const seconds = (performance.now() - started) / 1000;
// maxRSS is in kilobytes: the high-water mark of this process, Node's start-up included.
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log(`${stage.name}  ${seconds.toFixed(2)} s  peak RSS ${peakMiB.toFixed(0)} MiB  ${result?.summary ?? ''}`);
