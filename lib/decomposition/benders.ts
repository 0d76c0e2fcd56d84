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
import type { PlanningInputs } from "../model/planning/inputs";
import type { FirstStageValues } from "../model/planning/first-stage";
import type { BendersCut, MasterOptions } from "./master";
import type { ScenarioEvaluator } from "./evaluator";
import { ArgumentError } from "../util/errors";
import type { RowInput } from "../solve/highs";
import type { DayStart, SubproblemRunnerOptions, SubResult } from "./subproblem-runner";
import { BendersRun, type BendersSettings } from "./benders-run";
import { BENDERS_DEFAULTS } from "./defaults";
import type { Workers } from "./evaluator";

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
  workers?: Workers;
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

/**
 * Solves the planning problem by Benders decomposition: iteration 0 evaluates the first incumbent and the probes, then
 * each iteration solves the master (the lower bound), proposes a batch of decisions and evaluates them (the upper
 * bound and new cuts), until the gap, the iteration limit, the time limit or the caller's cutoff stops it (the steps:
 * BendersRun in benders-run.ts).
 */
export async function solveBenders(inputs: PlanningInputs, options: BendersOptions = {}): Promise<BendersResult> {
  const s = bendersSettings(options);
  const run = new BendersRun(inputs, options, s);
  try {
    await run.start();
    let stop: BendersStop;
    while (true) {
      const { m, verdict } = await run.bound();
      if (verdict === "cutoff") {
        stop = "cutoff";
        break;
      }
      if (verdict === "met") {
        // The bounds already meet: no new proposal needed (once confirmed at the final tolerance). Otherwise the
        // confirmation's cuts may have raised the master: solve it again before proposing (a level target set from
        // the old bound could be infeasible).
        if (await run.confirmGap()) {
          stop = "gap";
          break;
        }
        continue;
      }
      const gap = await run.update(await run.propose(m));
      if (gap <= 100 * s.gapTol && (await run.confirmGap())) {
        stop = "gap";
        break;
      }
      if (run.iteration >= s.maxIterations) {
        stop = "iterations";
        break;
      }
      if (run.elapsed() >= s.timeLimitS) {
        stop = "time";
        break;
      }
    }
    return await run.finish(stop);
  } finally {
    await run.close();
  }
}

/**
 * The options with their defaults (BENDERS_DEFAULTS), checked.
 * @throws ArgumentError naming the first option out of range.
 */
export function bendersSettings(options: BendersOptions): BendersSettings {
  const s: BendersSettings = { ...BENDERS_DEFAULTS, ...definedOnly(options) };
  const { kelleySitings, coreCutsEpsilon, maxIterations, gapTol, timeLimitS, levelLambda } = s;
  if (!(Number.isInteger(kelleySitings) && kelleySitings >= 1)) throw new ArgumentError("solveBenders", `kelleySitings must be a whole number ≥ 1, got ${kelleySitings}`, { field: "kelleySitings" });
  if (!(coreCutsEpsilon >= 0 && coreCutsEpsilon < 1)) throw new ArgumentError("solveBenders", `coreCutsEpsilon must be in [0, 1), got ${coreCutsEpsilon}`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new ArgumentError("solveBenders", `maxIterations must be a whole number ≥ 1, got ${maxIterations}`, { field: "maxIterations" });
  if (!(gapTol > 0 && gapTol < 1)) throw new ArgumentError("solveBenders", `gapTol must be in (0, 1), got ${gapTol}`, { field: "gapTol" });
  if (!(timeLimitS > 0)) throw new ArgumentError("solveBenders", `timeLimitS must be > 0, got ${timeLimitS}`, { field: "timeLimitS" });
  if (!(levelLambda > 0 && levelLambda < 1)) throw new ArgumentError("solveBenders", `levelLambda must be in (0, 1), got ${levelLambda}`, { field: "levelLambda" });
  return s;
}

/** The settings `options` gives (an option set to undefined keeps its default, as destructuring defaults do). */
function definedOnly(options: BendersOptions): Partial<BendersSettings> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(BENDERS_DEFAULTS) as (keyof BendersSettings)[]) if (options[k] !== undefined) out[k] = options[k];
  return out as Partial<BendersSettings>;
}
