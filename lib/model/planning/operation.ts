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
 *
 * The same build list on the copper-plate network (day-networks.ts) is the Benders master's proxy of the day
 * ({@link addCopperPlateDay}). A new device is one template (day-templates.ts: its columns, rows, injections and
 * cost terms) and one line in {@link buildDay}; a new cost term is registered by its template under a part of
 * COST_PARTS.
 */
import type { EvStationVars } from "../ev-station";
import type { BusInjections, DistFlowRows, DistFlowVars } from "../distflow";
import { LinExpr } from "../expr";
import type { VarFamily } from "../families";
import type { Model, RotatedCone } from "../model";
import type { StorageVars } from "../storage";
import type { Network } from "../../network/types";
import type { PlanningCase } from "./case";
import type { ScenarioDay } from "./inputs";
import { addEvStations, addLoads, addPvPlants, addStorageSites, addSubstation, type CapacityColumns, type CostPart, type DayContext, dayContext, type Substation } from "./day-templates";
import { COPPER_PLATE, type DayNetwork, distFlowNetwork } from "./day-networks";

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
  /** The network's balance rows (the lossless ones only with the safe upper voltage as rows). */
  rows: DistFlowRows;
  /** The balance index B of the day (balance-index.ts), unweighted: `parts.balance` is its weight times it. */
  balanceIndex: LinExpr;
}

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

/** What {@link buildDay} adds: the devices' handles, the network's, and the day's cost by part and in total. */
export interface DayBuild<V, H> {
  ctx: DayContext;
  network: V & H;
  shed?: VarFamily;
  pv: VarFamily;
  ev: EvStationVars[];
  storage: { storage: StorageVars; capPu: { e: VarFamily; p: VarFamily } };
  substation: Substation;
  parts: Record<CostPart, LinExpr>;
  cost: LinExpr;
}

/**
 * The day's build list: the network's columns, then the devices (loads, PV, EV stations, storage, substation), then
 * the network's rows. Its order is the order of the model's columns and rows. Family names start with `prefix` and
 * the network's scope.
 */
export function buildDay<V, H>(m: Model, net: Network, c: PlanningCase, s: ScenarioDay, cap: CapacityColumns, prefix: string, network: DayNetwork<V, H>): DayBuild<V, H> {
  const ctx = dayContext(m, net, c, s, `${prefix}${network.scope}`, network.shedSlack);
  const vars = network.addVariables(ctx);
  const { shed } = addLoads(ctx);
  const pv = addPvPlants(ctx);
  const ev = addEvStations(ctx);
  const storage = addStorageSites(ctx, cap);
  const substation = addSubstation(ctx);
  const handles = network.addRows(ctx, vars, { storage: storage.storage, substation });
  const parts = ctx.costs.parts();
  const cost = new LinExpr();
  for (const p of Object.values(parts)) cost.addExpr(p);
  return { ctx, network: { ...vars, ...handles } as V & H, shed, pv, ev, storage, substation, parts, cost };
}

/** Adds one operated day to `m`: the build list on DistFlow with cones. Family names start with `prefix` (e.g. "S3:"). */
export function addOperationDay(m: Model, net: Network, c: PlanningCase, s: ScenarioDay, cap: CapacityColumns, prefix: string, options: OperationDayOptions = {}): OperationDay {
  const d = buildDay(m, net, c, s, cap, prefix, distFlowNetwork(options.safeVoltage ?? "rows"));
  return {
    scenario: s,
    prefix,
    hours: d.ctx.hours,
    dist: d.network.dist,
    inj: d.ctx.inj,
    storage: d.storage.storage,
    imp: d.substation.imp,
    exp: d.substation.exp,
    pv: d.pv,
    shed: d.shed!,
    peakKw: d.substation.peakKw,
    ev: d.ev,
    cost: d.cost,
    parts: d.parts,
    storageCapPu: d.storage.capPu,
    branchCones: d.network.branchCones,
    rows: d.network.rows,
    balanceIndex: d.network.balanceIndex,
  };
}

/**
 * Adds the copper-plate day (the build list on the copper-plate network, day-networks.ts), family names under
 * `${prefix}cp:`; returns its cost (¥), a lower bound of the operated day's cost at the same capacities.
 */
export function addCopperPlateDay(m: Model, c: PlanningCase, s: ScenarioDay, cap: CapacityColumns, prefix: string, net: Network): LinExpr {
  return buildDay(m, net, c, s, cap, prefix, COPPER_PLATE).cost;
}
