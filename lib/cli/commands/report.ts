/**
 * `evsp report`: the main job — plan the case, sweep the EV controllable share, judge the plan out of sample — and
 * write a static HTML report (plotly embedded, opens offline) plus report.json.
 *   evsp report [--config file] --out dir [--k K] [--workers n | --redis [url]] [--max-iterations n]
 *               [--sweep-values list] [--sweep-k K] [--sweep-iterations n] [--no-sweep]
 *               [--held-out-days n] [--evpi-held-out-days n] [--day-plan-iterations n] [--no-evpi]
 *               [--no-out-of-sample] [--reproduction reproduce.json] [--quick] [--quiet] --json
 * → { html, json, plan: (as evsp plan --json, its timing moved), sweep: { rows }, outOfSample: { … },
 *     timing: { seconds, planSeconds, sweepSeconds, outOfSampleSeconds, plan?: (the plan's), sweep?: { seconds, rowSeconds } } }
 * Defaults (the paper case in about a quarter of an hour on two cores): main plan on the case's K typical days with
 * at most 30 Benders iterations (the study's limit); sweep 0, 0.2, 0.5, 0.8 on 4 typical days, at most 10 iterations each; 24 held-out days;
 * one-day plans (mean value, wait-and-see) by Benders, at most 12 iterations. --quick: K = 2 everywhere, 5 and 4
 * iterations, 6 held-out days (a smoke test of the whole pipeline in a few minutes).
 */
import * as fs from "fs";
import { ArgumentError, DataValidationError, planningKpis, planningReport, planSummary, QUICK_REPORT, REPORT_DEFAULTS, writeReport, type PlanningReport, type ReportOptions, type ReproduceResult } from "../../index";
import { action, emit } from "../output";
import { REDIS_HELP, workersOf } from "../queue-options";
import { nonNegativeIntOption, numberList, positiveIntOption, registerCommand } from "../program";
import { sweepCliRow, sweepTiming } from "./sweep";

/** Thousands of yuan with one decimal ("0.0", never "-0.0", for round-off around zero). */
const kCny = (v: number): string => (v / 1000).toFixed(1).replace(/^-(0\.0)$/, "$1");

interface ReportCliOptions {
  config?: string;
  out?: string;
  k?: number;
  workers?: number;
  redis?: string | boolean;
  maxIterations?: number;
  sweepValues?: number[];
  sweepK?: number;
  sweepIterations?: number;
  sweep: boolean;
  heldOutDays?: number;
  evpiHeldOutDays?: number;
  dayPlanIterations?: number;
  evpi: boolean;
  outOfSample: boolean;
  quick?: boolean;
  reproduction?: string;
  quiet?: boolean;
  json?: boolean;
}

registerCommand((program) => {
  program
    .command("report")
    .description("plan the case, sweep the EV controllable share, judge the plan out of sample, and write an offline HTML report")
    .option("--config <file>", "planning case JSON (default: the committed paper case)")
    .option("--out <dir>", "folder of index.html and report.json", "out/report")
    .option("--k <K>", "typical days of the main plan (default: the case's)", positiveIntOption)
    .option("--workers <n>", "worker threads for the subproblems (0: none)", nonNegativeIntOption)
    .option("--redis [url]", REDIS_HELP)
    .option("--max-iterations <n>", `Benders iteration limit of the main plan (default ${REPORT_DEFAULTS.maxIterations})`, positiveIntOption)
    .option("--sweep-values <list>", `controllable shares swept (default ${REPORT_DEFAULTS.sweepValues.join(",")})`, numberList)
    .option("--sweep-k <K>", "typical days of each sweep run (default: the main plan's)", positiveIntOption)
    .option("--sweep-iterations <n>", "Benders iteration limit of each sweep run (default: the main plan's)", positiveIntOption)
    .option("--no-sweep", "no sensitivity sweep")
    .option("--held-out-days <n>", `held-out days the plan is evaluated on (default ${REPORT_DEFAULTS.heldOutDays})`, positiveIntOption)
    .option("--evpi-held-out-days <n>", `held-out days that also get a wait-and-see plan (default ${REPORT_DEFAULTS.evpiHeldOutDays})`, nonNegativeIntOption)
    .option("--day-plan-iterations <n>", `Benders iteration limit of each one-day plan (default ${REPORT_DEFAULTS.dayPlanIterations})`, positiveIntOption)
    .option("--no-evpi", "no wait-and-see plans (no EVPI)")
    .option("--no-out-of-sample", "no out-of-sample study (no VSS, no EVPI)")
    .option("--reproduction <file>", "show this assumption search (reproduce.json of evsp reproduce --out) in \"Reproducing the study\"")
    .option("--quick", `small settings for a smoke test (K = ${QUICK_REPORT.k}, few iterations, ${QUICK_REPORT.heldOutDays} held-out days)`)
    .option("--quiet", "no progress lines")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: ReportCliOptions) => {
        checkReportOptions(opts);
        const t0 = performance.now();
        const log = (s: string) => {
          if (!opts.quiet) process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);
        };
        const reproduction = opts.reproduction ? readReproduction(opts.reproduction) : undefined;
        const r = await planningReport({ ...reportSettings(opts), reproduction, workers: workersOf(opts, "evsp report", log), onProgress: log });
        const files = writeReport(opts.out!, r);
        log(`wrote ${files.html} and ${files.json} (${r.seconds.total.toFixed(0)} s)`);
        emit(opts, reportResult(r, files), reportText);
      }),
    );
});

/** An assumption search written by evsp reproduce. @throws DataValidationError naming the file when it is not one. */
function readReproduction(file: string): ReproduceResult {
  const where = "evsp report --reproduction";
  let x: unknown;
  try {
    x = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new DataValidationError(where, `cannot read ${file} as JSON: ${(err as Error).message}`, { field: "--reproduction" });
  }
  const o = x as Partial<ReproduceResult>;
  for (const k of ["figures", "reach", "tornado", "assumptions", "evaluations", "closestSweep", "paperSweep"] as const) {
    if (!Array.isArray(o?.[k])) throw new DataValidationError(where, `${file} is not an evsp reproduce result: "${k}" is missing or not a list`, { field: "--reproduction" });
  }
  return o as ReproduceResult;
}

/** @throws ArgumentError when --out is missing or a file, or a swept share is outside [0, 1]. */
function checkReportOptions(opts: ReportCliOptions): void {
  if (!opts.out) throw new ArgumentError("evsp report", "--out must name a folder", { field: "--out" });
  if (fs.existsSync(opts.out) && !fs.statSync(opts.out).isDirectory()) throw new ArgumentError("evsp report", `--out ${opts.out} is a file, not a folder`, { field: "--out" });
  const bad = opts.sweep ? opts.sweepValues?.find((v) => !(v >= 0 && v <= 1)) : undefined;
  if (bad !== undefined) throw new ArgumentError("evsp report", `--sweep-values are controllable shares in [0, 1], got ${bad}`, { field: "--sweep-values" });
}

/** The report's settings from the options: each unset value from --quick's settings or the report's defaults. */
function reportSettings(opts: ReportCliOptions): Omit<ReportOptions, "onProgress"> {
  const q = opts.quick === true;
  const dayIterations = opts.dayPlanIterations ?? (q ? QUICK_REPORT.dayPlanIterations : REPORT_DEFAULTS.dayPlanIterations);
  return {
    caseFile: opts.config,
    k: opts.k ?? (q ? QUICK_REPORT.k : undefined),
    workers: opts.workers,
    maxIterations: opts.maxIterations ?? (q ? QUICK_REPORT.maxIterations : REPORT_DEFAULTS.maxIterations),
    sweep: opts.sweep ? { values: opts.sweepValues, k: opts.sweepK ?? (q ? QUICK_REPORT.sweepK : undefined), maxIterations: opts.sweepIterations ?? (q ? QUICK_REPORT.sweepIterations : undefined) } : false,
    outOfSample: opts.outOfSample
      ? { heldOutDays: opts.heldOutDays ?? (q ? QUICK_REPORT.heldOutDays : REPORT_DEFAULTS.heldOutDays), evpiInSample: opts.evpi, evpiHeldOutDays: opts.evpiHeldOutDays ?? REPORT_DEFAULTS.evpiHeldOutDays, dayPlans: { method: "benders", benders: { maxIterations: dayIterations } } }
      : false,
  };
}

/** The out-of-sample part of `--json`: in-sample VSS and EVPI, and the held-out days' costs and VSS. */
function outOfSampleSummary(o: NonNullable<PlanningReport["outOfSample"]>) {
  return {
    heldOutDays: o.heldOut.plans[0].days.length,
    rpCny: o.inSample.rpCny,
    eevCny: o.inSample.eevCny,
    vssCny: o.inSample.vssCny,
    wsCny: o.inSample.wsCny ?? null,
    evpiCny: o.inSample.evpiCny ?? null,
    heldOut: {
      stochasticAnnualCny: o.heldOut.plans[0].annualCny,
      meanValueAnnualCny: o.heldOut.plans[1].annualCny,
      dailyCostStats: o.heldOut.plans[0].stats,
      vssCny: o.heldOut.vss.meanCny,
      vssStandardErrorCny: o.heldOut.vss.standardErrorCny,
      evpiCny: o.heldOut.evpi?.meanCny ?? null,
    },
  };
}

/** What `evsp report --json` prints: the files, the plan (as evsp plan --json, its times under timing), sweep, claims, out of sample. */
function reportResult(r: PlanningReport, files: { html: string; json: string }) {
  // the plan's times go under the report's timing (the plan's wall time is timing.planSeconds)
  const { timing: planTiming, ...plan } = planSummary(r.run, planningKpis(r.run));
  const { total, ...parts } = r.seconds;
  return {
    html: files.html,
    json: files.json,
    plan,
    sweep: r.sweep ? { parameter: r.sweep.parameter, rows: r.sweep.rows.map((row) => sweepCliRow(r.sweep!.parameter.name, row)) } : null,
    claims: r.claims ?? null,
    outOfSample: r.outOfSample ? outOfSampleSummary(r.outOfSample) : null,
    timing: {
      seconds: total,
      ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [`${k}Seconds`, v])),
      plan: planTiming,
      ...(r.sweep ? { sweep: sweepTiming(r.seconds.sweep, r.sweep.rows) } : {}),
    },
  };
}

/** The text lines of `evsp report` without --json. */
function reportText(x: ReturnType<typeof reportResult>): string {
  return [
    `report: ${x.html}`,
    `plan: ${x.plan.sites.map((s) => `bus ${s.bus} ${(s.energyKwh / 1000).toFixed(2)} MWh`).join(", ") || `no storage (${x.plan.noStorageReason ?? "none built"})`}; cost ¥${(x.plan.annualCostCny / 1e6).toFixed(2)} M, benefit ¥${(x.plan.annualBenefitCny / 1e6).toFixed(2)} M; gap ${x.plan.gapPct.toFixed(2)} %`,
    x.sweep ? `sweep: ${x.sweep.rows.map((row) => `${row[x.sweep!.parameter.name]} → ${(row.totalEnergyKwh / 1000).toFixed(2)} MWh, carbon −${row.carbonReductionPct.toFixed(1)} %`).join("; ")}` : "sweep: not run",
    x.outOfSample ? `VSS ¥${kCny(x.outOfSample.vssCny)} k/yr (held out ¥${kCny(x.outOfSample.heldOut.vssCny)} k ± ${kCny(x.outOfSample.heldOut.vssStandardErrorCny)} k), EVPI ${x.outOfSample.evpiCny === null ? "not computed" : `¥${kCny(x.outOfSample.evpiCny)} k/yr`}` : "out of sample: not run",
    `seconds: ${x.timing.seconds.toFixed(0)}`,
  ].join("\n");
}
