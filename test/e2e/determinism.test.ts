// Determinism matrix: the release and the site are the same, byte for byte, whatever the timezone,
// the locale, the number of DuckDB threads (QANTAR_DUCKDB_THREADS) and the folder they are built
// in, and the site names neither that folder nor this checkout.
//
// All 8 combinations of TZ (UTC, Asia/Almaty), LANG/LC_ALL (C, ru_RU.UTF-8) and DuckDB threads
// (1, 2), each built in a copy of its own (so in 8 different folders), two at a time (the machine
// has 2 cores), and compared with the first. The first is the test run's shared build
// (test/support/temp-repo.ts, built under exactly that environment), not built again. The builds
// share the test run's cache of figure SVGs and PNGs (QANTAR_CACHE_DIR,
// test/support/global-setup.ts), except the last, which draws and rasterises its own in its copy's
// build/cache/, so figures drawn under another timezone, locale and thread count are compared too.
// At the end, a database file written after DuckDB reused memory, which the 1x builds never do.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { duckdbThreads, withDatabase } from '../../pipeline/lib/duckdb.js';
import { hashPath, listFiles, sha256File } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { formatReport, InputProblems } from '../../pipeline/lib/problems.js';
import { copyRepo, runCliAsync, sharedBuildDir, sharedBuildEnv, sharedRelease } from '../support/temp-repo.js';
import { expectVerifiedRelease } from '../support/release.js';

// The first combination is the shared build's environment, by construction.
const shared = sharedBuildEnv;
const matrix = [shared.TZ, 'Asia/Almaty'].flatMap((TZ) =>
  [shared.LANG, 'ru_RU.UTF-8'].flatMap((locale) => [shared.QANTAR_DUCKDB_THREADS, '2'].map((threads) => ({ TZ, locale, threads }))),
);
const name = (m: (typeof matrix)[number]) => `TZ=${m.TZ} LANG=${m.locale} QANTAR_DUCKDB_THREADS=${m.threads}`;

/**
 * The hash of a build's site, after checking that its pages, scripts and data name neither the
 * folder it was built in nor this checkout (whose node_modules the copies link).
 */
function siteHash(dir: string, context: string): string {
  const site = join(dir, 'build/site');
  const assets = listFiles(join(site, 'assets')).filter((f) => /^[^/]+\.(js|json|css)$/.test(f));
  for (const f of ['index.html', ...assets.map((f) => `assets/${f}`), 'documents/rcit-2022-01-05-en.html']) {
    const text = readFileSync(join(site, f), 'utf8');
    expect(text.includes(dir), `${context}: ${f} names the folder it was built in`).toBe(false);
    expect(text.includes(repoRoot), `${context}: ${f} names this checkout`).toBe(false);
  }
  return hashPath(site)!;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Runs the tasks at most `limit` at a time, keeping their order in the results. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('the release and the site under every timezone, locale and number of DuckDB threads', () => {
  it('have the same SHA256SUMS, every file matching it, and the same site', async () => {
    const built = await pool(
      matrix.slice(1).map((m) => async () => {
        const dir = copyRepo({ linkNodeModules: true });
        dirs.push(dir);
        const ownCache = m === matrix.at(-1);
        const env = {
          TZ: m.TZ,
          LANG: m.locale,
          LC_ALL: m.locale,
          QANTAR_DUCKDB_THREADS: m.threads,
          ...(ownCache && { QANTAR_CACHE_DIR: '' }),
        };
        const r = await runCliAsync(dir, ['build'], env);
        expect(r.status, `${name(m)}: ${r.stderr}`).toBe(0);
        const sums = expectVerifiedRelease(join(dir, 'build/release'), name(m));
        if (ownCache) {
          const figures = readdirSync(join(dir, 'build/release/figures'));
          expect(readdirSync(join(dir, 'build/cache/svg')).length, `${name(m)} drew its own SVGs`).toBe(figures.length);
          expect(readdirSync(join(dir, 'build/cache/png')).length, `${name(m)} rasterised its own PNGs`).toBe(figures.length);
        }
        const site = siteHash(dir, name(m));
        rmSync(dir, { recursive: true, force: true }); // 7 copies of 200 MB otherwise
        return { sums, site };
      }),
      2,
    );
    const sums = [expectVerifiedRelease(sharedRelease(), name(matrix[0]!)), ...built.map((b) => b.sums)];
    for (const [i, s] of sums.entries()) {
      // On a difference, name the files, not just the sums.
      const differing = s.split('\n').filter((line) => !sums[0]!.split('\n').includes(line));
      expect(differing, `${name(matrix[i]!)} against ${name(matrix[0]!)}`).toEqual([]);
      expect(s, `${name(matrix[i]!)} against ${name(matrix[0]!)}`).toBe(sums[0]);
    }
    // After the releases, which the site carries (its downloads): a release difference is named above.
    const sites = [siteHash(sharedBuildDir(), name(matrix[0]!)), ...built.map((b) => b.site)];
    expect(sites, 'the sites, in the order of the matrix').toEqual(sites.map(() => sites[0]));
  }, 300_000);

  it('reads QANTAR_DUCKDB_THREADS in one place, and every database opens with it', async () => {
    const readers = listFiles(join(repoRoot, 'pipeline')).filter((f) =>
      readFileSync(join(repoRoot, 'pipeline', f), 'utf8').includes('process.env.QANTAR_DUCKDB_THREADS'),
    );
    expect(readers).toEqual(['lib/duckdb.ts']);
    const saved = process.env.QANTAR_DUCKDB_THREADS;
    try {
      delete process.env.QANTAR_DUCKDB_THREADS;
      expect(duckdbThreads()).toBe('1');
      process.env.QANTAR_DUCKDB_THREADS = '2';
      const threads = await withDatabase(
        ':memory:',
        {},
        async (con) => (await con.runAndReadAll(`SELECT current_setting('threads')::INTEGER`)).getRows()[0]![0],
      );
      expect(threads).toBe(2);
      process.env.QANTAR_DUCKDB_THREADS = 'two';
      expect(() => duckdbThreads()).toThrow(InputProblems);
      expect(formatReport((catchError(duckdbThreads) as InputProblems).problems)).toMatch(/^QANTAR_DUCKDB_THREADS  env\/duckdb-threads  /);
    } finally {
      if (saved === undefined) delete process.env.QANTAR_DUCKDB_THREADS;
      else process.env.QANTAR_DUCKDB_THREADS = saved;
    }
  });
});

describe('a database file written after DuckDB reused memory', () => {
  // At 1x the builds above never reuse memory, so they cannot see this: DuckDB writes the unused
  // parts of partly filled blocks as they are in memory, and at 100x the corpus every load gave a
  // different file until loadDuckDB had DuckDB's allocator zero what it allocates.
  const write = (mode: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'qantar-reused-'));
    dirs.push(dir);
    const out = join(dir, 'qantar.duckdb'); // one name: the catalog is named after the file
    // Without the setting this process may have inherited or set itself (loadDuckDB), so that
    // --raw loads DuckDB as it comes.
    const { DUCKDB_JE_MALLOC_CONF: _, ...env } = process.env;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/reused-memory-db.ts', out, ...mode], {
      cwd: repoRoot,
      encoding: 'utf8',
      env,
    });
    expect(r.status, r.stderr).toBe(0);
    return sha256File(out);
  };

  it('is the same file every time', () => {
    expect(write([])).toBe(write([]));
  });

  it('differs without the allocator setting (the check above can fail)', () => {
    // Memory holds random strings, different on every run: of three runs at least two differ
    // (in trials 12 runs gave 12 files; a first version that wrote one table once gave 3 equal).
    expect(new Set([write(['--raw']), write(['--raw']), write(['--raw'])]).size).toBeGreaterThan(1);
  });
});
