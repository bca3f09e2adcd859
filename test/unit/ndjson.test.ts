import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { NdjsonReader, ndjsonRows, NdjsonWriter, writeNdjsonFolder } from '../../pipeline/lib/ndjson.js';

/** The format, spelled out: one JSON text per row, each ending in a newline. */
const toNdjson = (rows: readonly unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');

const dir = mkdtempSync(join(tmpdir(), 'qantar-ndjson-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('NDJSON read and written a row at a time', () => {
  it('round-trips any rows, whatever the chunk boundaries cut (multi-byte text, long rows)', () => {
    const row = fc.record({ id: fc.integer(), text: fc.string({ unit: 'binary', maxLength: 40 }), pad: fc.nat({ max: 3 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.nat({ max: 3 }), (rows, longRows) => {
        // a few rows longer than the 1 MiB read, so a row spans reads
        const all = [...rows, ...Array.from({ length: longRows }, (_, i) => ({ id: i, text: 'ж'.repeat(400_000 + i * 7), pad: 0 }))];
        const path = join(dir, 'a.ndjson');
        const w = new NdjsonWriter(path);
        w.writeAll(all);
        w.close();
        expect(readFileSync(path, 'utf8')).toBe(toNdjson(all));
        expect([...ndjsonRows(path)]).toEqual(all);
      }),
      { numRuns: 8 },
    );
  });

  it('takes the rows of one group at a time, in file order', () => {
    const path = join(dir, 'g.ndjson');
    writeFileSync(path, toNdjson([{ g: 'a' }, { g: 'a' }, { g: 'b' }, { g: 'c' }, { g: 'c' }]));
    const r = new NdjsonReader<{ g: string }>(path);
    expect(r.takeWhile((x) => x.g === 'a')).toHaveLength(2);
    expect(r.takeWhile((x) => x.g === 'a')).toHaveLength(0);
    expect(r.peek()).toEqual({ g: 'b' });
    expect(r.takeWhile((x) => x.g === 'b')).toEqual([{ g: 'b' }]);
    expect([...r]).toEqual([{ g: 'c' }, { g: 'c' }]);
    expect(r.take()).toBeUndefined();
    r.close();
  });

  it('names the file and line of a row that is not JSON', () => {
    const path = join(dir, 'bad.ndjson');
    writeFileSync(path, '{"a":1}\n{"a":\n');
    expect(() => [...ndjsonRows(path)]).toThrow(`${path}:2: not a JSON row`);
  });

  it('swaps the folder in only when every table is written, and leaves the old one on failure', () => {
    const out = join(dir, 'tables');
    writeNdjsonFolder(out, ['x', 'y'], (w) => {
      w.x.write({ n: 1 });
      w.y.writeAll([]);
    });
    expect(readFileSync(join(out, 'x.ndjson'), 'utf8')).toBe('{"n":1}\n');
    expect(readFileSync(join(out, 'y.ndjson'), 'utf8')).toBe('');
    expect(() =>
      writeNdjsonFolder(out, ['x'], (w) => {
        w.x.write({ n: 2 });
        throw new Error('stage failed');
      }),
    ).toThrow('stage failed');
    expect(readFileSync(join(out, 'x.ndjson'), 'utf8')).toBe('{"n":1}\n');
    expect(existsSync(`${out}.tmp-${process.pid}`)).toBe(false);
  });
});
