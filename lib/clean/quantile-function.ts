/**
 * Empirical quantile functions stored at fixed probability knots (denser in the tails), evaluated by linear
 * interpolation, and the normal-scores correlation of a Gaussian copula (simple-statistics' probit, error function
 * and correlation).
 */
import { ss } from "./stats";
import { averageRanks } from "./ranks";

/** Probabilities at which quantile functions are stored: denser in both tails. */
export const QUANTILE_KNOTS: readonly number[] = [
  0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
  0.925, 0.95, 0.97, 0.98, 0.99, 0.995, 1,
];

/** Quantiles of `values` at {@link QUANTILE_KNOTS}: linear between order statistics (R's default, type 7), so the
 * stored function is continuous and its first and last knots are the sample minimum and maximum. */
export function quantileKnots(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return QUANTILE_KNOTS.map((p) => {
    // Interpolated quantile (type 7): h = (n − 1) p.
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
  });
}

/** The stored quantile function at probability `u` ∈ [0, 1], linear between knots. */
export function evalQuantile(knots: readonly number[], u: number): number {
  const p = QUANTILE_KNOTS;
  if (u <= 0) return knots[0];
  if (u >= 1) return knots[knots.length - 1];
  let lo = 0;
  let hi = p.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (u >= p[mid]) lo = mid;
    else hi = mid;
  }
  return knots[lo] + ((u - p[lo]) / (p[hi] - p[lo])) * (knots[hi] - knots[lo]);
}

/** Standard normal CDF Φ(z) = (1 + erf(z/√2)) / 2. */
export function normalCdf(z: number): number {
  return 0.5 * (1 + ss.errorFunction(z / Math.SQRT2));
}

/**
 * Correlation of normal scores Φ⁻¹((rank − ½)/n) of two samples: the parameter of a Gaussian copula fitted by
 * ranks (van der Waerden scores). 0 for fewer than 3 pairs or a constant sample.
 */
export function normalScoreCorrelation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 3 || y.length !== n) return 0;
  const scores = (v: readonly number[]) => averageRanks(v).map((r) => ss.probit((r - 0.5) / n));
  const a = scores(x);
  const b = scores(y);
  if (ss.sampleStandardDeviation(a) === 0 || ss.sampleStandardDeviation(b) === 0) return 0;
  return Math.max(-0.999, Math.min(0.999, ss.sampleCorrelation(a, b)));
}
