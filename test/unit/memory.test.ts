// collectIfGrown collects once the heap holds far more than was live at the last collection: the
// garbage of a stage that streamed gigabytes does not wait for V8's own, much later, collection.
import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectIfGrown } from '../../pipeline/lib/memory.js';

const usedMiB = () => getHeapStatistics().used_heap_size / 2 ** 20;

describe('collectIfGrown', () => {
  it('frees garbage past twice the live heap plus 128 MiB, and keeps what is live', () => {
    collectIfGrown(); // a first collection sets what was live
    let garbage: number[][] | null = Array.from({ length: 400_000 }, (_, i) => new Array<number>(100).fill(i));
    const kept = garbage.slice(0, 1000);
    const before = usedMiB();
    garbage = null; // no allocation between here and the call, so V8 collects nothing itself
    collectIfGrown();
    expect(before).toBeGreaterThan(300);
    expect(usedMiB()).toBeLessThan(before - 200);
    expect(kept[999]![99]).toBe(999);
  });
});
