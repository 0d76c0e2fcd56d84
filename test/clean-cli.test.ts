/**
 * `evsp clean` and `evsp fit-generator`, run in-process through the commander program: one JSON object on
 * --json, files written where asked, typed errors reported as { error: { code, message } }.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Papa from "papaparse";
import "../lib/cli/commands/clean";
import "../lib/cli/commands/fit-generator";
import { buildProgram } from "../lib/cli/program";
import { CANONICAL_CSV_MAPPING, hasSharedData, projectDataDir, readSessionText, SHARED_FILES, sharedDataFile } from "../lib/io";

async function run(...args: string[]): Promise<{ out: string; code: number | undefined }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
    chunks.push(String(s));
    return true;
  });
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(["node", "evsp", ...args]);
  } finally {
    spy.mockRestore();
  }
  const code = process.exitCode as number | undefined;
  process.exitCode = before;
  return { out: chunks.join(""), code };
}

const HEADER = "session_ID;Garage_ID;User_ID;User_type;Shared_ID;Start_plugin;Start_plugin_hour;End_plugout;End_plugout_hour;El_kWh;Duration_hours;month_plugin;weekdays_plugin";
const ROWS = [
  "1;G1;G1-1;Private;NA;21.12.2018 10:20;10;21.12.2018 12:20;12;5,5;2;Dec;Friday",
  "2;G1;G1-2;Private;NA;22.12.2018 18:00;18;23.12.2018 07:00;7;12;13;Dec;Saturday",
  "3;G2;G2-1;Private;NA;23.12.2018 11:23;11;NA;NA;0,5;NA;Dec;Sunday",
  "4;G2;G2-1;Private;NA;31.03.2019 02:30;2;31.03.2019 05:00;5;3;2,5;Mar;Sunday",
];

describe("evsp clean", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-cli-"));
  const file = path.join(dir, "sessions.csv");
  fs.writeFileSync(file, [HEADER, ...ROWS].join("\r\n") + "\r\n");

  it("prints the report, counts and span as one JSON object and writes rejects and clean sessions", async () => {
    const rejects = path.join(dir, "rejects.csv");
    const out = path.join(dir, "clean.csv");
    const { out: text, code } = await run("clean", file, "--rejects", rejects, "--out", out, "--json");
    expect(code).toBeUndefined();
    expect(text.trim().split("\n")).toHaveLength(1);
    const r = JSON.parse(text);
    expect(r).toMatchObject({
      format: "residential",
      rowsIn: 4,
      rowsKept: 2,
      stations: 1,
      users: 2,
      spanStart: "2018-12-21T10:20:00+01:00",
      spanEnd: "2018-12-23T07:00:00+01:00",
    });
    expect(r.rejected["missing-field"]).toBe(1);
    expect(r.rejected["dst-nonexistent"]).toBe(1);
    expect(Object.values(r.rejected as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(2);
    const rej = Papa.parse<Record<string, string>>(fs.readFileSync(rejects, "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(rej.map((x) => [x.rule, x.session_ID])).toEqual([
      ["missing-field", "3"],
      ["dst-nonexistent", "4"],
    ]);
    const back = readSessionText(fs.readFileSync(out, "utf8"), { mapping: CANONICAL_CSV_MAPPING });
    expect(back.records.map((x) => [x.id, x.plugIn.ms, x.energyKwh.value])).toEqual([
      ["1", Date.UTC(2018, 11, 21, 9, 20), 5.5],
      ["2", Date.UTC(2018, 11, 22, 17, 0), 12],
    ]);
  });
  it("--format forces a reader; a wrong one reports the missing columns as a JSON error with exit code 3 (data)", async () => {
    const { out, code } = await run("clean", file, "--format", "workplace", "--json");
    expect(code).toBe(3);
    const e = JSON.parse(out).error;
    expect(e.code).toBe("DATA_VALIDATION");
    expect(e.message).toMatch(/needs columns "sessionId".*columns found: "session_ID;Garage_ID;/); // "," splits nothing
  });
  it("generic files need --mapping (JSON text or file); --max-hours changes the limit", async () => {
    const g = path.join(dir, "g.csv");
    fs.writeFileSync(g, "sid,evse,start,stop,kwh\na,E1,2021-03-05T08:00,2021-03-08T08:00,10\nb,E1,2021-03-05T08:00,2021-03-05T10:00,5\n");
    expect(JSON.parse((await run("clean", g, "--format", "generic", "--json")).out).error.code).toBe("ARGUMENT");
    const mapping = JSON.stringify({ id: "sid", stationId: "evse", plugIn: "start", plugOut: "stop", energyKwh: "kwh", timeZone: "Europe/Berlin" });
    const a = JSON.parse((await run("clean", g, "--mapping", mapping, "--json")).out);
    expect([a.format, a.rowsKept, a.rejected["connection-too-long"]]).toEqual(["generic", 1, 1]);
    const mf = path.join(dir, "mapping.json");
    fs.writeFileSync(mf, mapping);
    const b = JSON.parse((await run("clean", g, "--mapping", mf, "--max-hours", "100", "--json")).out);
    expect([b.rowsKept, b.rejected["connection-too-long"]]).toEqual([2, 0]);
  });
  it("a missing file and an empty file are clear errors", async () => {
    expect(JSON.parse((await run("clean", path.join(dir, "nope.csv"), "--json")).out).error).toMatchObject({ code: "DATA_VALIDATION" });
    const empty = path.join(dir, "empty.csv");
    fs.writeFileSync(empty, "");
    expect(JSON.parse((await run("clean", empty, "--json")).out).error.message).toMatch(/the file is empty/);
  });
  it("without --json it prints a readable summary with every rule", async () => {
    const { out } = await run("clean", file);
    expect(out).toMatch(/residential, 4 rows read, 2 kept/);
    expect(out).toMatch(/duplicate-user-start\s+0/);
  });
});

const real = [
  ["residential", SHARED_FILES.evResidential, { rowsIn: 6878, rowsKept: 6700, stations: 24 }],
  ["acn", SHARED_FILES.evAcn, { rowsIn: 3235, rowsKept: 3232, stations: 45 }],
  ["workplace", SHARED_FILES.evWorkplace, { rowsIn: 3395, rowsKept: 3336, stations: 105 }],
] as const;

describe("evsp clean on the real files", () => {
  for (const [name, file, expected] of real) {
    const present = hasSharedData(file);
    if (!present) console.log(`[clean-cli] skipping ${name}: real data file not found under ${sharedDataFile()}`);
    it.skipIf(!present)(`${name}`, async () => {
      const r = JSON.parse((await run("clean", sharedDataFile(file), "--json")).out);
      expect(r).toMatchObject({ format: name, encoding: "utf-8", ...expected });
      expect(Object.keys(r)).toEqual(["format", "encoding", "rowsIn", "rowsKept", "rejected", "stations", "users", "spanStart", "spanEnd"]);
    });
  }
  it.skipIf(!hasSharedData(SHARED_FILES.evWorkplace))("fit-generator --check: the committed parameters re-fit", async () => {
    const { out, code } = await run("fit-generator", "--dataset", "workplace", "--check", "--json");
    expect(code).toBeUndefined();
    expect(JSON.parse(out).datasets[0]).toMatchObject({ dataset: "workplace", sameAsCommitted: true, mismatches: [] });
  });
  it.skipIf(!hasSharedData(SHARED_FILES.evWorkplace))("fit-generator --check: stale parameters are a data error (exit 3), not exit 1 (internal)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-fit-"));
    const committed = JSON.parse(fs.readFileSync(path.join(projectDataDir(), "ev", "workplace.json"), "utf8")) as { chargerKw: number };
    fs.writeFileSync(path.join(dir, "workplace.json"), JSON.stringify({ ...committed, chargerKw: committed.chargerKw + 1 }));
    const { out, code } = await run("fit-generator", "--dataset", "workplace", "--check", "--out-dir", dir, "--json");
    expect(code).toBe(3);
    expect(JSON.parse(out).error).toMatchObject({ code: "DATA_VALIDATION", field: "--check", message: expect.stringMatching(/workplace.*chargerKw/) });
    fs.rmSync(dir, { recursive: true });
  });
});
