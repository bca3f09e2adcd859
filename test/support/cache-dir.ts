// A cache folder of a test's own (QANTAR_CACHE_DIR, pipeline/lib/paths.ts), so that what the test
// finds in it is what the test put there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `fn` with QANTAR_CACHE_DIR set to a new empty folder, removed afterwards. */
export async function withCacheDir(fn: (cache: string) => Promise<void> | void): Promise<void> {
  const saved = process.env.QANTAR_CACHE_DIR;
  const cache = mkdtempSync(join(tmpdir(), 'qantar-cache-'));
  try {
    process.env.QANTAR_CACHE_DIR = cache;
    await fn(cache);
  } finally {
    if (saved === undefined) delete process.env.QANTAR_CACHE_DIR;
    else process.env.QANTAR_CACHE_DIR = saved;
    rmSync(cache, { recursive: true, force: true });
  }
}
