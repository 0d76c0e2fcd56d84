/**
 * Line ratings with hosted generation, and the loading figures of a plan, against hand computations:
 *  - a 2-bus feeder in closed form: |V2|² solves u² − (V1² − 2(rP + xQ)) u + (r² + x²)(P² + Q²) = 0 (larger root),
 *    so the load case's sending-end flow and the generation case's current are known without a power flow;
 *  - loading matrices small enough to take apart by hand (level, spread over branches, spread over hours).
 */
import { describe, expect, it } from "vitest";
import * as fs from "fs";
import { createNetwork, withLineRatings } from "../lib/network";
import { balanceParts, describePeak, loadingFigures } from "../lib/results";
import type { CheckedDay } from "../lib/decomposition/plan";
import { validatePlanningCase } from "../lib/model/planning/case";
import { caseNetwork } from "../lib/cases/inputs";
import { paperCasePath } from "../lib/cases/read-case";
import { DataValidationError } from "../lib/util/errors";

/** |V2| of a 2-bus feeder with slack 1 pu and load p + jq at bus 2 (pu; negative p: generation). */
function twoBusV2(r: number, x: number, p: number, q: number): number {
  const b = 1 - 2 * (r * p + x * q);
  return Math.sqrt((b + Math.sqrt(b * b - 4 * (r * r + x * x) * (p * p + q * q))) / 2);
}

// base 1 MVA, 10 kV: 1 pu = 1000 kVA
const chain = (loads: [number, number][]) =>
  createNetwork({
    name: "hand",
    baseMva: 1,
    baseKv: 10,
    slackBus: 1,
    buses: loads.map(([p, q], k) => ({ bus: k + 1, pLoadKw: p, qLoadKvar: q })),
    branches: loads.slice(1).map((_, k) => ({ fromBus: k + 1, toBus: k + 2, rPu: 0.02, xPu: 0.01 })),
  });

describe("ratings that carry the hosted generation (loadAndGeneration)", () => {
  it("rates a 2-bus feeder at the larger of 1.5 × its load flow and its plant's current at no load", () => {
    const [r, x] = [0.02, 0.01];
    for (const [pvKw, expectGeneration] of [[900, true], [100, false]] as const) {
      const net = withLineRatings(chain([[0, 0], [300, 100]]), { kind: "loadAndGeneration", factor: 1.5, generationKw: { 2: pvKw } });
      // load case: I = |S2| / |V2|, sending end = S2 + z I²
      const v = twoBusV2(r, x, 0.3, 0.1);
      const i2 = (0.3 ** 2 + 0.1 ** 2) / v ** 2;
      const loadKva = 1000 * Math.hypot(0.3 + r * i2, 0.1 + x * i2);
      // generation case: bus 2 injects pvKw at unity power factor and draws nothing
      const genKva = (1000 * (pvKw / 1000)) / twoBusV2(r, x, -pvKw / 1000, 0);
      const want = Math.max(1.5 * loadKva, genKva);
      expect(net.branches[0].rateKva).toBeCloseTo(want, 6);
      // the 900 kW plant sets the rating, the 100 kW one does not
      expect(genKva > 1.5 * loadKva).toBe(expectGeneration);
    }
  });

  it("leaves branches beyond the plant at the load rule's rating", () => {
    const loads: [number, number][] = [[0, 0], [200, 50], [150, 40]];
    const withPv = withLineRatings(chain(loads), { kind: "loadAndGeneration", factor: 1.5, generationKw: { 2: 1200 } });
    const loadOnly = withLineRatings(chain(loads), { kind: "baseFlowMultiple", factor: 1.5 });
    expect(withPv.branches[1].rateKva).toBeCloseTo(loadOnly.branches[1].rateKva as number, 9);
    expect(withPv.branches[0].rateKva as number).toBeGreaterThan(1100);
  });

  it("is what the paper case's `ratings: \"peakLoadAndPv\"` gives, and a bad value names its field", () => {
    const c = validatePlanningCase(JSON.parse(fs.readFileSync(paperCasePath(), "utf8")));
    expect(c.network.ratings).toBe("peakLoadAndPv");
    const net = caseNetwork(c);
    const byLoad = caseNetwork({ ...c, network: { ...c.network, ratings: "peakLoad" } });
    // branch 15→16 serves 210 kW of load but connects the 1280 kW plant at bus 16
    const e = net.branches.findIndex((b) => b.fromBus === 15 && b.toBus === 16);
    expect(byLoad.branches[e].rateKva as number).toBeLessThan(400);
    expect(net.branches[e].rateKva as number).toBeGreaterThan(1150);
    net.branches.forEach((b, k) => expect(b.rateKva as number).toBeGreaterThanOrEqual((byLoad.branches[k].rateKva as number) - 1e-9));
    const bad = JSON.parse(fs.readFileSync(paperCasePath(), "utf8"));
    bad.network.ratings = "thermal";
    expect(() => validatePlanningCase(bad)).toThrow(DataValidationError);
    expect(() => validatePlanningCase(bad)).toThrow(/network\.ratings/);
  });
});

const day = (id: string, probability: number, x: number[][]) =>
  ({ dispatch: { scenarioId: id, date: `2019-01-0${id.slice(1)}`, probability, branchLoading: x }, acCheck: {} }) as unknown as CheckedDay;
const ends = [
  { id: 1, fromBus: 1, toBus: 2 },
  { id: 2, fromBus: 2, toBus: 3 },
];

describe("loading figures", () => {
  it("takes the balance index apart into level, spread over branches and spread over hours", () => {
    // branch means 0.5 and 1.0 (overall 0.75); hours of branch 1: 0.2, 0.8; of branch 2: 1.0, 1.0
    const p = balanceParts([
      [0.2, 1.0],
      [0.8, 1.0],
    ]);
    expect(p.index).toBeCloseTo((0.04 + 1 + 0.64 + 1) / 4, 12);
    expect(p.level).toBeCloseTo(0.5625, 12);
    expect(p.spatial).toBeCloseTo((0.25 ** 2 + 0.25 ** 2) / 2, 12);
    expect(p.temporal).toBeCloseTo((0.09 + 0.09) / 4, 12);
    expect(p.level + p.spatial + p.temporal).toBeCloseTo(p.index, 12);
  });

  it("finds the most loaded branch-hour and counts the hours above rating in a year", () => {
    const days = [
      day("S1", 0.25, [
        [0.5, 1.2],
        [0.9, 0.4],
      ]),
      day("S2", 0.75, [
        [1.0, 0.3],
        [1.1, 0.2],
      ]),
    ];
    const f = loadingFigures(days, ends);
    expect(f.peak).toEqual({ ratio: 1.2, branchId: 2, fromBus: 2, toBus: 3, hour: 0, day: "S1", date: "2019-01-01" });
    // one hour above rating on S1 (1.2), one on S2 (1.1; 1.0 is at rating): 365 × (0.25 + 0.75)
    expect(f.overloadHoursPerYear).toBeCloseTo(365, 9);
    const b1 = balanceParts(days[0].dispatch.branchLoading);
    const b2 = balanceParts(days[1].dispatch.branchLoading);
    expect(f.balance.index).toBeCloseTo(0.25 * b1.index + 0.75 * b2.index, 12);
    expect(describePeak(f.peak)).toBe("1.20 × rating on branch 2 (2→3) at 00:00 of S1 (2019-01-01)");
  });
});
