// make add's ACTOR= and COUNTRY=: who made the statement, recorded as the curator's judgement
// (basis inferred, with a reason), checked against raw/actor_types.yaml and ISO 3166-1 before
// anything is planned, and left out (the build reports "actor type not recorded") when not given.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readRequest } from '../../pipeline/add.js';
import { planIntake, type Corpus } from '../../pipeline/add/intake.js';
import { actorColumns, countryName } from '../../pipeline/clean/actors.js';
import type { SourceConfig } from '../../pipeline/clean/types.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { repoLanguages } from '../support/languages.js';

const bytes = readFileSync(join(repoRoot, 'test/fixtures/add/statement-en.txt'));
const corpus: Corpus = {
  languages: repoLanguages,
  actorTypes: ['party_or_movement', 'ngo_or_civil_society'],
  sources: [],
  codebookVersion: 1,
  vocabulary: { lexicon: [], events: [], entities: [], cues: {} },
  extractor: '@mozilla/readability 0.6.0 on jsdom 29.1.1',
};
const plan = (extra: { actor?: string; country?: string }) => planIntake({ path: 'statement-en.txt', bytes, ...extra }, corpus);
const entryOf = (result: ReturnType<typeof planIntake>): SourceConfig => {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return (parse(result.plan.sourcesEntry) as SourceConfig[])[0]!;
};

describe('make add ACTOR= COUNTRY=', () => {
  it('records both as inferred, given by the curator, after original_language and before rights', () => {
    const result = plan({ actor: 'ngo_or_civil_society', country: 'kz' });
    const entry = entryOf(result);
    expect(entry.actor_type).toEqual({
      value: 'ngo_or_civil_society',
      basis: 'inferred',
      reason:
        'Given by the curator at make add (ACTOR=ngo_or_civil_society); review it against the text and the definitions in raw/actor_types.yaml.',
    });
    // A lower-case code is taken in capitals, as ISO 3166-1 writes it.
    expect(entry.actor_country).toEqual({
      value: 'KZ',
      basis: 'inferred',
      reason: 'Given by the curator at make add (COUNTRY=KZ); review it against the text and the definitions in raw/actor_types.yaml.',
    });
    const keys = Object.keys(entry);
    expect(keys.indexOf('actor_type')).toBe(keys.indexOf('rights') - 2);
    expect(keys.indexOf('actor_country')).toBe(keys.indexOf('rights') - 1);
    expect(result.ok && result.plan.report).toEqual(
      expect.arrayContaining([
        'actor type: ngo_or_civil_society (inferred: given with ACTOR=)',
        'actor country: KZ (Kazakhstan; inferred: given with COUNTRY=)',
      ]),
    );
  });

  it('writes no actor field when neither is given, and the row says "not recorded" with NULLs', () => {
    const result = plan({});
    const entry = entryOf(result);
    expect(entry).not.toHaveProperty('actor_type');
    expect(entry).not.toHaveProperty('actor_country');
    expect(result.ok && result.plan.report.filter((l) => l.includes('not recorded'))).toHaveLength(2);
    expect(actorColumns(entry)).toEqual({
      actor_type: null,
      actor_type_basis: null,
      actor_type_support: null,
      actor_country: null,
      actor_country_basis: null,
      actor_country_support: null,
    });
  });

  it('refuses an actor type outside the vocabulary, naming the allowed ids, and a code that is not ISO 3166-1', () => {
    const unknown = plan({ actor: 'party' });
    expect(unknown.ok ? [] : unknown.problems).toEqual([
      {
        code: 'sources/unknown-actor-type',
        file: 'statement-en.txt',
        message: "actor type 'party' is not in raw/actor_types.yaml",
        hint: 'use one of: party_or_movement, ngo_or_civil_society (defined in raw/actor_types.yaml), or add the type there with a definition that tells it from its neighbours',
      },
    ]);
    for (const country of ['UK', 'EU', 'XX', 'KAZ', 'K1']) {
      const refused = plan({ actor: 'party_or_movement', country });
      expect(refused.ok ? 'ok' : refused.problems.map((p) => `${p.code}: ${p.message}`)).toEqual([
        `sources/unknown-country: '${country}' is not an ISO 3166-1 alpha-2 country code`,
      ]);
    }
  });

  it('takes ACTOR and COUNTRY from the flags or from the environment make passes', () => {
    expect(readRequest(['--file', 'a.txt', '--actor', 'media', '--country=RU'], {})).toMatchObject({ actor: 'media', country: 'RU' });
    expect(readRequest([], { QANTAR_ADD_FILE: 'a.txt', QANTAR_ADD_ACTOR: 'media', QANTAR_ADD_COUNTRY: '' })).toMatchObject({
      actor: 'media',
      country: undefined,
    });
  });
});

describe('countryName', () => {
  it('names assigned ISO 3166-1 alpha-2 codes and nothing else', () => {
    expect(['KZ', 'GB', 'RU', 'CN', 'US', 'BE', 'DK', 'TR', 'GR', 'ES', 'FR'].map(countryName)).toEqual([
      'Kazakhstan',
      'United Kingdom',
      'Russia',
      'China',
      'United States',
      'Belgium',
      'Denmark',
      'Türkiye',
      'Greece',
      'Spain',
      'France',
    ]);
    // ICU names these too, but they are groupings, reserved or user-assigned codes, not countries.
    for (const code of ['UK', 'EU', 'UN', 'EZ', 'QO', 'XK', 'ZZ', 'AA', 'AC', 'kz', 'KAZ', ''])
      expect(countryName(code), code).toBeUndefined();
  });
});
