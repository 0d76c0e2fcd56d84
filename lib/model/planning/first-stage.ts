/**
 * The first stage: where and how much storage to build. Shared by the Benders master and the extensive form: binary
 * siting y_j, energy Ē_j (kWh) and power P̄_j (kW) per candidate, with
 *   Ē_j ≤ Ē_max y_j,  eToPMin P̄_j ≤ Ē_j ≤ eToPMax P̄_j,  P̄_j ≤ (Ē_max / eToPMin) y_j,  Σ y_j ≤ maxSites,
 *   optional budget Σ (c_E Ē + c_P P̄ + c_fix y) ≤ B,
 * and its annual cost (CRF(r, n) + O&M share) · capex.
 */
import { LinExpr } from "../expr";
import type { VarFamily } from "../families";
import type { Model } from "../model";
import { capitalRecoveryFactor, type PlanningCase } from "./case";

/** First-stage variables. Keys: candidate bus. */
export interface FirstStageVars {
  candidates: number[];
  y: VarFamily;
  eKwh: VarFamily;
  pKw: VarFamily;
  /** Overnight investment (¥) and annual first-stage cost (¥/year) as expressions. */
  capex: LinExpr;
  annualCost: LinExpr;
}

/** A first-stage decision as plain numbers (arrays follow `case.storage.candidates`). */
export interface FirstStageValues {
  built: boolean[];
  eKwh: number[];
  pKw: number[];
}

/** The power limit of a site (kW): its energy limit at the shortest duration (× 10 when that is 0). */
function sitePowerLimitKw(st: PlanningCase["storage"]): number {
  return st.eToPMinH > 0 ? st.maxEnergyKwhPerSite / st.eToPMinH : st.maxEnergyKwhPerSite * 10;
}

/** Adds the first-stage variables, constraints and cost to `m` (the cost is returned, not added). */
export function addFirstStage(m: Model, c: PlanningCase, options: { relaxBinaries?: boolean } = {}): FirstStageVars {
  const st = c.storage;
  const cands = st.candidates.slice();
  const pMax = sitePowerLimitKw(st);
  const y = m.addVars("build", { bus: cands }, { lb: 0, ub: 1, integer: !options.relaxBinaries });
  const eKwh = m.addVars("eKwh", { bus: cands }, { lb: 0, ub: st.maxEnergyKwhPerSite });
  const pKw = m.addVars("pKw", { bus: cands }, { lb: 0, ub: pMax });
  const capex = new LinExpr();
  const sites = new LinExpr();
  for (const b of cands) {
    m.le("eBuilt", [b], new LinExpr().add(eKwh.col(b)).add(y.col(b), -st.maxEnergyKwhPerSite), 0);
    m.le("pBuilt", [b], new LinExpr().add(pKw.col(b)).add(y.col(b), -pMax), 0);
    m.ge("eToPMin", [b], new LinExpr().add(eKwh.col(b)).add(pKw.col(b), -st.eToPMinH), 0);
    m.le("eToPMax", [b], new LinExpr().add(eKwh.col(b)).add(pKw.col(b), -st.eToPMaxH), 0);
    capex.add(eKwh.col(b), st.energyCostCnyPerKwh).add(pKw.col(b), st.powerCostCnyPerKw).add(y.col(b), st.fixedCostCnyPerSite);
    sites.add(y.col(b));
  }
  m.le("maxSites", [], sites, st.maxSites);
  if (st.budgetCny !== null) m.le("budget", [], capex, st.budgetCny);
  const annualCost = new LinExpr().addExpr(capex, annualisationFactor(c));
  return { candidates: cands, y, eKwh, pKw, capex, annualCost };
}

/** Yearly cost per ¥ of investment: CRF(discount rate, lifetime) + O&M share. */
export function annualisationFactor(c: PlanningCase): number {
  return capitalRecoveryFactor(c.storage.discountRate, c.storage.lifetimeYears) + c.storage.omShare;
}

/** Overnight investment (¥) of a first-stage decision. */
export function capexOf(c: PlanningCase, x: FirstStageValues): number {
  let s = 0;
  c.storage.candidates.forEach((_, j) => {
    s += x.eKwh[j] * c.storage.energyCostCnyPerKwh + x.pKw[j] * c.storage.powerCostCnyPerKw + (x.built[j] ? c.storage.fixedCostCnyPerSite : 0);
  });
  return s;
}

/** Annual first-stage cost (¥/year) of a decision: annualised storage investment and O&M. */
export function annualFirstStageCost(c: PlanningCase, x: FirstStageValues): number {
  return capexOf(c, x) * annualisationFactor(c);
}

/** Reads the first-stage decision from a primal vector. Sizes below `tolKwh` count as not built. */
export function firstStageValues(v: FirstStageVars, x: ArrayLike<number>, tolKwh = 1e-6): FirstStageValues {
  const eKwh = v.candidates.map((b) => Math.max(0, x[v.eKwh.col(b)]));
  const pKw = v.candidates.map((b) => Math.max(0, x[v.pKw.col(b)]));
  return {
    built: v.candidates.map((b, j) => x[v.y.col(b)] > 0.5 && eKwh[j] > tolKwh),
    eKwh,
    pKw,
  };
}

/**
 * Whether a decision satisfies the first stage's constraints (site limits, duration range, at most `maxSites` sites,
 * the budget), each within a relative tolerance: a decision made for another case (a start point) may be checked
 * before it is taken as an incumbent. A site counts as built when its flag is set or it has any size.
 */
export function isFirstStageFeasible(c: PlanningCase, x: FirstStageValues, relTol = 1e-6): boolean {
  const st = c.storage;
  const pMax = sitePowerLimitKw(st);
  const le = (a: number, b: number, scale: number) => a <= b + relTol * Math.max(1, scale);
  let sites = 0;
  for (let j = 0; j < st.candidates.length; j++) {
    const e = x.eKwh[j];
    const p = x.pKw[j];
    if (!(e >= 0 && p >= 0)) return false;
    if (x.built[j] || e > 0 || p > 0) sites++;
    if (!le(e, st.maxEnergyKwhPerSite, st.maxEnergyKwhPerSite) || !le(p, pMax, pMax)) return false;
    if (!le(st.eToPMinH * p, e, st.maxEnergyKwhPerSite) || !le(e, st.eToPMaxH * p, st.maxEnergyKwhPerSite)) return false;
  }
  if (sites > st.maxSites) return false;
  return st.budgetCny === null || le(capexOf(c, x), st.budgetCny, st.budgetCny);
}
