// The pure parts of the release's standard exports: Web Annotation selectors (code points, text
// outside the BMP, context grown until the quote is unique), IRIs, bodies; Zenodo metadata against
// the fields Zenodo documents; the Hugging Face front matter; the page's schema.org JSON-LD.
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CardInput } from '../../pipeline/release/card.js';
import type { DatasetInfo } from '../../pipeline/release/dataset.js';
import { hfFrontMatter, hfFrontMatterBlock, sizeCategory } from '../../pipeline/release/hf-front-matter.js';
import {
  claimText,
  DocumentText,
  iri,
  quoteSelector,
  uniqueWindows,
  webAnnotations,
  type WebAnnotationInput,
} from '../../pipeline/release/web-annotations.js';
import { zenodoMetadata } from '../../pipeline/release/zenodo.js';
import { jsonLdScript, schemaOrgDataset } from '../../pipeline/site/schema-org.js';
import { tableNames, type AnnotationRow, type ClaimRow, type TableName } from '../../pipeline/tables.js';
import {
  annoTypes,
  hfCardFields,
  motivations,
  selectorProblems,
  unknownTerms,
  zenodoSchema,
  type Selectors,
} from '../support/standard-exports.js';

const info: DatasetInfo = {
  name: 'qantar',
  title: 'Qantar: a <test> title',
  summary: 'A summary\nover two lines & more.',
  creators: [{ name: 'Qantar contributors' }],
  keywords: ['Kazakhstan', 'corpus'],
  licence: { id: 'CC-BY-4.0', title: 'CC BY 4.0', path: 'https://creativecommons.org/licenses/by/4.0/', scope: 'what the project made' },
  text_rights: 'The texts keep their rights.',
  collection: 'c',
  biases: ['b'],
  limitations: ['l'],
  personal_information: 'p',
  use_cases: 'u',
  version: '1.2.3',
  released: '2026-02-03',
  changelog: '## [1.2.3] - 2026-02-03\n',
};

describe('TextQuoteSelector', () => {
  // U+1F525 and U+10402 are one code point each but two UTF-16 units.
  const text = 'ab🔥cd 𐐂 — the end of a 🔥 text';

  it('takes the quote and its context by code points, outside the BMP too', () => {
    const s = quoteSelector(text, 2, 5, 2);
    expect(s).toEqual({ type: 'TextQuoteSelector', exact: '🔥cd', prefix: 'ab', suffix: ' 𐐂' });
    expect(selectorProblems({ source: 'x', selector: [s, { type: 'TextPositionSelector', start: 2, end: 5 }] }, text)).toEqual([]);
  });

  it('leaves out an empty prefix or suffix at the ends of the text', () => {
    expect(quoteSelector('hello world', 0, 5)).toEqual({ type: 'TextQuoteSelector', exact: 'hello', suffix: ' world' });
    expect(quoteSelector('hello world', 6, 11)).toEqual({ type: 'TextQuoteSelector', exact: 'world', prefix: 'hello ' });
  });

  it('grows the context until prefix + quote + suffix occurs once', () => {
    const repeated = 'xx the strike the strike the strike yy';
    const s = quoteSelector(repeated, 18, 24, 1); // the second "strike"
    expect(s.exact).toBe('strike');
    const whole = (s.prefix ?? '') + s.exact + (s.suffix ?? '');
    expect(repeated.split(whole).length - 1).toBe(1);
    expect(selectorProblems({ source: 'x', selector: [s, { type: 'TextPositionSelector', start: 18, end: 24 }] }, repeated)).toEqual([]);
  });

  /** How many times `s` occurs in `text`, overlapping occurrences counted. */
  const occurrences = (text: string, s: string) => [...Array(text.length + 1).keys()].filter((i) => text.startsWith(s, i)).length;
  // Few letters, so that windows and ranges repeat; two of them outside the BMP.
  const repetitive = fc.array(fc.constantFrom('a', 'b', ' ', '🔥', '𐐂'), { maxLength: 80 }).map((cs) => cs.join(''));

  it('knows whether a range occurs once, as a search of the whole text does', () => {
    // Non-empty ranges: a selector's range holds at least its context.
    fc.assert(
      fc.property(
        repetitive.filter((t) => t.length > 0),
        fc.nat(),
        fc.nat(),
        (text, x, y) => {
          const doc = new DocumentText(text);
          const [start, end] = [x % doc.length, y % doc.length].sort((a, b) => a - b) as [number, number];
          expect(doc.occursOnce(start, end + 1)).toBe(occurrences(text, doc.slice(start, end + 1)) === 1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('marks a window unique only when it occurs once, and most windows of a statement so', () => {
    fc.assert(
      fc.property(repetitive, fc.integer({ min: 1, max: 9 }), (text, width) => {
        const unique = uniqueWindows(text, width);
        unique.forEach((u, i) => u && expect(occurrences(text, text.slice(i, i + width)), `window at ${i}`).toBe(1));
      }),
      { numRuns: 1000 },
    );
    const statement =
      'The Collective Security Treaty Organization will send peacekeeping forces to Kazakhstan for a limited time, at the request of its president, to stabilise and normalise the situation.';
    const unique = uniqueWindows(statement, 8);
    const trulyUnique = [...unique.keys()].filter((i) => occurrences(statement, statement.slice(i, i + 8)) === 1);
    expect(unique.reduce((n, u) => n + u, 0)).toBeGreaterThan(0.75 * trulyUnique.length);
  });

  it('the selector check finds a wrong position, a wrong prefix and an ambiguous quote', () => {
    const sel = (q: object, start: number, end: number): Selectors => ({
      source: 'x',
      selector: [
        { type: 'TextQuoteSelector', exact: 'strike', ...q },
        { type: 'TextPositionSelector', start, end },
      ],
    });
    const t = 'the strike, the strike';
    expect(selectorProblems(sel({ prefix: 'the ' }, 4, 10), t)).toEqual([expect.stringMatching(/more than once/)]);
    expect(selectorProblems(sel({ prefix: 'the ', suffix: ',' }, 5, 11), t)[0]).toMatch(/is not the text at 5..11/);
    expect(selectorProblems(sel({ prefix: 'a ', suffix: ',' }, 4, 10), t)[0]).toMatch(/prefix "a " is not the text before/);
  });
});

describe('Web Annotations', () => {
  const annotation = (over: Partial<AnnotationRow>): AnnotationRow => ({
    annotation_id: 'doc-en/e1#actor.workers',
    entry_id: 'doc-en/e1',
    doc_id: 'doc-en',
    code_id: 'actor.workers',
    status: 'coded',
    method: 'direct',
    start_cp: 4,
    end_cp: 10,
    quote: 'strike',
    paragraph_n: 1,
    projected_from: null,
    note: null,
    ...over,
  });
  const claim: ClaimRow = {
    claim_id: 'doc-en/c1',
    doc_id: 'doc-en',
    quantity: 'deaths',
    kind: 'count',
    raw_phrase: 'dozens',
    start_cp: 14,
    end_cp: 20,
    value: null,
    low: 24,
    high: 99,
    value_basis: 'lexicon',
    lexicon_id: 'en-dozens',
    unit: 'people',
    qualifier: 'about',
    attributed_to: 'self',
    source_entity_id: 'rights-group',
    stance: 'asserted',
    event_id: 'zhanaozen-2011',
    paragraph_n: 1,
    note: 'a remark',
  };
  const input: WebAnnotationInput = {
    version: '1.2.3',
    documents: [{ doc_id: 'doc-en', text: 'The strike, 🔥 dozens died.' }],
    codes: [{ code_id: 'actor.workers', label: 'Workers lead', category_label: 'Actors' }],
    events: [{ event_id: 'zhanaozen-2011', label: 'Zhanaozen massacre', date_start: '2011-12-16', date_end: '2011-12-16' }],
    annotations: [
      annotation({}),
      annotation({ annotation_id: 'doc-en/e2#uncoded', code_id: null, status: 'uncoded', note: 'a date line' }),
      annotation({ annotation_id: 'doc-es/e1#actor.workers', method: 'projected', projected_from: 'doc-en/e1#actor.workers' }),
    ],
    claims: [claim],
    eventMentions: [
      {
        event_mention_id: 'doc-en/d1',
        doc_id: 'doc-en',
        event_id: 'zhanaozen-2011',
        start_cp: 0,
        end_cp: 10,
        quote: 'The strike',
        date_stated: null,
        paragraph_n: 1,
        note: null,
      },
    ],
  };
  const out = webAnnotations(input) as { first: { items: Record<string, any>[] }; total: number };

  it('is a W3C AnnotationCollection using only the context terms, classes and motivations', () => {
    expect(out).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 5 });
    expect(unknownTerms(out)).toEqual([]);
    const types = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'type' ? types.add(x as string) : walk(x);
    };
    walk(out);
    expect([...types].filter((t) => !annoTypes.has(t))).toEqual([]);
    for (const a of out.first.items) {
      expect(motivations.has(a.motivation), a.id).toBe(true);
      for (const b of a.body) expect(motivations.has(b.purpose), `${a.id} ${b.purpose}`).toBe(true);
    }
  });

  it('gives a code as a classifying SpecificResource with its label, an uncoded span as a comment, a projection in words', () => {
    const [coded, uncoded, projected, claimAnno, eventAnno] = out.first.items;
    expect(coded!.id).toBe('urn:qantar:annotation:doc-en/e1%23actor.workers');
    expect(coded!.body).toEqual([
      { type: 'SpecificResource', purpose: 'classifying', source: 'urn:qantar:code:actor.workers' },
      { type: 'TextualBody', purpose: 'tagging', value: 'Actors: Workers lead', format: 'text/plain' },
    ]);
    expect(coded!.target.source).toBe('urn:qantar:document:doc-en');
    expect(uncoded).toMatchObject({ motivation: 'commenting', body: [{ value: 'uncoded: a date line' }] });
    expect(projected!.body.at(-1).value).toMatch(/^projected from doc-en\/e1#actor\.workers/);
    expect(claimAnno!.motivation).toBe('describing');
    expect(claimAnno!.body.map((b: { source?: string; value?: string }) => b.source ?? b.value)).toEqual([
      'deaths: 24..99 people (about, read through the lexicon (en-dozens)); attributed to self, asserted',
      'urn:qantar:quantity:deaths',
      'urn:qantar:event:zhanaozen-2011',
      'Zhanaozen massacre (2011-12-16)',
      'urn:qantar:entity:rights-group',
      'a remark',
    ]);
    expect(eventAnno).toMatchObject({
      motivation: 'identifying',
      body: [{ purpose: 'identifying', source: 'urn:qantar:event:zhanaozen-2011' }, {}],
    });
    for (const a of out.first.items) expect(selectorProblems(a.target, input.documents[0]!.text), a.id).toEqual([]);
  });

  it('writes a stated value, an open interval, and percent-encodes what an IRI cannot hold', () => {
    expect(claimText({ ...claim, value: 164, low: 164, high: 164, value_basis: 'stated', lexicon_id: null, qualifier: 'exact' })).toBe(
      'deaths: 164 people (exact); attributed to self, asserted',
    );
    expect(claimText({ ...claim, value: null, low: 1000, high: null, value_basis: 'stated', qualifier: 'more_than' })).toMatch(
      /^deaths: 1000\.\.\? people/,
    );
    expect(iri('entity', 'Алматы city#1')).toBe('urn:qantar:entity:%D0%90%D0%BB%D0%BC%D0%B0%D1%82%D1%8B%20city%231');
  });
});

describe('.zenodo.json', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(zenodoSchema);

  it('has the fields Zenodo documents, from the dataset metadata and the changelog', () => {
    const z = zenodoMetadata(info, [
      { url: 'https://example.org/a', url_basis: 'stated' },
      { url: 'https://example.org/guess', url_basis: 'inferred' },
      { url: null, url_basis: null },
      { url: 'https://example.org/a', url_basis: 'collected' },
    ]);
    expect(validate(z), JSON.stringify(validate.errors)).toBe(true);
    expect(z).toMatchObject({
      upload_type: 'dataset',
      version: '1.2.3',
      publication_date: '2026-02-03',
      license: 'cc-by-4.0',
      access_right: 'open',
    });
    expect(z.description).toBe('<p>A summary over two lines &amp; more.</p><p>Licence: what the project made</p>');
    expect(z.related_identifiers).toEqual([{ identifier: 'https://example.org/a', relation: 'isDerivedFrom' }]);
  });

  it('the schema check can fail: an unknown field, a bad relation, a missing title', () => {
    const z = zenodoMetadata(info, []);
    expect(validate({ ...z, upload_typ: 'dataset' })).toBe(false);
    expect(validate({ ...z, related_identifiers: [{ identifier: 'x', relation: 'derivedFrom' }] })).toBe(false);
    const { title: _, ...untitled } = z;
    expect(validate(untitled)).toBe(false);
  });
});

describe('Hugging Face front matter', () => {
  const rows = Object.fromEntries(tableNames.map((t) => [t, 10])) as Record<TableName, number>;
  const input = {
    info,
    rows,
    files: tableNames.flatMap((t) => [
      { path: `csv/${t}.csv`, table: t, format: 'csv' as const, bytes: 1, sha256: '' },
      { path: `parquet/${t}.parquet`, table: t, format: 'parquet' as const, bytes: 1, sha256: '' },
    ]),
    documents: [{ language: 'ru' }, { language: 'en' }, { language: 'pt-BR' }, { language: 'en' }],
  } as unknown as CardInput;

  it('uses only documented fields, every language once, one config per table on its Parquet file', () => {
    const fm = hfFrontMatter(input);
    expect(Object.keys(fm).filter((k) => !hfCardFields.has(k))).toEqual([]);
    expect(fm).toMatchObject({ license: 'cc-by-4.0', language: ['en', 'pt', 'ru'], size_categories: ['n<1K'] });
    const configs = fm.configs as { config_name: string; default?: boolean; data_files: { split: string; path: string }[] }[];
    expect(configs.map((c) => c.config_name)).toEqual([...tableNames]);
    expect(configs.filter((c) => c.default).map((c) => c.config_name)).toEqual(['documents']);
    for (const c of configs) expect(c.data_files).toEqual([{ split: c.config_name, path: `parquet/${c.config_name}.parquet` }]);
  });

  it('opens with a YAML block that parses back to the same fields, and names an unknown licence as other', () => {
    const block = hfFrontMatterBlock(input);
    expect(block).toMatch(/^---\n[\s\S]*\n---\n\n$/);
    expect(parseYaml(block.slice(4, block.lastIndexOf('---')))).toEqual(hfFrontMatter(input));
    const other = hfFrontMatter({ ...input, info: { ...info, licence: { ...info.licence, id: 'LicenseRef-Custom' } } });
    expect(other).toMatchObject({ license: 'other', license_name: 'licenseref-custom', license_link: info.licence.path });
  });

  it('keeps a hostile title inside the YAML block', () => {
    const title = 'x\n---\n<script>alert(1)</script>\n# Heading';
    const block = hfFrontMatterBlock({ ...input, info: { ...info, title } });
    expect(block.match(/^---$/gm)).toHaveLength(2);
    expect(parseYaml(block.slice(4, block.lastIndexOf('---'))).pretty_name).toBe(title);
  });

  it('sizes by rows on the Hub boundaries', () => {
    expect([999, 1000, 9999, 10_000, 2_000_000].map(sizeCategory)).toEqual(['n<1K', '1K<n<10K', '1K<n<10K', '10K<n<100K', '1M<n<10M']);
  });
});

describe('schema.org JSON-LD of the page', () => {
  it('lists every download relative to the page and cannot be closed by the data', () => {
    const d = schemaOrgDataset(
      {
        name: 'qantar',
        alternateName: 'Qantar </script><script>alert(1)</script>',
        license: 'https://creativecommons.org/licenses/by/4.0/',
        distribution: [{ contentUrl: 'csv/a.csv', encodingFormat: 'text/csv' }],
      },
      [
        { path: 'csv/a.csv', bytes: 3, sha256: 'a'.repeat(64) },
        { path: 'SHA256SUMS', bytes: 5, sha256: 'b'.repeat(64) },
      ],
      ['en'],
      'data',
    );
    expect(d).toMatchObject({ '@type': 'Dataset', inLanguage: ['en'] });
    expect(d.distribution).toEqual([
      {
        '@type': 'DataDownload',
        name: 'csv/a.csv',
        contentUrl: 'data/csv/a.csv',
        encodingFormat: 'text/csv',
        contentSize: '3 B',
        sha256: 'a'.repeat(64),
      },
      {
        '@type': 'DataDownload',
        name: 'SHA256SUMS',
        contentUrl: 'data/SHA256SUMS',
        encodingFormat: 'text/plain',
        contentSize: '5 B',
        sha256: 'b'.repeat(64),
      },
    ]);
    const script = jsonLdScript(d);
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(script.slice(script.indexOf('>') + 1, script.lastIndexOf('<')))).toEqual(d);
  });
});
