/**
 * The plan as one polyhedral MILP (`evsp plan --write-lp`): the extensive form with binary siting and the cut pool
 * Benders' subproblems found. Every pool row is valid for the SOC model and every Benders cut was taken on a subset
 * of the pool, so the MILP's optimum lies between Benders' lower bound and the plan's cost; solved from the LP text
 * by HiGHS's own reader and MIP solver (and by CBC when Debian's coinor-cbc is installed), it must land there and
 * within the gap of the exact extensive form. The session keeps the rows it appended, also across purges.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { extensiveLpModel, HighsSession, LinExpr, loadHighs, Model, solveBenders, solveExtensive, toLpText } from "../lib";
import { fixLpColumns, lpIntegerColumns } from "../lib/model/lp-format";
import { tinyInputs } from "./planning-fixtures";

const CBC = "/usr/bin/cbc";

/** The optimum CBC prints for an LP file. */
function cbcObjective(file: string): number {
  const out = execFileSync(CBC, [file, "solve", "quit"], { encoding: "utf8" });
  const m = /Objective value:\s*([-0-9.e+]+)/.exec(out);
  if (!m || !/Optimal solution found/.test(out)) throw new Error(`cbc did not solve ${file}:\n${out.slice(-2000)}`);
  return Number(m[1]);
}

describe("the plan as one polyhedral MILP", () => {
  const inputs = tinyInputs();

  it("lies between Benders' bounds and within the gap of the exact extensive form, read back by HiGHS (and CBC)", { timeout: 120_000 }, async () => {
    const b = await solveBenders(inputs, { workers: 0, gapTol: 1e-4, maxIterations: 60, keepCutRows: true, subproblem: { purgeAbove: 20 } });
    const ext = await solveExtensive(inputs);
    expect(b.stop).toBe("gap");
    expect(b.cutRows).toHaveLength(inputs.scenarios.length);
    const lp = extensiveLpModel(inputs, b.cutRows!);
    expect(lp.model.cones).toHaveLength(0);
    expect(lp.model.colInt.filter(Boolean)).toHaveLength(inputs.case.storage.candidates.length);
    expect(lp.cutsPerDay).toEqual(b.cutRows!.map((r) => r.length));
    const text = toLpText(lp.model);
    const highs = await loadHighs();
    const r = highs.solve(text, { mip_rel_gap: 1e-9, output_flag: false } as never) as { Status: string; ObjectiveValue: number };
    expect(r.Status).toBe("Optimal");
    const tol = 1e-6 * Math.abs(b.objective);
    expect(r.ObjectiveValue).toBeGreaterThanOrEqual(b.lowerBound - tol);
    expect(r.ObjectiveValue).toBeLessThanOrEqual(b.objective + tol);
    expect(Math.abs(r.ObjectiveValue - ext.objective) / ext.objective).toBeLessThan(1e-3);
    if (fs.existsSync(CBC)) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-lp-"));
      try {
        const file = path.join(dir, "plan.lp");
        fs.writeFileSync(file, text);
        // CBC reads no objective constant: the model carries it as a column fixed at 1.
        expect(Math.abs(cbcObjective(file) - r.ObjectiveValue) / Math.abs(r.ObjectiveValue)).toBeLessThan(1e-6);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else console.log(`[extensive-lp] CBC not found at ${CBC}: the HiGHS read-back alone`);
  });

  it("with its binaries fixed, one LP per siting: the least of them is the MILP's optimum (HiGHS and CBC)", { timeout: 120_000 }, async () => {
    const b = await solveBenders(inputs, { workers: 0, gapTol: 1e-4, maxIterations: 60, keepCutRows: true, finalDetail: false });
    const text = toLpText(extensiveLpModel(inputs, b.cutRows!).model);
    const names = lpIntegerColumns(text);
    expect(names).toEqual(inputs.case.storage.candidates.map((bus) => `build(${bus})`));
    const highs = await loadHighs();
    const milp = highs.solve(text, { mip_rel_gap: 1e-9, output_flag: false } as never) as { Status: string; ObjectiveValue: number };
    // Every 0/1 assignment, those beyond the site limit included (infeasible, so left out of the least).
    const fixedObjectives: number[] = [];
    const texts: string[] = [];
    for (let mask = 0; mask < 1 << names.length; mask++) {
      const fixed = fixLpColumns(text, new Map(names.map((n, j) => [n, (mask >> j) & 1])));
      const r = highs.solve(fixed, { output_flag: false } as never) as { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> };
      names.forEach((n, j) => expect(r.Status === "Infeasible" || r.Columns[n].Primal === ((mask >> j) & 1)).toBe(true));
      const built = names.filter((_, j) => (mask >> j) & 1).length;
      expect(r.Status).toBe(built <= inputs.case.storage.maxSites ? "Optimal" : "Infeasible");
      fixedObjectives.push(r.Status === "Optimal" ? r.ObjectiveValue : Infinity);
      texts.push(fixed);
    }
    const best = Math.min(...fixedObjectives);
    expect(Math.abs(best - milp.ObjectiveValue) / Math.abs(milp.ObjectiveValue)).toBeLessThan(1e-7);
    if (fs.existsSync(CBC)) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-lp-"));
      try {
        const file = path.join(dir, "fixed.lp");
        fs.writeFileSync(file, texts[fixedObjectives.indexOf(best)]);
        expect(Math.abs(cbcObjective(file) - best) / Math.abs(best)).toBeLessThan(1e-6);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it("fixes columns in LP text: the bound line replaced, or added for a column at the default bounds", async () => {
    const m = new Model("fix");
    const x = m.addVar("x", { lb: 0, ub: 4 });
    const y = m.addVar("y", { lb: 0, ub: Infinity });
    const z = m.addVar("z", { lb: -Infinity, ub: Infinity });
    m.ge("c", [], new LinExpr().add(x, 1).add(y, 1).add(z, 1), 1);
    m.ge("d", [], new LinExpr().add(z, 1), -5);
    m.addObjective(new LinExpr().add(x, 1).add(y, 2).add(z, 3));
    const text = toLpText(m);
    const highs = await loadHighs();
    const solve = (t: string) => (highs.solve(t, { output_flag: false } as never) as { ObjectiveValue: number }).ObjectiveValue;
    // Free: z = −5, x = 0 … hand-solved optimum 3·(−5) + x with x + y ≥ 6 → x = 4, y = 2: 4 + 4 − 15 = −7.
    expect(solve(text)).toBeCloseTo(-7, 9);
    // x = 1, y = 3 fixed: z ≥ max(−5, 1 − 4) = −3 → 1 + 6 − 9 = −2.
    expect(solve(fixLpColumns(text, new Map([["x", 1], ["y", 3]])))).toBeCloseTo(-2, 9);
    expect(fixLpColumns(text, new Map([["z", 2]]))).toMatch(/\n z = 2\n/);
    expect(() => fixLpColumns("Minimize\n obj: x\nEnd\n", new Map([["x", 1]]))).toThrow(/no Bounds section/);
    expect(() => fixLpColumns(text, new Map([["x", NaN]]))).toThrow(/not finite/);
  });

  it("refuses cut rows that do not fit the scenarios", () => {
    expect(() => extensiveLpModel(inputs, [[]])).toThrow(expect.objectContaining({ code: "ARGUMENT", field: "cutRows" }));
    expect(() => extensiveLpModel(inputs, [[{ cols: [10 ** 6], coefs: [1], lb: 0, ub: 1 }], []])).toThrow(/day S1: a cut row names column/);
  });

  it("a session lists the rows it appended, in solver order, and keeps deleted ones when asked", async () => {
    const m = new Model("rows");
    const x = m.addVar("x", { lb: 0, ub: 10 });
    m.addObjective(new LinExpr().add(x, 1));
    const s = await HighsSession.open(m);
    try {
      s.keepDeleted = true;
      const row = (k: number) => ({ cols: [x], coefs: [1], lb: k, ub: Infinity });
      s.addRows([row(1), row(2), row(3)]);
      s.addRows([row(4)]);
      s.deleteRows([s.numRows - 3, s.numRows - 1]); // rows 2 and 4
      expect(s.appendedRows().map((r) => r.lb)).toEqual([1, 3]);
      expect(s.appendedRows(true).map((r) => r.lb).sort()).toEqual([1, 2, 3, 4]);
      expect(s.numRows).toBe(m.numRows + 2);
      // The solver holds exactly the listed rows: its optimum is the largest lower bound still in place.
      expect(s.runOrThrow("test").objective).toBeCloseTo(3, 9);
    } finally {
      s.dispose();
    }
  });
});
