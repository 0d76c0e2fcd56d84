/**
 * Sensitivity sweeps on the tiny feeder with an EV station: each row equals the plan run directly on the changed
 * case; comparative statics that hold for exact optima (more controllable EVs never cost more; dearer storage never
 * buys more capex; a higher carbon price never emits more); PV scaling scales the available PV; bad parameters are
 * rejected; the claims table applies its rules.
 */
import {
  annualisationFactor,
  ArgumentError,
  baseCaseKey,
  DataValidationError,
  planningKpis,
  runPlan,
  sweep,
  sweepClaims,
  sweepParameter,
  type SweepResult,
  type SweepRow,
  withControllableShare,
} from "../lib";
import { evCase, evInputs } from "./report-fixtures";

// Benders in this thread, converged tightly (the extensive form gives the same plans on this feeder, 15× slower).
const plan = { workers: 0, benders: { gapTol: 1e-6, maxIterations: 100 } };
/** The exact optimum lies in [lowerBound, objective]: comparisons allow for that interval. */
const slack = (r: { objectiveCny: number; lowerBoundCny: number }) => r.objectiveCny - r.lowerBoundCny + 1e-6 * Math.abs(r.objectiveCny);

describe("sweep of the controllable share", () => {
  const inputs = evInputs();
  let result: SweepResult;

  beforeAll(async () => {
    result = await sweep(inputs.case, [0, 0.5, 1], { inputs, plan, keepRuns: true });
  });

  it("each row equals planningKpis(runPlan(...)) run directly on the changed case", async () => {
    const changed = withControllableShare(inputs, 0.5);
    const run = await runPlan(changed.case, { inputs: changed, ...plan });
    const k = planningKpis(run);
    const row = result.rows[1];
    expect(row.value).toBe(0.5);
    expect(row.parameter).toBe("controllable");
    expect(row.sites.map((s) => s.bus)).toEqual(k.sites.map((s) => s.bus));
    expect(row.totalEnergyKwh).toBeCloseTo(k.sites.reduce((a, s) => a + s.energyKwh, 0), 3);
    expect(row.carbonReductionPct).toBeCloseTo(k.carbonReductionPct, 6);
    expect(row.pvUtilizationPct).toBeCloseTo(k.pvUtilizationPct, 6);
    expect(row.annualCostCny).toBeCloseTo(k.annualCostCny, 3);
    expect(row.annualBenefitCny).toBeCloseTo(k.annualBenefitCny, 3);
    expect(row.balanceAfter).toBeCloseTo(k.balanceAfter, 9);
    expect(result.runs![1].case.ev.controllable).toBe(0.5);
  });

  it("the annual cost of a row is the annualised capex of its sites, computed by hand", () => {
    const st = inputs.case.storage;
    for (const row of result.rows) {
      const capex = row.sites.reduce((a, s) => a + s.energyKwh * st.energyCostCnyPerKwh + s.powerKw * st.powerCostCnyPerKw + st.fixedCostCnyPerSite, 0);
      const crf = (st.discountRate * (1 + st.discountRate) ** st.lifetimeYears) / ((1 + st.discountRate) ** st.lifetimeYears - 1);
      expect(row.annualCostCny).toBeCloseTo(capex * (crf + st.omShare), 2);
      expect(annualisationFactor(inputs.case)).toBeCloseTo(crf + st.omShare, 12);
    }
  });

  it("more controllable EVs never cost more (the controllable sets are nested, each EV's own profile stays feasible)", () => {
    const [r0, r5, r1] = result.rows;
    expect(r5.lowerBoundCny).toBeLessThanOrEqual(r0.objectiveCny);
    expect(r5.objectiveCny).toBeLessThanOrEqual(r0.objectiveCny + slack(r5));
    expect(r1.objectiveCny).toBeLessThanOrEqual(r5.objectiveCny + slack(r1));
    // And the share matters on this feeder: full control is clearly cheaper than none.
    expect(r1.objectiveCny).toBeLessThan(r0.objectiveCny - 1000);
  });

  it("the base case does not depend on the share (it is uncontrolled by definition)", () => {
    const base = result.runs!.map((r) => planningKpis(r).base.operatingCostCny);
    expect(base[1]).toBeCloseTo(base[0], 3);
    expect(base[2]).toBeCloseTo(base[0], 3);
  });
});

describe("other parameters through the same function", () => {
  const inputs = evInputs();

  it("dearer storage never buys more capex: (s₂ − s₁)·a·(capex₂ − capex₁) ≤ ε₁ + ε₂ (revealed preference, ε = UB − LB)", async () => {
    const scales = [0.5, 1, 2];
    const r = await sweep(inputs.case, scales, { parameter: "storageCostScale", inputs, plan, keepRuns: true });
    const st = inputs.case.storage;
    const capex = r.rows.map((row) => row.sites.reduce((a, s) => a + s.energyKwh * st.energyCostCnyPerKwh + s.powerKw * st.powerCostCnyPerKw + st.fixedCostCnyPerSite, 0));
    const a = annualisationFactor(inputs.case);
    for (let i = 1; i < scales.length; i++) {
      expect((scales[i] - scales[i - 1]) * a * (capex[i] - capex[i - 1])).toBeLessThanOrEqual(slack(r.rows[i]) + slack(r.rows[i - 1]));
    }
    expect(r.runs![2].case.storage.energyCostCnyPerKwh).toBe(2 * st.energyCostCnyPerKwh);
    expect(r.parameter.name).toBe("storageCostScale");
    // Storage cheap enough is built, dear enough is not.
    expect(capex[0]).toBeGreaterThan(capex[2]);
  });

  it("a higher carbon price never emits more: (p₂ − p₁)(T₂ − T₁) ≤ ε₁ + ε₂ (the carbon cost is p·T exactly)", async () => {
    const prices = [0, 100, 400];
    const r = await sweep(inputs.case, prices, { parameter: "carbonPrice", inputs, plan, keepRuns: true });
    const carbonT = r.runs!.map((run) => planningKpis(run).plan.carbonT);
    r.runs!.forEach((run, i) => expect(planningKpis(run).plan.carbonCostCny).toBeCloseTo(prices[i] * carbonT[i], 3));
    for (let i = 1; i < prices.length; i++) {
      expect((prices[i] - prices[i - 1]) * (carbonT[i] - carbonT[i - 1])).toBeLessThanOrEqual(slack(r.rows[i]) + slack(r.rows[i - 1]));
    }
  });

  it("shares a base case between values only where it cannot change (baseCaseKey)", () => {
    const i = evInputs();
    const key = baseCaseKey(i);
    expect(baseCaseKey(sweepParameter("controllable").apply(i, 0.9))).toBe(key);
    expect(baseCaseKey(sweepParameter("storageCostScale").apply(i, 2))).toBe(key);
    for (const [name, value] of [["pvScale", 0.5], ["carbonPrice", 123], ["balanceWeight", 7]] as const) {
      expect(baseCaseKey(sweepParameter(name).apply(i, value))).not.toBe(key);
    }
  });

  it("PV scaling multiplies every day's available PV and the capacities", () => {
    const p = sweepParameter("pvScale");
    const half = p.apply(inputs, 0.5);
    expect(half.case.pv[0].capacityKw).toBe(inputs.case.pv[0].capacityKw / 2);
    half.scenarios.forEach((s, d) => s.pv[0].availKw.forEach((kw, t) => expect(kw).toBeCloseTo(inputs.scenarios[d].pv[0].availKw[t] / 2, 12)));
    // The inputs given are not changed.
    expect(inputs.case.pv[0].capacityKw).toBe(900);
  });

  it("rejects unknown parameters, invalid values and empty lists, naming what is wrong", async () => {
    expect(() => sweepParameter("windScale")).toThrow(ArgumentError);
    expect(() => sweepParameter("controllable").apply(inputs, 1.5)).toThrow(DataValidationError);
    expect(() => sweepParameter("controllable").apply(inputs, 1.5)).toThrow(/ev.controllable/);
    await expect(sweep(evCase(), [], { inputs })).rejects.toThrow(ArgumentError);
    await expect(sweep(evCase(), [Number.NaN], { inputs })).rejects.toThrow(ArgumentError);
  });

  it("checks every value before the first plan runs (a bad last value does not wait for the runs before it)", async () => {
    const onRow = vi.fn();
    await expect(sweep(inputs.case, [0.5, 1.5], { inputs, plan, onRow })).rejects.toThrow(/ev.controllable/);
    expect(onRow).not.toHaveBeenCalled();
  });
});

describe("the study's claims next to a sweep", () => {
  const row = (value: number, totalEnergyKwh: number, carbonReductionPct: number, pvBase: number, pv: number): SweepRow =>
    ({ parameter: "controllable", value, totalEnergyKwh, carbonReductionPct, pvUtilizationBasePct: pvBase, pvUtilizationPct: pv, sites: [] }) as unknown as SweepRow;
  const result = (rows: SweepRow[]): SweepResult => ({ parameter: { name: "controllable", label: "controllable EV share", unit: "share" }, rows, seconds: 0 });

  it("agrees when storage rises 0–25 %, carbon is within 3 points, PV 86 → > 97", () => {
    const claims = sweepClaims(result([row(0, 1000, 10, 86.5, 96), row(0.5, 1100, 17, 86.5, 98), row(0.8, 1150, 28, 86.5, 99)]));
    expect(claims.map((c) => c.agrees)).toEqual(["yes", "yes", "yes", "yes"]);
    expect(claims[1].ours).toBe("17.0 %");
    expect(claims[3].ours).toBe("86.5 % → 98.0 %");
  });

  it("says how far off it is otherwise", () => {
    const claims = sweepClaims(result([row(0.8, 900, 5, 80, 95), row(0, 1000, 1, 80, 90), row(0.5, 1000, 4.5, 80, 94)]));
    expect(claims[0].agrees).toBe("no (falls by 10 %)");
    expect(claims[1].agrees).toBe("no (-13.5 points)");
    expect(claims[2].agrees).toBe("no (-25.0 points)");
    expect(claims[3].agrees).toBe("no");
  });
});
