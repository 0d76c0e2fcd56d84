/**
 * Typical days: K-Medoids on day vectors; each medoid day stands for its cluster with probability
 * cluster size / days used.
 */
import type { DayType } from "./daily-profiles";
import { type DistanceMatrix, distanceMatrix, type Metric, subMatrix } from "./distance";
import { kMedoids, type KMedoidsOptions } from "./kmedoids";
import type { KMedoidsMethod, KMedoidsResult } from "./kmedoids-result";
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
  return summarise(days, dist, r, { method, k, seed, metric: given ? "precomputed" : typeof metric === "function" ? "custom" : metric });
}

/** Options of {@link typicalDaysByDayType}. */
export interface TypicalDaysByDayTypeOptions extends Omit<TypicalDaysOptions, "k" | "init"> {
  /** Typical weekdays (≥ 1). */
  kWeekday: number;
  /** Typical weekend days (≥ 1). */
  kWeekend: number;
}

/**
 * Typical days chosen separately among weekdays and among weekend days (so that both day types, and the EV fleets
 * drawn from them, are represented): K-Medoids on each group, clusters merged. Probabilities stay cluster size / all
 * days; the silhouette is that of the merged clustering on the full matrix.
 * @throws ArgumentError when a group has fewer days than its K.
 */
export function typicalDaysByDayType(days: DayVectors, options: TypicalDaysByDayTypeOptions): TypicalDays {
  const { kWeekday, kWeekend, dist: given, metric = "euclidean", method = "fasterpam", seed = 0, ...rest } = options;
  const n = days.dates.length;
  if (given && given.n !== n) throw new ArgumentError("typicalDaysByDayType", `the matrix has ${given.n} rows for ${n} days`);
  const dist = given ?? distanceMatrix(days.vectors, { metric });
  const medoids: number[] = [];
  let loss = 0;
  let iterations = 0;
  let swaps = 0;
  let rowScans = 0;
  for (const [type, kk] of [["weekday", kWeekday], ["weekend", kWeekend]] as const) {
    const idx = days.dayTypes.map((t, i) => (t === type ? i : -1)).filter((i) => i >= 0);
    if (!Number.isInteger(kk) || kk < 1 || kk > idx.length) {
      throw new ArgumentError("typicalDaysByDayType", `k for ${type}s must be an integer in [1, ${idx.length}], got ${kk}`);
    }
    const r = kMedoids(subMatrix(dist, idx), kk, { method, seed, ...rest });
    medoids.push(...r.medoids.map((m) => idx[m]));
    loss += r.loss;
    iterations += r.iterations;
    swaps += r.swaps;
    rowScans += r.rowScans;
  }
  medoids.sort((a, b) => a - b);
  // Each day joins the nearest medoid of its own day type.
  const assignment = days.dayTypes.map((t, d) => {
    let best = -1;
    let bestD = Infinity;
    medoids.forEach((m, c) => {
      if (days.dayTypes[m] !== t) return;
      const dd = m === d ? 0 : dist.data[d * n + m];
      if (dd < bestD) (bestD = dd), (best = c);
    });
    return best;
  });
  const clusterSizes = medoids.map((_, c) => assignment.filter((a) => a === c).length);
  const merged: KMedoidsResult = { method, k: medoids.length, medoids, assignment, clusterSizes, loss, iterations, swaps, rowScans, initialMedoids: [], initialLoss: NaN };
  return summarise(days, dist, merged, { method, k: medoids.length, seed, metric: given ? "precomputed" : typeof metric === "function" ? "custom" : metric });
}

/** Typical days from a clustering of the days. */
function summarise(days: DayVectors, dist: DistanceMatrix, r: KMedoidsResult, run: { method: KMedoidsMethod; k: number; seed: number; metric: string }): TypicalDays {
  const { method, k, seed } = run;
  const n = days.dates.length;
  const sil = k >= 2 ? silhouette(dist, r.assignment) : { mean: 0, perCluster: [0] };
  const weekend = new Array<number>(k).fill(0);
  r.assignment.forEach((c, d) => (weekend[c] += days.dayTypes[d] === "weekend" ? 1 : 0));
  return {
    method,
    k,
    seed,
    metric: run.metric,
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
