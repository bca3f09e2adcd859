import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkedFile } from '../../pipeline/lib/files.js';

const dir = mkdtempSync(join(tmpdir(), 'qantar-chunked-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ChunkedFile', () => {
  it('writes the UTF-8 of its pieces joined, whatever falls on a 1 MiB boundary (pairs, lone surrogates, long pieces)', () => {
    // Pieces of every size around the chunk's: short text, runs of 3-byte and 4-byte characters,
    // lone surrogates (written as U+FFFD, as Buffer.from writes them), and pieces over 1 MiB.
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.tuple(fc.constantFrom('ж', '한', '😀', '\ud800', 'a'), fc.integer({ min: 1, max: 400_000 })).map(([s, n]) => s.repeat(n)),
    );
    let runs = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const path = join(dir, `out-${++runs}.txt`);
        const out = new ChunkedFile(path);
        for (const p of pieces) out.write(p);
        expect(existsSync(path)).toBe(false); // under its temporary name until closed
        out.close();
        expect(readFileSync(path).equals(Buffer.from(pieces.join('')))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
