/**
 * A whole planning run: the inputs of a case, the base case (no storage, every EV uncontrolled), the two-stage
 * problem by Benders or the extensive form, and the chosen plan re-evaluated day by day with full dispatch and AC
 * power-flow checks. The results folder turns it into KPIs; plots and reports read those.
 */
import type { PlanningCase } from "../model/planning/case";
import type { DayDispatch } from "../model/planning/dispatch";
import type { FirstStageValues } from "../model/planning/first-stage";
import { type PlanningInputs, withControllableShare } from "../model/planning/inputs";
import { planningInputs, type PlanningInputsOptions } from "../cases/inputs";
import type { RowInput } from "../solve/highs";
import { type SitingSearchOptions, solveBySitings } from "./sitings";
import { type BendersOptions, type BendersStop, type BendersTraceRow, solveBenders } from "./benders";
import { noStorage } from "./decisions";
import { scenarioEvaluator, type Workers } from "./evaluator";
import { type ExtensiveOptions, solveExtensive } from "./extensive";
import { nearestDay, transferCuts } from "./cut-transfer";
import type { BendersCut } from "./master";
import type { DayStart, SubResult } from "./subproblem-runner";
import { ArgumentError } from "../util/errors";

/** A day's dispatch with its AC re-check. */
export interface CheckedDay {
  dispatch: DayDispatch;
  acCheck: { lossDiffPct: number; lossDiffKw: number; vMaxDiffPu: number };
}

/** Options of {@link runPlan}. */
export interface PlanOptions {
  /** "sitings": the exact reference over the sitings (solveBySitings). */
  method?: "benders" | "extensive" | "sitings";
  /** Worker threads (Benders and the base evaluation). Default: one per core, at most one per scenario. */
  workers?: Workers;
  /** Inputs already built (else built from the case). */
  inputs?: PlanningInputs;
  inputsOptions?: PlanningInputsOptions;
  benders?: BendersOptions;
  extensive?: ExtensiveOptions;
  sitings?: SitingSearchOptions;
  /**
   * Benders: start from a plan made on other days of the same case, e.g. a full-year plan from the typical-day plan.
   * Each day receives that plan's cuts of its nearest day there (nearestDay), moved onto it (transferCuts: valid lower
   * bounds when the days' LPs differ in bounds only; the plan needs BendersOptions.certificates), and that plan's
   * decision is evaluated first (startPoints) instead of the probes, whose cuts the given ones already carry.
   */
  startFrom?: Pick<PlanRun, "inputs" | "cuts" | "x">;
  /**
   * The base case's days when already evaluated on inputs with the same {@link baseCaseKey} (e.g. by a plan at another
   * controllable share or storage cost): used instead of evaluating them again.
   */
  base?: CheckedDay[];
}

/** Everything a planning run produced. */
export interface PlanRun {
  case: PlanningCase;
  inputs: PlanningInputs;
  method: "benders" | "extensive" | "sitings";
  x: FirstStageValues;
  /** Annual cost of the plan (upper bound for Benders), ¥/year. */
  objective: number;
  lowerBound: number;
  upperBound: number;
  gapPct: number;
  iterations: number;
  stop: BendersStop | "optimal";
  seconds: number;
  workers: number;
  trace: BendersTraceRow[];
  /** When the plan builds no storage: why (the budget allows no site, or storage does not pay). */
  noStorageReason?: string;
  /** Every day of the plan and of the base case (no storage, uncontrolled EVs). */
  plan: CheckedDay[];
  base: CheckedDay[];
  /** Benders with `keepCutRows`: each day's cut rows at the end (see extensiveLpModel). */
  cutRows?: RowInput[][];
  /**
   * Benders: its optimality cuts, θ_day ≥ … keyed by day id. Each bounds its day's cost Q_d(x) whatever the plan, so
   * they can start another plan on the same days (e.g. each day's own plan, see planEachDay's `initialCuts`).
   */
  cuts?: readonly BendersCut[];
  /** Benders with `keepDayStarts`: each day's subproblem state at the end, by day id (a later run's start, DayStart). */
  dayStarts?: Record<string, DayStart>;
}

function checked(results: readonly SubResult[]): CheckedDay[] {
  return results.map((r) => ({ dispatch: r.dispatch!, acCheck: r.acCheck! }));
}

/** The base case's inputs: the same days, every EV uncontrolled (controllable share 0). Storage is excluded by the decisions. */
export function baseCaseInputs(inputs: PlanningInputs): PlanningInputs {
  return withControllableShare(inputs, 0);
}

/** The base case: no storage, controllable share 0 ({@link baseCaseInputs}). */
export async function evaluateBase(inputs: PlanningInputs, workers?: Workers): Promise<CheckedDay[]> {
  const baseInputs = baseCaseInputs(inputs);
  const ev = scenarioEvaluator(baseInputs, workers);
  try {
    return checked(await ev.evaluate(noStorage(baseInputs), true));
  } finally {
    await ev.close();
  }
}

/**
 * What the base case (evaluateBase) depends on, as a string: the inputs with no EV control and without the storage
 * costs, which are first-stage only (the base builds no storage). Plans whose keys are equal share their base case.
 */
export function baseCaseKey(inputs: PlanningInputs): string {
  const base = baseCaseInputs(inputs);
  const st = base.case.storage;
  const storage = { ...st, energyCostCnyPerKwh: 0, powerCostCnyPerKw: 0, fixedCostCnyPerSite: 0, omShare: 0, lifetimeYears: 0, discountRate: 0, budgetCny: null };
  return JSON.stringify({ ...base, case: { ...base.case, storage } });
}

/**
 * Why a plan that builds nothing builds nothing, in words: the budget is below one site's fixed cost, or (any other
 * case) no siting and size found costs less per year than no storage — storage does not pay at the case's prices.
 * Undefined when the plan builds storage.
 */
export function noStorageReason(c: PlanningCase, x: FirstStageValues, run: { objective: number; lowerBound: number; gapPct: number }): string | undefined {
  if (x.built.some((b) => b)) return undefined;
  const st = c.storage;
  const yuan = (v: number) => `¥${Math.round(v).toLocaleString("en-US")}`;
  if (st.budgetCny !== null && st.budgetCny < st.fixedCostCnyPerSite) {
    return `the budget (storage.budgetCny = ${yuan(st.budgetCny)}) is below the fixed cost of one site (storage.fixedCostCnyPerSite = ${yuan(st.fixedCostCnyPerSite)}): no site can be built`;
  }
  const budget = st.budgetCny === null ? "" : `; the budget (${yuan(st.budgetCny)}) allows at most ${((st.budgetCny - st.fixedCostCnyPerSite) / (st.energyCostCnyPerKwh + st.powerCostCnyPerKw / Math.max(st.eToPMaxH, 1e-9))).toFixed(0)} kWh at one site`;
  return `storage does not pay at the case's prices and costs: no siting and size costs less per year than no storage (${yuan(run.objective)}; lower bound over every plan ${yuan(run.lowerBound)}, gap ${run.gapPct.toFixed(3)} %)${budget}`;
}

/** Runs a planning case end to end. */
export async function runPlan(c: PlanningCase, options: PlanOptions = {}): Promise<PlanRun> {
  const { method = "benders" } = options;
  if (method !== "benders" && method !== "extensive" && method !== "sitings") throw new ArgumentError("runPlan", `method must be benders, extensive or sitings, got "${String(method)}"`, { field: "method" });
  const t0 = performance.now();
  const inputs = options.inputs ?? planningInputs(c, options.inputsOptions);
  const base = options.base ?? (await evaluateBase(inputs, options.workers));
  // The fields every method shares; each branch adds what its solver reports.
  const finish = (run: Omit<PlanRun, "case" | "inputs" | "method" | "seconds" | "base">): PlanRun =>
    withReason({ case: inputs.case, inputs, method, seconds: (performance.now() - t0) / 1000, base, ...run });
  if (method === "extensive") {
    const r = await solveExtensive(inputs, options.extensive);
    return finish({ x: r.x, objective: r.objective, lowerBound: r.objective, upperBound: r.objective, gapPct: 0, iterations: r.rounds, stop: "optimal", workers: 0, trace: [], plan: r.days });
  }
  if (method === "sitings") {
    const r = await solveBySitings(inputs, { workers: options.workers, ...options.sitings, finalDetail: true });
    const iterations = r.rows.reduce((a, row) => a + row.iterations, 0);
    return finish({ x: r.x, objective: r.objective, lowerBound: r.lowerBound, upperBound: r.objective, gapPct: r.gapPct, iterations, stop: "gap", workers: r.workers, trace: [], plan: checked(r.final) });
  }
  const b = await solveBenders(inputs, { workers: options.workers, ...startingOptions(inputs, options), finalDetail: true });
  return finish({
    x: b.x,
    objective: b.objective,
    lowerBound: b.lowerBound,
    upperBound: b.upperBound,
    gapPct: b.gapPct,
    iterations: b.iterations,
    stop: b.stop,
    workers: b.workers,
    trace: b.trace,
    plan: checked(b.final),
    cuts: b.cuts,
    ...(b.cutRows ? { cutRows: b.cutRows } : {}),
    ...(b.dayStarts ? { dayStarts: b.dayStarts } : {}),
  });
}

/** The Benders options of a run, with `startFrom`'s cuts and decision when given. */
function startingOptions(inputs: PlanningInputs, options: PlanOptions): BendersOptions {
  const from = options.startFrom;
  const cuts = from?.cuts ? transferCuts(from.cuts, from.inputs, inputs, (d) => [nearestDay(d, from.inputs.scenarios).id]) : [];
  if (!from || cuts.length === 0) return { ...options.benders };
  return startedFrom(options.benders, cuts, from.x);
}

/**
 * Benders options that start from cuts moved from another plan (added to the given initial cuts) and, when given,
 * from that plan's decision, evaluated first in place of the probes, whose cuts the moved ones already carry (probes
 * set in `given` still run).
 */
export function startedFrom(given: BendersOptions | undefined, cuts: readonly BendersCut[], x?: FirstStageValues): BendersOptions {
  const initialCuts = [...(given?.initialCuts ?? []), ...cuts];
  if (!x) return { ...given, initialCuts };
  return { probesKwh: [], ...given, initialCuts, startPoints: [...(given?.startPoints ?? []), x] };
}

function withReason(run: PlanRun): PlanRun {
  const reason = noStorageReason(run.case, run.x, run);
  return reason === undefined ? run : { ...run, noStorageReason: reason };
}
