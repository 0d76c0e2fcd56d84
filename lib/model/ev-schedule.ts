/**
 * Individual EV scheduling as a constraint block: one power variable per EV and slot (kW, 0 … p̄_i,t) and one energy
 * row per EV (eMin_i ≤ Σ_t p_i,t Δt ≤ eMax_i, kWh). The exact reference every aggregate is measured against.
 */
import { commonGrid, type EvFlex } from "../ev/flex";
import type { ResolvedGrid, TimeGrid } from "../ev/grid";
import { ArgumentError } from "../util/errors";
import type { BusInjections } from "./distflow";
import { LinExpr } from "./expr";
import type { VarFamily } from "./families";
import type { Model } from "./model";

/** Options of {@link addEvSchedules}. */
export interface EvScheduleOptions {
  /** Grid when `evs` is empty. */
  grid?: TimeGrid;
  /** Register Σ_i p_i as a load at a bus (as `addEvStation` does): injections, bus, model hours, kVA base. */
  injections?: { inj: BusInjections; bus: number; hours: number[]; baseKva: number };
}

/** The variables of {@link addEvSchedules}. */
export interface EvScheduleVars {
  name: string;
  grid: ResolvedGrid;
  evs: EvFlex[];
  /** p_i,t in kW, keyed by EV position (0-based) and slot. */
  pKw: VarFamily;
  /** Σ_i p_i,t per slot (kW) as expressions. */
  totalKw: LinExpr[];
}

/**
 * Adds every EV's schedule to a model.
 * @throws ArgumentError for EVs on different grids or a bad injection spec.
 */
export function addEvSchedules(m: Model, name: string, evs: readonly EvFlex[], options: EvScheduleOptions = {}): EvScheduleVars {
  const where = `addEvSchedules(${name})`;
  const grid = commonGrid(evs, where, options.grid ?? { slots: 24, dtH: 1 });
  const T = grid.slots;
  const slots = Array.from({ length: T }, (_, t) => t);
  const pKw = m.addVars(`${name}.pKw`, { ev: evs.map((_, i) => i), slot: slots }, { lb: 0, ub: (i, t) => evs[i as number].pMaxKw[t as number] });
  evs.forEach((ev, i) => {
    const e = new LinExpr();
    for (const t of slots) if (ev.pMaxKw[t] > 0) e.add(pKw.col(i, t), grid.dtH);
    m.addRow(`${name}.energy`, [i], e, ev.eMinKwh, ev.eMaxKwh);
  });
  const totalKw = slots.map((t) => {
    const e = new LinExpr();
    evs.forEach((_, i) => e.add(pKw.col(i, t), 1));
    return e;
  });
  const spec = options.injections;
  if (spec) {
    const k = T / spec.hours.length;
    if (!Number.isInteger(k) || !(spec.baseKva > 0) || !Number.isInteger(spec.bus) || spec.bus < 1) {
      throw new ArgumentError(where, `injections need a 1-based bus, baseKva > 0 and ${T} slots splitting evenly into ${spec.hours.length} hours`);
    }
    spec.hours.forEach((hour, h) => {
      for (let j = 0; j < k; j++) evs.forEach((_, i) => spec.inj.addP(spec.bus, hour, pKw.col(i, h * k + j), -1 / (k * spec.baseKva)));
    });
  }
  return { name, grid, evs: evs.slice(), pKw, totalKw };
}
