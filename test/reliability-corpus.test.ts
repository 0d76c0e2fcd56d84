/**
 * A generated bad-input corpus (fast-check) run through the `evsp` commands in process: mutated session files
 * (delimiters, quotes, encodings incl. UTF-16 and BOM, line endings, dates, numbers), mutated MATPOWER files,
 * mutated planning cases and option values. Every outcome must be a valid result or a typed error under the one
 * error contract (README, "Errors and exit codes"): one JSON line `{ "error": { code, message, … } }`, a code that is
 * not INTERNAL, the exit code of its class — never a stack trace, never a silent drop (every data row read is kept
 * or counted as rejected, and a row made invalid on purpose is never kept).
 *
 * Bounded for CI (about two hundred runs in all, a few seconds). On a failure fast-check prints the seed and path; rerun
 * with EVSP_CORPUS_SEED=<seed> to reproduce.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { type CliOutcome, runCli } from "./cli-run";
import { caseNetwork, checkCaseBuses, validatePlanningCase } from "../lib";
import { ArgumentError, DataValidationError, NetworkError } from "../lib/util/errors";
import { EXIT_CODES, exitCodeOf } from "../lib/cli/exit-codes";
import "../lib/cli/commands/clean";
import "../lib/cli/commands/kmedoids";
import "../lib/cli/commands/opf";
import "../lib/cli/commands/powerflow";
import "../lib/cli/commands/plan";

const SEED = Number(process.env.EVSP_CORPUS_SEED ?? 1919);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-corpus-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const tmp = (name: string, data: string | Buffer) => {
  const f = path.join(dir, `${fileNo++}-${name}`);
  fs.writeFileSync(f, data);
  return f;
};

const KNOWN_CODES = new Set(Object.keys(EXIT_CODES));

/**
 * The contract: exactly one JSON line; an error has a known code other than INTERNAL, a message, the exit code of
 * its class, and no stack trace anywhere. Returns the parsed object.
 */
function expectContract(o: CliOutcome, args: readonly string[]): { error?: { code: string; message: string; field?: string; row?: number; file?: string } } & Record<string, unknown> {
  const lines = o.stdout.trim() === "" ? [] : o.stdout.trim().split("\n");
  const ctx = `evsp ${args.join(" ")}\nstdout: ${o.stdout}\nstderr: ${o.stderr}`;
  expect(lines, ctx).toHaveLength(1);
  expect(o.exited, ctx).toBe(false);
  expect(o.stderr, ctx).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  const obj = JSON.parse(lines[0]) as { error?: { code: string; message: string } } & Record<string, unknown>;
  if (obj.error) {
    expect(obj.error.code, ctx).not.toBe("INTERNAL");
    expect(KNOWN_CODES.has(obj.error.code), ctx).toBe(true);
    expect(typeof obj.error.message === "string" && obj.error.message.length > 0, ctx).toBe(true);
    expect(o.exitCode, ctx).toBe(exitCodeOf(obj.error.code));
    expect(o.exitCode, ctx).not.toBe(0);
  } else {
    expect(o.exitCode, ctx).toBe(0);
  }
  return obj;
}

// ---------------------------------------------------------------------------------------------------------------
// Session files
// ---------------------------------------------------------------------------------------------------------------

const NOR_HEADER = ["session_ID", "Garage_ID", "User_ID", "User_type", "Shared_ID", "Start_plugin", "Start_plugin_hour", "End_plugout", "End_plugout_hour", "El_kWh", "Duration_hours", "month_plugin", "weekdays_plugin"];
const pad = (n: number) => String(n).padStart(2, "0");

/** One valid residential row: plug-in on a December 2018 day, a 2–9 h stay, 3–20 kWh (decimal comma). */
const norRow = fc.record({ day: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 6, max: 14 }), mi: fc.integer({ min: 0, max: 59 }), stay: fc.integer({ min: 2, max: 9 }), kwh: fc.integer({ min: 30, max: 200 }), garage: fc.constantFrom("AdO3", "Bærum1", "R;1") });

/** How a row is spoiled on purpose (it must then be rejected, never kept), or left valid. */
const POISONS = ["none", "year9999", "year1899", "feb31", "hexKwh", "nanKwh", "negKwh"] as const;
type Poison = (typeof POISONS)[number];

function norFields(r: { day: number; h: number; mi: number; stay: number; kwh: number; garage: string }, id: number, poison: Poison): string[] {
  let year = "2018";
  let month = "12";
  let day = pad(r.day);
  if (poison === "year9999") year = "9999";
  if (poison === "year1899") year = "1899";
  if (poison === "feb31") {
    month = "02";
    day = "31";
    year = "2019";
  }
  const t = (h: number) => `${day}.${month}.${year} ${pad(h)}:${pad(r.mi)}`;
  const kwh = poison === "hexKwh" ? "0x1F" : poison === "nanKwh" ? "NaN" : poison === "negKwh" ? `-${r.kwh / 10}` : String(r.kwh / 10).replace(".", ",");
  return [String(id), r.garage, `${r.garage}-1`, "Private", "NA", t(r.h), String(r.h), t(r.h + r.stay), String(r.h + r.stay), kwh, String(r.stay).replace(".", ","), "Dec", "Friday"];
}

const sessionFileArb = fc.record({
  rows: fc.array(fc.tuple(norRow, fc.oneof({ weight: 6, arbitrary: fc.constant<Poison>("none") }, { weight: 2, arbitrary: fc.constantFrom<Poison>(...POISONS) })), { minLength: 1, maxLength: 8 }),
  sep: fc.constantFrom(";", ",", "\t", "|"),
  quote: fc.constantFrom("none", "all", "unbalanced"),
  eol: fc.constantFrom("lf", "crlf", "cr", "mixed"),
  encoding: fc.constantFrom("utf8", "utf8bom", "utf16le", "utf16be", "latin1"),
  trailingBlank: fc.boolean(),
});

function encode(text: string, encoding: string): Buffer {
  if (encoding === "utf8bom") return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
  if (encoding === "utf16le") return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  if (encoding === "utf16be") {
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1];
      be[i + 1] = le[i];
    }
    return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
  }
  if (encoding === "latin1") return Buffer.from(text, "latin1");
  return Buffer.from(text, "utf8");
}

describe("corpus: mutated session files through `evsp clean`", () => {
  it("every file is read with every row accounted for, or refused with a typed error", async () => {
    let cleaned = 0;
    await fc.assert(
      fc.asyncProperty(sessionFileArb, async (f) => {
        const needsQuotes = (s: string) => s.includes(f.sep);
        const cell = (s: string, r: number, c: number) => {
          if (f.quote === "all" || needsQuotes(s)) return `"${s}"`;
          if (f.quote === "unbalanced" && r === 0 && c === 1) return `"${s}`;
          return s;
        };
        const lines = [NOR_HEADER.map((h, c) => cell(h, -1, c)).join(f.sep)];
        f.rows.forEach(([r, poison], i) => lines.push(norFields(r, i + 1, poison).map((v, c) => cell(v, i, c)).join(f.sep)));
        const nl = f.eol === "crlf" ? "\r\n" : f.eol === "cr" ? "\r" : "\n";
        let text = f.eol === "mixed" ? `${lines[0]}\r\n${lines.slice(1).join("\n")}` : lines.join(nl);
        if (f.trailingBlank) text += `${nl}${nl}`;
        const file = tmp("sessions.csv", encode(text, f.encoding));
        const out = path.join(dir, `${fileNo++}-out.csv`);
        const args = ["clean", file, "--format", "residential", "--out", out, "--json"];
        const obj = expectContract(await runCli(args), args);
        if (obj.error) return;
        cleaned++;
        const rowsIn = obj.rowsIn as number;
        const kept = obj.rowsKept as number;
        const rejected = Object.values(obj.rejected as Record<string, number>).reduce((a, b) => a + b, 0);
        const ctx = JSON.stringify({ f, obj });
        // No silent drop: every data row written was read, and is kept or counted under a rule.
        expect(rowsIn, ctx).toBe(f.rows.length);
        expect(kept + rejected, ctx).toBe(rowsIn);
        // A row spoiled on purpose is never kept.
        const poisoned = f.rows.filter(([, p]) => p !== "none").length;
        expect(kept, ctx).toBeLessThanOrEqual(rowsIn - poisoned);
        // Written times carry whole-minute offsets (no `+00:53.4666…`) and plausible years.
        if (kept > 0) {
          const csv = fs.readFileSync(out, "utf8");
          for (const m of csv.matchAll(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-][\d:.]+|Z)/g)) {
            expect(m[0], ctx).toMatch(/^(19[7-9]\d|20\d\d)-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/);
          }
        }
      }),
      { numRuns: 60, seed: SEED },
    );
    // The corpus must reach the cleaning path, not only the refusals.
    expect(cleaned).toBeGreaterThan(5);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------------
// MATPOWER files
// ---------------------------------------------------------------------------------------------------------------

const CASE33 = fs.readFileSync(path.join(__dirname, "..", "data", "networks", "case33bw.m"), "utf8");
const JUNK = ["abc", "0x1F", "NaN", "-1", "1e400", "", "1,5", "Inf", "0", "1e-300"];

/** The line numbers of the bus and branch matrices' data rows. */
function matrixRows(text: string): { bus: number[]; branch: number[] } {
  const lines = text.split("\n");
  const rows = (name: string) => {
    const start = lines.findIndex((l) => l.startsWith(`mpc.${name} = [`));
    const out: number[] = [];
    for (let i = start + 1; i < lines.length && !lines[i].includes("];"); i++) if (/^\s*\d/.test(lines[i])) out.push(i);
    return out;
  };
  return { bus: rows("bus"), branch: rows("branch") };
}
const ROWS33 = matrixRows(CASE33);

const matpowerMutation: fc.Arbitrary<MpMutation> = fc.oneof(
  fc.record({ kind: fc.constant("token" as const), table: fc.constantFrom("bus" as const, "branch" as const), row: fc.nat(), col: fc.nat({ max: 12 }), junk: fc.constantFrom(...JUNK) }),
  fc.record({ kind: fc.constantFrom("deleteRow" as const, "duplicateRow" as const), table: fc.constantFrom("bus" as const, "branch" as const), row: fc.nat() }),
  fc.record({ kind: fc.constantFrom("noSlack" as const, "twoSlacks" as const, "unclosed" as const, "crlf" as const, "truncate" as const, "island" as const) }),
);

/** One mutation of the IEEE 33-bus file. */
interface MpMutation {
  kind: string;
  table?: "bus" | "branch";
  row?: number;
  col?: number;
  junk?: string;
}

function mutateMatpower(m: MpMutation): string {
  const lines = CASE33.split("\n");
  const pick = (t: "bus" | "branch", r: number) => ROWS33[t][r % ROWS33[t].length];
  switch (m.kind) {
    case "token": {
      const i = pick(m.table!, m.row!);
      const fields = lines[i].trim().replace(/;$/, "").split(/\s+/);
      fields[m.col! % fields.length] = m.junk!;
      lines[i] = `\t${fields.join("\t")};`;
      break;
    }
    case "deleteRow":
      lines.splice(pick(m.table!, m.row!), 1);
      break;
    case "duplicateRow": {
      const i = pick(m.table!, m.row!);
      lines.splice(i, 0, lines[i]);
      break;
    }
    case "noSlack":
      lines[ROWS33.bus[0]] = lines[ROWS33.bus[0]].replace(/^(\s*1\s+)3/, "$11");
      break;
    case "twoSlacks":
      lines[ROWS33.bus[5]] = lines[ROWS33.bus[5]].replace(/^(\s*6\s+)1/, "$13");
      break;
    case "unclosed":
      return lines.map((l) => l.replace("];", "")).join("\n");
    case "crlf":
      return lines.join("\r\n");
    case "truncate":
      return lines.slice(0, ROWS33.branch[10]).join("\n");
    case "island":
      lines.splice(ROWS33.bus[ROWS33.bus.length - 1] + 1, 0, "\t34\t1\t10\t5\t0\t0\t1\t1\t0\t12.66\t1\t1.1\t0.9;");
      break;
  }
  return lines.join("\n");
}

describe("corpus: mutated MATPOWER files through `evsp powerflow`", () => {
  it("every file solves to a full, finite result or is refused with a typed error", async () => {
    let solved = 0;
    await fc.assert(
      fc.asyncProperty(matpowerMutation, async (m) => {
        const file = tmp("case.m", mutateMatpower(m));
        const args = ["powerflow", "--case", file, "--json"];
        const obj = expectContract(await runCli(args), args);
        if (obj.error) return;
        solved++;
        const v = obj.vPu as number[];
        const ctx = JSON.stringify(m);
        expect(v.every((x) => Number.isFinite(x) && x > 0), ctx).toBe(true);
        expect(Number.isFinite(obj.lossKw as number), ctx).toBe(true);
        // Bus count of the file as written (a deleted or duplicated bus row must not pass as the original case).
        const busRows = matrixRows(mutateMatpower(m)).bus.length;
        expect(v.length, ctx).toBe(busRows);
      }),
      { numRuns: 40, seed: SEED },
    );
    expect(solved).toBeGreaterThanOrEqual(2);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------------
// Option values
// ---------------------------------------------------------------------------------------------------------------

/** An option left out, given a valid value (most often) or a bad one. */
const optionValue = (valid: string[], bad: string[]) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });

describe("corpus: option values through `evsp opf`", () => {
  it("every combination solves within its own limits or is refused with a typed error", async () => {
    let solved = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          hours: optionValue(["1", "2"], ["-3", "0", "2.5", "abc"]),
          vmin: optionValue(["0.9", "0.93", "1.05"], ["-0.5", "0", "abc", "NaN"]),
          vmax: optionValue(["0.95", "1.05", "1.1"], ["-1", "Infinity"]),
          loadScale: optionValue(["0", "0.5", "1", "1.2"], ["-1", "x"]),
          pv: optionValue(["18:500", "33:200,18:100"], ["1:100", "99:5", "18:-5", "18:abc", "0:10"]),
          cones: optionValue(["oa"], ["socp"]),
        }),
        async (o) => {
          const args = ["opf"];
          if (o.hours !== undefined) args.push("--hours", o.hours);
          if (o.vmin !== undefined) args.push("--vmin", o.vmin);
          if (o.vmax !== undefined) args.push("--vmax", o.vmax);
          if (o.loadScale !== undefined) args.push("--load-scale", o.loadScale);
          if (o.pv !== undefined) args.push("--pv", o.pv);
          if (o.cones !== undefined) args.push("--cones", o.cones);
          args.push("--json");
          const obj = expectContract(await runCli(args), args);
          if (obj.error) return;
          solved++;
          const ctx = JSON.stringify(o);
          const hours = o.hours === undefined ? 1 : Number(o.hours);
          expect(obj.hours, ctx).toBe(hours);
          const v = (hours === 1 ? [obj.vPu] : obj.vPu) as number[][];
          const lo = o.vmin === undefined ? 0 : Number(o.vmin);
          const hi = o.vmax === undefined ? Infinity : Number(o.vmax);
          // Every bus but the slack (bus 1) within the limits asked for.
          for (const hour of v) for (const x of hour.slice(1)) expect(x >= lo - 1e-6 && x <= hi + 1e-6, ctx).toBe(true);
        },
      ),
      { numRuns: 30, seed: SEED },
    );
    expect(solved).toBeGreaterThan(3);
  }, 120_000);
});

describe("corpus: option values and matrices through `evsp kmedoids`", () => {
  it("every run returns k distinct medoids of the rows read or is refused with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          k: fc.constantFrom("0", "1", "2", "3", "2.5", "-1", "abc", "50"),
          header: fc.constantFrom("none", "names", "numbers"),
          cell: fc.constantFrom("1.5", "0x1F", "NaN", "", "1e3", "1,5"),
          sep: fc.constantFrom(",", ";", "\t"),
          rows: fc.integer({ min: 1, max: 6 }),
        }),
        async (o) => {
          const data = Array.from({ length: o.rows }, (_, r) => [r, r * 2 + 1, (r * 7) % 5, 1].map(String));
          data[0][2] = o.cell;
          const head = o.header === "names" ? ["a", "b", "c", "d"] : o.header === "numbers" ? ["1", "2", "3", "4"] : undefined;
          const text = [...(head ? [head] : []), ...data].map((r) => r.join(o.sep)).join("\n");
          const file = tmp("matrix.csv", text);
          const args = ["kmedoids", "--matrix", file, "--k", o.k, "--json"];
          const obj = expectContract(await runCli(args), args);
          if (obj.error) return;
          const ctx = JSON.stringify(o);
          // Only plain decimal numbers are data (a decimal comma only where the comma is not the separator).
          expect(["1.5", "1e3"].includes(o.cell) || (o.cell === "1,5" && o.sep !== ","), ctx).toBe(true);
          expect(obj.n, ctx).toBe(o.rows);
          const medoids = obj.medoids as number[];
          expect(medoids.length, ctx).toBe(Number(o.k));
          expect(new Set(medoids).size, ctx).toBe(medoids.length);
          expect(medoids.every((i) => Number.isInteger(i) && i >= 0 && i < o.rows), ctx).toBe(true);
        },
      ),
      { numRuns: 40, seed: SEED },
    );
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------------
// Planning cases
// ---------------------------------------------------------------------------------------------------------------

const PAPER_CASE = fs.readFileSync(path.join(__dirname, "..", "data", "cases", "paper-ieee33.json"), "utf8");

/** Every path to a value in a JSON document (objects and arrays included), skipping free text under `notes`. */
function jsonPaths(x: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (x === null || typeof x !== "object" || at[0] === "notes") return [at];
  const kids = Array.isArray(x) ? x.map((v, i) => jsonPaths(v, [...at, i])) : Object.entries(x).map(([k, v]) => jsonPaths(v, [...at, k]));
  return [...(at.length ? [at] : []), ...kids.flat()];
}
const CASE_PATHS = jsonPaths(JSON.parse(PAPER_CASE)).filter((p) => p.length > 0);
const fieldOf = (p: (string | number)[]) => p.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");

const caseMutation = fc.record({
  path: fc.constantFrom(...CASE_PATHS),
  kind: fc.constantFrom("typo", "delete", "value"),
  value: fc.constantFrom<unknown>("x", null, -1, 0, 1e9, [], {}, true, 2.5, 34, ""),
});

describe("corpus: mutated planning cases through the case validation and `evsp plan --config`", () => {
  it("a misspelt or missing key is always refused naming it; any other change gives a valid case or a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(caseMutation, async (m) => {
        const c = JSON.parse(PAPER_CASE) as Record<string, unknown>;
        const parent = m.path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], c) as Record<string | number, unknown>;
        const key = m.path[m.path.length - 1];
        const ctx = JSON.stringify(m);
        const isListItem = typeof key === "number";
        if (m.kind === "typo" && !isListItem) {
          parent[`${String(key).slice(0, -1)}${String(key).slice(-1) === "s" ? "z" : "s"}`] = parent[key];
          delete parent[key];
        } else if (m.kind === "delete" && !isListItem) {
          delete parent[key];
        } else {
          parent[key] = m.value;
        }
        let outcome: unknown;
        try {
          const valid = validatePlanningCase(c);
          checkCaseBuses(valid, caseNetwork(valid));
          outcome = "valid";
        } catch (e) {
          outcome = e;
        }
        if (outcome !== "valid") {
          expect(outcome instanceof DataValidationError || outcome instanceof ArgumentError || outcome instanceof NetworkError, `${ctx}: ${String(outcome)}`).toBe(true);
        }
        if ((m.kind === "typo" || m.kind === "delete") && !isListItem) {
          // Nothing in a case is optional but free notes: a lost key must be refused, and the error must point at it.
          expect(outcome, ctx).toBeInstanceOf(DataValidationError);
          const field = (outcome as DataValidationError).field ?? "";
          if (m.kind === "typo") expect(field, ctx).toMatch(new RegExp(`^${fieldOf(m.path.slice(0, -1)).replace(/[.[\]]/g, "\\$&")}`));
          // Through the CLI: one JSON error line, exit 3, before any plan runs.
          const file = tmp("case.json", JSON.stringify(c));
          const args = ["plan", "--config", file, "--json"];
          const obj = expectContract(await runCli(args), args);
          expect(obj.error?.code, ctx).toBe("DATA_VALIDATION");
          expect(obj.error?.file, ctx).toBe(file);
        }
      }),
      { numRuns: 60, seed: SEED },
    );
  }, 120_000);
});
