/**
 * The steps of one Benders run (solveBenders in benders.ts is their loop): `start` evaluates the first incumbent and
 * the probes, then each iteration `bound`s (the master's optimum lifts the lower bound), `propose`s the batch of
 * decisions to evaluate (level, core and Kelley points) and `update`s the bounds and cuts from their evaluation;
 * `confirmGap` re-measures the incumbent at the final cone tolerance before a gap stop, and `finish` evaluates the
 * chosen decision and assembles the result. The state the steps share — incumbent, bounds, trace, work since the
 * last trace row — lives here, each field written by one step.
 */
import { planningNetwork, type PlanningInputs } from "../model/planning/inputs";
import { type FirstStageValues, isFirstStageFeasible } from "../model/planning/first-stage";
import { BendersMaster } from "./master";
import { annualCostOf, noStorage, probeDecisions } from "./decisions";
import { dayStartsById, type EvaluationPoint, type ScenarioEvaluator, scenarioEvaluator } from "./evaluator";
import { gapPercent, gapTarget, relativeGap } from "./gap";
import { InfeasibleError } from "../util/errors";
import type { SubResult } from "./subproblem-runner";
import type { BendersOptions, BendersResult, BendersStop, BendersTraceRow } from "./benders";
import type { BENDERS_DEFAULTS } from "./defaults";

/** The options of {@link BENDERS_DEFAULTS}, checked and with the defaults filled in. */
export type BendersSettings = Required<Pick<BendersOptions, keyof typeof BENDERS_DEFAULTS>>;

/** A decision of the batch an iteration evaluates; every one but the core point may become the incumbent. */
type Proposal = EvaluationPoint & { incumbent: boolean };

/** The master's optimum of an iteration. */
type MasterOptimum = Awaited<ReturnType<BendersMaster["solve"]>>;

/** The state and steps of one Benders run (see the module comment). */
export class BendersRun {
  private readonly t0 = performance.now();
  readonly evaluator: ScenarioEvaluator;
  readonly master: BendersMaster;
  private readonly cutoff: number;
  private readonly finalConeTol: number;
  private readonly trace: BendersTraceRow[] = [];
  /** Work since the last trace row (every evaluation and master solve of the loop lands in a row). */
  private readonly work = { evaluations: 0, lpSolves: 0, simplexIterations: 0, cuts: 0, subproblemSeconds: 0, masterSeconds: 0 };
  /**
   * The best decision evaluated (the upper bound). `tight`: its cost was measured at the final cone tolerance
   * (iterations run looser outer approximations, whose costs are a hair lower), so that a gap stop is confirmed
   * against the cost that will be reported.
   */
  private best!: { x: FirstStageValues; cost: number; tight: boolean };
  /** The decision proposed last (the trace's proposalKwh). */
  private x!: FirstStageValues;
  private lowerBound = -Infinity;
  private lastLowerBound = -Infinity;
  iteration = 0;

  constructor(
    readonly inputs: PlanningInputs,
    readonly options: BendersOptions,
    readonly s: BendersSettings,
  ) {
    const starts = inputs.scenarios.map((d) => options.dayStarts?.[d.id]);
    this.evaluator = options.evaluator ?? scenarioEvaluator(inputs, options.workers, options.certificates ? { ...options.subproblem, certificates: true } : options.subproblem, starts);
    this.master = new BendersMaster(inputs.case, inputs.scenarios, { cuts: options.cuts, net: planningNetwork(inputs), ...options.master });
    if (options.fixBuild) this.master.fixBuild(options.fixBuild);
    this.cutoff = options.cutoff ?? Infinity;
    this.finalConeTol = options.subproblem?.coneTol ?? 1e-7;
  }

  /** Seconds since the run began. */
  elapsed(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** (UB − LB) / max(1, |UB|) now. */
  private gap(): number {
    return relativeGap(this.best.cost, this.lowerBound);
  }

  /** Evaluates a batch of decisions, counting its work and wall time. */
  private async evaluateEach(points: readonly EvaluationPoint[]): Promise<SubResult[][]> {
    const t = performance.now();
    const batch = await this.evaluator.evaluateEach(points).catch((err: unknown) => {
      throw planInfeasible(err);
    });
    this.work.subproblemSeconds += (performance.now() - t) / 1000;
    for (const rs of batch) {
      for (const r of rs) {
        this.work.evaluations++;
        this.work.lpSolves += r.rounds;
        this.work.simplexIterations += r.simplexIterations;
        for (const n of Object.values(r.cuts)) this.work.cuts += n;
      }
    }
    return batch;
  }

  /** A trace row of the bounds now and the work since the last row (also handed to `onIteration`); its gap in %. */
  record(): number {
    const gap = gapPercent(this.best.cost, this.lowerBound);
    const row = { iteration: this.iteration, lowerBound: this.lowerBound, upperBound: this.best.cost, gapPct: gap, seconds: this.elapsed(), proposalKwh: this.x.eKwh.reduce((a, b) => a + b, 0), ...this.work };
    for (const k of Object.keys(this.work) as (keyof typeof this.work)[]) this.work[k] = 0;
    this.trace.push(row);
    this.options.onIteration?.(row);
    return gap;
  }

  /** A candidate for the incumbent: kept if it costs less than the best so far. */
  private offer(x: FirstStageValues, results: readonly SubResult[]): void {
    const cost = annualCostOf(this.inputs, x, results);
    if (cost < this.best.cost) this.best = { x, cost, tight: false };
  }

  /**
   * Iteration 0, in one batch: the first incumbent — no storage, or, for a plan started from known cuts, its first
   * start point the case allows — then the probes (cuts before the first master, so that its bound is meaningful)
   * and the other start points.
   */
  async start(): Promise<void> {
    const { inputs, options } = this;
    const given = options.startPoints ?? [];
    const warm = (options.initialCuts?.length ?? 0) > 0 ? given.findIndex((p) => isFirstStageFeasible(inputs.case, p)) : -1;
    this.x = warm >= 0 ? given[warm] : noStorage(inputs);
    const probes = probeDecisions(inputs, this.s.probesKwh);
    const starts = given.filter((_, i) => i !== warm);
    const [results, ...more] = await this.evaluateEach([this.x, ...probes, ...starts].map((p) => ({ x: p, coneTol: this.s.coarseConeTol })));
    this.best = { x: this.x, cost: annualCostOf(inputs, this.x, results), tight: false };
    await this.master.addCuts(results, this.x);
    if (options.initialCuts) await this.master.addKnownCuts(options.initialCuts);
    this.record();
    for (const [i, point] of [...probes, ...starts].entries()) {
      await this.master.addCuts(more[i], point);
      if (isFirstStageFeasible(inputs.case, point)) this.offer(point, more[i]);
    }
  }

  /**
   * The master's optimum: lifts the lower bound. Says "cutoff" when the bound reached the caller's cutoff and "met"
   * when it already meets the incumbent within the gap (both recorded as the previous iteration's end).
   */
  async bound(): Promise<{ m: MasterOptimum; verdict?: "cutoff" | "met" }> {
    this.iteration++;
    const m = await this.master.solve(this.best.cost);
    this.work.masterSeconds += m.seconds;
    this.lowerBound = Math.max(this.lowerBound, m.lowerBound);
    this.x = m.x;
    const verdict = this.lowerBound >= this.cutoff ? "cutoff" : this.gap() <= this.s.gapTol ? "met" : undefined;
    if (verdict) {
      this.iteration--;
      this.record();
    }
    return { m, verdict };
  }

  /**
   * The batch to evaluate: the proposal — a level step near the best decision unless the lower bound stalled, then
   * the master's optimum itself (the Kelley step, whose cuts are what lifts the bound) — and its core-point
   * perturbation (each day solves them in this order), then the Kelley points (the master's optimum beside a level
   * step, and the optima of the other sitings still below the gap target).
   */
  async propose(m: MasterOptimum): Promise<Proposal[]> {
    const { s } = this;
    const stalled = this.lowerBound <= this.lastLowerBound + 1e-9 * Math.abs(this.lowerBound);
    this.lastLowerBound = this.lowerBound;
    let kelley: FirstStageValues | undefined;
    if (s.stabilisation === "level" && !stalled) {
      const lv = await this.master.levelSolve(this.best.x, this.lowerBound + s.levelLambda * (this.best.cost - this.lowerBound));
      this.work.masterSeconds += lv.seconds;
      const x = this.x;
      const same = lv.x.built.every((b, j) => b === x.built[j] && Math.abs(lv.x.eKwh[j] - x.eKwh[j]) <= 1e-6 && Math.abs(lv.x.pKw[j] - x.pKw[j]) <= 1e-6);
      if (s.kelleyWithLevel && !same) kelley = x;
      this.x = lv.x;
    }
    const coneTol = this.gap() > 0.02 ? s.coarseConeTol : undefined;
    const points: Proposal[] = [{ x: this.x, coneTol, incumbent: true }];
    if (s.coreCutsEpsilon > 0) points.push({ x: this.corePoint(this.x), coneTol, incumbent: false });
    if (kelley) points.push({ x: kelley, coneTol, incumbent: true });
    const target = gapTarget(this.best.cost, s.gapTol);
    for (const o of (m.others ?? []).filter((q) => q.lowerBound < target).slice(0, s.kelleySitings - 1)) points.push({ x: o.x, coneTol, incumbent: true });
    return points;
  }

  /** x̂ + ε (x⁰ − x̂), x⁰ the core point: every candidate at half the site limit, mid duration (see benders.ts). */
  private corePoint(x: FirstStageValues): FirstStageValues {
    const st = this.inputs.case.storage;
    const eps = this.s.coreCutsEpsilon;
    const eCore = st.maxEnergyKwhPerSite / 2;
    const pCore = eCore / Math.max((st.eToPMinH + st.eToPMaxH) / 2, 1e-9);
    const mix = (a: number, b: number) => (1 - eps) * a + eps * b;
    return { built: x.built.map(() => true), eKwh: x.eKwh.map((e) => mix(e, eCore)), pKw: x.pKw.map((p) => mix(p, pCore)) };
  }

  /** Evaluates the batch: its incumbent candidates may lower the upper bound, and all its cuts go to the master. */
  async update(points: readonly Proposal[]): Promise<number> {
    const batch = await this.evaluateEach(points);
    points.forEach((p, i) => {
      if (p.incumbent) this.offer(p.x, batch[i]);
    });
    for (const [i, p] of points.entries()) await this.master.addCuts(batch[i], p.x);
    return this.record();
  }

  /** A gap stop holds only if it survives the incumbent's cost at the final cone tolerance (its cuts go to the master too). */
  async confirmGap(): Promise<boolean> {
    if (!this.best.tight) {
      const x = this.best.x;
      const [r] = await this.evaluateEach([{ x, coneTol: this.finalConeTol }]);
      await this.master.addCuts(r, x);
      this.best = { x, cost: annualCostOf(this.inputs, x, r), tight: true };
      this.record(); // the confirmation's work, and the incumbent's cost at the final tolerance
    }
    return this.gap() <= this.s.gapTol;
  }

  /**
   * The result. The final decision is evaluated at the runners' tight cone tolerance: its cost is the reported upper
   * bound (iterations ran looser outer approximations, whose costs are a hair lower). A run cut off (its bound already
   * above the caller's incumbent) skips it: its best decision is of no use.
   */
  async finish(stop: BendersStop): Promise<BendersResult> {
    const { options, evaluator, best } = this;
    const finalDetail = options.finalDetail ?? true;
    const final =
      stop === "cutoff"
        ? []
        : await evaluator.evaluate(best.x, finalDetail, finalDetail ? undefined : this.finalConeTol).catch((err: unknown) => {
            throw planInfeasible(err);
          });
    const finalCost = stop === "cutoff" ? best.cost : annualCostOf(this.inputs, best.x, final);
    const cutRows = options.keepCutRows ? await evaluator.cutRows() : undefined;
    const dayStarts = options.keepDayStarts ? dayStartsById(this.inputs, await evaluator.dayStarts()) : undefined;
    return {
      x: best.x,
      objective: finalCost,
      lowerBound: this.lowerBound,
      upperBound: finalCost,
      gapPct: gapPercent(finalCost, this.lowerBound),
      iterations: this.iteration,
      stop,
      seconds: this.elapsed(),
      subproblemSeconds: this.trace.reduce((a, row) => a + row.subproblemSeconds, 0),
      masterSeconds: this.trace.reduce((a, row) => a + row.masterSeconds, 0),
      workers: evaluator.workers,
      cutsAdded: this.master.cutsAdded,
      cuts: this.master.cuts.slice(),
      trace: this.trace,
      final,
      ...(cutRows ? { cutRows } : {}),
      ...(dayStarts ? { dayStarts } : {}),
    };
  }

  /** Frees the master and, unless the caller handed it in, the evaluator. */
  async close(): Promise<void> {
    this.master.dispose();
    if (!this.options.evaluator) await this.evaluator.close();
  }
}

/**
 * A day's InfeasibleError as the plan's (the day and its binding limits kept): Benders needs every day feasible at
 * every decision it evaluates (it has optimality cuts only), so one infeasible day ends the plan.
 */
function planInfeasible(err: unknown): unknown {
  if (!(err instanceof InfeasibleError)) return err;
  return new InfeasibleError("solveBenders", err.model, `the plan is infeasible: ${err.reason}`, err.binding);
}
