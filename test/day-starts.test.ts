/**
 * Subproblems started from another day's state (DayStart: its cut rows and basis) on the tiny feeder with an EV
 * station: on the same day at the same decision the re-solve is a single round without a simplex iteration; on other
 * days (other PV, loads and controllable share) every decision costs what a cold start finds; a state from a model
 * with other costs is ignored; plans, sweeps and out-of-sample plans started from states give the cold plans.
 */
import { createRng, noStorage, planDays, planningNetwork, type PlanRun, runPlan, SubproblemRunner, sweep, type FirstStageValues, scenarioEvaluator } from "../lib";
import { dayStartsById } from "../lib/decomposition/evaluator";
import { dayPlanJobs } from "../lib/studies/day-plans";
import { evCase, expectSamePlans, evHeldOut, evInputs } from "./report-fixtures";

describe("subproblems started from another day's state", () => {
  const from = evInputs(evCase(0.5));
  const st = from.case.storage;
  const rng = createRng(5);
  const xs: FirstStageValues[] = [noStorage(from)];
  for (let i = 0; i < 4; i++) {
    const eKwh = st.candidates.map(() => rng.next() * st.maxEnergyKwhPerSite);
    xs.push({ built: st.candidates.map(() => true), eKwh, pKw: eKwh.map((e) => e / (st.eToPMinH + rng.next() * (st.eToPMaxH - st.eToPMinH))) });
  }
  const origin = new SubproblemRunner(planningNetwork(from), from.case, from.scenarios[0]);
  let last = 0;

  beforeAll(async () => {
    for (const x of xs) last = (await origin.evaluate(x, false, 1e-7)).valueCny;
  });
  afterAll(() => origin.dispose());

  it("on the same day at the same decision: one round, no simplex iteration, the same cost", async () => {
    const start = origin.dayStart()!;
    expect(start.rows.length).toBeGreaterThan(0);
    expect(start.basis).toBeDefined();
    const warm = new SubproblemRunner(planningNetwork(from), from.case, from.scenarios[0], {}, start);
    const r = await warm.evaluate(xs[xs.length - 1], false, 1e-7);
    expect(r.rounds).toBe(1);
    expect(r.simplexIterations).toBe(0);
    expect(Math.abs(r.valueCny - last)).toBeLessThan(1e-9 * Math.abs(last) + 1e-9);
    warm.dispose();
  });

  it("on other days (other PV, loads and controllable share): the costs of a cold start at every decision", async () => {
    const to = evHeldOut(evCase(0.2));
    const net = planningNetwork(to);
    const start = origin.dayStart()!;
    for (const day of to.scenarios) {
      const warm = new SubproblemRunner(net, to.case, day, {}, start);
      const cold = new SubproblemRunner(net, to.case, day);
      for (const x of xs) {
        const w = (await warm.evaluate(x, false, 1e-7)).valueCny;
        const c = (await cold.evaluate(x, false, 1e-7)).valueCny;
        expect(Math.abs(w - c)).toBeLessThan(1e-6 * Math.abs(c) + 1e-6);
      }
      warm.dispose();
      cold.dispose();
    }
  });

  it("ignores the state of a model with other costs (a cold start)", async () => {
    const c = evCase(0.5);
    const dearer = evInputs({ ...c, prices: { ...c.prices, touCnyPerKwh: c.prices.touCnyPerKwh.map((p) => 2 * p) } });
    const net = planningNetwork(dearer);
    const started = new SubproblemRunner(net, dearer.case, dearer.scenarios[0], {}, origin.dayStart()!);
    const cold = new SubproblemRunner(net, dearer.case, dearer.scenarios[0]);
    const a = await started.evaluate(xs[1], false, 1e-7);
    const b = await cold.evaluate(xs[1], false, 1e-7);
    expect([a.valueCny, a.rounds, a.simplexIterations]).toEqual([b.valueCny, b.rounds, b.simplexIterations]);
    expect(started.rowCount).toBe(cold.rowCount);
    started.dispose();
    cold.dispose();
  });

  it("an evaluator hands each scenario its state, in threads as in this one", async () => {
    const starts = from.scenarios.map(() => origin.dayStart());
    for (const workers of [0, 1]) {
      const ev = scenarioEvaluator(from, workers, {}, starts);
      const [first] = await ev.evaluate(xs[xs.length - 1], false, 1e-7);
      expect([first.rounds, first.simplexIterations]).toEqual([1, 0]);
      const back = dayStartsById(from, await ev.dayStarts());
      expect(Object.keys(back)).toEqual(from.scenarios.map((s) => s.id));
      await ev.close();
    }
  });
});

describe("plans started from a plan's day states", () => {
  const from = evInputs(evCase(0.5));
  const benders = { gapTol: 1e-5, maxIterations: 60 };
  let run: PlanRun;

  beforeAll(async () => {
    run = await runPlan(from.case, { inputs: from, workers: 0, benders: { ...benders, certificates: true, keepDayStarts: true } });
  });

  it("keeps every day's state", () => {
    expect(Object.keys(run.dayStarts ?? {})).toEqual(from.scenarios.map((s) => s.id));
  });

  it("a sweep started from the plan's cuts and states gives the plans of a sweep started cold", async () => {
    const opts = { inputs: from, plan: { workers: 0, benders } };
    const warm = await sweep(from.case, [0, 0.8], { ...opts, cutsFrom: run });
    const cold = await sweep(from.case, [0, 0.8], opts);
    expectSamePlans(warm, cold);
  });

  it("each day's own plan started from its state brackets the cold one's optimum", async () => {
    const opts = { concurrency: 1, benders };
    const warm = await planDays(dayPlanJobs(from, run.cuts, undefined, run.dayStarts), opts);
    const cold = await planDays(dayPlanJobs(from), opts);
    warm.forEach((w, i) => {
      const c = cold[i];
      expect(w.lowerBoundCny).toBeLessThanOrEqual(c.annualCny * (1 + 1e-9));
      expect(c.lowerBoundCny).toBeLessThanOrEqual(w.annualCny * (1 + 1e-9));
    });
  });
});
