// The files of a release as the metadata describes them: path, size, sha256, and for table files
// the table and format. One list feeds datapackage.json, croissant.json and the card, so they
// cannot disagree.
import { describeFile, type FileEntry } from '../lib/files.js';
import { figureCsv, type FigureCsv } from './figure-schemas.js';
import type { TableName } from '../tables.js';
import { tableNames } from '../tables.js';

export interface ReleaseFile extends FileEntry {
  /** The table a data file holds, for csv/ and parquet/ files. */
  table?: TableName;
  format: 'csv' | 'parquet' | 'duckdb' | 'svg' | 'png' | 'sql' | 'json' | 'jsonld' | 'cff' | 'md';
  /** For a figure's CSV: the figure and the fields its JSON describes (figures/fields.ts). */
  figure?: FigureCsv;
}

const mediaTypes: Record<ReleaseFile['format'], string> = {
  csv: 'text/csv',
  parquet: 'application/vnd.apache.parquet',
  duckdb: 'application/vnd.duckdb',
  svg: 'image/svg+xml',
  png: 'image/png',
  sql: 'application/sql',
  json: 'application/json',
  jsonld: 'application/ld+json',
  cff: 'application/x-yaml',
  md: 'text/markdown',
};

export const mediaType = (f: ReleaseFile) => mediaTypes[f.format];

/** Describes one file of a release folder: size, sha256, format and, for data files, the table. */
export function describeReleaseFile(dir: string, path: string): ReleaseFile {
  const format = path.slice(path.lastIndexOf('.') + 1) as ReleaseFile['format'];
  if (!(format in mediaTypes)) throw new Error(`release file of unknown format: ${path}`);
  const table = /^(csv|parquet)\/([a-z_]+)\.(csv|parquet)$/.exec(path)?.[2] as TableName | undefined;
  if (table !== undefined && !tableNames.includes(table)) throw new Error(`release file of unknown table: ${path}`);
  const figure = figureCsv(dir, path);
  return { ...describeFile(dir, path), format, ...(table ? { table } : {}), ...(figure ? { figure } : {}) };
}
