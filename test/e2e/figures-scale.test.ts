// The figures of a corpus many times the seeds' size stay bounded: the database of the test run's
// shared build is replicated in DuckDB (copy k of every document, source, claim... gets ids with
// "~k"), as the benchmark's synthetic corpora are, and every notebook is rendered against two
// sizes. A figure that drew a mark per document, claim or source would grow with the corpus; these
// must not.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { notebooks } from '../../notebooks/index.js';
import { buildBundles, type Rendered } from '../../pipeline/figures/bundle.js';
import { formatCount } from '../../pipeline/figures/notebook.js';
import { sharedRelease } from '../support/temp-repo.js';
import { declaredCorpus } from '../support/corpus.js';

/** Tables of the catalogues, shared by every copy of the corpus. */
const catalogues = new Set(['codes', 'events', 'entities', 'lexicon']);
/** Columns that name something of one document or source, so that each copy has its own. */
const corpusIds = new Set([
  'doc_id',
  'source_id',
  'translation_of',
  'claim_id',
  'annotation_id',
  'projected_from',
  'mention_id',
  'event_mention_id',
  'edit_id',
  'flag_id',
  'paragraph_id',
  'sentence_id',
  'difference_id',
  'align_group',
  'align_key',
]);

/**
 * An in-memory database holding `copies` copies of the corpus of the database at `path`: copy 0
 * as it is, copy k with every corpus id changed where its leading part ends (doc-es -> doc-es~k,
 * rcit#3 -> rcit~k#3, src/e1 -> src~k/e1), so that references between tables still hold.
 */
async function replicated(path: string, copies: number): Promise<{ con: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  await con.run(`ATTACH '${path}' AS one (READ_ONLY)`);
  const columns = (await con.runAndReadAll(`SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = 'one'`))
    .getRowObjectsJson()
    .map((r) => ({ table: String(r.table_name), column: String(r.column_name) }));
  for (const table of new Set(columns.map((c) => c.table))) {
    const ids = columns.filter((c) => c.table === table && corpusIds.has(c.column)).map((c) => c.column);
    const renamed = ids.map((c) => `CASE WHEN k = 0 THEN ${c} ELSE regexp_replace(${c}, '^([^#/]*)', '\\1~' || k) END AS ${c}`);
    await con.run(
      catalogues.has(table) || !ids.length
        ? `CREATE TABLE ${table} AS SELECT * FROM one.${table}`
        : `CREATE TABLE ${table} AS SELECT * EXCLUDE (k) REPLACE (${renamed.join(', ')}) FROM one.${table}, range(${copies}) AS copy(k)`,
    );
  }
  await con.run('DETACH one');
  return {
    con,
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}

interface Figure {
  rendered: Rendered;
  csv: string;
}

async function renderAll(path: string, copies: number): Promise<Map<string, Figure>> {
  const db = await replicated(path, copies);
  try {
    const bundles = await buildBundles(notebooks, db.con, 'test');
    return new Map(
      notebooks.map((nb, i) => [nb.name, { rendered: bundles[i]!.rendered, csv: String(bundles[i]!.files[`${nb.name}.csv`]) }]),
    );
  } finally {
    db.close();
  }
}

/** Every element the SVG draws: what resvg has to rasterise. */
const elements = (svg: string) => (svg.match(/<[a-z]+\b/gi) ?? []).length;
const svgSize = (svg: string) => {
  const [, width, height] = /^<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!;
  return { width: Number(width), height: Number(height) };
};
const csvRows = (csv: string) => Papa.parse(csv, { header: true, skipEmptyLines: true }).data.length;

let small: Map<string, Figure>;
let large: Map<string, Figure>;
const [smallCopies, largeCopies] = [60, 240];

beforeAll(async () => {
  // The run's shared build's database, read only (replicated attaches it READ_ONLY).
  const path = join(sharedRelease(), 'qantar.duckdb');
  small = await renderAll(path, smallCopies);
  large = await renderAll(path, largeCopies);
}, 300_000);

describe(`figures of ${smallCopies} and ${largeCopies} copies of the corpus`, () => {
  describe.each(notebooks.map((n) => [n.name]))('%s', (name) => {
    it('draws no more at the larger size: the same data rows and about the same elements', () => {
      const [a, b] = [small.get(name)!, large.get(name)!];
      expect(csvRows(b.csv)).toBe(csvRows(a.csv));
      // Tick marks may differ by a few with the range of an axis; marks per row would differ by thousands.
      expect(elements(b.rendered.svg)).toBeLessThanOrEqual(elements(a.rendered.svg) + 10);
    });

    it('stays a figure of bounded size', () => {
      const { rendered } = large.get(name)!;
      const { width, height } = svgSize(rendered.svg);
      expect(width).toBeLessThanOrEqual(1400);
      expect(height).toBeLessThanOrEqual(1400);
      expect(rendered.svg.length).toBeLessThan(150_000);
      // Bounded by the vocabularies, not the corpus (actor-codes: a row per code of three categories
      // and actor type, 208 with codebook 3's 26 codes and 8 columns).
      expect(csvRows(large.get(name)!.csv)).toBeLessThanOrEqual(300);
    });
  });

  it.each([
    ['corpus', /too many for a bar per document \(drawn up to 40 documents\), so each row is one language/],
    ['codes', /Too many documents for a row each \(drawn up to 40\): each row is one language/],
    ['timeline', /Too many documents for a column each \(drawn up to 40\): dots show how many documents of each language/],
    ['claims', /Too many claims for a row each \(drawn up to 60\): claims that give the same number .* are one row/],
    ['cleaning', /Too many texts for a colour each \(drawn up to 10\): each bar is a rule's total over all texts/],
  ])('%s says in its caption what it aggregated', (name, statement) => {
    expect(large.get(name)!.rendered.caption).toMatch(statement);
  });

  it('states counts of the whole corpus, not of the seeds', () => {
    const declared = declaredCorpus();
    const [documents, texts] = [formatCount(declared.documents.length * largeCopies), formatCount(declared.sources.length * largeCopies)];
    const corpus = large.get('corpus')!.rendered;
    expect(corpus.title).toBe(`The corpus: ${documents} documents from ${texts} texts`);
    expect(corpus.caption.startsWith(`${documents} documents from ${texts} raw texts`)).toBe(true);
    expect(large.get('map')!.rendered.caption).toContain(`in all ${documents} documents`);
    // Texts that cleaning edited: every copy of each raw text with at least one edit, so the small
    // corpus's count scaled to the large one.
    const edited = (name: 'small' | 'large') =>
      Number(
        Papa.parse<Record<string, string>>((name === 'small' ? small : large).get('cleaning')!.csv, { header: true }).data[0]!
          .edited_sources,
      );
    expect(edited('large')).toBe((edited('small') / smallCopies) * largeCopies);
    expect(large.get('cleaning')!.rendered.caption).toContain(`across ${formatCount(edited('large'))} raw texts`);
  });
});
