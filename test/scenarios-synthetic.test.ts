/**
 * The synthetic fallback year: reproducible parameters (re-derived from the real file when present), the generated
 * year's statistics against its parameters and against the real 2019 (raw sums computed here), and the planning-year
 * loader with and without the shared data.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { hasSharedData, SHARED_FILES, sharedDataFile } from "../lib/io/paths";
import { dailyProfiles } from "../lib/scenarios/daily-profiles";
import { calibrateSyntheticFromFile, loadPlanningYear, planningScenarios } from "../lib/scenarios/planning-year";
import { validateScenarioSet } from "../lib/scenarios/scenario-set-json";
import { readSyntheticParams, syntheticYear, validateSyntheticParams } from "../lib/scenarios/synthetic-year";
import { DataValidationError } from "../lib/util/errors";

const REAL = hasSharedData(SHARED_FILES.pvFrance);
if (!REAL) console.log("[synthetic] shared data absent: comparisons with the real French file skipped");

describe("synthetic year", () => {
  const params = readSyntheticParams();

  it.skipIf(!REAL)("the committed parameters are exactly what the documented procedure derives from the real file", () => {
    expect(calibrateSyntheticFromFile()).toEqual(params);
  });

  it("is deterministic, covers the local year with its DST days, and stays within its bases", () => {
    const a = syntheticYear(params, { seed: 5 });
    expect(syntheticYear(params, { seed: 5 })).toEqual(a);
    expect(syntheticYear(params, { seed: 6 }).pvMw.values).not.toEqual(a.pvMw.values);
    expect(a.pvMw.startMs.length).toBe(8760);
    expect(a.pvMw.startMs[0]).toBe(Date.parse("2018-12-31T23:00:00Z"));
    expect(Math.max(...a.pvMw.values)).toBeLessThanOrEqual(params.pvBasisMw);
    expect(Math.min(...a.pvMw.values)).toBeGreaterThanOrEqual(0);
    const m = dailyProfiles(a.loadMw, { year: 2019 });
    expect(m.report.daysUsed).toBe(365);
    expect(m.report.dst).toMatchObject({ shortDays: 1, longDays: 1 });
    expect(syntheticYear(params, { seed: 1, year: 2015, years: 5 }).pvMw.startMs.length).toBe(43_824);
  });

  it("monthly mean profiles match the parameters' shapes", () => {
    const y = syntheticYear(params, { seed: 11, year: 2019, years: 3 });
    const pv = dailyProfiles(y.pvMw);
    const load = dailyProfiles(y.loadMw);
    for (let m = 0; m < 12; m++) {
      const rows = pv.values.filter((_, d) => Number(pv.dates[d].slice(5, 7)) === m + 1);
      const simulated = rows.reduce((s, r) => s + r.reduce((a, b) => a + b, 0), 0) / rows.length / params.pvBasisMw;
      const expected = params.pv.shape[m].reduce((a, b) => a + b, 0);
      expect(Math.abs(simulated / expected - 1)).toBeLessThan(0.08);
      const lrows = load.values.filter((_, d) => Number(load.dates[d].slice(5, 7)) === m + 1 && load.dayTypes[d] === "weekday");
      const lsim = lrows.reduce((s, r) => s + r.reduce((a, b) => a + b, 0), 0) / lrows.length / params.loadPeakMw;
      expect(Math.abs(lsim / params.load.shape[m][0].reduce((a, b) => a + b, 0) - 1)).toBeLessThan(0.03);
    }
  });

  // One realisation of an AR(1) daily process: a month's mean has a standard error of ~9 % (PV) and ~3.5 % (load), so
  // the bounds are about 2.5 standard errors for months, tighter for the year.
  it.skipIf(!REAL)("monthly energies within 25 % (PV) and 8 % (load) of the real 2019, the year within 5 % and 2 % (raw sums)", () => {
    const lines = fs.readFileSync(sharedDataFile(SHARED_FILES.pvFrance), "utf8").split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(","));
    const realPv = new Array(12).fill(0);
    const realLoad = new Array(12).fill(0);
    const hours = new Array(12).fill(0);
    for (const f of lines) {
      if (!f[1].startsWith("2019")) continue;
      const m = Number(f[1].slice(5, 7)) - 1;
      if (f[2] === "" || f[4] === "") continue;
      realPv[m] += Number(f[4]);
      realLoad[m] += Number(f[2]);
      hours[m]++;
    }
    const syn = syntheticYear(params);
    const synPv = new Array(12).fill(0);
    const synLoad = new Array(12).fill(0);
    const synHours = new Array(12).fill(0);
    syn.pvMw.startMs.forEach((t, i) => {
      const m = new Date(t + 3_600_000).getUTCMonth(); // CET month is good enough for monthly sums away from edges
      synPv[m] += syn.pvMw.values[i];
      synLoad[m] += syn.loadMw.values[i];
      synHours[m]++;
    });
    const dev = (a: number[], ah: number[], b: number[], bh: number[]) => a.map((x, m) => x / ah[m] / (b[m] / bh[m]) - 1);
    const pvDev = dev(synPv, synHours, realPv, hours);
    const loadDev = dev(synLoad, synHours, realLoad, hours);
    console.log(`[synthetic] monthly deviation from real 2019, PV: ${pvDev.map((x) => (100 * x).toFixed(1)).join(" ")} %`);
    console.log(`[synthetic] monthly deviation from real 2019, load: ${loadDev.map((x) => (100 * x).toFixed(1)).join(" ")} %`);
    for (let m = 0; m < 12; m++) {
      expect(Math.abs(pvDev[m])).toBeLessThan(0.25);
      expect(Math.abs(loadDev[m])).toBeLessThan(0.08);
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum(synPv) / sum(synHours) / (sum(realPv) / sum(hours)) - 1)).toBeLessThan(0.05);
    expect(Math.abs(sum(synLoad) / sum(synHours) / (sum(realLoad) / sum(hours)) - 1)).toBeLessThan(0.02);
  });

  it("validation names the bad field", () => {
    const bad = JSON.parse(JSON.stringify(params));
    bad.pv.shape[3].pop();
    expect(() => validateSyntheticParams(bad)).toThrow(/pv\.shape/);
    expect(() => validateSyntheticParams({ ...params, rho: 1.2 })).toThrow(DataValidationError);
  });
});

describe("planning year", () => {
  it("falls back to the synthetic year when the shared data is absent", () => {
    const saved = process.env.EVSP_DATA_DIR;
    process.env.EVSP_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-empty-"));
    try {
      const y = loadPlanningYear();
      expect(y.source).toBe("synthetic");
      expect(y.year).toBe(2019);
      expect(y.daysUsed).toBe(365);
      expect(y.daysDropped).toBe(0);
      const s = planningScenarios(y, { k: 4, seed: 1 });
      expect(validateScenarioSet(s.set).source.synthetic).toBe(true);
      expect(s.set.scenarios.every((sc) => sc.date.startsWith("2019"))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.EVSP_DATA_DIR;
      else process.env.EVSP_DATA_DIR = saved;
    }
  });

  it.skipIf(!REAL)("real data: 2019 with one day dropped (2019-07-25, five missing load hours)", () => {
    const y = loadPlanningYear();
    expect(y).toMatchObject({ source: "real", year: 2019, daysInRange: 365, daysUsed: 364, daysDropped: 1, droppedDates: ["2019-07-25"] });
    expect(y.pv.dates).toEqual(y.load.dates);
  });

  it.skipIf(!REAL || !hasSharedData(SHARED_FILES.loadAep))("French PV with AEP load: the latest full year both cover (2017)", () => {
    const y = loadPlanningYear({ pvFile: sharedDataFile(SHARED_FILES.pvFrance), loadFile: sharedDataFile(SHARED_FILES.loadAep) });
    expect(y.year).toBe(2017);
    expect(y.load.timeZone).toBe("America/New_York");
    expect(y.daysUsed).toBeGreaterThan(360);
  });
});
