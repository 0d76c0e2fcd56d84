/**
 * Sensitivity sweeps: the whole plan (base case, two-stage problem, KPIs) re-run for each value of one parameter;
 * the base case only where the value can change it (baseCaseKey: not for the controllable share or storage costs).
 * The study's comparison is the EV controllable share (0, 20, 50, 80 %); the same function sweeps storage cost,
 * PV size, carbon price, the balance-index weight, or anything a callback can change.
 *
 * A parameter is "how a value changes the planning inputs" ({@link SweepParameter}). Changes of the case alone
 * (prices, costs, weights) keep the typical days as they are — the scenarios, the EV fleets and which EVs are
 * controllable are the same in every run, so the rows differ by the parameter only. The controllable share re-draws
 * each station's split from its own random source (withControllableShare: seeded per day and station, the draw
 * the inputs at that share would hold). PV size also scales every day's available PV.
 */
import { transferCuts } from "../decomposition/cut-transfer";
import { baseCaseKey, type CheckedDay, runPlan, type PlanOptions, type PlanRun, startedFrom } from "../decomposition/plan";
import { type PlanningCase, validatePlanningCase } from "../model/planning/case";
import type { FirstStageValues } from "../model/planning/first-stage";
import { type PlanningInputs, withControllableShare } from "../model/planning/inputs";
import { planningInputs, type PlanningInputsOptions } from "../cases/inputs";
import { ArgumentError } from "../util/errors";
import { planningKpis, type PlanningKpis } from "../results/kpis";
import { planSummary, type PlanSummary } from "../results/plan-summary";

/** How one value of a swept parameter changes the planning inputs. */
export interface SweepParameter {
  /** Key of the value in each row of a CLI table ("controllable", "carbonPrice", …). */
  name: string;
  /** Words for axes and tables. */
  label: string;
  unit: string;
  /** The inputs of the run at `value` (must not mutate `inputs`). */
  apply(inputs: PlanningInputs, value: number): PlanningInputs;
}

/** The parameters {@link sweepParameter} knows by name. */
export type SweepParameterName = "controllable" | "storageCostScale" | "pvScale" | "carbonPrice" | "balanceWeight";

/** Names of the built-in parameters. */
export const SWEEP_PARAMETERS: readonly SweepParameterName[] = ["controllable", "storageCostScale", "pvScale", "carbonPrice", "balanceWeight"];

/**
 * A parameter that changes the case only (the typical days stay as they are). The changed case is validated, so a
 * value out of range throws a DataValidationError naming the field.
 */
export function caseParameter(name: string, label: string, unit: string, change: (c: PlanningCase, value: number) => PlanningCase): SweepParameter {
  return {
    name,
    label,
    unit,
    apply: (inputs, value) => ({ ...inputs, case: validatePlanningCase(change(inputs.case, value)) }),
  };
}

/** The parameters that change the case alone: how a value changes it (sweeps and the assumption search share them). */
export const CASE_CHANGES = {
  /** Energy, power and fixed storage costs × value. */
  storageCostScale: (c: PlanningCase, v: number): PlanningCase => ({
    ...c,
    storage: { ...c.storage, energyCostCnyPerKwh: c.storage.energyCostCnyPerKwh * v, powerCostCnyPerKw: c.storage.powerCostCnyPerKw * v, fixedCostCnyPerSite: c.storage.fixedCostCnyPerSite * v },
  }),
  carbonPrice: (c: PlanningCase, v: number): PlanningCase => ({ ...c, carbon: { ...c.carbon, priceCnyPerT: v } }),
  balanceWeight: (c: PlanningCase, v: number): PlanningCase => ({ ...c, balance: { ...c.balance, weightCnyPerDay: v } }),
} as const;

/**
 * A built-in parameter:
 * - `controllable`: the EV controllable share α (0…1);
 * - `storageCostScale`: energy, power and fixed storage costs × value (1 = the case's);
 * - `pvScale`: every PV capacity and every day's available PV × value;
 * - `carbonPrice`: carbon price, ¥/tCO₂;
 * - `balanceWeight`: weight of the daily balance index, ¥ per day.
 * @throws ArgumentError for an unknown name.
 */
export function sweepParameter(name: SweepParameterName | string): SweepParameter {
  switch (name) {
    case "controllable":
      // the split is part of the inputs: re-drawn at each share (the case validated, as caseParameter does)
      return { name, label: "controllable EV share", unit: "share", apply: (inputs, v) => withControllableShare(inputs, v) };
    case "storageCostScale":
      return caseParameter(name, "storage cost", "× case", CASE_CHANGES.storageCostScale);
    case "carbonPrice":
      return caseParameter(name, "carbon price", "¥/tCO₂", CASE_CHANGES.carbonPrice);
    case "balanceWeight":
      return caseParameter(name, "balance-index weight", "¥/day", CASE_CHANGES.balanceWeight);
    case "pvScale":
      return {
        name,
        label: "PV size",
        unit: "× case",
        apply: (inputs, v) => {
          if (!(v >= 0) || !Number.isFinite(v)) throw new ArgumentError("sweepParameter(pvScale)", `value must be a finite number ≥ 0, got ${v}`);
          return {
            ...inputs,
            case: validatePlanningCase({ ...inputs.case, pv: inputs.case.pv.map((p) => ({ ...p, capacityKw: p.capacityKw * v })) }),
            scenarios: inputs.scenarios.map((s) => ({ ...s, pv: s.pv.map((p) => ({ ...p, availKw: p.availKw.map((kw) => kw * v) })) })),
          };
        },
      };
    default:
      throw new ArgumentError("sweepParameter", `unknown parameter "${name}"; known: ${SWEEP_PARAMETERS.join(", ")}`);
  }
}

/** One row of a sweep: the value and the summary of the plan at it. */
export type SweepRow = { parameter: string; value: number } & PlanSummary;

/** The row of a run at `value` (KPIs computed when not given). */
export function sweepRow(parameter: string, value: number, run: PlanRun, kpis: PlanningKpis = planningKpis(run)): SweepRow {
  return { parameter, value, ...planSummary(run, kpis) };
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** The parameter: a built-in name or a {@link SweepParameter}. Default "controllable". */
  parameter?: SweepParameterName | SweepParameter;
  /** Inputs already built for the case (else built once from it with `inputsOptions`). */
  inputs?: PlanningInputs;
  inputsOptions?: PlanningInputsOptions;
  /** Options of every run (method, workers, Benders/extensive settings); `inputs` is set by the sweep. */
  plan?: Omit<PlanOptions, "inputs" | "inputsOptions">;
  /** Runs already made at some values with the same settings (e.g. the main plan): used instead of re-running. */
  reuse?: { value: number; run: PlanRun }[];
  /**
   * A run whose cuts (with certificates: BendersOptions.certificates) start every Benders plan of the sweep, moved
   * onto its days by transferCuts — valid where a value changes bounds or first-stage costs only (the controllable
   * share, PV and loads, the storage cost), none where it changes the days' costs or the network. Where they move, the
   * run's decision `x` (when given) is evaluated first in place of the probes (BendersOptions.startPoints; it is the
   * first incumbent when the swept case allows it), whose cuts the moved ones already carry, and its days' states
   * (`dayStarts`, when kept) start the days' subproblems. Same plans within the gap; fewer iterations.
   */
  cutsFrom?: Pick<PlanRun, "inputs" | "cuts" | "dayStarts"> & { x?: FirstStageValues };
  /** Keep every run in the result (they hold every day's dispatch: memory grows with values × days). Default false. */
  keepRuns?: boolean;
  /** Called after each value (progress). */
  onRow?: (row: SweepRow, run: PlanRun) => void;
}

/** What {@link sweep} returns. */
export interface SweepResult {
  parameter: { name: string; label: string; unit: string };
  rows: SweepRow[];
  /** The runs, in the order of `rows`, when `keepRuns`. */
  runs?: PlanRun[];
  seconds: number;
}

/**
 * Runs the plan for each value of a parameter (in the order given) and returns one row per value.
 * @param c the case (the parameter changes a copy per value).
 * @param values the values to sweep.
 * @throws ArgumentError for an empty or non-finite list; DataValidationError when a value makes the case invalid.
 */
export async function sweep(c: PlanningCase, values: readonly number[], options: SweepOptions = {}): Promise<SweepResult> {
  const { parameter = "controllable", keepRuns = false, onRow, reuse = [] } = options;
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) throw new ArgumentError("sweep", `values must be a non-empty list of finite numbers, got [${values.join(", ")}]`);
  const p = typeof parameter === "string" ? sweepParameter(parameter) : parameter;
  const t0 = performance.now();
  const inputs = options.inputs ?? planningInputs(c, options.inputsOptions);
  // Every value is applied (and so validated) before the first plan runs: a bad last value fails at once, not
  // after the runs before it.
  const applied = values.map((value) => ({ value, runInputs: p.apply(inputs, value) }));
  const rows: SweepRow[] = [];
  const runs: PlanRun[] = [];
  /**
   * The plan options with `cutsFrom`'s cuts moved onto `runInputs` as Benders' initial cuts and its decision as a
   * start (when the cuts move), without core-point cuts unless `plan.benders` sets them: started so, a plan closes in
   * 1–3 iterations, where the core point's evaluations cost more than they lift. Measured on the paper case (the
   * controllable-share points 0, 0.2, 0.8 from the main plan, 2 workers, three runs of each, interleaved): 29–35 s
   * with ε = 0 (5 iterations in all), 35–46 s with the default 0.15 (6); every gap ≤ 0.1 %.
   */
  const startingCuts = (runInputs: PlanningInputs): Pick<PlanOptions, "benders"> => {
    const from = options.cutsFrom;
    const cuts = from?.cuts && (options.plan?.method ?? "benders") === "benders" ? transferCuts(from.cuts, from.inputs, runInputs) : [];
    if (!from || cuts.length === 0) return {};
    return { benders: startedFrom({ coreCutsEpsilon: 0, ...(from.dayStarts ? { dayStarts: from.dayStarts } : {}), ...options.plan?.benders }, cuts, from.x) };
  };
  // Base cases already evaluated (the reused runs', then each new run's), by baseCaseKey: a value that leaves the base
  // case as it is (the controllable share, the storage cost) does not evaluate it again.
  const bases = new Map<string, CheckedDay[]>();
  for (const r of reuse) bases.set(baseCaseKey(r.run.inputs), r.run.base);
  for (const { value, runInputs } of applied) {
    const reused = reuse.find((r) => r.value === value);
    const key = baseCaseKey(runInputs);
    const base = bases.get(key);
    const run = reused?.run ?? (await runPlan(runInputs.case, { ...options.plan, ...startingCuts(runInputs), inputs: runInputs, ...(base ? { base } : {}) }));
    if (!base) bases.set(key, run.base);
    const row = sweepRow(p.name, value, run);
    rows.push(row);
    if (keepRuns) runs.push(run);
    onRow?.(row, run);
  }
  return { parameter: { name: p.name, label: p.label, unit: p.unit }, rows, runs: keepRuns ? runs : undefined, seconds: (performance.now() - t0) / 1000 };
}
