// .zenodo.json: the metadata of a Zenodo deposit of the release (the fields of Zenodo's deposit
// API, which its GitHub integration also reads from a .zenodo.json file), so that a deposit gets
// a DOI with the right title, creators, licence, version and date without typing them. Generated
// from raw/dataset.yaml, CHANGELOG.md and the sources table; pure.
import type { SourceRow } from '../tables.js';
import type { DatasetInfo } from './dataset.js';

const html = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ');

/**
 * Zenodo names licences by lower-case SPDX ids ("cc-by-4.0"). A licence Zenodo may not know is
 * still given by its SPDX id in lower case: the deposit form then asks, and no wrong licence is
 * filled in.
 */
export const zenodoLicence = (spdx: string) => spdx.toLowerCase();

export function zenodoMetadata(info: DatasetInfo, sources: readonly Pick<SourceRow, 'url' | 'url_basis'>[]): Record<string, unknown> {
  // The texts the dataset is derived from, where a URL is stated in or recorded with the text;
  // an inferred URL is not an identifier of what was collected.
  const urls = [...new Set(sources.filter((s) => s.url !== null && s.url_basis !== 'inferred').map((s) => s.url!))].sort();
  return {
    upload_type: 'dataset',
    title: info.title,
    description: `<p>${html(info.summary)}</p><p>Licence: ${html(info.licence.scope)}</p>`,
    // Zenodo wants "Family name, Given names" for people; a group's name is given as it is.
    creators: info.creators.map((c) => ({ name: c.name })),
    access_right: 'open',
    license: zenodoLicence(info.licence.id),
    version: info.version,
    publication_date: info.released,
    keywords: info.keywords,
    notes: info.text_rights.replace(/\s*\n\s*/g, ' '),
    related_identifiers: urls.map((identifier) => ({ identifier, relation: 'isDerivedFrom' })),
  };
}
