/**
 * Rotated second-order cones Σ x_k² ≤ y·z on a solver without cones: the gap report, outer-approximation tangent
 * cuts, and the Ben-Tal–Nemirovski polyhedral approximation.
 *
 * Both approximations use the standard-cone form of the rotated cone:
 *   Σ x_k² ≤ y·z, y, z ≥ 0   ⇔   ‖(2x_1, …, 2x_k, y − z)‖₂ ≤ y + z.
 */
import { ArgumentError } from "../util/errors";
import { LinExpr } from "./expr";
import type { Model, RotatedCone } from "./model";

/** Largest cone gaps at a point. `gap = y·z − Σ x²` (≥ 0 inside the cone, = 0 on its surface). */
export interface ConeGapReport {
  /** max |y·z − Σx²| over all cones (0 when there are none). */
  maxAbsGap: number;
  /** max (y·z − Σx²): how far the relaxation is from tight (slack). */
  maxSlack: number;
  /** max (Σx² − y·z): how far the point lies outside the cone (approximation error). */
  maxViolation: number;
  /** Index (in model.cones) of the cone with the largest |gap|, or -1. */
  argMax: number;
  /** Number of cones. */
  cones: number;
}

/** y·z − Σ x² of one cone at `x`. */
export function coneGap(cone: RotatedCone, x: ArrayLike<number>): number {
  let s = 0;
  for (const c of cone.x) s += x[c] * x[c];
  return x[cone.y] * x[cone.z] - s;
}

/** The cone gaps of every cone of `cones` at the primal point `x`. */
export function coneGapReport(cones: readonly RotatedCone[], x: ArrayLike<number>): ConeGapReport {
  let maxAbsGap = 0;
  let maxSlack = cones.length ? -Infinity : 0;
  let maxViolation = cones.length ? -Infinity : 0;
  let argMax = -1;
  cones.forEach((cone, i) => {
    const g = coneGap(cone, x);
    if (Math.abs(g) > maxAbsGap || argMax < 0) {
      maxAbsGap = Math.max(maxAbsGap, Math.abs(g));
      argMax = i;
    }
    if (g > maxSlack) maxSlack = g;
    if (-g > maxViolation) maxViolation = -g;
  });
  return { maxAbsGap, maxSlack, maxViolation, argMax, cones: cones.length };
}

/**
 * Coefficients of a supporting hyperplane of the cone, as multipliers of (x_1 … x_k, y, z):
 * Σ a_k x_k + a_y y + a_z z ≤ 0 holds for every point of the cone.
 *
 * The plane touches the cone at the point obtained from `x` by lifting z (or y when y ≈ 0) onto the cone surface,
 * which gives a cut that is tight near the current point and cuts it off whenever it violates the cone.
 */
export function tangentCoefficients(cone: RotatedCone, x: ArrayLike<number>): { ax: number[]; ay: number; az: number } {
  const xs = cone.x.map((c) => x[c]);
  const sq = xs.reduce((s, v) => s + v * v, 0);
  let y = Math.max(x[cone.y], 0);
  let z = Math.max(x[cone.z], 0);
  const TINY = 1e-12;
  if (y > TINY) z = Math.max(z, sq / y);
  else if (z > TINY) y = Math.max(y, sq / z);
  // w = (2x, y − z); u = w/‖w‖; cut: u·w(x) − (y + z) ≤ 0.
  const w = [...xs.map((v) => 2 * v), y - z];
  let norm = Math.hypot(...w);
  if (norm < TINY) {
    // At the apex every direction supports the cone; use the one that bounds z − y from below.
    w.fill(0);
    w[w.length - 1] = -1;
    norm = 1;
  }
  const u = w.map((v) => v / norm);
  const um = u[u.length - 1];
  return { ax: u.slice(0, -1).map((v) => 2 * v), ay: um - 1, az: -um - 1 };
}

/** The tangent cut of {@link tangentCoefficients} as a sparse row `expr ≤ 0`. */
export function tangentCut(cone: RotatedCone, x: ArrayLike<number>): { cols: number[]; coefs: number[]; lb: number; ub: number } {
  const { ax, ay, az } = tangentCoefficients(cone, x);
  return { cols: [...cone.x, cone.y, cone.z], coefs: [...ax, ay, az], lb: -Infinity, ub: 0 };
}

/** Relative accuracy ε(ν) = 1/cos(π/2^(ν+1)) − 1 of a ν-level Ben-Tal–Nemirovski approximation of a 2-D cone. */
export function btnAccuracy(levels: number): number {
  return 1 / Math.cos(Math.PI / 2 ** (levels + 1)) - 1;
}

/** The smallest ν whose 2-D accuracy ε(ν) is at most `eps`. */
export function btnLevelsFor(eps: number): number {
  if (!(eps > 0)) throw new ArgumentError("btnLevelsFor", `eps must be positive, got ${eps}`);
  let nu = 1;
  while (btnAccuracy(nu) > eps && nu < 40) nu++;
  return nu;
}

/**
 * Adds to `model` the ν-level Ben-Tal–Nemirovski system that implies ‖(a, b)‖ ≤ (1 + ε(ν))·t (and is implied by
 * ‖(a, b)‖ ≤ t): the outer polyhedral approximation of a 2-D second-order cone, for linear expressions a, b, t.
 * Returns the column of the approximated radius ξ_ν (≤ t, ≥ ‖(a, b)‖·cos(π/2^(ν+1))).
 */
export function addBtn2d(model: Model, family: string, index: number, a: LinExpr, b: LinExpr, t: LinExpr, levels: number): number {
  const v = model.addVars(`${family}#${index}`, { k: ["xi", "eta"], level: Array.from({ length: levels + 1 }, (_, j) => j) }, { lb: -Infinity });
  const xi = (j: number) => v.col("xi", j);
  const eta = (j: number) => v.col("eta", j);
  const rows = `${family}.rows`;
  // ξ0 ≥ |a|, η0 ≥ |b|
  model.ge(rows, [index, "xi0+"], new LinExpr().add(xi(0)).addExpr(a, -1));
  model.ge(rows, [index, "xi0-"], new LinExpr().add(xi(0)).addExpr(a, 1));
  model.ge(rows, [index, "eta0+"], new LinExpr().add(eta(0)).addExpr(b, -1));
  model.ge(rows, [index, "eta0-"], new LinExpr().add(eta(0)).addExpr(b, 1));
  for (let j = 1; j <= levels; j++) {
    const th = Math.PI / 2 ** (j + 1);
    const c = Math.cos(th);
    const s = Math.sin(th);
    model.eq(rows, [index, `xi${j}`], new LinExpr().add(xi(j)).add(xi(j - 1), -c).add(eta(j - 1), -s));
    model.ge(rows, [index, `eta${j}+`], new LinExpr().add(eta(j)).add(xi(j - 1), s).add(eta(j - 1), -c));
    model.ge(rows, [index, `eta${j}-`], new LinExpr().add(eta(j)).add(xi(j - 1), -s).add(eta(j - 1), c));
  }
  model.le(rows, [index, "radius"], new LinExpr().add(xi(levels)).addExpr(t, -1));
  model.le(rows, [index, "angle"], new LinExpr().add(eta(levels)).add(xi(levels), -Math.tan(Math.PI / 2 ** (levels + 1))));
  return xi(levels);
}

/**
 * Replaces every cone of `model` (in place) by its Ben-Tal–Nemirovski approximation with ν levels per 2-D block:
 * ‖(2x_1 … 2x_k)‖ ≤ r by a chain of blocks, then ‖(r, y − z)‖ ≤ y + z. Returns the removed cones.
 * The approximation is outer: y·z may fall short of Σx² by a relative error of order k·ε(ν).
 */
export function applyBtn(model: Model, levels: number): RotatedCone[] {
  if (!Number.isInteger(levels) || levels < 1) throw new ArgumentError("applyBtn", `levels must be a positive integer, got ${levels}`);
  const cones = model.takeCones();
  let block = 0;
  cones.forEach((cone) => {
    const fam = `btn:${cone.family}`;
    let acc = new LinExpr().add(cone.x[0], 2);
    for (let k = 1; k < cone.x.length; k++) {
      const r = model.addVar(`${fam}:r#${block}`, { lb: 0 });
      const rowsBefore = new LinExpr().add(r);
      addBtn2d(model, fam, block++, acc, new LinExpr().add(cone.x[k], 2), rowsBefore, levels);
      acc = new LinExpr().add(r);
    }
    addBtn2d(model, fam, block++, acc, new LinExpr().add(cone.y).add(cone.z, -1), new LinExpr().add(cone.y).add(cone.z), levels);
  });
  return cones;
}
