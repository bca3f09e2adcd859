// The validators kept as Ajv's generated code in the cache (lib/schemas.ts, loadValidators): read
// back, they report exactly what freshly compiled ones report, on the repository's inputs and on
// damaged copies of them.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, expect, it } from 'vitest';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { loadSchema, loadValidators } from '../../pipeline/lib/schemas.js';

const cache = mkdtempSync(join(tmpdir(), 'qantar-ajv-cache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** Each input file of raw/ with its schema's name. */
const inputs: [file: string, schema: string][] = [
  ['raw/sources.yaml', 'sources'],
  ['raw/quality_flags.yaml', 'quality-flags'],
  ['raw/codebook.yaml', 'codebook'],
  ['raw/entities.yaml', 'entities'],
  ['raw/events.yaml', 'events'],
  ['raw/languages.yaml', 'languages'],
  ['raw/lexicon.yaml', 'lexicon'],
  ['raw/cues.yaml', 'cues'],
  ['raw/actor_types.yaml', 'actor-types'],
  ['raw/reference_facts.yaml', 'reference-facts'],
  ['raw/reference_sources.yaml', 'reference-sources'],
  ['raw/dataset.yaml', 'dataset'],
  ...readdirSync(join(repoRoot, 'raw/annotations')).map((f): [string, string] => [`raw/annotations/${f}`, 'annotation']),
];

/** The data and damaged copies: a field added, every list's first item's fields turned into numbers or removed. */
function variants(data: Record<string, unknown>): unknown[] {
  const out: unknown[] = [data, { ...data, unexpected: true }, { ...data, version: 'one' }];
  for (const [key, value] of Object.entries(data)) {
    if (!Array.isArray(value) || typeof value[0] !== 'object' || value[0] === null) continue;
    for (const field of Object.keys(value[0] as object)) {
      const { [field]: _, ...without } = value[0] as Record<string, unknown>;
      out.push({ ...data, [key]: [{ ...value[0], [field]: 42 }, ...value.slice(1)] });
      out.push({ ...data, [key]: [without, ...value.slice(1)] });
    }
  }
  return out;
}

it('writes the code once, and the code read back reports the same errors as compiled validators', () => {
  const compiled = loadValidators(cache);
  expect(readdirSync(join(cache, 'ajv'))).toHaveLength(1);
  const loaded = loadValidators(cache);
  expect(readdirSync(join(cache, 'ajv'))).toHaveLength(1);
  let failures = 0;
  for (const [file, name] of inputs) {
    const id = loadSchema(name).$id!;
    const [fresh, read] = [compiled.get(id)!, loaded.get(id)!];
    for (const data of variants(parse(readFileSync(join(repoRoot, file), 'utf8')) as Record<string, unknown>)) {
      const ok = fresh(data);
      expect(read(data), `${file}`).toBe(ok);
      expect(read.errors ?? null, `${file}`).toEqual(fresh.errors ?? null);
      if (!ok) failures++;
    }
  }
  // The damaged copies do fail, so the errors compared are real ones.
  expect(failures).toBeGreaterThan(100);
});

it('reads the cached code instead of compiling: planted code is what it returns', () => {
  const [file] = readdirSync(join(cache, 'ajv'));
  writeFileSync(join(cache, 'ajv', file!), 'module.exports = new Proxy({}, { get: () => function planted() { return true; } });');
  const id = loadSchema('sources').$id!;
  expect(loadValidators(cache).get(id)!.name).toBe('planted');
});
