/**
 * Choosing the number of typical days K: the loss curve (elbow) and the mean silhouette, over a range of K.
 */
import { ArgumentError } from "../util/errors";
import type { DistanceMatrix } from "./distance";
import { kMedoids, type KMedoidsOptions } from "./kmedoids";
import { silhouette } from "./silhouette";

/** Options of {@link kSweep}. */
export interface KSweepOptions extends Omit<KMedoidsOptions, "init" | "metric"> {
  /** The K values tried, ascending, each in [2, n − 1]. Default 2..12 (capped at n − 1). */
  ks?: number[];
}

/** One K of the sweep. */
export interface KSweepRow {
  k: number;
  loss: number;
  /** Mean silhouette. */
  silhouette: number;
  medoids: number[];
  iterations: number;
  swaps: number;
}

/** Result of {@link kSweep}. */
export interface KSweep {
  rows: KSweepRow[];
  /** K at the elbow of the loss curve (see {@link elbowK}). */
  elbowK: number;
  /** K with the largest mean silhouette (the smaller K on a tie). */
  silhouetteK: number;
}

/**
 * The elbow of a decreasing loss curve: the point farthest below the chord joining its first and last points, with
 * both axes scaled to [0, 1] (the "knee" of Satopää et al., 2011). Returns the first K when no point lies below it.
 * @throws ArgumentError for fewer than 3 points or mismatched arrays.
 */
export function elbowK(ks: readonly number[], losses: readonly number[]): number {
  if (ks.length !== losses.length || ks.length < 3) throw new ArgumentError("elbowK", "need at least 3 (k, loss) points of equal count");
  const k0 = ks[0];
  const k1 = ks[ks.length - 1];
  const l0 = losses[0];
  const l1 = losses[losses.length - 1];
  const spanL = l0 - l1 || 1;
  let best = ks[0];
  let bestGap = 0;
  for (let i = 1; i < ks.length - 1; i++) {
    const x = (ks[i] - k0) / (k1 - k0);
    const y = (losses[i] - l1) / spanL; // 1 at the first point, 0 at the last
    const gap = 1 - x - y; // chord minus curve
    if (gap > bestGap) {
      bestGap = gap;
      best = ks[i];
    }
  }
  return best;
}

/**
 * Runs K-Medoids for each K and records the loss and the mean silhouette.
 * @param dist dissimilarity matrix (compute it once and reuse it).
 * @throws ArgumentError for K values outside [2, n − 1].
 */
export function kSweep(dist: DistanceMatrix, options: KSweepOptions = {}): KSweep {
  const { ks = Array.from({ length: 11 }, (_, i) => i + 2).filter((k) => k <= dist.n - 1), ...rest } = options;
  if (ks.length === 0 || ks.some((k, i) => !Number.isInteger(k) || k < 2 || k > dist.n - 1 || (i > 0 && k <= ks[i - 1]))) {
    throw new ArgumentError("kSweep", `ks must be ascending integers in [2, ${dist.n - 1}], got [${ks.join(", ")}]`);
  }
  const rows = ks.map((k) => {
    const r = kMedoids(dist, k, rest);
    return { k, loss: r.loss, silhouette: silhouette(dist, r.assignment).mean, medoids: r.medoids, iterations: r.iterations, swaps: r.swaps };
  });
  let silhouetteK = rows[0].k;
  let bestS = -Infinity;
  for (const r of rows) {
    if (r.silhouette > bestS) {
      bestS = r.silhouette;
      silhouetteK = r.k;
    }
  }
  return { rows, elbowK: rows.length >= 3 ? elbowK(ks, rows.map((r) => r.loss)) : rows[0].k, silhouetteK };
}
