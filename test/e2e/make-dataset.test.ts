// The real Makefile in a fresh copy of the repository: install from the lockfile, build, rebuild
// nothing the second time, and answer the README's queries. The same bytes under other timezones,
// locales and thread counts are checked by determinism.test.ts.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../pipeline/lib/duckdb.js';
import { hashPath, listFiles } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { stages } from '../../pipeline/stages/index.js';
import { tableNames } from '../../pipeline/tables.js';
import { declaredCorpus } from '../support/corpus.js';
import { copyRepo, run, runCli, type Run } from '../support/temp-repo.js';
import { expectVerifiedRelease } from '../support/release.js';

let dir: string;
let first: Run;
let release: string;

beforeAll(() => {
  dir = copyRepo({ linkNodeModules: false });
  first = run(dir, 'make', ['dataset'], { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
  release = join(dir, 'build/release');
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('make dataset in a fresh copy', () => {
  it('installs, builds every stage and says where the release is', () => {
    expect(first.stderr).not.toMatch(/^\s+at /m);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/npm ci/);
    for (const { name: stage } of stages) expect(first.stdout).toMatch(new RegExp(`^${stage}\\s+rebuilt`, 'm'));
    expect(first.stdout).toMatch(/release written to build\/release\//);
  });

  it('publishes every table in both formats, the database and verifying checksums', () => {
    const files = listFiles(release);
    const figures = files.filter((f) => f.startsWith('figures/'));
    expect(files.filter((f) => !f.startsWith('figures/'))).toEqual(
      [
        ...tableNames.flatMap((t) => [`csv/${t}.csv`, `parquet/${t}.parquet`]),
        'qantar.duckdb',
        '.zenodo.json',
        'annotations.jsonld',
        'CITATION.cff',
        'croissant.json',
        'datapackage.json',
        'README.md',
        'SHA256SUMS',
        'QUALITY.md',
        'quality.json',
        'DIFF.md',
        'diff.json',
      ].sort(),
    );
    const names = [...new Set(figures.map((f) => f.split('/')[1]!))];
    expect(names.length).toBeGreaterThanOrEqual(7);
    expect(figures).toEqual(names.flatMap((n) => ['csv', 'json', 'png', 'sql', 'svg'].map((ext) => `figures/${n}/${n}.${ext}`)).sort());
    expectVerifiedRelease(release);
  });

  it('releases every declared document, and CSV agrees with the database', async () => {
    const csv = Papa.parse<Record<string, string>>(readFileSync(join(release, 'csv/documents.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(csv.errors).toEqual([]);
    expect(csv.data.map((d) => d.doc_id).sort()).toEqual(declaredCorpus().documents);
    await withDatabase(join(release, 'qantar.duckdb'), { access_mode: 'READ_ONLY' }, async (con) => {
      for (const t of tableNames) {
        const rows = Papa.parse(readFileSync(join(release, `csv/${t}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data.length;
        const n = (await con.runAndReadAll(`SELECT count(*)::INTEGER FROM ${t}`)).getRows()[0]![0];
        expect(n, t).toBe(rows);
      }
      const comments = await con.runAndReadAll(
        `SELECT (SELECT count(*) FROM duckdb_columns() WHERE NOT internal AND coalesce(comment, '') = '')::INTEGER + (SELECT count(*) FROM duckdb_tables() WHERE coalesce(comment, '') = '')::INTEGER`,
      );
      expect(comments.getRows()[0]![0], 'tables and columns without a comment').toBe(0);
    });
  });

  it('rebuilds nothing the second time and leaves every file as it was', () => {
    const before = hashPath(release);
    const mtimes = listFiles(release).map((f) => statSync(join(release, f)).mtimeMs);
    const again = run(dir, 'make', ['dataset']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/npm ci/);
    for (const { name: stage } of stages) expect(again.stdout).toMatch(new RegExp(`^${stage}\\s+fresh`, 'm'));
    expect(again.stdout).toMatch(/nothing changed/);
    expect(hashPath(release)).toBe(before);
    expect(listFiles(release).map((f) => statSync(join(release, f)).mtimeMs)).toEqual(mtimes);
  });

  it('reruns only the stages whose inputs changed', () => {
    const flags = join(dir, 'raw/quality_flags.yaml');
    const original = readFileSync(flags, 'utf8');
    try {
      writeFileSync(flags, `${original}\n# a comment changes the file but not the flags\n`);
      const r = runCli(dir, ['build']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^clean\s+fresh/m);
      expect(r.stdout).toMatch(/^flags\s+rebuilt/m);
      // Same rows out of flags, so nothing after it has new inputs.
      for (const stage of ['validate', 'load', 'figures', 'release', 'site'])
        expect(r.stdout).toMatch(new RegExp(`^${stage}\\s+fresh`, 'm'));
    } finally {
      writeFileSync(flags, original);
    }
  });

  it('stops on bad input with file:line:column, exit 1, no stack trace, and the release untouched', () => {
    const before = hashPath(release);
    const sources = join(dir, 'raw/sources.yaml');
    const original = readFileSync(sources, 'utf8');
    try {
      writeFileSync(sources, original.replace('    sha256: f0b706a6', '    sha256: 00b706a6'));
      const r = runCli(dir, ['build']);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^raw\/sources\.yaml:\d+:\d+  sources\/sha256-mismatch  .*hint: raw files are immutable/m);
      expect(r.stderr).toMatch(/nothing was published/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(hashPath(release)).toBe(before);
    } finally {
      writeFileSync(sources, original);
    }
  });

  it('answers every query in the README', async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const queries = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(queries.length).toBeGreaterThanOrEqual(3);
    await withDatabase(join(release, 'qantar.duckdb'), { access_mode: 'READ_ONLY' }, async (con) => {
      // The README's paths are relative to the repository root.
      await con.run(`SET file_search_path = '${dir}'`);
      const results = [];
      for (const sql of queries) {
        const rows = (await con.runAndReadAll(sql)).getRowObjectsJson();
        expect(rows.length, sql).toBeGreaterThan(0);
        results.push(rows);
      }
      const [documents, aligned, edits, , offsets, tolls, withdrawn, dated, codesByCategory, differences, places, parquet] = results;
      expect(documents).toHaveLength(declaredCorpus().documents.length);
      expect(aligned!.map((r) => r.doc_id)).toEqual([
        'rcit-2022-01-05-en',
        'rcit-2022-01-05-es',
        'rcit-2022-01-05-ko',
        'rcit-2022-01-05-pt',
        'rcit-2022-01-05-ru',
      ]);
      expect(edits!.map((r) => r.rule)).toContain('duplicated-sentences');
      expect(offsets![0]!.exact).toBe(offsets![0]!.paragraphs);
      const languages = [...new Set(declaredCorpus().documents.map((d) => d.slice(d.lastIndexOf('-') + 1)))].sort();
      expect(parquet!.map((r) => r.language)).toEqual(languages);
      // The death tolls side by side: the figures the texts disagree on, with their attribution.
      const toll = Object.fromEntries(tolls!.map((r) => [r.doc_id, r]));
      expect(toll['icp-2022-01-15-en']).toMatchObject({
        killed_zhanaozen_2011: 'the massacre of 16 workers = 16 (self, asserted)',
        killed_january_2022: 'according to official sources, 164 deaths = 164 (officials, reported)',
      });
      expect(toll['suchanek-2022-01-07-en']!.killed_zhanaozen_2011).toBe(
        '70 strikers lost their lives = 70 (human_rights_groups, reported)',
      );
      expect(toll['rcit-2022-01-05-en']!.killed_zhanaozen_2011).toBe('killing dozens of protestors = 24..99 (self, asserted)');
      expect(toll['rcit-2022-01-05-ru']!.killed_zhanaozen_2011).toMatch(/десятки .* = 20\.\.99/);
      expect(toll['massive-protests-theses-en']).toMatchObject({ killed_zhanaozen_2011: null, killed_january_2022: null });
      // The claim that repeats the withdrawn 164, beside the official figures since.
      expect(withdrawn!.find((r) => r.official === 164)).toMatchObject({
        doc_id: 'icp-2022-01-15-en',
        status: 'retracted',
        comparison: 'cites_retracted',
      });
      expect(dated!.find((r) => r.event_id === 'zhanaozen-massacre-2011')).toMatchObject({
        reference_start: '2011-12-16',
        reference_end: '2011-12-17',
      });
      expect(new Set(codesByCategory!.map((r) => r.category)).size).toBeGreaterThanOrEqual(6);
      expect(differences!.some((r) => r.doc_id === 'rcit-2022-01-05-ko' && r.kind === 'missing_paragraph')).toBe(true);
      expect(places!.map((r) => r.name)).toContain('Zhanaozen');
    });
  });
});
