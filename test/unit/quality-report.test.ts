// The QA report as a pure transform: measured rows and the validate stage's report in, quality.json
// and QUALITY.md out. Checked on a small corpus written out here, so every number can be traced.
import { describe, expect, it } from 'vitest';
import { measures, type MeasureRows } from '../../pipeline/quality/measures.js';
import {
  qualityReport,
  reliabilityStatement,
  renderQualityMarkdown,
  writeQualityJson,
  type QualityInput,
} from '../../pipeline/quality/report.js';
import { checkDescriptions } from '../../pipeline/stages/validate.js';

const measured: MeasureRows = {
  documents: [
    {
      doc_id: 'a-en',
      source_id: 'a',
      language: 'en',
      annotation_status: 'complete',
      n_sentences: 4,
      sentences_coded: 3,
      sentences_uncoded: 1,
      sentences_without_annotation: 0,
      open_suggestions: 0,
    },
    {
      doc_id: 'b-de',
      source_id: 'b',
      language: 'de',
      annotation_status: 'draft',
      n_sentences: 5,
      sentences_coded: 1,
      sentences_uncoded: 0,
      sentences_without_annotation: 4,
      open_suggestions: 7,
    },
  ],
  spans: [
    { doc_id: 'a-en', coded_direct: 5, coded_projected: 0, uncoded: 1 },
    { doc_id: 'b-de', coded_direct: 1, coded_projected: 0, uncoded: 0 },
  ],
  uncoded: [{ doc_id: 'a-en', annotation_id: 'a-en/x#uncoded', method: 'direct', quote: 'By A | B', reason: 'Byline.' }],
  claims: [{ doc_id: 'a-en', n: 2 }],
  event_mentions: [{ doc_id: 'b-de', n: 3 }],
  mentions: [
    { doc_id: 'a-en', n: 4 },
    { doc_id: 'b-de', n: 1 },
  ],
  flags: [
    { doc_id: 'b-de', flag: 'truncated', n: 1 },
    { doc_id: 'b-de', flag: 'typo', n: 2 },
  ],
  defects_by_kind: [
    { flag: 'typo', flags: 2, documents: 1 },
    { flag: 'truncated', flags: 1, documents: 1 },
  ],
  defects: [
    {
      flag_id: 'b-de/f1',
      doc_id: 'b-de',
      flag: 'truncated',
      basis: 'stated',
      origin: 'cleaning',
      start_cp: 0,
      end_cp: 0,
      quote: '',
      note: 'cut',
    },
  ],
  reliability: [],
  reliability_counts: [{ codable_sentences: 8, disagreements: 0, resolved: 0 }],
};

const input: QualityInput = {
  name: 'qantar',
  title: 'Qantar',
  version: '9.9.9',
  tables: ['documents', 'claims'],
  measured,
  rows: { documents: 2, claims: 2 },
  validation: {
    rows: { documents: 2, claims: 2 },
    checks: {
      documents: [
        { check: 'schema', rows: 2 },
        { check: 'coverage', rows: 2 },
      ],
      claims: [{ check: 'offsets', rows: 2 }],
    },
  },
  checkDescriptions,
  documentColumns: { annotation_status: 'complete or draft' },
};

describe('QA report', () => {
  const report = qualityReport(input);

  it('adds up per document and in total, documents with no rows of a kind counting zero', () => {
    expect(report.summary).toEqual({
      documents: 2,
      complete: 1,
      drafts: 1,
      sentences: 9,
      sentences_coded: 4,
      sentences_uncoded: 1,
      sentences_without_annotation: 4,
      open_suggestions: 7,
      coded_spans_direct: 6,
      coded_spans_projected: 0,
      uncoded_spans: 1,
      claims: 2,
      event_mentions: 3,
      mentions: 5,
      quality_flags: 3,
    });
    expect(report.documents[1]).toMatchObject({ doc_id: 'b-de', claims: 0, event_mentions: 3, quality_flags: { truncated: 1, typo: 2 } });
  });

  it('writes quality.json item by item as the very text of JSON.stringify, empty lists included', async () => {
    const written = async (r: typeof report) => {
      let text = '';
      await writeQualityJson({ write: (s: string) => (text += s) }, r);
      return text;
    };
    expect(await written(report)).toBe(JSON.stringify(report, null, 2) + '\n');
    const empty = { ...report, documents: [], uncoded: [], known_defects: { by_kind: [], flags: [] } };
    expect(await written(empty)).toBe(JSON.stringify(empty, null, 2) + '\n');
  });

  it('lists per table the checks the validate stage reported, and describes only those', () => {
    expect(report.tables).toEqual([
      { table: 'documents', rows: 2, rows_validated: 2, checks: input.validation.checks.documents },
      { table: 'claims', rows: 2, rows_validated: 2, checks: input.validation.checks.claims },
    ]);
    expect(report.checks.map((c) => c.check)).toEqual(['schema', 'offsets', 'coverage']);
  });

  it('states that no reliability figure exists, with none invented', () => {
    expect(report.reliability).toEqual({
      measured: false,
      figures: [],
      codable_sentences: 8,
      disagreements: 0,
      resolved: 0,
      statement: reliabilityStatement,
    });
    const text = renderQualityMarkdown(report, 'Qantar');
    expect(text).toContain('## Reliability\n\nNo reliability figures exist yet.');
    expect(text).not.toMatch(/alpha\s*=\s*\d|κ\s*=|kappa\s*=/i);
  });

  it('shows alpha per variable with the counts it rests on, and how the sample was drawn, once units are compared', () => {
    const figures = [
      {
        variable: 'actor',
        kind: 'code_category',
        units: 6,
        pairable_values: 12,
        observed_disagreement: 0,
        expected_disagreement: 0.5454545454545454,
        alpha: 1,
        agreements: 6,
        disagreements: 0,
        documents: 1,
        sentences: 6,
      },
      {
        variable: 'cause',
        kind: 'code_category',
        units: 6,
        pairable_values: 12,
        observed_disagreement: 0,
        expected_disagreement: 0,
        alpha: null,
        agreements: 6,
        disagreements: 0,
        documents: 1,
        sentences: 6,
      },
      {
        variable: 'claim.attributed_to',
        kind: 'claim',
        units: 1,
        pairable_values: 2,
        observed_disagreement: 1,
        expected_disagreement: 1,
        alpha: 0,
        agreements: 0,
        disagreements: 1,
        documents: 1,
        sentences: 1,
      },
    ];
    const measuredNow = {
      ...measured,
      reliability: figures,
      reliability_counts: [{ codable_sentences: 8, disagreements: 1, resolved: 1 }],
    };
    const r = qualityReport({ ...input, measured: measuredNow });
    expect(r.reliability.measured).toBe(true);
    expect(r.reliability.figures).toEqual(figures);
    const text = renderQualityMarkdown(r, 'Qantar');
    expect(text).not.toContain('No reliability figures exist yet.');
    expect(text).toContain('blind second coding of 6 sentences of 1 document (75.0% of the 8 codable sentences');
    expect(text).toContain('| `actor` | 6 | 12 | 6 | 0 | 0.000 | 0.545 | 1.000 |');
    expect(text).toContain('| `cause` | 6 | 12 | 6 | 0 | 0.000 | 0.000 | undefined |');
    expect(text).toContain('the lowest sha256 of "qantar-reliability-v1|" + doc_id + "|" + the sentence\'s number');
  });

  it("prints each measure's SQL as run, and escapes data in table cells", () => {
    const text = renderQualityMarkdown(report, 'Qantar');
    for (const m of Object.values(measures)) expect(text).toContain(m.sql.split('\n')[0]);
    expect(text).toContain('| `a-en` | By A \\| B | direct | Byline. |');
    expect(text).toContain('| `b-de` | de | draft | 5 | 1 | 0 | 4 | 7 | 1 + 0 | 0 | 0 | 3 | 1 | truncated 1, typo 2 |');
  });

  it('refuses rows released that differ from the rows validated (a bug, not a finding)', () => {
    expect(() => qualityReport({ ...input, rows: { documents: 2, claims: 3 } })).toThrow(/claims has 3 rows released but 2 validated/);
  });

  it('refuses a check without a description', () => {
    const checks = { ...input.validation.checks, claims: [{ check: 'telepathy', rows: 2 }] };
    expect(() => qualityReport({ ...input, validation: { ...input.validation, checks } })).toThrow(/telepathy has no description/);
  });
});
