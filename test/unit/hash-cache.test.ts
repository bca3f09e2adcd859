import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/lib/files.js';
import { FileHashCache } from '../../pipeline/lib/hash-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'qantar-hash-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the file hash cache', () => {
  it('is kept between builds, and a rewrite to the same size with the old mtime is still seen', () => {
    const file = join(dir, 'a.txt');
    const cacheFile = join(dir, 'cache.json');
    writeFileSync(file, 'first');
    const first = new FileHashCache(cacheFile);
    expect(first.sha256File(file)).toBe(sha256('first'));
    first.save();

    const { atime, mtime } = statSync(file);
    writeFileSync(file, 'other'); // same size
    utimesSync(file, atime, mtime); // and the old mtime, as a copy tool may set it
    expect(new FileHashCache(cacheFile).sha256File(file)).toBe(sha256('other'));
  });

  it('answers from the cache for a file that did not change', () => {
    const file = join(dir, 'b.txt');
    const cacheFile = join(dir, 'cache-b.json');
    writeFileSync(file, 'content');
    const c = new FileHashCache(cacheFile);
    c.sha256File(file);
    c.save();
    // Planting a wrong hash under the same identity shows the second build did not read the file.
    const entries = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, [string, string]>;
    entries[file]![1] = 'f'.repeat(64);
    writeFileSync(cacheFile, JSON.stringify(entries));
    expect(new FileHashCache(cacheFile).sha256File(file)).toBe('f'.repeat(64));
  });

  it('survives a damaged cache file', () => {
    const file = join(dir, 'c.txt');
    writeFileSync(file, 'x');
    writeFileSync(join(dir, 'bad.json'), '{not json');
    expect(new FileHashCache(join(dir, 'bad.json')).sha256File(file)).toBe(sha256('x'));
  });
});
