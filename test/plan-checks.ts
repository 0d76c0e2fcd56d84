/**
 * What every verified plan must show, whatever its feeder: its days exact (cone gaps ≤ 1e-6 pu², no energy burnt in
 * a virtual resistance, the AC power flow agreeing with every day's voltages and losses), its objective equal to the
 * annual cost recomputed from the days (first stage + 365 Σ π Q_s), and storage taking PV the base case curtails.
 */
import { expect } from "vitest";
import { planningKpis, type PlanRun } from "../lib";

export function expectVerifiedPlan(run: PlanRun): void {
  const k = planningKpis(run);
  expect(k.verification.coneGapMaxPu2).toBeLessThanOrEqual(1e-6);
  expect(k.verification.storageBurntKwh).toBeLessThan(1e-3);
  expect(k.verification.acVMaxDiffPu).toBeLessThan(1e-6);
  expect(k.verification.acLossDiffPct).toBeLessThan(0.01);
  const ops = 365 * run.plan.reduce((a, d) => a + d.dispatch.probability * d.dispatch.costCny, 0);
  expect(run.objective).toBeCloseTo(k.annualCostCny + ops, -1);
  expect(k.pvUtilizationPct).toBeGreaterThan(k.pvUtilizationBasePct);
}
