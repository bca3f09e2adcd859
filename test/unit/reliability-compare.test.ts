// The comparison of two codings (pipeline/reliability/compare.ts) and the checks of a blind
// second coding's sheet (pipeline/reliability/sheets.ts), on a small document written out here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KnownIds } from '../../pipeline/annotate/entries.js';
import { formatProblem } from '../../pipeline/lib/problems.js';
import { parseYaml } from '../../pipeline/lib/yaml-input.js';
import {
  categoryValue,
  claimValues,
  disagreementRows,
  pairClaims,
  reliabilityRows,
  sentenceUnits,
  type ClaimLike,
  type Coding,
  type UnitSentence,
} from '../../pipeline/reliability/compare.js';
import type { SampledDocument } from '../../pipeline/reliability/sampled.js';
import { renderSheet } from '../../pipeline/reliability/sheet.js';
import { checkSheet } from '../../pipeline/reliability/sheets.js';

const categories = ['characterisation', 'actor'];
const categoryOf = new Map([
  ['characterisation.uprising', 'characterisation'],
  ['characterisation.mass_protest', 'characterisation'],
  ['actor.regime', 'actor'],
]);
// "Dozens were killed. The regime fired on the uprising." as two sentences, code points 0..19 and 20..53.
const s1: UnitSentence = { doc_id: 'd-en', n: 1, start_cp: 0, end_cp: 19, text: 'Dozens were killed.' };
const s2: UnitSentence = { doc_id: 'd-en', n: 2, start_cp: 20, end_cp: 54, text: 'The regime fired on the uprising.' };

const claim = (start_cp: number, end_cp: number, over: Partial<ClaimLike> = {}): ClaimLike => ({
  start_cp,
  end_cp,
  raw_phrase: 'Dozens',
  low: 24,
  high: 99,
  quantity: 'deaths',
  unit: 'people',
  attributed_to: 'self',
  source_entity_id: null,
  ...over,
});

describe('categoryValue', () => {
  const coding: Coding = {
    codes: [
      { code_id: 'characterisation.uprising', start_cp: 40, end_cp: 53 },
      { code_id: 'characterisation.mass_protest', start_cp: 10, end_cp: 30 }, // spans both sentences
      { code_id: 'actor.regime', start_cp: 20, end_cp: 30 },
    ],
    claims: [],
  };
  it('is the sorted set of the category codes on spans overlapping the sentence, or none', () => {
    expect(categoryValue(coding, s2, 'characterisation', categoryOf)).toBe('characterisation.mass_protest; characterisation.uprising');
    expect(categoryValue(coding, s1, 'characterisation', categoryOf)).toBe('characterisation.mass_protest');
    expect(categoryValue(coding, s1, 'actor', categoryOf)).toBe('none');
  });
});

describe('claimValues', () => {
  it('reads the value as the claims table does, and names the source entity', () => {
    expect(claimValues(claim(0, 6))).toEqual({
      'claim.value': '24..99',
      'claim.quantity_unit': 'deaths (people)',
      'claim.attributed_to': 'self',
    });
    expect(claimValues(claim(0, 6, { low: 50, high: 50, attributed_to: 'officials', source_entity_id: 'x' }))['claim.value']).toBe('50');
    expect(claimValues(claim(0, 6, { low: 3000, high: null }))['claim.value']).toBe('3000..');
    expect(claimValues(claim(0, 6, { attributed_to: 'officials', source_entity_id: 'x' }))['claim.attributed_to']).toBe('officials: x');
    expect(claimValues(undefined)['claim.value']).toBe('no claim');
  });
});

describe('pairClaims', () => {
  it('pairs overlapping quotes, the largest overlap first, and leaves the rest alone, in text order', () => {
    const a = claim(0, 6);
    const b = claim(30, 40);
    const x = claim(0, 18); // overlaps a
    const y = claim(45, 50); // overlaps nothing
    expect(pairClaims([b, a], [y, x])).toEqual([{ first: a, second: x }, { first: b }, { second: y }]);
  });

  it('keeps every claim exactly once', () => {
    const span = fc.tuple(fc.nat({ max: 50 }), fc.integer({ min: 1, max: 10 })).map(([s, l]) => claim(s, s + l));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 6 }), fc.array(span, { maxLength: 6 }), (first, second) => {
        const pairs = pairClaims(first, second);
        expect(pairs.flatMap((p) => (p.first ? [p.first] : [])).length).toBe(first.length);
        expect(new Set(pairs.flatMap((p) => (p.second ? [p.second] : []))).size).toBe(second.length);
        for (const p of pairs)
          if (p.first && p.second) expect(p.first.start_cp < p.second.end_cp && p.second.start_cp < p.first.end_cp).toBe(true);
      }),
    );
  });
});

describe('sentenceUnits, reliabilityRows, disagreementRows', () => {
  const first: Coding = {
    codes: [
      { code_id: 'characterisation.uprising', start_cp: 20, end_cp: 53 },
      { code_id: 'actor.regime', start_cp: 20, end_cp: 30 },
    ],
    claims: [claim(0, 6)],
  };
  const second: Coding = {
    codes: [
      { code_id: 'characterisation.mass_protest', start_cp: 0, end_cp: 19 },
      { code_id: 'characterisation.uprising', start_cp: 20, end_cp: 54 },
      { code_id: 'actor.regime', start_cp: 20, end_cp: 54 },
    ],
    claims: [claim(0, 18, { raw_phrase: 'Dozens were killed', attributed_to: 'unnamed' })],
  };
  const units = [s1, s2].map((s) => sentenceUnits(s, first, second, categories, categoryOf));

  it('gives each sentence one unit per category and one per claimed number, with both values', () => {
    expect(units[0]).toEqual({
      doc: 'd-en',
      sentence: 1,
      text: 'Dozens were killed.',
      codes: {
        characterisation: { first: 'none', second: 'characterisation.mass_protest' },
        actor: { first: 'none', second: 'none' },
      },
      claims: [
        {
          quote: 'Dozens were killed',
          at: 0,
          values: {
            'claim.value': { first: '24..99', second: '24..99' },
            'claim.quantity_unit': { first: 'deaths (people)', second: 'deaths (people)' },
            'claim.attributed_to': { first: 'self', second: 'unnamed' },
          },
        },
      ],
    });
    expect(units[1]!.codes).toEqual({
      characterisation: { first: 'characterisation.uprising', second: 'characterisation.uprising' },
      actor: { first: 'actor.regime', second: 'actor.regime' },
    });
  });

  it('computes alpha per variable from the pairs, with the counts it rests on', () => {
    const rows = reliabilityRows(units, categories);
    expect(rows.map((r) => r.variable)).toEqual(['characterisation', 'actor', 'claim.value', 'claim.quantity_unit', 'claim.attributed_to']);
    // characterisation: (none, mass_protest), (uprising, uprising): n = 4, Do = 2/4, De = (16 - 1 - 1 - 4)/12
    expect(rows[0]).toMatchObject({ units: 2, pairable_values: 4, agreements: 1, disagreements: 1, documents: 1, sentences: 2 });
    expect(rows[0]!.observed_disagreement).toBeCloseTo(0.5, 12);
    expect(rows[0]!.expected_disagreement).toBeCloseTo(10 / 12, 12);
    expect(rows[0]!.alpha).toBeCloseTo(1 - 0.5 / (10 / 12), 12);
    expect(rows[1]).toMatchObject({ agreements: 2, disagreements: 0, alpha: 1 });
    expect(rows[2]).toMatchObject({ units: 1, agreements: 1, alpha: null, sentences: 1 });
  });

  it('lists each disagreement with its unit, and its resolution once written', () => {
    const resolved = structuredClone(units);
    resolved[0]!.codes.characterisation!.final = 'none';
    resolved[0]!.codes.characterisation!.reason = 'Reports deaths; does not characterise the events.';
    expect(disagreementRows(resolved)).toEqual([
      {
        unit_id: 'd-en/s1',
        variable: 'characterisation',
        doc_id: 'd-en',
        sentence_n: 1,
        claim_quote: null,
        first: 'none',
        second: 'characterisation.mass_protest',
        final: 'none',
        reason: 'Reports deaths; does not characterise the events.',
      },
      {
        unit_id: 'd-en/s1/c0',
        variable: 'claim.attributed_to',
        doc_id: 'd-en',
        sentence_n: 1,
        claim_quote: 'Dozens were killed',
        first: 'self',
        second: 'unnamed',
        final: null,
        reason: null,
      },
    ]);
  });
});

describe('checkSheet', () => {
  const known: KnownIds = {
    codebookVersion: 1,
    codebookChangelog: [{ version: 1, summary: 'First codebook.' }],
    codes: new Set(categoryOf.keys()),
    quantities: new Set(['deaths']),
    events: new Set(),
    entities: new Set(),
    lexicon: new Map([['en:dozens', { lexicon_id: 'en:dozens', lang: 'en', phrase: 'dozens', low: 24, high: 99, note: null }]]),
  };
  const rows = [s1, s2].map((s) => ({ ...s, sentence_id: `d-en/s${s.n}`, paragraph_n: 1, kind: 'body' }));
  const sample: SampledDocument = {
    doc_id: 'd-en',
    eligible: 2,
    sentences: [1, 2],
    doc: { doc_id: 'd-en', language: 'en' } as SampledDocument['doc'],
    sourceFile: 'raw/texts/d.txt',
    rows,
  };
  const file = 'raw/reliability/second/d-en.yaml';
  const blank = renderSheet({ docId: 'd-en', languageName: 'English', codebookVersion: 1, textFile: 'raw/texts/d.txt', sentences: rows });
  const fill = (codes1: string, codes2: string, claims1 = '[]') =>
    blank
      .replace('status: open', 'status: complete')
      .replace('coder: ""', 'coder: "B"')
      .replace('codes: []\n    claims: []', `${codes1}\n    claims: ${claims1}`)
      .replace('codes: []\n    claims: []', `${codes2}\n    claims: []`);

  it('turns a complete sheet into a coding: codes over the whole sentence, claims anchored in it', () => {
    const yaml = fill(
      'codes: [characterisation.mass_protest]',
      'codes: [actor.regime, characterisation.uprising]',
      '\n      - quote: "Dozens"\n        claim: {quantity: deaths, vague: dozens, unit: people, qualifier: about, attributed_to: self, stance: asserted}',
    );
    const r = checkSheet(parseYaml(file, yaml), sample, known);
    expect(r.problems).toEqual([]);
    expect(r.second!.status).toBe('complete');
    expect(r.second!.coding.codes).toEqual([
      { code_id: 'characterisation.mass_protest', start_cp: 0, end_cp: 19 },
      { code_id: 'actor.regime', start_cp: 20, end_cp: 54 },
      { code_id: 'characterisation.uprising', start_cp: 20, end_cp: 54 },
    ]);
    expect(r.second!.coding.claims).toMatchObject([
      { start_cp: 0, end_cp: 6, low: 24, high: 99, quantity: 'deaths', attributed_to: 'self' },
    ]);
  });

  it('reports an unknown code with file:line:column, the closest code and where codes are defined', () => {
    const yaml = fill('codes: [characterisation.mass_protests]', 'codes: [actor.regime]');
    const { problems } = checkSheet(parseYaml(file, yaml), sample, known);
    expect(problems.map(formatProblem)).toEqual([
      `${file}:28:13  reliability/unknown-code  unknown code 'characterisation.mass_protests'  hint: did you mean 'characterisation.mass_protest'? (see raw/codebook.yaml)`,
    ]);
  });

  it('reports a sentence not in the sample, a changed text, a quote not in the sentence, an uncoded sentence and a missing coder', () => {
    const yaml = fill(
      'codes: []',
      'codes: [actor.regime]',
      '\n      - quote: "Hundreds"\n        claim: {quantity: deaths, value: 100, unit: people, qualifier: about, attributed_to: self, stance: asserted}',
    )
      .replace('coder: "B"', 'coder: ""')
      .replace('text: "The regime fired on the uprising."', 'text: "The regime fired."')
      .replace('sentences:\n', 'sentences:\n  - sentence: 7\n    text: "Not sampled."\n    claims: []\n');
    const codes = checkSheet(parseYaml(file, yaml), sample, known).problems.map((p) => `${p.line}:${p.column} ${p.code}`);
    expect(codes).toEqual([
      '25:15 reliability/sentence-not-in-sample',
      '33:16 reliability/anchor-not-found',
      '29:5 reliability/sentence-not-coded',
      '37:11 reliability/sentence-text-changed',
      '23:8 reliability/no-coder',
    ]);
  });
});
