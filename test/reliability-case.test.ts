/**
 * Issue 19, the planning case and `evsp plan`: a misspelt key, an empty or duplicated candidate list, maxSites 0,
 * sites on the slack bus or off the network, bad counts of workers and iterations, and a plan that builds nothing
 * without saying why. Each was accepted (or failed inside an internal function) before.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { caseNetwork, checkCaseBuses, noStorageReason, planningKpis, planSummary, readPlanningCase, runPlan, solveBenders, solveExtensive, validatePlanningCase } from "../lib";
import { editDistance, nearestKey } from "../lib/model/planning/case-keys";
import type { ExtensiveOptions } from "../lib";
import type { PlanningCase } from "../lib";
import { runCli } from "./cli-run";

import { ArgumentError, DataValidationError } from "../lib/util/errors";
import { tinyCase, tinyInputs } from "./planning-fixtures";

const paper = () => JSON.parse(JSON.stringify(readPlanningCase())) as PlanningCase & Record<string, unknown>;

/** The DataValidationError `fn` throws (fails if it throws nothing or something else). */
function dataError(fn: () => unknown): DataValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataValidationError);
    return e as DataValidationError;
  }
  throw new Error("expected a DataValidationError");
}

describe("a case's keys: an unknown (misspelt) key is an error that suggests the nearest known key", () => {
  it("edit distance by hand", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("maxSite", "maxSites")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("MaxSites", "maxSites")).toBe(0);
    expect(nearestKey("controlable", ["controllable", "model"])).toBe("controllable");
    expect(nearestKey("wind", ["controllable", "model"])).toBeUndefined();
  });

  it("at every level: top, nested object, list item", () => {
    const top = paper();
    top.storge = top.storage;
    expect(dataError(() => validatePlanningCase(top))).toMatchObject({ field: "storge", message: expect.stringMatching(/did you mean "storage"/) });
    const nested = paper();
    (nested.storage as unknown as Record<string, unknown>).maxSite = 3;
    expect(dataError(() => validatePlanningCase(nested))).toMatchObject({ field: "storage.maxSite", message: expect.stringMatching(/did you mean "maxSites"/) });
    const item = paper();
    (item.ev.stations[1] as unknown as Record<string, unknown>).bux = 5;
    expect(dataError(() => validatePlanningCase(item))).toMatchObject({ field: "ev.stations[1].bux", message: expect.stringMatching(/did you mean "bus"/) });
    const far = paper();
    (far.network as unknown as Record<string, unknown>).windFarm = true;
    expect(dataError(() => validatePlanningCase(far)).message).toMatch(/unknown key "windFarm"; known keys here: case, vMinPu/);
    // free text under notes is free
    const notes = paper();
    notes.notes = { anything: "goes" };
    expect(() => validatePlanningCase(notes)).not.toThrow();
  });

  it("readPlanningCase names the file too", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-case-"));
    const f = path.join(dir, "c.json");
    const c = paper();
    c.scenario = c.scenarios;
    fs.writeFileSync(f, JSON.stringify(c));
    expect(dataError(() => readPlanningCase(f))).toMatchObject({ field: "scenario", file: f });
    fs.rmSync(dir, { recursive: true });
  });

  it("both committed cases and the test fixture use known keys only", () => {
    expect(() => validatePlanningCase(paper())).not.toThrow();
    expect(() => validatePlanningCase(tinyCase())).not.toThrow();
  });
});

describe("storage candidates and sites", () => {
  it("empty candidates, maxSites 0 or fractional, duplicates: typed errors naming the field", () => {
    expect(dataError(() => validatePlanningCase(tinyCase({ candidates: [] })))).toMatchObject({ field: "storage.candidates" });
    expect(dataError(() => validatePlanningCase(tinyCase({ maxSites: 0 })))).toMatchObject({ field: "storage.maxSites" });
    expect(dataError(() => validatePlanningCase(tinyCase({ maxSites: 1.5 })))).toMatchObject({ field: "storage.maxSites" });
    expect(dataError(() => validatePlanningCase(tinyCase({ candidates: [3, 4, 3] })))).toMatchObject({ field: "storage.candidates[2]", message: expect.stringMatching(/twice.*storage.candidates\[0\]/) });
    expect(dataError(() => validatePlanningCase(tinyCase({ candidates: [3, 0] })))).toMatchObject({ field: "storage.candidates[1]" });
  });

  it("a bus off the network names its field: storage.candidates[0], ev.stations[1].bus, pv[2].bus", () => {
    const c = paper();
    const net = caseNetwork(c);
    expect(net.buses.length).toBe(33);
    const off = (change: (x: PlanningCase) => void) => {
      const x = paper();
      change(x);
      return dataError(() => checkCaseBuses(x, net));
    };
    expect(off((x) => (x.storage.candidates[0] = 34))).toMatchObject({ field: "storage.candidates[0]", message: expect.stringMatching(/bus 34 is not a bus of ieee33 \(1…33\)/) });
    expect(off((x) => (x.ev.stations[1].bus = 40))).toMatchObject({ field: "ev.stations[1].bus" });
    expect(off((x) => (x.pv[2].bus = 99))).toMatchObject({ field: "pv[2].bus" });
    expect(() => checkCaseBuses(c, net)).not.toThrow();
  });

  it("a storage candidate or PV plant on the slack bus is an error (it did nothing)", () => {
    const c = paper();
    const net = caseNetwork(c);
    c.storage.candidates[1] = net.slackBus;
    expect(dataError(() => checkCaseBuses(c, net))).toMatchObject({ field: "storage.candidates[1]", message: expect.stringMatching(/slack bus/) });
    const p = paper();
    p.pv[0].bus = net.slackBus;
    expect(dataError(() => checkCaseBuses(p, net))).toMatchObject({ field: "pv[0].bus" });
  });
});

describe("counts: workers and iterations", () => {
  it("the library refuses workers −1 or 1.5 and maxIterations 0 before solving anything", async () => {
    const inputs = tinyInputs();
    await expect(runPlan(inputs.case, { inputs, workers: -1 })).rejects.toThrow(ArgumentError);
    await expect(runPlan(inputs.case, { inputs, workers: 1.5 })).rejects.toThrow(/workers must be a whole number/);
    await expect(solveBenders(inputs, { workers: 0, maxIterations: 0 })).rejects.toThrow(/maxIterations must be a whole number ≥ 1/);
    await expect(solveBenders(inputs, { workers: 0, gapTol: 0 })).rejects.toThrow(/gapTol/);
  });

  it("solveExtensive refuses maxRounds 0, a non-positive coneTol, a negative time limit and an unknown search before building its model", async () => {
    const inputs = tinyInputs();
    const refused = async (options: ExtensiveOptions, field: string) => {
      const err = await solveExtensive(inputs, options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, field).toBeInstanceOf(ArgumentError);
      expect(err, field).toMatchObject({ field, message: expect.stringContaining(field) });
    };
    await refused({ maxRounds: 0 }, "maxRounds");
    await refused({ maxRounds: 2.5 }, "maxRounds");
    await refused({ coneTol: -1e-7 }, "coneTol");
    await refused({ coneTol: Number.NaN }, "coneTol");
    await refused({ totalTimeLimitS: -1 }, "totalTimeLimitS");
    await refused({ totalTimeLimitS: Number.NaN }, "totalTimeLimitS");
    await refused({ timeLimitS: -1 }, "timeLimitS");
    await refused({ search: "exhaustive" as ExtensiveOptions["search"] }, "search");
    await refused({ fixBuild: [true] }, "fixBuild");
  }, 60_000);

  it("evsp plan --workers -1 / --max-iterations 0 / --k 0: usage errors naming the option, exit 2, no plan run", async () => {
    for (const [flag, value] of [["--workers", "-1"], ["--max-iterations", "0"], ["--k", "0"]]) {
      const o = await runCli(["plan", flag, value, "--json"]);
      expect(JSON.parse(o.stdout.trim()).error).toMatchObject({ code: "ARGUMENT", field: flag });
      expect(o.exitCode).toBe(2);
    }
  });
});

describe("a plan that builds nothing says why", () => {
  it("the reason, by the case's numbers", () => {
    const none = { built: [false, false], eKwh: [0, 0], pKw: [0, 0] };
    const bounds = { objective: 1e6, lowerBound: 999_500, gapPct: 0.05 };
    const poor = tinyCase({ budgetCny: 15_000 });
    expect(noStorageReason(poor, none, bounds)).toMatch(/budget \(storage.budgetCny = ¥15,000\) is below the fixed cost of one site \(storage.fixedCostCnyPerSite = ¥20,000\)/);
    // (50 000 − 20 000) / (300 + 100 / 4) ¥/kWh = 92 kWh at most
    expect(noStorageReason(tinyCase({ budgetCny: 50_000 }), none, bounds)).toMatch(/does not pay.*at most 92 kWh at one site/);
    expect(noStorageReason(tinyCase(), none, bounds)).toMatch(/does not pay.*¥1,000,000.*¥999,500/);
    expect(noStorageReason(tinyCase(), { built: [true, false], eKwh: [100, 0], pKw: [50, 0] }, bounds)).toBeUndefined();
  });

  it("end to end: a budget below one site's fixed cost plans no storage and the summary says why", async () => {
    const c = tinyCase({ budgetCny: 15_000 });
    const inputs = tinyInputs(c);
    const run = await runPlan(c, { inputs, workers: 0 });
    expect(run.x.built).toEqual([false, false]);
    expect(run.noStorageReason).toMatch(/budget/);
    const summary = planSummary(run, planningKpis(run));
    expect(summary.sites).toEqual([]);
    expect(summary.noStorageReason).toBe(run.noStorageReason);
    // timing: every time under one object, so two runs compare equal without it
    const again = planSummary(await runPlan(c, { inputs, workers: 0 }), planningKpis(run));
    const { timing: t1, ...a } = summary;
    const { timing: t2, ...b } = again;
    expect(t1.seconds).toBeGreaterThan(0);
    expect(t2.seconds).toBeGreaterThan(0);
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toMatch(/[sS]econds/);
    // The AC voltage check under one name everywhere: the largest difference over every day of plan and base case.
    const days = [...run.plan, ...run.base].map((d) => d.acCheck.vMaxDiffPu);
    expect(summary.acVMaxDiffPu).toBe(Math.max(...days));
    expect(planningKpis(run).verification.acVMaxDiffPu).toBe(Math.max(...days));
  }, 120_000);
});
