/**
 * The exact reference over the sitings on the tiny feeder: Benders with the siting fixed equals the extensive form
 * with the same siting; the search over sitings (cuts shared, the incumbent as a cutoff) equals the extensive form
 * and Benders on the free siting, and every siting it cut off has a lower bound at or above the plan's cost.
 */
import { runPlan, sitingBoundsChart, solveBenders, solveBySitings, solveExtensive } from "../lib";
import { tinyCase, tinyInputs } from "./planning-fixtures";

describe("the exact reference over the sitings", () => {
  it("Benders on a fixed siting = the extensive form on it", { timeout: 120_000 }, async () => {
    const inputs = tinyInputs();
    for (const fixBuild of [[true, false], [false, true]]) {
      const ext = await solveExtensive(inputs, { fixBuild });
      const b = await solveBenders(inputs, { workers: 0, fixBuild, gapTol: 1e-4, maxIterations: 60, finalDetail: false });
      expect(b.stop).toBe("gap");
      expect(Math.abs(b.objective - ext.objective) / ext.objective).toBeLessThan(1e-3);
      // Sizes only where the siting builds.
      fixBuild.forEach((built, j) => {
        if (!built) expect(b.x.eKwh[j]).toBe(0);
      });
    }
  });

  it.each([
    ["a fixed cost per site (every siting of at most maxSites)", tinyCase()],
    ["free sites (the maximal sitings)", tinyCase({ fixedCostCnyPerSite: 0, maxSites: 1 })],
  ])("with %s it finds the extensive form's plan", { timeout: 120_000 }, async (_label, c) => {
    const inputs = tinyInputs(c);
    const ext = await solveExtensive(inputs);
    const seen: boolean[][] = [];
    const r = await solveBySitings(inputs, { workers: 0, gapTol: 1e-4, onSiting: (row) => seen.push(row.siting) });
    expect(seen).toEqual(r.rows.map((row) => row.siting));
    expect(r.rows.length).toBe(c.storage.fixedCostCnyPerSite === 0 ? 2 : 3);
    expect(Math.abs(r.objective - ext.objective) / ext.objective).toBeLessThan(1e-3);
    expect(r.lowerBound).toBeLessThanOrEqual(ext.objective * (1 + 1e-6));
    expect(r.gapPct).toBeLessThanOrEqual(0.01 + 1e-9);
    expect(r.x.eKwh.map((e) => e > 1)).toEqual(ext.x.eKwh.map((e) => e > 1));
    for (const row of r.rows) if (row.stop === "cutoff") expect(row.lowerBound).toBeGreaterThanOrEqual(r.objective * (1 - 1e-4) * (1 - 1e-9));
    // The chart: one bound per siting, named by its buses, in the search's order; the optimum and the other plan as lines.
    const fig = sitingBoundsChart(r.rows, r.objective, { label: "extensive form", objective: ext.objective });
    const [bounds, , optimum, other] = fig.data as { x: string[]; y: number[] }[];
    expect(bounds.x).toEqual(r.rows.map((row) => row.buses.join(" + ") || "none"));
    expect(bounds.y).toEqual(r.rows.map((row) => row.lowerBound / 1e6));
    expect(optimum.y).toEqual([r.objective / 1e6, r.objective / 1e6]);
    expect(other.y[0]).toBe(ext.objective / 1e6);
  });
});

describe("runPlan with the sitings method", () => {
  it("gives the Benders plan's cost and checked days", { timeout: 120_000 }, async () => {
    const inputs = tinyInputs();
    const s = await runPlan(inputs.case, { inputs, method: "sitings", workers: 0, sitings: { gapTol: 1e-4 } });
    const b = await runPlan(inputs.case, { inputs, method: "benders", workers: 0, benders: { gapTol: 1e-4, maxIterations: 60 } });
    expect(s.method).toBe("sitings");
    expect(s.workers).toBe(b.workers);
    expect(Math.abs(s.objective - b.objective) / b.objective).toBeLessThan(1e-3);
    expect(s.plan).toHaveLength(inputs.scenarios.length);
    for (const d of s.plan) expect(d.acCheck.vMaxDiffPu).toBeLessThan(1e-3);
  });
});
