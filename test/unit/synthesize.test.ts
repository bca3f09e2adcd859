// The synthetic corpus generator of the benchmarks (pipeline/bench/synthesize.ts), on a copy of
// raw/ only: deterministic bytes, unique ids, sha256 pins that match, and copies that the clean
// step turns into exactly the seeds' clean texts (so every seed quote anchors in every copy). The
// builds of 10x and more are benchmarks (`make bench`), not tests.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoLanguages } from '../support/languages.js';
import { parse } from 'yaml';
import { cleanSource, docId } from '../../pipeline/clean/clean-source.js';
import type { SourcesFile } from '../../pipeline/clean/types.js';
import { copyId, synthesize } from '../../pipeline/bench/synthesize.js';
import { sha256 } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';

const multiplier = 5;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function synthesized(seed: number) {
  const dir = mkdtempSync(join(tmpdir(), 'qantar-synth-'));
  dirs.push(dir);
  cpSync(join(repoRoot, 'raw'), join(dir, 'raw'), { recursive: true });
  const result = synthesize(dir, { multiplier, seed });
  return { dir, result };
}

/** Every file under raw/, name -> sha256. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of ['', 'texts', 'annotations']) {
    for (const f of readdirSync(join(dir, 'raw', sub), { withFileTypes: true })) {
      if (f.isFile()) out[`${sub}/${f.name}`] = sha256(readFileSync(join(dir, 'raw', sub, f.name)));
    }
  }
  return out;
}

const a = synthesized(7);
const b = synthesized(7);
const sources = (parse(readFileSync(join(a.dir, 'raw/sources.yaml'), 'utf8')) as SourcesFile).sources;
const seeds = (parse(readFileSync(join(repoRoot, 'raw/sources.yaml'), 'utf8')) as SourcesFile).sources;

describe('synthetic corpus generator', () => {
  it('writes the same bytes for the same seed', () => {
    expect(snapshot(a.dir)).toEqual(snapshot(b.dir));
  });

  it('writes multiplier copies of each seed, the seed included, with unique ids', () => {
    expect(sources).toHaveLength(seeds.length * multiplier);
    expect(a.result.sources).toBe(sources.length);
    const ids = sources.map((s) => s.id);
    const docs = sources.flatMap((s) => s.sections.map((sec) => docId(s.id, sec.lang)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(docs).size).toBe(docs.length);
    expect(new Set([...ids, ...docs]).size).toBe(ids.length + docs.length);
    expect(ids).toContain(copyId(seeds[0]!.id, multiplier - 1));
  });

  it('pins each raw text with its sha256 and gives each document its annotation file', () => {
    for (const s of sources) {
      expect(sha256(readFileSync(join(a.dir, 'raw', s.file))), s.id).toBe(s.sha256);
      for (const sec of s.sections) {
        const doc = docId(s.id, sec.lang);
        const yaml = readFileSync(join(a.dir, 'raw/annotations', `${doc}.yaml`), 'utf8');
        expect((parse(yaml) as { document: string }).document).toBe(doc);
      }
    }
  });

  it('varies the noise: some copies have CRLF line ends, some a byte-order mark', () => {
    const copies = sources.filter((s) => /-s\d+$/.test(s.id)).map((s) => readFileSync(join(a.dir, 'raw', s.file), 'utf8'));
    expect(copies.some((t) => t.includes('\r\n'))).toBe(true);
    expect(copies.some((t) => t.startsWith('\uFEFF'))).toBe(true);
    expect(copies.some((t) => !t.includes('\r') && !t.startsWith('\uFEFF'))).toBe(true);
  });

  it("cleans every copy without problems into exactly its seed's clean texts", () => {
    const cleanOf = new Map(
      seeds.map((s) => {
        const docs = cleanSource(readFileSync(join(repoRoot, 'raw', s.file), 'utf8'), s, () => ({ file: 'x' }), repoLanguages).documents;
        return [s.id, docs.map((d) => d.text)] as const;
      }),
    );
    for (const s of sources) {
      const cleaned = cleanSource(readFileSync(join(a.dir, 'raw', s.file), 'utf8'), s, () => ({ file: 'x' }), repoLanguages);
      expect(cleaned.problems, s.id).toEqual([]);
      const seedId = s.id.replace(/-s\d+$/, '');
      expect(
        cleaned.documents.map((d) => d.text),
        s.id,
      ).toEqual(cleanOf.get(seedId));
    }
  });
});
