/**
 * The balance objective's effect — the study's argument for it: the same case planned with the balance term at
 * several weights (0 = cost alone), each plan's branch loading against the base case's, the feeder-head peak, the
 * new peaks a plan creates, the balance index taken apart (lib/results/loading.ts), and what the balance costs.
 *
 * "What it costs" is the annual cost without the balance term — storage investment plus 365 × the expected daily
 * cost of energy, carbon, curtailment, losses, unserved energy and peak — of each plan, against the cost-only plan's.
 * The cost-only plan minimises exactly that, so every other plan's figure is at least as large up to the plans' gaps.
 * A "new peak" is a branch-hour whose loading exceeds the largest loading of that branch on the same day in the base
 * case: load the plan put on a branch beyond anything the branch carried that day without storage.
 */
import type { CheckedDay, PlanRun } from "../decomposition/plan";
import { DAYS_PER_YEAR } from "../decomposition/master";
import { annualFirstStageCost } from "../model/planning/first-stage";
import type { PlanningCase } from "../model/planning/case";
import { planningNetwork } from "../model/planning/inputs";
import { planningKpis } from "../results/kpis";
import { planSummary, type PlanSummary } from "../results/plan-summary";
import type { BalanceParts } from "../results/loading";
import { ArgumentError } from "../util/errors";
import { sweep, type SweepOptions } from "./sensitivity";

/** One plan of the comparison. */
export interface BalanceEffectRow {
  weightCnyPerDay: number;
  summary: PlanSummary;
  /** B of the base case and of the plan, each taken apart (level + spatial + temporal). */
  balance: { base: BalanceParts; plan: BalanceParts };
  /** Annual cost without the balance term, ¥/year, and its excess over the cost-only plan's (the price of balance). */
  costWithoutBalanceCny: number;
  balanceCostCny: number | null;
  /** The year's largest import at the substation, base case and plan, and when the plan's falls. */
  peakImport: { baseKw: number; planKw: number; planHour: number; planDay: string };
  /** The plan's upgrade-deferral benefit (base case's year peak − the plan's, × the upgrade cost), ¥/year. */
  upgradeDeferralCny: number;
  /** Branch-hours a year above the base case's daily largest loading of their branch (new peaks). */
  newPeakHoursPerYear: number;
  /** Probability-weighted mean loading |I| / Ī by hour and branch ([hour][branch]), base case and plan. */
  expectedLoading: { base: number[][]; plan: number[][] };
}

/** What {@link balanceEffect} returns. */
export interface BalanceEffectResult {
  case: string;
  weights: number[];
  rows: BalanceEffectRow[];
  /** Branch names in the loading matrices' order ("15→16"). */
  branches: string[];
  /** The runs, in the order of `rows` (for day-by-day heatmaps). */
  runs: PlanRun[];
  seconds: number;
}

/** Options of {@link balanceEffect}: the sweep's, without its parameter. */
export type BalanceEffectOptions = Omit<SweepOptions, "parameter" | "keepRuns" | "reuse" | "cutsFrom"> & {
  /** Weights of the balance index, ¥/day. Default: 0 (cost alone) and the case's weight. */
  weights?: number[];
};

/** Branch-hours a year in which `plan` loads a branch above its largest loading that day in `base` (same days). */
export function newPeakHoursPerYear(base: readonly CheckedDay[], plan: readonly CheckedDay[], tol = 1e-6): number {
  let hours = 0;
  plan.forEach(({ dispatch: d }, k) => {
    const b = base.find((x) => x.dispatch.scenarioId === d.scenarioId) ?? base[k];
    const dayMax = b.dispatch.branchLoading[0].map((_, e) => Math.max(...b.dispatch.branchLoading.map((row) => row[e])));
    for (const row of d.branchLoading) row.forEach((x, e) => x > dayMax[e] + tol && (hours += d.probability));
  });
  return DAYS_PER_YEAR * hours;
}

/** Probability-weighted mean loading by hour and branch. */
export function expectedLoading(days: readonly CheckedDay[]): number[][] {
  const first = days[0].dispatch.branchLoading;
  const out = first.map((row) => row.map(() => 0));
  for (const { dispatch: d } of days) d.branchLoading.forEach((row, t) => row.forEach((x, e) => (out[t][e] += d.probability * x)));
  return out;
}

/** The annual cost of a run without its balance term, ¥/year. */
export function costWithoutBalance(run: PlanRun): number {
  const days = run.plan.reduce((a, { dispatch: d }) => a + d.probability * (d.costCny - d.costParts.balance), 0);
  return annualFirstStageCost(run.case, run.x) + DAYS_PER_YEAR * days;
}

function peakOf(days: readonly CheckedDay[]): { kw: number; hour: number; day: string } {
  let best = { kw: -Infinity, hour: NaN, day: "" };
  for (const { dispatch: d } of days) d.importKw.forEach((kw, hour) => kw > best.kw && (best = { kw, hour, day: d.scenarioId }));
  return best;
}

/**
 * Plans the case at each balance weight on the same typical days and compares the plans' loading.
 * @throws ArgumentError for no weight or a negative or non-finite one.
 */
export async function balanceEffect(c: PlanningCase, options: BalanceEffectOptions = {}): Promise<BalanceEffectResult> {
  const weights = options.weights ?? [0, c.balance.weightCnyPerDay];
  if (weights.length === 0 || weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
    throw new ArgumentError("balanceEffect", `weights must be finite numbers ≥ 0, got [${weights.join(", ")}]`);
  }
  const t0 = performance.now();
  const { weights: _w, ...rest } = options;
  const result = await sweep(c, weights, { ...rest, parameter: "balanceWeight", keepRuns: true });
  const runs = result.runs!;
  const costOnly = weights.indexOf(0);
  const costs = runs.map(costWithoutBalance);
  const rows = runs.map((run, k): BalanceEffectRow => {
    const kpis = planningKpis(run);
    const pp = peakOf(run.plan);
    return {
      weightCnyPerDay: weights[k],
      summary: planSummary(run, kpis),
      balance: { base: kpis.loadingBase.balance, plan: kpis.loadingPlan.balance },
      costWithoutBalanceCny: costs[k],
      balanceCostCny: costOnly >= 0 ? costs[k] - costs[costOnly] : null,
      peakImport: { baseKw: kpis.base.peakImportKw, planKw: pp.kw, planHour: pp.hour, planDay: pp.day },
      upgradeDeferralCny: kpis.benefits.upgradeDeferralCny,
      newPeakHoursPerYear: newPeakHoursPerYear(run.base, run.plan),
      expectedLoading: { base: expectedLoading(run.base), plan: expectedLoading(run.plan) },
    };
  });
  const net = planningNetwork(runs[0].inputs);
  return {
    case: c.name,
    weights: [...weights],
    rows,
    branches: net.branches.map((b) => `${b.fromBus}→${b.toBus}`),
    runs,
    seconds: (performance.now() - t0) / 1000,
  };
}
