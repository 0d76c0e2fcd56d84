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
import { addEvStation } from "../ev-station";
import { BusInjections } from "../distflow";
import { LinExpr } from "../expr";
import type { Model } from "../model";
import type { Network } from "../../network/types";
import { addStorage, storageLossExpr } from "../storage";
import type { PlanningCase } from "./case";
import type { ScenarioDay } from "./inputs";
import { evStationRng } from "./operation";

/** Adds the copper-plate day; returns its cost (¥) as an expression. `eKwh`/`pKw` give the sizes' columns. */
export function addCopperPlateDay(
  m: Model,
  c: PlanningCase,
  s: ScenarioDay,
  cap: { eKwh: (bus: number) => number; pKw: (bus: number) => number },
  prefix: string,
  net: Network,
): LinExpr {
  const baseKva = 1000 * net.baseMva;
  const totalLoadKw = net.buses.reduce((a, b) => a + b.pLoadKw, 0);
  const hours = Array.from({ length: 24 }, (_, t) => t);
  const inj = new BusInjections();
  // PV with curtailment (kW columns scaled to pu through the injections).
  const pv = m.addVars(`${prefix}cp:pv`, { plant: s.pv.map((_, i) => i), hour: hours }, { lb: 0, ub: (i, t) => s.pv[i as number].availKw[t as number] / baseKva });
  s.pv.forEach((p, i) => hours.forEach((t) => inj.addP(p.bus, t, pv.col(i, t), 1)));
  s.ev.forEach((st, j) =>
    addEvStation(m, inj, { name: `${prefix}cp:ev-b${st.bus}`, bus: st.bus, hours, baseKva, evs: st.evs, controllable: c.ev.controllable, rng: evStationRng(c, s, j), model: c.ev.model }),
  );
  const cands = c.storage.candidates;
  const ePu = m.addVars(`${prefix}cp:ePu`, { bus: cands }, { lb: 0 });
  const pPu = m.addVars(`${prefix}cp:pPu`, { bus: cands }, { lb: 0 });
  for (const b of cands) {
    m.eq(`${prefix}cp:eScale`, [b], new LinExpr().add(ePu.col(b), baseKva).add(cap.eKwh(b), -1), 0);
    m.eq(`${prefix}cp:pScale`, [b], new LinExpr().add(pPu.col(b), baseKva).add(cap.pKw(b), -1), 0);
  }
  const st = addStorage(m, inj, {
    buses: cands,
    hours,
    eCapCol: (b) => ePu.col(b),
    pCapCol: (b) => pPu.col(b),
    name: `${prefix}cp:storage`,
    lossR0: c.storage.lossR0,
    socMin: c.storage.socMin,
    socMax: c.storage.socMax,
  });
  // The loss cone p² ≤ P̄ w is replaced by tangent planes at p/P̄ = ±1, ±½: w ≥ 2ρ p − ρ² P̄ (valid for all p, P̄).
  m.removeCones(st.cones);
  for (const cone of st.cones) {
    const [p] = cone.x;
    for (const rho of [1, -1, 0.5, -0.5]) m.ge(`${prefix}cp:lossTangent`, [...cone.keys, rho], new LinExpr().add(cone.z).add(p, -2 * rho).add(cone.y, rho * rho), 0);
  }
  // Substation balance without losses: imp − exp + Σ_bus injections = 0.
  const imp = m.addVars(`${prefix}cp:imp`, { hour: hours }, { lb: 0 });
  const exp = m.addVars(`${prefix}cp:exp`, { hour: hours }, { lb: 0, ub: c.network.maxExportKw === null ? Infinity : c.network.maxExportKw / baseKva });
  const peakKw = m.addVar(`${prefix}cp:peakKw`, { lb: 0 });
  for (const t of hours) {
    const e = new LinExpr().add(imp.col(t)).add(exp.col(t), -1);
    for (const b of net.buses) e.addExpr(inj.p(b.bus, t));
    m.eq(`${prefix}cp:balance`, [t], e, (totalLoadKw * s.loadPu[t]) / baseKva);
    m.le(`${prefix}cp:peak`, [t], new LinExpr().add(imp.col(t), baseKva).add(peakKw, -1), 0);
  }
  const kwh = baseKva;
  const carbonPerKwh = (c.carbon.factorTPerMwh * c.carbon.priceCnyPerT) / 1000;
  const cost = new LinExpr().add(peakKw, c.upgrade.costCnyPerKwYear / 365);
  for (const t of hours) {
    cost.add(imp.col(t), (c.prices.touCnyPerKwh[t] + carbonPerKwh) * kwh).add(exp.col(t), -c.prices.exportCnyPerKwh * kwh);
    s.pv.forEach((p, i) => cost.addConstant(c.penalties.pvCurtailmentCnyPerKwh * p.availKw[t]).add(pv.col(i, t), -c.penalties.pvCurtailmentCnyPerKwh * kwh));
  }
  cost.addExpr(storageLossExpr(st), c.penalties.lossCnyPerKwh * kwh);
  return cost;
}
