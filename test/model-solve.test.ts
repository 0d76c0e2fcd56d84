/**
 * The modelling layer and the HiGHS backend on hand-solved problems, brute force, and a second solve path
 * (the LP text writer read back by HiGHS's own parser).
 */
import fc from "fast-check";
import {
  ArgumentError,
  HighsSession,
  InfeasibleError,
  LinExpr,
  Model,
  UnboundedError,
  createRng,
  lin,
  loadHighs,
  runSeparationLoop,
  solveModel,
  sumOf,
  toLpText,
} from "../lib";

describe("modelling layer on HiGHS", () => {
  it("solves a hand-solved LP and maps values and duals back to the families", async () => {
    // min 2a + 3b  s.t. a + b ≥ 4 (demand), a ≤ 3 (cap)  →  a = 3, b = 1, obj = 9;
    // ∂obj/∂demand = 3 (b is marginal), ∂obj/∂cap = 2 − 3 = −1.
    const m = new Model("hand-lp");
    const g = m.addVars("g", { unit: ["a", "b"] }, { cost: (u) => (u === "a" ? 2 : 3) });
    m.ge("demand", [], lin(g.col("a"), 1, g.col("b"), 1), 4);
    m.le("cap", ["a"], lin(g.col("a"), 1), 3);
    const sol = await solveModel(m);
    expect(sol.objective).toBeCloseTo(9, 9);
    expect(sol.value(g, "a")).toBeCloseTo(3, 9);
    expect(sol.table(g)).toEqual([
      { unit: "a", value: expect.closeTo(3, 9) },
      { unit: "b", value: expect.closeTo(1, 9) },
    ]);
    expect(sol.dual("demand")).toBeCloseTo(3, 9);
    expect(sol.dual("cap", "a")).toBeCloseTo(-1, 9);
    expect(sol.info.cone.cones).toBe(0);
  });

  it("moves an expression's constant to the row bounds and keeps the objective constant", async () => {
    // min x + 10 s.t. (x − 2) ≥ 1  → x = 3, obj = 13
    const m = new Model("const");
    const x = m.addVar("x", { lb: -Infinity });
    m.addObjective(new LinExpr().add(x).addConstant(10));
    m.ge("c", [], new LinExpr().add(x).addConstant(-2), 1);
    const sol = await solveModel(m);
    expect(sol.objective).toBeCloseTo(13, 9);
  });

  it("solves a small knapsack MIP to the brute-force optimum", async () => {
    const w = [12, 7, 11, 8, 9, 6, 5];
    const v = [24, 13, 23, 15, 16, 10, 8];
    const cap = 26;
    let best = 0;
    for (let mask = 0; mask < 1 << w.length; mask++) {
      let ww = 0;
      let vv = 0;
      for (let i = 0; i < w.length; i++) if (mask & (1 << i)) (ww += w[i]), (vv += v[i]);
      if (ww <= cap) best = Math.max(best, vv);
    }
    const m = new Model("knapsack");
    const items = w.map((_, i) => i);
    const y = m.addVars("y", { item: items }, { ub: 1, integer: true, cost: (i) => -v[i as number] });
    const e = new LinExpr();
    items.forEach((i) => e.add(y.col(i), w[i]));
    m.le("cap", [], e, cap);
    const sol = await solveModel(m, { mipRelGap: 0 });
    expect(-sol.objective).toBeCloseTo(best, 9);
  });

  it("solves a convex QP (projection onto a half-plane)", async () => {
    // min (x−1)² + (y−2)² s.t. x + y ≤ 1  → projection of (1,2): (0, 1), objective 2.
    const m = new Model("qp");
    const x = m.addVar("x", { lb: -Infinity });
    const y = m.addVar("y", { lb: -Infinity });
    m.addQuadratic(x, x, 1);
    m.addQuadratic(y, y, 1);
    m.addObjective(lin(x, -2, y, -4).addConstant(5));
    m.le("h", [], lin(x, 1, y, 1), 1);
    const sol = await solveModel(m);
    expect(sol.objective).toBeCloseTo(2, 6);
    expect(sol.x[x]).toBeCloseTo(0, 5);
    expect(sol.x[y]).toBeCloseTo(1, 5);
  });

  it("stops a cut loop's long run at a wall-clock deadline (HiGHS's clock restarted per run)", async () => {
    // A transportation LP large enough that one warm simplex solve takes a measurable time (≈ 0.1 s); the deadline is
    // a tenth of that.
    const n = 400;
    const rng = createRng(5);
    const m = new Model("transport");
    const f = m.addVars("f", { i: [...Array(n).keys()], j: [...Array(n).keys()] }, { cost: () => rng.next() });
    for (let i = 0; i < n; i++) m.eq("supply", [i], sumOf([...Array(n).keys()].map((j) => f.col(i, j))), 1 + rng.next());
    for (let j = 0; j < n; j++) m.ge("demand", [j], sumOf([...Array(n).keys()].map((i) => f.col(i, j))), 1);
    // Warm HiGHS up first (its WebAssembly tiers up on first use), so that the reference time is a warm solve.
    const warm = await HighsSession.open(m, { algorithm: "simplex", presolve: "off" });
    runSeparationLoop(warm, []);
    warm.dispose();
    const full = await HighsSession.open(m, { algorithm: "simplex", presolve: "off" });
    const t0 = performance.now();
    const whole = runSeparationLoop(full, []);
    const fullMs = performance.now() - t0;
    full.dispose();
    expect(whole.sol.status).toBe("optimal");
    const cut = await HighsSession.open(m, { algorithm: "simplex", presolve: "off" });
    const t1 = performance.now();
    const short = runSeparationLoop(cut, [], { deadlineMs: t1 + fullMs / 10 });
    const shortMs = performance.now() - t1;
    cut.dispose();
    expect(short.sol.status).toBe("time-limit");
    // The status is the check; the time only has to be shorter than the whole solve (measured: 49 ms against 137).
    expect(shortMs).toBeLessThan(fullMs);
  });

  it("every dual pricing rule reaches the same optimum; a saved basis restarts at zero pivots and must fit the model", async () => {
    // A random transportation LP (feasible: supply ≥ demand); its optimum does not depend on the pricing rule.
    const n = 30;
    const rng = createRng(11);
    const m = new Model("pricing");
    const f = m.addVars("f", { i: [...Array(n).keys()], j: [...Array(n).keys()] }, { cost: () => rng.next() });
    for (let i = 0; i < n; i++) m.le("supply", [i], sumOf([...Array(n).keys()].map((j) => f.col(i, j))), 2);
    for (let j = 0; j < n; j++) m.ge("demand", [j], sumOf([...Array(n).keys()].map((i) => f.col(i, j))), 1 + rng.next());
    const objectives: number[] = [];
    for (const dualEdgeWeight of ["choose", "devex", "steepest", "dantzig"] as const) {
      const s = await HighsSession.open(m, { algorithm: "simplex", presolve: "off", dualEdgeWeight });
      objectives.push(s.runOrThrow("test").objective);
      s.dispose();
    }
    for (const o of objectives) expect(o).toBeCloseTo(objectives[0], 8);
    // Save the optimal basis, move the demand and solve, then restore: back at the first demand, no pivot is needed.
    const s = await HighsSession.open(m, { algorithm: "simplex", presolve: "off" });
    const first = s.runOrThrow("test");
    const basis = s.saveBasis()!;
    const demandRows = [...Array(n).keys()].map((j) => n + j);
    const demand = demandRows.map((r) => m.rowLb[r]);
    s.setRowBounds(demandRows, demand.map((d) => 0.5 * d), demand.map(() => Infinity));
    expect(s.runOrThrow("test").iterations).toBeGreaterThan(0);
    s.setRowBounds(demandRows, demand, demand.map(() => Infinity));
    s.addRows([{ cols: [f.col(0, 0)], coefs: [1], lb: -Infinity, ub: 10 }]); // a slack row added after the save
    s.restoreBasis(basis);
    const back = s.runOrThrow("test");
    expect(back.iterations).toBe(0);
    expect(back.objective).toBeCloseTo(first.objective, 9);
    const other = await HighsSession.open(new Model("other"), {});
    expect(() => other.restoreBasis(basis)).toThrow(/restoreBasis.*900 columns/);
    other.dispose();
    s.dispose();
  });

  it("refuses a mixed-integer QP with a typed error", async () => {
    const m = new Model("miqp");
    const x = m.addVar("x", { ub: 3, integer: true });
    m.addQuadratic(x, x, 1);
    await expect(solveModel(m)).rejects.toBeInstanceOf(ArgumentError);
  });

  it("maps infeasible and unbounded statuses to typed errors naming the model", async () => {
    const inf = new Model("infeasible-one");
    const a = inf.addVar("a", { ub: 1 });
    inf.ge("c", [], lin(a, 1), 2);
    await expect(solveModel(inf)).rejects.toThrow(InfeasibleError);
    await expect(solveModel(inf)).rejects.toThrow(/infeasible-one/);
    const unb = new Model("unbounded-one");
    const b = unb.addVar("b", { lb: -Infinity });
    unb.addObjective(lin(b, 1));
    unb.le("c", [], lin(b, 1), 5);
    await expect(solveModel(unb)).rejects.toThrow(UnboundedError);
  });

  it("rejects bad bounds and unknown keys with errors naming the family", () => {
    const m = new Model("bad");
    expect(() => m.addVars("v", { i: [1, 2] }, { lb: 2, ub: 1 })).toThrow(/v\(1\)/);
    const f = m.addVars("w", { i: [1, 2] });
    expect(() => f.col(3)).toThrow(/w/);
    expect(() => m.addVars("w", { i: [1] })).toThrow(/already exists/);
  });

  it("agrees with HiGHS reading the model's own LP text (random LPs, two independent paths)", async () => {
    const highs = await loadHighs();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 36, maxLength: 36 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        async (n, mrows, coefs, costs, withInt) => {
          // min c·x, x in [0, 10], rows Σ a_ij x_j ≤ b_i, one covering row Σx ≥ 1 (may be infeasible: both paths must say so).
          const m = new Model("random");
          const x = m.addVars("x", { j: Array.from({ length: n }, (_, j) => j) }, { ub: 10, integer: withInt, cost: (j) => costs[j as number] - 5 });
          for (let i = 0; i < mrows; i++) {
            const e = new LinExpr();
            for (let j = 0; j < n; j++) e.add(x.col(j), coefs[i * 6 + j]);
            m.le("row", [i], e, 1 + i);
          }
          m.ge("cover", [], sumOf(x.cols()), 1);
          const sol = await solveModel(m, { mipRelGap: 0, throwOnFailure: false });
          const text = highs.solve(toLpText(m), { output_flag: false, mip_rel_gap: 0 } as never);
          expect(text.Status === "Optimal").toBe(sol.info.status === "optimal");
          if (text.Status === "Optimal") expect(sol.objective).toBeCloseTo(text.ObjectiveValue, 6);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it("writes an LP text that HiGHS reads back with the same quadratic objective", async () => {
    const highs = await loadHighs();
    const m = new Model("qp-text");
    const x = m.addVar("x", { lb: -Infinity });
    const y = m.addVar("y", { lb: -Infinity });
    m.addQuadratic(x, x, 1);
    m.addQuadratic(x, y, 0.5);
    m.addQuadratic(y, y, 2);
    m.addObjective(lin(x, -3, y, 1).addConstant(4));
    m.ge("c", [], lin(x, 1, y, 1), 1);
    const direct = await solveModel(m);
    const text = highs.solve(toLpText(m), { output_flag: false });
    expect(text.ObjectiveValue).toBeCloseTo(direct.objective, 7);
  });
  it("clones a model of 300 000 columns and rows exactly, and the copy is independent", () => {
    // Spreading arrays this long into push() overflows the call stack: clone must copy element by element.
    const n = 300_000;
    const m = new Model("big");
    const x = m.addVars("x", { i: Array.from({ length: n }, (_, i) => i) }, { ub: 2, cost: (i) => ((i as number) % 2 ? 1 : -1) });
    for (let i = 0; i < n; i++) m.le("cap", [i], lin(x.col(i), 1), 1);
    const c = m.clone("big-copy");
    expect([c.numCols, c.numRows]).toEqual([n, n]);
    expect(c.colUb).toEqual(m.colUb);
    expect(c.rowStart).toEqual(m.rowStart);
    expect(c.rowCols).toEqual(m.rowCols);
    expect(c.rowUb).toEqual(m.rowUb);
    c.fix(x.col(0), 0);
    expect(m.colUb[x.col(0)]).toBe(2);
    expect(c.objective.evaluate(c.colUb)).toBe(m.objective.evaluate(m.colUb) + 2);
  });
});
