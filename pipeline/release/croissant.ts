// croissant.json: MLCommons Croissant 1.0 (JSON-LD). Every release file is a FileObject with its
// sha256; every table is a RecordSet whose fields are read from the table's CSV file, with keys and
// references from schemas/tables/; the responsible-AI (RAI) properties come from raw/dataset.yaml.
import { columns, primaryKey, tableSchema } from '../lib/duckdb.js';
import { tableNames } from '../tables.js';
import { citationText, type DatasetInfo } from './dataset.js';
import { figureRecordSets } from './figure-schemas.js';
import { mediaType, type ReleaseFile } from './files.js';

/** The context recommended by the Croissant 1.0 specification (its appendix 1), plus RAI. */
const context = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
};

const dataTypes: Record<string, string> = {
  VARCHAR: 'sc:Text',
  INTEGER: 'sc:Integer',
  BIGINT: 'sc:Integer',
  DOUBLE: 'sc:Float',
  BOOLEAN: 'sc:Boolean',
  DATE: 'sc:Date',
};

const fieldId = (table: string, column: string) => `${table}/${column}`;

function recordSet(table: (typeof tableNames)[number], csv: ReleaseFile): Record<string, unknown> {
  const schema = tableSchema(table);
  const references = new Map<string, string>();
  for (const fk of schema['x-foreignKeys'] ?? []) {
    fk.fields.forEach((f, i) => references.set(f, fieldId(fk.table, fk.references[i]!)));
  }
  const key = primaryKey(table).map((c) => ({ '@id': fieldId(table, c) }));
  return {
    '@type': 'cr:RecordSet',
    '@id': table,
    name: table,
    description: schema.description,
    key: key.length === 1 ? key[0] : key,
    field: columns(table).map((c) => ({
      '@type': 'cr:Field',
      '@id': fieldId(table, c.name),
      name: c.name,
      description: c.description,
      dataType: dataTypes[c.type],
      source: { fileObject: { '@id': csv.path }, extract: { column: c.name } },
      ...(references.has(c.name) ? { references: { field: { '@id': references.get(c.name) } } } : {}),
    })),
  };
}

export function croissant(info: DatasetInfo, files: readonly ReleaseFile[]): Record<string, unknown> {
  const csvOf = new Map(files.filter((f) => f.table && f.format === 'csv').map((f) => [f.table!, f]));
  return {
    '@context': context,
    '@type': 'sc:Dataset',
    conformsTo: 'http://mlcommons.org/croissant/1.0',
    name: info.name,
    alternateName: info.title,
    description: info.summary,
    version: info.version,
    datePublished: info.released,
    license: info.licence.path,
    keywords: info.keywords,
    creator: info.creators.map((c) => ({ '@type': 'sc:Organization', name: c.name })),
    citeAs: citationText(info),
    isLiveDataset: false,
    'rai:dataCollection': info.collection,
    'rai:dataBiases': info.biases,
    'rai:dataLimitations': info.limitations,
    'rai:personalSensitiveInformation': info.personal_information,
    'rai:dataUseCases': info.use_cases,
    distribution: files.map((f) => ({
      '@type': 'cr:FileObject',
      '@id': f.path,
      name: f.path,
      contentUrl: f.path,
      contentSize: `${f.bytes} B`,
      encodingFormat: mediaType(f),
      sha256: f.sha256,
    })),
    recordSet: tableNames
      .map((t) => {
        const csv = csvOf.get(t);
        if (!csv) throw new Error(`no CSV file for table ${t}`);
        return recordSet(t, csv);
      })
      .concat(figureRecordSets(files)),
  };
}
