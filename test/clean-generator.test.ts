/**
 * The synthetic session generator: determinism, its guarantees on hand-made parameters, its samples against the
 * committed parameters (sampling tolerance), against the cleaned real data (statistics computed here with
 * simple-statistics, not read from the generator), the committed parameters re-fitted from the real files, and the
 * loadCleanSessions fallback.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DateTime } from "luxon";
import {
  cleanSessions,
  compareGeneratorParams,
  fitDatasetGenerator,
  fitGeneratorParams,
  generateSessions,
  type GeneratorParams,
  generatorParamsFile,
  loadCleanSessions,
  loadGeneratorParams,
  QUANTILE_KNOTS,
  roundNumbers,
} from "../lib/clean";
import { type ChargingSession, dwellHours, EV_DATASET_FILES, EV_DATASETS, type EvDatasetName, hasSharedData, readSessionFile, sharedDataFile } from "../lib/io";
import { ArgumentError, DataValidationError } from "../lib/util/errors";
import { createRng } from "../lib/util/random";

/** simple-statistics (its ESM-only type declarations cannot be imported from this CommonJS test; typed here). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ss = require("simple-statistics") as {
  mean(x: number[]): number;
  quantile(x: number[], p: number): number;
  sampleRankCorrelation(x: number[], y: number[]): number;
};

const local = (s: ChargingSession) => DateTime.fromMillis(s.plugInMs, { zone: s.timeZone });
const knots = (f: (p: number) => number) => QUANTILE_KNOTS.map(f);

/** Parameters by hand: arrivals 08:00–09:00, dwell uniform 2–4 h, energy uniform 0–30 kWh, 7.4 kW chargers. */
const HAND: GeneratorParams = {
  version: 1,
  population: "hand",
  timeZone: "Europe/Oslo",
  chargerKw: 7.4,
  quantileKnots: [...QUANTILE_KNOTS],
  stations: 3,
  startDate: "2019-10-21",
  daysPerStation: 14,
  dayTypes: {
    weekday: {
      sessionShare: 0.75,
      stationDays: 10,
      sessionsPerStationDayPmf: [0.5, 0.25, 0.25],
      arrivalHourPmf: Array.from({ length: 24 }, (_, h) => (h === 8 ? 1 : 0)),
      blocks: [{ fromHour: 0, toHour: 24, sessions: 100, dwellQuantilesH: knots((p) => 2 + 2 * p), dwellBins: [{ model: "energy", quantiles: knots((p) => 30 * p) }] }],
      pooledBlocks: false,
    },
    weekend: {
      sessionShare: 0.25,
      stationDays: 4,
      sessionsPerStationDayPmf: [0, 1],
      arrivalHourPmf: Array.from({ length: 24 }, (_, h) => (h === 20 ? 1 : 0)),
      blocks: [{ fromHour: 0, toHour: 24, sessions: 50, dwellQuantilesH: knots(() => 10), dwellBins: [{ model: "power", quantiles: knots((p) => 1 + p) }] }],
      pooledBlocks: false,
    },
  },
  fittedFrom: {},
};

describe("generator on hand-made parameters", () => {
  it("same seed → same sessions; another seed → other sessions", () => {
    const a = generateSessions(HAND, { stationDays: { stations: 3, days: 14 }, seed: 5 });
    expect(generateSessions(HAND, { stationDays: { stations: 3, days: 14 }, seed: 5 })).toEqual(a);
    expect(generateSessions(HAND, { stationDays: { stations: 3, days: 14 }, seed: 6 })).not.toEqual(a);
    expect(generateSessions(HAND, { n: 50, rng: createRng(9) })).toEqual(generateSessions(HAND, { n: 50, seed: 9 }));
  });
  it("arrivals, dwell, energy and counts follow the parameters exactly where they are degenerate", () => {
    const out = generateSessions(HAND, { stationDays: { stations: 40, days: 14 }, seed: 1 });
    const weekend = out.filter((s) => local(s).weekday >= 6);
    const weekday = out.filter((s) => local(s).weekday < 6);
    // Weekend: exactly one session per station-day, arriving 20:00–21:00, 10 h, mean power 1–2 kW.
    expect(weekend).toHaveLength(40 * 4); // 2019-10-21 + 14 days holds 2 weekends
    expect(weekend.every((s) => local(s).hour === 20 && Math.abs(dwellHours(s) - 10) < 1e-9)).toBe(true);
    expect(weekend.every((s) => s.energyKwh >= 10 - 1e-9 && s.energyKwh <= 20 + 1e-9)).toBe(true);
    // Weekday: arrivals 08:xx local, dwell 2–4 h, energy ≤ 7.4 kW × dwell (energy draws above it are redrawn).
    expect(weekday.every((s) => local(s).hour === 8 && dwellHours(s) >= 2 - 1e-3 && dwellHours(s) <= 4 + 1e-3)).toBe(true);
    expect(out.every((s) => s.energyKwh <= 7.4 * dwellHours(s) + 1e-9 && s.energyKwh > 0)).toBe(true);
    expect(out.every((s) => s.source === "synthetic" && s.powerClass === "L2" && s.chargerKw === 7.4 && s.timeZone === "Europe/Oslo")).toBe(true);
    // Weekday counts: mean of the pmf [0.5, 0.25, 0.25] is 0.75 per station-day over 40 × 10 station-days.
    expect(weekday.length / 400).toBeGreaterThan(0.75 - 0.1);
    expect(weekday.length / 400).toBeLessThan(0.75 + 0.1);
    expect(new Set(out.map((s) => s.id)).size).toBe(out.length);
  });
  it("n mode: day types by the session shares, stations as asked", () => {
    const out = generateSessions(HAND, { n: 4000, seed: 2, stations: 5 });
    expect(out).toHaveLength(4000);
    const we = out.filter((s) => local(s).weekday >= 6).length / 4000;
    expect(Math.abs(we - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / 4000));
    expect(new Set(out.map((s) => s.stationId))).toEqual(new Set(["hand-S1", "hand-S2", "hand-S3", "hand-S4", "hand-S5"]));
  });
  it("bad options are ArgumentErrors", () => {
    expect(() => generateSessions(HAND, {})).toThrow(ArgumentError);
    expect(() => generateSessions(HAND, { n: 3, stationDays: { stations: 1, days: 1 } })).toThrow(ArgumentError);
    expect(() => generateSessions(HAND, { n: -1 })).toThrow(ArgumentError);
    expect(() => generateSessions(HAND, { stationDays: { stations: 1.5, days: 1 } })).toThrow(ArgumentError);
  });
  it("a DST gap arrival is moved forward like a clock", () => {
    const gap: GeneratorParams = { ...HAND, startDate: "2019-03-31", dayTypes: { ...HAND.dayTypes, weekend: { ...HAND.dayTypes.weekend, arrivalHourPmf: HAND.dayTypes.weekend.arrivalHourPmf.map((_, h) => (h === 2 ? 1 : 0)) } } };
    const out = generateSessions(gap, { stationDays: { stations: 20, days: 1 }, seed: 3 });
    expect(out.every((s) => local(s).hour === 3)).toBe(true);
  });
});

describe("fitting on hand-made sessions", () => {
  it("refuses empty input and mixed zones; DC fast sessions are left out", () => {
    expect(() => fitGeneratorParams([])).toThrow(DataValidationError);
    const base = generateSessions(HAND, { n: 200, seed: 4 });
    expect(() => fitGeneratorParams([...base, { ...base[0], id: "x", timeZone: "UTC" }])).toThrow(/mix time zones/);
    const p = fitGeneratorParams([...base, { ...base[0], id: "dc", powerClass: "DCFC", energyKwh: 40 }], { population: "re" });
    expect(p.fittedFrom).toMatchObject({ sessionsUsed: 200, sessionsExcludedDcfc: 1 });
    expect(() => fitGeneratorParams(base, { blockHours: 5 })).toThrow(ArgumentError);
  });
  it("recovers the hand parameters' arrival shares from their own samples", () => {
    const p = fitGeneratorParams(generateSessions(HAND, { stationDays: { stations: 30, days: 28 }, seed: 8 }));
    expect(p.dayTypes.weekday.arrivalHourPmf[8]).toBe(1);
    expect(p.dayTypes.weekend.arrivalHourPmf[20]).toBe(1);
    expect(p.dayTypes.weekend.blocks[0].dwellQuantilesH.every((q) => Math.abs(q - 10) < 1e-3)).toBe(true);
  });
});

describe("committed parameters (data/ev)", () => {
  for (const name of EV_DATASETS) {
    it(`${name}: samples match the parameters within sampling tolerance`, () => {
      const p = loadGeneratorParams(name);
      const days = 7 * 20;
      const stations = 60;
      const out = generateSessions(p, { stationDays: { stations, days, startDate: "2021-01-04" }, seed: 11 });
      for (const dt of ["weekday", "weekend"] as const) {
        const mine = out.filter((s) => (local(s).weekday >= 6 ? "weekend" : "weekday") === dt);
        const stationDays = stations * days * (dt === "weekend" ? 2 / 7 : 5 / 7);
        const pmf = p.dayTypes[dt].sessionsPerStationDayPmf;
        const mean = pmf.reduce((a, q, k) => a + q * k, 0);
        const sd = Math.sqrt(pmf.reduce((a, q, k) => a + q * (k - mean) ** 2, 0));
        expect(Math.abs(mine.length / stationDays - mean)).toBeLessThan(4 * (sd / Math.sqrt(stationDays)) + 1e-9);
        // Arrival hours: total variation distance to the pmf within sampling noise.
        const counts = new Array<number>(24).fill(0);
        for (const s of mine) counts[local(s).hour] += 1;
        const tv = counts.reduce((a, c, h) => a + Math.abs(c / mine.length - p.dayTypes[dt].arrivalHourPmf[h]), 0) / 2;
        expect(tv).toBeLessThan(3 * Math.sqrt(24 / mine.length) / 2);
      }
      expect(out.every((s) => s.energyKwh <= p.chargerKw * dwellHours(s) + 1e-9 && dwellHours(s) > 0)).toBe(true);
    });
  }
  it("loadGeneratorParams names the file and the problem when it is broken", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-gen-"));
    expect(() => loadGeneratorParams("residential", dir)).toThrow(DataValidationError);
    fs.writeFileSync(path.join(dir, "x.json"), JSON.stringify({ ...HAND, version: 2 }));
    expect(() => loadGeneratorParams("x", dir)).toThrow(/x\.json is not valid generator parameters: version/);
    fs.writeFileSync(path.join(dir, "y.json"), JSON.stringify(HAND));
    expect(loadGeneratorParams("y", dir)).toEqual(HAND);
    fs.rmSync(dir, { recursive: true });
  });
});

const present = Object.fromEntries(EV_DATASETS.map((n) => [n, hasSharedData(EV_DATASET_FILES[n].file)])) as Record<EvDatasetName, boolean>;
for (const n of EV_DATASETS) if (!present[n]) console.log(`[clean-generator] skipping real-data checks of ${n}: file not found under ${sharedDataFile()}`);

/** Two-sample Kolmogorov–Smirnov distance: the largest gap between the two empirical CDFs. */
function ksDistance(a: readonly number[], b: readonly number[]): number {
  const x = [...a].sort((u, v) => u - v);
  const y = [...b].sort((u, v) => u - v);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const t = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= t) i++;
    while (j < y.length && y[j] <= t) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** Tolerances: the generator reproduces the fitted distributions up to interpolation and dwell binning. */
const TOL = { mean: 0.04, tv: 0.03, spearman: 0.06, perStationDay: 0.04 };

describe("generator vs the cleaned real data (statistics computed here with simple-statistics)", () => {
  for (const name of EV_DATASETS) {
    it.skipIf(!present[name])(`${name}`, () => {
      const real = cleanSessions(readSessionFile(sharedDataFile(EV_DATASET_FILES[name].file))).sessions.filter((s) => s.powerClass !== "DCFC");
      const p = loadGeneratorParams(name);
      const syn = generateSessions(p, { stationDays: { stations: p.stations * 8, days: Math.round(p.daysPerStation) }, seed: 21 });
      const stats = (xs: ChargingSession[]) => {
        const dwell = xs.map(dwellHours);
        const energy = xs.map((s) => s.energyKwh);
        const hours = new Array<number>(24).fill(0);
        for (const s of xs) hours[local(s).hour] += 1 / xs.length;
        return {
          dwellMean: ss.mean(dwell),
          energyMean: ss.mean(energy),
          dwellQ: [0.1, 0.5, 0.9].map((q) => ss.quantile(dwell, q)),
          hours,
          weekend: xs.filter((s) => local(s).weekday >= 6).length / xs.length,
          spearman: ss.sampleRankCorrelation(dwell, energy),
        };
      };
      const r = stats(real);
      const g = stats(syn);
      expect(Math.abs(g.dwellMean / r.dwellMean - 1)).toBeLessThan(TOL.mean);
      expect(Math.abs(g.energyMean / r.energyMean - 1)).toBeLessThan(TOL.mean);
      for (let i = 0; i < 3; i++) expect(Math.abs(g.dwellQ[i] / r.dwellQ[i] - 1)).toBeLessThan(0.05);
      // Whole distributions: the real sample is not told apart from the generator's by a two-sample KS test at
      // α = 0.001 (critical distance 1.95 / √n_real when the synthetic sample is much larger).
      const ksCritical = 1.95 / Math.sqrt(real.length);
      expect(ksDistance(real.map(dwellHours), syn.map(dwellHours))).toBeLessThan(ksCritical);
      expect(ksDistance(real.map((s) => s.energyKwh), syn.map((s) => s.energyKwh))).toBeLessThan(ksCritical);
      expect(r.hours.reduce((a, x, h) => a + Math.abs(x - g.hours[h]), 0) / 2).toBeLessThan(TOL.tv);
      expect(Math.abs(g.weekend - r.weekend)).toBeLessThan(0.02);
      expect(Math.abs(g.spearman - r.spearman)).toBeLessThan(TOL.spearman);
      // Sessions per station-day over each real station's span (zeros included), counted here; synthetic stations
      // are filled on every generated day, so their mean is sessions / (stations × days).
      const spans = new Map<string, [string, string]>();
      for (const s of real) {
        const d = local(s).toISODate() as string;
        const cur = spans.get(s.stationId);
        spans.set(s.stationId, cur ? [d < cur[0] ? d : cur[0], d > cur[1] ? d : cur[1]] : [d, d]);
      }
      const realDays = [...spans.values()].reduce((a, [f, t]) => a + DateTime.fromISO(t).diff(DateTime.fromISO(f), "days").days + 1, 0);
      const realRate = real.length / realDays;
      const synRate = syn.length / (p.stations * 8 * Math.round(p.daysPerStation));
      expect(Math.abs(synRate / realRate - 1)).toBeLessThan(TOL.perStationDay);
    });
  }
});

describe("committed parameters are reproducible from the real files", () => {
  for (const name of EV_DATASETS) {
    it.skipIf(!present[name])(`${name}: re-fit equals data/ev/${name}.json`, () => {
      const diff = compareGeneratorParams(roundNumbers(fitDatasetGenerator(name)), loadGeneratorParams(name));
      expect(diff.mismatches).toEqual([]);
      expect(diff.maxRelDiff).toBeLessThan(1e-6);
      expect(generatorParamsFile(name)).toMatch(new RegExp(`data[\\\\/]ev[\\\\/]${name}\\.json$`));
    });
  }
});

describe("loadCleanSessions", () => {
  it("falls back to the seeded generator when the real file is absent, and says so", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-nodata-"));
    const a = loadCleanSessions("workplace", { dataDir: dir, seed: 3 });
    expect(a.synthetic).toBe(true);
    expect(a.report).toBeUndefined();
    expect(a.source).toMatch(/^synthetic: seeded generator \(seed 3\) fitted to workplace .* real file .* not found$/);
    expect(a.sessions.length).toBeGreaterThan(1000);
    expect(loadCleanSessions("workplace", { dataDir: dir, seed: 3 }).sessions).toEqual(a.sessions);
    const small = loadCleanSessions("synthetic", { population: "acn", stationDays: { stations: 2, days: 7 }, seed: 1 });
    expect(small.dataset).toBe("acn");
    expect(small.source).toMatch(/synthetic data asked for/);
    expect(small.sessions.every((s) => s.timeZone === "America/Los_Angeles")).toBe(true);
    expect(() => loadCleanSessions("nowhere" as "acn")).toThrow(ArgumentError);
    fs.rmSync(dir, { recursive: true });
  });
  it.skipIf(!present.residential)("reads and cleans the real file when present", () => {
    const r = loadCleanSessions("residential");
    expect(r.synthetic).toBe(false);
    expect(r.report?.rowsIn).toBe(6878);
    expect(r.sessions).toHaveLength(6700);
    expect(r.source).toMatch(/^real data: .*6878 rows read, 6700 kept/);
    // A second call (served from the cache) returns equal data that the first caller's changes do not reach.
    r.sessions[0].energyKwh = -1;
    r.report!.rejected["missing-field"] = -1;
    const again = loadCleanSessions("residential");
    expect(again.sessions[0].energyKwh).toBeGreaterThan(0);
    expect(again.report?.rejected["missing-field"]).toBe(34);
    expect(loadCleanSessions("residential", { clean: { maxConnectionHours: 24 } }).report?.rejected["connection-too-long"]).toBeGreaterThan(127);
  });
});
