/**
 * The EV-record figures carry exactly the numbers of the tables they are drawn from (checked trace by trace on
 * hand-made inputs), and the report table lists every rule with its counts.
 */
import { cleaningReportTable, CLEAN_RULE_NAMES, emptyRuleCounts, profileSessions, sessionHistograms, sessionsPerDay } from "../lib/clean";
import type { ChargingSession } from "../lib/io";
import {
  cleaningReportFigure,
  energyDwellScatterFigure,
  generatorOverlayFigure,
  hourDistributionFigure,
  populationColor,
  populationComparisonFigure,
  sessionsPerDayFigure,
  stationDayFigure,
} from "../lib/plot";
import { ArgumentError } from "../lib/util/errors";

type Trace = Record<string, unknown> & { x: unknown[]; y: unknown[]; name: string };

const sess = (id: string, station: string, inMs: number, hours: number, e: number): ChargingSession => ({
  id,
  stationId: station,
  plugInMs: inMs,
  plugOutMs: inMs + hours * 3_600_000,
  timeZone: "UTC",
  energyKwh: e,
  chargerKw: 7.4,
  powerClass: "L2",
  source: "generic",
});
const SESSIONS = [sess("a", "S", Date.UTC(2021, 0, 4, 8), 2, 5), sess("b", "S", Date.UTC(2021, 0, 4, 9), 4, 10), sess("c", "T", Date.UTC(2021, 0, 9, 18), 12, 20)];

const reports = {
  residential: { format: "residential" as const, rowsIn: 10, rowsKept: 7, rejected: { ...emptyRuleCounts(), "missing-field": 2, "connection-too-long": 1 } },
  acn: { format: "acn" as const, rowsIn: 5, rowsKept: 4, rejected: { ...emptyRuleCounts(), "energy-above-capacity": 1 } },
};

describe("cleaning report", () => {
  it("table: rows read, every rule in order, rows kept", () => {
    const t = cleaningReportTable(reports);
    expect(t.map((r) => r.step)).toEqual(["rows read", ...CLEAN_RULE_NAMES, "rows kept"]);
    expect(t[0]).toMatchObject({ residential: 10, acn: 5 });
    expect(t.find((r) => r.step === "missing-field")).toMatchObject({ residential: 2, acn: 0 });
    expect(t[t.length - 1]).toMatchObject({ residential: 7, acn: 4 });
  });
  it("bar chart: only rules with rejects, one trace per data set, counts as bar heights", () => {
    const f = cleaningReportFigure(reports);
    const tr = f.data as Trace[];
    expect(tr.map((t) => t.name)).toEqual(["residential (3 of 10)", "acn (1 of 5)"]);
    expect(tr[0].x).toEqual(["missing-field", "energy-above-capacity", "connection-too-long"]);
    expect(tr[0].y).toEqual([2, 0, 1]);
    expect(tr[1].y).toEqual([0, 1, 0]);
    expect((cleaningReportFigure(reports, { showZeroRules: true }).data[0] as Trace).x).toHaveLength(CLEAN_RULE_NAMES.length);
  });
});

describe("profile figures", () => {
  const p = profileSessions(SESSIONS, { population: "residential" });
  it("hour distribution: bin centres and shares", () => {
    const tr = hourDistributionFigure([{ name: "residential", rows: p.arrival }]).data[0] as Trace;
    expect(tr.x).toHaveLength(24);
    expect(tr.x[8]).toBe(8.5);
    expect([tr.y[8], tr.y[9], tr.y[18]]).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
  it("scatter: dwell and energy of every (or every k-th) session, and the rating line", () => {
    const f = energyDwellScatterFigure([{ name: "acn", sessions: SESSIONS }]);
    const [pts, line] = f.data as Trace[];
    expect(pts.x).toEqual([2, 4, 12]);
    expect(pts.y).toEqual([5, 10, 20]);
    expect(line.x).toEqual([0, 20 / 7.4]);
    expect((energyDwellScatterFigure([{ name: "acn", sessions: SESSIONS }], { maxPoints: 2 }).data[0] as Trace).x).toEqual([2, 12]);
  });
  it("sessions per day: one panel per population, weekend markers", () => {
    const f = sessionsPerDayFigure([{ name: "residential", rows: sessionsPerDay(SESSIONS) }, { name: "acn", rows: sessionsPerDay(SESSIONS) }]);
    const tr = f.data as Trace[];
    expect(tr[0].y).toEqual([2, 0, 0, 0, 0, 1]);
    expect(tr[1].x).toEqual(["2021-01-09"]);
    expect(tr[2].xaxis).toBe("x2");
    expect(() => sessionsPerDayFigure([])).toThrow(ArgumentError);
  });
  it("station-days, populations and the generator overlay carry the table values", () => {
    const sd = stationDayFigure([{ name: "residential", distribution: p.perStationDay }]).data[0] as Trace;
    expect(sd.x).toEqual(p.perStationDay.rows.map((r) => r.sessions));
    expect(sd.y).toEqual(p.perStationDay.rows.map((r) => r.share));
    const box = populationComparisonFigure([p]).data as Array<Record<string, unknown>>;
    expect(box[0]).toMatchObject({ median: [p.dwellH.median], q1: [p.dwellH.p25], upperfence: [p.dwellH.p90] });
    expect(box[1]).toMatchObject({ median: [p.energyKwh.median], yaxis: "y2" });
    const h = sessionHistograms(SESSIONS);
    const ov = generatorOverlayFigure(h, h, { population: "workplace" }).data as Trace[];
    expect(ov).toHaveLength(6);
    expect(ov[2].x[2]).toBe(2.5); // dwell bin [2, 3)
    expect(ov[2].y[2]).toBeCloseTo(1 / 3, 12);
    expect(ov[3].y).toEqual(ov[2].y);
  });
  it("colours are stable per population, synthetic variants included", () => {
    expect(populationColor("acn")).toBe(populationColor("acn synthetic"));
    expect(populationColor("residential")).not.toBe(populationColor("workplace"));
  });
});
