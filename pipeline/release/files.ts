// The files of a release as the metadata describes them: path, size, sha256, and for table files
// the table and format. One list feeds datapackage.json, croissant.json and the card, so they
// cannot disagree.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, sha256File } from '../lib/files.js';
import type { TableName } from '../tables.js';
import { tableNames } from '../tables.js';

export interface ReleaseFile {
  path: string; // relative to the release folder, forward slashes
  bytes: number;
  sha256: string;
  /** The table a data file holds, for csv/ and parquet/ files. */
  table?: TableName;
  format: 'csv' | 'parquet' | 'duckdb' | 'svg' | 'png' | 'sql' | 'json' | 'cff' | 'md';
}

const mediaTypes: Record<ReleaseFile['format'], string> = {
  csv: 'text/csv',
  parquet: 'application/vnd.apache.parquet',
  duckdb: 'application/vnd.duckdb',
  svg: 'image/svg+xml',
  png: 'image/png',
  sql: 'application/sql',
  json: 'application/json',
  cff: 'application/x-yaml',
  md: 'text/markdown',
};

export const mediaType = (f: ReleaseFile) => mediaTypes[f.format];

/** Describes every file under `dir` (sorted by path); `skip` names files not to describe. */
export function describeFiles(dir: string, skip: readonly string[] = []): ReleaseFile[] {
  return listFiles(dir)
    .filter((path) => !skip.includes(path))
    .map((path) => {
      const format = path.slice(path.lastIndexOf('.') + 1) as ReleaseFile['format'];
      if (!(format in mediaTypes)) throw new Error(`release file of unknown format: ${path}`);
      const table = /^(csv|parquet)\/([a-z_]+)\.(csv|parquet)$/.exec(path)?.[2] as TableName | undefined;
      if (table !== undefined && !tableNames.includes(table)) throw new Error(`release file of unknown table: ${path}`);
      const abs = join(dir, path);
      return { path, bytes: statSync(abs).size, sha256: sha256File(abs), format, ...(table ? { table } : {}) };
    });
}
