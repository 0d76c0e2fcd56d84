/**
 * Benders cuts moved between days whose LPs differ in bounds only (cut-transfer.ts), on the tiny feeder with an EV
 * station: a cut moved onto its own day is unchanged; cuts moved onto other days (other PV, loads and controllable
 * share) bound those days' costs from below at every decision tried, checked by direct solves — where the same cuts
 * copied without the move do not; days with other costs are refused; a sweep started from moved cuts gives the plans
 * of a sweep started cold.
 */
import { ArgumentError, buildSubproblem, createRng, noStorage, planningNetwork, type PlanRun, runPlan, type ScenarioDay, SubproblemRunner, sweep, type BendersCut, type FirstStageValues } from "../lib";
import { nearestDay, transferCut, transferCuts } from "../lib/decomposition/cut-transfer";
import { evCase, expectSamePlans, evHeldOut, evInputs } from "./report-fixtures";

const cutAt = (cut: BendersCut, x: FirstStageValues) => cut.constant + cut.eKwh.reduce((a, g, j) => a + g * x.eKwh[j] + cut.pKw[j] * x.pKw[j], 0);

describe("Benders cuts moved between days that differ in bounds", () => {
  const from = evInputs(evCase(0.5));
  let run: PlanRun;

  beforeAll(async () => {
    run = await runPlan(from.case, { inputs: from, workers: 0, benders: { gapTol: 1e-5, maxIterations: 60, certificates: true } });
  });

  it("keeps a certificate with every cut; a cut moved onto its own day is unchanged", () => {
    expect(run.cuts!.length).toBeGreaterThan(4);
    expect(run.cuts!.every((c) => c.certificate !== undefined)).toBe(true);
    const same = transferCuts(run.cuts!, from, from);
    expect(same).toHaveLength(run.cuts!.length);
    for (const day of from.scenarios) {
      const own = run.cuts!.filter((c) => c.key === day.id);
      const back = same.filter((c) => c.key === day.id);
      expect(back).toHaveLength(own.length);
      back.forEach((c, i) => expect(Math.abs(c.constant - own[i].constant)).toBeLessThan(1e-9 * Math.abs(own[i].constant) + 1e-9));
    }
  });

  it("cuts moved onto other days bound their costs at every decision, where copied cuts do not", async () => {
    const to = evHeldOut(evCase(0.2));
    // Every held-out day receives the cuts of both typical days.
    const moved = transferCuts(run.cuts!, from, to, () => from.scenarios.map((s) => s.id));
    expect(moved).toHaveLength(run.cuts!.length * to.scenarios.length);
    const st = from.case.storage;
    const rng = createRng(11);
    const xs: FirstStageValues[] = [run.x, noStorage(from)];
    for (let i = 0; i < 4; i++) {
      const eKwh = st.candidates.map(() => rng.next() * st.maxEnergyKwhPerSite);
      xs.push({ built: st.candidates.map(() => true), eKwh, pKw: eKwh.map((e) => e / (st.eToPMinH + rng.next() * (st.eToPMaxH - st.eToPMinH))) });
    }
    const net = planningNetwork(to);
    let copiedAbove = 0;
    for (const day of to.scenarios) {
      const runner = new SubproblemRunner(net, to.case, day);
      for (const x of xs) {
        const q = (await runner.evaluate(x, false, 1e-7)).valueCny;
        const tol = 1e-6 * Math.abs(q) + 1e-6;
        for (const cut of moved.filter((c) => c.key === day.id)) expect(cutAt(cut, x)).toBeLessThanOrEqual(q + tol);
        for (const cut of run.cuts!) if (cutAt(cut, x) > q + tol) copiedAbove++;
      }
      runner.dispose();
    }
    expect(copiedAbove).toBeGreaterThan(0);
  });

  it("refuses days whose costs differ, and a cut without its certificate", () => {
    const c = evCase(0.5);
    const dearer = evInputs({ ...c, prices: { ...c.prices, touCnyPerKwh: c.prices.touCnyPerKwh.map((p) => 2 * p) } });
    expect(transferCuts(run.cuts!, from, dearer)).toEqual([]);
    const sub = buildSubproblem(planningNetwork(from), from.case, from.scenarios[0], { safeVoltage: "lazy" });
    const other = buildSubproblem(planningNetwork(dearer), dearer.case, dearer.scenarios[0], { safeVoltage: "lazy" });
    const cut = run.cuts!.find((q) => q.key === from.scenarios[0].id)!;
    expect(() => transferCut({ ...cut, certificate: undefined }, sub, sub)).toThrow(ArgumentError);
    expect(() => transferCut(cut, sub, other)).toThrow(/differ in more than bounds/);
  });

  it("a sweep started from the plan's cuts gives the plans of a sweep started cold", async () => {
    const opts = { inputs: from, plan: { workers: 0, benders: { gapTol: 1e-5, maxIterations: 60 } } };
    const warm = await sweep(from.case, [0, 0.8], { ...opts, cutsFrom: run });
    const cold = await sweep(from.case, [0, 0.8], opts);
    expectSamePlans(warm, cold);
  });

  it("a plan on other days started from the plan (its cuts moved onto their nearest days) gives the plan started cold", async () => {
    const to = evHeldOut(evCase(0.5));
    const benders = { gapTol: 1e-5, maxIterations: 60 };
    const warm = await runPlan(to.case, { inputs: to, workers: 0, benders, startFrom: run });
    const cold = await runPlan(to.case, { inputs: to, workers: 0, benders });
    expect(warm.lowerBound).toBeLessThanOrEqual(cold.objective * (1 + 1e-9));
    expect(cold.lowerBound).toBeLessThanOrEqual(warm.objective * (1 + 1e-9));
    expect(Math.abs(warm.objective - cold.objective) / cold.objective).toBeLessThan(2e-5);
    // The moved cuts bound the first master: its lower bound starts above the cold plan's first one.
    expect(warm.trace[1].lowerBound).toBeGreaterThan(cold.trace[1].lowerBound);
  });
});

describe("nearestDay", () => {
  const day = (id: string, dayType: "weekday" | "weekend", load: number, pv: number): ScenarioDay => ({
    id,
    date: "2019-01-01",
    dayType,
    probability: 1,
    loadPu: Array.from({ length: 24 }, () => load),
    pv: [{ bus: 2, availKw: Array.from({ length: 24 }, (_, t) => (t >= 8 && t < 16 ? pv : 0)) }],
    ev: [],
  });
  const among = [day("A", "weekday", 0.6, 500), day("B", "weekday", 0.9, 100), day("C", "weekend", 0.62, 480)];

  it("takes the nearest day of the same type by load and PV", () => {
    expect(nearestDay(day("x", "weekday", 0.65, 450), among).id).toBe("A");
    expect(nearestDay(day("y", "weekday", 0.85, 150), among).id).toBe("B");
    // C is nearer in load and PV, but a weekend day: A is the nearest weekday.
    expect(nearestDay(day("z", "weekday", 0.62, 480), among).id).toBe("A");
    expect(nearestDay(day("w", "weekend", 0.9, 100), among).id).toBe("C");
  });

  it("falls back to every day when none has the type, and refuses an empty list", () => {
    expect(nearestDay(day("v", "weekend", 0.9, 100), among.slice(0, 2)).id).toBe("B");
    expect(() => nearestDay(day("u", "weekday", 1, 1), [])).toThrow(ArgumentError);
  });
});
