/**
 * One entry point for K-Medoids: a precomputed dissimilarity matrix, or vectors with a chosen metric; PAM or
 * FasterPAM.
 */
import { ArgumentError } from "../util/errors";
import { type DistanceMatrix, distanceMatrix, type Metric } from "./distance";
import { fasterPam, type FasterPamInit } from "./fasterpam";
import type { KMedoidsMethod, KMedoidsResult } from "./kmedoids-result";
import { pam } from "./pam";

/** Options of {@link kMedoids}. */
export interface KMedoidsOptions {
  /** "fasterpam" (default) or "pam". */
  method?: KMedoidsMethod;
  /** Seed of FasterPAM's random initialisation and visiting order (PAM is deterministic). Default 0. */
  seed?: number;
  /** Metric when `input` is vectors. Default "euclidean". */
  metric?: Metric;
  /** FasterPAM initialisation (default "random"); for PAM only a list of medoids replaces BUILD. */
  init?: FasterPamInit;
  /** Largest number of iterations (PAM: SWAP iterations, default 1000; FasterPAM: passes, default 100). */
  maxIterations?: number;
  /** FasterPAM: independent seeded runs, the best kept. Default 1. Ignored by PAM (deterministic). */
  restarts?: number;
}

/** True when `x` is a {@link DistanceMatrix}. */
export function isDistanceMatrix(x: unknown): x is DistanceMatrix {
  return typeof x === "object" && x !== null && "n" in x && "data" in x && (x as DistanceMatrix).data instanceof Float64Array;
}

/**
 * K-Medoids clustering.
 * @param input a dissimilarity matrix, or vectors (rows) clustered under `options.metric`.
 * @param k number of clusters.
 * @returns medoids (0-based, ascending), assignment, loss, iterations, swaps.
 * @throws ArgumentError for a bad method or k; DataValidationError for bad vectors.
 * @example kMedoids([[0], [1], [10], [11]], 2, { method: "pam" }).medoids // [0, 2]
 */
export function kMedoids(input: DistanceMatrix | readonly (readonly number[])[], k: number, options: KMedoidsOptions = {}): KMedoidsResult {
  const { method = "fasterpam", seed = 0, metric = "euclidean", init, maxIterations, restarts } = options;
  const dist = isDistanceMatrix(input) ? input : distanceMatrix(input, { metric });
  if (method === "pam") {
    if (init !== undefined && !Array.isArray(init) && init !== "build") {
      throw new ArgumentError("kMedoids", `PAM starts from BUILD or given medoids, not "${String(init)}"`);
    }
    return pam(dist, k, { maxIterations, initialMedoids: Array.isArray(init) ? init : undefined });
  }
  if (method === "fasterpam") return fasterPam(dist, k, { seed, init, maxIterations, restarts });
  throw new ArgumentError("kMedoids", `method must be "pam" or "fasterpam", got "${String(method)}"`);
}
