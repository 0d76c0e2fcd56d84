/**
 * Cleaning the real files (skipped with a notice where absent). Each per-rule count is checked twice: against the
 * published dirty-row counts of SOURCES.md (an independent reference, where its check means the same as our rule)
 * and against a recomputation here from the raw text with plain JavaScript and luxon — no toolkit code.
 *
 * SOURCES.md "Dirty-row counts", per file (Norway / ACN / workplace):
 *   missing start, stop or kWh 34 / 0 / 0; stop before start 0 / 0 / 0 (Norway: 17 have stop = start);
 *   kWh ≤ 0 0 / 0 / 55; kWh > 22 kW × hours 0 / 787, all at the DC fast charger, 2 imply > 50 kW / 3;
 *   connection > 48 h 127 / 1 / 1; exact duplicates and duplicate ids 0; same user and start: Norway 10 extra rows
 *   (micro-sessions and 7 NA-stop rows), which earlier rules already reject here.
 */
import * as fs from "fs";
import { DateTime } from "luxon";
import Papa from "papaparse";
import { cleanSessions, type CleanResult, emptyRuleCounts, rejectsToCsv } from "../lib/clean";
import { dwellHours, hasSharedData, readSessionFile, SHARED_FILES, sharedDataFile } from "../lib/io";

const files = { residential: SHARED_FILES.evResidential, acn: SHARED_FILES.evAcn, workplace: SHARED_FILES.evWorkplace };
const present = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, hasSharedData(f)])) as Record<keyof typeof files, boolean>;
for (const [k, v] of Object.entries(present)) if (!v) console.log(`[clean-real] skipping ${k}: real data file not found under ${sharedDataFile()}`);

const clean = (k: keyof typeof files): CleanResult => cleanSessions(readSessionFile(sharedDataFile(files[k])));
const total = (r: CleanResult) => r.report.rowsKept + Object.values(r.report.rejected).reduce((a, b) => a + b, 0);

describe.skipIf(!present.residential)("Norwegian residential", () => {
  const res = present.residential ? clean("residential") : (undefined as unknown as CleanResult);
  const text = present.residential ? fs.readFileSync(sharedDataFile(files.residential), "utf8") : "";

  it("per-rule counts: 34 open sessions, 17 zero-length, 127 over 48 h; 6,700 kept of 6,878", () => {
    const expected = { ...emptyRuleCounts(), "missing-field": 34, "plugout-not-after-plugin": 17, "connection-too-long": 127 };
    expect(res.report).toEqual({ format: "residential", rowsIn: 6878, rowsKept: 6700, rejected: expected });
    expect(total(res)).toBe(6878);
  });
  it("the counts agree with a recomputation from the raw text (luxon, no toolkit code)", () => {
    const rows = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ";", skipEmptyLines: true }).data;
    const t = (s: string) => DateTime.fromFormat(s, "dd.MM.yyyy HH:mm", { zone: "Europe/Oslo" }).toMillis();
    const open = rows.filter((r) => r.End_plugout === "NA");
    const rest = rows.filter((r) => r.End_plugout !== "NA");
    const zeroLength = rest.filter((r) => t(r.End_plugout) <= t(r.Start_plugin));
    const long = rest.filter((r) => (t(r.End_plugout) - t(r.Start_plugin)) / 3.6e6 > 48);
    const overAc = rest.filter((r) => {
      const h = (t(r.End_plugout) - t(r.Start_plugin)) / 3.6e6;
      return h > 0 && Number(r.El_kWh.replace(",", ".")) > 22 * (h + 1 / 60);
    });
    expect([open.length, zeroLength.length, long.length, overAc.length]).toEqual([34, 17, 127, 0]);
    // The open sessions are the rejected missing-field rows, row for row.
    expect(res.rejects.filter((r) => r.rule === "missing-field").map((r) => r.fields.session_ID)).toEqual(open.map((r) => r.session_ID));
    // Same user and start: 10 extra rows (SOURCES.md), every one already rejected as open or zero-length.
    const seen = new Map<string, number>();
    const extra = rows.filter((r) => {
      const k = `${r.User_ID}|${r.Start_plugin}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
      return (seen.get(k) as number) > 1;
    });
    expect(extra).toHaveLength(10);
    const firstOfGroup = rows.filter((r) => (seen.get(`${r.User_ID}|${r.Start_plugin}`) as number) > 1);
    const keptIds = new Set(res.sessions.map((s) => s.id));
    const keptPerGroup = new Map<string, number>();
    for (const r of firstOfGroup) if (keptIds.has(r.session_ID)) keptPerGroup.set(`${r.User_ID}|${r.Start_plugin}`, (keptPerGroup.get(`${r.User_ID}|${r.Start_plugin}`) ?? 0) + 1);
    expect([...keptPerGroup.values()].every((n) => n <= 1)).toBe(true);
  });
  it("kept sessions: 24 garages, Europe/Oslo, AC, energy within the rating × dwell", () => {
    expect(new Set(res.sessions.map((s) => s.stationId)).size).toBe(24);
    expect(res.sessions.every((s) => s.timeZone === "Europe/Oslo" && s.powerClass === "L2")).toBe(true);
    expect(res.sessions.every((s) => s.energyKwh <= (s.chargerKw as number) * dwellHours(s) + 1e-9)).toBe(true);
    expect(res.sessions.every((s) => dwellHours(s) > 0 && dwellHours(s) <= 48 && s.energyKwh > 0)).toBe(true);
  });
  it("the rejects CSV has one line per rejected row with its rule", () => {
    const parsed = Papa.parse<Record<string, string>>(rejectsToCsv(res.rejects), { header: true, skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(178);
    const byRule: Record<string, number> = {};
    for (const p of parsed) byRule[p.rule] = (byRule[p.rule] ?? 0) + 1;
    expect(byRule).toEqual({ "missing-field": 34, "plugout-not-after-plugin": 17, "connection-too-long": 127 });
  });
});

describe.skipIf(!present.acn)("Caltech ACN-Data", () => {
  const res = present.acn ? clean("acn") : (undefined as unknown as CleanResult);
  const items = present.acn
    ? (JSON.parse(fs.readFileSync(sharedDataFile(files.acn), "utf8")) as { _items: Array<Record<string, unknown>> })._items
    : [];
  const DC = "2-39-81-4550";

  it("per-rule counts: 2 impossible DC sessions (> 50 kW), 1 over 48 h; 3,232 kept of 3,235", () => {
    const expected = { ...emptyRuleCounts(), "energy-above-capacity": 2, "connection-too-long": 1 };
    expect(res.report).toEqual({ format: "acn", rowsIn: 3235, rowsKept: 3232, rejected: expected });
    expect(total(res)).toBe(3235);
  });
  it("the DC fast charger is classed DCFC at 50 kW and its real sessions are kept", () => {
    const st = res.stations.find((s) => s.stationId === DC);
    expect(st).toMatchObject({ powerClass: "DCFC", limitKw: 50, sessions: 1105, sessionsAboveAc: 787 });
    expect(res.stations.filter((s) => s.powerClass === "DCFC").map((s) => s.stationId)).toEqual([DC]);
    // Independent: the DC sessions whose mean power (Date.parse of the GMT strings) is within 50 kW.
    const dcItems = items.filter((i) => i.stationID === DC);
    const power = (i: Record<string, unknown>) =>
      (i.kWhDelivered as number) / ((Date.parse(i.disconnectTime as string) - Date.parse(i.connectionTime as string)) / 3.6e6);
    const within = dcItems.filter((i) => power(i) <= 50);
    expect(dcItems.filter((i) => power(i) > 22)).toHaveLength(787); // SOURCES.md
    expect(dcItems.length - within.length).toBe(2); // SOURCES.md: 2 imply > 50 kW
    const kept = res.sessions.filter((s) => s.stationId === DC);
    expect(kept.map((s) => s.id)).toEqual(within.map((i) => i.sessionID));
    expect(kept.every((s) => s.powerClass === "DCFC" && s.chargerKw === 50)).toBe(true);
    expect(kept.filter((s) => s.energyKwh / dwellHours(s) > 22)).toHaveLength(785);
  });
  it("the one connection over 48 h is the 83 h session; Level-2 stations are rated at most 7.4 kW", () => {
    const long = res.rejects.filter((r) => r.rule === "connection-too-long");
    const item = items.find((i) => i.sessionID === long[0].fields.sessionID) as Record<string, unknown>;
    expect((Date.parse(item.disconnectTime as string) - Date.parse(item.connectionTime as string)) / 3.6e6).toBeCloseTo(83.14, 2);
    const l2 = res.sessions.filter((s) => s.powerClass === "L2");
    expect(Math.max(...l2.map((s) => s.chargerKw as number))).toBe(7.4);
  });
});

describe.skipIf(!present.workplace)("US workplace", () => {
  const res = present.workplace ? clean("workplace") : (undefined as unknown as CleanResult);
  const rows = present.workplace ? Papa.parse<Record<string, string>>(fs.readFileSync(sharedDataFile(files.workplace), "utf8"), { header: true, skipEmptyLines: true }).data : [];

  it("per-rule counts: 55 zero-energy, 3 impossible (> 22 kW), 1 over 48 h; 3,336 kept of 3,395", () => {
    const expected = { ...emptyRuleCounts(), "non-positive-energy": 55, "energy-above-capacity": 3, "connection-too-long": 1 };
    expect(res.report).toEqual({ format: "workplace", rowsIn: 3395, rowsKept: 3336, rejected: expected });
    expect(total(res)).toBe(3395);
  });
  it("agrees with a recomputation from the raw text (chargeTimeHrs, kwhTotal)", () => {
    const zero = rows.filter((r) => Number(r.kwhTotal) <= 0);
    const pos = rows.filter((r) => Number(r.kwhTotal) > 0);
    const over = pos.filter((r) => Number(r.kwhTotal) > 22 * (Number(r.chargeTimeHrs) + 1 / 3600));
    const long = pos.filter((r) => !over.includes(r) && Number(r.chargeTimeHrs) > 48);
    expect([zero.length, over.length, long.length]).toEqual([55, 3, 1]);
    expect(res.rejects.filter((r) => r.rule === "non-positive-energy").map((r) => r.fields.sessionId)).toEqual(zero.map((r) => r.sessionId));
    expect(res.rejects.filter((r) => r.rule === "energy-above-capacity").map((r) => r.fields.sessionId)).toEqual(over.map((r) => r.sessionId));
  });
  it("0014 is read as 2014: 23 kept sessions start in November–December 2014", () => {
    const in2014 = res.sessions.filter((s) => DateTime.fromMillis(s.plugInMs, { zone: s.timeZone }).year === 2014);
    expect(in2014).toHaveLength(rows.filter((r) => r.created.startsWith("0014") && Number(r.kwhTotal) > 0).length);
    expect(in2014).toHaveLength(23);
    expect(res.sessions.every((s) => [2014, 2015].includes(DateTime.fromMillis(s.plugInMs, { zone: s.timeZone }).year))).toBe(true);
  });
});
