// The cache's entries (pipeline/lib/cache.ts): one file per entry, in a folder per kind, named by
// the hash of its key and never by a machine path; written aside and renamed, so that no reader
// sees a partial entry and no temporary file stays.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheEntry } from '../../pipeline/lib/cache.js';
import { sha256 } from '../../pipeline/lib/files.js';
import { withCacheDir } from '../support/cache-dir.js';

describe('cacheEntry', () => {
  it('names an entry by its kind and the hash of its key, in the cache folder', () =>
    withCacheDir((cache) => {
      expect(cacheEntry('svg', 'key', 'svg').path).toBe(join(cache, 'svg', `${sha256('key')}.svg`));
      expect(cacheEntry('svg', 'key', 'svg', '/elsewhere').path).toBe(join('/elsewhere', 'svg', `${sha256('key')}.svg`));
      expect(cacheEntry('svg', 'key.', 'svg').path).not.toBe(cacheEntry('svg', 'key', 'svg').path);
    }));

  it('reads nothing before it is written, then the bytes written, text or binary; leaves no temporary file', () =>
    withCacheDir((cache) => {
      const text = cacheEntry('yaml', 'a', 'json');
      expect(text.read()).toBeUndefined();
      text.write('{"a":"Алматы 알마티"}');
      expect(text.read()!.toString('utf8')).toBe('{"a":"Алматы 알마티"}');
      const binary = cacheEntry('png', 'b', 'png');
      const bytes = Uint8Array.from({ length: 3 << 20 }, (_, i) => (i * 7) & 0xff);
      binary.write(bytes);
      expect(Buffer.from(bytes).equals(binary.read()!)).toBe(true);
      binary.write('again');
      expect(binary.read()!.toString()).toBe('again');
      expect(readdirSync(join(cache, 'png'))).toEqual([`${sha256('b')}.png`]);
    }));
});
