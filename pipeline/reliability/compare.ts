// The comparison of the two codings of the reliability sample, and the reliability tables. Pure.
//
// Units are the sampled sentences. For each code category a coder's value for a sentence is the
// set of that category's codes on it, as one nominal value: the sorted ids joined by "; ", or
// "none". The first coding's codes on a sentence are those of the annotations that overlap it
// (what the coverage check counts too); the second coder codes the sentence as a whole. Claims:
// a unit is a number in a sampled sentence that either coder made a claim of, the two coders'
// claims paired when their quotes overlap; its variables (value, quantity and unit, attribution)
// are each nominal, "no claim" for the coder who made none.
import type { ClaimRow, ReliabilityDisagreementRow, ReliabilityRow } from '../tables.js';
import { nominalAlpha } from './alpha.js';

export const noCodes = 'none';
export const noClaim = 'no claim';
export const claimVariables = ['claim.value', 'claim.quantity_unit', 'claim.attributed_to'] as const;
export type ClaimVariable = (typeof claimVariables)[number];

export interface Span {
  start_cp: number;
  end_cp: number;
}

export interface UnitSentence extends Span {
  doc_id: string;
  n: number;
  text: string;
}

export type ClaimLike = Span & Pick<ClaimRow, 'raw_phrase' | 'low' | 'high' | 'quantity' | 'unit' | 'attributed_to' | 'source_entity_id'>;

/** One coder's coding of a document, in the document's code points. */
export interface Coding {
  codes: (Span & { code_id: string })[];
  claims: ClaimLike[];
}

/** The two values of a unit, as frozen; `final` and `reason` say how a disagreement was resolved. */
export interface Pair {
  first: string;
  second: string;
  final?: string;
  reason?: string;
}

export interface ClaimUnit {
  /** The words of the number: the union of the two coders' quotes. */
  quote: string;
  /** Where the quote starts in the sentence, in code points. */
  at: number;
  values: Record<ClaimVariable, Pair>;
}

export interface SentenceUnits {
  doc: string;
  sentence: number;
  text: string;
  /** By category, in codebook order. */
  codes: Record<string, Pair>;
  claims: ClaimUnit[];
}

const overlaps = (a: Span, b: Span) => a.start_cp < b.end_cp && a.end_cp > b.start_cp;
const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end_cp, b.end_cp) - Math.max(a.start_cp, b.start_cp));
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A coder's value for one category on one sentence. */
export function categoryValue(coding: Coding, sentence: Span, category: string, categoryOf: ReadonlyMap<string, string>): string {
  const ids = new Set(coding.codes.filter((c) => categoryOf.get(c.code_id) === category && overlaps(c, sentence)).map((c) => c.code_id));
  return ids.size ? [...ids].sort(byCodePoint).join('; ') : noCodes;
}

/** A claim's nominal values; "no claim" for each when there is none. */
export function claimValues(c: ClaimLike | undefined): Record<ClaimVariable, string> {
  if (!c) return { 'claim.value': noClaim, 'claim.quantity_unit': noClaim, 'claim.attributed_to': noClaim };
  // The value as the claims table reads it: one number, or an interval open where the text leaves it open.
  const value = c.low !== null && c.low === c.high ? String(c.low) : `${c.low ?? ''}..${c.high ?? ''}`;
  return {
    'claim.value': value,
    'claim.quantity_unit': `${c.quantity} (${c.unit})`,
    'claim.attributed_to': c.source_entity_id ? `${c.attributed_to}: ${c.source_entity_id}` : c.attributed_to,
  };
}

/**
 * The claims of both coders in one sentence paired by overlapping quotes: each first claim, in text
 * order, with the unpaired second claim it overlaps most; what is left unpaired is a unit alone.
 */
export function pairClaims<T extends Span>(first: readonly T[], second: readonly T[]): { first?: T; second?: T }[] {
  const inOrder = (xs: readonly T[]) => [...xs].sort((a, b) => a.start_cp - b.start_cp || a.end_cp - b.end_cp);
  const free = inOrder(second);
  const pairs: { first?: T; second?: T }[] = [];
  for (const f of inOrder(first)) {
    let best = -1;
    free.forEach((s, i) => {
      if (overlap(f, s) > 0 && (best === -1 || overlap(f, s) > overlap(f, free[best]!))) best = i;
    });
    pairs.push(best === -1 ? { first: f } : { first: f, second: free.splice(best, 1)[0] });
  }
  pairs.push(...free.map((s) => ({ second: s })));
  const start = (p: { first?: T; second?: T }) => Math.min(p.first?.start_cp ?? Infinity, p.second?.start_cp ?? Infinity);
  return pairs.sort((a, b) => start(a) - start(b));
}

/** The units of one sampled sentence: one per category, one per number either coder claimed. */
export function sentenceUnits(
  sentence: UnitSentence,
  first: Coding,
  second: Coding,
  categories: readonly string[],
  categoryOf: ReadonlyMap<string, string>,
): SentenceUnits {
  const codes: Record<string, Pair> = {};
  for (const category of categories) {
    codes[category] = {
      first: categoryValue(first, sentence, category, categoryOf),
      second: categoryValue(second, sentence, category, categoryOf),
    };
  }
  const cps = [...sentence.text];
  const claims = pairClaims(
    first.claims.filter((c) => overlaps(c, sentence)),
    second.claims.filter((c) => overlaps(c, sentence)),
  ).map((p): ClaimUnit => {
    const start = Math.max(sentence.start_cp, Math.min(p.first?.start_cp ?? Infinity, p.second?.start_cp ?? Infinity));
    const end = Math.min(sentence.end_cp, Math.max(p.first?.end_cp ?? -Infinity, p.second?.end_cp ?? -Infinity));
    const f = claimValues(p.first);
    const s = claimValues(p.second);
    const values = Object.fromEntries(claimVariables.map((v) => [v, { first: f[v], second: s[v] }])) as Record<ClaimVariable, Pair>;
    return { quote: cps.slice(start - sentence.start_cp, end - sentence.start_cp).join(''), at: start - sentence.start_cp, values };
  });
  return { doc: sentence.doc_id, sentence: sentence.n, text: sentence.text, codes, claims };
}

/** The first coding's value now for a frozen claim unit: the claim overlapping its quote most. */
export function claimValueNow(
  claims: readonly ClaimLike[],
  sentence: Span,
  unit: Pick<ClaimUnit, 'at' | 'quote'>,
): Record<ClaimVariable, string> {
  const span = { start_cp: sentence.start_cp + unit.at, end_cp: sentence.start_cp + unit.at + [...unit.quote].length };
  const best = claims.filter((c) => overlap(c, span) > 0).sort((a, b) => overlap(b, span) - overlap(a, span) || a.start_cp - b.start_cp)[0];
  return claimValues(best);
}

export const isDisagreement = (p: Pair) => p.first !== p.second;

/** Every (unit, variable, pair) of the frozen units, codes before claims, in unit order. */
export function* allPairs(
  units: readonly SentenceUnits[],
): Generator<{ unit: SentenceUnits; variable: string; claim?: ClaimUnit; pair: Pair }> {
  for (const unit of units) {
    for (const [variable, pair] of Object.entries(unit.codes)) yield { unit, variable, pair };
    for (const claim of unit.claims) for (const variable of claimVariables) yield { unit, variable, claim, pair: claim.values[variable] };
  }
}

/** One row per code category (in the order given) and per claim variable, from the frozen values. */
export function reliabilityRows(units: readonly SentenceUnits[], categories: readonly string[]): ReliabilityRow[] {
  const byVariable = new Map<string, { pairs: Pair[]; docs: Set<string>; sentences: Set<string> }>();
  for (const v of [...categories, ...claimVariables]) byVariable.set(v, { pairs: [], docs: new Set(), sentences: new Set() });
  for (const { unit, variable, pair } of allPairs(units)) {
    const entry = byVariable.get(variable);
    if (!entry) continue; // a category no longer in the codebook is reported by the checks
    entry.pairs.push(pair);
    entry.docs.add(unit.doc);
    entry.sentences.add(`${unit.doc}#${unit.sentence}`);
  }
  return [...byVariable].map(([variable, { pairs, docs, sentences }]) => {
    const a = nominalAlpha(pairs.map((p) => [p.first, p.second]));
    const disagreements = pairs.filter(isDisagreement).length;
    return {
      variable,
      kind: variable.startsWith('claim.') ? 'claim' : 'code_category',
      units: pairs.length,
      pairable_values: a.pairableValues,
      observed_disagreement: a.observed,
      expected_disagreement: a.expected,
      alpha: a.alpha,
      agreements: pairs.length - disagreements,
      disagreements,
      documents: docs.size,
      sentences: sentences.size,
    };
  });
}

/** The id of a unit: `<doc_id>/s<n>` for a sentence, `<doc_id>/s<n>/c<at>` for a number in it. */
export const unitId = (unit: Pick<SentenceUnits, 'doc' | 'sentence'>, claim?: Pick<ClaimUnit, 'at'>) =>
  `${unit.doc}/s${unit.sentence}${claim ? `/c${claim.at}` : ''}`;

export function disagreementRows(units: readonly SentenceUnits[]): ReliabilityDisagreementRow[] {
  const rows: ReliabilityDisagreementRow[] = [];
  for (const { unit, variable, claim, pair } of allPairs(units)) {
    if (!isDisagreement(pair)) continue;
    rows.push({
      unit_id: unitId(unit, claim),
      variable,
      doc_id: unit.doc,
      sentence_n: unit.sentence,
      claim_quote: claim?.quote ?? null,
      first: pair.first,
      second: pair.second,
      final: pair.final || null,
      reason: pair.reason || null,
    });
  }
  return rows;
}
