/**
 * The bookkeeping shared by PAM and FasterPAM: for every object its nearest and second-nearest medoid and the
 * distances to them (Kaufman & Rousseeuw's D_j and E_j), kept up to date by each swap in O(n) plus O(k) for the
 * objects whose second-nearest medoid must be searched again.
 */
import type { DistanceMatrix } from "./distance";

/** Nearest / second-nearest medoid of each object; medoids are referred to by their slot 0..k−1. */
export interface MedoidState {
  /** Object index of the medoid in each slot. */
  medoids: number[];
  /** Slot of the nearest medoid of each object. */
  near: Int32Array;
  /** Distance to it (D_j). */
  dNear: Float64Array;
  /** Slot of the second-nearest medoid (−1 when k = 1). */
  second: Int32Array;
  /** Distance to it (E_j; +∞ when k = 1). */
  dSecond: Float64Array;
}

/** A fresh state for the given medoids, and its loss (sum of D_j). Ties go to the lower slot. */
export function assignToMedoids(dist: DistanceMatrix, medoids: readonly number[]): { state: MedoidState; loss: number } {
  const { n, data } = dist;
  const k = medoids.length;
  const near = new Int32Array(n);
  const dNear = new Float64Array(n);
  const second = new Int32Array(n).fill(-1);
  const dSecond = new Float64Array(n).fill(Infinity);
  let loss = 0;
  for (let o = 0; o < n; o++) {
    let b1 = -1;
    let d1 = Infinity;
    let b2 = -1;
    let d2 = Infinity;
    for (let m = 0; m < k; m++) {
      const d = medoids[m] === o ? 0 : data[medoids[m] * n + o];
      if (d < d1 || (medoids[m] === o && b1 >= 0 && medoids[b1] !== o)) {
        b2 = b1;
        d2 = d1;
        b1 = m;
        d1 = d;
      } else if (d < d2) {
        b2 = m;
        d2 = d;
      }
    }
    near[o] = b1;
    dNear[o] = d1;
    second[o] = b2;
    dSecond[o] = d2;
    loss += d1;
  }
  return { state: { medoids: medoids.slice(), near, dNear, second, dSecond }, loss };
}

/**
 * Searches object o's second-nearest medoid again after a swap put object j (at distance dSlot from o) into `slot`:
 * the nearest medoid among all slots but o's nearest. Writes `second[o]` and `dSecond[o]` (−1 and +∞ when k = 1).
 */
function searchSecond(dist: DistanceMatrix, state: MedoidState, o: number, slot: number, dSlot: number): void {
  const { n, data } = dist;
  const { medoids, near } = state;
  let best = -1;
  let bestD = Infinity;
  for (let m = 0; m < medoids.length; m++) {
    if (m === near[o]) continue;
    const d = m === slot ? dSlot : data[medoids[m] * n + o];
    if (d < bestD) {
      bestD = d;
      best = m;
    }
  }
  state.second[o] = best;
  state.dSecond[o] = bestD;
}

/**
 * Replaces the medoid in `slot` by object `j` and updates the state. Returns the new loss.
 * Cases per object o (d = d(o, j)): its nearest medoid removed → j if closer than the second, else the second moves
 * up and the second is searched again; otherwise j may become its nearest or second; if its second was removed and
 * j is not closer, the second is searched again.
 */
export function swapMedoid(dist: DistanceMatrix, state: MedoidState, slot: number, j: number): number {
  const { n, data } = dist;
  const { medoids, near, dNear, second, dSecond } = state;
  medoids[slot] = j;
  let loss = 0;
  const rowJ = j * n;
  for (let o = 0; o < n; o++) {
    if (o === j) {
      if (near[o] !== slot) {
        second[o] = near[o];
        dSecond[o] = dNear[o];
      }
      near[o] = slot;
      dNear[o] = 0;
      continue;
    }
    const d = data[rowJ + o];
    if (near[o] === slot) {
      if (d < dSecond[o]) dNear[o] = d;
      else {
        near[o] = second[o];
        dNear[o] = dSecond[o];
        searchSecond(dist, state, o, slot, d);
      }
    } else if (d < dNear[o]) {
      second[o] = near[o];
      dSecond[o] = dNear[o];
      near[o] = slot;
      dNear[o] = d;
    } else if (d < dSecond[o]) {
      second[o] = slot;
      dSecond[o] = d;
    } else if (second[o] === slot) {
      searchSecond(dist, state, o, slot, d);
    }
    loss += dNear[o];
  }
  return loss;
}

/** The greedy starts' update (BUILD, LAB): lowers each object's distance to its nearest chosen medoid by medoid m. */
export function lowerNearest(dist: DistanceMatrix, dNear: Float64Array, m: number): void {
  const { n, data } = dist;
  const row = m * n;
  for (let o = 0; o < n; o++) {
    const d = data[row + o];
    if (d < dNear[o]) dNear[o] = d;
  }
}

/** Sum of distances of every object to its nearest medoid, computed from scratch. */
export function totalDeviation(dist: DistanceMatrix, medoids: readonly number[]): number {
  const { n, data } = dist;
  let loss = 0;
  for (let o = 0; o < n; o++) {
    let best = Infinity;
    for (const m of medoids) {
      const d = m === o ? 0 : data[m * n + o];
      if (d < best) best = d;
    }
    loss += best;
  }
  return loss;
}
