/**
 * The study's aggregate station model (Minkowski-sum approximation): per slot, the sum of the individual power
 * bounds, and the sums of the individual cumulative-energy envelopes.
 *
 *   0 ≤ P_t ≤ Σ_i p̄_i,t                                    (power)
 *   Σ_i latest_i(k) ≤ Σ_{t<k} P_t Δt ≤ Σ_i earliest_i(k)      k = 1 … T (cumulative energy)
 *
 * (k = T gives Σ eMin ≤ Σ_t P_t Δt ≤ Σ eMax.) Every sum of feasible individual schedules satisfies these rows, so
 * the set is an OUTER approximation of the exact Minkowski sum; it is exact for one EV but not in general: it has
 * no limit on the energy the fleet can take within a set of slots that is not a prefix or a suffix of the horizon
 * (see exact.ts and README.md).
 */
import { ArgumentError } from "../util/errors";
import { energyEnvelope } from "./envelope";
import { commonGrid, type EvFlex } from "./flex";
import type { ResolvedGrid, TimeGrid } from "./grid";

/** The aggregate envelope of a fleet. */
export interface AggregateEnvelope {
  grid: ResolvedGrid;
  /** Number of EVs summed. */
  count: number;
  /** Σ_i p̄_i,t per slot, kW. */
  pMaxKw: number[];
  /** Σ_i earliest_i(k), Σ_i latest_i(k), k = 0 … T, kWh. */
  eUpperKwh: number[];
  eLowerKwh: number[];
  /** Σ eMin, Σ eMax (kWh). */
  eMinKwh: number;
  eMaxKwh: number;
}

/**
 * The study's aggregate envelope of a fleet.
 * @param evs EVs on one grid.
 * @param grid the grid when `evs` is empty.
 * @throws ArgumentError when the EVs are on different grids.
 */
export function aggregateEnvelope(evs: readonly EvFlex[], grid?: TimeGrid): AggregateEnvelope {
  const g = commonGrid(evs, "aggregateEnvelope", grid);
  const T = g.slots;
  const pMaxKw = new Array<number>(T).fill(0);
  const eUpperKwh = new Array<number>(T + 1).fill(0);
  const eLowerKwh = new Array<number>(T + 1).fill(0);
  let eMinKwh = 0;
  let eMaxKwh = 0;
  for (const ev of evs) {
    const env = energyEnvelope(ev);
    for (let t = 0; t < T; t++) pMaxKw[t] += ev.pMaxKw[t];
    for (let k = 0; k <= T; k++) {
      eUpperKwh[k] += env.earliestKwh[k];
      eLowerKwh[k] += env.latestKwh[k];
    }
    eMinKwh += ev.eMinKwh;
    eMaxKwh += ev.eMaxKwh;
  }
  return { grid: g, count: evs.length, pMaxKw, eUpperKwh, eLowerKwh, eMinKwh, eMaxKwh };
}

/** How far a trajectory lies outside an aggregate envelope (0 when inside). */
export interface EnvelopeViolation {
  /** Largest violation of a power bound (kW) and of a cumulative-energy bound (kWh). */
  powerKw: number;
  energyKwh: number;
}

/**
 * The largest violation of the envelope's rows by an aggregate trajectory `pKw` (kW per slot).
 * @throws ArgumentError when the trajectory's length is not the number of slots.
 */
export function envelopeViolation(env: AggregateEnvelope, pKw: ArrayLike<number>): EnvelopeViolation {
  const T = env.grid.slots;
  if (pKw.length !== T) throw new ArgumentError("envelopeViolation", `trajectory has ${pKw.length} values for ${T} slots`);
  let powerKw = 0;
  let energyKwh = 0;
  let cum = 0;
  for (let t = 0; t < T; t++) {
    powerKw = Math.max(powerKw, -pKw[t], pKw[t] - env.pMaxKw[t]);
    cum += pKw[t] * env.grid.dtH;
    energyKwh = Math.max(energyKwh, cum - env.eUpperKwh[t + 1], env.eLowerKwh[t + 1] - cum);
  }
  return { powerKw, energyKwh };
}
