// collectIfGrown collects once the heap holds far more than was live at the last collection: the
// garbage of a stage that streamed gigabytes does not wait for V8's own, much later, collection.
// memoryReturned waits until a collection's garbage has left the process's resident set;
// peakRssKiB is a process's own peak.
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { inProcess } from '../support/in-process.js';

const usedMiB = () => getHeapStatistics().used_heap_size / 2 ** 20;

describe('collectIfGrown', () => {
  it('frees garbage past one and a half times the live heap plus 128 MiB, and keeps what is live', async () => {
    // A fresh instance of the module, which has collected nothing yet: test files share their
    // worker's modules (vitest.config.ts), so another file's collections would have set what was
    // live, and what they keep live is part of this heap too.
    vi.resetModules();
    const { collectIfGrown } = await import('../../pipeline/lib/memory.js');
    collectIfGrown(); // a first collection sets what was live
    const live = usedMiB();
    // Garbage until the heap is well past the threshold, whatever else the worker keeps alive.
    let garbage: number[][] | null = [];
    for (let i = 0; usedMiB() < 1.5 * live + 128 + 250; i++) garbage.push(new Array<number>(100).fill(i));
    const kept = garbage.slice(0, 1000);
    const before = usedMiB();
    garbage = null; // no allocation between here and the call, so V8 collects nothing itself
    collectIfGrown();
    expect(usedMiB()).toBeLessThan(before - 200);
    expect(kept[999]![99]).toBe(999);
  });
});

const lib = JSON.stringify(`${repoRoot}/pipeline/lib/memory.ts`);

describe('memoryReturned', () => {
  // In processes of their own: the resident size of a test worker moves with the other files' work.

  it('waits, after a collection, until what it freed has left the resident set', () => {
    const { before, waited, returned } = inProcess<{ before: number; waited: number; returned: number }>(`
      const m = await import(${lib});
      const rss = () => process.memoryUsage.rss() / 2 ** 20;
      // 512 MiB of buffers (outside the heap), and strings enough for a collection after a stage.
      let buffers = Array.from({ length: 8 }, () => new Uint8Array(64 * 2 ** 20).fill(1));
      let strings = Array.from({ length: 2e6 }, (_, i) => 'x'.repeat(64) + i);
      const before = rss();
      buffers = strings = null;
      m.collectAfterStage();
      const t = performance.now();
      await m.memoryReturned();
      console.log(JSON.stringify({ before, waited: performance.now() - t, returned: rss() }));`);
    // V8 frees part of it on its own threads: right after the collection, 440-576 MiB of 973 were
    // still resident in three runs, 111 MiB 100 ms later. The wait takes four steady samples at least.
    expect(waited).toBeGreaterThanOrEqual(200);
    expect(returned).toBeLessThan(before - 600);
  });

  it('returns at once when nothing was collected', () => {
    const { ms } = inProcess<{ ms: number }>(`
      const m = await import(${lib});
      const t = performance.now();
      await m.memoryReturned();
      console.log(JSON.stringify({ ms: performance.now() - t }));`);
    expect(ms).toBeLessThan(150); // a wait is four samples 50 ms apart
  });
});

describe('peakRssKiB', () => {
  it("counts this process's own peak, not its parent's at the fork", () => {
    // A parent holding 600 MiB starts a small process the way runProcessJob does (fork).
    const { child, parent } = inProcess<{ child: number; parent: number }>(`
      import { fork } from 'node:child_process';
      const m = await import(${lib});
      const held = new Uint8Array(600 * 2 ** 20).fill(1);
      const script = 'const m = await import(' + ${JSON.stringify(lib)} + '); process.send(m.peakRssKiB(), () => process.disconnect());';
      const child = fork('--input-type=module', [], { execArgv: ['--import', 'tsx', '-e', script] });
      const [kib] = await new Promise((resolve) => child.once('message', (...a) => resolve(a)));
      console.log(JSON.stringify({ child: kib / 1024, parent: m.peakRssKiB() / 1024, held: held[0] }));`);
    expect(parent).toBeGreaterThan(600);
    expect(child).toBeLessThan(300);
  });
});
