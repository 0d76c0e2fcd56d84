/**
 * Typical days → scenario set: probabilities and dates, validation and JSON round trip, per-bus PV and load,
 * EV fleets drawn per day type, and the year-vs-typical-days comparison (checked by direct sums).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ChargingSession } from "../lib/io/session";
import type { DayMatrix, DayType } from "../lib/scenarios/daily-profiles";
import { drawStationFleets } from "../lib/scenarios/fleets";
import { alignDays, dayVectors, toPerUnit } from "../lib/scenarios/normalise";
import { reproductionStats } from "../lib/scenarios/reproduction";
import { buildScenarioSet, scenarioLoadKw, scenarioPvKw, type ScenarioSet } from "../lib/scenarios/scenario-set";
import { readScenarioSet, scenarioSetFromJson, scenarioSetToJson, validateScenarioSet, writeScenarioSet } from "../lib/scenarios/scenario-set-json";
import { typicalDays, typicalDaysByDayType } from "../lib/scenarios/typical-days";
import { distanceMatrix } from "../lib/scenarios/distance";
import { pam } from "../lib/scenarios/pam";
import { createRng } from "../lib/util/random";
import { ArgumentError, DataValidationError } from "../lib/util/errors";

/** 28 days from 2019-06-03 (a Monday): PV bell scaled by a sunny/cloudy factor, load higher on weekdays. */
function fourWeeks(): { pv: DayMatrix; load: DayMatrix } {
  const rng = createRng(4);
  const dates: string[] = [];
  const pv: number[][] = [];
  const load: number[][] = [];
  for (let d = 0; d < 28; d++) {
    const date = new Date(Date.UTC(2019, 5, 3 + d)).toISOString().slice(0, 10);
    const weekend = d % 7 >= 5;
    const sun = d % 3 === 0 ? 0.3 : 1;
    dates.push(date);
    pv.push(Array.from({ length: 24 }, (_, h) => Math.max(0, Math.sin(((h - 6) / 14) * Math.PI)) * 5000 * sun * (0.95 + 0.1 * rng.next())));
    load.push(Array.from({ length: 24 }, (_, h) => (weekend ? 50_000 : 65_000) + 10_000 * Math.sin((h / 24) * Math.PI) + 500 * rng.next()));
  }
  const dayTypes = dates.map((_, d): DayType => (d % 7 >= 5 ? "weekend" : "weekday"));
  const report = {} as DayMatrix["report"];
  const base = { unit: "MW", dayBasis: "local" as const, timeZone: "Europe/Paris", dates, dayTypes, report };
  return { pv: { ...base, quantity: "pvMw", values: pv }, load: { ...base, quantity: "loadMw", values: load } };
}

function makeSet(k = 4): { set: ScenarioSet; pv: DayMatrix; load: DayMatrix; typ: ReturnType<typeof typicalDays> } {
  const { pv, load } = fourWeeks();
  const pvPu = toPerUnit(pv);
  const loadPu = toPerUnit(load);
  const v = dayVectors([pvPu.matrix, loadPu.matrix]);
  const typ = typicalDays(v, { k, method: "pam" });
  const set = buildScenarioSet({ typical: typ, pv: pvPu, load: loadPu, source: { pv: "test pv", load: "test load", year: 2019, synthetic: true }, daysDropped: 0 });
  return { set, pv, load, typ };
}

describe("typical days and the scenario set", () => {
  it("probabilities are cluster sizes / days; medoid dates and day types come from the clustered days", () => {
    const { set, typ } = makeSet();
    const sizes = typ.medoids.map((_, c) => typ.assignment.filter((a) => a === c).length);
    expect(set.scenarios.map((s) => s.days)).toEqual(sizes);
    expect(set.scenarios.map((s) => s.probability)).toEqual(sizes.map((s) => s / 28));
    expect(set.scenarios.reduce((s, x) => s + x.probability, 0)).toBeCloseTo(1, 12);
    set.scenarios.forEach((s, c) => {
      expect(s.date).toBe(typ.dates[typ.medoids[c]]);
      expect(s.members).toContain(s.date);
      const day = new Date(`${s.date}T00:00:00Z`).getUTCDay();
      expect(s.dayType).toBe(day === 0 || day === 6 ? "weekend" : "weekday");
      expect(Math.max(...s.pvPu)).toBeLessThanOrEqual(1);
    });
    expect(set.scenarios.map((s) => s.id)).toEqual(["S1", "S2", "S3", "S4"]);
    expect(set.clustering).toMatchObject({ k: 4, daysUsed: 28, method: "pam" });
    expect(validateScenarioSet(set)).toBe(set);
  });

  it("typical days by day type: separate clusterings of weekdays and weekends, merged", () => {
    const { pv, load } = fourWeeks();
    const v = dayVectors([toPerUnit(pv).matrix, toPerUnit(load).matrix]);
    const t = typicalDaysByDayType(v, { kWeekday: 2, kWeekend: 1, method: "pam" });
    expect(t.k).toBe(3);
    expect(t.medoidDayTypes.filter((x) => x === "weekend")).toHaveLength(1);
    t.assignment.forEach((c, d) => expect(t.dayTypes[t.medoids[c]]).toBe(t.dayTypes[d]));
    // Same medoids as PAM on each group's own vectors (matrices built independently here).
    for (const [type, k] of [["weekday", 2], ["weekend", 1]] as const) {
      const idx = v.dayTypes.map((x, i) => (x === type ? i : -1)).filter((i) => i >= 0);
      const r = pam(distanceMatrix(idx.map((i) => v.vectors[i])), k);
      expect(t.medoids.filter((m) => v.dayTypes[m] === type)).toEqual(r.medoids.map((m) => idx[m]));
    }
    expect(t.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(t.weekendShares.filter((x) => x === 1)).toHaveLength(1);
    expect(() => typicalDaysByDayType(v, { kWeekday: 2, kWeekend: 9 })).toThrow(ArgumentError);
  });

  it("round-trips through JSON and files", () => {
    const { set } = makeSet(3);
    expect(scenarioSetFromJson(scenarioSetToJson(set))).toEqual(set);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "evsp-")), "set.json");
    writeScenarioSet(set, file);
    expect(readScenarioSet(file)).toEqual(set);
  });

  it("validation names the offending field", () => {
    const { set } = makeSet(3);
    const bad = (mutate: (s: ScenarioSet) => void, field: RegExp) => {
      const copy = JSON.parse(JSON.stringify(set)) as ScenarioSet;
      mutate(copy);
      expect(() => validateScenarioSet(copy)).toThrow(DataValidationError);
      expect(() => validateScenarioSet(copy)).toThrow(field);
    };
    bad((s) => (s.scenarios[0].probability = 0.9), /scenarios\[0\]\.probability/);
    bad((s) => s.scenarios[1].pvPu.pop(), /scenarios\[1\]\.pvPu/);
    bad((s) => (s.scenarios[1].pvPu[12] = 1.5), /pvPu\[12\]/);
    bad((s) => (s.scenarios[0].loadPu[3] = -0.1), /loadPu\[3\]/);
    bad((s) => (s.scenarios[2].dayType = s.scenarios[2].dayType === "weekday" ? "weekend" : "weekday"), /dayType/);
    bad((s) => (s.scenarios[2].id = "S1"), /duplicate id/);
    bad((s) => (s.schema = "other" as never), /schema/);
    bad((s) => s.scenarios.pop(), /scenarios/);
    bad((s) => (s.scenarios[0].date = "2019-02-30"), /date/);
    expect(() => scenarioSetFromJson("{not json")).toThrow(DataValidationError);
  });

  it("PV per bus = pvPu × installed kW; load per bus = loadPu × nominal × scale", () => {
    const { set } = makeSet(2);
    const sc = set.scenarios[0];
    const pv = scenarioPvKw(sc, [{ bus: 18, capacityKw: 400 }, { bus: 33, capacityKw: 250 }]);
    expect(pv.map((p) => p.bus)).toEqual([18, 33]);
    expect(pv[0].pKw[12]).toBeCloseTo(sc.pvPu[12] * 400, 12);
    expect(pv[1].pKw[12]).toBeCloseTo(sc.pvPu[12] * 250, 12);
    const load = scenarioLoadKw(sc, [{ bus: 2, pKw: 100, qKvar: 60 }, { bus: 3, pKw: 90 }], { busScale: { 3: 1.5 } });
    expect(load[0].pKw[7]).toBeCloseTo(100 * sc.loadPu[7], 12);
    expect(load[0].qKvar[7]).toBeCloseTo(60 * sc.loadPu[7], 12);
    expect(load[1].pKw[7]).toBeCloseTo(90 * 1.5 * sc.loadPu[7], 12);
    expect(load[1].qKvar[7]).toBe(0);
    expect(() => scenarioPvKw(sc, [{ bus: 0, capacityKw: 1 }])).toThrow(ArgumentError);
    expect(() => scenarioLoadKw(sc, [{ bus: 2, pKw: 1 }], { busScale: { 2: -1 } })).toThrow(ArgumentError);
  });

  it("reproduction: totals weighted by cluster size and extremes over medoid days, by direct sums", () => {
    const { pv, load, typ } = makeSet(4);
    const rows = reproductionStats(pv, load, typ);
    const sum = (m: number[][]) => m.flat().reduce((s, x) => s + x, 0);
    const typSum = (m: number[][]) => typ.medoids.reduce((s, d, c) => s + typ.clusterSizes[c] * m[d].reduce((a, b) => a + b, 0), 0);
    const byName = Object.fromEntries(rows.map((r) => [r.metric, r]));
    expect(byName["PV energy"].year).toBeCloseTo(sum(pv.values), 6);
    expect(byName["PV energy"].typical).toBeCloseTo(typSum(pv.values), 6);
    expect(byName["load energy"].typical).toBeCloseTo(typSum(load.values), 6);
    expect(byName["PV share"].year).toBeCloseTo(sum(pv.values) / sum(load.values), 12);
    expect(byName["peak load"].year).toBe(Math.max(...load.values.flat()));
    expect(byName["peak load"].typical).toBe(Math.max(...typ.medoids.flatMap((d) => load.values[d])));
    expect(byName["minimum load"].typical).toBe(Math.min(...typ.medoids.flatMap((d) => load.values[d])));
    expect(byName["peak PV"].relativeError).toBeCloseTo((byName["peak PV"].typical - byName["peak PV"].year) / byName["peak PV"].year, 12);
    // K = days reproduces everything exactly.
    const all = makeSet(28);
    expect(reproductionStats(all.pv, all.load, all.typ).every((r) => Math.abs(r.relativeError) < 1e-12)).toBe(true);
  });

  it("aligns matrices on common days", () => {
    const { pv, load } = fourWeeks();
    const shorter = { ...load, dates: load.dates.slice(2), dayTypes: load.dayTypes.slice(2), values: load.values.slice(2) };
    const a = alignDays([pv, shorter]);
    expect(a.dates).toEqual(pv.dates.slice(2));
    expect(a.droppedPerMatrix).toEqual([2, 0]);
    expect(() => dayVectors([pv, shorter])).toThrow(DataValidationError);
  });
});

describe("EV station fleets", () => {
  const zone = "Europe/Oslo";
  // 2019-06-08 is a Saturday; Oslo is UTC+2 in June.
  const session = (id: string, startIso: string, dwellH: number, energyKwh: number, chargerKw?: number): ChargingSession => ({
    id,
    stationId: "g1",
    plugInMs: Date.parse(startIso),
    plugOutMs: Date.parse(startIso) + dwellH * 3_600_000,
    timeZone: zone,
    energyKwh,
    chargerKw,
    source: "residential",
  });
  const sessions = [
    session("we1", "2019-06-08T16:30:00Z", 15, 40, 3.6), // Saturday 18:30 local, past midnight
    session("we2", "2019-06-09T08:00:00Z", 2, 5), // Sunday 10:00 local
    session("wd1", "2019-06-10T05:15:00Z", 9, 12, 7.4), // Monday 07:15 local
    session("wd2", "2019-06-11T15:00:00Z", 3, 30, 7.4), // Tuesday 17:00, 30 kWh > 7.4 × 3
    session("wd3", "2019-06-12T10:00:00Z", 4, 8),
    session("bad", "2019-06-12T10:00:00Z", 0, 8),
  ];

  /** A valid two-scenario set whose medoids are the given dates (the clusters split the four weeks in two). */
  function twoTypeSet(dates: [string, string] = ["2019-06-04", "2019-06-08"]): ScenarioSet {
    const { set } = makeSet(2);
    const copy = JSON.parse(JSON.stringify(set)) as ScenarioSet;
    const days = Array.from({ length: 28 }, (_, d) => new Date(Date.UTC(2019, 5, 3 + d)).toISOString().slice(0, 10));
    const groups = [days.filter((d) => d !== dates[1]).slice(0, 14), [] as string[]];
    if (!groups[0].includes(dates[0])) groups[0][0] = dates[0];
    groups[0].sort();
    groups[1] = days.filter((d) => !groups[0].includes(d));
    copy.scenarios = copy.scenarios.map((sc, i) => ({
      ...sc,
      date: dates[i],
      dayType: [0, 6].includes(new Date(`${dates[i]}T00:00:00Z`).getUTCDay()) ? "weekend" : "weekday",
      days: groups[i].length,
      probability: groups[i].length / 28,
      members: groups[i],
    }));
    return validateScenarioSet(copy);
  }

  it("draws from sessions of the scenario's day type and re-anchors them on local hours (clip)", () => {
    const set = twoTypeSet();
    const f = drawStationFleets(set, sessions, [{ bus: 7, evCount: 2 }, { bus: 30, evCount: 1 }], { seed: 1 });
    expect(f.report.pool).toEqual({ weekday: 3, weekend: 2 });
    expect(f.report.skipped).toBe(1);
    const weekdayIds = new Set(["wd1", "wd2", "wd3"]);
    for (const st of f.scenarios[0].stations) for (const s of st.sessions) expect(weekdayIds.has(s.sessionId)).toBe(true);
    for (const st of f.scenarios[1].stations) for (const s of st.sessions) expect(["we1", "we2"]).toContain(s.sessionId);
    expect(new Set(f.scenarios[1].stations[0].sessions.map((s) => s.sessionId)).size).toBe(2);
    const all = f.scenarios.flatMap((s) => s.stations.flatMap((st) => st.sessions));
    // Both weekend sessions are drawn at bus 7 (2 of 2, without replacement).
    const we1 = f.scenarios[1].stations[0].sessions.find((s) => s.sessionId === "we1")!;
    expect(we1).toMatchObject({ arrivalH: 18.5, departureH: 24, chargerKw: 3.6, sourceDate: "2019-06-08" });
    expect(we1.energyKwh).toBeCloseTo(3.6 * 5.5, 12); // capped at what 3.6 kW delivers by midnight
    expect(f.report.clipped).toBeGreaterThanOrEqual(1);
    const full = drawStationFleets(twoTypeSet(["2019-06-04", "2019-06-05"]), sessions, [{ bus: 7, evCount: 3 }], { seed: 1 });
    const wd2 = full.scenarios[0].stations[0].sessions.find((s) => s.sessionId === "wd2")!;
    expect(wd2).toMatchObject({ arrivalH: 17, departureH: 20 });
    expect(wd2.energyKwh).toBeCloseTo(7.4 * 3, 12);
    expect(full.scenarios[0].stations[0].sessions.find((s) => s.sessionId === "wd1")).toMatchObject({ arrivalH: 7.25, departureH: 16.25, energyKwh: 12 });
    for (const s of all) {
      expect(s.departureH).toBeLessThanOrEqual(24);
      expect(s.energyKwh).toBeLessThanOrEqual(s.chargerKw * (s.departureH - s.arrivalH) + 1e-9);
    }
  });

  it("continue keeps the dwell past midnight; defaults the charger power; same seed → same fleets", () => {
    const set = twoTypeSet();
    const f = drawStationFleets(set, sessions, [{ bus: 7, evCount: 2 }], { seed: 3, midnight: "continue" });
    const we1 = f.scenarios[1].stations[0].sessions.find((s) => s.sessionId === "we1")!;
    expect(we1).toMatchObject({ arrivalH: 18.5, departureH: 33.5, energyKwh: 40 });
    const we2 = f.scenarios[1].stations[0].sessions.find((s) => s.sessionId === "we2")!;
    expect(we2).toMatchObject({ arrivalH: 10, departureH: 12, chargerKw: 7.4, energyKwh: 5 });
    expect(f.report.clipped).toBe(0);
    expect(drawStationFleets(set, sessions, [{ bus: 7, evCount: 2 }], { seed: 3, midnight: "continue" })).toEqual(f);
  });

  it("bootstrap draws allow fleets larger than the pool; otherwise an error says so", () => {
    const set = twoTypeSet();
    expect(() => drawStationFleets(set, sessions, [{ bus: 7, evCount: 3 }])).toThrow(/replace: true/);
    const f = drawStationFleets(set, sessions, [{ bus: 7, evCount: 10 }], { replace: true, seed: 2 });
    expect(f.scenarios[1].stations[0].sessions).toHaveLength(10);
    expect(() => drawStationFleets(set, sessions, [{ bus: 0, evCount: 1 }])).toThrow(ArgumentError);
  });
});
