/**
 * Correlated hourly residuals of the synthetic year: the 24 × 24 covariance of a real year's hourly residuals, and
 * draws of one day's 24 residuals with that covariance (x = L·z, L the Cholesky factor, z standard normal).
 *
 * Real residuals are smooth within a day (hour-to-hour correlation 0.8–0.95 in the French data): drawing each hour
 * independently with the right standard deviation makes the synthetic days several times rougher than real ones.
 */
import { ArgumentError } from "../util/errors";
import { randomNormal, type Rng } from "../util/random";

/**
 * Population covariance of residual rows (one row of 24 values per day). A NaN entry (an hour where the residual is
 * undefined, e.g. PV at night) counts as 0: that hour follows the shape exactly.
 * @throws ArgumentError when there are no rows or the rows differ in length.
 */
export function residualCovariance(rows: readonly (readonly number[])[]): number[][] {
  const where = "residualCovariance";
  if (rows.length === 0) throw new ArgumentError(where, "no residual rows");
  const h = rows[0].length;
  if (rows.some((r) => r.length !== h)) throw new ArgumentError(where, `every row must hold ${h} values`);
  const x = rows.map((r) => r.map((v) => (Number.isNaN(v) ? 0 : v)));
  const mean = Array.from({ length: h }, (_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
  const cov = Array.from({ length: h }, () => new Array<number>(h).fill(0));
  for (const r of x) {
    for (let i = 0; i < h; i++) {
      const di = r[i] - mean[i];
      for (let j = 0; j <= i; j++) cov[i][j] += di * (r[j] - mean[j]);
    }
  }
  for (let i = 0; i < h; i++) {
    for (let j = 0; j <= i; j++) {
      cov[i][j] /= x.length;
      cov[j][i] = cov[i][j];
    }
  }
  return cov;
}

/**
 * Lower-triangular L with L·Lᵀ = C for a symmetric positive semi-definite C. A pivot below 1e-10 of the largest
 * diagonal entry (a direction with no variance, or round-off of a rounded covariance) gives a zero column.
 * @throws ArgumentError when C is not square or clearly not positive semi-definite.
 */
export function choleskyLower(c: readonly (readonly number[])[]): number[][] {
  const where = "choleskyLower";
  const n = c.length;
  if (c.some((r) => r.length !== n)) throw new ArgumentError(where, `the matrix must be square (${n} rows)`);
  const scale = Math.max(0, ...c.map((r, i) => r[i]));
  const tol = 1e-10 * scale;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let pivot = c[j][j];
    for (let p = 0; p < j; p++) pivot -= l[j][p] ** 2;
    if (pivot < -1e-6 * scale) throw new ArgumentError(where, `not positive semi-definite: pivot ${pivot} at row ${j}`);
    if (pivot <= tol) continue; // zero column
    const d = Math.sqrt(pivot);
    l[j][j] = d;
    for (let i = j + 1; i < n; i++) {
      let s = c[i][j];
      for (let p = 0; p < j; p++) s -= l[i][p] * l[j][p];
      l[i][j] = s / d;
    }
  }
  return l;
}

/** One draw x = L·z with z standard normal (as many draws from `rng` as L has rows). */
export function correlatedNormals(rng: Rng, l: readonly (readonly number[])[]): number[] {
  const z = l.map(() => randomNormal(rng));
  return l.map((row) => {
    let s = 0;
    for (let p = 0; p < row.length; p++) s += row[p] * z[p];
    return s;
  });
}
