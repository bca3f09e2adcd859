// The figures stage in a fresh copy: one complete bundle per notebook, SVGs equal to the golden
// files (ids normalised, numbers rounded: review changes with git diff), the same bytes when
// rebuilt, and a JSON whose version and hashes match what was built.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notebooks } from '../../notebooks/index.js';
import { fontFiles, fontName } from '../../pipeline/figures/fonts.js';
import { packagePath } from '../../pipeline/lib/packages.js';
import { normaliseForGolden } from '../../pipeline/figures/render.js';
import { sha256File } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { loadDatasetInfo } from '../../pipeline/release/dataset.js';
import { tableFiles } from '../../pipeline/stages/validate.js';
import { copyRepo, runCli, type Run } from '../support/temp-repo.js';

const golden = join(repoRoot, 'test', 'golden', 'figures');
let dir: string;
let first: Run;
/** sha256 of every file of the first build, by path under build/work/figures/. */
let firstHashes: Record<string, string>;

const figures = () => join(dir, 'build/work/figures');
const bundleFile = (name: string, ext: string) => join(figures(), name, `${name}.${ext}`);

function hashAll(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(figures()).sort())
    for (const f of readdirSync(join(figures(), name)).sort()) out[`${name}/${f}`] = sha256File(join(figures(), name, f));
  return out;
}

beforeAll(() => {
  dir = copyRepo({ linkNodeModules: true });
  first = runCli(dir, ['figures']);
  if (first.status === 0) firstHashes = hashAll();
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('figures in a fresh copy', () => {
  it('builds the stages up to the figures, and only those', () => {
    expect(first.stderr).not.toMatch(/^\s+at /m);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^figures\\s+rebuilt .* ${notebooks.length} figures \\(svg, png, sql, csv, json\\)$`, 'm'));
    expect(first.stdout).toMatch(/^figures written to build\/work\/figures\//m);
    expect(first.stdout).not.toMatch(/^release\s/m);
    expect(existsSync(join(dir, 'build/release'))).toBe(false);
  });

  it('writes exactly one folder per notebook', () => {
    expect(readdirSync(figures()).sort()).toEqual(notebooks.map((n) => n.name).sort());
  });

  describe.each(notebooks.map((n) => [n.name, n] as const))('%s', (name, nb) => {
    it('has its five files and nothing else', () => {
      expect(readdirSync(join(figures(), name)).sort()).toEqual(['csv', 'json', 'png', 'sql', 'svg'].map((e) => `${name}.${e}`));
    });

    it('is a standalone SVG equal to the golden file', () => {
      const svg = readFileSync(bundleFile(name, 'svg'), 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      const normalised = normaliseForGolden(svg);
      const file = join(golden, `${name}.svg`);
      const changed = `${file}-changed`;
      // UPDATE_GOLDEN=1 writes a missing or changed golden file; without it a missing one fails.
      if (process.env.UPDATE_GOLDEN === '1' && (!existsSync(file) || readFileSync(file, 'utf8') !== normalised))
        writeFileSync(file, normalised);
      expect(existsSync(file), `no golden file ${file}: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
      const expected = readFileSync(file, 'utf8');
      if (normalised !== expected) writeFileSync(changed, normalised);
      else rmSync(changed, { force: true });
      expect(normalised === expected, `figure ${name} changed: compare ${changed} with the golden file (git diff --no-index)`).toBe(true);
    });

    it('is a PNG at twice the SVG size', () => {
      const png = readFileSync(bundleFile(name, 'png'));
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      const svgWidth = Number(/^<svg[^>]* width="(\d+)"/.exec(readFileSync(bundleFile(name, 'svg'), 'utf8'))![1]);
      expect(png.readUInt32BE(16)).toBe(2 * svgWidth);
    });

    it('ships its SQL with a header and its data slice as CSV', () => {
      const sql = readFileSync(bundleFile(name, 'sql'), 'utf8');
      expect(sql).toMatch(new RegExp(`^-- Qantar figure "${name}": `));
      expect(sql).toContain(nb.sql.trim());
      const csv = readFileSync(bundleFile(name, 'csv'), 'utf8');
      expect(csv).not.toContain('\r');
      const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data.length).toBeGreaterThan(0);
    });

    it('records the release version and hashes that match its inputs', () => {
      const meta = JSON.parse(readFileSync(bundleFile(name, 'json'), 'utf8')) as {
        name: string;
        version: string;
        caption: string;
        files: string[];
        inputs: {
          notebook: { file: string; sha256: string };
          tables: Record<string, string>;
          fonts: Record<string, string>;
          assets: Record<string, string>;
          data: { file: string; sha256: string };
        };
        packages: Record<string, string>;
      };
      expect(meta.name).toBe(name);
      expect(meta.version).toBe(loadDatasetInfo().version);
      expect(meta.caption.length).toBeGreaterThan(100);
      expect(meta.files).toEqual(['svg', 'png', 'sql', 'csv'].map((e) => `${name}.${e}`));
      expect(meta.inputs.notebook).toEqual({ file: `notebooks/${name}.ts`, sha256: sha256File(join(dir, meta.inputs.notebook.file)) });
      // documents always: every caption says how many documents are drafts.
      expect(Object.keys(meta.inputs.tables).sort()).toEqual([...new Set([...nb.tables, 'documents'])].sort());
      for (const [table, hash] of Object.entries(meta.inputs.tables))
        expect(hash, table).toBe(sha256File(join(dir, tableFiles[table as keyof typeof tableFiles])));
      expect(meta.inputs.fonts).toEqual(
        Object.fromEntries(fontFiles.map((f) => [fontName(f), sha256File(packagePath(f.package, f.file))])),
      );
      expect(meta.inputs.data.sha256).toBe(sha256File(bundleFile(name, 'csv')));
      expect(Object.keys(meta.packages).sort()).toEqual(['@observablehq/plot', '@resvg/resvg-js', 'jsdom']);
      // No machine paths, no clock.
      const text = readFileSync(bundleFile(name, 'json'), 'utf8');
      expect(text).not.toContain(dir);
      expect(text).not.toContain(repoRoot);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    });
  });

  // Issue 15: a caption states only what its data shows. Every number in a caption must be in the
  // figure's CSV (anywhere in it), or counted from it: rows, distinct values or rows per value of a
  // column, non-empty cells, column sums. A few numbers are not data and are named here with why.
  const notData: Record<string, number[]> = {
    map: [1, 50, 2.0, 2], // Natural Earth 1:50m, world-atlas 2.0.2
    timeline: [1, 2022], // the axis break, 1 January 2022
    claims: [3000], // the example of an arrow, "more than 3000"
    cleaning: [],
    codes: [],
    'actor-codes': [],
    'actor-timeline': [],
    corpus: [],
    'rcit-versions': [],
  };
  it.each(notebooks.map((nb) => nb.name))('%s: every number its caption states comes from its CSV', (name) => {
    const caption = (JSON.parse(readFileSync(bundleFile(name, 'json'), 'utf8')) as { caption: string }).caption;
    const csv = readFileSync(bundleFile(name, 'csv'), 'utf8');
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    const known = new Set<number>([rows.length, ...(notData[name] ?? [])]);
    for (const m of csv.matchAll(/\d+(?:\.\d+)?/g)) known.add(Number(m[0]));
    for (const col of Object.keys(rows[0] ?? {})) {
      const values = rows.map((r) => r[col] ?? '');
      known.add(new Set(values).size);
      known.add(values.filter((v) => v !== '').length);
      const per = new Map<string, number>();
      for (const v of values) per.set(v, (per.get(v) ?? 0) + 1);
      for (const n of per.values()) known.add(n);
      if (values.every((v) => v === '' || Number.isFinite(Number(v)))) known.add(values.reduce((a, v) => a + Number(v || 0), 0));
    }
    // rows per pair of values of two columns, and a numeric column summed per value of another
    const cols = Object.keys(rows[0] ?? {});
    const numeric = cols.filter((c) => rows.every((r) => (r[c] ?? '') === '' || Number.isFinite(Number(r[c]))));
    for (const a of cols)
      for (const b of cols) {
        const per = new Map<string, number>();
        for (const r of rows) {
          const k = `${r[a]}\u0000${r[b]}`;
          per.set(k, (per.get(k) ?? 0) + 1);
        }
        for (const n of per.values()) known.add(n);
        if (numeric.includes(b)) {
          const sums = new Map<string, number>();
          for (const r of rows) sums.set(r[a] ?? '', (sums.get(r[a] ?? '') ?? 0) + Number(r[b] || 0));
          for (const n of sums.values()) known.add(n);
        }
      }
    // every caption ends by saying how many documents there are and how many are drafts (table documents)
    const documents = readFileSync(join(dir, tableFiles.documents), 'utf8').split('\n').filter(Boolean).length;
    known.add(documents);
    if (name === 'map') {
      // the places drawn: in the frame and mentioned
      known.add(rows.filter((r) => r.type === 'place' && r.in_frame === 'true' && Number(r.mentions) > 0).length);
    }
    if (name === 'rcit-versions') {
      // the Korean/English length ratio, over the paragraphs Korean has
      const has = new Set(rows.filter((r) => r.language === 'ko' && r.n_chars).map((r) => r.align_group));
      const len = (l: string) => rows.filter((r) => r.language === l && has.has(r.align_group)).reduce((a, r) => a + Number(r.n_chars), 0);
      known.add(Number((len('ko') / len('en')).toFixed(2)));
    }
    const stated = [...caption.replace(/(\d),(\d{3})\b/g, '$1$2').matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
    expect(
      stated.filter((n) => !known.has(n)),
      caption,
    ).toEqual([]);
  });

  it('rebuilds nothing when nothing changed, and the same bytes when forced', () => {
    const again = runCli(dir, ['figures']);
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^figures\s+fresh/m);
    const forced = runCli(dir, ['figures', '--force']);
    expect(forced.status, forced.stdout + forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/^figures\s+rebuilt/m);
    expect(hashAll()).toEqual(firstHashes);
  });

  it('draws nothing again when only the dataset description changes, and again when the version does', () => {
    const dataset = join(dir, 'raw/dataset.yaml');
    const text = readFileSync(dataset, 'utf8');
    writeFileSync(dataset, text.replace('An open, reproducible, annotated dataset', 'An open, reproducible and annotated dataset'));
    expect(readFileSync(dataset, 'utf8')).not.toBe(text);
    const described = runCli(dir, ['figures']);
    expect(described.status, described.stdout + described.stderr).toBe(0);
    expect(described.stdout).toMatch(/^figures\s+fresh/m);
    writeFileSync(dataset, text);

    const changelog = join(dir, 'CHANGELOG.md');
    const log = readFileSync(changelog, 'utf8');
    const { version } = loadDatasetInfo();
    writeFileSync(changelog, log.replace(`## [${version}]`, '## [9.9.9]'));
    try {
      const versioned = runCli(dir, ['figures']);
      expect(versioned.status, versioned.stdout + versioned.stderr).toBe(0);
      expect(versioned.stdout).toMatch(/^figures\s+rebuilt/m);
      expect(JSON.parse(readFileSync(bundleFile(notebooks[0]!.name, 'json'), 'utf8')).version).toBe('9.9.9');
    } finally {
      writeFileSync(changelog, log);
    }
  });
});
