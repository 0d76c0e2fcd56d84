/**
 * FasterPAM: Schubert & Rousseeuw, "Fast and eager k-medoids clustering: O(k) runtime improvement of the PAM, CLARA,
 * and CLARANS algorithms", Information Systems 101 (2021) 101804.
 *
 * Two ideas on top of PAM's SWAP:
 * 1. O(k) speed-up: for one candidate x_c the loss changes of ALL k possible swaps are found in one pass over the
 *    objects. Start from the removal losses ΔL_m = Σ_{o: nearest(o)=m} (E_o − D_o) (the cost of dropping medoid m);
 *    for each object o with d = d(o, x_c):
 *      if d < D_o:      the shared accumulator gets d − D_o (o moves to x_c whichever medoid leaves), and
 *                       ΔL_{nearest(o)} gets D_o − E_o (the removal loss had o moving to its second medoid);
 *      else if d < E_o: ΔL_{nearest(o)} gets d − E_o (if its medoid leaves, o goes to x_c, not its second);
 *    the best swap for x_c is argmin_m ΔL_m, its change ΔL_m + accumulator.
 * 2. Eager swapping: the first improving candidate is swapped at once (with its best medoid), instead of scanning
 *    all k(n−k) pairs for the best one; candidates are visited cyclically until a full round brings no improvement.
 * Per candidate O(n + k); a swap costs O(n) plus O(k) per object whose second medoid must be searched again.
 * Initialisation: seeded uniform random medoids (the paper's recommendation: BUILD is not needed), LAB or
 * k-medoids++ (kmedoids-init.ts), BUILD, or given medoids. Candidates are visited in a seeded random order (or index
 * order).
 */
import { createRng, sampleWithoutReplacement, shuffled } from "../util/random";
import { ArgumentError } from "../util/errors";
import type { DistanceMatrix } from "./distance";
import { type KMedoidsResult, checkK, finishResult } from "./kmedoids-result";
import { assignToMedoids, type MedoidState, swapMedoid } from "./medoid-state";
import { kMedoidsPlusPlus, labInit } from "./kmedoids-init";
import { pamBuild, SWAP_TOLERANCE, validateMedoids } from "./pam";

/** The named ways FasterPAM picks its starting medoids (see kmedoids-init.ts for LAB and k-medoids++). */
export const FASTERPAM_STARTS = ["random", "lab", "kmedoids++", "build"] as const;

/** A named start or the starting medoids themselves. */
export type FasterPamInit = (typeof FASTERPAM_STARTS)[number] | number[];

/** Options of {@link fasterPam}. */
export interface FasterPamOptions {
  /** Seed of the random initialisation and visiting order. Default 0. */
  seed?: number;
  /**
   * "random" (default, seeded), "lab" (seeded linear approximative BUILD), "kmedoids++" (seeded D² sampling),
   * "build" (PAM BUILD) or given medoids.
   */
  init?: FasterPamInit;
  /** Visit candidates in a seeded random order (default true) or in index order. */
  shuffle?: boolean;
  /** Largest number of passes over the candidates. Default 100. */
  maxIterations?: number;
  /**
   * Independent runs (random, LAB or k-medoids++ initialisation only), keeping the lowest loss — the authors' advice
   * when time permits. Run 0 uses `seed`; run r > 0 a seed drawn from `createRng(seed)`. Default 1.
   */
  restarts?: number;
}

function removalLosses(s: MedoidState, out: Float64Array): void {
  out.fill(0);
  const { near, dNear, dSecond } = s;
  for (let o = 0; o < near.length; o++) out[near[o]] += dSecond[o] - dNear[o];
}

/**
 * The loss changes of swapping candidate c (its distance row starts at `row`) with each medoid: `delta[m]` receives
 * ΔL_m (removal loss plus corrections) and the shared accumulator is returned, so the change of swapping c with the
 * medoid in slot m is delta[m] + accumulator. A function of its own so that the JIT optimises this O(n) loop apart
 * from the driver around it: written inline, the loop fell back to unoptimised code at each of the driver's
 * deoptimisations, and the driver still has some (`node --trace-deopt .bench-build/bench/kmedoids.js --quick` lists
 * them; this function has none).
 */
function candidateGains(data: Float64Array, row: number, near: Int32Array, dNear: Float64Array, dSecond: Float64Array, removal: Float64Array, delta: Float64Array): number {
  delta.set(removal);
  let acc = 0;
  const n = near.length;
  for (let o = 0; o < n; o++) {
    // Most objects are farther from c than from their second medoid (d ≥ E_o ≥ D_o) and change nothing: one test
    // settles them, and only the others read D_o.
    const d = data[row + o]; // d(c, c) = 0: c itself moves to the new medoid
    const ds = dSecond[o];
    if (d < ds) {
      const dn = dNear[o];
      if (d < dn) {
        acc += d - dn;
        delta[near[o]] += dn - ds;
      } else {
        delta[near[o]] += d - ds;
      }
    }
  }
  return acc;
}

/**
 * FasterPAM on a dissimilarity matrix.
 * @param dist dissimilarity matrix.
 * @param k number of medoids, 1 ≤ k ≤ n.
 * @returns medoids (0-based, ascending), assignment, loss, iterations (passes over the candidates) and swaps — with
 *   restarts, those of the best run — and rowScans, with restarts summed over all runs (it measures work).
 * @throws ArgumentError for a bad k, initial medoids or option.
 */
export function fasterPam(dist: DistanceMatrix, k: number, options: FasterPamOptions = {}): KMedoidsResult {
  const { seed = 0, init = "random", restarts = 1 } = options;
  if (!Number.isInteger(restarts) || restarts < 1) throw new ArgumentError("fasterPam", `restarts must be a positive integer, got ${restarts}`);
  if (restarts === 1 || Array.isArray(init) || init === "build") return fasterPamRun(dist, k, options);
  const seeds = createRng(seed);
  let best: KMedoidsResult | undefined;
  let rowScans = 0;
  for (let r = 0; r < restarts; r++) {
    const s = r === 0 ? seed : Math.floor(seeds.next() * 2 ** 31);
    const res = fasterPamRun(dist, k, { ...options, seed: s });
    rowScans += res.rowScans;
    if (best === undefined || res.loss < best.loss) best = res;
  }
  return { ...best!, rowScans };
}

/** One FasterPAM run. */
function fasterPamRun(dist: DistanceMatrix, k: number, options: FasterPamOptions): KMedoidsResult {
  const where = "fasterPam";
  const { seed = 0, init = "random", shuffle = true, maxIterations = 100 } = options;
  checkK(dist, k, where);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new ArgumentError(where, "maxIterations must be a positive integer");
  const { n, data } = dist;
  const rng = createRng(seed);
  const all = Array.from({ length: n }, (_, i) => i);
  let start: number[];
  if (Array.isArray(init)) start = validateMedoids(dist, k, init, where);
  else if (init === "build") start = pamBuild(dist, k);
  else if (init === "random") start = sampleWithoutReplacement(rng, all, k);
  else if (init === "lab") start = labInit(dist, k, rng);
  else if (init === "kmedoids++") start = kMedoidsPlusPlus(dist, k, rng);
  else throw new ArgumentError(where, `init must be ${FASTERPAM_STARTS.map((x) => `"${x}"`).join(", ")} or a list of medoids, got "${String(init)}"`);
  const { state, loss: initialLoss } = assignToMedoids(dist, start);

  if (k === 1) {
    // The exact optimum: the object with the smallest sum of dissimilarities (no second medoid exists).
    let best = start[0];
    let bestSum = initialLoss;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += data[i * n + j];
      if (s < bestSum - SWAP_TOLERANCE * bestSum) {
        bestSum = s;
        best = i;
      }
    }
    const swaps = best === start[0] ? 0 : 1;
    if (swaps) swapMedoid(dist, state, 0, best);
    return finishResult("fasterpam", dist, state, { iterations: 1, swaps, rowScans: n, initialMedoids: start, initialLoss });
  }

  const order = shuffle ? shuffled(rng, all) : all;
  const isMedoid = new Uint8Array(n);
  for (const m of start) isMedoid[m] = 1;
  const removal = new Float64Array(k);
  const delta = new Float64Array(k);
  removalLosses(state, removal);
  const { near, dNear, dSecond } = state;
  let loss = initialLoss;
  let swaps = 0;
  let examined = 0;
  let rowScans = 0;
  let sinceSwap = 0;
  let pos = 0;
  while (sinceSwap < n && examined < maxIterations * n) {
    const c = order[pos];
    pos = pos + 1 === n ? 0 : pos + 1;
    examined++;
    sinceSwap++;
    if (isMedoid[c]) continue;
    rowScans++;
    const acc = candidateGains(data, c * n, near, dNear, dSecond, removal, delta);
    let slot = 0;
    for (let m = 1; m < k; m++) if (delta[m] < delta[slot]) slot = m;
    const change = delta[slot] + acc;
    if (!(change < -SWAP_TOLERANCE * Math.max(loss, Number.MIN_VALUE))) continue;
    isMedoid[state.medoids[slot]] = 0;
    isMedoid[c] = 1;
    const next = swapMedoid(dist, state, slot, c);
    removalLosses(state, removal);
    swaps++;
    sinceSwap = 0;
    if (!(next < loss)) {
      loss = next;
      break; // round-off: no real progress
    }
    loss = next;
  }
  return finishResult("fasterpam", dist, state, { iterations: Math.ceil(examined / n), swaps, rowScans, initialMedoids: start, initialLoss });
}
