/**
 * The templates an operated day is built from (PowerModels' way: a problem is a short list of these). Each adds one
 * kind of device to a model — its columns, its rows, its bus injections — registers its own terms of the day's cost
 * (¥) with the day's {@link DayCosts}, and returns typed handles for reading the solution back. The day's build list
 * (operation.ts) runs them in order and ties them together with a network formulation (day-networks.ts).
 */
import { addEvStation, type EvStationVars } from "../ev-station";
import { BusInjections } from "../distflow";
import { LinExpr } from "../expr";
import type { VarFamily } from "../families";
import type { Model } from "../model";
import { addStorage, type StorageVars, storageLossExpr } from "../storage";
import type { Network } from "../../network/types";
import { ArgumentError } from "../../util/errors";
import { carbonFactorAt, type PlanningCase } from "./case";
import type { ScenarioDay } from "./inputs";

/** Named parts of the daily cost, in the order the day's total adds them. */
export const COST_PARTS = ["energy", "carbon", "curtailment", "losses", "unserved", "peak", "balance"] as const;

/** A named part of the daily cost. */
export type CostPart = (typeof COST_PARTS)[number];

/** The day's cost terms (¥), part by part, each part's terms in the order the templates register them. */
export class DayCosts {
  private readonly terms = new Map<CostPart, LinExpr[]>();

  /** Adds a term to a part of the day's cost. */
  add(part: CostPart, term: LinExpr): void {
    const list = this.terms.get(part);
    if (list) list.push(term);
    else this.terms.set(part, [term]);
  }

  /** Every part as one expression (its terms summed in the order registered; empty where none was). */
  parts(): Record<CostPart, LinExpr> {
    const out = {} as Record<CostPart, LinExpr>;
    for (const part of COST_PARTS) {
      const list = this.terms.get(part) ?? [];
      out[part] = list.length === 1 ? list[0] : list.reduce((e, t) => e.addExpr(t), new LinExpr());
    }
    return out;
  }
}

/** What every template of one day shares: the model, the feeder, the case, the day, its hours, injections and costs. */
export interface DayContext {
  m: Model;
  net: Network;
  c: PlanningCase;
  s: ScenarioDay;
  /** Prefix of every family name (e.g. "S3:"). */
  prefix: string;
  hours: number[];
  /** kVA per pu, and hours per step. */
  baseKva: number;
  dtH: number;
  /** The bus injections the templates register and the network balances. */
  inj: BusInjections;
  /** The cost terms the templates register. */
  costs: DayCosts;
  /** Whether loads may go unserved (a slack at its penalty); the copper-plate network serves every load. */
  shedSlack: boolean;
}

/** A day's context: 24 hourly steps, no injections and no costs yet. */
export function dayContext(m: Model, net: Network, c: PlanningCase, s: ScenarioDay, prefix: string, shedSlack = true): DayContext {
  return { m, net, c, s, prefix, hours: Array.from({ length: 24 }, (_, t) => t), baseKva: 1000 * net.baseMva, dtH: 1, inj: new BusInjections(), costs: new DayCosts(), shedSlack };
}

/** Columns of the first-stage quantities the day depends on. */
export interface CapacityColumns {
  /** Energy capacity of the storage at a candidate bus, kWh. */
  eKwh: (bus: number) => number;
  /** Power capacity of the storage at a candidate bus, kW. */
  pKw: (bus: number) => number;
}

/**
 * The loads of every bus, scaled by the day's profile; with `ctx.shedSlack`, an unserved-load slack at loaded buses
 * (cost "unserved": its penalty). Returns the slack (no columns without it).
 */
export function addLoads(ctx: DayContext): { shed?: VarFamily } {
  const { m, net, c, s, prefix, hours, baseKva, dtH, inj } = ctx;
  for (const t of hours) net.buses.forEach((b) => inj.addLoad(b.bus, t, (b.pLoadKw * s.loadPu[t]) / baseKva, (b.qLoadKvar * s.loadPu[t]) / baseKva));
  if (!ctx.shedSlack) return {};
  const loaded = net.buses.filter((b) => b.pLoadKw > 0).map((b) => b.bus);
  const shed = m.addVars(`${prefix}shed`, { bus: loaded, hour: hours }, { lb: 0, ub: (b, t) => (net.buses[(b as number) - 1].pLoadKw * s.loadPu[t as number]) / baseKva });
  for (const t of hours) for (const b of loaded) inj.addP(b, t, shed.col(b, t), 1);
  const kwh = baseKva * dtH; // pu·(1 h) → kWh
  const unserved = new LinExpr();
  for (const t of hours) for (const b of loaded) unserved.add(shed.col(b, t), c.penalties.unservedCnyPerKwh * kwh);
  ctx.costs.add("unserved", unserved);
  return { shed };
}

/** The PV plants with curtailment (cost "curtailment": the penalty on available less used energy; its constant holds Σ available). */
export function addPvPlants(ctx: DayContext): VarFamily {
  const { m, c, s, prefix, hours, baseKva, dtH, inj } = ctx;
  const pv = m.addVars(`${prefix}pv`, { plant: s.pv.map((_, i) => i), hour: hours }, { lb: 0, ub: (i, t) => s.pv[i as number].availKw[t as number] / baseKva });
  s.pv.forEach((p, i) => hours.forEach((t) => inj.addP(p.bus, t, pv.col(i, t), 1)));
  const kwh = baseKva * dtH;
  const curtailment = new LinExpr();
  for (const t of hours) {
    s.pv.forEach((p, i) => {
      curtailment.addConstant(c.penalties.pvCurtailmentCnyPerKwh * p.availKw[t] * dtH);
      curtailment.add(pv.col(i, t), -c.penalties.pvCurtailmentCnyPerKwh * kwh);
    });
  }
  ctx.costs.add("curtailment", curtailment);
  return pv;
}

/**
 * The EV stations: each its flexible aggregate and its uncontrolled rest, split as the inputs hold it (no cost of
 * their own).
 * @throws ArgumentError when a station's split does not hold round(α·N) flexible EVs for the case's share α (inputs
 * drawn at another share: derive them with withControllableShare).
 */
export function addEvStations(ctx: DayContext): EvStationVars[] {
  const { m, c, s, prefix, hours, baseKva, inj } = ctx;
  return s.ev.map((st) => {
    const want = Math.round(c.ev.controllable * st.evs.length);
    if (st.flexibleIndex.length !== want) {
      throw new ArgumentError("addEvStations", `day ${s.id}, station at bus ${st.bus}: ${st.flexibleIndex.length} of ${st.evs.length} EVs are flexible, but the controllable share ${c.ev.controllable} makes ${want} — the inputs were drawn at another share (derive them with withControllableShare)`, { field: "flexibleIndex" });
    }
    return addEvStation(m, inj, { name: `${prefix}ev-b${st.bus}`, bus: st.bus, hours, baseKva, evs: st.evs, flexibleIndex: st.flexibleIndex, model: c.ev.model });
  });
}

/** The storage candidates behind virtual resistances, sized by the capacity columns (cost "losses": their loss at the loss price). */
export function addStorageSites(ctx: DayContext, cap: CapacityColumns): { storage: StorageVars; capPu: { e: VarFamily; p: VarFamily } } {
  const { m, c, prefix, hours, baseKva, dtH, inj } = ctx;
  // Capacities in pu: scaled copies of the kWh/kW columns handed in.
  const cands = c.storage.candidates.slice();
  const e = m.addVars(`${prefix}storage.ePu`, { bus: cands }, { lb: 0 });
  const p = m.addVars(`${prefix}storage.pPu`, { bus: cands }, { lb: 0 });
  for (const b of cands) {
    m.eq(`${prefix}storage.eScale`, [b], new LinExpr().add(e.col(b), baseKva).add(cap.eKwh(b), -1), 0);
    m.eq(`${prefix}storage.pScale`, [b], new LinExpr().add(p.col(b), baseKva).add(cap.pKw(b), -1), 0);
  }
  const storage = addStorage(m, inj, {
    buses: cands,
    hours,
    dtH,
    eCapCol: (b) => e.col(b),
    pCapCol: (b) => p.col(b),
    name: `${prefix}storage`,
    lossR0: c.storage.lossR0,
    socMin: c.storage.socMin,
    socMax: c.storage.socMax,
  });
  ctx.costs.add("losses", new LinExpr().addExpr(storageLossExpr(storage), c.penalties.lossCnyPerKwh * baseKva));
  return { storage, capPu: { e, p } };
}

/** Import and export at the substation, and the day's peak import. */
export interface Substation {
  imp: VarFamily;
  exp: VarFamily;
  /** The day's peak import (kW). */
  peakKw: number;
}

/**
 * The substation's import and export columns and its peak (costs "energy", "carbon" and "peak": the peak's upgrade
 * charge). Its rows are the network's: each network ties import and export to its own balance.
 */
export function addSubstation(ctx: DayContext): Substation {
  const { m, c, prefix, hours, baseKva, dtH } = ctx;
  const imp = m.addVars(`${prefix}imp`, { hour: hours }, { lb: 0 });
  const exp = m.addVars(`${prefix}exp`, { hour: hours }, { lb: 0, ub: c.network.maxExportKw === null ? Infinity : c.network.maxExportKw / baseKva });
  const peakKw = m.addVar(`${prefix}peakKw`, { lb: 0 });
  const kwh = baseKva * dtH; // pu·(1 h) → kWh
  const energy = new LinExpr();
  const carbon = new LinExpr();
  for (const t of hours) {
    energy.add(imp.col(t), c.prices.touCnyPerKwh[t] * kwh).add(exp.col(t), -c.prices.exportCnyPerKwh * kwh);
    carbon.add(imp.col(t), ((carbonFactorAt(c, t) * c.carbon.priceCnyPerT) / 1000) * kwh);
  }
  ctx.costs.add("energy", energy);
  ctx.costs.add("carbon", carbon);
  ctx.costs.add("peak", new LinExpr().add(peakKw, c.upgrade.costCnyPerKwYear / 365));
  return { imp, exp, peakKw };
}
