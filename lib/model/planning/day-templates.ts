/**
 * The templates an operated day is built from (PowerModels' way: a problem is a short list of these). Each adds one
 * kind of device to a model — its columns, its rows, its bus injections — and returns typed handles for reading the
 * solution back together with its own terms of the day's cost (¥). The day (operation.ts) and the copper-plate
 * relaxation (copper-plate.ts) are build lists over the same templates, differing in the network: DistFlow with
 * cones, or one balance per hour.
 */
import { addEvStation, type EvStationVars } from "../ev-station";
import { balanceIndexExpr } from "../balance-index";
import { addBranchCones, addPowerBalance, addSafeUpperVoltage, addVoltageDrop, BusInjections, type DistFlowVars } from "../distflow";
import { LinExpr } from "../expr";
import type { VarFamily } from "../families";
import type { Model, RotatedCone } from "../model";
import { addStorage, type StorageVars, storageLossExpr } from "../storage";
import type { Network } from "../../network/types";
import { radialIndex } from "../../network/radial";
import { createRng } from "../../util/random";
import type { PlanningCase } from "./case";
import type { ScenarioDay } from "./inputs";

/** What every template of one day shares: the model, the feeder, the case, the day, its hours and injections. */
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
}

/** A day's context: 24 hourly steps and an empty set of injections. */
export function dayContext(m: Model, net: Network, c: PlanningCase, s: ScenarioDay, prefix: string): DayContext {
  return { m, net, c, s, prefix, hours: Array.from({ length: 24 }, (_, t) => t), baseKva: 1000 * net.baseMva, dtH: 1, inj: new BusInjections() };
}

/** Columns of the first-stage quantities the day depends on. */
export interface CapacityColumns {
  /** Energy capacity of the storage at a candidate bus, kWh. */
  eKwh: (bus: number) => number;
  /** Power capacity of the storage at a candidate bus, kW. */
  pKw: (bus: number) => number;
}

/** The loads of every bus, scaled by the day's profile, with an unserved-load slack (cost: its penalty) at loaded buses. */
export function addLoads(ctx: DayContext): { shed: VarFamily; unserved: LinExpr } {
  const { m, net, c, s, prefix, hours, baseKva, dtH, inj } = ctx;
  const loaded = net.buses.filter((b) => b.pLoadKw > 0).map((b) => b.bus);
  const shed = m.addVars(`${prefix}shed`, { bus: loaded, hour: hours }, { lb: 0, ub: (b, t) => (net.buses[(b as number) - 1].pLoadKw * s.loadPu[t as number]) / baseKva });
  for (const t of hours) {
    net.buses.forEach((b) => {
      inj.addLoad(b.bus, t, (b.pLoadKw * s.loadPu[t]) / baseKva, (b.qLoadKvar * s.loadPu[t]) / baseKva);
      if (b.pLoadKw > 0) inj.addP(b.bus, t, shed.col(b.bus, t), 1);
    });
  }
  const kwh = baseKva * dtH; // pu·(1 h) → kWh
  const unserved = new LinExpr();
  for (const t of hours) for (const b of loaded) unserved.add(shed.col(b, t), c.penalties.unservedCnyPerKwh * kwh);
  return { shed, unserved };
}

/** The PV plants with curtailment (cost: the curtailment penalty on available less used energy; its constant holds Σ available). */
export function addPvPlants(ctx: DayContext, name = "pv"): { pv: VarFamily; curtailment: LinExpr } {
  const { m, c, s, prefix, hours, baseKva, dtH, inj } = ctx;
  const pv = m.addVars(`${prefix}${name}`, { plant: s.pv.map((_, i) => i), hour: hours }, { lb: 0, ub: (i, t) => s.pv[i as number].availKw[t as number] / baseKva });
  s.pv.forEach((p, i) => hours.forEach((t) => inj.addP(p.bus, t, pv.col(i, t), 1)));
  const kwh = baseKva * dtH;
  const curtailment = new LinExpr();
  for (const t of hours) {
    s.pv.forEach((p, i) => {
      curtailment.addConstant(c.penalties.pvCurtailmentCnyPerKwh * p.availKw[t] * dtH);
      curtailment.add(pv.col(i, t), -c.penalties.pvCurtailmentCnyPerKwh * kwh);
    });
  }
  return { pv, curtailment };
}

/** The EV stations: each its flexible aggregate and its uncontrolled rest (no cost of their own). */
export function addEvStations(ctx: DayContext): EvStationVars[] {
  const { m, c, s, prefix, hours, baseKva, inj } = ctx;
  return s.ev.map((st, j) =>
    addEvStation(m, inj, { name: `${prefix}ev-b${st.bus}`, bus: st.bus, hours, baseKva, evs: st.evs, controllable: c.ev.controllable, rng: evStationRng(c, s, j), model: c.ev.model }),
  );
}

/** The storage candidates behind virtual resistances, sized by the capacity columns (cost: their loss at the loss price). */
export function addStorageSites(ctx: DayContext, cap: CapacityColumns, names = { capacity: "storage:", storage: "storage" }): { storage: StorageVars; capPu: { e: VarFamily; p: VarFamily }; loss: LinExpr } {
  const { m, c, prefix, hours, baseKva, dtH, inj } = ctx;
  // Capacities in pu: scaled copies of the kWh/kW columns handed in.
  const cands = c.storage.candidates.slice();
  const e = m.addVars(`${prefix}${names.capacity}ePu`, { bus: cands }, { lb: 0 });
  const p = m.addVars(`${prefix}${names.capacity}pPu`, { bus: cands }, { lb: 0 });
  for (const b of cands) {
    m.eq(`${prefix}${names.capacity}eScale`, [b], new LinExpr().add(e.col(b), baseKva).add(cap.eKwh(b), -1), 0);
    m.eq(`${prefix}${names.capacity}pScale`, [b], new LinExpr().add(p.col(b), baseKva).add(cap.pKw(b), -1), 0);
  }
  const storage = addStorage(m, inj, {
    buses: cands,
    hours,
    dtH,
    eCapCol: (b) => e.col(b),
    pCapCol: (b) => p.col(b),
    name: `${prefix}${names.storage}`,
    lossR0: c.storage.lossR0,
    socMin: c.storage.socMin,
    socMax: c.storage.socMax,
  });
  return { storage, capPu: { e, p }, loss: new LinExpr().addExpr(storageLossExpr(storage), c.penalties.lossCnyPerKwh * baseKva) };
}

/** Import and export at the substation, and the day's peak import (costs: energy, carbon, the peak's upgrade charge). */
export interface Substation {
  imp: VarFamily;
  exp: VarFamily;
  /** The day's peak import (kW). */
  peakKw: number;
  energy: LinExpr;
  carbon: LinExpr;
  peak: LinExpr;
}

/** The substation's import and export columns and its peak (no balance: the network template writes it). */
export function addSubstation(ctx: DayContext, name = ""): Substation {
  const { m, c, prefix, hours, baseKva, dtH } = ctx;
  const imp = m.addVars(`${prefix}${name}imp`, { hour: hours }, { lb: 0 });
  const exp = m.addVars(`${prefix}${name}exp`, { hour: hours }, { lb: 0, ub: c.network.maxExportKw === null ? Infinity : c.network.maxExportKw / baseKva });
  const peakKw = m.addVar(`${prefix}${name}peakKw`, { lb: 0 });
  const kwh = baseKva * dtH; // pu·(1 h) → kWh
  const carbonPerKwh = (c.carbon.factorTPerMwh * c.carbon.priceCnyPerT) / 1000;
  const energy = new LinExpr();
  const carbon = new LinExpr();
  for (const t of hours) {
    energy.add(imp.col(t), c.prices.touCnyPerKwh[t] * kwh).add(exp.col(t), -c.prices.exportCnyPerKwh * kwh);
    carbon.add(imp.col(t), carbonPerKwh * kwh);
  }
  return { imp, exp, peakKw, energy, carbon, peak: new LinExpr().add(peakKw, c.upgrade.costCnyPerKwYear / 365) };
}

/** The substation's peak row of hour t: peak ≥ imp_t (kW). */
export function addPeakRow(ctx: DayContext, sub: Substation, t: number): void {
  ctx.m.le(`${ctx.prefix}peak`, [t], new LinExpr().add(sub.imp.col(t), ctx.baseKva).add(sub.peakKw, -1), 0);
}

/** Rows of the substation: pSub = imp − exp, and peak ≥ imp every hour. */
function addSubstationRows(ctx: DayContext, sub: Substation, pSub: VarFamily): void {
  const { m, prefix, hours } = ctx;
  for (const t of hours) {
    m.eq(`${prefix}subSplit`, [t], new LinExpr().add(pSub.col(t)).add(sub.imp.col(t), -1).add(sub.exp.col(t), 1), 0);
    addPeakRow(ctx, sub, t);
  }
}

/** What the DistFlow network adds: its cones, its losses (at the loss price) and the balance index (B and wB·B). */
export interface DistFlowNetwork {
  branchCones: RotatedCone[];
  losses: LinExpr;
  balanceIndex: LinExpr;
  balance: LinExpr;
}

/**
 * The feeder as DistFlow with second-order cones, fed by the substation: voltage drops, branch cones, power balance at
 * every bus (over the injections registered so far), the safe upper voltage limit as rows unless `safeVoltage` is
 * "lazy" (see OperationDayOptions), and the substation's rows.
 */
export function addDistFlowNetwork(ctx: DayContext, dist: DistFlowVars, sub: Substation, safeVoltage: "rows" | "lazy" = "rows"): DistFlowNetwork {
  const { m, net, c, hours, baseKva, dtH, inj } = ctx;
  addSubstationRows(ctx, sub, dist.pSub);
  addVoltageDrop(m, net, dist);
  const branchCones = addBranchCones(m, net, dist);
  addPowerBalance(m, net, dist, inj);
  if (safeVoltage === "rows") addSafeUpperVoltage(m, net, dist, inj);
  const ri = radialIndex(net);
  const kwh = baseKva * dtH;
  const losses = new LinExpr();
  for (const t of hours) net.branches.forEach((br, e) => losses.add(dist.l.col(br.id, t), c.penalties.lossCnyPerKwh * ri.rPu[e] * kwh));
  const balanceIndex = balanceIndexExpr(net, dist);
  return { branchCones, losses, balanceIndex, balance: new LinExpr().addExpr(balanceIndex, c.balance.weightCnyPerDay) };
}

/** The random source that draws station j's controllable EVs on day s (the same wherever the day is modelled). */
export function evStationRng(c: PlanningCase, s: ScenarioDay, j: number) {
  return createRng(c.ev.seed * 7919 + j * 104729 + hashId(s.id));
}

/** A small stable hash of a scenario id, for per-scenario random streams. */
function hashId(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 1_000_003;
}
