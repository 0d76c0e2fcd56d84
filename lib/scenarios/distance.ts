/**
 * Dissimilarity matrices for K-Medoids: computed from vectors with a chosen metric, or taken as given (validated).
 * Stored full and row-major in a Float64Array, so that a candidate's row is contiguous in the swap loops.
 */
import { ArgumentError, DataValidationError } from "../util/errors";

/**
 * A symmetric n × n dissimilarity matrix with a zero diagonal, row-major. The K-Medoids code relies on the symmetry:
 * it reads d(o, m) as `data[m * n + o]` when that walks along a medoid's row (contiguous in memory) rather than down a
 * column.
 */
export interface DistanceMatrix {
  readonly n: number;
  /** `data[i * n + j]` = d(i, j). */
  readonly data: Float64Array;
}

/** Built-in metrics, or any function of two vectors returning a non-negative number. */
export type Metric = "euclidean" | "sqeuclidean" | "manhattan" | "chebyshev" | ((a: readonly number[], b: readonly number[]) => number);

/** Options of {@link distanceMatrix}. */
export interface DistanceMatrixOptions {
  /** Default "euclidean". */
  metric?: Metric;
}

function metricFn(metric: Metric): (a: readonly number[], b: readonly number[]) => number {
  if (typeof metric === "function") return metric;
  switch (metric) {
    case "euclidean":
      return (a, b) => {
        let s = 0;
        for (let i = 0; i < a.length; i++) {
          const d = a[i] - b[i];
          s += d * d;
        }
        return Math.sqrt(s);
      };
    case "sqeuclidean":
      return (a, b) => {
        let s = 0;
        for (let i = 0; i < a.length; i++) {
          const d = a[i] - b[i];
          s += d * d;
        }
        return s;
      };
    case "manhattan":
      return (a, b) => {
        let s = 0;
        for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
        return s;
      };
    case "chebyshev":
      return (a, b) => {
        let s = 0;
        for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i] - b[i]));
        return s;
      };
    default:
      throw new ArgumentError("distanceMatrix", `unknown metric "${String(metric)}"`);
  }
}

/**
 * Pairwise dissimilarities of vectors.
 * @param vectors n vectors of equal length, finite entries.
 * @param options the metric (default Euclidean).
 * @throws DataValidationError for ragged or non-finite vectors or a metric value that is negative or not finite.
 */
export function distanceMatrix(vectors: readonly (readonly number[])[], options: DistanceMatrixOptions = {}): DistanceMatrix {
  const { metric = "euclidean" } = options;
  const where = "distanceMatrix";
  const n = vectors.length;
  if (n === 0) throw new DataValidationError(where, "no vectors");
  const dim = vectors[0].length;
  vectors.forEach((v, i) => {
    if (v.length !== dim) throw new DataValidationError(where, `vector has ${v.length} entries, expected ${dim}`, { row: i + 1 });
    for (const x of v) if (!Number.isFinite(x)) throw new DataValidationError(where, `non-finite entry ${x}`, { row: i + 1 });
  });
  const f = metricFn(metric);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = f(vectors[i], vectors[j]);
      if (!(d >= 0) || !Number.isFinite(d)) {
        throw new DataValidationError(where, `metric gave ${d} for rows ${i + 1} and ${j + 1}`, { row: i + 1 });
      }
      data[i * n + j] = d;
      data[j * n + i] = d;
    }
  }
  return { n, data };
}

/**
 * A dissimilarity matrix from rows (e.g. read from a file), validated: square, finite, non-negative, zero diagonal,
 * symmetric within `tolerance` (relative to the largest entry); stored symmetrised as (D + Dᵀ)/2.
 * @throws DataValidationError naming the first offending row.
 */
export function distanceMatrixFromRows(rows: readonly (readonly number[])[], tolerance = 1e-9): DistanceMatrix {
  const where = "distanceMatrixFromRows";
  const n = rows.length;
  if (n === 0) throw new DataValidationError(where, "empty matrix");
  let max = 0;
  rows.forEach((r, i) => {
    if (r.length !== n) throw new DataValidationError(where, `row has ${r.length} entries, expected ${n}`, { row: i + 1 });
    for (const x of r) {
      if (!Number.isFinite(x) || x < 0) throw new DataValidationError(where, `entry ${x} is not a finite non-negative number`, { row: i + 1 });
      if (x > max) max = x;
    }
  });
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    if (rows[i][i] !== 0) throw new DataValidationError(where, `diagonal entry is ${rows[i][i]}, expected 0`, { row: i + 1 });
    for (let j = 0; j < n; j++) {
      if (Math.abs(rows[i][j] - rows[j][i]) > tolerance * Math.max(1, max)) {
        throw new DataValidationError(where, `not symmetric: d(${i + 1},${j + 1}) = ${rows[i][j]} but d(${j + 1},${i + 1}) = ${rows[j][i]}`, { row: i + 1 });
      }
      data[i * n + j] = (rows[i][j] + rows[j][i]) / 2;
    }
  }
  return { n, data };
}

/** The dissimilarities among the objects `indices` (in that order). */
export function subMatrix(dist: DistanceMatrix, indices: readonly number[]): DistanceMatrix {
  const m = indices.length;
  const data = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const row = indices[a] * dist.n;
    for (let b = 0; b < m; b++) data[a * m + b] = dist.data[row + indices[b]];
  }
  return { n: m, data };
}
