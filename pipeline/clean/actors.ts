// Who speaks: a source's actor_type (an id of raw/actor_types.yaml) and actor_country (ISO 3166-1
// alpha-2), checked against the vocabulary and turned into the columns of the sources table. Pure:
// the vocabulary comes in as data.
import type { Problem } from '../lib/problems.js';
import type { ActorTypeRow, SourceRow } from '../tables.js';
import type { Locate } from './clean-source.js';
import type { ActorField, SourceConfig } from './types.js';

export const actorTypesFile = 'raw/actor_types.yaml';

export interface ActorTypesFile {
  version: number;
  actor_types: { id: string; label: string; definition: string }[];
}

/** The rows of the actor_types table, in the file's order (n keeps it). */
export function actorTypeRows(file: ActorTypesFile): ActorTypeRow[] {
  return file.actor_types.map((t, i) => ({ actor_type_id: t.id, n: i + 1, label: t.label, definition: t.definition }));
}

// ICU names every ISO 3166-1 alpha-2 code, but also codes that are not assigned elements of the
// standard: CLDR's groupings (EU, EZ, UN, QO), exceptionally reserved codes (UK, AC, CP, DG, EA,
// IC, TA) and user-assigned ones (AA, QM-QZ, XA-XZ, ZZ; XK for Kosovo). They are refused here.
const notAssigned = /^(EU|EZ|UN|QO|UK|AC|CP|DG|EA|IC|TA|AA|Q[M-Z]|X[A-Z]|ZZ)$/;
/** Country names in the language of the pipeline's own messages and card, not of any corpus text. */
const messageLanguage = 'en';
/** Made at the first use: loading ICU's region names took ~15 ms of every command's start. */
let regionNames: Intl.DisplayNames | undefined;

/** The English name of an assigned ISO 3166-1 alpha-2 code, or undefined for any other string. */
export function countryName(code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code) || notAssigned.test(code)) return undefined;
  regionNames ??= new Intl.DisplayNames([messageLanguage], { type: 'region', fallback: 'code' });
  const name = regionNames.of(code);
  return name === undefined || name === code ? undefined : name;
}

/** The problem of an actor type outside the vocabulary, naming every allowed id. */
export function unknownActorType(type: string, actorTypes: readonly string[], at: Pick<Problem, 'file' | 'line' | 'column'>): Problem {
  return {
    code: 'sources/unknown-actor-type',
    ...at,
    message: `actor type '${type}' is not in ${actorTypesFile}`,
    hint: `use one of: ${actorTypes.join(', ')} (defined in ${actorTypesFile}), or add the type there with a definition that tells it from its neighbours`,
  };
}

/** The problem of a country that is no ISO 3166-1 alpha-2 code. */
export function notACountry(country: string, at: Pick<Problem, 'file' | 'line' | 'column'>): Problem {
  return {
    code: 'sources/unknown-country',
    ...at,
    message: `'${country}' is not an ISO 3166-1 alpha-2 country code`,
    hint: 'write the two capital letters of ISO 3166-1 alpha-2 (GB for the United Kingdom, not UK); for an organisation, the country of its seat',
  };
}

/** One problem per actor_type outside the vocabulary and per actor_country that is no ISO 3166-1 code. */
export function checkActor(config: SourceConfig, actorTypes: readonly string[], locate: Locate): Problem[] {
  const problems: Problem[] = [];
  const type = config.actor_type?.value;
  if (typeof type === 'string' && !actorTypes.includes(type))
    problems.push(unknownActorType(type, actorTypes, locate(['actor_type', 'value'])));
  const country = config.actor_country?.value;
  if (typeof country === 'string' && countryName(country) === undefined)
    problems.push(notACountry(country, locate(['actor_country', 'value'])));
  return problems;
}

/** The value, basis and support (evidence or reason) of an actor field, as columns. */
function columns(name: string, field: ActorField | undefined): Record<string, string | null> {
  return {
    [name]: field?.value ?? null,
    [`${name}_basis`]: field?.basis ?? null,
    [`${name}_support`]: field ? (field.evidence ?? field.reason ?? null) : null,
  };
}

/** The actor columns of a source's row: NULL throughout when the field was not recorded. */
export function actorColumns(config: SourceConfig) {
  return {
    ...columns('actor_type', config.actor_type),
    ...columns('actor_country', config.actor_country),
  } as Pick<SourceRow, `${'actor_type' | 'actor_country'}${'' | '_basis' | '_support'}`>;
}
