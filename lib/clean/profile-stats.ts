/**
 * Distribution summaries and histograms with simple-statistics: the typed tables the profiles are made of.
 */
import { ArgumentError } from "../util/errors";
import { ss } from "./stats";

/** Summary of a sample. */
export type DistributionSummary = {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  std: number;
  min: number;
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  max: number;
};

/** One histogram bin. */
export type HistogramRow = {
  /** Lower edge (inclusive). */
  from: number;
  /** Upper edge (exclusive; the last bin includes it). */
  to: number;
  count: number;
  /** count / number of values in range. */
  share: number;
};

/**
 * Summary statistics of `values` (NaN fields for an empty sample, std NaN for a single value).
 * @example summarizeValues([1, 2, 3]).median // 2
 */
export function summarizeValues(values: readonly number[]): DistributionSummary {
  if (values.length === 0) {
    return { n: 0, mean: NaN, std: NaN, min: NaN, p10: NaN, p25: NaN, median: NaN, p75: NaN, p90: NaN, max: NaN };
  }
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => ss.quantileSorted(sorted, p);
  return {
    n: sorted.length,
    mean: ss.mean(sorted),
    std: sorted.length > 1 ? ss.sampleStandardDeviation(sorted) : NaN,
    min: sorted[0],
    p10: q(0.1),
    p25: q(0.25),
    median: q(0.5),
    p75: q(0.75),
    p90: q(0.9),
    max: sorted[sorted.length - 1],
  };
}

/** `n` equal bins from `min` to `max`: n + 1 edges. */
export function uniformEdges(min: number, max: number, n: number): number[] {
  if (!(max > min) || !Number.isInteger(n) || n < 1) throw new ArgumentError("uniformEdges", `need max > min and an integer n ≥ 1, got ${min}, ${max}, ${n}`);
  return Array.from({ length: n + 1 }, (_, i) => min + ((max - min) * i) / n);
}

/**
 * Histogram of `values` over ascending `edges`; values outside [edges[0], edges[last]] are not counted.
 * @throws ArgumentError when edges are fewer than 2 or not ascending.
 */
export function histogram(values: readonly number[], edges: readonly number[]): HistogramRow[] {
  if (edges.length < 2 || edges.some((e, i) => i > 0 && !(e > edges[i - 1]))) {
    throw new ArgumentError("histogram", "edges must be at least 2 ascending numbers");
  }
  const counts = new Array<number>(edges.length - 1).fill(0);
  const last = edges.length - 1;
  let inRange = 0;
  for (const v of values) {
    if (!(v >= edges[0] && v <= edges[last])) continue;
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (v >= edges[mid]) lo = mid;
      else hi = mid;
    }
    counts[lo] += 1;
    inRange += 1;
  }
  return counts.map((count, i) => ({ from: edges[i], to: edges[i + 1], count, share: inRange ? count / inRange : 0 }));
}
