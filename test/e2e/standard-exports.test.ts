// The standard exports of a real release, built in a fresh copy: every Web Annotation of
// annotations.jsonld matches the text of its document in the released documents table (quote at
// the position, prefix and suffix around it, once), one per row of annotations, claims and
// event_mentions; the card's Hugging Face front matter names every language and every table's
// Parquet file; .zenodo.json has the fields Zenodo documents, from the dataset's metadata and
// changelog; all three are listed like every other file; the page's head carries schema.org
// Dataset JSON-LD for every download.
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Ajv } from 'ajv';
import { JSDOM } from 'jsdom';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../pipeline/lib/duckdb.js';
import { listFiles, parseSha256Sums } from '../../pipeline/lib/files.js';
import { loadDatasetInfo } from '../../pipeline/release/dataset.js';
import { bundledWorker, startStandardExports, type WebAnnotationsJob } from '../../pipeline/release/exports.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import type { JobOutcome } from '../../pipeline/lib/worker.js';
import { tableNames } from '../../pipeline/tables.js';
import {
  annoTypes,
  hfCardFields,
  hfSizeCategories,
  hfTextTasks,
  motivations,
  selectorProblems,
  unknownTerms,
  zenodoSchema,
  type Selectors,
} from '../support/standard-exports.js';
import { copyBuiltRepo } from '../support/temp-repo.js';

let dir: string;
let release: string;
let texts: Map<string, string>;
let spans: Map<string, { doc_id: string; start_cp: number; end_cp: number }>;
let languages: string[];
let rowCount: number;
const json = (file: string) => JSON.parse(readFileSync(join(release, file), 'utf8'));

beforeAll(async () => {
  dir = copyBuiltRepo().dir;
  release = join(dir, 'build/release');
  await withDatabase(join(release, 'qantar.duckdb'), { access_mode: 'READ_ONLY' }, async (con) => {
    const rows = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, any>[];
    texts = new Map((await rows(`SELECT doc_id, text FROM documents`)).map((r) => [r.doc_id, r.text]));
    languages = (await rows(`SELECT DISTINCT language FROM documents ORDER BY language`)).map((r) => r.language);
    rowCount = Number((await rows(`SELECT ${tableNames.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`))[0]!.n);
    spans = new Map();
    for (const [kind, table, key] of [
      ['annotation', 'annotations', 'annotation_id'],
      ['claim', 'claims', 'claim_id'],
      ['event-mention', 'event_mentions', 'event_mention_id'],
    ])
      for (const r of await rows(`SELECT ${key} AS id, doc_id, start_cp, end_cp FROM ${table}`))
        spans.set(`urn:qantar:${kind}:${encodeURIComponent(r.id).replace(/%2F/g, '/')}`, r as never);
  });
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('annotations.jsonld written on a worker thread (as the release stage does at scale)', () => {
  const database = () => join(release, 'qantar.duckdb');
  const released = (file: string) => readFileSync(join(release, file));
  const folder = () => mkdtempSync(join(dir, 'exports-'));

  it("the source's worker writes the same bytes as the release's, written here at 1x", async () => {
    const out = folder();
    const exports = startStandardExports(out, loadDatasetInfo(), database(), { minItemsForWorker: 0 });
    await exports.done;
    expect(readFileSync(join(out, 'annotations.jsonld')).equals(released('annotations.jsonld'))).toBe(true);
    expect(readFileSync(join(out, '.zenodo.json')).equals(released('.zenodo.json'))).toBe(true);
  });

  it("the bundle's worker (build/bin/, which make dataset runs) writes them too, and says it is done", async () => {
    // test/support/global-setup.ts has brought build/bin/ up to date with the sources.
    const job: WebAnnotationsJob = { path: join(folder(), 'annotations.jsonld'), version: loadDatasetInfo().version, database: database() };
    const worker = new Worker(join(repoRoot, 'build/bin', bundledWorker), { workerData: job });
    const [outcome] = (await once(worker, 'message')) as [JobOutcome<void>];
    expect(outcome).toEqual({ ok: true });
    expect(readFileSync(job.path).equals(released('annotations.jsonld'))).toBe(true);
  });

  it("a worker's failure rejects `done` with the worker's error", async () => {
    // A database with the sources .zenodo.json reads and the three tables counted, but no codes
    // table for the items' labels.
    const broken = join(folder(), 'broken.duckdb');
    await withDatabase(broken, {}, async (con) => {
      await con.run(`CREATE TABLE sources (source_id VARCHAR, url VARCHAR, url_basis VARCHAR)`);
      for (const t of ['annotations', 'claims', 'event_mentions']) await con.run(`CREATE TABLE ${t} (doc_id VARCHAR)`);
    });
    const exports = startStandardExports(folder(), loadDatasetInfo(), broken, { minItemsForWorker: 0 });
    await expect(exports.done).rejects.toThrow(/^annotations\.jsonld worker: .*Table with name codes does not exist/s);
  });
});

describe('annotations.jsonld', () => {
  interface Anno {
    id: string;
    type: string;
    motivation: string;
    body: { type: string; purpose: string; source?: string; value?: string }[];
    target: Selectors;
  }
  const items = () => json('annotations.jsonld').first.items as Anno[];

  it('is an AnnotationCollection in the W3C context, using only its terms and classes', () => {
    const doc = json('annotations.jsonld');
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc).toMatchObject({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', startIndex: 0 } });
    expect(doc.total).toBe(doc.first.items.length);
    // Streamed item by item, yet the bytes JSON.stringify(…, null, 2) would give.
    const text = readFileSync(join(release, 'annotations.jsonld'), 'utf8');
    expect(JSON.stringify(doc, null, 2) + '\n' === text).toBe(true);
    expect(unknownTerms(doc)).toEqual([]);
    const types = new Set(
      JSON.stringify(doc)
        .match(/"type":"[^"]+"/g)
        ?.map((t) => t.slice(8, -1)),
    );
    const all = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'type' ? all.add(String(x)) : walk(x);
    };
    walk(doc);
    expect([...all, ...types].filter((t) => !annoTypes.has(t))).toEqual([]);
  });

  it('holds one annotation per row of annotations, claims and event_mentions, each with the required W3C fields', () => {
    const list = items();
    expect(list.map((a) => a.id).sort()).toEqual([...spans.keys()].sort());
    for (const a of list) {
      expect(a.type, a.id).toBe('Annotation');
      expect(a.id, a.id).toMatch(/^urn:qantar:[a-z-]+:[A-Za-z0-9\-._~/:%]+$/);
      expect(motivations.has(a.motivation), a.id).toBe(true);
      expect(a.body.length, a.id).toBeGreaterThan(0);
      for (const b of a.body) {
        expect(motivations.has(b.purpose), `${a.id}: ${b.purpose}`).toBe(true);
        if (b.type === 'TextualBody') expect(b.value, a.id).toBeTruthy();
        else expect(b.source, a.id).toMatch(/^urn:qantar:(code|quantity|event|entity):/);
      }
      expect(a.target.source, a.id).toMatch(/^urn:qantar:document:/);
    }
  });

  it('has selectors that all match the released document texts exactly, at the tables offsets (code points)', () => {
    const problems: string[] = [];
    for (const a of items()) {
      const docId = decodeURIComponent(a.target.source.slice('urn:qantar:document:'.length));
      const text = texts.get(docId);
      if (text === undefined) {
        problems.push(`${a.id}: no document ${docId}`);
        continue;
      }
      const span = spans.get(a.id)!;
      const position = a.target.selector.find((s) => s.type === 'TextPositionSelector') as { start: number; end: number };
      if (span.doc_id !== docId || span.start_cp !== position.start || span.end_cp !== position.end)
        problems.push(
          `${a.id}: position ${docId} ${position.start}..${position.end} is not the table's ${span.doc_id} ${span.start_cp}..${span.end_cp}`,
        );
      problems.push(...selectorProblems(a.target, text).map((p) => `${a.id}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('the check can fail: a selector moved by one code point is caught', () => {
    const a = items().find((x) => x.target.selector.some((s) => s.type === 'TextQuoteSelector' && 'prefix' in s && s.prefix))!;
    const text = texts.get(a.target.source.slice('urn:qantar:document:'.length))!;
    const moved: Selectors = {
      ...a.target,
      selector: a.target.selector.map((s) => (s.type === 'TextPositionSelector' ? { ...s, start: s.start + 1, end: s.end + 1 } : s)),
    };
    expect(selectorProblems(moved, text).length).toBeGreaterThan(0);
  });
});

describe('the card as a Hugging Face dataset card', () => {
  const frontMatter = () => {
    const card = readFileSync(join(release, 'README.md'), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n/.exec(card);
    expect(m, 'the card opens with a --- YAML block').not.toBeNull();
    return { yaml: parseYaml(m![1]!) as Record<string, any>, rest: card.slice(m![0].length) };
  };

  it('opens with front matter of documented fields: licence, every language, name, size, tasks', () => {
    const { yaml } = frontMatter();
    expect(Object.keys(yaml).filter((k) => !hfCardFields.has(k))).toEqual([]);
    const info = loadDatasetInfo();
    expect(yaml.license).toBe(info.licence.id.toLowerCase());
    expect(yaml.language).toEqual(languages);
    expect(yaml.pretty_name).toBe(info.title);
    expect(yaml.size_categories).toHaveLength(1);
    expect(hfSizeCategories).toContain(yaml.size_categories[0]);
    expect(yaml.size_categories[0]).toBe(
      rowCount < 1000 ? 'n<1K' : rowCount < 10_000 ? '1K<n<10K' : rowCount < 100_000 ? '10K<n<100K' : '100K<n<1M',
    );
    for (const t of yaml.task_categories) expect(hfTextTasks.has(t), t).toBe(true);
  });

  it('has one config per table whose one split is the released Parquet file, and "documents" is the default', () => {
    const { yaml } = frontMatter();
    expect(yaml.configs.map((c: { config_name: string }) => c.config_name)).toEqual([...tableNames]);
    for (const c of yaml.configs) {
      expect(Object.keys(c).filter((k) => !['config_name', 'data_files', 'default'].includes(k))).toEqual([]);
      expect(c.data_files).toHaveLength(1);
      expect(c.data_files[0].split).toMatch(/^\w+(\.\w+)*$/); // the Hub's rule for split names
      expect(existsSync(join(release, c.data_files[0].path)), c.data_files[0].path).toBe(true);
      expect(c.data_files[0].path).toBe(`parquet/${c.config_name}.parquet`);
    }
    expect(yaml.configs.filter((c: { default?: boolean }) => c.default).map((c: { config_name: string }) => c.config_name)).toEqual([
      'documents',
    ]);
  });

  it('keeps the rest of the card: the title heading follows the front matter', () => {
    expect(frontMatter().rest).toMatch(/^\n# Qantar/);
  });
});

describe('.zenodo.json', () => {
  it('has the fields Zenodo documents for a deposit, from raw/dataset.yaml and CHANGELOG.md', () => {
    const z = json('.zenodo.json');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(zenodoSchema);
    expect(validate(z), JSON.stringify(validate.errors)).toBe(true);
    const info = loadDatasetInfo();
    expect(z).toMatchObject({
      upload_type: 'dataset',
      title: info.title,
      version: info.version,
      publication_date: info.released,
      license: info.licence.id.toLowerCase(),
      keywords: info.keywords,
      creators: info.creators.map((c) => ({ name: c.name })),
    });
    // Related identifiers are the URLs the sources state, never invented ones.
    for (const r of z.related_identifiers) expect(readFileSync(join(release, 'csv/sources.csv'), 'utf8')).toContain(r.identifier);
  });
});

describe('listed like every other file', () => {
  it.each(['annotations.jsonld', '.zenodo.json'])('%s is in SHA256SUMS and croissant.json', (file) => {
    expect(parseSha256Sums(readFileSync(join(release, 'SHA256SUMS'), 'utf8')).has(file)).toBe(true);
    expect(json('croissant.json').distribution.map((d: { contentUrl: string }) => d.contentUrl)).toContain(file);
  });

  it('annotations.jsonld is a resource of datapackage.json; .zenodo.json cannot be (the profile forbids a path starting with ".")', () => {
    const paths = json('datapackage.json').resources.map((r: { path: string }) => r.path);
    expect(paths).toContain('annotations.jsonld');
    expect(paths).not.toContain('.zenodo.json');
  });

  it('the page carries schema.org Dataset JSON-LD with one DataDownload per release file, relative to the page', () => {
    const html = readFileSync(join(dir, 'build/site/index.html'), 'utf8');
    const doc = new JSDOM(html).window.document;
    const scripts = [...doc.querySelectorAll('head script[type="application/ld+json"]')];
    expect(scripts).toHaveLength(1);
    const data = JSON.parse(scripts[0]!.textContent!);
    const info = loadDatasetInfo();
    expect(data).toMatchObject({
      '@context': 'https://schema.org/',
      '@type': 'Dataset',
      name: info.title,
      version: info.version,
      license: info.licence.path,
      inLanguage: languages,
    });
    expect(data.description.length).toBeGreaterThan(50);
    expect(data.creator).toEqual(info.creators.map((c) => ({ '@type': 'Organization', name: c.name })));
    expect(data.distribution.map((d: { name: string }) => d.name)).toEqual(listFiles(release));
    for (const d of data.distribution) {
      expect(d.contentUrl).toBe(`data/${d.name}`);
      expect(existsSync(join(dir, 'build/site', d.contentUrl)), d.contentUrl).toBe(true);
      expect(d.encodingFormat).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
    }
    // The page shows the card without its YAML.
    expect(doc.querySelector('#card')!.textContent).not.toMatch(/config_name|pretty_name/);
  });
});
