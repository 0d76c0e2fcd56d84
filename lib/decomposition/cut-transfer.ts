/**
 * Benders cuts moved between days whose subproblem LPs differ in bounds only: the same matrix and costs, other loads,
 * PV, EV envelopes or uncontrolled charging (a typical day under another controllable share, one day of the year and
 * another). Such a move turns one plan's cuts into valid starting cuts of another plan.
 *
 * A cut θ_d ≥ α + g·x comes from the LP of day d at x̂ with row duals y and reduced costs z = c − Aᵀy. For any y, weak
 * duality bounds an LP with the same A and c and any bounds — rows [L, U], columns [l, u] — from below:
 *   LP(x) ≥ c₀ + Σ_r y_r·(L_r if y_r > 0 else U_r) + Σ_j z_j·(l_j if z_j > 0 else u_j)
 * (exactly the LP's value at x̂ for day d itself, by strong duality). The copy columns, fixed at x, contribute z·x: the
 * cut's gradient g, whatever the day. The cut rows day d's LP held (cone tangents, seeds, safe-voltage rows) are valid
 * for every day and have the same bounds in all, so their terms do not move either. Only the model's own rows and
 * columns whose bounds differ move the constant:
 *   α' = α + T(d') − T(d),   T = c₀ + Σ_{model rows} y_r·bound_r + Σ_{columns but the copies} z_j·bound_j,
 * each bound taken on its dual's side. The moved cut bounds the LP of day d' with day d's cut rows, which relaxes
 * day d''s SOC model, so θ_d' ≥ α' + g·x holds for every x. A bound that is infinite on its dual's side voids the
 * move (the cut is dropped). Days whose matrices or costs differ (another tariff, another network) are refused.
 */
import type { Model } from "../model/model";
import type { PlanningInputs, ScenarioDay } from "../model/planning/inputs";
import { planningNetwork } from "../model/planning/inputs";
import { buildSubproblem, type Subproblem } from "../model/planning/subproblem";
import { ArgumentError } from "../util/errors";
import type { BendersCut } from "./master";

/** The duals a cut came from: the subproblem model's own rows (not its cut rows) and every column. */
export interface CutCertificate {
  rowDual: Float64Array;
  colDual: Float64Array;
}

/** The model's linear costs as one vector. */
function costs(m: Model): Float64Array {
  const c = new Float64Array(m.numCols);
  for (let k = 0; k < m.objective.cols.length; k++) c[m.objective.cols[k]] += m.objective.coefs[k];
  return c;
}

const same = (a: ArrayLike<number | boolean>, b: ArrayLike<number | boolean>) => {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
};

/** Whether two models share columns, rows, matrix, integrality and linear costs (they may differ in bounds and c₀). */
export function sameLpStructure(a: Model, b: Model): boolean {
  return a.numCols === b.numCols && a.numRows === b.numRows && a.quadratic.length === 0 && b.quadratic.length === 0 && same(a.rowStart, b.rowStart) && same(a.rowCols, b.rowCols) && same(a.rowVals, b.rowVals) && same(a.colInt, b.colInt) && same(costs(a), costs(b));
}

/**
 * A fingerprint of what {@link sameLpStructure} compares, and of the cones' columns: two models with the same key
 * (FNV-1a over those arrays) may take each other's cut rows and bases. Cheap to send to a worker thread, unlike the
 * model.
 */
export function lpStructureKey(m: Model): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const bytes = (a: ArrayLike<number>) => {
    const f = Float64Array.from(a);
    const u = new Uint8Array(f.buffer);
    for (let k = 0; k < u.length; k++) {
      h1 = Math.imul(h1 ^ u[k], 0x01000193);
      h2 = Math.imul(h2 ^ u[k], 0x811c9dc5) ^ (h2 >>> 15);
    }
  };
  bytes([m.numCols, m.numRows, m.quadratic.length, m.cones.length]);
  bytes(m.rowStart);
  bytes(m.rowCols);
  bytes(m.rowVals);
  bytes(Array.from(m.colInt, (b) => (b ? 1 : 0)));
  bytes(costs(m));
  for (const c of m.cones) bytes([...c.x, c.y, c.z]);
  return `${m.numCols}x${m.numRows}:${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`;
}

/** y·bound on the dual's side; undefined when that bound is infinite (and the dual beyond solver noise). */
function sideTerm(dual: number, lb: number, ub: number): number | undefined {
  // A dual of the wrong sign for a one-sided row or column, within HiGHS's dual feasibility tolerance, is solver
  // noise (zero in exact arithmetic): it contributes nothing.
  if (dual > 0) return Number.isFinite(lb) ? dual * lb : dual <= DUAL_NOISE ? 0 : undefined;
  if (dual < 0) return Number.isFinite(ub) ? dual * ub : dual >= -DUAL_NOISE ? 0 : undefined;
  return 0;
}

/** The subproblems' dual feasibility tolerance at the default cone tolerance (cutLoopHighsOptions: max(coneTol, 1e-10)). */
const DUAL_NOISE = 1e-7;

/** T(day) of the module comment for a certificate on a subproblem; undefined when a needed bound is infinite. */
function boundTerm(sub: Subproblem, cert: CutCertificate, isCopy: Uint8Array): number | undefined {
  const m = sub.model;
  let t = m.objectiveConstant;
  for (let r = 0; r < m.numRows; r++) {
    const v = sideTerm(cert.rowDual[r], m.rowLb[r], m.rowUb[r]);
    if (v === undefined) return undefined;
    t += v;
  }
  for (let j = 0; j < m.numCols; j++) {
    if (isCopy[j]) continue;
    const v = sideTerm(cert.colDual[j], m.colLb[j], m.colUb[j]);
    if (v === undefined) return undefined;
    t += v;
  }
  return t;
}

/** Flags of the copy columns of a subproblem. */
function copyFlags(sub: Subproblem): Uint8Array {
  const f = new Uint8Array(sub.model.numCols);
  for (const b of sub.candidates) {
    f[sub.copy.eKwh.col(b)] = 1;
    f[sub.copy.pKw.col(b)] = 1;
  }
  return f;
}

/**
 * Moves one cut of day `from` onto day `to` (see the module comment), keyed `key`; undefined when a needed bound of
 * either day is infinite.
 * @throws ArgumentError when the cut has no certificate, the certificate does not fit `from`, or the days' LPs differ
 *   in more than bounds.
 */
export function transferCut(cut: BendersCut, from: Subproblem, to: Subproblem, key: string = cut.key): BendersCut | undefined {
  const cert = cut.certificate;
  if (!cert) throw new ArgumentError("transferCut", `the cut of ${cut.key} has no certificate (plan with BendersOptions.certificates)`, { field: "certificate" });
  if (cert.rowDual.length !== from.model.numRows || cert.colDual.length !== from.model.numCols) {
    throw new ArgumentError("transferCut", `the certificate of ${cut.key} (${cert.rowDual.length} rows, ${cert.colDual.length} columns) does not fit its day's model (${from.model.numRows} rows, ${from.model.numCols} columns)`, { field: "certificate" });
  }
  if (from !== to && !sameLpStructure(from.model, to.model)) throw new ArgumentError("transferCut", `days ${from.model.name} and ${to.model.name} differ in more than bounds (matrix or costs)`);
  return moveCut(cut, cert, from, to, copyFlags(from), key);
}

/** transferCut without its checks (done once per pair of days by transferCuts). */
function moveCut(cut: BendersCut, cert: CutCertificate, from: Subproblem, to: Subproblem, flags: Uint8Array, key: string): BendersCut | undefined {
  const tFrom = boundTerm(from, cert, flags);
  const tTo = boundTerm(to, cert, flags);
  if (tFrom === undefined || tTo === undefined) return undefined;
  return { key, constant: cut.constant + tTo - tFrom, eKwh: cut.eKwh.slice(), pKw: cut.pKw.slice(), certificate: cert };
}

/**
 * The cuts of a plan on the days of `from` (those with certificates) moved onto the days of `to`: each day of `to`
 * receives the cuts of the days `match` names (default: the day of `from` with the same id), keyed by its own id.
 * Returns no cuts when the two sets of days do not share one LP structure (e.g. a sweep over a tariff changes costs).
 */
export function transferCuts(cuts: readonly BendersCut[], from: PlanningInputs, to: PlanningInputs, match: (day: ScenarioDay) => readonly string[] = (d) => [d.id]): BendersCut[] {
  const withCert = cuts.filter((c) => c.certificate);
  if (withCert.length === 0) return [];
  const byKey = new Map<string, BendersCut[]>();
  for (const c of withCert) {
    const list = byKey.get(c.key);
    if (list) list.push(c);
    else byKey.set(c.key, [c]);
  }
  const fromNet = planningNetwork(from);
  const toNet = planningNetwork(to);
  const subs = new Map<string, Subproblem>();
  const fromSub = (id: string) => {
    let s = subs.get(id);
    if (!s) {
      const day = from.scenarios.find((q) => q.id === id);
      if (!day) throw new ArgumentError("transferCuts", `cuts name day ${id}, which is not a day of the plan they come from`);
      s = buildSubproblem(fromNet, from.case, day, { safeVoltage: "lazy" });
      subs.set(id, s);
    }
    return s;
  };
  const out: BendersCut[] = [];
  for (const day of to.scenarios) {
    const target = buildSubproblem(toNet, to.case, day, { safeVoltage: "lazy" });
    for (const id of match(day)) {
      const list = byKey.get(id);
      if (!list) continue;
      const source = fromSub(id);
      if (!sameLpStructure(source.model, target.model)) return [];
      const flags = copyFlags(source);
      for (const c of list) {
        const cert = c.certificate!;
        if (cert.rowDual.length !== source.model.numRows || cert.colDual.length !== source.model.numCols) throw new ArgumentError("transferCuts", `the certificate of a cut of ${id} does not fit its day's model`, { field: "certificate" });
        const moved = moveCut(c, cert, source, target, flags, day.id);
        if (moved) out.push(moved);
      }
    }
  }
  return out;
}

/**
 * The day of `among` most like `day`: of the same day type when there is one (EV fleets differ by day type), the
 * nearest by hourly load multiplier and total PV (per unit of the largest hourly PV of all the days), Euclidean.
 */
export function nearestDay(day: ScenarioDay, among: readonly ScenarioDay[]): ScenarioDay {
  if (among.length === 0) throw new ArgumentError("nearestDay", "no days to choose from");
  const pvOf = (d: ScenarioDay) => d.loadPu.map((_, t) => d.pv.reduce((a, p) => a + (p.availKw[t] ?? 0), 0));
  const pvMax = Math.max(1e-9, ...[day, ...among].flatMap(pvOf));
  const vec = (d: ScenarioDay) => [...d.loadPu, ...pvOf(d).map((v) => v / pvMax)];
  const v = vec(day);
  const sameType = among.filter((d) => d.dayType === day.dayType);
  let best = (sameType.length > 0 ? sameType : among)[0];
  let bestD = Infinity;
  for (const d of sameType.length > 0 ? sameType : among) {
    const dist = vec(d).reduce((a, u, k) => a + (u - v[k]) ** 2, 0);
    if (dist < bestD) {
      bestD = dist;
      best = d;
    }
  }
  return best;
}
