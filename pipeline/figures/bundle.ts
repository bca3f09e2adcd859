// One notebook -> its bundle: <name>.svg, .png, .sql, .csv and .json. Used by the figures stage
// (all notebooks, from build/work/load) and by a notebook run on its own (tsx notebooks/<name>.ts).
import type { DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { readDatabase } from '../lib/duckdb.js';
import { runningCode, sha256, sha256File, writeFolderAtomic } from '../lib/files.js';
import { databaseName, releaseDir, repoPath, repoRoot } from '../lib/paths.js';
import { languagesFile } from '../lib/languages.js';
import { loadVersion } from '../release/dataset.js';
import { tableFiles } from '../stages/validate.js';
import { figureFields, type FigureField } from './fields.js';
import { packagePath, packageVersion } from '../lib/packages.js';
import { fontFiles, fontName, uncoveredCharacters } from './fonts.js';
import { formatCount, titleOf, type Notebook, type Row } from './notebook.js';
import { cachedPng, cachedSvg, composeFigure, serialise, svgDocument } from './render.js';

export interface Rendered {
  title: string;
  rows: Row[];
  columns: string[];
  caption: string;
  svg: string;
  png: Uint8Array;
  /** Wall time of drawing and rasterising, for the command line; never written to a file. */
  ms: number;
}

async function queryRows(con: DuckDBConnection, sql: string): Promise<{ rows: Row[]; columns: string[]; types: string[] }> {
  const reader = await con.runAndReadAll(sql);
  return { rows: reader.getRowObjectsJson() as Row[], columns: reader.columnNames(), types: reader.columnTypes().map(String) };
}

const notebookFile = (nb: Notebook) => `notebooks/${nb.name}.ts`;

/** How many documents the figure's database holds, and how many of them are drafts. */
export interface CodingStatus {
  documents: number;
  drafts: number;
}

/**
 * The sentence every caption ends with: whether the corpus holds drafts and that the figure
 * includes them (no notebook filters on annotation_status), so no reader takes a draft's missing
 * codes for a finding.
 */
export function codingNote({ documents, drafts }: CodingStatus): string {
  if (drafts === 0) return `All ${formatCount(documents)} documents are completely coded; none is a draft.`;
  return `${formatCount(drafts)} of ${formatCount(documents)} documents ${drafts === 1 ? 'is a draft' : 'are drafts'}, not yet completely coded; the figure includes what ${drafts === 1 ? 'it holds' : 'they hold'}.`;
}

/** A figure's title and caption, which its files state besides the SVG. */
export function figureText(nb: Notebook, rows: Row[], coding?: CodingStatus): { title: string; caption: string } {
  return { title: titleOf(nb, rows), caption: coding ? `${nb.caption(rows)} ${codingNote(coding)}` : nb.caption(rows) };
}

/**
 * The figure as SVG text (buildBundles rasterises it); pure apart from the files read when the
 * modules load (the fonts' metrics, the map's atlas, raw/languages.yaml).
 */
export function drawNotebook(nb: Notebook, rows: Row[], columns: string[], coding?: CodingStatus): Omit<Rendered, 'png' | 'ms'> {
  const { title, caption } = figureText(nb, rows, coding);
  const doc = svgDocument();
  const root = composeFigure(doc, nb.plot(rows, { document: doc }), {
    title,
    subtitle: nb.question,
    legend: nb.legend?.(rows),
    caption,
    source: `Data: Qantar dataset, table${nb.tables.length > 1 ? 's' : ''} ${nb.tables.join(', ')}. Made by ${notebookFile(nb)}; its SQL and data are ${nb.name}.sql and ${nb.name}.csv.`,
  });
  const missing = uncoveredCharacters(root.textContent ?? '');
  if (missing.length) throw new Error(`figure ${nb.name}: no font has a glyph for ${missing.map((c) => JSON.stringify(c)).join(', ')}`);
  return { title, rows, columns, caption, svg: serialise(root) };
}

/**
 * The code that draws the figures in this process (runningCode: Plot formats through Intl and
 * places marks with V8's arithmetic), taken at each buildBundles: under vitest's watch mode an
 * edited notebook loads its own module again, not this one.
 */
export const drawingCode = () => runningCode(['pipeline', 'notebooks']);

/**
 * Everything a figure's SVG is drawn from, as the text its cache entry is named by (cachedSvg):
 * the code (drawingCode), the languages file (the notebooks order and colour languages by it),
 * the notebook, its rows and columns, and the coding status its caption states.
 */
export function drawingInputs(code: string, nb: Notebook, rows: Row[], columns: string[], coding?: CodingStatus): string {
  const languages = sha256File(join(repoRoot, languagesFile));
  return JSON.stringify({ code, languages, notebook: nb.name, columns, rows, coding: coding ?? null });
}

export function toCsv(rows: readonly Row[], columns: readonly string[]): string {
  return Papa.unparse({ fields: [...columns], data: rows.map((r) => columns.map((c) => r[c] ?? null)) }, { newline: '\n' }) + '\n';
}

export function sqlFile(nb: Notebook, title: string): string {
  return [
    `-- Qantar figure "${nb.name}": ${title}`,
    `-- Question: ${nb.question}`,
    `-- Tables: ${nb.tables.join(', ')}. Run against qantar.duckdb; the result is ${nb.name}.csv.`,
    nb.sql.trim(),
    '',
  ].join('\n');
}

const hashOrNull = (path: string) => (existsSync(path) ? sha256File(path) : null);

/** sha256 of a file of an installed package (sha256File remembers it: every bundle lists the same fonts). */
const packageFileHash = (pkg: string, file: string): string => sha256File(packagePath(pkg, file));

/** Versions of the packages that draw the figures, which the bytes depend on. */
const renderPackages = ['@observablehq/plot', 'jsdom', '@resvg/resvg-js'] as const;

/** The five files of a bundle, keyed by file name; `fields` describe the CSV's columns (fields.ts). */
export function bundleFiles(nb: Notebook, r: Rendered, version: string, fields?: FigureField[]): Record<string, string | Uint8Array> {
  const names = { svg: `${nb.name}.svg`, png: `${nb.name}.png`, sql: `${nb.name}.sql`, csv: `${nb.name}.csv` };
  const csv = toCsv(r.rows, r.columns);
  const meta = {
    name: nb.name,
    title: r.title,
    question: nb.question,
    caption: r.caption,
    version,
    files: [names.svg, names.png, names.sql, names.csv],
    ...(fields ? { fields } : {}),
    inputs: {
      notebook: { file: notebookFile(nb), sha256: hashOrNull(join(repoRoot, notebookFile(nb))) },
      // The validated rows each table was loaded from (build/work/*/<table>.ndjson).
      // documents too: every caption states how many documents are drafts (codingNote).
      tables: Object.fromEntries(
        [...new Set([...nb.tables, 'documents' as const])].map((t) => [t, hashOrNull(join(repoRoot, tableFiles[t]))]),
      ),
      fonts: Object.fromEntries(fontFiles.map((f) => [fontName(f), packageFileHash(f.package, f.file)])),
      assets: Object.fromEntries(
        (nb.assets ?? []).map((a) => [`${a.package}@${packageVersion(a.package)}/${a.file}`, packageFileHash(a.package, a.file)]),
      ),
      data: { file: names.csv, sha256: sha256(csv) },
    },
    packages: Object.fromEntries(renderPackages.map((p) => [p, packageVersion(p)])),
  };
  return {
    [names.svg]: r.svg,
    [names.png]: r.png,
    [names.sql]: sqlFile(nb, r.title),
    [names.csv]: csv,
    [`${nb.name}.json`]: JSON.stringify(meta, null, 2) + '\n',
  };
}

export async function codingStatus(con: DuckDBConnection): Promise<CodingStatus> {
  const { rows } = await queryRows(
    con,
    `SELECT count(*)::INTEGER AS documents, count(*) FILTER (WHERE annotation_status = 'draft')::INTEGER AS drafts FROM documents`,
  );
  return { documents: Number(rows[0]!.documents), drafts: Number(rows[0]!.drafts) };
}

/**
 * The bundles of `nbs`, in their order: each queried and drawn on this thread in turn, while the
 * PNGs of the ones before are rasterised on libuv's threads (the figures stage at 1x, three runs
 * each in the same hour: 6.4-6.9 -> 4.7-4.8 s), or read from the cache when drawn before.
 */
export async function buildBundles(nbs: readonly Notebook[], con: DuckDBConnection, version: string) {
  const bundles: Promise<{ rendered: Rendered; files: Record<string, string | Uint8Array> }>[] = [];
  const coding = await codingStatus(con); // the same for every figure
  const code = drawingCode();
  for (const nb of nbs) {
    const started = performance.now();
    const { rows, columns, types } = await queryRows(con, nb.sql);
    const fields = figureFields(
      nb,
      columns.map((name, i) => ({ name, type: types[i]! })),
    );
    const svg = cachedSvg(drawingInputs(code, nb, rows, columns, coding), () => drawNotebook(nb, rows, columns, coding).svg);
    const drawn = { ...figureText(nb, rows, coding), rows, columns, svg };
    const bundle = cachedPng(svg).then((png) => {
      const rendered = { ...drawn, png, ms: performance.now() - started };
      return { rendered, files: bundleFiles(nb, rendered, version, fields) };
    });
    bundle.catch(() => {}); // a later notebook may fail first; its error is the one reported
    bundles.push(bundle);
  }
  return Promise.all(bundles);
}

/**
 * Renders notebooks on their own, from a built database (the release's by default, or --db
 * <path>), into build/notebooks/<name>/.
 */
export async function runAlone(nbs: readonly Notebook[], argv: readonly string[]): Promise<void> {
  const at = argv.indexOf('--db');
  const db = at >= 0 && argv[at + 1] ? resolve(argv[at + 1]!) : join(releaseDir, databaseName);
  if (!existsSync(db)) throw new Error(`${repoPath(db)} not found: build the dataset first (make dataset) or pass --db <path>`);
  const version = loadVersion();
  const bundles = await readDatabase(db, (con) => buildBundles(nbs, con, version));
  for (const [i, nb] of nbs.entries()) {
    const { rendered, files } = bundles[i]!;
    const dir = join(repoRoot, 'build/notebooks', nb.name);
    writeFolderAtomic(dir, files);
    console.log(`${nb.name.padEnd(14)} ${rendered.ms.toFixed(0).padStart(5)} ms  ${repoPath(dir)}/ (${rendered.rows.length} rows)`);
  }
}
