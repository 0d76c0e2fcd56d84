/**
 * Typical days: K-Medoids on day vectors; each medoid day stands for its cluster with probability
 * cluster size / days used.
 */
import type { DayType } from "./daily-profiles";
import { type DistanceMatrix, distanceMatrix, type Metric } from "./distance";
import { kMedoids, type KMedoidsOptions } from "./kmedoids";
import type { KMedoidsMethod } from "./kmedoids-result";
import type { DayVectors } from "./normalise";
import { silhouette } from "./silhouette";
import { ArgumentError } from "../util/errors";

/** Options of {@link typicalDays}. */
export interface TypicalDaysOptions extends KMedoidsOptions {
  /** Number of typical days. */
  k: number;
  /** A precomputed dissimilarity matrix of the day vectors (else computed with `metric`). */
  dist?: DistanceMatrix;
}

/** Typical days and their clusters. Cluster c is represented by day `medoids[c]`. */
export interface TypicalDays {
  method: KMedoidsMethod;
  k: number;
  seed: number;
  /** Metric name ("custom" for a function; "precomputed" when a matrix was given). */
  metric: string;
  /** Every day clustered, ascending. */
  dates: string[];
  dayTypes: DayType[];
  /** Medoid day indices into `dates`, ascending. */
  medoids: number[];
  medoidDates: string[];
  medoidDayTypes: DayType[];
  /** Cluster of each day (index into `medoids`). */
  assignment: number[];
  clusterSizes: number[];
  /** clusterSizes / days: sums to 1. */
  probabilities: number[];
  /** Share of weekend days in each cluster. */
  weekendShares: number[];
  loss: number;
  /** Mean silhouette, and per cluster. */
  silhouette: number;
  silhouettePerCluster: number[];
  iterations: number;
  swaps: number;
}

/**
 * Clusters days into K typical days.
 * @param days joint day vectors (see `dayVectors`).
 * @param options K, method, seed, metric or a precomputed matrix.
 * @throws ArgumentError when K is not in [1, days] or the matrix does not match the days.
 */
export function typicalDays(days: DayVectors, options: TypicalDaysOptions): TypicalDays {
  const { k, dist: given, metric = "euclidean", method = "fasterpam", seed = 0, ...rest } = options;
  const n = days.dates.length;
  if (given && given.n !== n) throw new ArgumentError("typicalDays", `the matrix has ${given.n} rows for ${n} days`);
  const dist = given ?? distanceMatrix(days.vectors, { metric });
  const r = kMedoids(dist, k, { method, seed, ...rest });
  const sil = k >= 2 ? silhouette(dist, r.assignment) : { mean: 0, perCluster: [0] };
  const weekend = new Array<number>(k).fill(0);
  r.assignment.forEach((c, d) => (weekend[c] += days.dayTypes[d] === "weekend" ? 1 : 0));
  return {
    method,
    k,
    seed,
    metric: given ? "precomputed" : typeof metric === "function" ? "custom" : metric,
    dates: days.dates.slice(),
    dayTypes: days.dayTypes.slice(),
    medoids: r.medoids,
    medoidDates: r.medoids.map((m) => days.dates[m]),
    medoidDayTypes: r.medoids.map((m) => days.dayTypes[m]),
    assignment: r.assignment,
    clusterSizes: r.clusterSizes,
    probabilities: r.clusterSizes.map((s) => s / n),
    weekendShares: r.clusterSizes.map((s, c) => weekend[c] / s),
    loss: r.loss,
    silhouette: sil.mean,
    silhouettePerCluster: sil.perCluster,
    iterations: r.iterations,
    swaps: r.swaps,
  };
}
