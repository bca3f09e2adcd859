// The release as its users meet it: the metadata files agree with each other and with the files
// (version, file list, hashes, columns), datapackage.json is valid against the official Data
// Package v2 profile, an independent Parquet reader gives the same rows as the CSV, the card
// follows its sources, and `make query` answers read-only.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import _addFormats from 'ajv-formats';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import Papa from 'papaparse';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columns, withDatabase } from '../../pipeline/lib/duckdb.js';
import { listFiles, parseSha256Sums, sha256File } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { loadDatasetInfo } from '../../pipeline/release/dataset.js';
import { tableNames } from '../../pipeline/tables.js';
import { copyBuiltRepo, run, runCli } from '../support/temp-repo.js';
import { declaredCorpus } from '../support/corpus.js';

const addFormats = _addFormats.default;

let dir: string;
let release: string;
const json = (file: string) => JSON.parse(readFileSync(join(release, file), 'utf8'));

beforeAll(() => {
  dir = copyBuiltRepo().dir;
  release = join(dir, 'build/release');
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Resource {
  name: string;
  path: string;
  bytes: number;
  hash: string;
  schema?: { fields: { name: string; type: string }[]; primaryKey: string[] };
}

/** The official Data Package v2 profile (kept verbatim in schemas/vendor/), compiled with Ajv. */
function dataPackageProfile() {
  const profile = JSON.parse(readFileSync(join(repoRoot, 'schemas/vendor/datapackage-2.0.json'), 'utf8'));
  // The profile is draft-07 and carries annotation keywords of its own (propertyOrder, context)
  // and an editor hint as a format ("textarea").
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('textarea', true);
  return ajv.compile(profile);
}

describe('release metadata', () => {
  it('datapackage.json is valid against the official Data Package v2 profile', () => {
    const validate = dataPackageProfile();
    const valid = validate(json('datapackage.json'));
    expect(validate.errors ?? [], 'profile errors').toEqual([]);
    expect(valid).toBe(true);
  });

  it('the profile check can fail: a resource without a path or data is rejected', () => {
    const validate = dataPackageProfile();
    const broken = json('datapackage.json');
    delete broken.resources[0].path;
    expect(validate(broken)).toBe(false);
  });

  it('croissant.json is Croissant 1.0 whose every reference resolves inside it', () => {
    const c = json('croissant.json');
    expect(c['@type']).toBe('sc:Dataset');
    expect(c.conformsTo).toBe('http://mlcommons.org/croissant/1.0');
    expect(c['@context']).toMatchObject({
      '@vocab': 'https://schema.org/',
      cr: 'http://mlcommons.org/croissant/',
      rai: 'http://mlcommons.org/croissant/RAI/',
    });
    for (const key of ['name', 'description', 'license', 'version', 'citeAs', 'datePublished']) expect(c[key], key).toBeTruthy();
    for (const key of [
      'rai:dataCollection',
      'rai:dataBiases',
      'rai:dataLimitations',
      'rai:personalSensitiveInformation',
      'rai:dataUseCases',
    ])
      expect(String(c[key]).length, key).toBeGreaterThan(20);
    const files = new Set((c.distribution as { '@id': string; '@type': string }[]).map((d) => d['@id']));
    const fields = (c.recordSet as { field: { '@id': string }[] }[]).flatMap((s) => s.field);
    const fieldIds = new Set(fields.map((f) => f['@id']));
    expect(fieldIds.size).toBe(fields.length);
    for (const s of c.recordSet as { '@id': string; key?: { '@id': string } | { '@id': string }[]; field: Record<string, any>[] }[]) {
      for (const k of [s.key ?? []].flat()) expect(fieldIds.has(k['@id']), `${s['@id']} key ${k['@id']}`).toBe(true);
      for (const f of s.field) {
        expect(files.has(f.source.fileObject['@id']), f['@id']).toBe(true);
        expect(f.dataType, f['@id']).toMatch(/^sc:(Text|Integer|Float|Boolean|Date)$/);
        if (f.references) expect(fieldIds.has(f.references.field['@id']), `${f['@id']} references`).toBe(true);
      }
    }
  });

  it('all metadata carry the changelog version', () => {
    const { version, released } = loadDatasetInfo();
    const cff = parseYaml(readFileSync(join(release, 'CITATION.cff'), 'utf8'));
    expect(json('datapackage.json').version).toBe(version);
    expect(json('croissant.json').version).toBe(version);
    expect(cff.version).toBe(version);
    expect(cff['date-released']).toBe(released);
    expect(readFileSync(join(release, 'README.md'), 'utf8')).toContain(`Version ${version} (${released})`);
    for (const f of listFiles(join(release, 'figures')).filter((f) => f.endsWith('.json'))) {
      expect(json(`figures/${f}`).version, f).toBe(version);
    }
  });

  it('datapackage.json, croissant.json, the card and SHA256SUMS list the same files with the true hashes', () => {
    const resources = json('datapackage.json').resources as Resource[];
    const distribution = json('croissant.json').distribution as { contentUrl: string; sha256: string }[];
    const sums = parseSha256Sums(readFileSync(join(release, 'SHA256SUMS'), 'utf8'));
    const described = listFiles(release).filter((f) => !['README.md', 'SHA256SUMS', 'datapackage.json', 'croissant.json'].includes(f));
    expect(resources.map((r) => r.path)).toEqual(described.filter((f) => !f.startsWith('.'))); // the profile forbids .zenodo.json
    expect(distribution.map((d) => d.contentUrl)).toEqual(described);
    expect([...sums.keys()].sort()).toEqual(listFiles(release).filter((f) => f !== 'SHA256SUMS'));
    const card = readFileSync(join(release, 'README.md'), 'utf8');
    for (const r of resources) {
      const sha = sha256File(join(release, r.path));
      expect(r.hash, r.path).toBe(`sha256:${sha}`);
      expect(r.bytes, r.path).toBe(readFileSync(join(release, r.path)).length);
      expect(sums.get(r.path), r.path).toBe(sha);
      expect(card, r.path).toContain(`| ${r.path} |`);
      expect(card, r.path).toContain(sha);
    }
    for (const d of distribution) expect(d.sha256).toBe(sums.get(d.contentUrl));
    for (const f of ['CITATION.cff', 'croissant.json', 'datapackage.json']) expect(card).toContain(`| ${f} |`);
  });

  it('every table has the same columns in the schema, datapackage.json, croissant.json, the database and the CSV header', async () => {
    const resources = json('datapackage.json').resources as Resource[];
    const recordSets = json('croissant.json').recordSet as { '@id': string; field: { name: string }[] }[];
    const dbColumns = await withDatabase(join(release, 'qantar.duckdb'), { access_mode: 'READ_ONLY' }, async (con) =>
      (
        await con.runAndReadAll(
          `SELECT table_name, list(column_name ORDER BY column_index) AS cols, list(comment ORDER BY column_index) AS comments FROM duckdb_columns() GROUP BY table_name`,
        )
      ).getRowObjectsJson(),
    );
    for (const t of tableNames) {
      const expected = columns(t).map((c) => c.name);
      for (const format of ['csv', 'parquet']) {
        const r = resources.find((r) => r.path === `${format}/${t}.${format}`)!;
        expect(
          r.schema!.fields.map((f) => f.name),
          `${t} ${format}`,
        ).toEqual(expected);
      }
      expect(
        recordSets.find((s) => s['@id'] === t)!.field.map((f) => f.name),
        t,
      ).toEqual(expected);
      const db = dbColumns.find((c) => c.table_name === t)!;
      expect(db.cols, t).toEqual(expected);
      expect(db.comments, t).toEqual(columns(t).map((c) => c.description));
      const header = readFileSync(join(release, `csv/${t}.csv`), 'utf8').split('\n', 1)[0]!;
      expect(header.split(','), t).toEqual(expected);
    }
  });
});

describe('every CSV file, the tables and the figures', () => {
  const csvFiles = () => listFiles(release).filter((f) => f.endsWith('.csv'));
  const header = (file: string) => readFileSync(join(release, file), 'utf8').split('\n', 1)[0]!.split(',');

  it('has a Table Schema in datapackage.json whose fields are its header, each typed and described', () => {
    const resources = json('datapackage.json').resources as (Resource & { schema?: { fields: { description?: string }[] } })[];
    // One CSV per figure folder, each in the checks below.
    const figures = readdirSync(join(release, 'figures')).sort();
    expect(figures.length).toBeGreaterThan(0);
    expect(csvFiles().filter((f) => f.startsWith('figures/'))).toEqual(figures.map((n) => `figures/${n}/${n}.csv`));
    for (const file of csvFiles()) {
      const r = resources.find((r) => r.path === file);
      expect(r?.schema, `${file} has a Table Schema`).toBeDefined();
      expect(
        r!.schema!.fields.map((f) => f.name),
        file,
      ).toEqual(header(file));
      for (const f of r!.schema!.fields as { name: string; type: string; description?: string }[]) {
        expect(f.type, `${file} ${f.name}`).toMatch(/^(string|integer|number|boolean|date)$/);
        expect(f.description?.length ?? 0, `${file} ${f.name} is described`).toBeGreaterThan(0);
      }
    }
  });

  it('has a Croissant record set whose fields read its columns', () => {
    const recordSets = json('croissant.json').recordSet as {
      '@id': string;
      field: { name: string; source: { fileObject: { '@id': string } } }[];
    }[];
    for (const file of csvFiles()) {
      const set = recordSets.find((s) => s.field.every((f) => f.source.fileObject['@id'] === file));
      expect(set, `${file} has a record set`).toBeDefined();
      expect(
        set!.field.map((f) => f.name),
        file,
      ).toEqual(header(file));
    }
  });

  it("holds values of its schema's types in every figure CSV (an empty cell is missing)", () => {
    const resources = json('datapackage.json').resources as { path: string; schema?: { fields: { name: string; type: string }[] } }[];
    const valid: Record<string, (v: string) => boolean> = {
      string: () => true,
      integer: (v) => /^-?\d+$/.test(v),
      number: (v) => Number.isFinite(Number(v)),
      boolean: (v) => v === 'true' || v === 'false',
      date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
    };
    for (const file of csvFiles().filter((f) => f.startsWith('figures/'))) {
      const fields = resources.find((r) => r.path === file)!.schema!.fields;
      const parsed = Papa.parse<Record<string, string>>(readFileSync(join(release, file), 'utf8'), { header: true, skipEmptyLines: true });
      expect(parsed.errors, file).toEqual([]);
      expect(parsed.data.length, file).toBeGreaterThan(0);
      for (const row of parsed.data)
        for (const f of fields) if (row[f.name] !== '') expect(valid[f.type]!(row[f.name]!), `${file} ${f.name}=${row[f.name]}`).toBe(true);
    }
  });
});

/** A CSV cell as the value the schema's type says, for comparing with Parquet. */
function fromCsv(cell: string, type: string): unknown {
  if (cell === '') return null; // NULL and '' are both empty cells once parsed; see the check below
  if (['INTEGER', 'BIGINT', 'DOUBLE'].includes(type)) return Number(cell);
  if (type === 'BOOLEAN') return cell === 'true';
  return cell;
}

function fromParquet(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return type === 'DATE' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (value === '') return null;
  return value;
}

const reliabilityTables = new Set<string>(['reliability', 'reliability_disagreements']);

describe('an independent Parquet reader (hyparquet)', () => {
  it.each(tableNames)('reads %s with the same rows as the CSV parsed by papaparse', async (table) => {
    const buffer = readFileSync(join(release, `parquet/${table}.parquet`));
    const file = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    const parquetRows = (await parquetReadObjects({ file, compressors })) as Record<string, unknown>[];
    const csv = Papa.parse<Record<string, string>>(readFileSync(join(release, `csv/${table}.csv`), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(csv.errors).toEqual([]);
    const cols = columns(table);
    const norm = (rows: Record<string, unknown>[], f: (v: never, type: string) => unknown) =>
      rows.map((r) => Object.fromEntries(cols.map((c) => [c.name, f(r[c.name] as never, c.type)])));
    if (parquetRows.length === 0 && reliabilityTables.has(table)) {
      // Empty until a second coding is compared (test/e2e/reliability.test.ts releases rows in them).
      expect(csv.meta.fields).toEqual(cols.map((c) => c.name));
      return;
    }
    expect(parquetRows.length).toBeGreaterThan(0);
    expect(norm(parquetRows, fromParquet)).toEqual(norm(csv.data, fromCsv));
  });
});

describe('make query', () => {
  it('lists the tables with row counts and comments when given no SQL', () => {
    const r = run(dir, 'make', ['-s', 'query']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^table\s+rows\s+comment$/);
    expect(lines.at(-1)).toBe(`(${tableNames.length} rows)`);
    expect(r.stdout).toMatch(new RegExp(`^documents\\s+${declaredCorpus().documents.length}\\s+One row per language version`, 'm'));
  });

  it('runs the SQL given, whatever its quotes, and aligns the columns', () => {
    const r = run(dir, 'make', ['-s', 'query', `SQL=SELECT count(*) AS "documents", 'it''s' AS q FROM documents`]);
    expect(r.status, r.stderr).toBe(0);
    const n = String(declaredCorpus().documents.length);
    expect(r.stdout).toBe(`documents  q\n---------  ----\n${n.padStart(9)}  it's\n(1 row)\n`);
  });

  it('refuses to write, with a one-line error and exit 1', () => {
    const r = run(dir, 'make', ['-s', 'query', 'SQL=DELETE FROM documents']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^query failed: .*read-only mode/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

// Last: it leaves the copy's release built from a changed schema, and the copy is removed after
// (restoring it took a second full build; issue 17).
describe('the card', () => {
  it('is regenerated when a schema description changes (never stale)', () => {
    const schemaFile = join(dir, 'schemas/tables/lexicon.schema.json');
    const original = readFileSync(schemaFile, 'utf8');
    const marker = 'vague quantity word (changed for the staleness test)';
    const schema = JSON.parse(original);
    schema.properties.phrase.description = marker;
    writeFileSync(schemaFile, JSON.stringify(schema, null, 2));
    const rebuilt = runCli(dir, ['build']);
    expect(rebuilt.status, rebuilt.stdout + rebuilt.stderr).toBe(0);
    expect(readFileSync(join(release, 'README.md'), 'utf8')).toContain(`| \`phrase\` | VARCHAR | no | ${marker} |`);
    expect(JSON.stringify(json('datapackage.json'))).toContain(marker);
  });
});
