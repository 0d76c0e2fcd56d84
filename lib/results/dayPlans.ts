/**
 * Each day planned for on its own: min_x A_d(x) = F(x) + 365 Q_d(x) with the day at probability 1 — the
 * wait-and-see plans of the EVPI and the mean-value plan of the VSS (see outOfSample.ts).
 *
 * Solved by Benders by default (one subproblem, this thread, ~1 s per iteration), which returns a plan and an
 * interval [lowerBoundCny, annualCny] holding the day's optimum; the extensive form (exact: branch and cut, or the
 * sitings enumerated) closes the interval at the price of a longer solve.
 */
import { type BendersOptions, solveBenders } from "../decomposition/benders";
import { type ExtensiveOptions, solveExtensive } from "../decomposition/extensive";
import type { FirstStageValues } from "../model/planning/firstStage";
import type { PlanningInputs } from "../model/planning/inputs";

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
  /** Benders settings. Default: at most 20 iterations, gap 0.1 %, no worker threads, no final dispatch. */
  benders?: BendersOptions;
  extensive?: ExtensiveOptions;
  /** Plan only the first `count` days. Default: all. */
  count?: number;
  onDay?: (plan: DayPlan, index: number, total: number) => void;
}

/** Plans each day of `inputs` on its own (probability 1): the wait-and-see plans, or the mean-value plan. */
export async function planEachDay(inputs: PlanningInputs, options: PlanEachDayOptions = {}): Promise<DayPlan[]> {
  const { method = "benders", count = inputs.scenarios.length, onDay } = options;
  const out: DayPlan[] = [];
  const days = inputs.scenarios.slice(0, count);
  for (const [i, s] of days.entries()) {
    const one: PlanningInputs = { ...inputs, scenarios: [{ ...s, probability: 1 }] };
    const t0 = performance.now();
    const r =
      method === "extensive"
        ? await solveExtensive(one, options.extensive).then((e) => ({ x: e.x, ub: e.objective, lb: e.objective, iterations: e.rounds }))
        : await solveBenders(one, { workers: 0, finalDetail: false, maxIterations: 20, gapTol: 1e-3, ...options.benders }).then((b) => ({ x: b.x, ub: b.upperBound, lb: b.lowerBound, iterations: b.iterations }));
    const plan: DayPlan = {
      scenarioId: s.id,
      date: s.date,
      probability: s.probability,
      x: r.x,
      annualCny: r.ub,
      lowerBoundCny: r.lb,
      from: "own",
      ownAnnualCny: r.ub,
      iterations: r.iterations,
      gapPct: (100 * (r.ub - r.lb)) / Math.max(1, Math.abs(r.ub)),
      seconds: (performance.now() - t0) / 1000,
    };
    out.push(plan);
    onDay?.(plan, i, days.length);
  }
  return out;
}

