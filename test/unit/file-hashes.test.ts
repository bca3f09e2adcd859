// sha256File remembers hashes under the file's identity and change time, in the process and,
// through loadFileHashes/saveFileHashes, between builds.
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'qantar-file-hashes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the module, as a new build process would load it. */
const freshFiles = async () => {
  vi.resetModules();
  return import('../../pipeline/lib/files.js');
};

describe('file hashes', () => {
  it('are the sha256 of the content, across 1 MiB reads', async () => {
    const { sha256, sha256File } = await freshFiles();
    const big = Buffer.alloc(3 * (1 << 20) + 17, 'ж');
    writeFileSync(join(dir, 'big'), big);
    expect(sha256File(join(dir, 'big'))).toBe(sha256(big));
  });

  it('see a rewrite to the same size with the old mtime restored', async () => {
    const { sha256, sha256File } = await freshFiles();
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'first');
    expect(sha256File(file)).toBe(sha256('first'));
    const { atime, mtime } = statSync(file);
    writeFileSync(file, 'other'); // same size
    utimesSync(file, atime, mtime); // and the old mtime, as a copy tool may set it
    expect(sha256File(file)).toBe(sha256('other'));
  });

  it('are taken from a previous build for a file that did not change, and a damaged cache costs nothing', async () => {
    const file = join(dir, 'b.txt');
    const cache = join(dir, 'hashes.json');
    writeFileSync(file, 'content');
    const first = await freshFiles();
    first.sha256File(file);
    first.saveFileHashes(cache);
    // A wrong hash planted under the same identity shows the next build did not read the file.
    const entries = JSON.parse(readFileSync(cache, 'utf8')) as Record<string, [string, string]>;
    entries[file]![1] = 'f'.repeat(64);
    writeFileSync(cache, JSON.stringify(entries));
    const next = await freshFiles();
    next.loadFileHashes(cache);
    expect(next.sha256File(file)).toBe('f'.repeat(64));

    writeFileSync(cache, '{not json');
    const damaged = await freshFiles();
    damaged.loadFileHashes(cache);
    expect(damaged.sha256File(file)).toBe(damaged.sha256('content'));
  });
});
