/**
 * The first-stage decisions every plan starts from or is judged at: no storage, the probes (every candidate at a
 * few sizes), and the annual cost of a decision from its days' subproblem values.
 */
import type { PlanningInputs } from "../model/planning/inputs";
import { annualFirstStageCost, type FirstStageValues } from "../model/planning/first-stage";
import { DAYS_PER_YEAR } from "./master";
import type { SubResult } from "./subproblem-runner";
import { BENDERS_DEFAULTS } from "./defaults";

/** Annual cost of a decision from its subproblem values: first stage + 365 Σ π_s Q_s. */
export function annualCostOf(inputs: PlanningInputs, x: FirstStageValues, results: readonly SubResult[]): number {
  const prob = new Map(inputs.scenarios.map((s) => [s.id, s.probability]));
  return annualFirstStageCost(inputs.case, x) + DAYS_PER_YEAR * results.reduce((a, r) => a + prob.get(r.scenarioId)! * r.valueCny, 0);
}

/** The "no storage" decision (the start of the iterations, and the base case). */
export function noStorage(inputs: PlanningInputs): FirstStageValues {
  const n = inputs.case.storage.candidates.length;
  return { built: new Array(n).fill(false), eKwh: new Array(n).fill(0), pKw: new Array(n).fill(0) };
}

/** The probe decisions: every candidate built with each energy (capped at the site limit), power at the mid duration. */
export function probeDecisions(inputs: PlanningInputs, probesKwh: readonly number[] = BENDERS_DEFAULTS.probesKwh): FirstStageValues[] {
  const st = inputs.case.storage;
  const midH = Math.max((st.eToPMinH + st.eToPMaxH) / 2, 1e-9);
  const x0 = noStorage(inputs);
  return probesKwh.map((e) => {
    const size = Math.min(e, st.maxEnergyKwhPerSite);
    return { built: x0.built.map(() => true), eKwh: x0.eKwh.map(() => size), pKw: x0.pKw.map(() => size / midH) };
  });
}
