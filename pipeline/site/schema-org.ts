// schema.org `Dataset` JSON-LD for the page's <head>, read by dataset search engines (Google
// Dataset Search and others). Built from the release's croissant.json (itself schema.org, but with
// a record set per table, too much for a page head) and the page's downloads: name, description,
// licence, version, date, creators, keywords, citation, languages and one DataDownload per file,
// its contentUrl relative to the page. Pure.
import type { DownloadEntry } from './page.js';

export interface CroissantSummary {
  name?: string;
  alternateName?: string;
  description?: string;
  version?: string;
  datePublished?: string;
  license?: string;
  keywords?: string[];
  creator?: { name: string }[];
  citeAs?: string;
  distribution?: { contentUrl: string; encodingFormat: string }[];
}

/** Media type of a file croissant.json does not list (itself, datapackage.json, the card, SHA256SUMS). */
function fallbackFormat(path: string): string {
  const ext = path.includes('.') ? path.slice(path.lastIndexOf('.') + 1) : '';
  return { md: 'text/markdown', json: 'application/json', jsonld: 'application/ld+json' }[ext] ?? 'text/plain';
}

export function schemaOrgDataset(
  croissant: CroissantSummary,
  downloads: readonly DownloadEntry[],
  languages: readonly string[],
  dataFolder: string,
): Record<string, unknown> {
  const formats = new Map((croissant.distribution ?? []).map((d) => [d.contentUrl, d.encodingFormat]));
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    name: croissant.alternateName ?? croissant.name,
    alternateName: croissant.name,
    description: croissant.description,
    version: croissant.version,
    datePublished: croissant.datePublished,
    license: croissant.license,
    keywords: croissant.keywords,
    creator: (croissant.creator ?? []).map((c) => ({ '@type': 'Organization', name: c.name })),
    citation: croissant.citeAs,
    inLanguage: languages,
    isAccessibleForFree: true,
    distribution: downloads.map((d) => ({
      '@type': 'DataDownload',
      name: d.path,
      contentUrl: `${dataFolder}/${d.path}`,
      encodingFormat: formats.get(d.path) ?? fallbackFormat(d.path),
      contentSize: `${d.bytes} B`,
      sha256: d.sha256,
    })),
  };
}

/**
 * JSON for a <script type="application/ld+json"> element: "<" is written as \u003c, so no string
 * of the data can close the element ("</script>") or open a comment. JSON-LD parsers read the
 * escape as the character.
 */
export function jsonLdScript(data: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}
