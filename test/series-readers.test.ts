/**
 * Hourly series readers: hand-made files with every quirk, then the real files' quirks as documented in
 * ../shared/data/SOURCES.md (skipped with a notice when the data is absent).
 */
import { hasSharedData, SHARED_FILES, sharedDataFile } from "../lib/io/paths";
import { parsePjmHourly, readPjmHourly } from "../lib/io/series/aep";
import { detectSeriesKind } from "../lib/io/series/detect";
import { parseOpsdCountry, readOpsdCountry } from "../lib/io/series/opsd-france";
import { parseOpsdHousehold, readOpsdHousehold } from "../lib/io/series/opsd-household";
import { DataValidationError } from "../lib/util/errors";

const Z = (iso: string) => Date.parse(iso);

describe("OPSD country file (hand-made)", () => {
  const head = "utc_timestamp,cet_cest_timestamp,FR_load_actual_entsoe_transparency,FR_load_forecast_entsoe_transparency,FR_solar_generation_actual";
  const rows = [
    "2019-03-31T00:00:00Z,2019-03-31T01:00:00+0100,100,101,0",
    "2019-03-31T01:00:00Z,2019-03-31T03:00:00+0200,,99,0",
    "2019-03-31T02:00:00Z,2019-03-31T04:00:00+0200,98,,",
    "2019-03-31T03:00:00Z,2019-03-31T04:00:00+0100,97,97,1.5",
  ];
  const text = `${head}\r\n${rows.join("\r\n")}\r\n`;

  it("reads values, missing fields and checks the local column against the zone", () => {
    const r = parseOpsdCountry(text);
    expect(r.pvMw.startMs).toEqual([Z("2019-03-31T00:00:00Z"), Z("2019-03-31T01:00:00Z"), Z("2019-03-31T02:00:00Z"), Z("2019-03-31T03:00:00Z")]);
    expect(r.loadMw.values.slice(0, 1)).toEqual([100]);
    expect(Number.isNaN(r.loadMw.values[1])).toBe(true);
    expect(r.pvMw.values[3]).toBe(1.5);
    expect(r.missing).toEqual({ pv: 1, load: 1, loadForecast: 1 });
    // Last row: +0100 at 03:00Z names the instant 03:00Z? 04:00+01:00 = 03:00Z (same instant) but Paris is on +0200.
    expect(r.localTimestampMismatches).toBe(0);
    expect(r.zoneOffsetMismatches).toBe(1);
    expect(r.pvMw.timeZone).toBe("Europe/Paris");
    expect(r.quality).toMatchObject({ rows: 4, gaps: 0, duplicateRows: 0, orderBreaks: 0 });
  });

  it("names a missing column and a malformed timestamp", () => {
    expect(() => parseOpsdCountry(text.replace("FR_solar_generation_actual", "X"))).toThrow(/FR_solar_generation_actual/);
    expect(() => parseOpsdCountry(text.replace("2019-03-31T02:00:00Z", "2019-03-31 02:00"))).toThrow(DataValidationError);
    expect(() => parseOpsdCountry(text.replace(",97,97,1.5", ",97,97,abc"))).toThrow(/row 4/);
  });

  it("detects the format from the header", () => {
    expect(detectSeriesKind(text)).toBe("opsd-country");
    expect(detectSeriesKind("Datetime,AEP_MW\n")).toBe("pjm-hourly");
    expect(detectSeriesKind("utc_timestamp,cet_cest_timestamp,DE_KN_residential4_pv\n")).toBe("opsd-household");
    expect(detectSeriesKind("a,b\n")).toBeUndefined();
  });
});

describe("OPSD household file (hand-made, cumulative counters)", () => {
  const head = "utc_timestamp,cet_cest_timestamp,DE_KN_residential4_grid_export,DE_KN_residential4_grid_import,DE_KN_residential4_pv,interpolated_values";
  const text = [
    head,
    "2016-06-01T00:00:00Z,2016-06-01T02:00:00+0200,10.0,5.0,100.0,",
    "2016-06-01T01:00:00Z,2016-06-01T03:00:00+0200,10.0,5.5,100.0,DE_KN_residential4_grid_import",
    "2016-06-01T02:00:00Z,2016-06-01T04:00:00+0200,10.5,,101.0,",
    "2016-06-01T03:00:00Z,2016-06-01T05:00:00+0200,11.5,6.5,103.0,",
    "2016-06-01T04:00:00Z,2016-06-01T06:00:00+0200,11.0,7.0,106.0,",
  ].join("\r\n");

  it("differences consecutive readings; spans and negative steps stay missing", () => {
    const r = parseOpsdHousehold(text);
    expect(r.counters.pv.values).toEqual([0, 1, 2, 3]);
    // grid_import: 0.5, then the reading at 02:00 is missing: the 1.0 kWh over 01:00→03:00 is not attributed.
    expect(r.counters.grid_import.values.map((v) => (Number.isNaN(v) ? null : v))).toEqual([0.5, null, null, 0.5]);
    // grid_export goes backwards at the last step.
    expect(r.counters.grid_export.values.map((v) => (Number.isNaN(v) ? null : v))).toEqual([0, 0.5, 1, null]);
    expect(r.report.grid_import).toMatchObject({ readings: 4, hoursKnown: 2, spanningDifferences: 1, spanningHours: 2, interpolatedRows: 1 });
    expect(r.report.grid_export.negativeDifferences).toBe(1);
    // load = import + pv − export = 0.5 + 0 − 0 in the first hour.
    expect(r.loadKwh!.values[0]).toBeCloseTo(0.5, 12);
    expect(r.counters.pv.startMs[0]).toBe(Z("2016-06-01T00:00:00Z"));
    expect(r.counters.pv.unit).toBe("kWh");
  });

  it("spreads a spanning difference when asked", () => {
    const r = parseOpsdHousehold(text, { spanningEnergy: "spread" });
    expect(r.counters.grid_import.values.slice(1, 3)).toEqual([0.5, 0.5]);
  });

  it("refuses rows that are not consecutive hours", () => {
    const bad = text.replace("2016-06-01T02:00:00Z", "2016-06-01T09:00:00Z");
    expect(() => parseOpsdHousehold(bad)).toThrow(/consecutive hours/);
  });
});

describe("PJM hourly file (hand-made, hour-ending US Eastern)", () => {
  // Days in backward blocks, a spring DST day, a repeated autumn stamp, a real missing hour, no final newline.
  const lines = [
    "Datetime,AEP_MW",
    "2014-11-02 01:00:00,11",
    "2014-11-02 02:00:00,12",
    "2014-11-02 02:00:00,13",
    "2014-11-02 03:00:00,14",
    "2014-03-09 01:00:00,1",
    "2014-03-09 02:00:00,2",
    "2014-03-09 04:00:00,4",
    "2014-03-09 06:00:00,6",
  ];
  const text = lines.join("\n");

  it("converts hour-ending local stamps to hour-start UTC", () => {
    const r = parsePjmHourly(text);
    const at = (ms: number) => r.loadMw.values[r.loadMw.startMs.indexOf(ms)];
    // 2014-03-09: EST (−5) until 02:00 local, then EDT (−4). Stamp 02:00 = hour 01:00–02:00 EST = 06:00Z.
    expect(at(Z("2014-03-09T05:00:00Z"))).toBe(1);
    expect(at(Z("2014-03-09T06:00:00Z"))).toBe(2);
    // Stamp 04:00 = hour starting 03:00 EDT = 07:00Z: no UTC gap across the spring change.
    expect(at(Z("2014-03-09T07:00:00Z"))).toBe(4);
    // 2014-11-02: the two 02:00 stamps are the hours starting 01:00 EDT (05:00Z) and 01:00 EST (06:00Z).
    expect(at(Z("2014-11-02T04:00:00Z"))).toBe(11);
    expect(at(Z("2014-11-02T05:00:00Z"))).toBe(12);
    expect(at(Z("2014-11-02T06:00:00Z"))).toBe(13);
    expect(at(Z("2014-11-02T07:00:00Z"))).toBe(14);
    expect(r.loadMw.timeZone).toBe("America/New_York");
  });

  it("counts order breaks, duplicated stamps and classifies gaps", () => {
    const r = parsePjmHourly(text);
    expect(r.stamps.rows).toBe(8);
    expect(r.stamps.orderBreaks).toBe(1);
    expect(r.stamps.duplicatedStamps).toBe(1);
    expect(r.stamps.gaps.map((g) => [g.firstMissingStamp, g.kind])).toEqual([
      ["2014-03-09 03:00:00", "dstSpring"],
      ["2014-03-09 05:00:00", "missing"],
      ["2014-03-09 07:00:00", "missing"], // the months between the two hand-made days
    ]);
    expect(r.stamps.gaps[1].stamps).toBe(1);
    // In UTC: one break between the two days (not a quirk) and the real missing hour 08:00Z.
    expect(r.quality.duplicateRows).toBe(0);
    expect(r.quality.orderBreaks).toBe(1);
  });

  it("an autumn day without the repeated stamp loses two UTC hours and is classified dstAutumn", () => {
    const r = parsePjmHourly(["Datetime,AEP_MW", "2010-11-07 01:00:00,1", "2010-11-07 03:00:00,3"].join("\n"));
    expect(r.stamps.gaps).toEqual([{ firstMissingStamp: "2010-11-07 02:00:00", stamps: 1, kind: "dstAutumn" }]);
    expect(r.quality.absentHours).toBe(2);
  });

  it("rejects malformed stamps with their row", () => {
    expect(() => parsePjmHourly("Datetime,AEP_MW\n2014-01-01 01:00,5")).toThrow(/row 1/);
  });
});

describe("real files (SOURCES.md)", () => {
  const fr = hasSharedData(SHARED_FILES.pvFrance);
  const aep = hasSharedData(SHARED_FILES.loadAep);
  const hh = hasSharedData(SHARED_FILES.loadHousehold);
  if (!fr || !aep || !hh) console.log("[series] shared data absent: real-file checks skipped (set EVSP_DATA_DIR)");

  it.skipIf(!fr)("French OPSD file: 43,824 hours, no gap or duplicate, 31 missing load and 14 missing PV values", () => {
    const r = readOpsdCountry(sharedDataFile(SHARED_FILES.pvFrance));
    expect(r.quality).toMatchObject({ rows: 43_824, gaps: 0, duplicateRows: 0, orderBreaks: 0 });
    expect(r.quality.firstUtc).toBe("2014-12-31T23:00:00.000Z");
    expect(r.missing.load).toBe(31);
    expect(r.missing.pv).toBe(14);
    expect(r.missing.loadForecast).toBe(2);
    expect(r.localTimestampMismatches).toBe(0);
    expect(r.zoneOffsetMismatches).toBe(0);
    const finite = r.loadMw.values.filter((v) => !Number.isNaN(v));
    expect(Math.min(...finite)).toBe(30_426);
    expect(Math.max(...finite)).toBe(94_492);
    expect(Math.max(...r.pvMw.values.filter((v) => !Number.isNaN(v)))).toBe(6_707);
  });

  it.skipIf(!aep)("AEP: 5,039 order breaks, 4 duplicated stamps, 27 gaps of which 3 real missing hours", () => {
    const r = readPjmHourly(sharedDataFile(SHARED_FILES.loadAep));
    expect(r.stamps.rows).toBe(121_273);
    expect(r.stamps.orderBreaks).toBe(5_039);
    expect(r.stamps.duplicatedStamps).toBe(4);
    expect(r.stamps.gaps.length).toBe(27);
    expect(r.stamps.gaps.filter((g) => g.kind === "missing").map((g) => g.firstMissingStamp)).toEqual([
      "2010-12-10 00:00:00",
      "2012-12-06 04:00:00",
      "2014-03-11 14:00:00",
    ]);
    expect(r.stamps.gaps.filter((g) => g.kind === "dstSpring").length).toBe(14);
    expect(r.stamps.gaps.filter((g) => g.kind === "dstAutumn").length).toBe(10);
    // In UTC: no duplicate left, 10 autumn days × 2 hours + 3 real hours absent.
    expect(r.quality.duplicateRows).toBe(0);
    expect(r.quality.absentHours).toBe(23);
    const v = r.loadMw.values;
    expect(Math.min(...v)).toBe(9_581);
    expect(Math.max(...v)).toBe(25_695);
  });

  it.skipIf(!hh)("household: 2016 PV 11,001 kWh, import 3,919 kWh, export 8,731 kWh", () => {
    const r = readOpsdHousehold(sharedDataFile(SHARED_FILES.loadHousehold));
    const total = (name: string) => {
      const s = r.counters[name];
      let sum = 0;
      s.startMs.forEach((t, i) => {
        if (t >= Z("2016-01-01T00:00:00Z") && t < Z("2017-01-01T00:00:00Z") && !Number.isNaN(s.values[i])) sum += s.values[i];
      });
      return sum;
    };
    // Spanning differences are left missing by default: allow for them (SOURCES: counter differences over the year).
    expect(total("pv")).toBeGreaterThan(11_001 * 0.97);
    expect(total("pv")).toBeLessThanOrEqual(11_001.5);
    const spread = readOpsdHousehold(sharedDataFile(SHARED_FILES.loadHousehold), { spanningEnergy: "spread" });
    const totalSpread = (name: string) => {
      const s = spread.counters[name];
      return s.values.reduce((acc, x, i) => (s.startMs[i] >= Z("2016-01-01T00:00:00Z") && s.startMs[i] < Z("2017-01-01T00:00:00Z") && !Number.isNaN(x) ? acc + x : acc), 0);
    };
    expect(totalSpread("pv")).toBeCloseTo(11_001, 0);
    expect(totalSpread("grid_import")).toBeCloseTo(3_919, 0);
    expect(totalSpread("grid_export")).toBeCloseTo(8_731, 0);
    expect(Object.values(r.report).every((c) => c.negativeDifferences === 0)).toBe(true);
  });
});
