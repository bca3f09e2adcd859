// The YAML front matter that opens the card (the release's README.md) as a Hugging Face dataset
// card: licence, languages, name, size, task categories, and one `configs` entry per table whose
// one split (named after the table) is the table's Parquet file, so that
// `datasets.load_dataset("<release folder>", "<table>")` loads that table ("documents" is the
// default). Field names and values follow the Hub's dataset card specification (datasetcard.md of
// huggingface/hub-docs) and its manual configuration guide. Pure: the card's input in, YAML out.
import { stringify } from 'yaml';
import { tableNames } from '../tables.js';
import type { CardInput } from './card.js';

/** Licence ids of the Hub (lower-case SPDX) that the dataset may carry; any other becomes `other`. */
const hubLicences = new Set([
  'cc-by-4.0',
  'cc-by-sa-4.0',
  'cc0-1.0',
  'cc-by-nc-4.0',
  'cc-by-nc-sa-4.0',
  'odbl',
  'odc-by',
  'pddl',
  'mit',
  'apache-2.0',
]);

/** The Hub's size categories, by number of rows (here: all rows of all tables). */
export function sizeCategory(rows: number): string {
  const bounds: [number, string][] = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
    [1e8, '10M<n<100M'],
    [1e9, '100M<n<1B'],
  ];
  return bounds.find(([limit]) => rows < limit)?.[1] ?? 'n>1B';
}

export function hfFrontMatter(input: CardInput): Record<string, unknown> {
  const { info } = input;
  const licence = info.licence.id.toLowerCase();
  const known = hubLicences.has(licence);
  const parquet = new Map(input.files.filter((f) => f.table && f.format === 'parquet').map((f) => [f.table!, f.path]));
  // ISO 639-1 codes of the documents' languages (BCP 47 tags cut to their language subtag).
  const languages = [...new Set(input.documents.map((d) => d.language.split('-')[0]!.toLowerCase()))].sort();
  return {
    pretty_name: info.title,
    license: known ? licence : 'other',
    ...(known ? {} : { license_name: licence, license_link: info.licence.path }),
    language: languages,
    // The texts were found (published on the web), not written for the dataset.
    language_creators: ['found'],
    size_categories: [sizeCategory(tableNames.reduce((n, t) => n + input.rows[t], 0))],
    // Coded spans (codes of a codebook on passages) and entity mentions: the two tasks the
    // tables can serve as labelled data for.
    task_categories: ['text-classification', 'token-classification'],
    tags: info.keywords,
    configs: tableNames
      .filter((t) => parquet.has(t))
      .map((t) => ({
        config_name: t,
        ...(t === 'documents' ? { default: true } : {}),
        data_files: [{ split: t, path: parquet.get(t) }],
      })),
  };
}

/** The front matter block, `---` lines included, ready to open the card. */
export function hfFrontMatterBlock(input: CardInput): string {
  return `---\n${stringify(hfFrontMatter(input), { lineWidth: 0 })}---\n\n`;
}
