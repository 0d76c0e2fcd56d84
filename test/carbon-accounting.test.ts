/**
 * Carbon accounting options of a case: the constant average factor, or 24 hourly factors (average or marginal, with
 * their source). Checked on the tiny instance against sums over the day's own import series, by hand.
 */
import { describe, expect, it } from "vitest";
import { DataValidationError, evaluateBase, planningKpis, runPlan, validatePlanningCase } from "../lib";
import { tinyCase, tinyInputs } from "./planning-fixtures";

const hourly = Array.from({ length: 24 }, (_, t) => (t >= 10 && t <= 15 ? 0.35 : t >= 18 && t <= 21 ? 0.85 : 0.6));

describe("carbon accounting", () => {
  it("checks the hourly factors: 24 non-negative values, a basis and a source, or none of the three", () => {
    const c = tinyCase();
    const withProfile = (carbon: Record<string, unknown>) => ({ ...c, carbon: { ...c.carbon, ...carbon } });
    expect(() => validatePlanningCase(withProfile({ hourlyTPerMwh: hourly, basis: "marginal", source: "illustrative" }))).not.toThrow();
    expect(() => validatePlanningCase(withProfile({ hourlyTPerMwh: hourly.slice(1), basis: "average", source: "x" }))).toThrow(/24 non-negative emission factors.*carbon\.hourlyTPerMwh/);
    expect(() => validatePlanningCase(withProfile({ hourlyTPerMwh: hourly.map((v, t) => (t === 3 ? -1 : v)), basis: "average", source: "x" }))).toThrow(DataValidationError);
    expect(() => validatePlanningCase(withProfile({ hourlyTPerMwh: hourly, basis: "mean", source: "x" }))).toThrow(/"average" or "marginal".*carbon\.basis/);
    expect(() => validatePlanningCase(withProfile({ hourlyTPerMwh: hourly, basis: "average" }))).toThrow(/carbon\.source/);
    expect(() => validatePlanningCase(withProfile({ basis: "average" }))).toThrow(/hourlyTPerMwh, which is absent/);
  });

  it("hourly factors: each day's carbon is Σ import(t) × factor(t), its cost that × the price; the KPIs say which basis", async () => {
    const c = { ...tinyCase(), carbon: { ...tinyCase().carbon, hourlyTPerMwh: hourly, basis: "marginal" as const, source: "illustrative test profile" } };
    const inputs = tinyInputs(c);
    for (const day of await evaluateBase(inputs, 0)) {
      const d = day.dispatch;
      const byHand = d.importKw.reduce((a, kw, t) => a + (kw / 1000) * hourly[t], 0);
      expect(d.carbonT).toBeCloseTo(byHand, 12);
      expect(d.costParts.carbon).toBeCloseTo(byHand * c.carbon.priceCnyPerT, 6);
    }
    const run = await runPlan(c, { inputs, workers: 0, benders: { gapTol: 1e-3 } });
    expect(planningKpis(run).carbonBasis).toBe("hourly marginal factors 0.35–0.85 tCO₂/MWh (illustrative test profile)");
  });

  it("a flat profile at the constant factor is the constant factor: the same plan and days", async () => {
    const c = tinyCase();
    const flat = { ...c, carbon: { ...c.carbon, hourlyTPerMwh: Array(24).fill(c.carbon.factorTPerMwh), basis: "average" as const, source: "the constant factor, hour by hour" } };
    const a = await runPlan(c, { inputs: tinyInputs(c), workers: 0, benders: { gapTol: 1e-3 } });
    const b = await runPlan(flat, { inputs: tinyInputs(flat), workers: 0, benders: { gapTol: 1e-3 } });
    expect(b.objective).toBe(a.objective);
    // The same dispatch; carbon summed hour by hour instead of as energy × factor (equal to rounding).
    expect(b.plan.map((d) => d.dispatch.importKw)).toEqual(a.plan.map((d) => d.dispatch.importKw));
    b.plan.forEach((d, i) => expect(d.dispatch.carbonT).toBeCloseTo(a.plan[i].dispatch.carbonT, 10));
    expect(planningKpis(a).carbonBasis).toBe(`constant average factor ${c.carbon.factorTPerMwh} tCO₂/MWh`);
  });
});
