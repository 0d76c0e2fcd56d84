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
 * peak); the reported deferral benefit is computed on the largest peak as well (results/kpis.ts).
 * The storage sizes (Ē, P̄ per candidate) are columns handed in by the caller: first-stage variables in the
 * extensive form, fixed copy variables in a Benders subproblem.
 */
import type { EvStationVars } from "../ev-station";
import { addDistFlowVariables, type BusInjections, type DistFlowVars } from "../distflow";
import { LinExpr } from "../expr";
import type { VarFamily } from "../families";
import type { Model, RotatedCone } from "../model";
import type { StorageVars } from "../storage";
import type { Network } from "../../network/types";
import type { PlanningCase } from "./case";
import type { ScenarioDay } from "./inputs";
import { addDistFlowNetwork, addEvStations, addLoads, addPvPlants, addStorageSites, addSubstation, type CapacityColumns, dayContext } from "./day-templates";

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

/**
 * Adds one operated day to `m`: its build list (day-templates.ts). Family names start with `prefix` (e.g. "S3:"). The
 * order of the list is the order of the model's columns and rows (the network's variables first, its rows last).
 */
export function addOperationDay(m: Model, net: Network, c: PlanningCase, s: ScenarioDay, cap: CapacityColumns, prefix: string, options: OperationDayOptions = {}): OperationDay {
  const ctx = dayContext(m, net, c, s, prefix);
  const dist = addDistFlowVariables(m, net, ctx.hours, {
    vMinPu: c.network.vMinPu,
    vMaxPu: c.network.vMaxPu,
    lineLimits: c.network.lineLimits,
    pSubMinPu: c.network.maxExportKw === null ? -Infinity : -c.network.maxExportKw / ctx.baseKva,
    prefix,
  });
  const loads = addLoads(ctx);
  const pv = addPvPlants(ctx);
  const ev = addEvStations(ctx);
  const storage = addStorageSites(ctx, cap);
  const sub = addSubstation(ctx);
  const network = addDistFlowNetwork(ctx, dist, sub, options.safeVoltage ?? "rows");
  // The day's cost, ¥: each template's own terms.
  const parts: Record<CostPart, LinExpr> = {
    energy: sub.energy,
    carbon: sub.carbon,
    curtailment: pv.curtailment,
    losses: network.losses.addExpr(storage.loss),
    unserved: loads.unserved,
    peak: sub.peak,
    balance: network.balance,
  };
  const cost = new LinExpr();
  for (const p of Object.values(parts)) cost.addExpr(p);
  return {
    scenario: s,
    prefix,
    hours: ctx.hours,
    dist,
    inj: ctx.inj,
    storage: storage.storage,
    imp: sub.imp,
    exp: sub.exp,
    pv: pv.pv,
    shed: loads.shed,
    peakKw: sub.peakKw,
    ev,
    cost,
    parts,
    storageCapPu: storage.capPu,
    branchCones: network.branchCones,
    balanceIndex: network.balanceIndex,
  };
}
