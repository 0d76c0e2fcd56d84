/**
 * Cheap starting medoids for FasterPAM (PAM's own start, BUILD, lives in pam.ts):
 * - LAB, a sampled BUILD (Schubert & Rousseeuw);
 * - k-medoids++, the k-means++ seeding of Arthur & Vassilvitskii (2007) on a dissimilarity matrix, as
 *   scikit-learn-extra's `init="k-medoids++"`: the first medoid uniform, each next one drawn with probability
 *   proportional to D_o², D_o being o's dissimilarity to its nearest medoid chosen so far.
 * Both cost O(k·n) dissimilarity look-ups and draw from an injected, seeded random source.
 */
import type { Rng } from "../util/random";
import { randomInt, sampleWithoutReplacement } from "../util/random";
import type { DistanceMatrix } from "./distance";
import { checkK } from "./kmedoids-result";
import { lowerNearest } from "./medoid-state";

/**
 * LAB, Linear Approximative BUILD (Schubert & Rousseeuw, SISAP 2019, and the 2021 journal version): BUILD's greedy
 * choice, but each of the k steps only looks at a fresh random sample of 10 + ⌈√n⌉ non-medoids and measures the
 * gain Σ_{o∈S} max(D_o − d(o, x), 0) on that sample alone — O(k·n) instead of BUILD's O(k·n²).
 */
export function labInit(dist: DistanceMatrix, k: number, rng: Rng): number[] {
  checkK(dist, k, "labInit");
  const { n, data } = dist;
  const size = Math.min(n, 10 + Math.ceil(Math.sqrt(n)));
  const isMedoid = new Uint8Array(n);
  const dNear = new Float64Array(n).fill(Infinity);
  const medoids: number[] = [];
  const pool = Array.from({ length: n }, (_, i) => i);
  while (medoids.length < k) {
    const free = pool.filter((i) => !isMedoid[i]);
    const sample = sampleWithoutReplacement(rng, free, Math.min(size, free.length));
    let best = sample[0];
    let bestGain = -Infinity;
    for (const x of sample) {
      let gain = 0;
      const row = x * n;
      for (const o of sample) {
        const g = dNear[o] === Infinity ? -data[row + o] : dNear[o] - data[row + o];
        if (dNear[o] === Infinity || g > 0) gain += g; // first medoid: minimise the sample's total distance
      }
      if (gain > bestGain) {
        bestGain = gain;
        best = x;
      }
    }
    medoids.push(best);
    isMedoid[best] = 1;
    lowerNearest(dist, dNear, best);
  }
  return medoids;
}

/**
 * k-medoids++ seeding: k distinct medoids, the first uniform, each next one drawn with probability D_o² / Σ D².
 * When every remaining object coincides with a chosen medoid (Σ D² = 0) the next one is drawn uniformly from the
 * objects not chosen yet, so k distinct medoids come back for any 1 ≤ k ≤ n.
 * @throws ArgumentError for a bad k.
 */
export function kMedoidsPlusPlus(dist: DistanceMatrix, k: number, rng: Rng): number[] {
  checkK(dist, k, "kMedoidsPlusPlus");
  const { n, data } = dist;
  const chosen = new Uint8Array(n);
  const dNear = new Float64Array(n).fill(Infinity);
  const medoids: number[] = [];
  let next = randomInt(rng, n);
  for (;;) {
    medoids.push(next);
    chosen[next] = 1;
    if (medoids.length === k) return medoids;
    let total = 0;
    const row = next * n;
    for (let o = 0; o < n; o++) {
      const d = chosen[o] ? 0 : data[row + o];
      if (d < dNear[o]) dNear[o] = d;
      if (!chosen[o]) total += dNear[o] * dNear[o];
    }
    next = -1;
    if (total > 0) {
      // Inverse-CDF draw; the last object with positive weight absorbs round-off at the top end.
      let u = rng.next() * total;
      for (let o = 0; o < n; o++) {
        if (chosen[o] || dNear[o] === 0) continue;
        next = o;
        u -= dNear[o] * dNear[o];
        if (u < 0) break;
      }
    }
    if (next < 0) {
      const free: number[] = [];
      for (let o = 0; o < n; o++) if (!chosen[o]) free.push(o);
      next = sampleWithoutReplacement(rng, free, 1)[0];
    }
  }
}
