// CITATION.cff (Citation File Format 1.2.0), from raw/dataset.yaml and the changelog's version.
import { stringify } from 'yaml';
import type { DatasetInfo } from './dataset.js';

export function citationCff(info: DatasetInfo): string {
  const cff = {
    'cff-version': '1.2.0',
    message: 'If you use this dataset, please cite it as below.',
    type: 'dataset',
    title: info.title,
    abstract: info.summary,
    version: info.version,
    'date-released': info.released,
    authors: info.creators.map((c) => ({ name: c.name })),
    license: info.licence.id,
    keywords: info.keywords,
  };
  return stringify(cff, { lineWidth: 100 });
}
