/**
 * The assumption search, checked two ways:
 *  - with a planner whose figures are a known function of the case (carbon 4.5 × s² for PV scale s, storage energy
 *    7800 kWh / storage-cost scale, …), so that each distance term, each tornado end, what the bounds reach and the
 *    sweeps' storage change can be worked out by hand;
 *  - through the command line on the paper case at K = 1: closest-case.json is a valid case, and `evsp plan --config`
 *    on it gives the figures the search recorded for it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it, beforeAll } from "vitest";
import {
  caseAt, distanceOf, distanceTerms, readPlanningCase, reproduce, reproductionAssumptions, validatePlanningCase, ArgumentError,
  type CasePlanner, type PlanningCase, type ReproduceResult,
} from "../lib";
import { runCliJson } from "./cli-run";
import "../lib/cli/commands/reproduce";
import "../lib/cli/commands/plan";

const paper = readPlanningCase();
const pvTotal = (c: PlanningCase) => c.pv.reduce((a, p) => a + p.capacityKw, 0);
const s0 = pvTotal(paper);

/** Figures as known functions of the PV scale s, the storage-cost scale r and the controllable share a. */
const fake: CasePlanner = async (c) => {
  const s = pvTotal(c) / s0;
  const r = c.storage.energyCostCnyPerKwh / paper.storage.energyCostCnyPerKwh;
  const a = c.ev.controllable;
  return {
    figures: {
      sites: s > 1.5 ? [16, 21] : [25, 29],
      energyKwh: (7800 / r) * (1 + 0.1 * a),
      annualCostCny: 1.78e6 * r,
      annualBenefitCny: 2.84e6 * Math.sqrt(s),
      carbonReductionPct: 4.5 * s * s,
      pvUtilizationPct: 99,
      pvUtilizationBasePct: 85.8,
    },
    gapPct: 0.05,
    stop: "gap",
    seconds: 0,
  };
};

describe("the search, with a planner known in closed form", () => {
  let result: ReproduceResult;
  const options = { assumptions: ["pvScale", "storageCostScale"], evaluations: 4, refine: 6, seed: 7, sweepValues: [0, 0.5, 0.8], planner: fake };
  beforeAll(async () => {
    result = await reproduce(paper, options);
  });

  it("measures the paper case's distance term by term", () => {
    const t = result.distance.paperTerms;
    expect(t.sites).toBe(1);
    expect(t.energy).toBeCloseTo((7800 * 1.05 - 5570) / 5570, 12);
    expect(t.cost).toBeCloseTo((2.3 - 1.78) / 2.3, 12);
    expect(t.benefit).toBeCloseTo((3.46 - 2.84) / 3.46, 12);
    expect(t.carbon).toBeCloseTo((18 - 4.5) / 18, 12);
    expect(t.pv).toBeCloseTo(0.2 / 86, 12);
    expect(result.distance.paperCase).toBeCloseTo(distanceOf(t), 12);
  });

  it("plans each assumption at its bounds for the tornado, the others at the paper case's values", () => {
    const pv = result.tornado.find((r) => r.assumption === "pvScale")!;
    // capacities are rounded to whole kW, so s is the rounded total over the paper case's
    expect(pv.figures.carbonReductionPct.low).toBeCloseTo(4.5 * 0.49, 2);
    expect(pv.figures.carbonReductionPct.high).toBeCloseTo(18, 2);
    const cost = result.tornado.find((r) => r.assumption === "storageCostScale")!;
    expect(cost.figures.energyKwh.low).toBeCloseTo(7800 * 1.05 / 0.5, 6);
    expect(cost.figures.annualCostCny.high).toBeCloseTo(1.78e6 * 1.5, 3);
    expect(result.tornado.map((r) => r.assumption)).toEqual(["pvScale", "storageCostScale"]);
  });

  it("returns the closest case planned, no farther than the paper case, as a valid case at its values", () => {
    const min = Math.min(...result.evaluations.map((e) => e.distance));
    expect(result.distance.closestCase).toBe(min);
    expect(min).toBeLessThan(result.distance.paperCase);
    // the paper case, 2 × 2 tornado ends, 4 random cases, at most 6 refinement steps (a step may revisit a case)
    expect(result.evaluations.length).toBeGreaterThanOrEqual(1 + 4 + 4);
    expect(result.evaluations.length).toBeLessThanOrEqual(1 + 4 + 4 + 6);
    const c = validatePlanningCase(JSON.parse(JSON.stringify(result.closest.case)));
    const s = result.closest.values.pvScale;
    c.pv.forEach((p, i) => expect(p.capacityKw).toBe(Math.round(paper.pv[i].capacityKw * s)));
    expect(c.storage.energyCostCnyPerKwh).toBeCloseTo(paper.storage.energyCostCnyPerKwh * result.closest.values.storageCostScale, 9);
    // the other assumptions stay at the paper case's values
    expect(c.network.maxExportKw).toBe(paper.network.maxExportKw);
    expect(c.balance.weightCnyPerDay).toBe(paper.balance.weightCnyPerDay);
  });

  it("says which figures the bounds reach: carbon and the sites at s = 2, PV use at the threshold, not the benefit", () => {
    const reach = Object.fromEntries(result.reach.map((r) => [r.figure, r]));
    expect(reach.carbon.reached).toBe(true);
    expect(reach.carbon.values.pvScale).toBeGreaterThan(1.9);
    expect(reach.sites.reached).toBe(true);
    expect(reach.pv.reached).toBe(true);
    // benefit 2.84 √s ≤ 2.84 √2 = 4.02: reachable; cost 1.78 r reaches 2.30 at r = 1.29
    expect(reach.cost.term).toBeLessThan(0.06);
    expect(result.reach.every((r) => r.reached === r.term <= 0.05 + 1e-12)).toBe(true);
  });

  it("sweeps the controllable share of both cases: storage +8 % from 0 to 0.8 here", () => {
    expect(result.closestSweep.map((p) => p.controllable)).toEqual([0, 0.5, 0.8]);
    const row = result.figures.find((f) => f.name === "storageVsControl")!;
    expect(row.paperCase).toBeCloseTo(8, 9);
    expect(row.closestCase).toBeCloseTo(8, 9);
    expect(result.figures.map((f) => f.name)).toEqual(["sites", "energyKwh", "annualCostCny", "annualBenefitCny", "carbonReductionPct", "pvUtilizationPct", "storageVsControl"]);
  });

  it("is seeded: the same seed plans the same cases, another seed others", async () => {
    const again = await reproduce(paper, options);
    expect(again.evaluations.map((e) => e.values)).toEqual(result.evaluations.map((e) => e.values));
    const other = await reproduce(paper, { ...options, seed: 8, refine: 0 });
    expect(other.evaluations.filter((e) => e.origin === "random").map((e) => e.values)).not.toEqual(result.evaluations.filter((e) => e.origin === "random").map((e) => e.values));
  });

  it("rejects an unknown assumption and values outside the bounds, naming them", async () => {
    await expect(reproduce(paper, { ...options, assumptions: ["pvSize"] })).rejects.toThrow(/pvSize/);
    const a = reproductionAssumptions(paper);
    expect(() => caseAt(paper, a, { pvScale: 5 })).toThrow(ArgumentError);
    expect(() => caseAt(paper, a, { placement: 0.5 })).toThrow(/whole/);
    expect(distanceTerms({ sites: [16, 21], energyKwh: 5570, annualCostCny: 2.3e6, annualBenefitCny: 3.46e6, carbonReductionPct: 18, pvUtilizationPct: 98, pvUtilizationBasePct: 86 })).toEqual({ sites: 0, energy: 0, cost: 0, benefit: 0, carbon: 0, pv: 0 });
  });
});

describe("evsp reproduce on the paper case (K = 1)", () => {
  it("writes a closest case that evsp plan re-plans to the figures the search recorded", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-reproduce-"));
    const out = (await runCliJson(["reproduce", "--k", "1", "--assumptions", "balanceWeight", "--evaluations", "1", "--refine", "0", "--controllable", "0.5", "--workers", "0", "--max-iterations", "6", "--out", dir, "--json"])) as unknown as ReproduceResult;
    expect(out.evaluations.length).toBe(4);
    expect(fs.existsSync(path.join(dir, "reproduce.html"))).toBe(true);
    const file = path.join(dir, "closest-case.json");
    const c = validatePlanningCase(JSON.parse(fs.readFileSync(file, "utf8")));
    expect(c.scenarios.k).toBe(1);
    expect(c.balance.weightCnyPerDay).toBeCloseTo(out.closest.values.balanceWeight, 9);
    const plan = (await runCliJson(["plan", "--config", file, "--workers", "0", "--max-iterations", "6", "--json"])) as Record<string, number & unknown>;
    const rec = out.evaluations.find((e) => JSON.stringify(e.values) === JSON.stringify(out.closest.values))!;
    expect((plan.sites as unknown as { bus: number }[]).map((s) => s.bus)).toEqual(rec.figures.sites);
    expect(plan.totalEnergyKwh).toBeCloseTo(rec.figures.energyKwh, 3);
    expect(plan.carbonReductionPct).toBeCloseTo(rec.figures.carbonReductionPct, 6);
    expect(plan.annualBenefitCny).toBeCloseTo(rec.figures.annualBenefitCny, 0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
