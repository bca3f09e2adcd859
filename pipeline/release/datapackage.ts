// datapackage.json: a Frictionless Data Package v2 with one resource per release file. Table files
// carry their Table Schema (types, descriptions, constraints, primary and foreign keys), taken from
// schemas/tables/ like the database's own DDL and comments.
import { columns, primaryKey, tableSchema } from '../lib/duckdb.js';
import type { TableName } from '../tables.js';
import type { DatasetInfo } from './dataset.js';
import { figureTableResource } from './figure-schemas.js';
import { mediaType, type ReleaseFile } from './files.js';

const profile = 'https://datapackage.org/profiles/2.0';

const fieldTypes: Record<string, string> = {
  VARCHAR: 'string',
  INTEGER: 'integer',
  BIGINT: 'integer',
  DOUBLE: 'number',
  BOOLEAN: 'boolean',
  DATE: 'date',
};

/** Resource name of a file: a table's CSV is the table's name; other files are named by path. */
export function resourceName(file: ReleaseFile): string {
  if (file.table) return file.format === 'csv' ? file.table : `${file.table}-${file.format}`;
  return file.path.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export function tableSchemaDescriptor(table: TableName, format: ReleaseFile['format']): Record<string, unknown> {
  const schema = tableSchema(table);
  const resourceOf = (t: string) => (format === 'csv' ? t : `${t}-${format}`);
  const fields = columns(table).map((c) => {
    const property = schema.properties![c.name]!;
    const type = fieldTypes[c.type];
    if (!type) throw new Error(`no Table Schema type for DuckDB type ${c.type} (${table}.${c.name})`);
    const constraints: Record<string, unknown> = {};
    if (!c.nullable) constraints.required = true;
    if (property.enum) constraints.enum = property.enum.filter((v) => v !== null);
    if (property.pattern) constraints.pattern = property.pattern;
    return { name: c.name, type, description: c.description, ...(Object.keys(constraints).length ? { constraints } : {}) };
  });
  const foreignKeys = (schema['x-foreignKeys'] ?? []).map((fk) => ({
    fields: fk.fields,
    reference: { resource: resourceOf(fk.table), fields: fk.references },
  }));
  return {
    $schema: `${profile}/tableschema.json`,
    fields,
    // DuckDB writes NULL as an empty CSV cell; a quoted empty cell ("") is an empty string.
    missingValues: [''],
    primaryKey: primaryKey(table),
    ...(foreignKeys.length ? { foreignKeys } : {}),
  };
}

function resource(file: ReleaseFile): Record<string, unknown> {
  const common = {
    name: resourceName(file),
    path: file.path,
    format: file.format,
    mediatype: mediaType(file),
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
  };
  if (!file.table) return file.figure ? { ...common, ...figureTableResource(file) } : common;
  return {
    ...common,
    type: 'table',
    title: `${file.table} (${file.format === 'csv' ? 'CSV' : 'Parquet'})`,
    description: tableSchema(file.table).description,
    ...(file.format === 'csv'
      ? {
          encoding: 'utf-8',
          dialect: {
            $schema: `${profile}/tabledialect.json`,
            header: true,
            delimiter: ',',
            lineTerminator: '\n',
            quoteChar: '"',
            doubleQuote: true,
          },
        }
      : {}),
    schema: tableSchemaDescriptor(file.table, file.format),
  };
}

export function dataPackage(info: DatasetInfo, files: readonly ReleaseFile[]): Record<string, unknown> {
  return {
    $schema: `${profile}/datapackage.json`,
    name: info.name,
    title: info.title,
    description: info.summary,
    version: info.version,
    keywords: info.keywords,
    licenses: [{ name: info.licence.id, path: info.licence.path, title: info.licence.title }],
    contributors: info.creators.map((c) => ({ title: c.name, roles: ['creator'] })),
    // The Data Package profile forbids a path that starts with "." (.zenodo.json); SHA256SUMS,
    // croissant.json and the card list it.
    resources: files.filter((f) => !f.path.startsWith('.')).map(resource),
  };
}
