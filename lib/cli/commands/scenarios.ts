/**
 * `evsp scenarios`: typical PV + load days of a year by K-Medoids, with probabilities.
 *   evsp scenarios [--pv file] [--load file] --k K [--seed s] [--restarts r] [--method pam|fasterpam] [--year Y]
 *                  [--day-basis local|utc] [--k-weekend n] [--out set.json] [--json]
 * → { k, daysUsed, daysDropped, medoidDates, probabilities, loss, silhouette, method, seed, year, source }
 * Defaults: the French OPSD file of the shared data folder (2019, local days); without it, the committed synthetic
 * year (source "synthetic"). `--out` writes the whole ScenarioSet as JSON.
 */
import * as path from "path";
import { ArgumentError, loadPlanningYear, planningScenarios, writeScenarioSet, type KMedoidsMethod } from "../../index";
import { action, emit } from "../output";
import { intOption, registerCommand } from "../program";

interface ScenariosCliOptions {
  pv?: string;
  load?: string;
  k: number;
  seed: number;
  restarts: number;
  method: string;
  year?: number;
  dayBasis: string;
  kWeekend?: number;
  out?: string;
  json?: boolean;
}

/** What `evsp scenarios --json` prints. */
export interface ScenariosCliResult {
  k: number;
  daysUsed: number;
  daysDropped: number;
  medoidDates: string[];
  probabilities: number[];
  loss: number;
  silhouette: number;
  method: KMedoidsMethod;
  seed: number;
  year: number;
  source: "real" | "synthetic";
  /** Path of the scenario set written with --out. */
  out?: string;
}

registerCommand((program) => {
  program
    .command("scenarios")
    .description("typical PV + load days (K-Medoids) with probabilities; default data: French OPSD 2019, else synthetic")
    .option("--pv <file>", "PV file (OPSD country or household format)")
    .option("--load <file>", "load file (OPSD country, household or PJM hourly format); default: the PV file's load")
    .requiredOption("--k <K>", "number of typical days", intOption)
    .option("--seed <s>", "seed of FasterPAM", intOption, 0)
    .option("--restarts <r>", "FasterPAM runs, the best kept", intOption, 10)
    .option("--method <pam|fasterpam>", "algorithm", "fasterpam")
    .option("--year <Y>", "calendar year (default 2019, else the latest year both series cover)", intOption)
    .option("--day-basis <local|utc>", "calendar days in the series' time zone or in UTC", "local")
    .option("--k-weekend <n>", "cluster weekdays and weekends separately, n typical weekend days", intOption)
    .option("--out <set.json>", "write the scenario set as JSON")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: ScenariosCliOptions) => {
        const where = "evsp scenarios";
        if (opts.method !== "pam" && opts.method !== "fasterpam") throw new ArgumentError(where, `--method must be pam or fasterpam, got "${opts.method}"`, { field: "--method" });
        if (opts.dayBasis !== "local" && opts.dayBasis !== "utc") throw new ArgumentError(where, `--day-basis must be local or utc, got "${opts.dayBasis}"`, { field: "--day-basis" });
        let year;
        try {
          year = loadPlanningYear({ pvFile: opts.pv, loadFile: opts.load, year: opts.year, dayBasis: opts.dayBasis });
        } catch (err) {
          // the API names its option "year"; here it is --year
          if (err instanceof ArgumentError && err.field === "year") throw new ArgumentError(err.where, err.message.slice(err.where.length + 2), { field: "--year" });
          throw err;
        }
        const s = planningScenarios(year, { k: opts.k, seed: opts.seed, restarts: opts.restarts, method: opts.method, kWeekend: opts.kWeekend });
        const out: ScenariosCliResult = {
          k: s.typical.k,
          daysUsed: year.daysUsed,
          daysDropped: year.daysDropped,
          medoidDates: s.typical.medoidDates,
          probabilities: s.typical.probabilities,
          loss: s.typical.loss,
          silhouette: s.typical.silhouette,
          method: s.typical.method,
          seed: opts.seed,
          year: year.year,
          source: year.source,
        };
        if (opts.out) out.out = writeScenarioSet(s.set, path.resolve(opts.out));
        emit(opts, out, (o) =>
          [
            `${o.k} typical days of ${o.year} (${o.source} data, ${o.daysUsed} days used, ${o.daysDropped} dropped), ${o.method}:`,
            ...o.medoidDates.map((d, i) => `  ${d}  p = ${o.probabilities[i].toFixed(4)}`),
            `loss ${o.loss.toPrecision(6)}, mean silhouette ${o.silhouette.toFixed(4)}${o.out ? `; scenario set written to ${o.out}` : ""}`,
          ].join("\n"),
        );
      }),
    );
});
