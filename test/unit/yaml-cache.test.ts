// The cache of parsed YAML (parseYamlCached, pipeline/lib/yaml-input.ts): what comes back from it
// is what parsing gives, for every YAML input of the repository; an entry is read instead of
// parsing; texts with problems and data JSON cannot hold exactly are not kept; the inputs with a
// file per document are never kept.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { parseYaml, parseYamlCached, yamlCacheEntry } from '../../pipeline/lib/yaml-input.js';
import { readYamlInput } from '../../pipeline/stages/raw-inputs.js';
import { withCacheDir } from '../support/cache-dir.js';

const rawYaml = listFiles(join(repoRoot, 'raw'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `raw/${f}`);

describe('parseYamlCached', () => {
  it('gives back, from its entry, the data and positions parsing gives, for every YAML input', () =>
    withCacheDir(() => {
      expect(rawYaml.length).toBeGreaterThan(40);
      for (const file of rawYaml) {
        const text = readFileSync(join(repoRoot, file), 'utf8');
        const parsed = parseYaml(file, text);
        expect(parseYamlCached(file, text), file).toMatchObject({ data: parsed.data, problems: [] });
        expect(existsSync(yamlCacheEntry(text).path), file).toBe(true);
        const read = parseYamlCached(file, text);
        expect(read.data, file).toStrictEqual(parsed.data);
        expect(read.problems, file).toEqual([]);
        if (parsed.data && typeof parsed.data === 'object') {
          const key = Object.keys(parsed.data)[0]!;
          expect(read.locate([], key), file).toEqual(parsed.locate([], key));
        }
      }
    }));

  it('reads an entry instead of parsing, and names it by the text', () =>
    withCacheDir((cache) => {
      const text = 'version: 1\nitems: [a, b]\n';
      const path = yamlCacheEntry(text).path;
      expect(path.startsWith(join(cache, 'yaml') + '/')).toBe(true);
      expect(yamlCacheEntry(`${text}# changed\n`).path).not.toBe(path);
      parseYamlCached('x.yaml', text);
      writeFileSync(path, '{"planted":true}');
      expect(parseYamlCached('x.yaml', text).data).toEqual({ planted: true });
    }));

  it('keeps no text with a problem and no number JSON has no form for', () =>
    withCacheDir(() => {
      const broken = 'a: [1, 2\n';
      expect(parseYamlCached('x.yaml', broken).problems).not.toEqual([]);
      expect(existsSync(yamlCacheEntry(broken).path)).toBe(false);
      for (const text of ['a: .inf\n', 'a: .nan\n', 'a: -0.0\n']) {
        const { data } = parseYamlCached('x.yaml', text);
        expect(data, text).toEqual(parseYaml('x.yaml', text).data);
        expect(existsSync(yamlCacheEntry(text).path), text).toBe(false);
      }
    }));

  it('is used by readYamlInput for the vocabulary, never for a file per document', () =>
    withCacheDir((cache) => {
      readYamlInput('raw/annotations/rcit-2022-01-05-ko.yaml', 'annotation');
      expect(existsSync(join(cache, 'yaml'))).toBe(false);
      readYamlInput('raw/codebook.yaml', 'codebook');
      expect(readdirSync(join(cache, 'yaml'))).toHaveLength(1);
    }));
});
