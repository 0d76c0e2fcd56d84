/**
 * Least-laxity-first disaggregation: a fast heuristic that splits an aggregate trajectory into individual schedules
 * slot by slot, always keeping every EV able to finish.
 *
 * In slot t (horizon order): every EV first takes what it must take now to still reach eMin by the end
 * (max(0, eMin_i − delivered_i − Σ_{s>t} c_i,s)); the rest of P_t Δt goes to EVs in order of least laxity
 * (laxity = (Σ_{s≥t} c_i,s − (eMax_i − delivered_i)) / p̄_i, hours of slack), each up to its slot cap and energy.
 * The schedules are always individually feasible; they track P exactly only when the greedy choice happens to work
 * (no guarantee: use the QP or the flow disaggregation when exactness matters).
 */
import { ArgumentError } from "../util/errors";
import { commonGrid, type EvFlex, slotCapKwh } from "./flex";

/** Schedules of {@link llfDisaggregate}. */
export interface LlfResult {
  /** Per EV (fleet order), kW per slot. */
  pKw: number[][];
  /** Σ_i p_i,t − P_t per slot, kW. */
  residualKw: number[];
}

/**
 * Least-laxity-first disaggregation of `pKw` (kW per slot).
 * @throws ArgumentError for an empty fleet, EVs on different grids or a trajectory of the wrong length.
 */
export function llfDisaggregate(evs: readonly EvFlex[], pKw: ArrayLike<number>): LlfResult {
  const where = "llfDisaggregate";
  const g = commonGrid(evs, where);
  const T = g.slots;
  if (pKw.length !== T) throw new ArgumentError(where, `trajectory has ${pKw.length} values for ${T} slots`);
  const N = evs.length;
  const dtH = g.dtH;
  // after[i][t] = Σ_{s ≥ t} c_i,s
  const after = evs.map((ev) => {
    const a = new Array<number>(T + 1).fill(0);
    for (let t = T - 1; t >= 0; t--) a[t] = a[t + 1] + slotCapKwh(ev, t);
    return a;
  });
  const delivered = new Array<number>(N).fill(0);
  const out = evs.map(() => new Array<number>(T).fill(0));
  const residualKw = new Array<number>(T).fill(0);
  const idx = evs.map((_, i) => i);
  for (let t = 0; t < T; t++) {
    const give = new Array<number>(N).fill(0);
    let placed = 0;
    for (let i = 0; i < N; i++) {
      const forced = Math.min(slotCapKwh(evs[i], t), Math.max(0, evs[i].eMinKwh - delivered[i] - after[i][t + 1]));
      give[i] = forced;
      placed += forced;
    }
    let target = Math.max(0, pKw[t] * dtH) - placed;
    if (target > 0) {
      const lax = idx.map((i) => (after[i][t] - (evs[i].eMaxKwh - delivered[i])) / Math.max(evs[i].chargerKw, 1e-9));
      const cands = idx.filter((i) => slotCapKwh(evs[i], t) > give[i]).sort((a, b) => lax[a] - lax[b] || a - b);
      for (const i of cands) {
        if (target <= 0) break;
        const room = Math.min(slotCapKwh(evs[i], t) - give[i], evs[i].eMaxKwh - delivered[i] - give[i]);
        if (room <= 0) continue;
        const e = Math.min(room, target);
        give[i] += e;
        target -= e;
      }
    }
    let sum = 0;
    for (let i = 0; i < N; i++) {
      delivered[i] += give[i];
      out[i][t] = give[i] / dtH;
      sum += out[i][t];
    }
    residualKw[t] = sum - pKw[t];
  }
  return { pKw: out, residualKw };
}
