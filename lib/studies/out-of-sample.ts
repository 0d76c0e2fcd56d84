/**
 * A plan judged out of sample, and what stochastic planning is worth.
 *
 * Notation: F(x) is the annual first-stage cost of a plan x (annualised storage investment and O&M), Q_d(x) the
 * optimal operating cost of day d with x built (one subproblem solve at cone tolerance 1e-6, evaluatePlans' default), and
 * A_d(x) = F(x) + 365 Q_d(x) the annual cost of x if every day of the year were like d. For days D with
 * probabilities p_d, the expected annual cost is C_D(x) = Σ p_d A_d(x).
 *
 * - x* is the here-and-now plan: the two-stage problem on the K typical days T (the run).
 * - x̄ is the mean-value plan: the same problem on the year's mean day alone (`meanDayInputs`), solved by
 *   `planDays` beside the wait-and-see plans (its gap is reported: a loosely solved x̄ overstates the VSS). When the
 *   run's cuts carry certificates, those of every typical day of the mean day's type are moved onto the mean day
 *   (transferCuts: valid lower bounds of its cost) and start its plan.
 * - On the typical days: RP = C_T(x*), EEV = C_T(x̄), **VSS = EEV − RP** (≥ 0 in theory because x* minimises C_T;
 *   with Benders, ≥ −(UB − LB)). WS = Σ_T p_d min_x A_d(x) (each typical day planned for on its own), **EVPI =
 *   RP − WS** ≥ 0. Each day's min_x A_d(x) is bracketed by [lower bound, best plan found], where the best plan is
 *   the day's own plan or x* when x* is better on that day (any plan's A_d is an upper bound), so that every term
 *   A_d(x*) − WS_d is ≥ 0; EVPI is reported as RP − Σ p_d (best) with the interval
 *   [RP_LB − Σ p_d best_d, RP − Σ p_d LB_d] that holds the exact EVPI.
 * - On the held-out days H (the year's other days, or a seeded sample, equal weights): C_H(x*) and the spread of
 *   Q_d(x*); VSS_H = C_H(x̄) − C_H(x*) as the mean of paired daily differences with its standard error (no sign is
 *   guaranteed out of sample); optionally EVPI_H on the first `evpiHeldOutDays` held-out days, each a whole
 *   one-day planning problem.
 */
import { nearestDay, transferCuts } from "../decomposition/cut-transfer";
import type { PlanRun } from "../decomposition/plan";
import type { BendersCut } from "../decomposition/master";
import type { DayStart } from "../decomposition/subproblem-runner";
import type { FirstStageValues } from "../model/planning/first-stage";
import type { PlanningInputs } from "../model/planning/inputs";
import { type DayPlan, type DayPlanJob, dayPlanJobs, planDays, planEachDay, type PlanEachDayOptions } from "./day-plans";
import { annualOnDay, evaluatePlans, type EvaluatePlansOptions, type PairedDifference, pairedDifference, type PlanOnDays } from "./plan-on-days";
import type { Workers } from "../decomposition/evaluator";

/** Options of {@link outOfSample}. */
export interface OutOfSampleOptions {
  /** The held-out days (`heldOutInputs`). */
  heldOut: PlanningInputs;
  /** The mean day (`meanDayInputs(...).inputs`). */
  meanDay: PlanningInputs;
  workers?: Workers;
  coneTol?: number;
  chunkDays?: number;
  /** How the mean-value and wait-and-see plans are solved (default: Benders, 20 iterations, gap 0.1 %). */
  dayPlans?: Omit<PlanEachDayOptions, "count" | "onDay">;
  /** Wait-and-see plans on the typical days (EVPI). Default true. */
  evpiInSample?: boolean;
  /** Held-out days (the first n, in date order) that also get a wait-and-see plan. Default 0. */
  evpiHeldOutDays?: number;
  onProgress?: (message: string) => void;
}

/** What {@link outOfSample} returns (¥/year unless named otherwise). */
export interface OutOfSampleResult {
  /** x* and its Benders bounds. */
  stochastic: { x: FirstStageValues; objectiveCny: number; lowerBoundCny: number };
  /** x̄, planned on the mean day (its cost there: `annualCny`; its gap: `gapPct`). */
  meanValue: DayPlan;
  inSample: {
    /** x* and x̄ on the typical days. */
    plans: [PlanOnDays, PlanOnDays];
    rpCny: number;
    eevCny: number;
    vssCny: number;
    /** Wait-and-see plans per typical day (when computed), WS from the best plans, EVPI and its interval. */
    waitAndSee?: DayPlan[];
    wsCny?: number;
    wsLowerBoundCny?: number;
    evpiCny?: number;
    evpiIntervalCny?: [number, number];
    /** Per typical day A_d(x*) − best_d (each ≥ 0). */
    evpiPerDayCny?: number[];
  };
  heldOut: {
    plans: [PlanOnDays, PlanOnDays];
    /** C_H(x̄) − C_H(x*) as a mean of paired daily differences. */
    vss: PairedDifference;
    waitAndSee?: DayPlan[];
    /** Mean of A_d(x*) − best_d over the first `evpiHeldOutDays` held-out days (equal weights). */
    evpi?: PairedDifference;
  };
  seconds: number;
}

/** Day plans, each replaced by x* where x* is better on its day (day d of `stochastic`). */
function orStochastic(own: readonly DayPlan[], stochastic: PlanOnDays): DayPlan[] {
  return own.map((p, d) => {
    const viaX = annualOnDay(stochastic, d);
    return viaX < p.annualCny ? { ...p, x: stochastic.x, annualCny: viaX, from: "stochastic plan" as const } : p;
  });
}

/**
 * The run's cuts moved onto the mean day: those of every typical day of its day type (of every day when none has
 * it). None when the cuts carry no certificates or the days' LPs differ in more than bounds. Measured on the paper
 * case (2 workers, the mean-value plan alone in one thread): 14 iterations and 16.3 s cold, 12 and 12.4 s from 342
 * moved cuts (13 and 13.9 s from the nearest day's 57).
 */
function meanDayCuts(run: Pick<PlanRun, "inputs"> & Partial<Pick<PlanRun, "cuts">>, meanDay: PlanningInputs): BendersCut[] {
  if (!run.cuts) return [];
  const days = run.inputs.scenarios;
  return transferCuts(run.cuts, run.inputs, meanDay, (d) => {
    const sameType = days.filter((s) => s.dayType === d.dayType);
    return (sameType.length > 0 ? sameType : days).map((s) => s.id);
  });
}

/** For each day of `days`, the state of its nearest day of `typical` (nearestDay), by day id. */
function nearestStarts(days: PlanningInputs, typical: PlanningInputs, starts: Readonly<Record<string, DayStart>>): Record<string, DayStart> {
  const out: Record<string, DayStart> = {};
  if (Object.keys(starts).length === 0) return out;
  for (const d of days.scenarios) {
    const s = starts[nearestDay(d, typical.scenarios).id];
    if (s) out[d.id] = s;
  }
  return out;
}

/** The progress line of a wait-and-see plan. */
const dayLine = (label: string, p: DayPlan, i: number, n: number) => `${label} ${i + 1}/${n} (${p.scenarioId}): ${(p.annualCny / 1e6).toFixed(3)} M¥/year, gap ${p.gapPct.toFixed(2)} %`;

/** The progress line of the mean-value plan. */
const meanLine = (p: DayPlan) => `mean-value plan: ${(p.annualCny / 1e6).toFixed(3)} M¥/year on the mean day, gap ${p.gapPct.toFixed(2)} %`;

/**
 * Judges a run's plan out of sample and computes VSS and EVPI (definitions at the top of this file).
 * @param run the here-and-now plan (its inputs are the typical days). Its Benders cuts, when given, start each typical
 *   day's wait-and-see plan (each cut bounds its day's cost whatever the plan).
 */
export async function outOfSample(run: Pick<PlanRun, "inputs" | "x" | "objective" | "lowerBound"> & Partial<Pick<PlanRun, "cuts" | "dayStarts">>, options: OutOfSampleOptions): Promise<OutOfSampleResult> {
  const { evpiInSample = true, evpiHeldOutDays = 0, onProgress } = options;
  const t0 = performance.now();
  const evalOpts: EvaluatePlansOptions = { workers: options.workers, coneTol: options.coneTol, chunkDays: options.chunkDays };
  const starts = run.dayStarts ?? {};
  // The mean-value plan and the typical days' wait-and-see plans (each started from the run's cuts and state of its
  // day) are independent one-day plans: one pool of lanes plans them all, the mean day first.
  const typical = run.inputs.scenarios.length;
  const meanStart = nearestStarts(options.meanDay, run.inputs, starts)[options.meanDay.scenarios[0].id];
  const jobs: DayPlanJob[] = [{ inputs: options.meanDay, index: 0, initialCuts: meanDayCuts(run, options.meanDay), ...(meanStart ? { dayStart: meanStart } : {}) }, ...(evpiInSample ? dayPlanJobs(run.inputs, run.cuts, undefined, starts) : [])];
  onProgress?.(evpiInSample ? `mean-value plan (the year's mean day) and ${typical} wait-and-see plans` : "mean-value plan (the year's mean day)");
  const dayPlans = await planDays(jobs, {
    ...options.dayPlans,
    onDay: (p, i) => onProgress?.(i === 0 ? meanLine(p) : dayLine("wait-and-see plan", p, i - 1, typical)),
  });
  const meanValue = dayPlans[0];
  const plans = [
    { label: "stochastic plan x*", x: run.x },
    { label: "mean-value plan x̄", x: meanValue.x },
  ];
  onProgress?.(`both plans on the ${typical} typical days`);
  const inPlans = (await evaluatePlans(run.inputs, plans, { ...evalOpts, dayStarts: starts })) as [PlanOnDays, PlanOnDays];
  const rpCny = inPlans[0].annualCny;
  const eevCny = inPlans[1].annualCny;
  const inSample: OutOfSampleResult["inSample"] = { plans: inPlans, rpCny, eevCny, vssCny: eevCny - rpCny };
  if (evpiInSample) {
    const ws = orStochastic(dayPlans.slice(1), inPlans[0]);
    const wsCny = ws.reduce((a, p) => a + p.probability * p.annualCny, 0);
    const wsLowerBoundCny = ws.reduce((a, p) => a + p.probability * p.lowerBoundCny, 0);
    Object.assign(inSample, {
      waitAndSee: ws,
      wsCny,
      wsLowerBoundCny,
      evpiCny: rpCny - wsCny,
      evpiIntervalCny: [Math.min(run.lowerBound, rpCny) - wsCny, rpCny - wsLowerBoundCny],
      evpiPerDayCny: ws.map((p, d) => annualOnDay(inPlans[0], d) - p.annualCny),
    });
  }
  onProgress?.(`both plans on ${options.heldOut.scenarios.length} held-out days`);
  const outPlans = (await evaluatePlans(options.heldOut, plans, { ...evalOpts, dayStarts: nearestStarts(options.heldOut, run.inputs, starts), onChunk: (done, total) => onProgress?.(`  held-out days ${done}/${total}`) })) as [PlanOnDays, PlanOnDays];
  const vssDiffs = outPlans[0].days.map((_, d) => annualOnDay(outPlans[1], d) - annualOnDay(outPlans[0], d));
  const heldOut: OutOfSampleResult["heldOut"] = { plans: outPlans, vss: pairedDifference(vssDiffs, outPlans[0].days.map((d) => d.probability)) };
  if (evpiHeldOutDays > 0) {
    const n = Math.min(evpiHeldOutDays, options.heldOut.scenarios.length);
    const own = await planEachDay(options.heldOut, { ...options.dayPlans, count: n, onDay: (p, i, total) => onProgress?.(dayLine("held-out wait-and-see plan", p, i, total)) });
    const ws = orStochastic(own, outPlans[0]);
    heldOut.waitAndSee = ws;
    heldOut.evpi = pairedDifference(ws.map((p, d) => annualOnDay(outPlans[0], d) - p.annualCny));
  }
  return {
    stochastic: { x: run.x, objectiveCny: run.objective, lowerBoundCny: run.lowerBound },
    meanValue,
    inSample,
    heldOut,
    seconds: (performance.now() - t0) / 1000,
  };
}
