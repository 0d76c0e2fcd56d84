/**
 * Tracking accuracy of a disaggregation: how far the sum of the individual schedules lies from the aggregate
 * trajectory the aggregator dispatched.
 */
import { ArgumentError } from "../util/errors";

/** Tracking error of Σ_i p_i against P. */
export interface TrackingMetrics {
  /** Mean over slots of (Σ_i p_i,t − P_t)², kW². */
  mseKw2: number;
  /** √mse, kW. */
  rmseKw: number;
  /**
   * rmse divided by the normaliser: the mean aggregate power over the horizon, Σ_t P_t / T (kW), i.e. the station's
   * flexible energy spread evenly over the day. 0 when both are 0.
   */
  nrmse: number;
  /** The normaliser, kW. */
  meanKw: number;
  /** max_t |Σ_i p_i,t − P_t|, kW. */
  maxAbsKw: number;
}

/** The normaliser of {@link TrackingMetrics.nrmse}, in words (printed by the CLI). */
export const NRMSE_NORMALISER = "mean aggregate flexible power over the horizon, Σ_t P_t / T (kW)";

/**
 * Tracking metrics of individual schedules against the aggregate trajectory.
 * @param aggregateKw P_t (kW per slot).
 * @param schedulesKw individual schedules p_i (kW per slot), or their per-slot sum as one array.
 * @throws ArgumentError when lengths differ.
 */
export function trackingMetrics(aggregateKw: ArrayLike<number>, schedulesKw: readonly (readonly number[])[] | ArrayLike<number>): TrackingMetrics {
  const T = aggregateKw.length;
  const sum = new Array<number>(T).fill(0);
  const asRows = schedulesKw as readonly (readonly number[])[];
  if (asRows.length > 0 && Array.isArray(asRows[0])) {
    for (const p of asRows) {
      if (p.length !== T) throw new ArgumentError("trackingMetrics", `a schedule has ${p.length} values for ${T} slots`);
      for (let t = 0; t < T; t++) sum[t] += p[t];
    }
  } else if (asRows.length > 0) {
    const s = schedulesKw as ArrayLike<number>;
    if (s.length !== T) throw new ArgumentError("trackingMetrics", `the sum has ${s.length} values for ${T} slots`);
    for (let t = 0; t < T; t++) sum[t] = s[t];
  }
  let sq = 0;
  let maxAbsKw = 0;
  let total = 0;
  for (let t = 0; t < T; t++) {
    const r = sum[t] - aggregateKw[t];
    sq += r * r;
    maxAbsKw = Math.max(maxAbsKw, Math.abs(r));
    total += aggregateKw[t];
  }
  const mseKw2 = T ? sq / T : 0;
  const rmseKw = Math.sqrt(mseKw2);
  const meanKw = T ? total / T : 0;
  const nrmse = rmseKw === 0 ? 0 : meanKw > 0 ? rmseKw / meanKw : Infinity;
  return { mseKw2, rmseKw, nrmse, meanKw, maxAbsKw };
}

/**
 * The p-quantile of a sample by linear interpolation between order statistics (Hyndman & Fan type 7, R's default):
 * h = (n − 1)·p, x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)). NaN for an empty sample.
 * @throws ArgumentError for p outside [0, 1].
 */
export function quantileOf(xs: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new ArgumentError("quantileOf", `p must lie in [0, 1], got ${p}`);
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}
