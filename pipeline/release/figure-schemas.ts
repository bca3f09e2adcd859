// Each figure's CSV (figures/<name>/<name>.csv, the rows the figure plotted) as metadata describes
// it: a Table Schema in datapackage.json and a record set in croissant.json. The fields are those
// the figures stage wrote into the figure's JSON: the columns and DuckDB types of the notebook's
// SQL result, described by the notebook (or by the table schema of a column it copies).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FigureField } from '../figures/fields.js';
import type { ReleaseFile } from './files.js';

export interface FigureCsv {
  name: string;
  title: string;
  fields: FigureField[];
}

const figureCsvPath = /^figures\/([^/]+)\/\1\.csv$/;

/** The figure a release file is the CSV of, read from the figure's JSON beside it; undefined for other files. */
export function figureCsv(dir: string, path: string): FigureCsv | undefined {
  const name = figureCsvPath.exec(path)?.[1];
  if (!name) return undefined;
  const meta = JSON.parse(readFileSync(join(dir, 'figures', name, `${name}.json`), 'utf8')) as { title: string; fields?: FigureField[] };
  if (!meta.fields)
    throw new Error(`figures/${name}/${name}.json lists no fields: the figures stage writes them (pipeline/figures/fields.ts)`);
  return { name, title: meta.title, fields: meta.fields };
}

/** DuckDB result types as Table Schema and Croissant types; a type not listed stops the build. */
function types(field: FigureField, figure: string): { tableSchema: string; croissant: string } {
  const t = field.type.replace(/\(.*\)$/, '');
  const known: Record<string, [string, string]> = {
    VARCHAR: ['string', 'sc:Text'],
    BOOLEAN: ['boolean', 'sc:Boolean'],
    DATE: ['date', 'sc:Date'],
    TINYINT: ['integer', 'sc:Integer'],
    SMALLINT: ['integer', 'sc:Integer'],
    INTEGER: ['integer', 'sc:Integer'],
    BIGINT: ['integer', 'sc:Integer'],
    HUGEINT: ['integer', 'sc:Integer'],
    FLOAT: ['number', 'sc:Float'],
    DOUBLE: ['number', 'sc:Float'],
    DECIMAL: ['number', 'sc:Float'],
  };
  const k = known[t];
  if (!k)
    throw new Error(
      `figure ${figure}: no Table Schema type for the DuckDB type ${field.type} of ${field.name}; cast it in the notebook's SQL`,
    );
  return { tableSchema: k[0], croissant: k[1] };
}

const sourceNote = (f: FigureCsv) =>
  `Field descriptions come from notebooks/${f.name}.ts; a field copied from a table column carries the description of that column in schemas/tables/ (each field's source is in figures/${f.name}/${f.name}.json).`;

/** The datapackage.json resource properties of a figure's CSV besides name, path, format and hash. */
export function figureTableResource(file: ReleaseFile): Record<string, unknown> {
  const f = file.figure!;
  const profile = 'https://datapackage.org/profiles/2.0';
  return {
    type: 'table',
    title: `Data of the figure "${f.title}" (CSV)`,
    description: `The rows the figure ${f.name} plotted: the result of figures/${f.name}/${f.name}.sql run on qantar.duckdb. ${sourceNote(f)}`,
    encoding: 'utf-8',
    // Written by papaparse (pipeline/figures/bundle.ts toCsv), not by DuckDB like the tables.
    dialect: {
      $schema: `${profile}/tabledialect.json`,
      header: true,
      delimiter: ',',
      lineTerminator: '\n',
      quoteChar: '"',
      doubleQuote: true,
    },
    schema: {
      $schema: `${profile}/tableschema.json`,
      fields: f.fields.map((x) => ({ name: x.name, type: types(x, f.name).tableSchema, description: x.description })),
      // NULL is an empty cell, and so is an empty string (papaparse does not quote it).
      missingValues: [''],
    },
  };
}

/** One Croissant record set per figure CSV, its fields read from the CSV's columns. */
export function figureRecordSets(files: readonly ReleaseFile[]): Record<string, unknown>[] {
  return files
    .filter((file) => file.figure)
    .map((file) => {
      const f = file.figure!;
      const id = `figure-${f.name}`;
      return {
        '@type': 'cr:RecordSet',
        '@id': id,
        name: id,
        description: `The rows the figure "${f.title}" plotted (${file.path}). ${sourceNote(f)}`,
        field: f.fields.map((x) => ({
          '@type': 'cr:Field',
          '@id': `${id}/${x.name}`,
          name: x.name,
          description: x.description,
          dataType: types(x, f.name).croissant,
          source: { fileObject: { '@id': file.path }, extract: { column: x.name } },
        })),
      };
    });
}
