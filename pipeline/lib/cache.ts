// The cache of what depends only on its inputs (cacheDir(): build/cache/, or the folder
// QANTAR_CACHE_DIR names): one file per entry, in a folder per kind, named by the hash of the
// text of everything the entry's bytes depend on. Figures' SVGs and PNGs, the parsed YAML inputs,
// Ajv's generated code and the site's gzipped DuckDB module all keep their entries here.
import { join } from 'node:path';
import { readIfExists, sha256, writeAtomic } from './files.js';
import { cacheDir } from './paths.js';

export interface CacheEntry {
  path: string;
  /** The entry's bytes, or undefined on a miss. */
  read(): Buffer | undefined;
  /**
   * Writes the entry whole to disk before it takes its name (written aside, synced, renamed): an
   * entry is read back by every later build and never checked, so a crash must leave it whole or
   * absent, never empty or cut.
   */
  write(bytes: string | Uint8Array): void;
}

/** The entry of `kind` for `key` (everything its bytes depend on, as text), in `dir`. */
export function cacheEntry(kind: string, key: string, ext: string, dir = cacheDir()): CacheEntry {
  const path = join(dir, kind, `${sha256(key)}.${ext}`);
  return {
    path,
    read: () => readIfExists(path),
    write: (bytes) => writeAtomic(path, bytes, { durable: true }),
  };
}
