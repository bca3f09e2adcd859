// collectIfGrown collects once the heap holds far more than was live at the last collection: the
// garbage of a stage that streamed gigabytes does not wait for V8's own, much later, collection.
// memoryReturned waits until a collection's garbage has left the process's resident set.
import { spawnSync } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../../pipeline/lib/paths.js';

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

describe('memoryReturned', () => {
  // In a process of its own: the resident size of a test worker moves with the other files' work.
  const run = <T>(code: string): T => {
    const lib = JSON.stringify(`${repoRoot}/pipeline/lib/memory.ts`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `const m = await import(${lib});\n${code}`], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };
  const rssMiB = 'const rss = () => process.memoryUsage.rss() / 2 ** 20;';

  it('waits, after a collection, until what it freed has left the resident set', () => {
    const { before, collected, returned } = run<{ before: number; collected: number; returned: number }>(`${rssMiB}
      // 512 MiB of buffers (outside the heap), and strings enough for a collection after a stage.
      let buffers = Array.from({ length: 8 }, () => new Uint8Array(64 * 2 ** 20).fill(1));
      let strings = Array.from({ length: 2e6 }, (_, i) => 'x'.repeat(64) + i);
      const before = rss();
      buffers = strings = null;
      m.collectAfterStage();
      const collected = rss();
      await m.memoryReturned();
      console.log(JSON.stringify({ before, collected, returned: rss() }));`);
    // V8 frees part of it on its own threads: just after the collection, hundreds of MiB are still
    // resident (measured: 440-576 MiB of 973, then 111).
    expect(collected - returned).toBeGreaterThan(200);
    expect(returned).toBeLessThan(before - 600);
  });

  it('returns at once when nothing was collected', () => {
    const { ms } = run<{ ms: number }>(
      `const t = performance.now(); await m.memoryReturned(); console.log(JSON.stringify({ ms: performance.now() - t }));`,
    );
    expect(ms).toBeLessThan(40);
  });
});
