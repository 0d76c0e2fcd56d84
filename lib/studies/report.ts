/**
 * The main job's report, as data: the plan of a case (Benders on its typical days, the base case, KPIs, the study's
 * figures next to ours), a sensitivity sweep, the plan out of sample with VSS and EVPI, per-day verification, and
 * the assumptions (the case file and the case README). `lib/plot/report.ts` renders it as one offline HTML page.
 *
 * By default every plan runs at full fidelity — the main plan and every sweep point on all K typical days, each
 * Benders run to a 0.1 % gap within 30 iterations, and the wait-and-see day plans within 30 — so that the sweep's
 * differences stand above its plans' gaps (each stated in the report); the paper case takes about 7 minutes on two
 * cores (it took 4.6 with the sweep at K = 4 and 10 iterations, whose gaps of 0.6–1.2 % exceeded the effects it
 * reported). Held out: a seeded sample of days; wait-and-see plans on the typical days only.
 */
import * as fs from "fs";
import * as path from "path";
import { runPlan, type CheckedDay, type PlanRun } from "../decomposition/plan";
import { type PlanningCase } from "../model/planning/case";
import { paperCasePath, readPlanningCase } from "../cases/read-case";
import { type PlanningInputs } from "../model/planning/inputs";
import { planningInputs } from "../cases/inputs";
import { ArgumentError } from "../util/errors";
import { REPORT_DEFAULTS } from "../decomposition/defaults";
import { heldOutInputs, meanDayInputs } from "./out-of-sample-days";
import type { PlanEachDayOptions } from "./day-plans";
import { outOfSample, type OutOfSampleResult } from "./out-of-sample";
import { paperComparison, type ComparisonRow } from "../results/paper-comparison";
import { planningKpis, type PlanningKpis } from "../results/kpis";
import { sweep, type SweepParameterName, type SweepResult } from "./sensitivity";
import { sweepClaims, type ClaimRow } from "./sweep-claims";
import type { Workers } from "../decomposition/evaluator";
import type { ReproduceResult } from "./reproduce";

/** Sweep settings of a report. */
export interface ReportSweepOptions {
  /** Default "controllable". */
  parameter?: SweepParameterName;
  /** Default REPORT_DEFAULTS.sweepValues: [0, 0.2, 0.5, 0.8]. */
  values?: number[];
  /** Typical days of each sweep run. Default: the main plan's. */
  k?: number;
  /** Benders iteration limit of each sweep run. Default: the main plan's. */
  maxIterations?: number;
}

/** Out-of-sample settings of a report. */
export interface ReportOutOfSampleOptions {
  /** Held-out days evaluated (seeded sample). Default 24. */
  heldOutDays?: number;
  /** Wait-and-see plans on the typical days (EVPI). Default true. */
  evpiInSample?: boolean;
  /** Held-out days that also get a wait-and-see plan. Default 0. */
  evpiHeldOutDays?: number;
  /** How the one-day plans (mean value, wait-and-see) are solved. Default Benders, at most REPORT_DEFAULTS.dayPlanIterations (30) iterations. */
  dayPlans?: PlanEachDayOptions;
  /** Held-out and mean-day inputs already built (else built from the case's year). */
  heldOut?: PlanningInputs;
  meanDay?: PlanningInputs;
}

/** Options of {@link planningReport}. */
export interface ReportOptions {
  /** Case file. Default: the committed paper case. */
  caseFile?: string;
  /** Typical days of the main plan. Default: the case's. */
  k?: number;
  workers?: Workers;
  /** Benders iteration limit of the main plan. Default 30 (the study's limit). */
  maxIterations?: number;
  /** Benders relative gap to stop at. Default 1e-3. */
  gapTol?: number;
  /** The sweep, or false for none. */
  sweep?: ReportSweepOptions | false;
  /** The out-of-sample study, or false for none. */
  outOfSample?: ReportOutOfSampleOptions | false;
  /** The main plan's inputs already built (else built from the case with `k`). */
  inputs?: PlanningInputs;
  /** A run already made (the report then shows it instead of running the plan). */
  run?: PlanRun;
  /** An assumption search's result (evsp reproduce) to show in "Reproducing the study". */
  reproduction?: ReproduceResult;
  onProgress?: (message: string) => void;
}

/** Verification of one day of the plan (and of the base case). */
export interface VerificationRow {
  day: string;
  date: string;
  probability: number;
  case: "plan" | "base";
  coneGapBranchPu2: number;
  coneGapStoragePu2: number;
  storageBurntKwh: number;
  acVMaxDiffPu: number;
  acLossDiffPct: number;
  unservedKwh: number;
}

/** Everything the report shows. */
export interface PlanningReport {
  title: string;
  generatedAt: string;
  /** The settings used, resolved. */
  settings: {
    /** The case file, or null when the case came with a run or inputs. */
    caseFile: string | null;
    k: number;
    /** Worker threads, "auto", or the queue the subproblems went through (its URL, password hidden). */
    workers: number | "auto" | string;
    maxIterations: number;
    gapTol: number;
    sweep: Required<ReportSweepOptions> | null;
    outOfSample: { heldOutDays: number; evpiInSample: boolean; evpiHeldOutDays: number; dayPlanMethod: string } | null;
  };
  case: PlanningCase;
  /** The case file's text and the case README's (empty when absent). */
  caseText: string;
  caseReadme: string;
  run: PlanRun;
  kpis: PlanningKpis;
  comparison: ComparisonRow[];
  sweep?: SweepResult;
  claims?: ClaimRow[];
  outOfSample?: OutOfSampleResult;
  /** The assumption search the report was given, if any. */
  reproduction?: ReproduceResult;
  verification: VerificationRow[];
  seconds: { plan: number; sweep: number; outOfSample: number; total: number };
}

/** One verification row per day of the plan and of the base case. */
export function verificationRows(run: Pick<PlanRun, "plan" | "base">): VerificationRow[] {
  const row = (d: CheckedDay, which: "plan" | "base"): VerificationRow => ({
    day: d.dispatch.scenarioId,
    date: d.dispatch.date,
    probability: d.dispatch.probability,
    case: which,
    coneGapBranchPu2: d.dispatch.coneGapBranchPu2,
    coneGapStoragePu2: d.dispatch.coneGapStoragePu2,
    storageBurntKwh: d.dispatch.storageBurntKwh,
    acVMaxDiffPu: d.acCheck.vMaxDiffPu,
    acLossDiffPct: d.acCheck.lossDiffPct,
    unservedKwh: d.dispatch.unservedKwh,
  });
  return [...run.plan.map((d) => row(d, "plan")), ...run.base.map((d) => row(d, "base"))];
}

/**
 * Runs the main job — plan, sweep, out-of-sample study — and collects the report.
 * @throws ArgumentError for bad settings; whatever the runs throw (infeasible cases name the binding limit).
 */
export async function planningReport(options: ReportOptions = {}): Promise<PlanningReport> {
  const t0 = performance.now();
  const log = options.onProgress ?? (() => undefined);
  const given = options.run?.inputs ?? options.inputs;
  const caseFile = options.caseFile ? path.resolve(options.caseFile) : given ? null : paperCasePath();
  const c = given?.case ?? readPlanningCase(caseFile!);
  const { k = given?.scenarios.length ?? c.scenarios.k, workers, maxIterations = REPORT_DEFAULTS.maxIterations, gapTol = REPORT_DEFAULTS.gapTol } = options;
  if (!Number.isInteger(k) || k < 1) throw new ArgumentError("planningReport", `k must be a positive integer, got ${k}`);
  const s = options.sweep === false ? null : (options.sweep ?? {});
  const sw: Required<ReportSweepOptions> | null = s && { parameter: s.parameter ?? REPORT_DEFAULTS.sweepParameter, values: s.values ?? [...REPORT_DEFAULTS.sweepValues], k: s.k ?? k, maxIterations: s.maxIterations ?? maxIterations };
  const o = options.outOfSample === false ? null : (options.outOfSample ?? {});
  const oo = o && { ...o, heldOutDays: o.heldOutDays ?? REPORT_DEFAULTS.heldOutDays, evpiInSample: o.evpiInSample ?? true, evpiHeldOutDays: o.evpiHeldOutDays ?? REPORT_DEFAULTS.evpiHeldOutDays };
  const dayPlans: PlanEachDayOptions = oo?.dayPlans ?? { method: "benders", benders: { maxIterations: REPORT_DEFAULTS.dayPlanIterations, gapTol } };
  const benders = { maxIterations, gapTol };

  log(`plan: ${c.name}, K = ${k}, at most ${maxIterations} Benders iterations`);
  const run =
    options.run ??
    (await runPlan(c, {
      workers,
      inputs: options.inputs,
      inputsOptions: { k },
      // Certificates when a sweep follows: its plans start from this plan's cuts (moved onto their days).
      // Its days' states when a sweep or the out-of-sample plans follow: their subproblems start from them.
      benders: { ...benders, certificates: sw !== null, keepDayStarts: sw !== null || oo !== null, onIteration: (r) => log(`  iteration ${r.iteration}: LB ${r.lowerBound.toFixed(0)}, UB ${r.upperBound.toFixed(0)}, gap ${r.gapPct.toFixed(3)} %`) },
    }));
  const kpis = planningKpis(run);
  const tPlan = performance.now();

  let sweepResult: SweepResult | undefined;
  if (sw) {
    log(`sweep of ${sw.parameter} over ${sw.values.join(", ")}: K = ${sw.k}, at most ${sw.maxIterations} iterations each`);
    const same = sw.k === run.inputs.scenarios.length && sw.maxIterations === maxIterations && sw.parameter === "controllable";
    sweepResult = await sweep(c, sw.values, {
      parameter: sw.parameter,
      inputs: sw.k === run.inputs.scenarios.length ? run.inputs : planningInputs(c, { k: sw.k }),
      plan: { workers, benders: { maxIterations: sw.maxIterations, gapTol } },
      reuse: same ? [{ value: c.ev.controllable, run }] : [],
      ...(sw.k === run.inputs.scenarios.length ? { cutsFrom: run } : {}),
      onRow: (r) => log(`  ${sw.parameter} = ${r.value}: ${(r.totalEnergyKwh / 1000).toFixed(2)} MWh, carbon −${r.carbonReductionPct.toFixed(1)} %, PV ${r.pvUtilizationPct.toFixed(1)} %, gap ${r.gapPct.toFixed(2)} %`),
    });
  }
  const tSweep = performance.now();

  let oos: OutOfSampleResult | undefined;
  if (oo) {
    log(`out of sample: ${oo.heldOutDays} held-out days, mean-value plan, wait-and-see plans (${dayPlans.method ?? "extensive"})`);
    const heldOut = oo.heldOut ?? heldOutInputs(c, run.inputs, { count: oo.heldOutDays });
    const meanDay = oo.meanDay ?? meanDayInputs(c).inputs;
    oos = await outOfSample(run, { heldOut, meanDay, workers, dayPlans, evpiInSample: oo.evpiInSample, evpiHeldOutDays: oo.evpiHeldOutDays, onProgress: (m) => log(`  ${m}`) });
  }
  const t1 = performance.now();

  const readme = caseFile ? path.join(path.dirname(caseFile), "README.md") : "";
  return {
    title: `evsp report: ${c.name}`,
    generatedAt: new Date().toISOString(),
    settings: {
      caseFile,
      k: run.inputs.scenarios.length,
      workers: typeof workers === "object" ? workers.name : (workers ?? "auto"),
      maxIterations,
      gapTol,
      sweep: sw,
      outOfSample: oo ? { heldOutDays: oo.heldOut?.scenarios.length ?? oo.heldOutDays, evpiInSample: oo.evpiInSample, evpiHeldOutDays: oo.evpiHeldOutDays, dayPlanMethod: dayPlans.method ?? "extensive" } : null,
    },
    case: c,
    caseText: caseFile && fs.existsSync(caseFile) ? fs.readFileSync(caseFile, "utf8") : JSON.stringify(c, null, 2),
    caseReadme: readme && fs.existsSync(readme) ? fs.readFileSync(readme, "utf8") : "",
    run,
    kpis,
    comparison: paperComparison(run, kpis),
    sweep: sweepResult,
    claims: sweepResult && sweepResult.parameter.name === "controllable" ? sweepClaims(sweepResult, kpis) : undefined,
    outOfSample: oos,
    ...(options.reproduction ? { reproduction: options.reproduction } : {}),
    verification: verificationRows(run),
    seconds: { plan: (tPlan - t0) / 1000, sweep: (tSweep - tPlan) / 1000, outOfSample: (t1 - tSweep) / 1000, total: (t1 - t0) / 1000 },
  };
}
