/**
 * Daily profiles on hand-made series: local vs UTC days, DST days of 23 and 25 hours, short gaps filled, long gaps
 * dropped, unsorted rows, duplicated hours, incomplete edge days. Expected matrices are built independently with
 * luxon. Then the real French file's 2019 (skipped when absent).
 */
import * as fs from "fs";
import { DateTime } from "luxon";
import { hasSharedData, SHARED_FILES, sharedDataFile } from "../lib/io/paths";
import { readOpsdCountry } from "../lib/io/series/opsd-france";
import type { HourlySeries } from "../lib/io/series/types";
import { dailyProfiles, dayTypeOfDate } from "../lib/scenarios/daily-profiles";
import { toHourlyGrid } from "../lib/scenarios/hourly-grid";
import { createRng, shuffled } from "../lib/util/random";
import { ArgumentError, DataValidationError } from "../lib/util/errors";

const H = 3_600_000;
const ZONE = "Europe/Paris";

/** Hourly series from local midnight of `fromDate` to local midnight of `toDate` (exclusive), value f(i). */
function series(fromDate: string, toDate: string, f: (i: number, ms: number) => number): HourlySeries {
  const a = DateTime.fromISO(fromDate, { zone: ZONE }).toMillis();
  const b = DateTime.fromISO(toDate, { zone: ZONE }).toMillis();
  const startMs: number[] = [];
  const values: number[] = [];
  for (let t = a, i = 0; t < b; t += H, i++) {
    startMs.push(t);
    values.push(f(i, t));
  }
  return { name: "x", unit: "MW", timeZone: ZONE, startMs, values, source: "test" };
}

/** Expected local-day matrix by luxon: mean of the values in each (local date, local hour). */
function expectedLocal(s: HourlySeries): Map<string, (number | undefined)[]> {
  const acc = new Map<string, { sum: number[]; n: number[] }>();
  s.startMs.forEach((t, i) => {
    const dt = DateTime.fromMillis(t, { zone: ZONE });
    const key = dt.toISODate()!;
    if (!acc.has(key)) acc.set(key, { sum: new Array(24).fill(0), n: new Array(24).fill(0) });
    acc.get(key)!.sum[dt.hour] += s.values[i];
    acc.get(key)!.n[dt.hour]++;
  });
  const out = new Map<string, (number | undefined)[]>();
  for (const [k, v] of acc) out.set(k, v.sum.map((x, h) => (v.n[h] ? x / v.n[h] : undefined)));
  return out;
}

describe("local days across DST changes (Europe/Paris 2019)", () => {
  it("a 25-hour day averages the repeated hour", () => {
    const s = series("2019-10-26", "2019-10-29", (i) => i * i);
    const m = dailyProfiles(s, { dayBasis: "local" });
    expect(m.dates).toEqual(["2019-10-26", "2019-10-27", "2019-10-28"]);
    const exp = expectedLocal(s);
    m.dates.forEach((d, k) => m.values[k].forEach((v, h) => expect(v).toBeCloseTo(exp.get(d)![h]!, 9)));
    // Hour 2 of Oct 27 holds two UTC hours (00:00Z and 01:00Z, indices 26 and 27 from 2019-10-25T22:00Z).
    expect(m.values[1][2]).toBe((26 * 26 + 27 * 27) / 2);
    expect(m.report.dst).toEqual({ shortDays: 0, longDays: 1, interpolatedHours: 0, averagedHours: 1 });
    expect(m.report.daysUsed).toBe(3);
  });

  it("a 23-hour day interpolates the skipped hour", () => {
    const s = series("2019-03-30", "2019-04-01", (i) => 10 * i);
    const m = dailyProfiles(s);
    const exp = expectedLocal(s);
    expect(exp.get("2019-03-31")![2]).toBeUndefined();
    expect(m.values[1][2]).toBe((exp.get("2019-03-31")![1]! + exp.get("2019-03-31")![3]!) / 2);
    m.values[1].forEach((v, h) => h !== 2 && expect(v).toBe(exp.get("2019-03-31")![h]));
    expect(m.report.dst).toEqual({ shortDays: 1, longDays: 0, interpolatedHours: 1, averagedHours: 0 });
  });

  it("UTC days have 24 hours and no DST handling", () => {
    const s = series("2019-10-26", "2019-10-29", (i) => i);
    const m = dailyProfiles(s, { dayBasis: "utc" });
    // Local midnight Oct 26 = 2019-10-25T22:00Z: Oct 25 and the partial Oct 28 (ends 23:00Z) are incomplete.
    expect(m.dates).toEqual(["2019-10-26", "2019-10-27"]);
    expect(m.values[0][0]).toBe(2);
    expect(m.values[1][23]).toBe(2 + 24 + 23);
    expect(m.report.dropped.map((d) => [d.date, d.reason])).toEqual([
      ["2019-10-25", "incomplete"],
      ["2019-10-28", "incomplete"],
    ]);
    expect(m.timeZone).toBe("UTC");
    expect(m.report.dst).toEqual({ shortDays: 0, longDays: 0, interpolatedHours: 0, averagedHours: 0 });
  });

  it("weekday / weekend from the calendar date", () => {
    const m = dailyProfiles(series("2019-06-07", "2019-06-11", () => 1));
    expect(m.dayTypes).toEqual(["weekday", "weekend", "weekend", "weekday"]);
    expect(dayTypeOfDate("2019-06-09")).toBe("weekend");
  });
});

describe("gaps, order and duplicates", () => {
  it("fills runs up to maxFillHours linearly and drops days with longer runs", () => {
    const s = series("2019-06-01", "2019-06-05", (i) => 100 + i);
    // June 2: two missing hours (filled); June 3: five missing hours (day dropped); June 4: hours removed entirely.
    s.values[24 + 5] = NaN;
    s.values[24 + 6] = NaN;
    for (let h = 48 + 10; h < 48 + 15; h++) s.values[h] = NaN;
    const keep = s.startMs.map((_, i) => i < 72 + 3 || i > 72 + 4);
    const cut = { ...s, startMs: s.startMs.filter((_, i) => keep[i]), values: s.values.filter((_, i) => keep[i]) };
    const m = dailyProfiles(cut, { maxFillHours: 3 });
    expect(m.dates).toEqual(["2019-06-01", "2019-06-02", "2019-06-04"]);
    expect(m.values[1][5]).toBeCloseTo(100 + 29, 12); // linear between 128 and 131
    expect(m.values[1][6]).toBeCloseTo(100 + 30, 12);
    expect(m.values[2][3]).toBeCloseTo(100 + 75, 12); // removed rows are missing hours too, filled
    expect(m.report.dropped).toEqual([{ date: "2019-06-03", reason: "gap", missingHours: 5 }]);
    expect(m.report.grid).toMatchObject({ missingHours: 9, filledRuns: 2, filledHours: 4, longGapRuns: 1, longGapHours: 5 });
    expect(m.report.filledHoursInDaysUsed).toBe(4);
    expect(m.report).toMatchObject({ daysInRange: 4, daysUsed: 3, daysDropped: 1 });
    // maxFillHours 0: nothing filled, June 2 and June 4 dropped as well.
    expect(dailyProfiles(cut, { maxFillHours: 0 }).dates).toEqual(["2019-06-01"]);
  });

  it("sorts unsorted rows and merges duplicated hours by the chosen policy", () => {
    const s = series("2019-06-01", "2019-06-03", (i) => i);
    const rng = createRng(5);
    const order = shuffled(rng, s.startMs.map((_, i) => i));
    const dup = { ...s, startMs: [...order.map((i) => s.startMs[i]), s.startMs[10]], values: [...order.map((i) => s.values[i]), 30] };
    const mean = dailyProfiles(dup);
    expect(mean.values[0][10]).toBe(20); // (10 + 30) / 2
    expect(mean.values[0][11]).toBe(11);
    expect(mean.report.grid.orderBreaks).toBeGreaterThan(0);
    expect(mean.report.grid).toMatchObject({ duplicateRows: 1, duplicateConflicts: 1 });
    expect(dailyProfiles(dup, { duplicates: "first" }).values[0][10]).toBe(10);
    expect(dailyProfiles(dup, { duplicates: "last" }).values[0][10]).toBe(30);
    expect(() => dailyProfiles(dup, { duplicates: "error" })).toThrow(DataValidationError);
  });

  it("counts order breaks exactly (file order)", () => {
    const g = toHourlyGrid({ name: "x", unit: "MW", timeZone: "UTC", startMs: [3, 1, 2, 0, 4].map((i) => i * H), values: [1, 1, 1, 1, 1], source: "t" });
    expect(g.report.orderBreaks).toBe(2);
    expect(g.values.length).toBe(5);
  });

  it("drops days the series covers only partly, and selects a year or a date range", () => {
    const s = series("2019-06-01", "2019-06-04", (i) => i);
    const late = { ...s, startMs: s.startMs.slice(5), values: s.values.slice(5) };
    const m = dailyProfiles(late);
    expect(m.dates).toEqual(["2019-06-02", "2019-06-03"]);
    expect(m.report.dropped).toEqual([{ date: "2019-06-01", reason: "incomplete", missingHours: 5 }]);
    expect(dailyProfiles(s, { from: "2019-06-02", to: "2019-06-02" }).dates).toEqual(["2019-06-02"]);
    const y = dailyProfiles(s, { year: 2019 });
    expect(y.report.daysInRange).toBe(365);
    expect(y.report.daysUsed).toBe(3);
    expect(() => dailyProfiles(s, { from: "2019-06-03", to: "2019-06-01" })).toThrow(ArgumentError);
  });

  it("rejects times that are not whole UTC hours", () => {
    const s = series("2019-06-01", "2019-06-02", (i) => i);
    s.startMs[3] += 60_000;
    expect(() => dailyProfiles(s)).toThrow(/row 4/);
  });
});

if (!hasSharedData(SHARED_FILES.pvFrance)) console.log("[daily-profiles] shared data absent: the real French file check is skipped (set EVSP_DATA_DIR)");

describe.skipIf(!hasSharedData(SHARED_FILES.pvFrance))("real French file, 2019 local days", () => {
  it("drops exactly the days holding a run of more than 3 missing load hours (counted from the raw text)", () => {
    const file = sharedDataFile(SHARED_FILES.pvFrance);
    // Independent count from the raw text: local date = first 10 characters of cet_cest_timestamp.
    const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(","));
    const runs: { date: string; len: number }[] = [];
    let cur: { date: string; len: number } | undefined;
    for (const f of lines) {
      if (f[2] === "") {
        if (cur) cur.len++;
        else runs.push((cur = { date: f[1].slice(0, 10), len: 1 }));
      } else cur = undefined;
    }
    const expectedDropped = runs.filter((r) => r.len > 3 && r.date.startsWith("2019")).map((r) => r.date);
    expect(expectedDropped).toEqual(["2019-07-25"]);
    const r = readOpsdCountry(file);
    const load = dailyProfiles(r.loadMw, { year: 2019 });
    expect(load.report.dropped.map((d) => d.date)).toEqual(expectedDropped);
    expect(load.report.daysUsed).toBe(365 - expectedDropped.length);
    const pv = dailyProfiles(r.pvMw, { year: 2019 });
    expect(pv.report.dst).toEqual({ shortDays: 1, longDays: 1, interpolatedHours: 1, averagedHours: 1 });
    expect(pv.values.every((row) => row.length === 24 && row.every(Number.isFinite))).toBe(true);
  });
});
