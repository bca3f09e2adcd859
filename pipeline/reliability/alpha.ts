// Krippendorff's alpha for nominal data, any number of coders, missing values allowed, computed
// from the coincidence matrix as in Krippendorff (2011), "Computing Krippendorff's
// Alpha-Reliability", https://repository.upenn.edu/asc_papers/43:
//
//   alpha = 1 - Do / De,  Do = (1/n) sum_{c != k} o_ck,  De = (1/(n(n-1))) sum_{c != k} n_c n_k
//
// where o_ck counts the ordered pairs of values c, k within a unit, each unit's pairs weighted by
// 1/(m_u - 1) (m_u: the values the unit received), n_c the pairable values of c and n their sum.
// A unit with fewer than two values is not pairable and counts for nothing. Pure.

/** One unit: the value each coder gave it, null where a coder gave none. */
export type Unit = readonly (string | null)[];

export interface AlphaResult {
  /** Units with at least two values. */
  pairableUnits: number;
  /** n: the values in pairable units. */
  pairableValues: number;
  /** Do, or null when there is nothing to pair. */
  observed: number | null;
  /** De, or null when there is nothing to pair. */
  expected: number | null;
  /** 1 - Do/De; null when it is undefined (no pairable value, or every value the same: De = 0). */
  alpha: number | null;
}

export function nominalAlpha(units: readonly Unit[]): AlphaResult {
  // The diagonal of the coincidence matrix (o_cc) and the marginals (n_c) are all the nominal
  // metric needs: sum_{c != k} o_ck = n - sum_c o_cc.
  const diagonal = new Map<string, number>();
  const marginal = new Map<string, number>();
  let pairableUnits = 0;
  for (const unit of units) {
    const values = unit.filter((v): v is string => v !== null);
    const m = values.length;
    if (m < 2) continue;
    pairableUnits++;
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [v, c] of counts) {
      diagonal.set(v, (diagonal.get(v) ?? 0) + (c * (c - 1)) / (m - 1));
      marginal.set(v, (marginal.get(v) ?? 0) + c);
    }
  }
  // Sums in a fixed order (by value), so the result does not depend on the order of the units.
  const keys = [...marginal.keys()].sort();
  const n = keys.reduce((s, k) => s + marginal.get(k)!, 0);
  if (n === 0) return { pairableUnits, pairableValues: 0, observed: null, expected: null, alpha: null };
  const agreeing = keys.reduce((s, k) => s + diagonal.get(k)!, 0);
  const observed = (n - agreeing) / n;
  const sameValuePairs = keys.reduce((s, k) => s + marginal.get(k)! * (marginal.get(k)! - 1), 0);
  const expected = (n * (n - 1) - sameValuePairs) / (n * (n - 1));
  return {
    pairableUnits,
    pairableValues: n,
    observed,
    expected,
    alpha: expected === 0 ? null : 1 - observed / expected,
  };
}
