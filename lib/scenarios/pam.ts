/**
 * PAM (Partitioning Around Medoids), BUILD + SWAP, as in Kaufman & Rousseeuw, "Finding Groups in Data" (1990), ch. 2.
 *
 * BUILD: the first medoid minimises the sum of dissimilarities to all objects; each next one maximises the gain
 *   Σ_j max(D_j − d(j, i), 0), D_j being j's dissimilarity to its nearest selected object.
 * SWAP: for every selected i and unselected h, T_ih = Σ_j C_jih with
 *   C_jih = min(d(j,h), E_j) − D_j    when i is j's nearest medoid (E_j: second nearest),
 *   C_jih = min(d(j,h) − D_j, 0)      otherwise,
 *   summed over every object j (h itself contributes −D_h, the removed medoid i its new dissimilarity), so T_ih is
 *   exactly the change of the total deviation. The pair with the smallest T_ih is swapped when T_ih < 0; repeat.
 * Cost per SWAP iteration O(k·n²) with D_j, E_j cached (see medoid-state.ts). Ties go to the lowest object index
 * (then the lowest medoid slot), so PAM is deterministic.
 */
import { ArgumentError } from "../util/errors";
import type { DistanceMatrix } from "./distance";
import { assignToMedoids, lowerNearest, type MedoidState, swapMedoid } from "./medoid-state";
import { type KMedoidsResult, finishResult, checkK } from "./kmedoids-result";

/** Options of {@link pam}. */
export interface PamOptions {
  /** Largest number of SWAP iterations. Default 1000. */
  maxIterations?: number;
  /** Start SWAP from these medoids (0-based, distinct) instead of BUILD. */
  initialMedoids?: number[];
}

/** Relative tolerance below which a loss change counts as zero (guards against cycling on round-off). */
export const SWAP_TOLERANCE = 1e-12;

/**
 * PAM BUILD: greedy initial medoids.
 * @returns the medoids in the order chosen.
 */
export function pamBuild(dist: DistanceMatrix, k: number): number[] {
  checkK(dist, k, "pamBuild");
  const { n, data } = dist;
  let first = 0;
  let bestSum = Infinity;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += data[row + j];
    if (s < bestSum) {
      bestSum = s;
      first = i;
    }
  }
  const medoids = [first];
  const selected = new Uint8Array(n);
  selected[first] = 1;
  const dNear = new Float64Array(n);
  for (let j = 0; j < n; j++) dNear[j] = data[first * n + j];
  while (medoids.length < k) {
    let best = -1;
    let bestGain = -Infinity;
    for (let i = 0; i < n; i++) {
      if (selected[i]) continue;
      let gain = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) {
        const g = dNear[j] - data[row + j];
        if (g > 0) gain += g;
      }
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    }
    medoids.push(best);
    selected[best] = 1;
    lowerNearest(dist, dNear, best);
  }
  return medoids;
}

/**
 * The work of {@link pamBuild} in the unit of `KMedoidsResult.rowScans` (one candidate's n distances): n row sums
 * for the first medoid, then the n − s unselected rows for medoid s + 1.
 */
export function pamBuildRowScans(n: number, k: number): number {
  return n + (k - 1) * n - (k * (k - 1)) / 2;
}

/** The best swap of one SWAP iteration: change of the loss, medoid slot and entering object. */
function bestSwap(dist: DistanceMatrix, s: MedoidState, isMedoid: Uint8Array): { delta: number; slot: number; h: number } {
  const { n, data } = dist;
  const k = s.medoids.length;
  const { near, dNear, dSecond } = s;
  let best = { delta: 0, slot: -1, h: -1 };
  for (let h = 0; h < n; h++) {
    if (isMedoid[h]) continue;
    const row = h * n;
    for (let slot = 0; slot < k; slot++) {
      let t = -dNear[h];
      for (let j = 0; j < n; j++) {
        if (j === h) continue;
        const d = data[row + j];
        if (near[j] === slot) t += (d < dSecond[j] ? d : dSecond[j]) - dNear[j];
        else if (d < dNear[j]) t += d - dNear[j];
      }
      if (t < best.delta) best = { delta: t, slot, h };
    }
  }
  return best;
}

/**
 * PAM: BUILD then SWAP until no swap lowers the total deviation.
 * @param dist dissimilarity matrix.
 * @param k number of medoids, 1 ≤ k ≤ n.
 * @returns medoids (0-based, ascending), assignment, loss, iterations (SWAP iterations, counting the final one that
 *   finds no improving swap) and swaps.
 * @throws ArgumentError for a bad k or initial medoids.
 * @example pam(distanceMatrix([[0], [1], [10], [11]]), 2).medoids // [0, 2]
 */
export function pam(dist: DistanceMatrix, k: number, options: PamOptions = {}): KMedoidsResult {
  const { maxIterations = 1000, initialMedoids } = options;
  checkK(dist, k, "pam");
  if (!Number.isInteger(maxIterations) || maxIterations < 0) throw new ArgumentError("pam", `maxIterations must be a non-negative integer`);
  const init = initialMedoids ? validateMedoids(dist, k, initialMedoids, "pam") : pamBuild(dist, k);
  const { state, loss: initialLoss } = assignToMedoids(dist, init);
  const isMedoid = new Uint8Array(dist.n);
  for (const m of init) isMedoid[m] = 1;
  let loss = initialLoss;
  let iterations = 0;
  let swaps = 0;
  let rowScans = 0;
  while (iterations < maxIterations) {
    iterations++;
    const b = bestSwap(dist, state, isMedoid);
    rowScans += k * (dist.n - k);
    if (!(b.delta < -SWAP_TOLERANCE * Math.max(loss, Number.MIN_VALUE)) || b.slot < 0) break;
    isMedoid[state.medoids[b.slot]] = 0;
    isMedoid[b.h] = 1;
    const next = swapMedoid(dist, state, b.slot, b.h);
    swaps++;
    if (!(next < loss)) {
      loss = next;
      break; // round-off: no real progress
    }
    loss = next;
  }
  return finishResult("pam", dist, state, { iterations, swaps, rowScans, initialMedoids: init, initialLoss });
}

/** Checks user-given initial medoids: k distinct integers in [0, n). */
export function validateMedoids(dist: DistanceMatrix, k: number, medoids: readonly number[], where: string): number[] {
  if (medoids.length !== k || new Set(medoids).size !== k || medoids.some((m) => !Number.isInteger(m) || m < 0 || m >= dist.n)) {
    throw new ArgumentError(where, `initial medoids must be ${k} distinct integers in [0, ${dist.n}), got [${medoids.join(", ")}]`);
  }
  return medoids.slice();
}
