// The reference layer: what cited public sources state happened (raw/reference_sources.yaml,
// raw/reference_facts.yaml, the `reference` dates of raw/events.yaml), kept apart from what the
// texts say, and the join of the two (claim_references). Pure transforms: rows and problems out.
import type { Problem } from '../lib/problems.js';
import type { ClaimReferenceRow, ClaimRow, ReferenceFactRow, ReferenceSourceRow } from '../tables.js';
import type { EventEntry, Locator } from './types.js';
import { duplicateIds, unknownReference } from './vocabulary.js';

export interface ReferenceSourcesFile {
  version: number;
  sources: {
    id: string;
    title?: string;
    publisher: string;
    url: string;
    date?: string;
    states: string;
    truncated: boolean;
    note?: string;
  }[];
}

export type Qualifier = 'exact' | 'about' | 'more_than' | 'at_least' | 'up_to' | 'less_than';

export interface ReferenceFactEntry {
  id: string;
  quantity: string;
  event: string;
  value?: number;
  low?: number;
  high?: number;
  qualifier: Qualifier;
  unit: string;
  scope: string;
  as_of?: string;
  as_of_basis: 'stated' | 'source_date' | 'not_shown';
  stated_by: string;
  status: 'current' | 'superseded' | 'retracted';
  sources: string[];
  note?: string;
}

export interface ReferenceFactsFile {
  version: number;
  facts: ReferenceFactEntry[];
}

/** A single value is its own interval, opened on the side its qualifier leaves open (as for claims). */
export function interval(value: number | undefined, low: number | undefined, high: number | undefined, qualifier: string) {
  if (value === undefined) return { low: low ?? null, high: high ?? null };
  return {
    low: ['up_to', 'less_than'].includes(qualifier) ? null : value,
    high: ['more_than', 'at_least'].includes(qualifier) ? null : value,
  };
}

/** Checks the sources and facts (ids, references, values, dates) and the events' reference dates; returns their rows. */
export function checkReference(
  sources: ReferenceSourcesFile,
  facts: ReferenceFactsFile,
  events: readonly EventEntry[],
  known: { quantities: ReadonlySet<string> },
  at: { sources: Locator; facts: Locator; events: Locator },
): { sources: ReferenceSourceRow[]; facts: ReferenceFactRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  problems.push(
    ...duplicateIds(
      sources.sources.map((s) => s.id),
      (i) => at.sources(['sources', i, 'id']),
      'reference-sources/duplicate-id',
      'source',
    ),
    ...duplicateIds(
      facts.facts.map((f) => f.id),
      (i) => at.facts(['facts', i, 'id']),
      'reference-facts/duplicate-id',
      'fact',
    ),
  );
  const sourceIds = new Set(sources.sources.map((s) => s.id));
  const used = new Set<string>();
  const cite = (ids: readonly string[], where: (j: number) => Pick<Problem, 'file' | 'line' | 'column'>, code: string) =>
    ids.forEach((id, j) => {
      used.add(id);
      if (!sourceIds.has(id))
        problems.push(unknownReference(code, where(j), 'reference source', id, sourceIds, 'raw/reference_sources.yaml'));
    });

  events.forEach((e, i) => {
    const r = e.reference;
    if (!r) return;
    const here = (field: string) => at.events(['events', i, 'reference', field]);
    cite(r.sources, (j) => at.events(['events', i, 'reference', 'sources', j]), 'events/unknown-reference-source');
    if (r.end < r.start)
      problems.push({
        code: 'events/reference-end-before-start',
        ...here('end'),
        message: `'${e.id}': the reference dates end (${r.end}) before they start (${r.start})`,
        hint: 'swap them, or correct the one that is wrong',
      });
    const cut = r.precision === 'year' ? /-01-01$/ : r.precision === 'month' ? /-01$/ : /./;
    if (!cut.test(r.start))
      problems.push({
        code: 'events/reference-precision-mismatch',
        ...here('start'),
        message: `'${e.id}': reference start ${r.start} is not the first day of its ${r.precision}`,
        hint: `with precision ${r.precision} the start is the first day of the ${r.precision}; use precision: day if the day is known`,
      });
  });

  const eventIds = new Set(events.map((e) => e.id));
  const factRows: ReferenceFactRow[] = [];
  facts.facts.forEach((f, i) => {
    const here = (field: string) => at.facts(['facts', i, field]);
    cite(f.sources, (j) => at.facts(['facts', i, 'sources', j]), 'reference-facts/unknown-source');
    if (!eventIds.has(f.event))
      problems.push(unknownReference('reference-facts/unknown-event', here('event'), 'event', f.event, eventIds, 'raw/events.yaml'));
    if (!known.quantities.has(f.quantity))
      problems.push(
        unknownReference(
          'reference-facts/unknown-quantity',
          here('quantity'),
          'quantity',
          f.quantity,
          known.quantities,
          'raw/codebook.yaml',
        ),
      );
    const hasRange = f.low !== undefined || f.high !== undefined;
    if ((f.value === undefined) === !hasRange)
      problems.push({
        code: 'reference-facts/value',
        ...here(f.value === undefined ? 'qualifier' : 'value'),
        message: `fact '${f.id}' needs either \`value\` or \`low\`/\`high\`, not ${f.value === undefined ? 'neither' : 'both'}`,
        hint: 'a single figure is `value`; an interval is `low` and `high`',
      });
    if (f.low !== undefined && f.high !== undefined && f.low > f.high)
      problems.push({
        code: 'reference-facts/low-above-high',
        ...here('low'),
        message: `fact '${f.id}': low ${f.low} is above high ${f.high}`,
        hint: 'swap low and high',
      });
    if ((f.as_of === undefined) !== (f.as_of_basis === 'not_shown'))
      problems.push({
        code: 'reference-facts/as-of',
        ...here('as_of_basis'),
        message: `fact '${f.id}': as_of ${f.as_of ?? 'missing'} with as_of_basis ${f.as_of_basis}`,
        hint: 'give `as_of` with basis stated or source_date; leave it out only with basis not_shown',
      });
    const { low, high } = interval(f.value, f.low, f.high, f.qualifier);
    factRows.push({
      fact_id: f.id,
      quantity: f.quantity,
      event_id: f.event,
      value: f.value ?? null,
      low,
      high,
      qualifier: f.qualifier,
      unit: f.unit,
      scope: f.scope,
      as_of: f.as_of ?? null,
      as_of_basis: f.as_of_basis,
      stated_by: f.stated_by,
      status: f.status,
      source_ids: f.sources.join('; '),
      note: f.note ?? null,
    });
  });
  // A source nothing cites is either a leftover or a missing reference: both worth a look.
  sources.sources.forEach((s, i) => {
    if (!used.has(s.id))
      problems.push({
        code: 'reference-sources/unused',
        ...at.sources(['sources', i, 'id']),
        message: `reference source '${s.id}' is cited by no fact and no event`,
        hint: "cite it where it is used (`sources:` of a fact or of an event's reference), or remove it",
      });
  });
  const sourceRows: ReferenceSourceRow[] = sources.sources.map((s) => ({
    source_id: s.id,
    title: s.title ?? null,
    publisher: s.publisher,
    url: s.url,
    date: s.date ?? null,
    states: s.states.trim(),
    truncated: s.truncated,
    note: s.note ?? null,
  }));
  return { sources: sourceRows, facts: factRows, problems };
}

export type Comparison = ClaimReferenceRow['comparison'];

/** How a claim's interval compares with a fact's (NULL ends are open). */
export function compare(
  claim: { low: number | null; high: number | null },
  fact: { low: number | null; high: number | null; status: string },
): Comparison {
  const equal = claim.low === fact.low && claim.high === fact.high;
  if (equal) return fact.status === 'retracted' ? 'cites_retracted' : 'equal';
  if (claim.high !== null && fact.low !== null && claim.high < fact.low) return 'below';
  if (claim.low !== null && fact.high !== null && claim.low > fact.high) return 'above';
  return 'within';
}

/** Each claim against the facts of the same quantity, unit and event, in fact order; 'no_reference' when there is none. */
export function claimReferences(claims: readonly ClaimRow[], facts: readonly ReferenceFactRow[]): ClaimReferenceRow[] {
  const rows: ClaimReferenceRow[] = [];
  for (const c of claims) {
    const same = facts.filter((f) => f.quantity === c.quantity && f.unit === c.unit && f.event_id === c.event_id);
    const base = {
      claim_id: c.claim_id,
      doc_id: c.doc_id,
      quantity: c.quantity,
      event_id: c.event_id,
      claim_low: c.low,
      claim_high: c.high,
    };
    if (!same.length) {
      rows.push({
        claim_reference_id: `${c.claim_id}/none`,
        ...base,
        fact_id: null,
        comparison: 'no_reference',
        fact_low: null,
        fact_high: null,
        fact_status: null,
        fact_as_of: null,
      });
      continue;
    }
    for (const f of same)
      rows.push({
        claim_reference_id: `${c.claim_id}/${f.fact_id}`,
        ...base,
        fact_id: f.fact_id,
        comparison: compare(c, f),
        fact_low: f.low,
        fact_high: f.high,
        fact_status: f.status,
        fact_as_of: f.as_of,
      });
  }
  return rows;
}
