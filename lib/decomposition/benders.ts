/**
 * Benders decomposition of the two-stage planning problem (JuMP's tutorial structure: master → subproblems → cuts →
 * bounds). The master (MILP) proposes sites and sizes; every scenario day is solved at that proposal (in parallel
 * worker threads), its cost and subgradient become an optimality cut; the master's optimum is a lower bound, the
 * best proposal's true cost an upper bound. Stops on the gap, the iteration limit or the time limit, and says which.
 *
 * Core-point cuts. A day's subproblem is degenerate at a proposal: at a site left unbuilt (Ē = P̄ = 0) neither
 * capacity alone is worth anything, so the duals of the two copy variables can split the value of building there
 * almost arbitrarily, and the plain cut tells the master little about the sites it has not tried. Magnanti & Wong
 * (1981) pick, among the optimal duals at x̂, the one whose cut is highest at a core point x⁰ (inside the feasible
 * region); by LP sensitivity that is the dual optimal at x̂ + ε (x⁰ − x̂) for small ε > 0. So each iteration also
 * evaluates the days at that point (x⁰: every candidate at half the site limit, mid duration) and adds its cuts —
 * valid anywhere, being subgradient cuts of the same convex day costs. Measured on the paper case (K = 8, level
 * stabilisation): without them the gap is still 0.28–0.73 % after 30 iterations; with ε = 0.15 it reached 0.1 % at
 * iterations 23 and 25 (two runs; ε = 0.05: 27 and 29; ε = 0.3: slower), each iteration taking ≈ 1.7× as long (the
 * second evaluation re-solves warm from the first).
 *
 * Level and Kelley points together. With level stabilisation alone the lower bound rose only every other iteration:
 * the level point's cuts lie near the incumbent and rarely lift the master's optimum, so the next iteration found the
 * bound stalled and spent itself on a Kelley step (the master's optimum). Evaluating both points in every iteration,
 * in one batch with the core point, lets the bound rise each time. Measured with 2 workers (scratch runs of
 * solveBenders, gap ≤ 0.1 %): K = 5, 29 iterations and 312 s → 14 and 189 s; the paper case (K = 8), 24 iterations
 * and 320 s → 16 and 322 s; without the core-point cuts the Kelley point alone gave 22 / 201 s and 20 / 263 s.
 *
 * Kelley points of several sitings. With the master as one LP per siting the lower bound is the least of the
 * sitings' bounds, and one Kelley point lifts one siting's bound per iteration; the objective is flat across site
 * pairs (several lie within a fraction of a per cent), so the bound crept up one siting at a time. Each iteration
 * therefore also evaluates the optima of the sitings with the next least bounds while they are below the gap
 * target (their cuts are as valid; their costs are upper-bound candidates like any other). Measured on the paper
 * case (`npm run bench -- planning --k 8 --kelley-sitings 1,3,4,6,8 --no-extensive --no-speedup`, 2 workers): Kelley
 * points of 1, 3, 4, 6 and 8 sitings took 19, 11, 9, 7 and 6 iterations and 31.6, 28.8, 29.1, 30.5 and 33.9 s
 * (≈ 450–510 day evaluations each: the work to pin the optimum down hardly changes, it is spread over fewer
 * iterations); a single day planned alone (the same with `--day S4`, as in the wait-and-see plans) was still 0.59 %
 * from its bound after 30 iterations with 1, 0.15 % with 3, and closed to 0.1 % in 28 with 4.
 */
import { planningNetwork, type PlanningInputs } from "../model/planning/inputs";
import { type FirstStageValues, isFirstStageFeasible } from "../model/planning/firstStage";
import { type BendersCut, BendersMaster, type MasterOptions } from "./master";
import { annualCostOf, DEFAULT_PROBES_KWH, noStorage, probeDecisions } from "./decisions";
import { dayStartsById, type EvaluationPoint, type ScenarioEvaluator, scenarioEvaluator } from "./evaluator";
import { ArgumentError, InfeasibleError } from "../util/errors";
import type { RowInput } from "../solve/highs";
import type { DayStart, SubproblemRunnerOptions, SubResult } from "./subproblemRunner";

/** One line of the convergence trace. */
export interface BendersTraceRow {
  iteration: number;
  lowerBound: number;
  upperBound: number;
  gapPct: number;
  seconds: number;
  /** Total storage energy (kWh) of this iteration's proposal. */
  proposalKwh: number;
  /** Work since the previous row: subproblem evaluations (a day at a decision), their LP solves (cut rounds). */
  evaluations: number;
  lpSolves: number;
  /** Simplex iterations of those LP solves, and the cone and EV cuts they added to the days. */
  simplexIterations: number;
  cuts: number;
  /** Wall-clock seconds of the evaluations (all days, in parallel) and of the master solves since the previous row. */
  subproblemSeconds: number;
  masterSeconds: number;
}

/** Options of {@link solveBenders}. */
export interface BendersOptions {
  /**
   * Worker threads for the subproblems (0: this thread). Default: one per core, at most one per scenario. The result
   * does not depend on it: each scenario keeps its warm model in one thread and sees the same decisions in the same order.
   */
  workers?: number;
  /** Multi-cut (default) or single-cut. */
  cuts?: "multi" | "single";
  /** Relative gap (UB − LB)/|UB| to stop at. Default 1e-3 (0.1 %). */
  gapTol?: number;
  maxIterations?: number;
  timeLimitS?: number;
  /**
   * Stabilisation: "level" (default) proposes the decision closest to the best one found whose cut model stays below
   * LB + λ (UB − LB); "none" takes the master's optimum (plain Kelley/Benders).
   */
  stabilisation?: "none" | "level";
  /** Level parameter λ in (0, 1). Default 0.5. */
  levelLambda?: number;
  /**
   * With level stabilisation, also evaluate the master's optimum (the Kelley point) in the same batch as each level
   * point, so that the lower bound rises at every iteration rather than only after a stall (see the module comment).
   * Default true.
   */
  kelleyWithLevel?: boolean;
  /**
   * With the master as one LP per siting (MasterOptions.sitingLps): the Kelley points of this many sitings in all —
   * the master's optimum and the optima of the sitings with the next least bounds, those still below the gap target
   * (UB less the gap tolerance) — in the same batch (see the module comment). 1: the master's optimum alone.
   * Default 4.
   */
  kelleySitings?: number;
  /**
   * Probe sizes (kWh): before the first master, every candidate is evaluated at once with this energy (and power at
   * the mid duration) — points outside the master's feasible set when they exceed maxSites, but their cuts are valid
   * everywhere and tell the master how each site's value bends. Default [1000, 3000]; [] for none.
   */
  probesKwh?: readonly number[];
  /**
   * Decisions evaluated in iteration 0 beside no storage and the probes (e.g. a plan made on other days): their cuts
   * go to the master, and the cheapest that satisfies the case's first stage (isFirstStageFeasible: site limits,
   * durations, site count, budget) becomes the first incumbent; with `initialCuts` (which bound no storage) no
   * storage is then not evaluated. Default none.
   */
  startPoints?: readonly FirstStageValues[];
  /**
   * Cone tolerance (pu²) of the subproblems while the gap exceeds 2 %. Default 1e-4: a looser outer approximation is
   * still a relaxation (its cuts stay valid) and is cheaper; below 2 % the runners' `iterationConeTol` applies (by
   * default the same 1e-4; 1e-3 here was no faster on the paper case).
   */
  coarseConeTol?: number;
  /**
   * Core-point cuts (Magnanti–Wong by perturbation, see above): after each proposal x̂ also evaluate
   * x̂ + ε (x⁰ − x̂), x⁰ the core point (every candidate at half the site limit, mid duration), and add its cuts.
   * ε in [0, 1); 0 switches them off. Default 0.15.
   */
  coreCutsEpsilon?: number;
  /** Called after each iteration (progress lines). */
  onIteration?: (row: BendersTraceRow) => void;
  /** Fix the siting (one flag per candidate, case order): the convex sizing problem of that siting. */
  fixBuild?: readonly boolean[];
  /** Optimality cuts known before the first master (e.g. from another siting's run on the same days). */
  initialCuts?: readonly BendersCut[];
  /** Stop ("cutoff") as soon as the lower bound reaches this annual cost (a siting that cannot beat an incumbent). */
  cutoff?: number;
  /**
   * Evaluate the days with this evaluator (its warm models and cut pools shared across runs; not closed here)
   * instead of a new one.
   */
  evaluator?: ScenarioEvaluator;
  /**
   * Return each day's cut rows at the end (`cutRows`: its seeds and every cone and EV cut found, purged ones too,
   * over its subproblem's columns), e.g. for extensiveLpModel. Default false.
   */
  keepCutRows?: boolean;
  /**
   * Keep each multi-cut's duals (BendersCut.certificate), so that the result's cuts can start a plan on days whose LPs
   * differ in bounds only, e.g. a sweep over the controllable share (transferCuts). Ignored with `evaluator`. Default
   * false (≈ 60 kB per cut on the paper case).
   */
  certificates?: boolean;
  /** States the days' subproblems start from instead of a cold start, by day id (DayStart). Ignored with `evaluator`. */
  dayStarts?: Readonly<Record<string, DayStart>>;
  /** Return every day's state at the end (`dayStarts`), for later runs on such days. Default false. */
  keepDayStarts?: boolean;
  /** Evaluate the final decision with full dispatch and AC checks. Default true. */
  finalDetail?: boolean;
  master?: MasterOptions;
  subproblem?: SubproblemRunnerOptions;
}

/** Why the loop stopped ("cutoff": the lower bound reached `cutoff`). */
export type BendersStop = "gap" | "iterations" | "time" | "cutoff";

/** The outcome of {@link solveBenders}. */
export interface BendersResult {
  x: FirstStageValues;
  /** Annual cost of the best decision found (the upper bound), ¥/year. */
  objective: number;
  lowerBound: number;
  upperBound: number;
  gapPct: number;
  iterations: number;
  stop: BendersStop;
  seconds: number;
  /**
   * Seconds in subproblems (wall clock of the parallel evaluations) and in the master: the trace's rows summed (the
   * final evaluation of the chosen decision is not in them).
   */
  subproblemSeconds: number;
  masterSeconds: number;
  workers: number;
  cutsAdded: number;
  /** Every cut of this run's evaluations (not the `initialCuts` it was given). */
  cuts: BendersCut[];
  trace: BendersTraceRow[];
  /** Subproblem results at the final decision (with dispatch and AC checks when `finalDetail`); empty after a cutoff. */
  final: SubResult[];
  /** With `keepCutRows`: per scenario, the cut rows its subproblem held at the end. */
  cutRows?: RowInput[][];
  /** With `keepDayStarts`: every day's state at the end, by day id. */
  dayStarts?: Record<string, DayStart>;
}

/** Solves the planning problem by Benders decomposition. */
export async function solveBenders(inputs: PlanningInputs, options: BendersOptions = {}): Promise<BendersResult> {
  const { gapTol = 1e-3, maxIterations = 30, timeLimitS = 3600, onIteration, finalDetail = true, stabilisation = "level", levelLambda = 0.5, kelleyWithLevel = true, kelleySitings = 4, probesKwh = DEFAULT_PROBES_KWH, coarseConeTol = 1e-4, coreCutsEpsilon = 0.15 } = options;
  if (!(Number.isInteger(kelleySitings) && kelleySitings >= 1)) throw new ArgumentError("solveBenders", `kelleySitings must be a whole number ≥ 1, got ${kelleySitings}`, { field: "kelleySitings" });
  if (!(coreCutsEpsilon >= 0 && coreCutsEpsilon < 1)) throw new ArgumentError("solveBenders", `coreCutsEpsilon must be in [0, 1), got ${coreCutsEpsilon}`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new ArgumentError("solveBenders", `maxIterations must be a whole number ≥ 1, got ${maxIterations}`, { field: "maxIterations" });
  if (!(gapTol > 0 && gapTol < 1)) throw new ArgumentError("solveBenders", `gapTol must be in (0, 1), got ${gapTol}`, { field: "gapTol" });
  if (!(timeLimitS > 0)) throw new ArgumentError("solveBenders", `timeLimitS must be > 0, got ${timeLimitS}`, { field: "timeLimitS" });
  if (!(levelLambda > 0 && levelLambda < 1)) throw new ArgumentError("solveBenders", `levelLambda must be in (0, 1), got ${levelLambda}`, { field: "levelLambda" });
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const starts = inputs.scenarios.map((d) => options.dayStarts?.[d.id]);
  const evaluator = options.evaluator ?? scenarioEvaluator(inputs, options.workers, options.certificates ? { ...options.subproblem, certificates: true } : options.subproblem, starts);
  const master = new BendersMaster(inputs.case, inputs.scenarios, { cuts: options.cuts, net: planningNetwork(inputs), ...options.master });
  if (options.fixBuild) master.fixBuild(options.fixBuild);
  const cutoff = options.cutoff ?? Infinity;
  const trace: BendersTraceRow[] = [];
  // Work since the last trace row (every evaluation and master solve of the loop lands in a row).
  const work = { evaluations: 0, lpSolves: 0, simplexIterations: 0, cuts: 0, subproblemSeconds: 0, masterSeconds: 0 };
  /** Evaluates a batch of decisions, counting its work and wall time. */
  const evaluateEach = async (points: EvaluationPoint[]): Promise<SubResult[][]> => {
    const t = performance.now();
    const batch = await evaluator.evaluateEach(points).catch((err: unknown) => {
      throw planInfeasible(err);
    });
    work.subproblemSeconds += (performance.now() - t) / 1000;
    for (const rs of batch) {
      for (const r of rs) {
        work.evaluations++;
        work.lpSolves += r.rounds;
        work.simplexIterations += r.simplexIterations;
        for (const n of Object.values(r.cuts)) work.cuts += n;
      }
    }
    return batch;
  };
  try {
    const st = inputs.case.storage;
    const midH = (st.eToPMinH + st.eToPMaxH) / 2;
    // Iteration 0 in one batch: the first incumbent — no storage, or, for a plan started from known cuts, its first
    // start point the case allows — then the probes (cuts before the first master, so that its bound is meaningful)
    // and the other start points.
    const given = options.startPoints ?? [];
    const warm = (options.initialCuts?.length ?? 0) > 0 ? given.findIndex((p) => isFirstStageFeasible(inputs.case, p)) : -1;
    let x = warm >= 0 ? given[warm] : noStorage(inputs);
    const probes = probeDecisions(inputs, probesKwh);
    const starts = given.filter((_, i) => i !== warm);
    const [results, ...probeResults] = await evaluateEach([x, ...probes, ...starts].map((p) => ({ x: p, coneTol: coarseConeTol })));
    // `tight`: the cost was measured at the final cone tolerance (iterations run looser outer approximations, whose
    // costs are a hair lower), so that a gap stop is confirmed against the cost that will be reported.
    let best = { x, cost: annualCostOf(inputs, x, results), tight: false };
    const finalConeTol = options.subproblem?.coneTol ?? 1e-7;
    let lowerBound = -Infinity;
    let lastLowerBound = -Infinity;
    let stop: BendersStop = "iterations";
    let iteration = 0;
    const record = () => {
      const gapPct = (100 * (best.cost - lowerBound)) / Math.max(1, Math.abs(best.cost));
      const row = { iteration, lowerBound, upperBound: best.cost, gapPct, seconds: elapsed(), proposalKwh: x.eKwh.reduce((a, b) => a + b, 0), ...work };
      for (const k of Object.keys(work) as (keyof typeof work)[]) work[k] = 0;
      trace.push(row);
      onIteration?.(row);
      return gapPct;
    };
    await master.addCuts(results, x);
    if (options.initialCuts) await master.addKnownCuts(options.initialCuts);
    record();
    /** A gap stop holds only if it survives the incumbent's cost at the final cone tolerance (its cuts go to the master too). */
    const confirmGap = async (): Promise<boolean> => {
      if (!best.tight) {
        const [r] = await evaluateEach([{ x: best.x, coneTol: finalConeTol }]);
        await master.addCuts(r, best.x);
        best = { x: best.x, cost: annualCostOf(inputs, best.x, r), tight: true };
        record(); // the confirmation's work, and the incumbent's cost at the final tolerance
      }
      return (best.cost - lowerBound) / Math.max(1, Math.abs(best.cost)) <= gapTol;
    };
    // The core point of the core-point cuts: every candidate at half the site limit, mid duration.
    const eCore = st.maxEnergyKwhPerSite / 2;
    const pCore = eCore / Math.max(midH, 1e-9);
    for (const [i, probe] of probes.entries()) {
      const r = probeResults[i];
      await master.addCuts(r, probe);
      if (isFirstStageFeasible(inputs.case, probe)) {
        const cost = annualCostOf(inputs, probe, r);
        if (cost < best.cost) best = { x: probe, cost, tight: false };
      }
    }
    for (const [i, start] of starts.entries()) {
      const r = probeResults[probes.length + i];
      await master.addCuts(r, start);
      if (isFirstStageFeasible(inputs.case, start)) {
        const cost = annualCostOf(inputs, start, r);
        if (cost < best.cost) best = { x: start, cost, tight: false };
      }
    }
    while (true) {
      iteration++;
      const m = await master.solve(best.cost);
      work.masterSeconds += m.seconds;
      lowerBound = Math.max(lowerBound, m.lowerBound);
      x = m.x;
      if (lowerBound >= cutoff) {
        iteration--;
        record();
        stop = "cutoff";
        break;
      }
      if ((best.cost - lowerBound) / Math.max(1, Math.abs(best.cost)) <= gapTol) {
        // The bounds already meet: no new proposal needed (once confirmed at the final tolerance).
        iteration--;
        record();
        if (await confirmGap()) {
          stop = "gap";
          break;
        }
        // The confirmation's cuts may have raised the master: solve it again before proposing (a level target set
        // from the old bound could be infeasible).
        continue;
      }
      // Level step (near the best decision) unless the lower bound stalled: then a Kelley step evaluates the master's
      // optimum itself, whose cuts are what lifts the lower bound.
      const stalled = lowerBound <= lastLowerBound + 1e-9 * Math.abs(lowerBound);
      lastLowerBound = lowerBound;
      let kelley: FirstStageValues | undefined;
      if (stabilisation === "level" && !stalled) {
        const lv = await master.levelSolve(best.x, lowerBound + levelLambda * (best.cost - lowerBound));
        work.masterSeconds += lv.seconds;
        const same = lv.x.built.every((b, j) => b === x.built[j] && Math.abs(lv.x.eKwh[j] - x.eKwh[j]) <= 1e-6 && Math.abs(lv.x.pKw[j] - x.pKw[j]) <= 1e-6);
        if (kelleyWithLevel && !same) kelley = x;
        x = lv.x;
      }
      const gapNow = (best.cost - lowerBound) / Math.max(1, Math.abs(best.cost));
      const coneTol = gapNow > 0.02 ? coarseConeTol : undefined;
      // The proposal and its core-point perturbation in one batch (each day solves them in this order), then the
      // Kelley points; every point but the core point (all candidates built) may become the incumbent.
      const points: (EvaluationPoint & { incumbent: boolean })[] = [{ x, coneTol, incumbent: true }];
      if (coreCutsEpsilon > 0) {
        const mix = (a: number, b: number) => (1 - coreCutsEpsilon) * a + coreCutsEpsilon * b;
        points.push({ x: { built: x.built.map(() => true), eKwh: x.eKwh.map((e) => mix(e, eCore)), pKw: x.pKw.map((p) => mix(p, pCore)) }, coneTol, incumbent: false });
      }
      if (kelley) points.push({ x: kelley, coneTol, incumbent: true });
      const target = best.cost - gapTol * Math.max(1, Math.abs(best.cost));
      for (const o of (m.others ?? []).filter((q) => q.lowerBound < target).slice(0, kelleySitings - 1)) points.push({ x: o.x, coneTol, incumbent: true });
      const batch = await evaluateEach(points);
      for (const [i, p] of points.entries()) {
        if (!p.incumbent) continue;
        const cost = annualCostOf(inputs, p.x, batch[i]);
        if (cost < best.cost) best = { x: p.x, cost, tight: false };
      }
      for (const [i, p] of points.entries()) await master.addCuts(batch[i], p.x);
      const gapPct = record();
      if (gapPct <= 100 * gapTol && (await confirmGap())) {
        stop = "gap";
        break;
      }
      if (iteration >= maxIterations) {
        stop = "iterations";
        break;
      }
      if (elapsed() >= timeLimitS) {
        stop = "time";
        break;
      }
    }
    // The final decision at the runners' tight cone tolerance: its cost is the reported upper bound (iterations ran
    // looser outer approximations, whose costs are a hair lower).
    // A run cut off (its bound already above the caller's incumbent) skips it: its best decision is of no use.
    const final =
      stop === "cutoff"
        ? []
        : await evaluator.evaluate(best.x, finalDetail, finalDetail ? undefined : finalConeTol).catch((err: unknown) => {
            throw planInfeasible(err);
          });
    const finalCost = stop === "cutoff" ? best.cost : annualCostOf(inputs, best.x, final);
    const cutRows = options.keepCutRows ? await evaluator.cutRows() : undefined;
    const dayStarts = options.keepDayStarts ? dayStartsById(inputs, await evaluator.dayStarts()) : undefined;
    return {
      x: best.x,
      objective: finalCost,
      lowerBound,
      upperBound: finalCost,
      gapPct: (100 * (finalCost - lowerBound)) / Math.max(1, Math.abs(finalCost)),
      iterations: iteration,
      stop,
      seconds: elapsed(),
      subproblemSeconds: trace.reduce((a, row) => a + row.subproblemSeconds, 0),
      masterSeconds: trace.reduce((a, row) => a + row.masterSeconds, 0),
      workers: evaluator.workers,
      cutsAdded: master.cutsAdded,
      cuts: master.cuts.slice(),
      trace,
      final,
      ...(cutRows ? { cutRows } : {}),
      ...(dayStarts ? { dayStarts } : {}),
    };
  } finally {
    master.dispose();
    if (!options.evaluator) await evaluator.close();
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
