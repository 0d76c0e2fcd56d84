/**
 * The calibration page's parameters and its update, run in Node: the URL form round-trips and rejects bad values by
 * name; an update on a fitted generator gives the rows `evsp aggregate-accuracy --dataset … --json` prints with no
 * data folder (its own path: loadCleanSessions' fallback), and an update on a session file gives the reject counts
 * `evsp clean --json` prints for that file and the rows of `aggregate-accuracy --sessions`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import "../lib/cli/commands/aggregate-accuracy";
import "../lib/cli/commands/clean";
import { loadGeneratorParams } from "../lib/clean/generator-store";
import { calibrationQuery, CALIBRATION_DATASETS, type CalibrationParams, cliArgsOf, DEFAULT_CALIBRATION, parseCalibrationQuery } from "../lib/web/params";
import { calibrationPageUrl, sessionFileInput } from "../lib/web/page-files";
import { runCalibration } from "../lib/web/run";
import { runCliJson } from "./cli-run";
import { residentialFixture } from "./web-calibration.fixtures";

const generators = Object.fromEntries(CALIBRATION_DATASETS.map((d) => [d, loadGeneratorParams(d)]));

/** Runs `fn` with EVSP_DATA_DIR pointing at an empty folder (no real data: every data set is its generator). */
async function withoutData<T>(fn: () => Promise<T>): Promise<T> {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-nodata-"));
  const before = process.env.EVSP_DATA_DIR;
  process.env.EVSP_DATA_DIR = empty;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.EVSP_DATA_DIR;
    else process.env.EVSP_DATA_DIR = before;
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

describe("calibration parameters in the URL", () => {
  it("the issue's example link parses to its values; what it leaves out takes the defaults", () => {
    expect(parseCalibrationQuery("?dataset=acn&sizes=10,50,200&draws=5&seed=1&dt=60&alpha=0.8&signal=tou&models=envelope,exact")).toEqual({
      dataset: "acn",
      sizes: [10, 50, 200],
      draws: 5,
      seed: 1,
      dt: 60,
      alpha: 0.8,
      signal: "tou",
      models: ["envelope", "exact"],
    });
    expect(parseCalibrationQuery("")).toEqual({ ...DEFAULT_CALIBRATION });
    expect(parseCalibrationQuery("alpha=0.25").alpha).toBe(0.25);
  });

  it("round-trips any valid parameters", () => {
    const params = fc.record({
      dataset: fc.constantFrom("residential", "acn", "workplace", "file"),
      sizes: fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 6 }),
      draws: fc.integer({ min: 1, max: 50 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      dt: fc.constantFrom(5, 10, 15, 20, 30, 60, 120),
      alpha: fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
      signal: fc.constantFrom("tou", "valley"),
      models: fc.subarray(["envelope", "exact", "inner"], { minLength: 1 }),
    }) as fc.Arbitrary<CalibrationParams>;
    fc.assert(
      fc.property(params, (p) => {
        expect(parseCalibrationQuery(calibrationQuery(p))).toEqual(p);
      }),
    );
  });

  it.each([
    ["sizes=10,x", "sizes"],
    ["sizes=0", "sizes"],
    ["draws=0", "draws"],
    ["seed=-1", "seed"],
    ["dt=7", "dt"],
    ["alpha=1.5", "alpha"],
    ["alpha=0x1", "alpha"],
    ["signal=flat", "signal"],
    ["models=envelope,best", "models"],
    ["dataset=mars", "dataset"],
    ["sise=10", "sise"],
  ])("%s is refused, naming %s", (query, field) => {
    expect(() => parseCalibrationQuery(query)).toThrow(expect.objectContaining({ code: "ARGUMENT", field, message: expect.stringContaining(field) }));
  });

  it("a written page's address carries the parameters; a file on disk arrives as a dropped one would", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-page-url-"));
    try {
      const html = path.join(dir, "a page", "index.html");
      const url = new URL(calibrationPageUrl(html, { ...DEFAULT_CALIBRATION, sizes: [7], alpha: 0.5 }));
      expect(url.protocol).toBe("file:");
      expect(decodeURIComponent(url.pathname)).toBe(html.split(path.sep).join("/"));
      expect(parseCalibrationQuery(url.search)).toEqual({ ...DEFAULT_CALIBRATION, sizes: [7], alpha: 0.5 });
      expect(calibrationPageUrl(html)).not.toContain("?");
      const file = path.join(dir, "garages.csv");
      fs.writeFileSync(file, "a,b\n1,2\n");
      const input = sessionFileInput(file);
      expect(input.name).toBe("garages.csv");
      expect(Buffer.from(input.bytes).toString()).toBe("a,b\n1,2\n");
      expect(() => sessionFileInput(path.join(dir, "none.csv"))).toThrow(expect.objectContaining({ code: "ARGUMENT", field: "file" }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("one calibration update in Node", () => {
  const params: CalibrationParams = { dataset: "acn", sizes: [5, 20], draws: 3, seed: 4, dt: 60, alpha: 0.8, signal: "tou", models: ["envelope", "exact"] };

  it("gives the rows of evsp aggregate-accuracy on the same generator and seed, and reports progress run by run", async () => {
    const steps: [number, number][] = [];
    const o = await runCalibration({ params, generators, onProgress: (done, total) => steps.push([done, total]) });
    const cli = await withoutData(() => runCliJson(cliArgsOf(params)));
    expect(String(cli.source)).toMatch(/^synthetic/);
    expect(o.rows).toEqual(cli.rows);
    expect(o.sessions).toBeGreaterThan(100);
    expect(steps).toEqual(Array.from({ length: 12 }, (_, k) => [k + 1, 12]));
    // The figures' series: one EV's band starts at 0 and ends at its energy; the aggregate's plan ends at the
    // fleet's energy and stays inside the envelope.
    const ev = o.views.ev!;
    expect(ev.earliestKwh[0]).toBe(0);
    expect(ev.latestKwh.at(-1)).toBeCloseTo(ev.energyKwh, 9);
    const agg = o.views.aggregate!;
    expect(agg.n).toBe(20);
    for (const m of agg.models) {
      expect(m.planKwh.at(-1)).toBeCloseTo(agg.upperKwh.at(-1)!, 6);
      m.planKwh.forEach((e, k) => {
        expect(e).toBeLessThanOrEqual(agg.upperKwh[k] + 1e-6);
        expect(e).toBeGreaterThanOrEqual(agg.lowerKwh[k] - 1e-6);
      });
    }
  });

  it("on a session file: the reject counts of evsp clean and the rows of aggregate-accuracy --sessions", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-cal-"));
    try {
      const file = path.join(dir, "garages.csv");
      fs.writeFileSync(file, residentialFixture());
      const p: CalibrationParams = { ...params, dataset: "file", sizes: [10], models: ["exact"] };
      const o = await runCalibration({ params: p, generators: {}, file: { name: "garages.csv", bytes: new Uint8Array(fs.readFileSync(file)) } });
      const clean = await runCliJson(["clean", file, "--json"]);
      expect(o.clean).toMatchObject({ format: clean.format, rowsIn: clean.rowsIn, rowsKept: clean.rowsKept, rejected: clean.rejected });
      expect(Object.values(o.clean!.rejected).filter((n) => n === 1)).toHaveLength(5);
      const cli = await runCliJson(["aggregate-accuracy", "--sessions", file, "--sizes", "10", "--draws", "3", "--seed", "4", "--controllable", "0.8", "--model", "exact", "--json"]);
      expect(o.rows).toEqual(cli.rows);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a file data set without a file, and a data set without generator parameters, are refused by name", async () => {
    await expect(runCalibration({ params: { ...params, dataset: "file" }, generators })).rejects.toMatchObject({ code: "ARGUMENT", field: "file" });
    await expect(runCalibration({ params, generators: {} })).rejects.toMatchObject({ code: "ARGUMENT", field: "dataset" });
  });
});
