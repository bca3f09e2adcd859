// The pure parts of the release metadata: the changelog's version, escaping in the card, the
// Table Schema of a table, and the aligned table of `make query`.
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { actorTypeCounts, renderCard, type CardInput } from '../../pipeline/release/card.js';
import { cell, md } from '../../pipeline/release/markdown.js';
import { parseChangelog, type DatasetInfo } from '../../pipeline/release/dataset.js';
import { resourceName, tableSchemaDescriptor } from '../../pipeline/release/datapackage.js';
import { cellText, formatTable } from '../../pipeline/query.js';
import { reliabilitySummary } from '../../pipeline/reliability/summary.js';
import { tableNames, type SourceRow, type TableName } from '../../pipeline/tables.js';

describe('parseChangelog', () => {
  it('takes the version and date from the first version heading', () => {
    const text = '# Changelog\n\nintro\n\n## [1.2.3] - 2026-01-02\n\n- a change\n\n## [1.2.2] - 2025-12-01\n\n- older\n';
    const r = parseChangelog(text);
    expect(r.problems).toEqual([]);
    expect(r.version).toBe('1.2.3');
    expect(r.released).toBe('2026-01-02');
    expect(r.changelog).toBe('## [1.2.3] - 2026-01-02\n\n- a change\n\n## [1.2.2] - 2025-12-01\n\n- older\n');
  });

  it('points at a heading that is not a version, with the expected form', () => {
    const r = parseChangelog('# Changelog\n\n## Unreleased\n');
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'changelog/bad-version-heading',
        file: 'CHANGELOG.md',
        line: 3,
        column: 1,
        message: "'## Unreleased' is not a version heading",
      }),
    ]);
  });

  it('reports a changelog without any version', () => {
    expect(parseChangelog('# Changelog\n').problems[0]).toMatchObject({ code: 'changelog/no-version', line: 1 });
  });
});

describe('escaping in the card', () => {
  it('turns HTML from the data into text and keeps table cells on one line', () => {
    expect(md('<script>alert(1)</script> & <img src=x onerror=alert(1)>')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(cell('a | b\nc')).toBe('a \\| b c');
    expect(cell(null)).toBe('');
  });

  it('renders a source whose title is hostile HTML as text', () => {
    const source = {
      source_id: 'evil',
      title: '<script>alert(1)</script>',
      title_basis: 'stated',
      rights: '<img src=x onerror=alert(1)>',
    } as SourceRow;
    const info = {
      name: 'x',
      title: 'T <b>',
      summary: 's',
      creators: [{ name: 'c' }],
      keywords: ['k'],
      licence: { id: 'CC-BY-4.0', title: 'CC BY', path: 'https://creativecommons.org/licenses/by/4.0/', scope: 'all' },
      text_rights: 'r',
      collection: 'c',
      biases: ['b'],
      limitations: ['l'],
      personal_information: 'p',
      use_cases: 'u',
      version: '1.0.0',
      released: '2026-01-01',
      changelog: '## [1.0.0] - 2026-01-01\n',
    } satisfies DatasetInfo;
    const input: CardInput = {
      info,
      files: [],
      rows: Object.fromEntries(tableNames.map((t) => [t, 0])) as Record<TableName, number>,
      sources: [source],
      actorTypes: [],
      documents: [],
      codes: [
        {
          code_id: 'stance.x',
          category: 'stance',
          category_label: 'Stances',
          label: 'X',
          definition: 'Defined <img src=x onerror=alert(1)>',
          rule: 'Not <b>y</b>.',
          version_added: 2,
          version_redefined: null,
          example_doc_id: 'd',
          example_quote: 'q',
          codebook_version: 2,
        },
      ],
      codebookChanges: [
        { version: 1, summary: 'First.' },
        {
          version: 2,
          summary: 'Added <b>x</b>.',
          added: ['stance.x'],
          redefined: [{ code: 'stance.y', change: 'wider' }],
          reread: ['seed-en'],
        },
      ],
      flags: [],
      edits: [],
      figures: [{ name: 'f', title: '<svg onload=alert(1)>', question: 'q', caption: 'c' }],
      reliability: reliabilitySummary([], { codable_sentences: 0, disagreements: 0, resolved: 0 }),
    };
    // The Hugging Face front matter carries the title as a YAML value (the Hub does not render
    // it); the Markdown after it is escaped.
    const full = renderCard(input);
    const card = full.slice(full.indexOf('\n---\n') + 5);
    expect(parseYaml(full.slice(4, full.indexOf('\n---\n'))).pretty_name).toBe('T <b>');
    expect(card).not.toMatch(/<(script|img|svg|b)\b/);
    expect(card).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(card).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(card).toContain('### [1.0.0] - 2026-01-01');
    expect(card).toContain('*Rule:* Not &lt;b&gt;y&lt;/b&gt;. (added in version 2)');
    const changes = card.slice(card.indexOf('### Codebook changelog'));
    expect(changes.indexOf('**Version 2**')).toBeLessThan(changes.indexOf('**Version 1**'));
    expect(changes).toContain(
      '- **Version 2**: Added &lt;b&gt;x&lt;/b&gt;.\n  - added: `stance.x`\n  - redefined `stance.y`: wider\n  - re-read under this version: `seed-en`',
    );
    expect(card).toContain('## Reliability\n\nNo reliability figures exist yet.');
  });
});

describe('who speaks, in the card', () => {
  const actorTypes = [
    { actor_type_id: 'party_or_movement', n: 1, label: 'Party or movement', definition: 'd' },
    { actor_type_id: 'media', n: 2, label: 'Media', definition: 'd' },
    { actor_type_id: 'individual', n: 3, label: 'Individual', definition: 'd' },
  ];
  const source = (source_id: string, actor_type: string | null, actor_type_basis: string | null) =>
    ({ source_id, actor_type, actor_type_basis }) as SourceRow;
  const doc = (source_id: string, n: number, annotation_status: string) => ({
    doc_id: `${source_id}-${n}`,
    source_id,
    language: 'en',
    is_translation: false,
    n_words: 1,
    n_sentences: 1,
    annotation_status,
    sentences_coded: 0,
    sentences_uncoded: 0,
    open_suggestions: 0,
  });

  it('counts sources, documents and drafts per type, lists a type with none, and counts unknown and unrecorded actors apart', () => {
    const text = actorTypeCounts({
      actorTypes,
      sources: [
        source('a', 'party_or_movement', 'stated'),
        source('b', 'party_or_movement', 'inferred'),
        source('c', null, 'inferred'),
        source('d', null, null),
        source('e', 'individual', 'inferred'),
      ],
      documents: [
        doc('a', 1, 'complete'),
        doc('a', 2, 'draft'),
        doc('b', 1, 'draft'),
        doc('c', 1, 'complete'),
        doc('d', 1, 'draft'),
        doc('e', 1, 'complete'),
      ],
    });
    expect(text.split('\n').slice(2)).toEqual([
      '| actor type | sources | documents | of them drafts |',
      '|---|---|---|---|',
      '| Party or movement (`party_or_movement`) | 2 | 3 | 2 |',
      '| Media (`media`) | 0 | 0 | 0 |',
      '| Individual (`individual`) | 1 | 1 | 0 |',
      '| unknown (the reason is in `sources.actor_type_support`) | 1 | 1 | 0 |',
      '| actor type not recorded | 1 | 1 | 1 |',
    ]);
    expect(text).toContain('6 documents from 5 sources, by 2 of the 3 actor types');
    expect(text).toContain('1 source has no actor type recorded yet.');
  });
});

describe('Table Schema of a table', () => {
  it('maps types, constraints and keys; foreign keys point at the resource of the same format', () => {
    const schema = tableSchemaDescriptor('claims', 'parquet') as {
      fields: { name: string; type: string; constraints?: { required?: boolean; enum?: unknown[] } }[];
      primaryKey: string[];
      foreignKeys: { fields: string[]; reference: { resource: string; fields: string[] } }[];
    };
    expect(schema.primaryKey).toEqual(['claim_id']);
    expect(schema.fields.find((f) => f.name === 'value')).toMatchObject({ type: 'number' });
    expect(schema.fields.find((f) => f.name === 'claim_id')!.constraints).toMatchObject({ required: true });
    expect(schema.fields.find((f) => f.name === 'value_basis')!.constraints!.enum).toEqual(['stated', 'lexicon']);
    expect(schema.foreignKeys).toContainEqual({ fields: ['doc_id'], reference: { resource: 'documents-parquet', fields: ['doc_id'] } });
  });

  it('names a table CSV after its table and every other file after its path', () => {
    expect(resourceName({ path: 'csv/claims.csv', table: 'claims', format: 'csv', bytes: 0, sha256: '' })).toBe('claims');
    expect(resourceName({ path: 'parquet/claims.parquet', table: 'claims', format: 'parquet', bytes: 0, sha256: '' })).toBe(
      'claims-parquet',
    );
    expect(resourceName({ path: 'figures/map/map.svg', format: 'svg', bytes: 0, sha256: '' })).toBe('figures-map-map-svg');
  });
});

describe('the aligned table of make query', () => {
  it('right-aligns numbers, counts Hangul as two columns and says how many rows', () => {
    const out = formatTable(
      ['lang', 'n'],
      [
        ['카자흐', 3],
        ['en', 120],
      ],
    );
    expect(out).toBe(['lang      n', '------  ---', '카자흐    3', 'en      120', '(2 rows)'].join('\n'));
  });

  it('shows NULL, keeps a cell on one line and cuts long cells with an ellipsis', () => {
    expect(cellText(null)).toBe('NULL');
    expect(cellText('a\nb')).toBe('a↵b');
    const long = cellText('x'.repeat(100));
    expect([...long].length).toBe(60);
    expect(long.endsWith('…')).toBe(true);
  });
});
