/**
 * The balance objective's effect on the tiny feeder, checked by what holds for (near-)optimal plans and by
 * recomputation from other quantities:
 *  - for plans optimal within ε at weights w1 < w2 of the same cost f plus w·B, adding the two optimality conditions
 *    gives (w2 − w1)(B2 − B1) ≤ ε1 + ε2: a larger weight never buys a larger index (beyond the gaps);
 *  - the cost-only plan minimises the cost without balance, so every other plan's is at least as large (beyond ε);
 *  - the cost without balance plus 365 × the expected balance part is the plan's objective (Benders' own bound);
 *  - the index taken apart from the loading ratios equals the model's linear expression of the currents;
 *  - new peaks and expected loading on days small enough to count by hand.
 */
import { describe, expect, it, beforeAll } from "vitest";
import { balanceEffect, costWithoutBalance, expectedLoading, newPeakHoursPerYear, type BalanceEffectResult, type CheckedDay } from "../lib";
import { tinyCase, tinyInputs } from "./planning-fixtures";

const plan = { workers: 0, benders: { gapTol: 1e-6, maxIterations: 100 } };
const eps = (r: BalanceEffectResult["rows"][number]) => r.summary.objectiveCny - r.summary.lowerBoundCny + 1e-6 * Math.abs(r.summary.objectiveCny);

describe("balance effect on the tiny feeder", () => {
  const inputs = tinyInputs(tinyCase());
  const weights = [0, 100, 20000];
  let result: BalanceEffectResult;
  beforeAll(async () => {
    result = await balanceEffect(inputs.case, { weights, inputs, plan });
  });

  it("plans every weight, the cost-only plan first, and prices balance against it", () => {
    expect(result.rows.map((r) => r.weightCnyPerDay)).toEqual(weights);
    expect(result.rows[0].balanceCostCny).toBe(0);
    for (const r of result.rows.slice(1)) expect(r.costWithoutBalanceCny).toBeGreaterThanOrEqual(result.rows[0].costWithoutBalanceCny - eps(result.rows[0]));
  });

  it("never buys a larger balance index with a larger weight (beyond the plans' gaps)", () => {
    for (let i = 0; i + 1 < result.rows.length; i++) {
      const [a, b] = [result.rows[i], result.rows[i + 1]];
      expect(b.balance.plan.index).toBeLessThanOrEqual(a.balance.plan.index + (eps(a) + eps(b)) / (b.weightCnyPerDay - a.weightCnyPerDay));
    }
    // and on this feeder the heaviest weight does lower it
    expect(result.rows[2].balance.plan.index).toBeLessThan(result.rows[0].balance.plan.index - 1e-4);
  });

  it("adds up: cost without balance + 365 × the balance part = the objective; parts from loading = the model's index", () => {
    result.runs.forEach((run, k) => {
      const balancePart = 365 * run.plan.reduce((a, d) => a + d.dispatch.probability * d.dispatch.costParts.balance, 0);
      expect(costWithoutBalance(run) + balancePart).toBeCloseTo(run.objective, 4);
      const fromModel = run.plan.reduce((a, d) => a + d.dispatch.probability * d.dispatch.balance, 0);
      const p = result.rows[k].balance.plan;
      expect(p.index).toBeCloseTo(fromModel, 9);
      expect(p.level + p.spatial + p.temporal).toBeCloseTo(p.index, 12);
      expect(balancePart).toBeCloseTo(365 * weights[k] * fromModel, 6);
    });
  });

  it("rejects a negative weight", async () => {
    await expect(balanceEffect(inputs.case, { weights: [0, -1], inputs, plan })).rejects.toThrow(/weights/);
  });
});

const day = (id: string, probability: number, x: number[][]) => ({ dispatch: { scenarioId: id, probability, branchLoading: x } }) as unknown as CheckedDay;

describe("new peaks and expected loading, by hand", () => {
  // base: branch 1 peaks at 0.6, branch 2 at 0.5 on S1; plan exceeds branch 1's peak in one hour, branch 2's in two
  const base = [day("S1", 0.5, [[0.6, 0.5], [0.4, 0.2]]), day("S2", 0.5, [[0.3, 0.3], [0.3, 0.3]])];
  const planDays = [day("S1", 0.5, [[0.7, 0.55], [0.6, 0.9]]), day("S2", 0.5, [[0.3, 0.3], [0.2, 0.1]])];

  it("counts the branch-hours above the base day's largest loading of the branch, 365 × probability each", () => {
    expect(newPeakHoursPerYear(base, planDays)).toBeCloseTo(365 * 0.5 * 3, 9);
  });

  it("averages the loading over the days by probability", () => {
    const m = expectedLoading(planDays);
    expect(m[0][0]).toBeCloseTo(0.5, 12);
    expect(m[1][1]).toBeCloseTo(0.5, 12);
  });
});
