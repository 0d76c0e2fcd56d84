/**
 * `evsp sweep`: the whole plan re-run for each value of one parameter (default: the EV controllable share).
 *   evsp sweep [--config file] [--controllable 0,0.2,0.5,0.8 | --parameter name --values list] [--k K]
 *              [--workers n | --redis [url]] [--max-iterations n] [--quiet] --json
 * → { rows: [ { controllable, …the plan's PlanSummary without its timing (sites, totalEnergyKwh, carbonReductionPct,
 *     pvUtilizationPct, annualCostCny, annualBenefitCny, balanceAfter, gapPct, …) } ], parameter,
 *     timing: { seconds, rowSeconds: [per row] } }
 * With another parameter the first key of each row is its name (storageCostScale, pvScale, carbonPrice,
 * balanceWeight). Progress lines go to stderr.
 */
import { ArgumentError, EvspError, planningInputs, readPlanningCase, REPORT_DEFAULTS, sweep, SWEEP_PARAMETERS, sweepParameter, type SweepParameterName, type SweepRow } from "../../index";
import { action, emit } from "../output";
import { planRunOptions, type PlanRunCliOptions, workersOf } from "../queue-options";
import { numberList, positiveIntOption, registerCommand } from "../program";

interface SweepCliOptions extends PlanRunCliOptions {
  config?: string;
  controllable?: number[];
  parameter: string;
  values?: number[];
  k?: number;
}

/** One row of `evsp sweep --json`: the value under the parameter's own name, then the plan's summary without its times. */
export type SweepCliRow = Record<string, unknown> & Omit<SweepRow, "parameter" | "value" | "timing">;

/** The CLI row of a sweep row (its seconds go to the output's `timing`, see {@link sweepTiming}). */
export function sweepCliRow(name: string, r: SweepRow): SweepCliRow {
  const { parameter: _parameter, value, timing: _timing, ...summary } = r;
  return { [name]: value, ...summary };
}

/** The `timing` of a sweep's JSON: the total and each row's seconds, in the order of `rows`. */
export function sweepTiming(seconds: number, rows: readonly SweepRow[]): { seconds: number; rowSeconds: number[] } {
  return { seconds, rowSeconds: rows.map((r) => r.timing.seconds) };
}

registerCommand((program) => {
  const command = program
    .command("sweep")
    .description("re-run the plan for each value of a parameter (default: the EV controllable share)")
    .option("--config <file>", "planning case JSON (default: the committed paper case)")
    .option("--controllable <list>", `controllable EV shares (default ${REPORT_DEFAULTS.sweepValues.join(",")})`, numberList)
    .option("--parameter <name>", `parameter to sweep: ${SWEEP_PARAMETERS.join(", ")}`, "controllable")
    .option("--values <list>", "values of --parameter", numberList)
    .option("--k <K>", "number of typical days (overrides the case)", positiveIntOption);
  planRunOptions(command)
    .option("--quiet", "no progress lines")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: SweepCliOptions) => {
        const where = "evsp sweep";
        if (!(SWEEP_PARAMETERS as readonly string[]).includes(opts.parameter)) throw new ArgumentError(where, `--parameter must be one of ${SWEEP_PARAMETERS.join(", ")}, got "${opts.parameter}"`);
        if (opts.controllable && opts.parameter !== "controllable") throw new ArgumentError(where, "--controllable sweeps the controllable share; use --values with --parameter");
        const values = opts.parameter === "controllable" ? (opts.controllable ?? opts.values ?? [...REPORT_DEFAULTS.sweepValues]) : opts.values;
        if (!values) throw new ArgumentError(where, `--values is required with --parameter ${opts.parameter}`);
        const c = readPlanningCase(opts.config);
        const log = (s: string) => {
          if (!opts.quiet) process.stderr.write(`${s}\n`);
        };
        log(`evsp sweep: case ${c.name}, ${opts.parameter} ∈ {${values.join(", ")}}`);
        const inputs = planningInputs(c, opts.k !== undefined ? { k: opts.k } : undefined);
        // every value is checked before the first run, so that a bad last value does not end a long sweep
        const parameter = sweepParameter(opts.parameter);
        const flag = opts.controllable ? "--controllable" : "--values";
        for (const v of values) {
          try {
            parameter.apply(inputs, v);
          } catch (err) {
            if (!(err instanceof EvspError)) throw err;
            throw new ArgumentError(where, `${flag}: ${opts.parameter} = ${v} is not a valid value: ${err.message}`, { field: flag });
          }
        }
        const result = await sweep(c, values, {
          parameter: opts.parameter as SweepParameterName,
          inputs,
          plan: { workers: workersOf(opts, where, log), benders: { maxIterations: opts.maxIterations } },
          onRow: (r) => log(`  ${opts.parameter} = ${r.value}: ${(r.totalEnergyKwh / 1000).toFixed(2)} MWh, carbon −${r.carbonReductionPct.toFixed(1)} %, PV ${r.pvUtilizationPct.toFixed(1)} %, gap ${r.gapPct.toFixed(2)} % (${r.timing.seconds.toFixed(0)} s)`),
        });
        const out = { parameter: result.parameter, rows: result.rows.map((r) => sweepCliRow(result.parameter.name, r)), timing: sweepTiming(result.seconds, result.rows) };
        emit(opts, out, (o) =>
          [
            `${c.name}: sweep of the ${o.parameter.label} (${o.rows.length} runs, ${o.timing.seconds.toFixed(0)} s)`,
            ...o.rows.map(
              (r) =>
                `  ${String(r[o.parameter.name]).padStart(6)}: ${r.sites.map((s) => `bus ${s.bus} ${(s.energyKwh / 1000).toFixed(2)} MWh`).join(", ") || "no storage"}; carbon −${r.carbonReductionPct.toFixed(1)} %, PV ${r.pvUtilizationPct.toFixed(1)} %, cost ¥${(r.annualCostCny / 1e6).toFixed(2)} M, benefit ¥${(r.annualBenefitCny / 1e6).toFixed(2)} M, balance ${r.balanceAfter.toFixed(3)}`,
            ),
          ].join("\n"),
        );
      }),
    );
});
