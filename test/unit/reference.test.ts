// The reference layer (issue 15): the comparison of claims with facts, the checks of the reference
// files, and the sourced dates and figures that must not silently change or disappear.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkReference,
  claimReferences,
  compare,
  type ReferenceFactsFile,
  type ReferenceSourcesFile,
} from '../../pipeline/annotate/reference.js';
import type { EventsFile } from '../../pipeline/annotate/types.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { readYamlInput } from '../../pipeline/stages/raw-inputs.js';
import type { ClaimRow } from '../../pipeline/tables.js';

const raw = <T>(file: string) => parse(readFileSync(join(repoRoot, file), 'utf8')) as T;
const sources = raw<ReferenceSourcesFile>('raw/reference_sources.yaml');
const facts = raw<ReferenceFactsFile>('raw/reference_facts.yaml');
const events = raw<EventsFile>('raw/events.yaml');
const codebook = raw<{ quantities: { id: string }[] }>('raw/codebook.yaml');
const here = () => ({ file: 'x.yaml', line: 1, column: 1 });
const at = { sources: here, facts: here, events: here };
const quantities = new Set(codebook.quantities.map((q) => q.id));
const check = (s = sources, f = facts, e = events.events) => checkReference(s, f, e, { quantities }, at);

describe('compare', () => {
  const fact = (low: number | null, high: number | null, status = 'current') => ({ low, high, status });
  it.each([
    [{ low: 164, high: 164 }, fact(164, 164, 'retracted'), 'cites_retracted'],
    [{ low: 164, high: 164 }, fact(225, 225), 'below'],
    [{ low: 12000, high: 12000 }, fact(9900, 9900), 'above'],
    [{ low: 24, high: 99 }, fact(26, 26), 'within'],
    [{ low: 3000, high: null }, fact(3000, null, 'superseded'), 'equal'],
    [{ low: 3000, high: null }, fact(9900, 9900), 'within'],
    [{ low: 20, high: 99 }, fact(16, 16), 'above'],
  ] as const)('%j against %j is %s', (claim, f, expected) => {
    expect(compare(claim, f)).toBe(expected);
  });
});

describe('the reference files', () => {
  it('pass their schemas and checks', () => {
    for (const [file, schema] of [
      ['raw/reference_sources.yaml', 'reference-sources'],
      ['raw/reference_facts.yaml', 'reference-facts'],
      ['raw/events.yaml', 'events'],
    ] as const)
      expect(readYamlInput(file, schema).problems).toEqual([]);
    expect(check().problems).toEqual([]);
  });

  it('report an unknown source, an unused one, a value given twice, a missing date and reversed reference dates', () => {
    const badFacts: ReferenceFactsFile = {
      version: 1,
      facts: [
        { ...facts.facts[0]!, id: 'a', sources: ['no-such-source'], low: 1, high: 2 },
        { ...facts.facts[0]!, id: 'b', as_of: undefined },
      ],
    };
    const badEvents = [
      ...events.events.slice(1),
      {
        ...events.events[0]!,
        reference: { start: '2011-12-17', end: '2011-12-16', precision: 'day' as const, sources: ['wikipedia-zhanaozen-massacre'] },
      },
    ];
    const codes = check(sources, badFacts, badEvents).problems.map((p) => p.code);
    expect(new Set(codes)).toEqual(
      new Set([
        'reference-facts/unknown-source',
        'reference-facts/value',
        'reference-facts/as-of',
        'events/reference-end-before-start',
        'reference-sources/unused',
      ]),
    );
  });

  it('give every source a URL and say whether the stored page was cut', () => {
    for (const s of sources.sources) {
      expect(s.url).toMatch(/^https?:\/\//);
      expect(typeof s.truncated).toBe('boolean');
    }
  });
});

// A held-out fact sheet: dates and figures checked by hand against the cited pages (issue 15).
describe('the sourced dates and figures', () => {
  const ref = (id: string) => events.events.find((e) => e.id === id)?.reference;
  it.each([
    ['zhanaozen-massacre-2011', '2011-12-16', '2011-12-17'],
    ['government-resignation', '2022-01-05', '2022-01-05'],
    ['state-of-emergency', '2022-01-05', '2022-01-18'],
    ['new-government', '2022-01-11', '2022-01-11'],
    ['almaty-airport-occupation', '2022-01-05', '2022-01-07'],
    ['protests-begin', '2022-01-02', '2022-01-02'],
  ])('%s runs %s..%s', (id, start, end) => {
    expect(ref(id)).toMatchObject({ start, end });
  });

  it('keep the text-based range apart (what the texts support)', () => {
    const e = events.events.find((x) => x.id === 'zhanaozen-massacre-2011')!;
    expect([e.date_start, e.date_end, e.precision]).toEqual(['2011-01-01', '2011-12-31', 'year']);
  });

  it('hold the official death tolls with their status', () => {
    const deaths = Object.fromEntries(
      facts.facts.filter((f) => f.quantity === 'deaths' && f.event === 'crackdown-2022').map((f) => [f.value, [f.status, f.as_of ?? null]]),
    );
    expect(deaths[164]).toEqual(['retracted', '2022-01-09']);
    expect(deaths[225]).toEqual(['superseded', '2022-01-15']);
    expect(deaths[238]?.[0]).toBe('current');
  });

  it('link a claim of 164 deaths to the retracted figure and the later tolls', () => {
    const claim = {
      claim_id: 'd/a1',
      doc_id: 'd',
      quantity: 'deaths',
      unit: 'people',
      event_id: 'crackdown-2022',
      low: 164,
      high: 164,
    } as ClaimRow;
    const rows = claimReferences([claim], check().facts);
    const by = Object.fromEntries(rows.map((r) => [r.fact_id, r.comparison]));
    expect(by['deaths-2022-164']).toBe('cites_retracted');
    expect(by['deaths-2022-225']).toBe('below');
    expect(by['deaths-2022-238']).toBe('below');
    expect(claimReferences([{ ...claim, event_id: 'us-russia-geneva-talks' }], check().facts)[0]!.comparison).toBe('no_reference');
  });
});

describe('labels', () => {
  it('name events neutrally or say whose words they are', () => {
    const labels = events.events.map((e) => e.label).join('\n');
    expect(labels).not.toMatch(/price doubles|rule begins|^The Arab Revolution/m);
  });
});
