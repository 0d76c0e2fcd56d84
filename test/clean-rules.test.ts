/**
 * Each cleaning rule on small hand-made inputs, the first-rule-wins order, the per-station power class inference,
 * and the rejects CSV. Every expected rule below is decided by hand from the row's text.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Papa from "papaparse";
import { CLEAN_RULE_NAMES, cleanSessions, emptyRuleCounts, inferStationPower, ratingAtLeast, rejectsToCsv, summarizeSessions, writeRejectsCsv } from "../lib/clean";
import { dwellHours, readSessionText } from "../lib/io";
import { ArgumentError } from "../lib/util/errors";

const MAPPING = { id: "id", stationId: "station", userId: "user", plugIn: "start", plugOut: "stop", energyKwh: "kwh", timeZone: "Europe/Oslo" };
const HEADER = "id,station,user,start,stop,kwh";

/** Rows and the rule each must fall under ("kept" if none), decided by hand. */
const CASES: Array<[string, string]> = [
  ["a1,S1,u1,2019-05-01T08:00,2019-05-01T12:00,10", "kept"],
  ["a2,S1,u1,2019-05-01T08:00,2019-05-01T12:00", "malformed-row"], // 5 fields
  [",S1,u2,2019-05-02T08:00,2019-05-02T12:00,10", "missing-field"], // no id
  ["a4,,u2,2019-05-02T08:00,2019-05-02T12:00,10", "missing-field"], // no station
  ["a5,S1,u2,2019-05-02T08:00,NA,10", "missing-field"], // open session
  ["a6,S1,u2,2019-05-02T08:00,2019-05-02T12:00,", "missing-field"], // no energy
  ["a7,S1,u2,2019-05-02T08:00,2019-05-02T12:00,ten", "unparseable"],
  ["a8,S1,u2,2019-02-30T08:00,2019-05-02T12:00,10", "unparseable"], // 30 February
  ["a9,S1,u2,2019-03-31T02:30,2019-03-31T06:00,5", "dst-nonexistent"], // Oslo spring gap
  ["a10,S1,u2,2019-10-26T20:00,2019-10-27T02:30,5", "dst-ambiguous"], // Oslo autumn repeat
  ["a11,S1,u2,2019-03-31T01:30,2019-03-31T03:30,5", "kept"], // spans the gap: 1 h elapsed
  ["a12,S1,u2,2019-05-03T08:00,2019-05-03T08:00,0.01", "plugout-not-after-plugin"],
  ["a13,S1,u2,2019-05-03T09:00,2019-05-03T08:00,1", "plugout-not-after-plugin"],
  ["a14,S1,u2,2019-05-04T08:00,2019-05-04T12:00,0", "non-positive-energy"],
  ["a15,S1,u2,2019-05-04T13:00,2019-05-04T14:00,-1", "non-positive-energy"],
  ["a16,S1,u2,2019-05-05T08:00,2019-05-05T09:00,30", "energy-above-capacity"], // 30 kW at an AC station
  ["a17,S1,u2,2019-05-06T08:00,2019-05-08T09:00,20", "connection-too-long"], // 49 h
  ["a18,S1,u3,2019-05-09T08:00,2019-05-09T12:00,10", "kept"],
  ["a18,S1,u3,2019-05-09T08:00,2019-05-09T12:00,10", "duplicate-row"], // exact copy of a18
  ["a18,S1,u4,2019-05-10T08:00,2019-05-10T12:00,8", "duplicate-id"], // id of a18, other data
  ["a21,S1,u3,2019-05-09T08:00,2019-05-09T10:00,3", "duplicate-user-start"], // u3 started at 08:00 already
  ["a22,S1,,2019-05-09T08:00,2019-05-09T10:00,3", "kept"], // no user: never a user-start duplicate
  // First rule wins: zero energy AND too long → non-positive energy; a copy of a rejected row shares its rule.
  ["a23,S1,u5,2019-05-11T08:00,2019-05-14T08:00,0", "non-positive-energy"],
  ["a23,S1,u5,2019-05-11T08:00,2019-05-14T08:00,0", "non-positive-energy"],
  ["a25,S1,u6,2019-05-12T08:00,2019-05-12T07:00,-3", "plugout-not-after-plugin"],
];

describe("cleaning rules on hand-made rows", () => {
  const text = [HEADER, ...CASES.map(([row]) => row)].join("\n") + "\n";
  const read = readSessionText(text, { mapping: MAPPING });
  const res = cleanSessions(read);

  it("each row is kept or rejected by the rule decided by hand", () => {
    const byRow = new Map(res.rejects.map((r) => [r.row, r.rule as string]));
    const got = CASES.map((_, i) => byRow.get(i + 1) ?? "kept");
    expect(got).toEqual(CASES.map(([, rule]) => rule));
  });
  it("counts add up and every rule is reported, in rule order", () => {
    const expected = emptyRuleCounts();
    for (const [, rule] of CASES) if (rule !== "kept") expected[rule as keyof typeof expected] += 1;
    expect(res.report.rejected).toEqual(expected);
    expect(Object.keys(res.report.rejected)).toEqual([...CLEAN_RULE_NAMES]);
    expect(res.report.rowsIn).toBe(CASES.length);
    expect(res.report.rowsKept).toBe(CASES.filter(([, r]) => r === "kept").length);
    expect(res.report.rowsKept + Object.values(res.report.rejected).reduce((a, b) => a + b, 0)).toBe(res.report.rowsIn);
  });
  it("kept sessions carry instants, zone, energy, station class and a rating covering their mean power", () => {
    expect(res.sessions.map((s) => s.id)).toEqual(["a1", "a11", "a18", "a22"]);
    const a11 = res.sessions[1];
    expect(dwellHours(a11)).toBe(1); // 01:30 CET → 03:30 CEST
    expect(res.sessions[3].userId).toBeUndefined();
    for (const s of res.sessions) {
      expect(s.timeZone).toBe("Europe/Oslo");
      expect(s.source).toBe("generic");
      expect(s.powerClass).toBe("L2");
      expect(s.energyKwh).toBeLessThanOrEqual((s.chargerKw as number) * dwellHours(s));
    }
    expect(res.sessions[0].chargerKw).toBe(7.4); // max mean power kept at S1: 5 kW (a11) → 7.4 kW rating
  });
  it("rejects tell why, with the row's own fields", () => {
    const r16 = res.rejects.find((r) => r.row === 16);
    expect(r16?.detail).toMatch(/30 kWh in 60\.0 min is 30\.0 kW, above the station's 22 kW/);
    expect(r16?.fields).toEqual({ id: "a16", station: "S1", user: "u2", start: "2019-05-05T08:00", stop: "2019-05-05T09:00", kwh: "30" });
    expect(res.rejects.find((r) => r.row === 9)?.detail).toMatch(/DST gap of Europe\/Oslo/);
    expect(res.rejects.find((r) => r.row === 5)?.detail).toBe("missing plugOut");
    expect(res.rejects.map((r) => r.row)).toEqual([...res.rejects.map((r) => r.row)].sort((a, b) => a - b));
  });
  it("the connection limit is an option", () => {
    const longer = cleanSessions(read, { maxConnectionHours: 72 });
    expect(longer.report.rejected["connection-too-long"]).toBe(0);
    expect(longer.sessions.map((s) => s.id)).toContain("a17");
    expect(() => cleanSessions(read, { maxConnectionHours: 0 })).toThrow(ArgumentError);
  });
  it("summary: stations, users, span in local ISO", () => {
    expect(summarizeSessions(res.sessions)).toEqual({
      sessions: 4,
      stations: 1,
      users: 3, // u1, u2, u3 (a22 has no user)
      spanStart: "2019-03-31T01:30:00+01:00",
      spanEnd: "2019-05-09T12:00:00+02:00",
    });
    expect(summarizeSessions([])).toEqual({ sessions: 0, stations: 0, users: 0, spanStart: undefined, spanEnd: undefined });
  });
  it("writes the rejects CSV with the rule of each row", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-clean-"));
    const file = writeRejectsCsv(res.rejects, path.join(dir, "sub", "rejects.csv"));
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(file, "utf8"), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(["rule", "row", "detail", "id", "station", "user", "start", "stop", "kwh"]);
    expect(parsed.data).toHaveLength(res.rejects.length);
    expect(parsed.data.map((d) => [Number(d.row), d.rule])).toEqual(res.rejects.map((r) => [r.row, r.rule]));
    expect(parsed.data.find((d) => d.row === "7")?.kwh).toBe("ten");
    expect(rejectsToCsv([])).toBe("rule,row,detail\n");
    fs.rmSync(dir, { recursive: true });
  });
});

describe("timestamp resolution allowance", () => {
  it("a 1-minute session written to the minute may deliver up to limit × 2 min", () => {
    // Residential format: times to the minute, so 0.5 kWh in '1 min' may have taken up to 2 min (15 kW ≤ 22 kW).
    const header = "session_ID;Garage_ID;User_ID;User_type;Shared_ID;Start_plugin;Start_plugin_hour;End_plugout;End_plugout_hour;El_kWh;Duration_hours;month_plugin;weekdays_plugin";
    const row = (id: number, out: string, kwh: string) => `${id};G1;G1-1;Private;NA;01.05.2019 08:00;8;${out};8;${kwh};0;May;Wednesday`;
    const res = cleanSessions(readSessionText([header, row(1, "01.05.2019 08:01", "0,5"), row(2, "01.05.2019 08:01", "0,8")].join("\n")));
    // 0.8 kWh in ≤ 2 min is ≥ 24 kW: impossible for AC.
    expect(res.rejects.map((r) => [r.row, r.rule])).toEqual([[2, "energy-above-capacity"]]);
    // The kept session's rating covers its recorded mean power (30 kW over the recorded minute): above the AC ladder.
    expect(res.sessions[0].chargerKw).toBe(30);
  });
});

describe("station power class inference", () => {
  const rows: string[] = [HEADER];
  let n = 0;
  const add = (station: string, kwh: number, minutes: number) => {
    n += 1;
    const start = Date.UTC(2021, 0, 1) + n * 86_400_000;
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + "Z";
    rows.push(`r${n},${station},u${n},${iso(start)},${iso(start + minutes * 60_000)},${kwh}`);
  };
  for (let i = 0; i < 30; i++) add("DC", 20, 30); // 40 kW: a DC fast charger's normal day
  add("DC", 40, 30); // 80 kW: more than a 50 kW unit delivers
  for (let i = 0; i < 10; i++) add("AC", 7, 60); // 7 kW
  add("AC", 15, 30); // 30 kW: impossible for AC
  add("AC2", 14, 60); // a station with one session at 14 kW: AC, kept
  const read = readSessionText(rows.join("\n"), { mapping: { ...MAPPING, timeZone: "UTC" } });

  it("a station whose sessions regularly exceed 22 kW is DC fast with a 50 kW limit; others are AC at 22 kW", () => {
    const table = inferStationPower(
      read.records.map((r) => ({ stationId: r.stationId as string, energyKwh: r.energyKwh.value, hours: (r.plugOut.ms - r.plugIn.ms) / 3.6e6 })),
    );
    expect(table.map((t) => [t.stationId, t.powerClass, t.limitKw, t.sessions, t.sessionsAboveAc])).toEqual([
      ["AC", "L2", 22, 11, 1],
      ["AC2", "L2", 22, 1, 0],
      ["DC", "DCFC", 50, 31, 31],
    ]);
    expect(table[2].maxKw).toBe(80);
    expect(table[0].p50Kw).toBe(7);
  });
  it("cleaning keeps the DC sessions within 50 kW and rejects the impossible ones at both stations", () => {
    const res = cleanSessions(read);
    expect(res.rejects.map((r) => [r.fields.station, r.rule])).toEqual([
      ["DC", "energy-above-capacity"],
      ["AC", "energy-above-capacity"],
    ]);
    const byStation = (id: string) => res.sessions.filter((s) => s.stationId === id);
    expect(byStation("DC")).toHaveLength(30);
    expect(byStation("DC").every((s) => s.powerClass === "DCFC" && s.chargerKw === 50)).toBe(true);
    expect(byStation("AC").every((s) => s.powerClass === "L2" && s.chargerKw === 7.4)).toBe(true);
    expect(byStation("AC2")[0].chargerKw).toBe(22);
  });
  it("known station ratings replace the inference", () => {
    const res = cleanSessions(read, { power: { stationKw: { AC: 7.4, DC: 100 } } });
    expect(res.rejects.map((r) => r.fields.station)).toEqual(["AC"]);
    expect(res.sessions.filter((s) => s.stationId === "DC")).toHaveLength(31);
    expect(res.sessions.filter((s) => s.stationId === "DC").every((s) => s.chargerKw === 100 && s.powerClass === "DCFC")).toBe(true);
    // AC at 7.4 kW: the 7 kW sessions pass (7 ≤ 7.4 × (1 h + 1 s)), the 30 kW one does not.
    expect(res.sessions.filter((s) => s.stationId === "AC")).toHaveLength(10);
  });
  it("ratingAtLeast picks the smallest standard rating covering the power", () => {
    expect(ratingAtLeast(7.04, [3.7, 7.4, 11, 22])).toBe(7.4);
    expect(ratingAtLeast(7.4, [3.7, 7.4, 11, 22])).toBe(7.4);
    expect(ratingAtLeast(45.6, [50, 150, 350])).toBe(50);
    expect(ratingAtLeast(400.01, [50, 150, 350])).toBe(400.1);
  });
});

describe("DST rules in a US zone (workplace file, America/New_York and America/Los_Angeles)", () => {
  const header =
    "sessionId,kwhTotal,dollars,created,ended,startTime,endTime,chargeTimeHrs,weekday,platform,distance,userId,stationId,locationId,managerVehicle,facilityType,Mon,Tues,Wed,Thurs,Fri,Sat,Sun,reportedZip";
  const row = (id: string, created: string, ended: string) => `${id},5,0,${created},${ended},1,3,1,Sun,ios,NA,u${id},S1,L1,0,3,0,0,0,0,0,0,1,0`;
  const text = [
    header,
    row("1", "0015-03-08 02:30:00", "0015-03-08 04:00:00"), // spring gap 02:00–03:00
    row("2", "0014-11-02 00:30:00", "0014-11-02 01:30:00"), // autumn repeat 01:00–02:00
    row("3", "0015-03-08 01:30:00", "0015-03-08 03:30:00"), // spans the gap: 1 h elapsed
    row("4", "0014-11-02 00:30:00", "0014-11-02 02:30:00"), // spans the repeat: 3 h elapsed
  ].join("\n");
  for (const zone of ["America/New_York", "America/Los_Angeles"]) {
    it(`${zone}: gap and repeat rejected under their rules; spanning sessions kept with their true length`, () => {
      const res = cleanSessions(readSessionText(text, { timeZone: zone }));
      expect(res.rejects.map((r) => [r.row, r.rule])).toEqual([
        [1, "dst-nonexistent"],
        [2, "dst-ambiguous"],
      ]);
      expect(res.sessions.map((s) => [s.id, dwellHours(s)])).toEqual([
        ["3", 1],
        ["4", 3],
      ]);
    });
  }
  it("in UTC nothing is ambiguous", () => {
    expect(cleanSessions(readSessionText(text, { timeZone: "UTC" })).report.rowsKept).toBe(4);
  });
});
