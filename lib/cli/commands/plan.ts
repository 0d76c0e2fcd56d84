/**
 * `evsp plan`: two-stage storage planning (sites and sizes) by Benders decomposition or the extensive form.
 *   evsp plan [--config file] [--method benders|extensive|sitings] [--workers n | --redis [url]] [--k K] [--start-k K] [--out dir] [--quiet] --json
 * → the plan's PlanSummary (results/plan-summary.ts): { case, method, sites: [ { bus, energyKwh, powerKw } ],
 *     totalEnergyKwh, totalPowerKw, objectiveCny, lowerBoundCny, upperBoundCny, gapPct, iterations, stop,
 *     noStorageReason?, workers, scenarios, annualCostCny, annualBenefitCny, roiPct, carbonReductionPct,
 *     carbonBasis, pvUtilizationPct, pvUtilizationBasePct, balanceBefore, balanceAfter, maxLoadingBase,
 *     maxLoadingPlan, maxLoadingPlanAt, overloadHoursPerYear, coneGapMaxPu2, storageBurntKwh,
 *     acVMaxDiffPu, acLossDiffPct, unservedMwh, sources, timing: { seconds, subproblemSeconds, masterSeconds } }
 * Without --config it runs the committed paper case (data/cases/paper-ieee33.json). Progress lines go to stderr.
 */
import * as fs from "fs";
import * as path from "path";
import { ArgumentError, extensiveLpModel, planningKpis, planSummary, readPlanningCase, runPlan, toLpText, type PlanningKpis, type PlanRun } from "../../index";
import { action, emit } from "../output";
import { REDIS_HELP, workersOf } from "../queue-options";
import { nonNegativeIntOption, positiveIntOption, registerCommand } from "../program";

/** `--start-k` is on by default when --k is at least this many times the case's K. */
const START_FACTOR = 4;

interface PlanCliOptions {
  config?: string;
  method: string;
  workers?: number;
  redis?: string | boolean;
  k?: number;
  startK?: number;
  maxIterations?: number;
  out?: string;
  writeLp?: string;
  quiet?: boolean;
  json?: boolean;
}

/** Columns of trace.csv: the bounds, then where the iteration's time went. */
const TRACE_COLUMNS = ["iteration", "lowerBound", "upperBound", "gapPct", "seconds", "proposalKwh", "evaluations", "lpSolves", "simplexIterations", "cuts", "subproblemSeconds", "masterSeconds"] as const;

/** Writes plan.json (summary + KPIs), trace.csv and days.json (every day's dispatch) into `dir`. */
export function writePlanOutputs(dir: string, run: PlanRun, kpis: PlanningKpis): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files = [path.join(dir, "plan.json"), path.join(dir, "trace.csv"), path.join(dir, "days.json")];
  fs.writeFileSync(files[0], JSON.stringify({ summary: planSummary(run, kpis), kpis: kpis, case: run.case }, null, 2));
  fs.writeFileSync(files[1], [TRACE_COLUMNS.join(","), ...run.trace.map((t) => TRACE_COLUMNS.map((col) => t[col]).join(","))].join("\n") + "\n");
  fs.writeFileSync(files[2], JSON.stringify({ plan: run.plan, base: run.base }));
  return files;
}

/** Writes the plan's extensive form with its final cut pool as CPLEX LP text; returns a description of the file. */
export function writePlanLp(file: string, run: PlanRun): string {
  if (!run.cutRows) throw new ArgumentError("writePlanLp", "the run kept no cut rows (Benders with keepCutRows)", { field: "cutRows" });
  const lp = extensiveLpModel(run.inputs, run.cutRows);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, toLpText(lp.model));
  const cuts = lp.cutsPerDay.reduce((a, n) => a + n, 0);
  return `${file} (extensive form: ${lp.model.numCols} columns, ${lp.model.numRows} rows of which ${cuts} cut rows, ${lp.model.colInt.filter(Boolean).length} binaries)`;
}

registerCommand((program) => {
  program
    .command("plan")
    .description("site and size storage: two-stage stochastic planning by Benders (or the extensive form)")
    .option("--config <file>", "planning case JSON (default: the committed paper case)")
    .option("--method <benders|extensive|sitings>", "solution method (sitings: the exact reference, Benders on every siting)", "benders")
    .option("--workers <n>", "worker threads for the subproblems (0: none)", nonNegativeIntOption)
    .option("--redis [url]", REDIS_HELP)
    .option("--k <K>", "number of typical days (overrides the case)", positiveIntOption)
    .option("--start-k <K>", `Benders: first plan on K typical days and start from its cuts, moved onto the plan's days (default: the case's K when --k is at least ${START_FACTOR} times it, e.g. --k 365; 0: never)`, nonNegativeIntOption)
    .option("--max-iterations <n>", "Benders iteration limit", positiveIntOption)
    .option("--out <dir>", "write plan.json, trace.csv and days.json there")
    .option("--write-lp <file>", "also write the extensive form with binary siting and the final cut pool as a CPLEX LP file (Benders)")
    .option("--quiet", "no progress lines")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: PlanCliOptions) => {
        if (opts.method !== "benders" && opts.method !== "extensive" && opts.method !== "sitings") throw new ArgumentError("evsp plan", `--method must be benders, extensive or sitings, got "${opts.method}"`, { field: "--method" });
        if (opts.writeLp !== undefined && opts.method !== "benders") throw new ArgumentError("evsp plan", "--write-lp writes the cut pool Benders found: use it with --method benders", { field: "--write-lp" });
        const c = readPlanningCase(opts.config);
        const log = (s: string) => {
          if (!opts.quiet) process.stderr.write(`${s}\n`);
        };
        log(`evsp plan: case ${c.name}, method ${opts.method}`);
        const workers = workersOf(opts, "evsp plan", log);
        const startK = opts.startK ?? (opts.k !== undefined && opts.k >= START_FACTOR * c.scenarios.k ? c.scenarios.k : 0);
        let startFrom: PlanRun | undefined;
        if (startK > 0 && opts.method === "benders") {
          log(`  starting plan on ${startK} typical days (its cuts start the plan on ${opts.k ?? c.scenarios.k} days)`);
          startFrom = await runPlan(c, { workers, inputsOptions: { k: startK }, benders: { maxIterations: opts.maxIterations, certificates: true } });
          log(`  starting plan: gap ${startFrom.gapPct.toFixed(3)} % after ${startFrom.iterations} iterations, ${startFrom.seconds.toFixed(1)} s`);
        }
        const run = await runPlan(c, {
          startFrom,
          method: opts.method,
          workers,
          inputsOptions: opts.k !== undefined ? { k: opts.k } : undefined,
          extensive: {
            onNode: (p) =>
              log(
                `  node ${String(p.node).padStart(3)}${p.nodesPlanned ? ` of ${p.nodesPlanned}` : ""}  siting ${p.siting.map((v) => (v === undefined ? "·" : String(v))).join("")}  ${p.outcome.padEnd(10)} ${Number.isFinite(p.objective) ? p.objective.toFixed(0).padStart(10) : "-".padStart(10)}  best ${Number.isFinite(p.incumbent) ? p.incumbent.toFixed(0) : "-"}  ${p.seconds.toFixed(1)} s`,
              ),
          },
          sitings: {
            maxIterations: opts.maxIterations,
            onSiting: (r) =>
              log(`  siting ${r.buses.join(" + ").padEnd(8)} ${r.stop.padEnd(7)} ${String(r.iterations).padStart(3)} iterations  LB ${r.lowerBound.toFixed(0).padStart(10)}  UB ${Number.isFinite(r.upperBound) ? r.upperBound.toFixed(0).padStart(10) : "-".padStart(10)}  ${r.seconds.toFixed(1)} s`),
          },
          benders: {
            maxIterations: opts.maxIterations,
            keepCutRows: opts.writeLp !== undefined,
            onIteration: (r) =>
              log(`  iteration ${String(r.iteration).padStart(2)}  LB ${r.lowerBound.toFixed(0).padStart(10)}  UB ${r.upperBound.toFixed(0).padStart(10)}  gap ${r.gapPct.toFixed(3).padStart(7)} %  ${r.seconds.toFixed(1)} s  (${r.evaluations} evaluations, ${r.lpSolves} LP solves, ${(r.simplexIterations / 1000).toFixed(0)} k simplex iterations; subproblems ${r.subproblemSeconds.toFixed(1)} s, master ${r.masterSeconds.toFixed(2)} s)`),
          },
        });
        const kpis = planningKpis(run);
        if (opts.out) log(`wrote ${writePlanOutputs(opts.out, run, kpis).join(", ")}`);
        if (opts.writeLp !== undefined) log(`wrote ${writePlanLp(opts.writeLp, run)}`);
        emit(opts, planSummary(run, kpis), (r) =>
          [
            `${r.case} (${r.method}, ${r.scenarios} typical days): ${r.sites.map((s) => `bus ${s.bus}: ${(s.energyKwh / 1000).toFixed(2)} MWh / ${(s.powerKw / 1000).toFixed(2)} MW`).join("; ") || `no storage: ${r.noStorageReason ?? "none built"}`}`,
            `annual cost ¥${(r.annualCostCny / 1e6).toFixed(2)} M, benefit ¥${(r.annualBenefitCny / 1e6).toFixed(2)} M (ROI ${r.roiPct.toFixed(0)} %)`,
            `carbon −${r.carbonReductionPct.toFixed(1)} % (${r.carbonBasis}), PV use ${r.pvUtilizationBasePct.toFixed(1)} % → ${r.pvUtilizationPct.toFixed(1)} %, balance ${r.balanceBefore.toFixed(3)} → ${r.balanceAfter.toFixed(3)}`,
            `largest branch loading ${r.maxLoadingBase.toFixed(2)} → ${r.maxLoadingPlan.toFixed(2)} × rating (plan: ${r.maxLoadingPlanAt}; ${r.overloadHoursPerYear.toFixed(0)} branch-hours a year above rating)`,
            `gap ${r.gapPct.toFixed(3)} % after ${r.iterations} iterations (${r.stop}), ${r.timing.seconds.toFixed(0)} s; cone gap ${r.coneGapMaxPu2.toExponential(1)} pu², AC ΔV ${r.acVMaxDiffPu.toExponential(1)} pu`,
          ].join("\n"),
        );
      }),
    );
});
