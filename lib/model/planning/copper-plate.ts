/**
 * A copper-plate relaxation of an operated day, for the Benders master (partial decomposition): the same PV, EVs
 * and storage, but no network — one energy balance per hour at the substation, no losses, no voltage or line limits,
 * no balance index — and the storage's loss cone replaced by four of its tangent planes. Every dropped term of the
 * day's cost is ≥ 0 and every dropped constraint only enlarges the feasible set, so its optimal cost is a lower bound
 * of the day's cost for every first-stage decision: θ_s ≥ copper-plate cost_s is a valid constraint of the master,
 * and it tells the master how much arbitrage and PV absorption a battery of a given size can earn before any cut.
 * (Unserved load is left out: with no network limits it never pays at its penalty, so leaving it out changes
 * nothing.)
 */
import { LinExpr } from "../expr";
import type { Model } from "../model";
import type { StorageVars } from "../storage";
import type { Network } from "../../network/types";
import type { PlanningCase } from "./case";
import type { ScenarioDay } from "./inputs";
import { addEvStations, addPeakRow, addPvPlants, addStorageSites, addSubstation, type CapacityColumns, type DayContext, dayContext, type Substation } from "./day-templates";

/**
 * Adds the copper-plate day; returns its cost (¥) as an expression. `cap` gives the sizes' columns. The day's build
 * list (day-templates.ts) with the copper-plate network: PV, EV stations, storage and the substation as in the
 * operated day, then one lossless balance per hour instead of DistFlow.
 */
export function addCopperPlateDay(m: Model, c: PlanningCase, s: ScenarioDay, cap: CapacityColumns, prefix: string, net: Network): LinExpr {
  const ctx = dayContext(m, net, c, s, `${prefix}cp:`);
  const pv = addPvPlants(ctx);
  addEvStations(ctx);
  const storage = addStorageSites(ctx, cap, { capacity: "", storage: "storage" });
  const sub = addSubstation(ctx);
  addCopperPlate(ctx, storage.storage, sub);
  const cost = new LinExpr().addExpr(sub.peak).addExpr(sub.energy).addExpr(sub.carbon).addExpr(pv.curtailment);
  return cost.addExpr(storage.loss);
}

/**
 * The copper-plate network: the storage's loss cones p² ≤ P̄ w replaced by tangent planes at p/P̄ = ±1, ±½
 * (w ≥ 2ρ p − ρ² P̄, valid for all p, P̄), and per hour imp − exp + Σ_bus injections = the day's total load, with the
 * substation's peak rows.
 */
function addCopperPlate(ctx: DayContext, st: StorageVars, sub: Substation): void {
  const { m, net, s, prefix, hours, baseKva, inj } = ctx;
  m.removeCones(st.cones);
  for (const cone of st.cones) {
    const [p] = cone.x;
    for (const rho of [1, -1, 0.5, -0.5]) m.ge(`${prefix}lossTangent`, [...cone.keys, rho], new LinExpr().add(cone.z).add(p, -2 * rho).add(cone.y, rho * rho), 0);
  }
  const totalLoadKw = net.buses.reduce((a, b) => a + b.pLoadKw, 0);
  for (const t of hours) {
    const e = new LinExpr().add(sub.imp.col(t)).add(sub.exp.col(t), -1);
    for (const b of net.buses) e.addExpr(inj.p(b.bus, t));
    m.eq(`${prefix}balance`, [t], e, (totalLoadKw * s.loadPu[t]) / baseKva);
    addPeakRow(ctx, sub, t);
  }
}
