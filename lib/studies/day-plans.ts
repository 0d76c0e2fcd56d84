/**
 * Each day planned for on its own: min_x A_d(x) = F(x) + 365 Q_d(x) with the day at probability 1 — the
 * wait-and-see plans of the EVPI and the mean-value plan of the VSS (see out-of-sample.ts).
 *
 * Solved by Benders by default (one subproblem, ~1 s per iteration), which returns a plan and an interval
 * [lowerBoundCny, annualCny] holding the day's optimum; the extensive form (exact: branch and cut, or the sitings
 * enumerated) closes the interval at the price of a longer solve. Benders day plans run side by side, one per core,
 * each with a worker thread of its own (one subproblem keeps one core busy; its master runs in this thread).
 */
import * as os from "os";
import { type BendersOptions, solveBenders } from "../decomposition/benders";
import type { BendersCut } from "../decomposition/master";
import { type ExtensiveOptions, solveExtensive } from "../decomposition/extensive";
import type { FirstStageValues } from "../model/planning/first-stage";
import type { PlanningInputs } from "../model/planning/inputs";
import type { DayStart } from "../decomposition/subproblem-runner";
import { inLanes } from "../util/lanes";
import { DAY_PLAN_DEFAULTS } from "../decomposition/defaults";
import { gapPercent } from "../decomposition/gap";

/** A day planned for on its own: min_x A_d(x). */
export interface DayPlan {
  scenarioId: string;
  date: string;
  probability: number;
  x: FirstStageValues;
  /** A_d(x_d) = F(x_d) + 365 Q_d(x_d), ¥/year: the best plan found (an upper bound of min_x A_d(x)). */
  annualCny: number;
  /** A lower bound of min_x A_d(x) (equal to annualCny for the extensive form). */
  lowerBoundCny: number;
  /** Where x_d comes from: the day's own solve, or a better plan known from elsewhere (see outOfSample). */
  from: "own" | "stochastic plan";
  /** A_d of the day's own plan (equal to annualCny when `from` is "own"). */
  ownAnnualCny: number;
  /** Benders iterations (extensive: cone rounds) and the relative gap (annualCny − lowerBoundCny) / annualCny, %. */
  iterations: number;
  gapPct: number;
  seconds: number;
}

/** Options of {@link planEachDay}. */
export interface PlanEachDayOptions {
  /** "benders" (default: one subproblem, this thread) or "extensive" (exact, slower). */
  method?: "extensive" | "benders";
  /**
   * Benders settings. Default: at most 20 iterations, gap 0.1 %, no worker threads, no final dispatch, and no
   * core-point cuts (coreCutsEpsilon 0): with one day they cost a sixth of each iteration's evaluations and saved no
   * iterations. Measured on the paper case (the mean-value plan and the 8 wait-and-see plans from the run's cuts, 2
   * lanes, twice in each order): 109–121 s of day plans in all with ε = 0.15, 102 s with 0.05, 89–90 s with 0 (the
   * same iterations within ±1 per day, every gap ≤ 0.1 %); Kelley points of 6 sitings with ε = 0: 98 s.
   * A job with initial cuts also skips the probes (probesKwh []): cuts from a plan on the same days already hold
   * the probes' cuts of its day. Paper case, the 8 wait-and-see plans from the run's cuts, 2 lanes: 44.5 and 46.1 s
   * with the probes, 34.6 s without, 40.3 and 41.2 s starting from the run's plan instead (startPoints); every gap ≤ 0.1 %.
   */
  benders?: BendersOptions;
  extensive?: ExtensiveOptions;
  /** Plan only the first `count` days. Default: all. */
  count?: number;
  /**
   * Benders day plans solved at once (each with one worker thread; 1: one after the other, in this thread). Default:
   * one per core, at most one per day. The plans do not depend on it (each is a Benders run of its own); the
   * extensive form always runs one day at a time.
   */
  concurrency?: number;
  /**
   * Optimality cuts known for these days, keyed by day id (e.g. a plan's `cuts` over the same days): each Benders
   * day plan starts from its day's cuts — valid, since each bounds that day's cost whatever the plan.
   */
  initialCuts?: readonly BendersCut[];
  onDay?: (plan: DayPlan, index: number, total: number) => void;
}

/** One day to plan for on its own: day `index` of `inputs`, with optimality cuts known for it. */
export interface DayPlanJob {
  inputs: PlanningInputs;
  index: number;
  /** Cuts that bound this day's cost (added to `benders.initialCuts`). */
  initialCuts?: readonly BendersCut[];
  /** The state the day's subproblem starts from (DayStart: e.g. a plan's on the same day). */
  dayStart?: DayStart;
}

/** The first `count` days of `inputs` as day-plan jobs, each with the cuts and the state (`starts`) keyed by its id. */
export function dayPlanJobs(inputs: PlanningInputs, cuts: readonly BendersCut[] = [], count = inputs.scenarios.length, starts: Readonly<Record<string, DayStart>> = {}): DayPlanJob[] {
  return inputs.scenarios.slice(0, count).map((s, index) => ({ inputs, index, initialCuts: cuts.filter((cut) => cut.key === s.id), ...(starts[s.id] ? { dayStart: starts[s.id] } : {}) }));
}

/** Plans each day of `inputs` on its own (probability 1): the wait-and-see plans, or the mean-value plan. */
export async function planEachDay(inputs: PlanningInputs, options: PlanEachDayOptions = {}): Promise<DayPlan[]> {
  return planDays(dayPlanJobs(inputs, options.initialCuts, options.count), options);
}

/**
 * Plans days of several inputs on their own, side by side as {@link planEachDay} does (one pool of `concurrency`
 * lanes, so that, e.g., the mean-value plan and the wait-and-see plans share the cores). Results in job order;
 * `onDay` reports them in that order. Each job carries its own cuts.
 */
export async function planDays(jobs: readonly DayPlanJob[], options: Omit<PlanEachDayOptions, "count" | "initialCuts"> = {}): Promise<DayPlan[]> {
  const { method = "benders", onDay } = options;
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const lanes = method === "extensive" ? 1 : Math.max(1, Math.min(options.concurrency ?? cores, jobs.length));
  const planDay = async (i: number): Promise<DayPlan> => {
    const { inputs, index, initialCuts = [], dayStart } = jobs[i];
    const s = inputs.scenarios[index];
    const one: PlanningInputs = { ...inputs, scenarios: [{ ...s, probability: 1 }] };
    const cuts = initialCuts.length > 0 ? { initialCuts: [...(options.benders?.initialCuts ?? []), ...initialCuts] } : {};
    const start = dayStart ? { dayStarts: { [s.id]: dayStart } } : {};
    const t0 = performance.now();
    const r =
      method === "extensive"
        ? await solveExtensive(one, options.extensive).then((e) => ({ x: e.x, ub: e.objective, lb: e.objective, iterations: e.rounds }))
        : await solveBenders(one, { workers: lanes > 1 ? 1 : 0, finalDetail: false, ...DAY_PLAN_DEFAULTS, ...(initialCuts.length > 0 ? { probesKwh: [] } : {}), ...options.benders, ...cuts, ...start }).then((b) => ({ x: b.x, ub: b.upperBound, lb: b.lowerBound, iterations: b.iterations }));
    return {
      scenarioId: s.id,
      date: s.date,
      probability: s.probability,
      x: r.x,
      annualCny: r.ub,
      lowerBoundCny: r.lb,
      from: "own",
      ownAnnualCny: r.ub,
      iterations: r.iterations,
      gapPct: gapPercent(r.ub, r.lb),
      seconds: (performance.now() - t0) / 1000,
    };
  };
  // `lanes` loops each take the next unplanned day; finished plans are reported in job order.
  return inLanes(jobs.length, lanes, planDay, { onResult: (plan, i) => onDay?.(plan, i, jobs.length) });
}
