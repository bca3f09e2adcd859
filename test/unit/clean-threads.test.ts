// Sources cleaned on a worker thread (pipeline/clean/threads.ts): the worker's NDJSON lines are
// those of cleaning here, for every source of the corpus; a source with a problem is cleaned
// again here, so its problems carry their place in sources.yaml; the bundle's worker answers too.
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { cleanSource, type Locate } from '../../pipeline/clean/clean-source.js';
import { bundledWorker, cleanedLines, CleaningThreads, type CleanReply, type CleanRequest } from '../../pipeline/clean/threads.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import type { Problem } from '../../pipeline/lib/problems.js';
import { loadLanguages, readSources, sourcesFile, type RawSource } from '../../pipeline/stages/raw-inputs.js';

const languages = loadLanguages();
const problems: Problem[] = [];
const { locate: locateIn, sources: read } = readSources(problems);
const sources = [...read];
const locate =
  (s: RawSource): Locate =>
  (path) => ({ file: sourcesFile, ...locateIn(['sources', s.index, ...path]) });
const cleanedHere = (s: RawSource) => cleanedLines(cleanSource(s.text, s.config, locate(s), languages, s.capture));

describe('sources cleaned on a worker thread', () => {
  it('give the lines of cleaning here, for every source of the corpus', async () => {
    expect(problems).toEqual([]);
    const threads = new CleaningThreads(languages, { sourcesBeforeWorker: 0 });
    try {
      const cleaned = sources.map((s) => threads.clean(s, locate(s)));
      expect(cleaned.filter((c) => c instanceof Promise).length).toBeGreaterThanOrEqual(4); // the worker took some
      expect(await Promise.all(cleaned)).toEqual(sources.map(cleanedHere));
    } finally {
      threads.close();
    }
  });

  it('clean a source with a problem again here, so that the problem has its line and column', async () => {
    const s = sources[0]!;
    const broken: RawSource = {
      ...s,
      config: { ...s.config, boilerplate: [{ starts_with: 'No line starts like this', rule: 'site-navigation', reason: 'a test' }] },
    };
    const threads = new CleaningThreads(languages, { sourcesBeforeWorker: 0 });
    try {
      const cleaned = threads.clean(broken, locate(broken));
      expect(cleaned).toBeInstanceOf(Promise);
      const { problems: found } = await cleaned;
      expect(found.map((p) => p.code)).toEqual(['sources/boilerplate-not-found']);
      expect(found[0]).toMatchObject({ file: sourcesFile, line: expect.any(Number), column: expect.any(Number) });
      expect(found).toEqual(cleanedHere(broken).problems);
    } finally {
      threads.close();
    }
  });

  it("the bundle's worker (build/bin/, which make dataset runs) sends back a source's lines", async () => {
    // test/support/global-setup.ts has brought build/bin/ up to date with the sources.
    const worker = new Worker(join(repoRoot, 'build/bin', bundledWorker), { workerData: { languages } });
    try {
      const s = sources[1]!;
      worker.postMessage({ id: 7, source: s } satisfies CleanRequest);
      const [reply] = (await once(worker, 'message')) as [CleanReply];
      expect(reply).toEqual({ id: 7, cleaned: cleanedHere(s) });
    } finally {
      await worker.terminate();
    }
  });
});
