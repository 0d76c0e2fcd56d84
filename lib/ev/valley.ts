/**
 * Valley filling with every EV scheduled individually, by exact block-coordinate descent (water-filling):
 *   min Σ_t (b_t + Σ_i p_i,t)² Δt   s.t. 0 ≤ p_i,t ≤ p̄_i,t, eMin_i ≤ Σ_t p_i,t Δt ≤ eMax_i.
 * Each step minimises over one EV exactly, the others fixed: p_i,t = clamp(λ − L_t, 0, p̄_i,t) with L the load
 * without EV i and the level λ set by the energy range (a piecewise-linear root found on the sorted breakpoints).
 * The objective is convex and strictly convex in each EV's block, so the sweeps converge to the global optimum
 * (Bertsekas, Nonlinear Programming, Prop. 2.7.1; the decentralised valley filling of Gan, Topcu & Low, IEEE TPWRS
 * 28(2), 2013). An independent algorithm from the aggregate models and from HiGHS's QP (which stalls on the
 * degenerate N·T QP of large fleets).
 */
import { ArgumentError } from "../util/errors";
import { commonGrid, type EvFlex } from "./flex";

/**
 * One EV's best response: argmin Σ_t (L_t + y_t)² s.t. 0 ≤ y ≤ u, eMin ≤ Σ y Δt ≤ eMax (kW per slot).
 * @param loadKw L_t, the load without this EV.
 */
export function waterFill(ev: EvFlex, loadKw: ArrayLike<number>): number[] {
  const T = ev.grid.slots;
  const dtH = ev.grid.dtH;
  const u = ev.pMaxKw;
  const energyAt = (lambda: number) => {
    let e = 0;
    for (let t = 0; t < T; t++) e += Math.min(u[t], Math.max(0, lambda - loadKw[t])) * dtH;
    return e;
  };
  const fill = (lambda: number) => Array.from({ length: T }, (_, t) => Math.min(u[t], Math.max(0, lambda - loadKw[t])));
  const e0 = energyAt(0);
  if (e0 >= ev.eMinKwh && e0 <= ev.eMaxKwh) return fill(0);
  const target = e0 < ev.eMinKwh ? ev.eMinKwh : ev.eMaxKwh;
  // energyAt is piecewise linear and non-decreasing in λ with breakpoints L_t and L_t + u_t.
  const bps = new Set<number>();
  for (let t = 0; t < T; t++) if (u[t] > 0) bps.add(loadKw[t]).add(loadKw[t] + u[t]);
  const sorted = [...bps].sort((a, b) => a - b);
  let lo = -Infinity;
  let eLo = 0;
  for (const b of sorted) {
    const eb = energyAt(b);
    if (eb >= target) {
      if (lo === -Infinity) return fill(b);
      // linear between lo and b
      const lambda = eb === eLo ? b : lo + ((target - eLo) * (b - lo)) / (eb - eLo);
      return fill(lambda);
    }
    lo = b;
    eLo = eb;
  }
  return fill(sorted.length ? sorted[sorted.length - 1] : 0);
}

/** Options of {@link valleyFillIndividually}. */
export interface ValleyFillOptions {
  /** Stop when no schedule moves by more than this in a sweep, kW. Default 1e-9 × max(1, mean EV power). */
  tolKw?: number;
  /** Sweep limit. Default 20 000. */
  maxSweeps?: number;
}

/** Result of {@link valleyFillIndividually}. */
export interface ValleyFillResult {
  /** p_i,t per EV (input order), kW. */
  pKw: number[][];
  /** Σ_i p_i,t, kW per slot. */
  totalKw: number[];
  sweeps: number;
  converged: boolean;
}

/**
 * Valley filling of a fleet, every EV scheduled individually (block-coordinate descent).
 * @param evs the EVs (one grid).
 * @param baseKw b_t, the load the fleet fills around (kW per slot).
 * @throws ArgumentError for a base of the wrong length or EVs on different grids.
 */
export function valleyFillIndividually(evs: readonly EvFlex[], baseKw: readonly number[], options: ValleyFillOptions = {}): ValleyFillResult {
  const where = "valleyFillIndividually";
  const g = commonGrid(evs, where, { slots: baseKw.length, dtH: 1 });
  const T = g.slots;
  if (baseKw.length !== T) throw new ArgumentError(where, `base has ${baseKw.length} values for ${T} slots`);
  const meanKw = evs.reduce((a, ev) => a + ev.eMaxKwh, 0) / (T * g.dtH) / Math.max(1, evs.length);
  const { tolKw = 1e-9 * Math.max(1, meanKw), maxSweeps = 20_000 } = options;
  const p = evs.map((ev) => new Array<number>(T).fill(0));
  const load = baseKw.slice();
  const others = new Float64Array(T);
  let sweeps = 0;
  let converged = false;
  while (sweeps < maxSweeps && !converged) {
    sweeps++;
    let moved = 0;
    evs.forEach((ev, i) => {
      for (let t = 0; t < T; t++) others[t] = load[t] - p[i][t];
      const y = waterFill(ev, others);
      for (let t = 0; t < T; t++) {
        moved = Math.max(moved, Math.abs(y[t] - p[i][t]));
        load[t] = others[t] + y[t];
      }
      p[i] = y;
    });
    converged = moved <= tolKw;
  }
  const totalKw = Array.from({ length: T }, (_, t) => p.reduce((a, x) => a + x[t], 0));
  return { pKw: p, totalKw, sweeps, converged };
}
