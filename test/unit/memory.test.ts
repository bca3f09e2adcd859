// collectIfGrown collects once the heap holds far more than was live at the last collection: the
// garbage of a stage that streamed gigabytes does not wait for V8's own, much later, collection.
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it, vi } from 'vitest';

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
