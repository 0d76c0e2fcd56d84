/**
 * Out-of-sample evaluation, VSS and EVPI on the tiny feeder with an EV station (hand-made typical, held-out and mean
 * days), checked against direct subproblem solves and against what theory requires; statistics against hand
 * computations; held-out and mean-day inputs of the paper case against the year's data normalised independently.
 */
import { annualFirstStageCost, costStats, heldOutInputs, loadPlanningYear, meanDayInputs, outOfSample, type OutOfSampleResult, pairedDifference, planEachDay, planningInputs, planningNetwork, type PlanRun, readPlanningCase, runPlan, solveExtensive, SubproblemRunner } from "../lib";
import { transferCuts } from "../lib/decomposition/cut-transfer";
import { evHeldOut, evInputs, evMeanDay } from "./report-fixtures";

const plan = { workers: 0, benders: { gapTol: 1e-6, maxIterations: 100 } };
const dayPlans = { benders: { gapTol: 1e-6, maxIterations: 100 } };

describe("statistics of daily costs", () => {
  it("match hand computations (equal and unequal weights)", () => {
    const s = costStats([4, 1, 3, 2]);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(s.standardError).toBeCloseTo(Math.sqrt(1.25) / 2, 12);
    expect([s.min, s.p05, s.p50, s.p95, s.max]).toEqual([1, 1, 2, 4, 4]);
    const w = costStats([10, 20], [1, 3]);
    expect(w.mean).toBe(17.5);
    expect(w.p50).toBe(20);
    expect(w.std).toBeCloseTo(Math.sqrt(0.25 * 56.25 + 0.75 * 6.25), 12);
    const d = pairedDifference([1, -1, 3]);
    expect(d.meanCny).toBeCloseTo(1, 12);
    expect([d.minCny, d.maxCny, d.n]).toEqual([-1, 3, 3]);
    expect(() => costStats([])).toThrow(/costStats/);
  });
});

describe("out of sample on the tiny feeder", () => {
  const inputs = evInputs();
  const heldOut = evHeldOut();
  const meanDay = evMeanDay();
  let run: PlanRun;
  let r: OutOfSampleResult;

  beforeAll(async () => {
    run = await runPlan(inputs.case, { inputs, ...plan });
    r = await outOfSample(run, { heldOut, meanDay, workers: 0, dayPlans, evpiHeldOutDays: 2 });
  });

  it("RP recomputed day by day equals the run's objective; C_H(x*) equals direct subproblem solves", async () => {
    expect(Math.abs(r.inSample.rpCny - run.objective) / run.objective).toBeLessThan(1e-7);
    const net = planningNetwork(heldOut);
    const q: number[] = [];
    for (const s of heldOut.scenarios) {
      const runner = new SubproblemRunner(net, heldOut.case, s);
      // at evaluatePlans' default cone tolerance
      q.push((await runner.evaluate(run.x, false, 1e-6)).valueCny);
      runner.dispose();
    }
    const byHand = annualFirstStageCost(inputs.case, run.x) + 365 * q.reduce((a, b) => a + b, 0) / q.length;
    expect(r.heldOut.plans[0].annualCny).toBeCloseTo(byHand, 0);
    r.heldOut.plans[0].days.forEach((d, i) => expect(d.dailyCny).toBeCloseTo(q[i], 3));
    expect(r.heldOut.plans[0].stats.n).toBe(5);
  });

  it("VSS ≥ −(UB − LB) and WS ≤ RP ≤ EEV, as theory requires", () => {
    const eps = run.objective - run.lowerBound + 1e-6 * run.objective;
    expect(r.inSample.vssCny).toBeGreaterThanOrEqual(-eps);
    expect(r.inSample.wsCny!).toBeLessThanOrEqual(r.inSample.rpCny);
    expect(r.inSample.rpCny).toBeLessThanOrEqual(r.inSample.eevCny + eps);
    expect(r.inSample.evpiCny!).toBeGreaterThanOrEqual(0);
    const [lo, hi] = r.inSample.evpiIntervalCny!;
    expect(lo).toBeLessThanOrEqual(r.inSample.evpiCny! + 1e-6);
    expect(hi).toBeGreaterThanOrEqual(r.inSample.evpiCny! - 1e-6);
    expect(hi).toBeGreaterThanOrEqual(-eps);
  });

  it("each day's own wait-and-see plan is at least as good as x* on that day, up to its gap", () => {
    const ws = r.inSample.waitAndSee!;
    ws.forEach((p, d) => {
      const aStar = r.inSample.plans[0].firstStageCny + 365 * r.inSample.plans[0].days[d].dailyCny;
      expect(p.ownAnnualCny).toBeLessThanOrEqual(aStar + (p.ownAnnualCny - p.lowerBoundCny) + 1e-6 * aStar);
      expect(p.lowerBoundCny).toBeLessThanOrEqual(p.annualCny + 1e-6 * p.annualCny);
      expect(r.inSample.evpiPerDayCny![d]).toBeGreaterThanOrEqual(0);
    });
    // WS = Σ p_d best_d, by hand.
    expect(r.inSample.wsCny!).toBeCloseTo(ws.reduce((a, p) => a + p.probability * p.annualCny, 0), 6);
    expect(r.heldOut.waitAndSee!.length).toBe(2);
    expect(r.heldOut.evpi!.minCny).toBeGreaterThanOrEqual(0);
  });

  it("the mean-value plan is the mean day's own plan; VSS out of sample is the mean paired difference", () => {
    expect(r.meanValue.scenarioId).toBe("MEAN");
    const [st, mv] = r.heldOut.plans;
    const diffs = st.days.map((d, i) => mv.firstStageCny + 365 * mv.days[i].dailyCny - (st.firstStageCny + 365 * d.dailyCny));
    expect(r.heldOut.vss.meanCny).toBeCloseTo(diffs.reduce((a, b) => a + b, 0) / diffs.length, 4);
    expect(r.heldOut.vss.meanCny).toBeCloseTo(mv.annualCny - st.annualCny, 4);
  });

  it("with every day alike, the mean day is that day: VSS and EVPI vanish", async () => {
    const same = { ...inputs, scenarios: [{ ...inputs.scenarios[0], id: "A", probability: 0.5 }, { ...inputs.scenarios[0], id: "B", probability: 0.5 }] };
    const one = { ...inputs, scenarios: [{ ...inputs.scenarios[0], id: "MEAN", probability: 1 }] };
    const runSame = await runPlan(same.case, { inputs: same, ...plan });
    const o = await outOfSample(runSame, { heldOut: one, meanDay: one, workers: 0, dayPlans });
    const tol = runSame.objective - runSame.lowerBound + o.meanValue.annualCny - o.meanValue.lowerBoundCny + 1e-6 * runSame.objective;
    expect(Math.abs(o.inSample.vssCny)).toBeLessThanOrEqual(tol);
    expect(o.inSample.evpiCny!).toBeLessThanOrEqual(tol);
    expect(o.inSample.evpiIntervalCny![0]).toBeLessThanOrEqual(tol);
  });

  it("planEachDay gives each day probability 1 and plans only `count` days", async () => {
    const plans = await planEachDay(heldOut, { ...dayPlans, count: 1 });
    expect(plans).toHaveLength(1);
    expect(plans[0].probability).toBeCloseTo(0.2, 12);
    // Its cost is F + 365 Q of that day at its own plan, by a direct solve.
    const runner = new SubproblemRunner(planningNetwork(heldOut), heldOut.case, heldOut.scenarios[0]);
    const q = (await runner.evaluate(plans[0].x, false, 1e-7)).valueCny;
    runner.dispose();
    expect(plans[0].annualCny).toBeCloseTo(annualFirstStageCost(heldOut.case, plans[0].x) + 365 * q, 0);
  });

  it("day plans started from the run's cuts (valid for each day's cost) agree with day plans started cold", async () => {
    expect(run.cuts!.length).toBeGreaterThan(inputs.scenarios.length);
    const warm = await planEachDay(inputs, { ...dayPlans, initialCuts: run.cuts });
    const cold = await planEachDay(inputs, dayPlans);
    for (const [d, w] of warm.entries()) {
      const c = cold[d];
      // Each bracket [lowerBound, annual] holds the day's optimum, so they overlap; the cuts may not lift it above.
      expect(w.lowerBoundCny).toBeLessThanOrEqual(c.annualCny * (1 + 1e-9));
      expect(c.lowerBoundCny).toBeLessThanOrEqual(w.annualCny * (1 + 1e-9));
      expect(Math.abs(w.annualCny - c.annualCny) / c.annualCny).toBeLessThan(1e-5);
    }
  });

  it("a run with certificates starts the mean-value plan from its cuts moved onto the mean day; the exact mean-day optimum lies in its bracket", async () => {
    const certified = await runPlan(inputs.case, { inputs, workers: 0, benders: { ...plan.benders, certificates: true } });
    const moved = transferCuts(certified.cuts!, inputs, meanDay, () => inputs.scenarios.map((s) => s.id));
    expect(moved.length).toBeGreaterThan(0);
    const o = await outOfSample(certified, { heldOut, meanDay, workers: 0, dayPlans, evpiInSample: false });
    const exact = await solveExtensive(meanDay);
    const tol = 1e-6 * exact.objective;
    expect(o.meanValue.lowerBoundCny).toBeLessThanOrEqual(exact.objective + tol);
    expect(o.meanValue.annualCny).toBeGreaterThanOrEqual(exact.objective - tol);
    expect(Math.abs(o.meanValue.annualCny - r.meanValue.annualCny) / exact.objective).toBeLessThan(1e-5);
  });

  it("planEachDay side by side (a worker thread per day) gives the plans of one day after the other, in day order", async () => {
    const seen: string[] = [];
    const opts = { benders: { gapTol: 1e-4, maxIterations: 40 }, count: 3 };
    const apart = await planEachDay(heldOut, { ...opts, concurrency: 2, onDay: (p) => seen.push(p.scenarioId) });
    const inTurn = await planEachDay(heldOut, { ...opts, concurrency: 1 });
    expect(seen).toEqual(heldOut.scenarios.slice(0, 3).map((s) => s.id));
    expect(apart.map((p) => p.scenarioId)).toEqual(seen);
    for (const [i, p] of apart.entries()) {
      expect(p.x).toEqual(inTurn[i].x);
      expect(p.annualCny).toBe(inTurn[i].annualCny);
      expect(p.lowerBoundCny).toBe(inTurn[i].lowerBoundCny);
      expect(p.iterations).toBe(inTurn[i].iterations);
    }
  });
});

describe("held-out and mean-day inputs of the paper case", () => {
  const c = readPlanningCase();
  const year = loadPlanningYear({ year: c.scenarios.year });
  const inSample = planningInputs(c, { k: 2 });

  it("held-out days are the other days of the year, equally likely, seeded, with PV and load per unit of the year's maxima", () => {
    const h = heldOutInputs(c, inSample, { count: 5, year });
    const again = heldOutInputs(c, inSample, { count: 5, year });
    expect(h.scenarios.map((s) => s.date)).toEqual(again.scenarios.map((s) => s.date));
    const medoids = new Set(inSample.scenarios.map((s) => s.date));
    expect(h.scenarios.every((s) => !medoids.has(s.date))).toBe(true);
    expect(h.scenarios.map((s) => s.probability)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    const pvMax = Math.max(...year.pv.values.flat());
    const loadMax = Math.max(...year.load.values.flat());
    for (const s of h.scenarios) {
      const d = year.pv.dates.indexOf(s.date);
      expect(d).toBeGreaterThanOrEqual(0);
      c.pv.forEach((p, i) => s.pv[i].availKw.forEach((kw, t) => expect(kw).toBeCloseTo((year.pv.values[d][t] / pvMax) * p.capacityKw, 6)));
      s.loadPu.forEach((u, t) => expect(u).toBeCloseTo((year.load.values[year.load.dates.indexOf(s.date)][t] / loadMax) * c.network.loadScale, 9));
      expect(s.ev.map((e) => e.evs.length)).toEqual(c.ev.stations.map((st) => st.evCount));
    }
    const all = heldOutInputs(c, inSample, { year });
    expect(all.scenarios.length).toBe(year.pv.dates.length - medoids.size);
  });

  it("the mean day is the hour-by-hour mean of every day of the year", () => {
    const m = meanDayInputs(c, { year });
    const n = year.load.values.length;
    const loadMax = Math.max(...year.load.values.flat());
    const pvMax = Math.max(...year.pv.values.flat());
    expect(m.days).toBe(n);
    const s = m.inputs.scenarios[0];
    expect(s.probability).toBe(1);
    for (let t = 0; t < 24; t++) {
      expect(s.loadPu[t]).toBeCloseTo((year.load.values.reduce((a, row) => a + row[t], 0) / n / loadMax) * c.network.loadScale, 9);
      expect(s.pv[0].availKw[t]).toBeCloseTo((year.pv.values.reduce((a, row) => a + row[t], 0) / n / pvMax) * c.pv[0].capacityKw, 6);
    }
    expect(s.dayType).toBe("weekday");
  });

  it("rejects a count outside the held-out days", () => {
    expect(() => heldOutInputs(c, inSample, { count: 0, year })).toThrow(/count/);
    expect(() => heldOutInputs(c, inSample, { count: 10_000, year })).toThrow(/count/);
  });
});
