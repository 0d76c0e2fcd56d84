/**
 * Two-stage planning on a tiny feeder: the extensive form equals enumeration over the sitings, Benders equals the
 * extensive form, every Benders cut is a valid lower bound, the relaxation stays exact, and a case that cannot serve
 * its load reports where and why.
 */
import {
  annualCostOf,
  capexOf,
  DataValidationError,
  evaluateBase,
  type ExtensiveProgress,
  isFirstStageFeasible,
  LimitReachedError,
  maximalSitings,
  noStorage,
  planningKpis,
  planningNetwork,
  runPlan,
  solveBenders,
  solveExtensive,
  SubproblemRunner,
  validatePlanningCase,
  createRng,
  scenarioEvaluator,
  withControllableShare,
} from "../lib";
import { expectVerifiedPlan } from "./plan-checks";
import { tinyCase, tinyInputs } from "./planning-fixtures";

describe("two-stage planning on a tiny feeder", () => {
  const inputs = tinyInputs();

  it("extensive form = best of the enumerated sitings; Benders = extensive form (multi-cut, single-cut, without core-point cuts, without Kelley points, with one siting's Kelley point)", async () => {
    const ext = await solveExtensive(inputs);
    const patterns = [[false, false], [true, false], [false, true]];
    const enumerated = [];
    for (const fixBuild of patterns) enumerated.push((await solveExtensive(inputs, { fixBuild })).objective);
    expect(ext.objective).toBeCloseTo(Math.min(...enumerated), 0);
    expect(Math.abs(ext.objective - Math.min(...enumerated)) / ext.objective).toBeLessThan(1e-6);
    // Storage is worth building here (PV beyond load with no export).
    expect(ext.x.eKwh.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);

    for (const [cuts, coreCutsEpsilon, kelleyWithLevel, kelleySitings] of [["multi", undefined, undefined, undefined], ["single", undefined, undefined, undefined], ["multi", 0, undefined, undefined], ["multi", undefined, false, undefined], ["multi", undefined, undefined, 1]] as const) {
      const b = await solveBenders(inputs, { workers: 0, cuts, gapTol: 1e-4, maxIterations: 60, coreCutsEpsilon, kelleyWithLevel, kelleySitings });
      expect(b.stop).toBe("gap");
      // A gap stop is confirmed at the final cone tolerance: the reported gap (of the reported cost) meets it too.
      expect(b.gapPct).toBeLessThanOrEqual(100 * 1e-4);
      expect(Math.abs(b.objective - ext.objective) / ext.objective).toBeLessThan(1e-3);
      expect(b.lowerBound).toBeLessThanOrEqual(ext.objective * (1 + 1e-6));
      expect(b.x.built).toEqual(ext.x.built);
    }
  });

  it("with free sites, enumerating the maximal sitings = branch and cut = best of every siting", async () => {
    expect(maximalSitings(4, 2).map((p) => p.map(Number).join(""))).toEqual(["1100", "1010", "1001", "0110", "0101", "0011"]);
    const free = tinyInputs(tinyCase({ fixedCostCnyPerSite: 0 }));
    const progress: ExtensiveProgress[] = [];
    const en = await solveExtensive(free, { search: "enumerate", onNode: (p) => progress.push(p) });
    // Progress: the root (relaxed), then each maximal siting; the last incumbent is the optimum.
    expect(progress.map((p) => p.node)).toEqual([1, 2, 3]);
    expect(progress[0]).toMatchObject({ outcome: "relaxed", nodesPlanned: 3, siting: [undefined, undefined] });
    expect(progress.slice(1).map((p) => p.siting.join(""))).toEqual(expect.arrayContaining(["10", "01"]));
    expect(progress[2].incumbent).toBeCloseTo(en.objective, 6);
    expect(progress[0].objective).toBeLessThanOrEqual(en.objective * (1 + 1e-9));
    const bc = await solveExtensive(free, { search: "branch-and-cut" });
    expect(en.search).toBe("enumerate");
    expect(bc.search).toBe("branch-and-cut");
    const each = [];
    for (const fixBuild of [[false, false], [true, false], [false, true]]) each.push((await solveExtensive(free, { fixBuild })).objective);
    expect(Math.abs(en.objective - Math.min(...each)) / en.objective).toBeLessThan(1e-6);
    expect(Math.abs(bc.objective - en.objective) / en.objective).toBeLessThan(1e-6);
    // With a price on opening a site, smaller sitings are not special cases of larger ones: enumeration refuses.
    await expect(solveExtensive(inputs, { search: "enumerate" })).rejects.toThrow(/fixedCostCnyPerSite/);
    // A wall-clock limit stops the search with a typed error naming the limit.
    await expect(solveExtensive(free, { totalTimeLimitS: 0 })).rejects.toThrow(LimitReachedError);
    await expect(solveExtensive(free, { totalTimeLimitS: 0 })).rejects.toThrow(/total time limit of 0 s/);
  });

  it("a batch of decisions gives what successive evaluations give, in this thread and in two worker threads", async () => {
    const x0 = noStorage(inputs);
    const x1 = { built: [true, false], eKwh: [800, 0], pKw: [300, 0] };
    const x2 = { built: [false, true], eKwh: [0, 1500], pKw: [0, 600] };
    // Reference: fresh runners, one decision at a time, each scenario on its own model.
    const runners = inputs.scenarios.map((s) => new SubproblemRunner(planningNetwork(inputs), inputs.case, s));
    const expected: number[][] = [];
    for (const [x, tol] of [[x0, 1e-4], [x1, undefined], [x2, 1e-6]] as const) {
      const row: number[] = [];
      for (const r of runners) row.push((await r.evaluate(x, false, tol)).valueCny);
      expected.push(row);
    }
    runners.forEach((r) => r.dispose());
    for (const workers of [0, 2]) {
      const ev = scenarioEvaluator(inputs, workers);
      try {
        const got = await ev.evaluateEach([{ x: x0, coneTol: 1e-4 }, { x: x1 }, { x: x2, coneTol: 1e-6 }]);
        expect(got.map((rs) => rs.map((r) => r.scenarioId))).toEqual(expected.map(() => inputs.scenarios.map((s) => s.id)));
        got.forEach((rs, p) => rs.forEach((r, s) => expect(r.valueCny).toBeCloseTo(expected[p][s], 6)));
        // A single evaluation afterwards continues on the same warm models.
        const again = await ev.evaluate(x1);
        again.forEach((r, s) => expect(Math.abs(r.valueCny - expected[1][s])).toBeLessThanOrEqual(1e-4 * Math.abs(expected[1][s])));
      } finally {
        await ev.close();
      }
    }
  }, 120_000);

  it("a nearest-basis warm start gives a cold solve's cost at every decision and restarts from the basis it remembered", async () => {
    const net = planningNetwork(inputs);
    const s = inputs.scenarios[0];
    const a = noStorage(inputs);
    const b = { built: [true, true], eKwh: [1500, 1500], pKw: [600, 600] };
    const c = { built: [false, true], eKwh: [0, 900], pKw: [0, 300] };
    const sequence = [a, b, c, a, b];
    // Reference: a fresh model per decision (cold start, no cuts from other decisions).
    const cold: number[] = [];
    for (const x of sequence) {
      const r = new SubproblemRunner(net, inputs.case, s);
      cold.push((await r.evaluate(x, false, 1e-7)).valueCny);
      r.dispose();
    }
    const run = async (warmStart: "nearest" | "previous", purgeAbove = Infinity) => {
      const r = new SubproblemRunner(net, inputs.case, s, { warmStart, purgeAbove });
      const out = [];
      for (const x of sequence) out.push({ ...(await r.evaluate(x, false, 1e-7)), rows: r.rowCount });
      r.dispose();
      return out;
    };
    const nearest = await run("nearest");
    const previous = await run("previous");
    // Purging every cut that binds at none of the remembered decisions, after every evaluation.
    const purged = await run("nearest", 0);
    for (const [i, v] of cold.entries()) {
      for (const got of [nearest, previous, purged]) expect(Math.abs(got[i].valueCny - v)).toBeLessThanOrEqual(1e-6 * Math.abs(v));
    }
    expect(purged[4].rows).toBeLessThan(nearest[4].rows);
    // Back at a and at b, "nearest" starts from the optimal basis it kept there: the first run needs (almost) no
    // pivots, fewer than starting from the previous decision's basis.
    for (const i of [3, 4]) expect(nearest[i].simplexIterations).toBeLessThan(previous[i].simplexIterations);
    expect(nearest[3].simplexIterations).toBeLessThanOrEqual(2);
  }, 60_000);

  it("the trace counts every evaluation, LP solve and simplex iteration of the run", async () => {
    const proto = SubproblemRunner.prototype;
    const original = proto.evaluate;
    const seen = { evaluations: 0, lpSolves: 0, simplexIterations: 0, cuts: 0 };
    proto.evaluate = async function (this: SubproblemRunner, ...args: Parameters<typeof original>) {
      const r = await original.apply(this, args);
      seen.evaluations++;
      seen.lpSolves += r.rounds;
      seen.simplexIterations += r.simplexIterations;
      for (const n of Object.values(r.cuts)) seen.cuts += n;
      return r;
    };
    try {
      const b = await solveBenders(inputs, { workers: 0, finalDetail: false });
      const sum = (k: "evaluations" | "lpSolves" | "simplexIterations" | "cuts") => b.trace.reduce((t, row) => t + row[k], 0);
      // Everything but the final evaluation of the chosen decision (one per day) lands in a trace row.
      const k = inputs.scenarios.length;
      const last = b.final.reduce((t, r) => ({ lp: t.lp + r.rounds, it: t.it + r.simplexIterations, cuts: t.cuts + Object.values(r.cuts).reduce((x, y) => x + y, 0) }), { lp: 0, it: 0, cuts: 0 });
      expect(sum("evaluations")).toBe(seen.evaluations - k);
      expect(sum("lpSolves")).toBe(seen.lpSolves - last.lp);
      expect(sum("simplexIterations")).toBe(seen.simplexIterations - last.it);
      expect(sum("cuts")).toBe(seen.cuts - last.cuts);
      for (const row of b.trace) {
        expect(row.evaluations % k).toBe(0);
        expect(row.lpSolves).toBeGreaterThanOrEqual(row.evaluations);
      }
      expect(b.trace.reduce((t, row) => t + row.subproblemSeconds, 0)).toBeCloseTo(b.subproblemSeconds, 6);
    } finally {
      proto.evaluate = original;
    }
  }, 120_000);

  it("two worker threads keep each day on one thread (day i on thread i mod 2) and give bit for bit what this thread gives", async () => {
    const [s1, s2] = inputs.scenarios;
    // Six days of unequal difficulty, so that the threads do not finish their tasks in a fixed order.
    const days = [0.6, 1.0, 0.75, 0.9, 0.5, 1.1].map((scale, i) => ({ ...(i % 2 ? s2 : s1), id: `D${i + 1}`, probability: 1 / 6, loadPu: s1.loadPu.map((u) => scale * u) }));
    const sixDays = { ...inputs, scenarios: days };
    const points = [
      { built: [true, false], eKwh: [800, 0], pKw: [300, 0] },
      { built: [false, true], eKwh: [0, 1500], pKw: [0, 600] },
      { built: [true, true], eKwh: [400, 700], pKw: [200, 350] },
      { built: [true, false], eKwh: [1200, 0], pKw: [600, 0] },
      { built: [false, true], eKwh: [0, 300], pKw: [0, 100] },
      { built: [true, true], eKwh: [900, 900], pKw: [450, 450] },
    ].map((x) => ({ x }));
    const runAll = async (workers: number) => {
      const ev = scenarioEvaluator(sixDays, workers);
      try {
        const values: number[][] = [];
        const threads: number[][] = days.map(() => []);
        for (let b = 0; b < points.length; b += 2) {
          for (const rs of await ev.evaluateEach(points.slice(b, b + 2))) {
            rs.forEach((r, s) => threads[s].push(r.thread));
            values.push(rs.flatMap((r) => [r.valueCny, ...r.gradient.eKwh, ...r.gradient.pKw]));
          }
        }
        return { values, threads };
      } finally {
        await ev.close();
      }
    };
    const here = await runAll(0);
    expect(here.threads.flat().every((t) => t === 0)).toBe(true);
    const pooled = await runAll(2);
    const home = pooled.threads.map((ts) => ts[0]);
    pooled.threads.forEach((ts, s) => expect(ts).toEqual(ts.map(() => home[s])));
    home.forEach((t, s) => expect(t).toBe(home[s % 2]));
    expect(home[1]).not.toBe(home[0]);
    expect(pooled.values).toEqual(here.values);
  }, 120_000);

  it("Benders repeats exactly: the same trace and plan in two worker threads, twice, as in this thread", async () => {
    // Each scenario keeps one warm model, so its cuts depend on the sequence of decisions it has seen. That
    // sequence must not depend on which thread happened to be ready first.
    const opts = { gapTol: 1e-4, maxIterations: 60, finalDetail: false } as const;
    const run = async (workers: number) => {
      const b = await solveBenders(inputs, { ...opts, workers });
      return { trace: b.trace.map(({ seconds: _s, subproblemSeconds: _sub, masterSeconds: _m, ...row }) => row), x: b.x, objective: b.objective };
    };
    const here = await run(0);
    expect(here.trace.length).toBeGreaterThan(2);
    for (let i = 0; i < 2; i++) expect(await run(2)).toEqual(here);
  }, 120_000);

  it("every Benders cut is a valid lower bound of its day's cost", async () => {
    const b = await solveBenders(inputs, { workers: 0, gapTol: 1e-3, maxIterations: 30, finalDetail: false });
    const net = planningNetwork(inputs);
    const runners = inputs.scenarios.map((s) => new SubproblemRunner(net, inputs.case, s));
    const rng = createRng(11);
    // The master's cuts are θ_s ≥ constant + Σ g x; evaluate the true Q_s at random decisions.
    expect(b.cuts.length).toBeGreaterThan(4);
    for (let k = 0; k < 6; k++) {
      const e3 = 2000 * rng.next();
      const e4 = 2000 * rng.next();
      const x = { built: [true, true], eKwh: [e3, e4], pKw: [e3 / (1 + 3 * rng.next()), e4 / (1 + 3 * rng.next())] };
      const q = await Promise.all(runners.map((r) => r.evaluate(x, true)));
      for (const cut of b.cuts) {
        const j = inputs.scenarios.findIndex((s) => s.id === cut.key);
        const rhs = cut.constant + cut.eKwh.reduce((a, g, i) => a + g * x.eKwh[i], 0) + cut.pKw.reduce((a, g, i) => a + g * x.pKw[i], 0);
        expect(rhs).toBeLessThanOrEqual(q[j].valueCny + 1e-6 * Math.abs(q[j].valueCny) + 1e-3);
      }
    }
    runners.forEach((r) => r.dispose());
  });

  it("the plan's days are exact: cone gaps ≤ 1e-6 pu², no energy burnt, AC power flow agrees", async () => {
    expectVerifiedPlan(await runPlan(inputs.case, { inputs, workers: 0, benders: { gapTol: 1e-3 } }));
  });

  it("a case that cannot serve its load says where and which limit binds", async () => {
    const tight = tinyInputs(tinyCase(), 0.985);
    const base = await evaluateBase(tight, 0);
    const worst = base.find((d) => d.dispatch.unservedKwh > 0);
    expect(worst).toBeDefined();
    expect(worst!.dispatch.unserved.length).toBeGreaterThan(0);
    expect(worst!.dispatch.bindingLimits[0].limits.join(" ")).toMatch(/vMin 0.985 pu at bus \d/);
  });

  it("the cost of doing nothing equals the base days' cost", async () => {
    const base = await evaluateBase(inputs, 0);
    const results = base.map((d) => ({ scenarioId: d.dispatch.scenarioId, valueCny: d.dispatch.costCny }));
    const x = noStorage(inputs);
    // With no storage and α = 0 both are the same number, computed two ways.
    const viaDays = 365 * base.reduce((a, d) => a + d.dispatch.probability * d.dispatch.costCny, 0);
    expect(annualCostOf(withControllableShare(inputs, 0), x, results as never)).toBeCloseTo(viaDays, 6);
  });

  it("a start point outside the case's first stage is evaluated but never the incumbent (budget, site count, durations)", async () => {
    const free = await solveExtensive(inputs);
    const capex = capexOf(inputs.case, free.x);
    // A budget at half the unconstrained plan's investment: that plan is cheaper than any the budget allows.
    const c = tinyCase({ budgetCny: capex / 2 });
    const tight = tinyInputs(c);
    expect(isFirstStageFeasible(inputs.case, free.x)).toBe(true);
    expect(isFirstStageFeasible(c, free.x)).toBe(false);
    const j = free.x.built.indexOf(true);
    const moved = (f: (x: { built: boolean[]; eKwh: number[]; pKw: number[] }) => void) => {
      const x = { built: free.x.built.slice(), eKwh: free.x.eKwh.slice(), pKw: free.x.pKw.slice() };
      f(x);
      return isFirstStageFeasible(inputs.case, x);
    };
    expect(moved((x) => ((x.built[1 - j] = true), (x.eKwh[1 - j] = 10), (x.pKw[1 - j] = 5)))).toBe(false); // two sites, one allowed
    expect(moved((x) => (x.pKw[j] = x.eKwh[j] * 2))).toBe(false); // a half-hour battery (≥ 1 h)
    expect(moved((x) => (x.eKwh[j] = 2001))).toBe(false); // above the site limit
    expect(moved((x) => (x.pKw[j] = x.eKwh[j] / 2))).toBe(true);
    const ext = await solveExtensive(tight);
    const b = await solveBenders(tight, { workers: 0, gapTol: 1e-4, maxIterations: 60, startPoints: [free.x] });
    expect(b.stop).toBe("gap");
    expect(capexOf(c, b.x)).toBeLessThanOrEqual((capex / 2) * (1 + 1e-6));
    expect(Math.abs(b.objective - ext.objective) / ext.objective).toBeLessThan(1e-3);
  });

  it("rejects a bad case naming the field", () => {
    const c = tinyCase();
    expect(() => validatePlanningCase({ ...c, penalties: { ...c.penalties, lossCnyPerKwh: 0.1 } })).toThrow(DataValidationError);
    expect(() => validatePlanningCase({ ...c, penalties: { ...c.penalties, lossCnyPerKwh: 0.1 } })).toThrow(/penalties.lossCnyPerKwh/);
    expect(() => validatePlanningCase({ ...c, prices: { ...c.prices, touCnyPerKwh: [1, 2] } })).toThrow(/prices.touCnyPerKwh/);
  });
});
