/**
 * Profiles on hand-made sessions (local times across DST, station-days with gaps) with hand-computed answers, and
 * on the real Norwegian file against its own `Start_plugin_hour` / `End_plugout_hour` columns (independent of our
 * time-zone code).
 */
import * as fs from "fs";
import Papa from "papaparse";
import {
  arrivalHourDistribution,
  cleanSessions,
  comparePopulations,
  dayTypeComparison,
  departureHourDistribution,
  histogram,
  profileSessions,
  sessionFeatures,
  sessionsPerDay,
  sessionsPerStationDay,
  spearman,
  stationDays,
  summarizeValues,
  uniformEdges,
} from "../lib/clean";
import { type ChargingSession, hasSharedData, readSessionFile, SHARED_FILES, sharedDataFile } from "../lib/io";
import { ArgumentError } from "../lib/util/errors";

const H = 3_600_000;
const s = (id: string, stationId: string, inUtc: number, hours: number, energyKwh: number, timeZone = "Europe/Oslo"): ChargingSession => ({
  id,
  stationId,
  plugInMs: inUtc,
  plugOutMs: inUtc + hours * H,
  timeZone,
  energyKwh,
  source: "generic",
});

// Monday 2019-10-21 … Sunday 2019-10-27 (DST ends in Oslo on the 27th at 03:00 CEST → 02:00 CET).
const SESSIONS = [
  s("a", "A", Date.UTC(2019, 9, 21, 6, 0), 9, 10), // Mon 08:00 CEST → 17:00
  s("b", "A", Date.UTC(2019, 9, 24, 15, 30), 2, 4), // Thu 17:30 → 19:30
  s("c", "B", Date.UTC(2019, 9, 26, 20, 0), 12, 20), // Sat 22:00 CEST → Sun 09:00 CET (12 h elapsed)
  s("d", "B", Date.UTC(2019, 9, 26, 21, 0), 1, 1), // Sat 23:00 CEST → Sun 00:00
  s("e", "B", Date.UTC(2019, 9, 27, 9, 0), 3, 6), // Sun 10:00 CET → 13:00
];

describe("session features and hour distributions", () => {
  it("local dates, hours and day types follow the session's zone across the DST change", () => {
    const f = sessionFeatures(SESSIONS);
    expect(f.map((x) => [x.date, x.weekday, x.dayType, x.arrivalHour, x.departureHour])).toEqual([
      ["2019-10-21", 1, "weekday", 8, 17],
      ["2019-10-24", 4, "weekday", 17.5, 19.5],
      ["2019-10-26", 6, "weekend", 22, 9],
      ["2019-10-26", 6, "weekend", 23, 0],
      ["2019-10-27", 7, "weekend", 10, 13],
    ]);
    expect(f[2].dwellH).toBe(12);
    expect(f[0].meanPowerKw).toBeCloseTo(10 / 9, 12);
  });
  it("arrival and departure shares per hour", () => {
    const a = arrivalHourDistribution(SESSIONS);
    expect(a).toHaveLength(24);
    expect(a.filter((r) => r.sessions > 0).map((r) => [r.hour, r.sessions])).toEqual([[8, 1], [10, 1], [17, 1], [22, 1], [23, 1]]);
    expect(a.reduce((t, r) => t + r.share, 0)).toBeCloseTo(1, 12);
    const d = departureHourDistribution(SESSIONS, { dayType: "weekend" });
    expect(d.filter((r) => r.sessions > 0).map((r) => [r.hour, r.share])).toEqual([[0, 1 / 3], [9, 1 / 3], [13, 1 / 3]]);
  });
});

describe("station-days", () => {
  it("every day of a station's span counts, zeros included", () => {
    const rows = stationDays(SESSIONS);
    expect(rows.map((r) => [r.stationId, r.date, r.sessions])).toEqual([
      ["A", "2019-10-21", 1],
      ["A", "2019-10-22", 0],
      ["A", "2019-10-23", 0],
      ["A", "2019-10-24", 1],
      ["B", "2019-10-26", 2],
      ["B", "2019-10-27", 1],
    ]);
    const all = sessionsPerStationDay(SESSIONS);
    expect(all.stationDays).toBe(6);
    expect(all.mean).toBeCloseTo(5 / 6, 12);
    expect(all.rows).toEqual([
      { sessions: 0, stationDays: 2, share: 2 / 6 },
      { sessions: 1, stationDays: 3, share: 3 / 6 },
      { sessions: 2, stationDays: 1, share: 1 / 6 },
    ]);
    expect(sessionsPerStationDay(SESSIONS, { dayType: "weekend" }).mean).toBe(1.5);
    expect(sessionsPerStationDay([]).stationDays).toBe(0);
  });
  it("sessions per day over the whole span", () => {
    expect(sessionsPerDay(SESSIONS).map((r) => r.sessions)).toEqual([1, 0, 0, 1, 0, 2, 1]);
    expect(sessionsPerDay(SESSIONS).map((r) => r.dayType)).toEqual(["weekday", "weekday", "weekday", "weekday", "weekday", "weekend", "weekend"]);
  });
  it("weekday vs weekend table", () => {
    const [wd, we] = dayTypeComparison(SESSIONS);
    expect(wd).toMatchObject({ dayType: "weekday", sessions: 2, share: 0.4, stationDays: 4, sessionsPerStationDay: 0.5, medianArrivalHour: 12.75, meanDwellH: 5.5, meanEnergyKwh: 7 });
    expect(we).toMatchObject({ dayType: "weekend", sessions: 3, share: 0.6, stationDays: 2, sessionsPerStationDay: 1.5, medianArrivalHour: 22, meanEnergyKwh: 9 });
  });
});

describe("summaries, histograms, rank correlation", () => {
  it("summarizeValues by hand", () => {
    const x = summarizeValues([4, 1, 3, 2]);
    expect(x).toMatchObject({ n: 4, mean: 2.5, min: 1, max: 4, median: 2.5 });
    expect(x.std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(summarizeValues([]).n).toBe(0);
    expect(Number.isNaN(summarizeValues([7]).std)).toBe(true);
  });
  it("histogram by hand; last edge inclusive; out-of-range ignored", () => {
    expect(histogram([0, 0.5, 1, 1.5, 2, 3], [0, 1, 2]).map((r) => r.count)).toEqual([2, 3]);
    expect(uniformEdges(0, 24, 4)).toEqual([0, 6, 12, 18, 24]);
    expect(() => histogram([1], [1])).toThrow(ArgumentError);
    expect(() => uniformEdges(1, 1, 3)).toThrow(ArgumentError);
  });
  it("Spearman: 1 for monotone, −1 for reversed, ties averaged", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 1000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // Ranks x: 1, 2.5, 2.5, 4; y: 1, 2, 3, 4 → Pearson of the ranks = 0.9486833 (hand).
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(3 / Math.sqrt(10), 12);
  });
  it("profile and population comparison carry the same numbers", () => {
    const p = profileSessions(SESSIONS, { population: "hand" });
    expect(p).toMatchObject({ population: "hand", sessions: 5, stations: 2 });
    expect(p.dwellH.mean).toBeCloseTo((9 + 2 + 12 + 1 + 3) / 5, 12);
    const [row] = comparePopulations([p]);
    expect(row).toMatchObject({ population: "hand", sessions: 5, weekendShare: 0.6, peakArrivalHour: 8, medianEnergyKwh: 6 });
  });
});

const hasNor = hasSharedData(SHARED_FILES.evResidential);
if (!hasNor) console.log(`[clean-profile] skipping the real residential check: file not found under ${sharedDataFile()}`);

describe.skipIf(!hasNor)("real residential file: hours against the file's own hour columns", () => {
  it("arrival and departure hour counts equal Start_plugin_hour / End_plugout_hour of the kept rows", () => {
    const res = cleanSessions(readSessionFile(sharedDataFile(SHARED_FILES.evResidential)));
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(sharedDataFile(SHARED_FILES.evResidential), "utf8"), { header: true, delimiter: ";", skipEmptyLines: true }).data;
    const kept = new Set(res.sessions.map((x) => x.id));
    const count = (col: string) => {
      const c = new Array<number>(24).fill(0);
      for (const r of rows) if (kept.has(r.session_ID)) c[Number(r[col])] += 1;
      return c;
    };
    expect(arrivalHourDistribution(res.sessions).map((r) => r.sessions)).toEqual(count("Start_plugin_hour"));
    expect(departureHourDistribution(res.sessions).map((r) => r.sessions)).toEqual(count("End_plugout_hour"));
    // Weekday of plug-in against the file's weekdays_plugin column.
    const names = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    const byId = new Map(rows.map((r) => [r.session_ID, r.weekdays_plugin]));
    const f = sessionFeatures(res.sessions);
    expect(res.sessions.filter((x, i) => byId.get(x.id) !== names[f[i].weekday])).toHaveLength(0);
  });
});
