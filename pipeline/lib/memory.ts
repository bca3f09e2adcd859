// Garbage collected before it piles up. The stages stream gigabytes of short-lived strings at
// 1000x the corpus (annotations.jsonld alone is 2.9 GB), and V8 lets its old generation grow to
// several times what survived its last collection before collecting it again; in the one-process
// build a stage also started on the garbage of the stages before it. Stage alone at 1000x: clean
// 1,581 -> 665 MiB, release 1,798 -> 1,271 MiB (issue 17, BENCHMARKS.md). --optimize-for-size was
// tried instead: release 1,044 MiB, but the whole build at 100x took 97 s instead of 43 s.
// The collection runs without --expose-gc on Node's command line (the CLI is started by make, the
// bench, the tests and users' own scripts).
import { readFileSync } from 'node:fs';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;
/** When collectGarbage last ran (performance.now()). */
let collectedAt = -Infinity;
/** The heap in use after the last collection made here: what was live then. */
let survived = 0;
/** How far past one and a half times that the heap may grow before collectIfGrown collects. */
const slack = 128 * 2 ** 20;

function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  survived = getHeapStatistics().used_heap_size;
  collectedAt = performance.now();
}

/**
 * Collects garbage once the heap holds more than one and a half times what was live at the last
 * collection, plus 128 MiB: each collection costs about what is live, and comes after at least
 * half as much has been allocated, so the cost stays proportional to the work while the garbage
 * stays bounded (twice what was live: the release alone at 1000x 1,435 MiB; 1.5 times: 1,271). The
 * NDJSON reader and the writers call it at every 1 MiB read or written; reading the heap's size
 * takes ~2 µs.
 */
export function collectIfGrown(): void {
  if (getHeapStatistics().used_heap_size > 1.5 * survived + slack) collectGarbage();
}

/**
 * Collects garbage when the heap holds more than 128 MiB, whatever was live before: called when a
 * stage (or a part of the release) has finished, its data is garbage now, and what was live at the
 * last collection (validate's key sets, at 1000x the corpus) says nothing of what is live next. A
 * small heap (a 1x build) is left alone.
 */
export function collectAfterStage(): void {
  if (getHeapStatistics().used_heap_size > slack) collectGarbage();
}

/**
 * Resolves once this process's resident memory has stopped falling after a recent collection:
 * V8 frees what a collection found dead (large buffers, whole pages) on its own threads over the
 * next few hundred milliseconds. A stage that starts a process of its own waits for it, so that
 * the two processes do not hold that garbage side by side (the load stage at 1000x the corpus:
 * the CLI at 653 MiB when it forked, 181 MiB a few seconds later). Returns at once when nothing
 * was collected in the last two seconds (a small build collects nothing).
 */
export async function memoryReturned(): Promise<void> {
  if (performance.now() - collectedAt > 2000) return;
  const deadline = performance.now() + 2000;
  let last = process.memoryUsage.rss();
  for (let steady = 0; steady < 4 && performance.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rss = process.memoryUsage.rss();
    steady = last - rss < 4 * 2 ** 20 ? steady + 1 : 0;
    last = rss;
  }
}

/**
 * This process's peak resident memory in KiB since it started its program: Linux's VmHWM, which
 * starts again at exec. `resourceUsage().maxRSS` does not: in a process that Node forked, it
 * includes the parent's resident memory at the fork. Elsewhere, maxRSS.
 */
export function peakRssKiB(): number {
  let status = '';
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    // not Linux
  }
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return hwm === undefined ? process.resourceUsage().maxRSS : Number(hwm);
}
