/**
 * The second stage: one typical day operated hour by hour (a build list). DistFlow with cones, loads, PV with
 * curtailment, EV stations (aggregate flexible share + uncontrolled rest), storage behind virtual resistances,
 * import/export at the substation, recourse slacks; its objective is the day's cost in ¥:
 *
 *   Σ_t [ price_t · imp_t − exportPrice · exp_t + carbonPrice · factor · imp_t        (energy, carbon)
 *         + cCurt · (pvAvail_t − pv_t) + cLoss · (Σ_e r_e ℓ_e,t + Σ_j storage loss_j,t)  (curtailment, losses)
 *         + cShed · shed_t ] Δt                                                           (unserved load)
 *   + (cUp / 365) · peak                                                                  (feeder-head capacity)
 *   + wB · B                                                                              (balance index)
 *
 * peak ≥ imp_t for every hour: the day's peak import, charged at the annualised upgrade cost spread over the year.
 * Summed over typical days with their probabilities this charges the expected daily peak (a demand charge) rather
 * than the single largest peak of the year — a choice that keeps the days separable (each Benders subproblem owns its
 * peak); the reported deferral benefit is computed on the largest peak as well (results/planning.ts).
 * The storage sizes (Ē, P̄ per candidate) are columns handed in by the caller: first-stage variables in the
 * extensive form, fixed copy variables in a Benders subproblem.
 */
import { type EvStationVars, addEvStation } from "../ev-station";
import { balanceIndexExpr } from "../balance-index";
import { addBranchCones, addDistFlowVariables, addPowerBalance, addSafeUpperVoltage, addVoltageDrop, BusInjections, type DistFlowVars } from "../distflow";
import { LinExpr } from "../expr";
import type { VarFamily } from "../families";
import type { Model, RotatedCone } from "../model";
import { addStorage, type StorageVars, storageLossExpr } from "../storage";
import type { Network } from "../../network/types";
import { radialIndex } from "../../network/radial";
import { createRng } from "../../util/random";
import type { PlanningCase } from "./case";
import type { ScenarioDay } from "./inputs";

/** Columns of the first-stage quantities the day depends on. */
export interface CapacityColumns {
  /** Energy capacity of the storage at a candidate bus, kWh. */
  eKwh: (bus: number) => number;
  /** Power capacity of the storage at a candidate bus, kW. */
  pKw: (bus: number) => number;
}

/** Everything one operated day adds to a model. */
export interface OperationDay {
  scenario: ScenarioDay;
  prefix: string;
  hours: number[];
  dist: DistFlowVars;
  inj: BusInjections;
  storage: StorageVars;
  /** Import and export at the substation (pu), hour. */
  imp: VarFamily;
  exp: VarFamily;
  /** PV output (pu), plant (position in scenario.pv) × hour. */
  pv: VarFamily;
  /** Unserved load (pu), bus × hour. */
  shed: VarFamily;
  /** The day's peak import (kW). */
  peakKw: number;
  ev: EvStationVars[];
  /** The day's cost in ¥ and its parts (each a linear expression; the constant holds Σ cCurt · pvAvail). */
  cost: LinExpr;
  parts: Record<CostPart, LinExpr>;
  /** Storage energy/power columns in pu (scaled copies of the kWh/kW columns). */
  storageCapPu: { e: VarFamily; p: VarFamily };
  /** The branch cones P² + Q² ≤ v ℓ, branch by branch and hour by hour (the storage's are in `storage.cones`). */
  branchCones: RotatedCone[];
  /** The balance index B of the day (balance-index.ts), unweighted: `parts.balance` is its weight times it. */
  balanceIndex: LinExpr;
}

/** Named parts of the daily cost. */
export type CostPart = "energy" | "carbon" | "curtailment" | "losses" | "unserved" | "peak" | "balance";

/** Options of {@link addOperationDay}. */
export interface OperationDayOptions {
  /**
   * How the safe upper voltage limit enters: "rows" (default) writes the lossless voltage v̂ with its columns and rows
   * (`addSafeUpperVoltage`); "lazy" leaves it to a cut loop with `safeVoltageSeparator` (the same limit, one row per
   * bus and hour that would break it). The day's columns and rows are then a prefix of the "rows" day's: the v̂ block
   * is the last thing it adds.
   */
  safeVoltage?: "rows" | "lazy";
}

/** Adds one operated day to `m`. Family names start with `prefix` (e.g. "S3:"). */
export function addOperationDay(m: Model, net: Network, c: PlanningCase, s: ScenarioDay, cap: CapacityColumns, prefix: string, options: OperationDayOptions = {}): OperationDay {
  const hours = Array.from({ length: 24 }, (_, t) => t);
  const baseKva = 1000 * net.baseMva;
  const dtH = 1;
  const dist = addDistFlowVariables(m, net, hours, {
    vMinPu: c.network.vMinPu,
    vMaxPu: c.network.vMaxPu,
    lineLimits: c.network.lineLimits,
    pSubMinPu: c.network.maxExportKw === null ? -Infinity : -c.network.maxExportKw / baseKva,
    prefix,
  });
  const inj = new BusInjections();
  // Loads, with an unserved-load slack at every loaded bus.
  const loaded = net.buses.filter((b) => b.pLoadKw > 0).map((b) => b.bus);
  const shed = m.addVars(`${prefix}shed`, { bus: loaded, hour: hours }, { lb: 0, ub: (b, t) => (net.buses[(b as number) - 1].pLoadKw * s.loadPu[t as number]) / baseKva });
  for (const t of hours) {
    net.buses.forEach((b) => {
      inj.addLoad(b.bus, t, (b.pLoadKw * s.loadPu[t]) / baseKva, (b.qLoadKvar * s.loadPu[t]) / baseKva);
      if (b.pLoadKw > 0) inj.addP(b.bus, t, shed.col(b.bus, t), 1);
    });
  }
  // PV with curtailment.
  const plants = s.pv.map((_, i) => i);
  const pv = m.addVars(`${prefix}pv`, { plant: plants, hour: hours }, { lb: 0, ub: (i, t) => s.pv[i as number].availKw[t as number] / baseKva });
  s.pv.forEach((p, i) => hours.forEach((t) => inj.addP(p.bus, t, pv.col(i, t), 1)));
  // EV stations.
  const ev = s.ev.map((st, j) =>
    addEvStation(m, inj, {
      name: `${prefix}ev-b${st.bus}`,
      bus: st.bus,
      hours,
      baseKva,
      evs: st.evs,
      controllable: c.ev.controllable,
      rng: evStationRng(c, s, j),
      model: c.ev.model,
    }),
  );
  // Storage: capacities in pu (scaled copies of the kWh/kW columns handed in).
  const cands = c.storage.candidates.slice();
  const ePu = m.addVars(`${prefix}storage:ePu`, { bus: cands }, { lb: 0 });
  const pPu = m.addVars(`${prefix}storage:pPu`, { bus: cands }, { lb: 0 });
  for (const b of cands) {
    m.eq(`${prefix}storage:eScale`, [b], new LinExpr().add(ePu.col(b), baseKva).add(cap.eKwh(b), -1), 0);
    m.eq(`${prefix}storage:pScale`, [b], new LinExpr().add(pPu.col(b), baseKva).add(cap.pKw(b), -1), 0);
  }
  const storage = addStorage(m, inj, {
    buses: cands,
    hours,
    dtH,
    eCapCol: (b) => ePu.col(b),
    pCapCol: (b) => pPu.col(b),
    name: `${prefix}storage`,
    lossR0: c.storage.lossR0,
    socMin: c.storage.socMin,
    socMax: c.storage.socMax,
  });
  // Substation: pSub = imp − exp; the day's peak import.
  const imp = m.addVars(`${prefix}imp`, { hour: hours }, { lb: 0 });
  const exp = m.addVars(`${prefix}exp`, { hour: hours }, { lb: 0, ub: c.network.maxExportKw === null ? Infinity : c.network.maxExportKw / baseKva });
  const peakKw = m.addVar(`${prefix}peakKw`, { lb: 0 });
  for (const t of hours) {
    m.eq(`${prefix}subSplit`, [t], new LinExpr().add(dist.pSub.col(t)).add(imp.col(t), -1).add(exp.col(t), 1), 0);
    m.le(`${prefix}peak`, [t], new LinExpr().add(imp.col(t), baseKva).add(peakKw, -1), 0);
  }
  addVoltageDrop(m, net, dist);
  const branchCones = addBranchCones(m, net, dist);
  addPowerBalance(m, net, dist, inj);
  if ((options.safeVoltage ?? "rows") === "rows") addSafeUpperVoltage(m, net, dist, inj);

  // The day's cost, ¥.
  const kwh = baseKva * dtH; // pu·(1 h) → kWh
  const carbonPerKwh = (c.carbon.factorTPerMwh * c.carbon.priceCnyPerT) / 1000;
  const parts: Record<CostPart, LinExpr> = {
    energy: new LinExpr(),
    carbon: new LinExpr(),
    curtailment: new LinExpr(),
    losses: new LinExpr(),
    unserved: new LinExpr(),
    peak: new LinExpr().add(peakKw, c.upgrade.costCnyPerKwYear / 365),
    balance: new LinExpr(),
  };
  const ri = radialIndex(net);
  for (const t of hours) {
    parts.energy.add(imp.col(t), c.prices.touCnyPerKwh[t] * kwh).add(exp.col(t), -c.prices.exportCnyPerKwh * kwh);
    parts.carbon.add(imp.col(t), carbonPerKwh * kwh);
    s.pv.forEach((p, i) => {
      parts.curtailment.addConstant(c.penalties.pvCurtailmentCnyPerKwh * p.availKw[t] * dtH);
      parts.curtailment.add(pv.col(i, t), -c.penalties.pvCurtailmentCnyPerKwh * kwh);
    });
    net.branches.forEach((br, e) => parts.losses.add(dist.l.col(br.id, t), c.penalties.lossCnyPerKwh * ri.rPu[e] * kwh));
    for (const b of loaded) parts.unserved.add(shed.col(b, t), c.penalties.unservedCnyPerKwh * kwh);
  }
  parts.losses.addExpr(storageLossExpr(storage), c.penalties.lossCnyPerKwh * baseKva);
  const balanceIndex = balanceIndexExpr(net, dist);
  parts.balance.addExpr(balanceIndex, c.balance.weightCnyPerDay);
  const cost = new LinExpr();
  for (const p of Object.values(parts)) cost.addExpr(p);
  return { scenario: s, prefix, hours, dist, inj, storage, imp, exp, pv, shed, peakKw, ev, cost, parts, storageCapPu: { e: ePu, p: pPu }, branchCones, balanceIndex };
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
