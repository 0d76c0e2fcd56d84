/**
 * Silhouette of a clustering (Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation of
 * cluster analysis", J. Comput. Appl. Math. 20 (1987) 53–65):
 *   a(i) = mean dissimilarity of i to the other members of its cluster,
 *   b(i) = smallest mean dissimilarity of i to the members of another cluster,
 *   s(i) = (b(i) − a(i)) / max(a(i), b(i)),  and s(i) = 0 when i is alone in its cluster.
 * The mean silhouette is the average of s(i) over all objects. O(n²).
 */
import { ArgumentError } from "../util/errors";
import type { DistanceMatrix } from "./distance";

/** Silhouette values. */
export interface Silhouette {
  /** Mean of s(i) over all objects (0 when there is a single cluster). */
  mean: number;
  /** s(i) per object. */
  values: number[];
  /** Mean s(i) per cluster (clusters numbered as in the assignment, 0..k−1). */
  perCluster: number[];
}

/**
 * Silhouette of an assignment.
 * @param dist dissimilarity matrix.
 * @param assignment cluster of each object, integers 0..k−1.
 * @throws ArgumentError when the assignment does not match the matrix.
 */
export function silhouette(dist: DistanceMatrix, assignment: readonly number[]): Silhouette {
  const { n, data } = dist;
  if (assignment.length !== n) throw new ArgumentError("silhouette", `assignment has ${assignment.length} entries, matrix ${n}`);
  let k = 0;
  for (const c of assignment) {
    if (!Number.isInteger(c) || c < 0) throw new ArgumentError("silhouette", `cluster labels must be non-negative integers, got ${c}`);
    if (c + 1 > k) k = c + 1;
  }
  const sizes = new Array<number>(k).fill(0);
  for (const c of assignment) sizes[c]++;
  const values = new Array<number>(n).fill(0);
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const own = assignment[i];
    if (sizes[own] <= 1) continue;
    sums.fill(0);
    const row = i * n;
    for (let j = 0; j < n; j++) if (j !== i) sums[assignment[j]] += data[row + j];
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0 && sums[c] / sizes[c] < b) b = sums[c] / sizes[c];
    if (b === Infinity) continue; // a single non-empty cluster
    const m = Math.max(a, b);
    values[i] = m > 0 ? (b - a) / m : 0;
  }
  const perCluster = new Array<number>(k).fill(0);
  values.forEach((v, i) => (perCluster[assignment[i]] += v));
  for (let c = 0; c < k; c++) perCluster[c] = sizes[c] > 0 ? perCluster[c] / sizes[c] : 0;
  return { mean: values.reduce((s, v) => s + v, 0) / n, values, perCluster };
}
