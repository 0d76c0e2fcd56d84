/**
 * The CLI's one error contract (issue 19), run in process: with --json every error is exactly one stdout line
 * { "error": { code, message, field?, row?, file?, binding? } } — option-parsing errors too; the exit status comes from
 * the error's class (EXIT_CODES); a non-toolkit error says it is internal and prints no stack with --json. Plus the
 * bad inputs of the OPF and power-flow commands, and the `timing` convention (two runs deep-equal without it).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { registerCommand } from "../lib/cli/program";
import { type CliOutcome, runCli } from "./cli-run";
import { action, errorJson } from "../lib/cli/output";
import { EXIT_CLASSES, EXIT_CODES, exitCodeOf } from "../lib/cli/exit-codes";
import type { AccuracyResult } from "../lib/studies/ev-accuracy";
import { ArgumentError, DataValidationError, InfeasibleError, LimitReachedError, NetworkError, QueueError, SolverError, UnboundedError } from "../lib/util/errors";
import "../lib/cli/commands/aggregate-accuracy";
import "../lib/cli/commands/info";
import "../lib/cli/commands/opf";
import "../lib/cli/commands/plan";
import "../lib/cli/commands/powerflow";

// aggregate-accuracy's solves can be made to fail (every draw, or the first), to see how failures are reported
const failDraws = vi.hoisted(() => ({ mode: "none" as "none" | "all" | "first" }));
vi.mock("../lib/studies/ev-accuracy", async (importOriginal) => {
  const mod = await importOriginal<typeof import("../lib/studies/ev-accuracy")>();
  return {
    ...mod,
    aggregationAccuracy: async (...args: Parameters<typeof mod.aggregationAccuracy>): Promise<AccuracyResult> => {
      const res: AccuracyResult = await mod.aggregationAccuracy(...args);
      if (failDraws.mode === "none") return res;
      const runs = res.runs.map((r, i) => (failDraws.mode === "all" || i === 0 ? { ...r, error: `injected failure ${i}: status "error"` } : r));
      const rows = res.rows.map((row) => {
        const failures = runs.filter((r) => r.n === row.n && r.model === row.model && r.error !== undefined).length;
        return { ...row, draws: row.draws + row.failures - failures, failures };
      });
      return { ...res, runs, rows };
    },
  };
});

// a command that fails with a bug (not a typed error), to see how internal errors are reported
registerCommand((program) => {
  program
    .command("test-internal-error")
    .option("--json", "print one JSON object")
    .action(
      action(() => {
        const o = undefined as unknown as { x: number };
        return void o.x;
      }),
    );
});

const run = (...args: string[]): Promise<CliOutcome> => runCli(args);

/** The one JSON error line of a run (fails unless stdout is exactly one line holding an `error`). */
function errorOf(o: CliOutcome): { code: string; message: string; field?: string; row?: number; file?: string; binding?: unknown } {
  const lines = o.stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  const obj = JSON.parse(lines[0]) as { error: { code: string; message: string } };
  expect(Object.keys(obj)).toEqual(["error"]);
  return obj.error;
}

afterEach(() => {
  process.exitCode = undefined;
});

describe("the error contract", () => {
  it("an option-parsing error with --json is one JSON line naming the option, exit 2 (usage)", async () => {
    const k = await run("plan", "--k", "2.5", "--json");
    expect(errorOf(k)).toMatchObject({ code: "ARGUMENT", field: "--k", message: expect.stringMatching(/^evsp plan: .*--k.*2\.5.*integer/) });
    expect(k.exitCode).toBe(2);
    expect(k.exited).toBe(false);
    expect(k.stderr).toBe("");
    const sizes = await run("aggregate-accuracy", "--sizes", "a,b", "--json");
    expect(errorOf(sizes)).toMatchObject({ code: "ARGUMENT", field: "--sizes", message: expect.stringMatching(/^evsp aggregate-accuracy: .*--sizes.*a,b/) });
    expect(sizes.exitCode).toBe(2);
  });

  it("unknown options, missing values and unknown commands are usage errors too, with or without --json", async () => {
    const unknown = await run("powerflow", "--bogus", "--json");
    expect(errorOf(unknown)).toMatchObject({ code: "ARGUMENT", field: "--bogus" });
    expect(unknown.exitCode).toBe(2);
    const missing = await run("opf", "--json", "--vmin");
    expect(errorOf(missing)).toMatchObject({ code: "ARGUMENT", field: "--vmin" });
    const command = await run("nosuchcommand", "--json");
    expect(errorOf(command)).toMatchObject({ code: "ARGUMENT", message: expect.stringMatching(/nosuchcommand/) });
    expect(command.exitCode).toBe(2);
    // without --json: commander's message on stderr, nothing on stdout, the same exit status, no process.exit
    const human = await run("plan", "--k", "2.5");
    expect(human.stdout).toBe("");
    expect(human.stderr).toMatch(/--k.*2\.5/);
    expect(human.exitCode).toBe(2);
    expect(human.exited).toBe(false);
  });

  it("--help still exits 0", async () => {
    const help = await run("opf", "--help");
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/--vmin/);
  });

  it("an internal error says so, as one JSON line without a stack, exit 1", async () => {
    const o = await run("test-internal-error", "--json");
    const e = errorOf(o);
    expect(e.code).toBe("INTERNAL");
    expect(e.message).toMatch(/^internal error .*TypeError/);
    expect(o.stdout + o.stderr).not.toMatch(/\n\s+at /);
    expect(o.exitCode).toBe(EXIT_CLASSES.internal);
    const human = await run("test-internal-error");
    expect(human.stderr).toMatch(/^evsp: internal error/);
    expect(human.exitCode).toBe(1);
  });

  it("exit status by class, one table: usage 2, data 3, infeasible 4, solver 5, internal 1", () => {
    const cases: [unknown, number][] = [
      [new ArgumentError("f", "m"), 2],
      [new DataValidationError("f", "m"), 3],
      [new NetworkError("f", "m"), 3],
      [new InfeasibleError("f", "model"), 4],
      [new UnboundedError("f", "model"), 4],
      [new SolverError("f", "model", "error"), 5],
      [new LimitReachedError("f", "model", "time limit"), 5],
      [new QueueError("f", "redis://127.0.0.1:6379", "no worker"), 6],
      [new TypeError("x"), 1],
      ["a string", 1],
    ];
    for (const [err, status] of cases) {
      expect(exitCodeOf(err)).toBe(status);
      expect(exitCodeOf(errorJson(err).error.code)).toBe(status);
    }
    expect(new Set(Object.values(EXIT_CODES))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it("the JSON error carries field, row and file of a DataValidationError, the field of an ArgumentError, an InfeasibleError's binding", () => {
    const d = errorJson(new DataValidationError("readX", "not a number", { file: "a.csv", field: "kWh", row: 3 })).error;
    expect(d).toEqual({ code: "DATA_VALIDATION", message: 'readX: not a number (file "a.csv", field "kWh", row 3)', field: "kWh", row: 3, file: "a.csv" });
    expect(errorJson(new ArgumentError("f", "bad", { field: "--vmin" })).error).toEqual({ code: "ARGUMENT", message: "f: bad", field: "--vmin" });
    const inf = new InfeasibleError("solveOpf", "opf", "the model is infeasible", ["vMin bus 18"]);
    expect(errorJson(inf).error.binding).toEqual(inf.binding);
    expect(errorJson(new NetworkError("f", "m")).error).toEqual({ code: "NETWORK", message: "f: m" });
  });

  it("a data error from a command exits 3 with its JSON line", async () => {
    const o = await run("powerflow", "--case", "/nonexistent/case.m", "--json");
    const e = errorOf(o);
    expect(["DATA_VALIDATION", "NETWORK", "ARGUMENT"]).toContain(e.code);
    expect(o.exitCode).toBe(exitCodeOf(e.code));
  });
});

describe("evsp opf and evsp powerflow: bad inputs are typed errors naming the option", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-reliability-cli-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const usage = async (field: string, ...args: string[]) => {
    const o = await run(...args, "--json");
    const e = errorOf(o);
    expect(e, args.join(" ")).toMatchObject({ code: "ARGUMENT", field });
    expect(e.message).toContain(field);
    expect(o.exitCode).toBe(2);
    return e;
  };

  it("plan --write-lp with the extensive method (the cut pool is Benders')", async () => {
    await usage("--write-lp", "plan", "--method", "extensive", "--write-lp", "x.lp");
  });

  it("--hours below 1 (was a RangeError, code INTERNAL)", async () => {
    await usage("--hours", "opf", "--hours", "-3");
    await usage("--hours", "opf", "--hours", "0");
  });

  it("voltage limits: --vmin ≤ 0 (was squared and solved), --vmin above --vmax or above the case's own upper limit (was Model.addVars: bad bounds)", async () => {
    await usage("--vmin", "opf", "--vmin", "-0.5");
    await usage("--vmax", "opf", "--vmax", "0");
    const both = await usage("--vmin", "opf", "--vmin", "1.05", "--vmax", "0.95");
    expect(both.message).toMatch(/--vmin 1\.05 is above --vmax 0\.95/);
    expect(both.message).not.toMatch(/addVars/);
    const alone = await usage("--vmin", "opf", "--vmin", "1.2");
    expect(alone.message).toMatch(/upper limit 1\.1/);
    await usage("--vmax", "opf", "--vmax", "0.85");
  });

  it("a negative --load-scale, in both commands (was solved as a generating load)", async () => {
    await usage("--load-scale", "powerflow", "--load-scale", "-1");
    await usage("--load-scale", "opf", "--load-scale", "-1");
  });

  it("negative PV in powerflow (as opf rejects it) and PV on the slack bus in both (was silently ignored)", async () => {
    await usage("--pv", "powerflow", "--pv", "18:-100");
    await usage("--pv", "powerflow", "--pv", "18:abc");
    await usage("--pv-curtail", "opf", "--pv-curtail", "18:");
    await usage("--pv", "opf", "--pv", "18:-100");
    for (const [cmd, flag] of [["powerflow", "--pv"], ["opf", "--pv"], ["opf", "--pv-curtail"]]) {
      const e = await usage(flag, cmd, flag, "1:100");
      expect(e.message).toMatch(/slack bus/);
    }
  });

  it("a negative multiplier in --load-profile or --pv-profile is a data error naming the file and the row", async () => {
    const load = file("load.csv", "mult\n0.5\n-0.8\n1.0\n");
    const o = await run("opf", "--load-profile", load, "--json");
    expect(errorOf(o)).toMatchObject({ code: "DATA_VALIDATION", row: 2, file: load, field: "mult", message: expect.stringMatching(/--load-profile: .*-0\.8.*negative/) });
    expect(o.exitCode).toBe(3);
    const pv = file("pv.csv", "0\n1\n-1\n");
    const p = await run("opf", "--hours", "3", "--pv", "18:100", "--pv-profile", pv, "--json");
    expect(errorOf(p)).toMatchObject({ code: "DATA_VALIDATION", row: 3, file: pv });
    const text = file("text.csv", "mult\n0.5\nabc\n");
    expect(errorOf(await run("opf", "--load-profile", text, "--json"))).toMatchObject({ code: "DATA_VALIDATION", row: 2, file: text });
  });

  it("option numbers are plain decimals (0x10, 0b11, Infinity were read by Number)", async () => {
    await usage("--load-scale", "opf", "--load-scale", "0x1");
    await usage("--hours", "opf", "--hours", "0b11");
    await usage("--vmax", "opf", "--vmax", "Infinity");
    await usage("--sizes", "aggregate-accuracy", "--sizes", "5,0x10");
  });

  it("a UTF-16 load profile (a spreadsheet's Unicode text) is decoded, not refused", async () => {
    const text = "mult\n0.5\n0.75\n";
    const f = path.join(dir, "utf16.csv");
    fs.writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const o = await run("opf", "--load-profile", f, "--json");
    expect(JSON.parse(o.stdout).hours).toBe(2);
  });

  it("a MATPOWER syntax error names the file and its line", async () => {
    const bad = file("bad.m", "function mpc = bad\nmpc.version = '2';\nmpc.baseMVA = 10;\nmpc.bus = [ 1 3 0 0 0 0 1 1 0 12.66 1 1 1 ; @ ];\n");
    const o = await run("powerflow", "--case", bad, "--json");
    expect(errorOf(o)).toMatchObject({ code: "DATA_VALIDATION", file: bad, row: 4 });
    expect(o.exitCode).toBe(3);
    expect(errorOf(await run("powerflow", "--case", dir, "--json"))).toMatchObject({ code: "ARGUMENT" });
  });
});

describe("evsp aggregate-accuracy: failed draws keep their reason", () => {
  const args = ["aggregate-accuracy", "--dataset", "synthetic", "--sizes", "3", "--draws", "2", "--json"];
  afterEach(() => {
    failDraws.mode = "none";
  });

  it("when every draw fails: a SolverError carrying the reasons, exit 5 (was exit 0, rows of nulls)", async () => {
    failDraws.mode = "all";
    const o = await run(...args);
    const e = errorOf(o);
    expect(e.code).toBe("SOLVER");
    expect(e.message).toMatch(/every draw failed \(2 of 2/);
    expect(e.message).toMatch(/injected failure 0: status "error"; injected failure 1/);
    expect(o.exitCode).toBe(5);
  });

  it("when some draws fail: the result lists each with its reason", async () => {
    failDraws.mode = "first";
    const r = JSON.parse((await run(...args)).stdout) as { rows: { draws: number; failures: number }[]; failures: unknown[] };
    expect(r.rows[0]).toMatchObject({ draws: 1, failures: 1 });
    expect(r.failures).toEqual([{ n: 3, model: "envelope", draw: 0, reason: 'injected failure 0: status "error"' }]);
  });

  it("--controllable 0 (no flexible EV): every draw solves, and aggregate = individual = no flexible power (was: every draw failed on an LP without columns)", async () => {
    const o = await run("aggregate-accuracy", "--dataset", "synthetic", "--sizes", "3", "--draws", "2", "--controllable", "0", "--json");
    expect(o.exitCode).toBe(0);
    const r = JSON.parse(o.stdout) as { rows: { draws: number; failures: number; mseKw2: number; costGapPct: number }[]; failures: unknown[] };
    expect(r.failures).toEqual([]);
    expect(r.rows[0]).toMatchObject({ draws: 2, failures: 0, mseKw2: 0, costGapPct: 0 });
  });
});

/** Every key path holding a time, outside `timing`. */
function timesOutsideTiming(x: unknown, at = ""): string[] {
  if (Array.isArray(x)) return x.flatMap((v, i) => timesOutsideTiming(v, `${at}[${i}]`));
  if (x === null || typeof x !== "object") return [];
  return Object.entries(x).flatMap(([k, v]) => (k === "timing" ? [] : /seconds|^ms$|millis/i.test(k) ? [`${at}.${k}`] : timesOutsideTiming(v, `${at}.${k}`)));
}

describe("timing: every time sits under one `timing` object, and two runs are deep-equal without it", () => {
  it.each([
    ["powerflow", "--pv", "18:300"],
    ["opf", "--pv-curtail", "18:400"],
    ["aggregate-accuracy", "--dataset", "synthetic", "--sizes", "3,4", "--draws", "2", "--model", "envelope,exact"],
    ["info"],
  ])("evsp %s", async (...args) => {
    const runs: Record<string, unknown>[] = [];
    for (let k = 0; k < 2; k++) {
      const o = await run(...args, "--json");
      expect(o.exitCode).toBe(0);
      runs.push(JSON.parse(o.stdout) as Record<string, unknown>);
    }
    for (const r of runs) {
      expect(typeof (r.timing as { seconds: number }).seconds).toBe("number");
      expect(timesOutsideTiming(r)).toEqual([]);
      delete r.timing;
    }
    expect(runs[1]).toEqual(runs[0]);
  });
});
