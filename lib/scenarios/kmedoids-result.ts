/**
 * The result every K-Medoids method returns, and its assembly from the final medoid state.
 */
import { ArgumentError } from "../util/errors";
import type { DistanceMatrix } from "./distance";
import type { MedoidState } from "./medoid-state";

/** The K-Medoids methods. */
export type KMedoidsMethod = "pam" | "fasterpam";

/** Result of a K-Medoids run. Cluster c is the cluster of `medoids[c]`. */
export interface KMedoidsResult {
  method: KMedoidsMethod;
  k: number;
  /** Medoids, 0-based object indices, ascending. */
  medoids: number[];
  /** Cluster of each object: an index into `medoids`. Ties between equidistant medoids go to the lower one. */
  assignment: number[];
  /** Objects per cluster, aligned with `medoids`. */
  clusterSizes: number[];
  /** Total deviation: sum of each object's dissimilarity to its medoid. */
  loss: number;
  /** Iterations: PAM, SWAP iterations (the last finds no improvement); FasterPAM, passes over the candidates. */
  iterations: number;
  /** Swaps performed. */
  swaps: number;
  /**
   * The swap phase's unit of work: scans of one candidate's distances to all n objects. PAM scans once per candidate
   * and medoid (k(n − k) per SWAP iteration); FasterPAM once per candidate evaluated, for all k medoids at once. The
   * swap phase reads rowScans · n dissimilarities (initialisation and bookkeeping not counted). FasterPAM with
   * restarts: summed over all runs.
   */
  rowScans: number;
  /** Starting medoids (BUILD, random or given), 0-based, in the order used. */
  initialMedoids: number[];
  /** Loss of the starting medoids. */
  initialLoss: number;
}

/** Checks 1 ≤ k ≤ n. */
export function checkK(dist: DistanceMatrix, k: number, where: string): void {
  if (!Number.isInteger(k) || k < 1 || k > dist.n) throw new ArgumentError(where, `k must be an integer in [1, ${dist.n}], got ${k}`);
}

/** Assembles the result: medoids sorted ascending, clusters renumbered to match, assignment and loss recomputed from
 * scratch (no round-off accumulated by the incremental updates). */
export function finishResult(
  method: KMedoidsMethod,
  dist: DistanceMatrix,
  state: MedoidState,
  run: { iterations: number; swaps: number; rowScans: number; initialMedoids: number[]; initialLoss: number },
): KMedoidsResult {
  const { n, data } = dist;
  const medoids = state.medoids.slice().sort((a, b) => a - b);
  const k = medoids.length;
  const assignment = new Array<number>(n);
  const clusterSizes = new Array<number>(k).fill(0);
  let loss = 0;
  for (let o = 0; o < n; o++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      if (medoids[c] === o) {
        best = c;
        bestD = 0;
        break;
      }
      const d = data[medoids[c] * n + o];
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    assignment[o] = best;
    clusterSizes[best]++;
    loss += bestD;
  }
  return { method, k, medoids, assignment, clusterSizes, loss, iterations: run.iterations, swaps: run.swaps, rowScans: run.rowScans, initialMedoids: run.initialMedoids, initialLoss: run.initialLoss };
}
