/**
 * Issue 19, the data readers: every bad input of the session, series and numeric readers is read correctly or is a
 * typed error naming the file, field and row; rejected session rows are counted under a named rule. Each block is
 * one item of the issue (mixed line endings, year 0014, implausible years, numeric headers, strict numbers, row 1
 * of a headerless matrix or profile, a scenario year outside the data).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCliJson } from "./cli-run";
import "../lib/cli/commands/clean";
import "../lib/cli/commands/kmedoids";
import "../lib/cli/commands/scenarios";
import { CLEAN_RULE_NAMES, cleanSessions, DEFAULT_PLAUSIBLE_YEARS } from "../lib/clean";
import {
  CANONICAL_CSV_MAPPING,
  localIso,
  normaliseLineEndings,
  parseDecimal,
  parseIsoText,
  parsePjmHourly,
  readSeriesFile,
  readSessionFile,
  readSessionFileAsync,
  readSessionText,
  SHORT_YEAR_CENTURY,
  sessionsToCsv,
} from "../lib/io";
import { splitCsv } from "../lib/io/series/csv-text";
import { loadPlanningYear } from "../lib/scenarios/planning-year";
import { parseNumericCsv } from "../lib/scenarios/numeric-csv";
import { readScenarioSet } from "../lib/scenarios/scenario-set-json";
import { ArgumentError, DataValidationError } from "../lib/util/errors";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-data-"));
const write = (name: string, text: string) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};

/** The thrown value of `fn` (fails when nothing is thrown). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected an error, none was thrown");
}

const RES_HEADER = "session_ID;Garage_ID;User_ID;Start_plugin;End_plugout;El_kWh;Duration_hours";
const resRow = (id: string, day: string, kwh = "5,2") => `${id};G1;U${id};${day} 10:00;${day} 12:00;${kwh};2`;
const RES_ROWS = [resRow("a1", "01.12.2018"), resRow("a2", "02.12.2018"), resRow("a3", "03.12.2018")];

afterEach(() => {
  process.exitCode = undefined;
});

describe("mixed line endings (a CRLF header with LF rows, CR-only files) are read row by row", () => {
  const variants: Array<[string, string]> = [
    ["CRLF header, LF rows", `${RES_HEADER}\r\n${RES_ROWS.join("\n")}\n`],
    ["LF header, CRLF rows", `${RES_HEADER}\n${RES_ROWS.join("\r\n")}\r\n`],
    ["CR only", `${RES_HEADER}\r${RES_ROWS.join("\r")}\r`],
    ["CRLF, rows mixed", `${RES_HEADER}\r\n${RES_ROWS[0]}\n${RES_ROWS[1]}\r${RES_ROWS[2]}`],
  ];
  it.each(variants)("session CSV, in memory and streamed: %s", async (_name, text) => {
    const fromText = readSessionText(text);
    expect(fromText.records.map((r) => r.id)).toEqual(["a1", "a2", "a3"]);
    expect(fromText.records.every((r) => r.malformed === undefined)).toBe(true);
    expect(fromText.records.map((r) => r.values[6])).toEqual(["2", "2", "2"]); // no stray CR in the last field
    const file = write(`mixed-${_name.replace(/\W+/g, "-")}.csv`, text);
    const streamed = await readSessionFileAsync(file);
    expect(streamed.records.map((r) => r.values)).toEqual(fromText.records.map((r) => r.values));
    expect(cleanSessions(streamed).report.rowsKept).toBe(3);
  });
  it("a stream chunk ending between CR and LF does not make a blank row", async () => {
    // the async reader's chunks are 64 KiB: put a CRLF across the first chunk boundary
    const prefix = "b1;G1;U1;01.12.2018 10:00;01.12.2018 12:00;5,2;";
    const filler = "x".repeat(64 * 1024 - 1 - (RES_HEADER.length + 2) - prefix.length);
    const rows = [`${prefix}${filler}`, resRow("b2", "02.12.2018")];
    const text = `${RES_HEADER}\r\n${rows[0]}\r\n${rows[1]}\r\n`;
    expect(text.indexOf("\r\n", RES_HEADER.length + 2)).toBe(64 * 1024 - 1);
    const streamed = await readSessionFileAsync(write("boundary.csv", text));
    expect(streamed.records.map((r) => r.id)).toEqual(["b1", "b2"]);
    expect(streamed.blankLines).toBe(0);
  });
  it("normaliseLineEndings turns CRLF and lone CR into LF and leaves LF alone", () => {
    expect(normaliseLineEndings("a\r\nb\rc\nd\r\n\r\ne")).toBe("a\nb\nc\nd\n\ne");
  });
  it("series CSV: CR-only and mixed endings", () => {
    for (const text of ["Datetime,AEP_MW\r2019-01-01 01:00:00,1\r2019-01-01 02:00:00,2\r", "Datetime,AEP_MW\r\n2019-01-01 01:00:00,1\n2019-01-01 02:00:00,2\r"]) {
      expect(splitCsv(text, "test").rows).toEqual([["2019-01-01 01:00:00", "1"], ["2019-01-01 02:00:00", "2"]]);
      expect(parsePjmHourly(text).loadMw.values).toEqual([1, 2]);
    }
  });
  it("numeric CSV: CR-only and mixed endings", () => {
    expect(parseNumericCsv("x,y\r1,2\r3,4").rows).toEqual([[1, 2], [3, 4]]);
    expect(parseNumericCsv("x,y\r\n1,2\n3,4\r5,6").rows).toEqual([[1, 2], [3, 4], [5, 6]]);
  });
});

describe("year 0014 in the residential format means 2014, as in the workplace format (one rule)", () => {
  it("both formats map 0014 by SHORT_YEAR_CENTURY", () => {
    expect(SHORT_YEAR_CENTURY).toBe(2000);
    const res = readSessionText(`${RES_HEADER}\n${resRow("a1", "24.12.0014")}\n`);
    expect(res.records[0].plugIn.ms).toBe(Date.UTC(2014, 11, 24, 9, 0)); // 10:00 CET
    const wp = readSessionText(
      "sessionId,kwhTotal,dollars,created,ended,startTime,endTime,chargeTimeHrs,weekday,platform,distance,userId,stationId,locationId,managerVehicle,facilityType,Mon,Tues,Wed,Thurs,Fri,Sat,Sun,reportedZip\n" +
        "1,5,0,0014-11-18 15:40:26,0014-11-18 17:38:27,15,17,1.98,Tue,android,,U1,S1,L1,0,3,0,1,0,0,0,0,0,0\n",
    );
    expect(new Date(wp.records[0].plugIn.ms).getUTCFullYear()).toBe(2014);
  });
  it("evsp clean --out writes valid ISO offsets that read back to the same instants", async () => {
    const file = write("res-0014.csv", `${RES_HEADER}\n${resRow("a1", "24.12.0014")}\n${resRow("a2", "25.12.2018")}\n`);
    const out = path.join(tmp, "res-0014-out.csv");
    const r = await runCliJson(["clean", file, "--out", out, "--json"]);
    expect(r.rowsKept).toBe(2);
    expect(r.spanStart).toBe("2014-12-24T10:00:00+01:00");
    const written = fs.readFileSync(out, "utf8");
    for (const line of written.trim().split("\n").slice(1)) {
      for (const t of line.split(",").slice(3, 5)) expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/);
    }
    const back = readSessionText(written, { mapping: CANONICAL_CSV_MAPPING });
    const orig = readSessionFile(file);
    expect(back.records.map((x) => x.plugIn.ms)).toEqual(orig.records.map((x) => x.plugIn.ms));
  });
  it("localIso writes an offset that is not a whole minute (local mean time) as UTC, exactly", () => {
    const ms = Date.UTC(1880, 5, 1, 12, 0, 0); // Oslo kept local mean time (+00:43:00 … not a whole minute) until 1895
    const iso = localIso(ms, "Europe/Oslo");
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/);
    const parsed = parseIsoText(iso);
    expect(parsed?.kind === "instant" && parsed.ms).toBe(ms);
    expect(localIso(Date.UTC(2019, 9, 27, 0, 30), "Europe/Oslo")).toBe("2019-10-27T02:30:00+02:00"); // unchanged
  });
});

describe("implausible years (9999, 1899 …) are rejected under a named rule, counted with the other rejects", () => {
  const years = `${RES_HEADER}\n${resRow("a1", "24.12.9999")}\n${resRow("a2", "24.12.1899")}\n${resRow("a3", "24.12.2018")}\n`;
  it("the rule is listed in order, with the default window documented", () => {
    expect(CLEAN_RULE_NAMES).toContain("implausible-year");
    expect(CLEAN_RULE_NAMES.indexOf("implausible-year")).toBeLessThan(CLEAN_RULE_NAMES.indexOf("plugout-not-after-plugin"));
    expect(DEFAULT_PLAUSIBLE_YEARS).toEqual({ min: 1990, max: 2100 });
  });
  it("residential and generic ISO rows outside 1990–2100 are rejected", () => {
    const res = cleanSessions(readSessionText(years));
    expect(res.report.rejected["implausible-year"]).toBe(2);
    expect(res.rejects.map((r) => [r.row, r.rule])).toEqual([
      [1, "implausible-year"],
      [2, "implausible-year"],
    ]);
    expect(res.rejects[0].detail).toMatch(/9999/);
    expect(res.rejects[1].detail).toMatch(/1899/);
    const sum = Object.values(res.report.rejected).reduce((a, b) => a + b, 0);
    expect(res.report.rowsIn).toBe(res.report.rowsKept + sum);
    const generic = readSessionText("id,st,in,out,e\n1,S,1899-05-01T10:00:00Z,1899-05-01T12:00:00Z,3\n2,S,2019-05-01T10:00:00Z,2019-05-01T12:00:00Z,3\n", {
      mapping: { id: "id", stationId: "st", plugIn: "in", plugOut: "out", energyKwh: "e", timeZone: "UTC" },
    });
    expect(cleanSessions(generic).report.rejected["implausible-year"]).toBe(1);
  });
  it("a plug-out in another year than the plug-in is tested too", () => {
    const text = `${RES_HEADER}\na1;G1;U1;31.12.2100 23:00;01.01.2101 01:00;5,2;2\n`;
    expect(cleanSessions(readSessionText(text)).report.rejected["implausible-year"]).toBe(1);
  });
  it("the window is configurable (CleanOptions.years) and checked", () => {
    expect(cleanSessions(readSessionText(years), { years: { min: 1800, max: 9999 } }).report.rejected["implausible-year"]).toBe(0);
    const err = thrown(() => cleanSessions(readSessionText(years), { years: { min: 2100, max: 1990 } }));
    expect(err).toBeInstanceOf(ArgumentError);
    expect((err as ArgumentError).field).toBe("years");
  });
  it("evsp clean counts them and takes --min-year / --max-year", async () => {
    const file = write("years.csv", years);
    const r = (await runCliJson(["clean", file, "--json"])) as { rowsIn: number; rowsKept: number; rejected: Record<string, number> };
    expect(r.rejected["implausible-year"]).toBe(2);
    expect(r.rowsKept).toBe(1);
    const wide = (await runCliJson(["clean", file, "--min-year", "1800", "--max-year", "9999", "--json"])) as typeof r;
    expect(wide.rejected["implausible-year"]).toBe(0);
    const bad = (await runCliJson(["clean", file, "--min-year", "2050", "--max-year", "2000", "--json"])) as { error: { code: string; field?: string } };
    expect(bad.error).toMatchObject({ code: "ARGUMENT", field: "--min-year" });
  });
});

describe("a numeric header (column indices) in a matrix: --header auto|yes|no", () => {
  const body = "0,0,0,0\n1,1,1,1\n5,5,5,5\n6,6,6,6\n";
  it("auto: a first row of exactly 0..n-1 or 1..n is a header of indices; any other numbers are data", () => {
    expect(parseNumericCsv(`1,2,3,4\n${body}`)).toMatchObject({ header: ["1", "2", "3", "4"], headerKind: "indices" });
    expect(parseNumericCsv(`1,2,3,4\n${body}`).rows).toHaveLength(4);
    expect(parseNumericCsv(`0,1,2,3\n${body}`).headerKind).toBe("indices");
    expect(parseNumericCsv(`1,2,3,5\n${body}`)).toMatchObject({ header: undefined, headerKind: "none" });
    expect(parseNumericCsv(`1,2,3,5\n${body}`).rows).toHaveLength(5);
    expect(parseNumericCsv("1\n0.5\n0.7\n").rows).toEqual([[1], [0.5], [0.7]]); // one column: "1" is a multiplier
    expect(parseNumericCsv("a,b,c,d\n" + body).headerKind).toBe("names");
  });
  it("yes / no force it", () => {
    expect(parseNumericCsv(`1,2,3,4\n${body}`, { header: "no" }).rows).toHaveLength(5);
    expect(parseNumericCsv(`1,2,3,5\n${body}`, { header: "yes" })).toMatchObject({ header: ["1", "2", "3", "5"] });
    const err = thrown(() => parseNumericCsv("x,y\n1,2\n", { header: "no" }));
    expect(err).toMatchObject({ row: 1, field: "column 1" });
  });
  it("evsp kmedoids reports the header it found and takes --header", async () => {
    const file = write("numhdr.csv", `1,2,3,4\n${body}`);
    expect(await runCliJson(["kmedoids", "--matrix", file, "--k", "2", "--json"])).toMatchObject({ n: 4, header: "indices" });
    expect(await runCliJson(["kmedoids", "--matrix", file, "--k", "2", "--header", "no", "--json"])).toMatchObject({ n: 5, header: "none" });
    const named = write("named.csv", `a,b,c,d\n${body}`);
    expect(await runCliJson(["kmedoids", "--matrix", named, "--k", "2", "--json"])).toMatchObject({ n: 4, header: "names" });
    const bad = (await runCliJson(["kmedoids", "--matrix", file, "--k", "2", "--header", "maybe", "--json"])) as { error: { code: string; field?: string } };
    expect(bad.error).toMatchObject({ code: "ARGUMENT", field: "--header" });
  });
});

describe("numbers are decimal only: one strict parser for the numeric readers", () => {
  it("parseDecimal", () => {
    for (const [s, x] of [["3", 3], ["-2.5", -2.5], ["+.5", 0.5], ["1.", 1], ["5e-3", 0.005], [" 7 ", 7], ["1E3", 1000]] as const) expect(parseDecimal(s)).toBe(x);
    for (const s of ["0x1F", "0X1f", "0b101", "0o17", "Infinity", "-Infinity", "1e999", "1_000", "NaN", "", " ", "1,5", "--1", "1e", "e3", "."]) {
      expect(parseDecimal(s)).toBeUndefined();
    }
    expect(parseDecimal("1,5", ",")).toBe(1.5);
  });
  it.each(["0x1F", "0b11", "0o17", "1e999", "1_0"])("matrix field %s is a DataValidationError with row and column", (v) => {
    const err = thrown(() => parseNumericCsv(`0,0\n${v},1\n2,2\n`));
    expect(err).toBeInstanceOf(DataValidationError);
    expect(err).toMatchObject({ row: 2, field: "column 1" });
  });
  it("Infinity in a data row", () => {
    expect(thrown(() => parseNumericCsv("x,y\n0,0\n1,Infinity\n"))).toMatchObject({ row: 2, field: "y" });
  });
  it("evsp kmedoids: 0x1F in row 1 is an error naming the file, row and column (was read as 31)", async () => {
    const file = write("hex.csv", "0x1F,1\n0,0\n1,1\n");
    const r = (await runCliJson(["kmedoids", "--matrix", file, "--k", "2", "--json"])) as { error: Record<string, unknown> };
    expect(r.error).toMatchObject({ code: "DATA_VALIDATION", row: 1, field: "column 1", file });
  });
  it("series readers: 0x1F is an error with file, field and row", () => {
    const file = write("pjm-hex.csv", "Datetime,AEP_MW\n2019-01-01 01:00:00,10\n2019-01-01 02:00:00,0x1F\n");
    expect(thrown(() => readSeriesFile(file))).toMatchObject({ file, field: "AEP_MW", row: 2 });
  });
});

describe("row 1 of a headerless matrix or a one-column profile: a header must look like a name", () => {
  it.each([
    ["NaN,1\n0,0\n1,1\n", "column 1"],
    ["1,NA\n0,0\n1,1\n", "column 2"],
    ["1,\n0,0\n1,1\n", "column 2"],
    ["0.8x\n0.9\n1.0\n", "column 1"],
    ["O.8\n0.9\n1.0\n", "column 1"],
    ["NaN\n0.9\n1.0\n", "column 1"],
    ["x,1\n0,0\n1,1\n", "column 2"],
    ["inf,-inf\n0,0\n", "column 1"],
  ])("%j is a DataValidationError at row 1", (text, field) => {
    const err = thrown(() => parseNumericCsv(text, { file: "m.csv" }));
    expect(err).toBeInstanceOf(DataValidationError);
    expect(err).toMatchObject({ row: 1, field, file: "m.csv" });
  });
  it("names are headers", () => {
    expect(parseNumericCsv("load\n0.8\n0.9\n")).toMatchObject({ header: ["load"], rows: [[0.8], [0.9]], headerKind: "names" });
    expect(parseNumericCsv("x1;x_2;Load kW\n1;2;3\n").header).toEqual(["x1", "x_2", "Load kW"]);
    expect(parseNumericCsv('"p_kw"\n1\n').header).toEqual(["p_kw"]);
  });
  it("a missing value in a later row names that row", () => {
    expect(thrown(() => parseNumericCsv("x,y\n0,0\n1,NaN\n"))).toMatchObject({ row: 2, field: "y" });
  });
});

describe("a scenario year outside the data says so and lists the years in it", () => {
  /** An OPSD country file of 1–3 Jan 2019, local (CET) days complete. */
  const opsd = (() => {
    const lines = ["utc_timestamp,FR_load_actual_entsoe_transparency,FR_solar_generation_actual"];
    for (let h = 0; h < 72; h++) {
      const t = new Date(Date.UTC(2018, 11, 31, 23) + h * 3_600_000).toISOString().replace(".000Z", "Z");
      lines.push(`${t},${50000 + 1000 * Math.sin(h / 4)},${Math.max(0, 3000 * Math.sin(((h % 24) - 6) / 4))}`);
    }
    return write("opsd-2019.csv", `${lines.join("\n")}\n`);
  })();
  it("loadPlanningYear: ArgumentError on field year, naming the years present", () => {
    expect(loadPlanningYear({ pvFile: opsd, year: 2019 }).daysUsed).toBe(3);
    const err = thrown(() => loadPlanningYear({ pvFile: opsd, year: 1990 }));
    expect(err).toBeInstanceOf(ArgumentError);
    expect((err as ArgumentError).field).toBe("year");
    expect((err as Error).message).toMatch(/1990.*outside the data/);
    expect((err as Error).message).toMatch(/2019/);
    expect((err as Error).message).not.toMatch(/alignDays/);
  });
  it("a year in the data with no complete day says that, not alignDays", () => {
    const lines = ["utc_timestamp,FR_load_actual_entsoe_transparency,FR_solar_generation_actual"];
    for (let h = 0; h < 10; h++) lines.push(`${new Date(Date.UTC(2019, 5, 1, 6) + h * 3_600_000).toISOString().replace(".000Z", "Z")},50000,1000`);
    const partial = write("opsd-partial.csv", `${lines.join("\n")}\n`);
    const err = thrown(() => loadPlanningYear({ pvFile: partial, year: 2019 })); // ten hours of 1 June 2019
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as Error).message).toMatch(/no complete day of 2019/);
    expect((err as Error).message).not.toMatch(/alignDays/);
  });
  it("evsp scenarios --year 1990: field --year", async () => {
    const r = (await runCliJson(["scenarios", "--pv", opsd, "--year", "1990", "--k", "2", "--json"])) as { error: { code: string; field?: string; message: string } };
    expect(r.error).toMatchObject({ code: "ARGUMENT", field: "--year" });
    expect(r.error.message).toMatch(/1990/);
    expect(r.error.message).toMatch(/2019/);
  });
});

describe("reader errors name the file", () => {
  it("session files", async () => {
    const empty = write("empty.csv", "");
    expect(thrown(() => readSessionFile(empty))).toMatchObject({ file: empty });
    await expect(readSessionFileAsync(empty)).rejects.toMatchObject({ file: empty });
    const headerOnly = write("header-only.csv", `${RES_HEADER}\n`);
    expect(thrown(() => readSessionFile(headerOnly))).toMatchObject({ file: headerOnly });
    const noCols = write("nocols.csv", "session_ID;Garage_ID;User_ID;Start_plugin;End_plugout;Duration_hours\nx;y;z;a;b;c\n");
    expect(thrown(() => readSessionFile(noCols, { format: "residential" }))).toMatchObject({ file: noCols, field: "El_kWh" });
    expect(thrown(() => readSessionFile(path.join(tmp, "absent.csv")))).toMatchObject({ file: path.join(tmp, "absent.csv") });
  });
  it("a session file's format and missing columns, streamed too", async () => {
    const unknown = write("unknown.csv", "a,b\n1,2\n");
    expect(thrown(() => readSessionFile(unknown))).toMatchObject({ file: unknown });
    const noCols = write("nocols2.csv", "session_ID;Garage_ID;User_ID;Start_plugin;End_plugout;Duration_hours\nx;y;z;a;b;c\n");
    await expect(readSessionFileAsync(noCols, { format: "residential" })).rejects.toMatchObject({ file: noCols, field: "El_kWh" });
    expect(thrown(() => readSessionText("a,b\n1,2\n", {}, "given.csv"))).toMatchObject({ file: "given.csv" });
  });
  it("scenario set files", () => {
    const bad = write("set.json", "{ not json");
    expect(thrown(() => readScenarioSet(bad))).toMatchObject({ file: bad });
    const wrong = write("set2.json", "{}");
    expect(thrown(() => readScenarioSet(wrong))).toMatchObject({ file: wrong });
  });
  it("series files", () => {
    const noCol = write("pjm-nocol.csv", "Datetime,AEP_MW\n2019-01-01 01:00:00\n");
    expect(thrown(() => readSeriesFile(noCol))).toMatchObject({ file: noCol, row: 1 });
    expect(thrown(() => readSeriesFile(path.join(tmp, "absent-series.csv")))).toMatchObject({ file: path.join(tmp, "absent-series.csv") });
  });
});

describe("usage errors of the reader commands name the option", () => {
  const file = write("ok.csv", `${RES_HEADER}\n${RES_ROWS.join("\n")}\n`);
  const errorOf = async (...args: string[]) => ((await runCliJson([...args, "--json"])) as { error: { code: string; field?: string; message: string } }).error;
  it("evsp clean --format, --time-zone, --mapping", async () => {
    expect(await errorOf("clean", file, "--format", "xml")).toMatchObject({ code: "ARGUMENT", field: "--format" });
    expect(await errorOf("clean", file, "--time-zone", "Mars/Olympus")).toMatchObject({ code: "ARGUMENT", field: "--time-zone" });
    expect(await errorOf("clean", file, "--format", "generic")).toMatchObject({ code: "ARGUMENT", field: "--mapping" });
    expect(await errorOf("clean", file, "--mapping", "{ nope")).toMatchObject({ code: "ARGUMENT", field: "--mapping" });
    const nullMapping = write("null-mapping.json", "null");
    expect(await errorOf("clean", file, "--mapping", nullMapping)).toMatchObject({ code: "ARGUMENT", field: "--mapping" });
  });
  it("a misspelt mapping key is an error listing the keys (it was ignored)", async () => {
    const m = { id: "session_ID", stationId: "Garage_ID", plugIn: "Start_plugin", plugOut: "End_plugout", energyKwh: "El_kWh", timeZone: "UTC", dateFromat: "dd.MM.yyyy HH:mm" };
    const e = await errorOf("clean", file, "--mapping", JSON.stringify(m));
    expect(e).toMatchObject({ code: "ARGUMENT", field: "--mapping" });
    expect(e.message).toMatch(/"dateFromat".*dateFormat/);
    expect(thrown(() => readSessionText("a\n1\n", { mapping: m as never }))).toMatchObject({ field: "mapping.dateFromat" });
  });
  it("evsp kmedoids --method / --init, evsp scenarios --method / --day-basis", async () => {
    const m = write("m.csv", "0,0\n1,1\n5,5\n");
    expect(await errorOf("kmedoids", "--matrix", m, "--k", "2", "--method", "kmeans")).toMatchObject({ code: "ARGUMENT", field: "--method" });
    expect(await errorOf("kmedoids", "--matrix", m, "--k", "2", "--init", "best")).toMatchObject({ code: "ARGUMENT", field: "--init" });
    expect(await errorOf("kmedoids", "--matrix", path.join(tmp, "absent.csv"), "--k", "2")).toMatchObject({ code: "DATA_VALIDATION", file: path.join(tmp, "absent.csv") });
    expect(await errorOf("scenarios", "--k", "2", "--method", "kmeans")).toMatchObject({ code: "ARGUMENT", field: "--method" });
    expect(await errorOf("scenarios", "--k", "2", "--day-basis", "solar")).toMatchObject({ code: "ARGUMENT", field: "--day-basis" });
  });
});

describe("text encodings: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, Latin-1; NUL bytes refused", () => {
  const text = `${RES_HEADER}\n${resRow("a1", "01.12.2018").replace(";G1;", ";Bærum1;")}\n${resRow("a2", "02.12.2018")}\n`;
  const utf16be = (t: string) => {
    const le = Buffer.from(t, "utf16le");
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
  };
  const encodings: Array<[string, Buffer]> = [
    ["utf-8", Buffer.from(text, "utf8")],
    ["utf-8", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])],
    ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
    ["utf-16be", utf16be(text)],
    ["latin1", Buffer.from(text, "latin1")],
  ];
  it.each(encodings)("%s, read whole and streamed, keeps the station id Bærum1", async (encoding, bytes) => {
    const file = path.join(tmp, `enc-${encoding}-${bytes[0]}.csv`);
    fs.writeFileSync(file, bytes);
    for (const read of [readSessionFile(file), await readSessionFileAsync(file)]) {
      expect(read.encoding).toBe(encoding);
      expect(read.records.map((r) => r.stationId)).toEqual(["Bærum1", "G1"]);
    }
    expect(await runCliJson(["clean", file, "--json"])).toMatchObject({ encoding, rowsIn: 2, rowsKept: 2 });
  });
  it("invalid UTF-8 after the streamed head: read again whole, as Latin-1", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => resRow(`r${i}`, `${String((i % 28) + 1).padStart(2, "0")}.12.2018`));
    rows.push(resRow("last", "03.12.2018").replace(";G1;", ";Bærum1;"));
    const file = path.join(tmp, "late-latin1.csv");
    fs.writeFileSync(file, Buffer.from(`${RES_HEADER}\n${rows.join("\n")}\n`, "latin1"));
    expect(fs.statSync(file).size).toBeGreaterThan(64 * 1024);
    const read = await readSessionFileAsync(file);
    expect(read.encoding).toBe("latin1");
    expect(read.records).toHaveLength(1501);
    expect(read.records[1500].stationId).toBe("Bærum1");
  });
  it("NUL bytes without a byte-order mark (binary, or UTF-16 without its mark) are a DataValidationError naming the file", async () => {
    const file = path.join(tmp, "nul.csv");
    fs.writeFileSync(file, Buffer.from(text, "utf16le"));
    expect(thrown(() => readSessionFile(file))).toMatchObject({ file, reason: expect.stringMatching(/NUL byte/) });
    await expect(readSessionFileAsync(file)).rejects.toMatchObject({ file });
  });
  it("series files and matrices in UTF-16", async () => {
    const series = path.join(tmp, "pjm-utf16.csv");
    fs.writeFileSync(series, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Datetime,AEP_MW\r\n2019-01-01 01:00:00,10\r\n2019-01-01 02:00:00,11\r\n", "utf16le")]));
    expect(readSeriesFile(series).load?.values).toEqual([10, 11]);
    const matrix = path.join(tmp, "matrix-utf16.csv");
    fs.writeFileSync(matrix, utf16be("x;y\n0;0\n1;1\n5;5\n"));
    expect(await runCliJson(["kmedoids", "--matrix", matrix, "--k", "2", "--json"])).toMatchObject({ n: 3, header: "names" });
  });
  it("a decimal comma in a matrix is refused with a hint", () => {
    expect(thrown(() => parseNumericCsv("x;y\n0;1,5\n"))).toMatchObject({ row: 1, field: "y", reason: expect.stringMatching(/write decimals with a point/) });
  });
});
