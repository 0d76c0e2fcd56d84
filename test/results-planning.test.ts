/**
 * Planning KPIs on hand-made days (no solver): annual figures are 365 × the probability-weighted days, benefits are
 * base minus plan, ROI is benefit / cost; the study's figures match the article they come from.
 */
import * as fs from "fs";
import * as path from "path";
import { annualFigures, paperComparison, planningKpis, STUDY_FIGURES, sharedDataDir } from "../lib";
import type { CheckedDay, DayDispatch, PlanRun } from "../lib";
import { tinyCase, tinyInputs } from "./planning-fixtures";

function day(id: string, probability: number, o: Partial<DayDispatch>): CheckedDay {
  const zeros = new Array(24).fill(0);
  const d: DayDispatch = {
    scenarioId: id,
    date: "2019-01-01",
    probability,
    costCny: 0,
    costParts: { energy: 0, carbon: 0, curtailment: 0, losses: 0, unserved: 0, peak: 0, balance: 0 },
    importKw: zeros,
    exportKw: zeros,
    lossKw: zeros,
    pv: [],
    storage: [],
    ev: [],
    vPu: [],
    branchLoading: [],
    unservedKwh: 0,
    unserved: [],
    bindingLimits: [],
    energyBoughtKwh: 0,
    energySoldKwh: 0,
    carbonT: 0,
    pvAvailKwh: 0,
    pvUsedKwh: 0,
    lossKwh: 0,
    storageLossKwh: 0,
    peakImportKw: 0,
    balance: 0,
    coneGapBranchPu2: 0,
    coneGapStoragePu2: 0,
    storageBurntKwh: 0,
    ...o,
  };
  return { dispatch: d, acCheck: { lossDiffPct: 0, lossDiffKw: 0, vMaxDiffPu: 0 } };
}

describe("planning KPIs", () => {
  const c = tinyCase();
  const base = [
    day("S1", 0.25, { costParts: { energy: 1000, carbon: 100, curtailment: 0, losses: 0, unserved: 0, peak: 0, balance: 0 }, carbonT: 2, pvAvailKwh: 1000, pvUsedKwh: 800, peakImportKw: 500, balance: 0.3, branchLoading: [[0.5, 1.2, 0.3]] }),
    day("S2", 0.75, { costParts: { energy: 2000, carbon: 200, curtailment: 0, losses: 0, unserved: 0, peak: 0, balance: 0 }, carbonT: 4, pvAvailKwh: 200, pvUsedKwh: 200, peakImportKw: 700, balance: 0.2 }),
  ];
  const plan = [
    day("S1", 0.25, { costParts: { energy: 800, carbon: 80, curtailment: 0, losses: 0, unserved: 0, peak: 0, balance: 0 }, carbonT: 1.6, pvAvailKwh: 1000, pvUsedKwh: 990, peakImportKw: 450, balance: 0.25 }),
    day("S2", 0.75, { costParts: { energy: 1900, carbon: 190, curtailment: 0, losses: 0, unserved: 0, peak: 0, balance: 0 }, carbonT: 3.8, pvAvailKwh: 200, pvUsedKwh: 200, peakImportKw: 600, balance: 0.2 }),
  ];
  const run = {
    case: c,
    inputs: tinyInputs(c),
    method: "benders",
    x: { built: [false, true], eKwh: [0, 1000], pKw: [0, 500] },
    plan,
    base,
    iterations: 3,
    gapPct: 0.05,
    stop: "gap",
  } as unknown as PlanRun;

  it("annual figures are 365 × probability-weighted days", () => {
    const a = annualFigures(base);
    expect(a.energyCostCny).toBeCloseTo(365 * (0.25 * 1000 + 0.75 * 2000), 9);
    expect(a.carbonT).toBeCloseTo(365 * (0.25 * 2 + 0.75 * 4), 9);
    expect(a.pvUtilizationPct).toBeCloseTo((100 * (0.25 * 800 + 0.75 * 200)) / (0.25 * 1000 + 0.75 * 200), 9);
    expect(a.peakImportKw).toBe(700);
    expect(a.expectedPeakKw).toBeCloseTo(0.25 * 500 + 0.75 * 700, 9);
  });

  it("benefits are base minus plan; ROI is benefit over the annualised cost", () => {
    const k = planningKpis(run);
    const energy = 365 * (0.25 * 200 + 0.75 * 100);
    const carbon = 365 * (0.25 * 20 + 0.75 * 10);
    const deferral = (700 - 600) * c.upgrade.costCnyPerKwYear;
    expect(k.benefits.energyPurchaseCny).toBeCloseTo(energy, 6);
    expect(k.benefits.carbonCny).toBeCloseTo(carbon, 6);
    expect(k.benefits.upgradeDeferralCny).toBeCloseTo(deferral, 6);
    const g = 1.05 ** 10;
    const crf = (0.05 * g) / (g - 1);
    const cost = (crf + c.storage.omShare) * (1000 * c.storage.energyCostCnyPerKwh + 500 * c.storage.powerCostCnyPerKw + c.storage.fixedCostCnyPerSite);
    expect(k.annualCostCny).toBeCloseTo(cost, 6);
    expect(k.roiPct).toBeCloseTo((100 * (energy + carbon + deferral)) / cost, 6);
    expect(k.carbonReductionPct).toBeCloseTo((100 * (365 * (0.25 * 0.4 + 0.75 * 0.2))) / (365 * 3.5), 9);
    expect(k.sites).toEqual([{ bus: 4, energyKwh: 1000, powerKw: 500, durationH: 2 }]);
    expect(paperComparison(run, k).find((r) => r.figure.startsWith("storage sites"))!.ours).toBe("4");
    // the base case's one loaded hour: branch 2→3 at 1.2 × its rating, on a day of probability 0.25
    expect(k.loadingBase.peak).toMatchObject({ ratio: 1.2, fromBus: 2, toBus: 3, hour: 0, day: "S1" });
    expect(k.loadingBase.overloadHoursPerYear).toBeCloseTo(365 * 0.25, 9);
    expect(k.loadingPlan.peak.ratio).toBe(0);
  });

  const article = path.join(sharedDataDir(), "..", "study");
  it.skipIf(!fs.existsSync(article))("the study's figures are the article's", () => {
    const text = fs.readdirSync(article).map((f) => fs.readFileSync(path.join(article, f), "utf8")).join("\n");
    for (const s of ["2.25 MWh at Node 16", "3.32 MWh at Node 21", "¥2.3 million", "¥3.46 million", "¥2.67 million", "¥0.12 million", "¥0.67 million", "150%", "18%", "30%", "86%", "97%", "30 iterations"]) {
      expect(text).toContain(s);
    }
    expect(STUDY_FIGURES.energyMwh).toEqual([2.25, 3.32]);
  });
});
