/**
 * The optimality gap of a bounded minimisation, one definition for every solver and report: (UB − LB) / max(1, |UB|),
 * relative to the upper bound (the cost of the best decision found), with the 1 in the denominator keeping it finite
 * near a zero cost. Benders stops when it is at most its `gapTol`; traces and results print it in per cent.
 */

/** (upper − lower) / max(1, |upper|). */
export function relativeGap(upper: number, lower: number): number {
  return (upper - lower) / Math.max(1, Math.abs(upper));
}

/** The same gap in per cent: 100 (upper − lower) / max(1, |upper|). */
export function gapPercent(upper: number, lower: number): number {
  return (100 * (upper - lower)) / Math.max(1, Math.abs(upper));
}

/** The cost a lower bound must stay below for the gap still to exceed `gapTol`: upper − gapTol · max(1, |upper|). */
export function gapTarget(upper: number, gapTol: number): number {
  return upper - gapTol * Math.max(1, Math.abs(upper));
}
