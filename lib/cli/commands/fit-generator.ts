/**
 * `evsp fit-generator`: re-fit the synthetic session generator to the real data sets, compare with the committed
 * parameters (data/ev/<dataset>.json) and, with --write, rewrite them. The reproducible path of data/ev.
 */
import * as path from "path";
import { ArgumentError, compareGeneratorParams, DataValidationError, EV_DATASETS, fitDatasetGenerator, generatorParamsFile, loadGeneratorParams, projectDataDir, roundNumbers, writeGeneratorParams, type EvDatasetName } from "../../index";
import { action, emit } from "../output";
import { registerCommand } from "../program";

interface FitCliOptions {
  dataset: string;
  dataDir?: string;
  outDir: string;
  write?: boolean;
  check?: boolean;
  json?: boolean;
}

registerCommand((program) => {
  program
    .command("fit-generator")
    .description("fit the synthetic EV session generator to the real data sets; compare with (or --write) data/ev/*.json")
    .option("--dataset <name>", `one of ${EV_DATASETS.join(", ")}, or all`, "all")
    .option("--data-dir <dir>", "folder of the real data (default EVSP_DATA_DIR or ../shared/data)")
    .option("--out-dir <dir>", "folder of the parameter files", path.join(projectDataDir(), "ev"))
    .option("--write", "write the fitted parameters")
    .option("--check", "fail (exit 3, a data error) when the committed parameters differ from the re-fit")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: FitCliOptions) => {
        const names = opts.dataset === "all" ? [...EV_DATASETS] : [opts.dataset];
        for (const n of names) if (!EV_DATASETS.includes(n as EvDatasetName)) throw new ArgumentError("evsp fit-generator", `unknown dataset "${n}" (one of ${EV_DATASETS.join(", ")}, or all)`, { field: "--dataset" });
        const results = names.map((name) => {
          const params = roundNumbers(fitDatasetGenerator(name as EvDatasetName, { dataDir: opts.dataDir }));
          let committed: ReturnType<typeof compareGeneratorParams> | undefined;
          try {
            committed = compareGeneratorParams(params, loadGeneratorParams(name, opts.outDir));
          } catch (err) {
            if (!(err instanceof DataValidationError)) throw err;
          }
          const written = opts.write ? writeGeneratorParams(params, generatorParamsFile(name, opts.outDir)) : undefined;
          return {
            dataset: name,
            sessionsUsed: params.fittedFrom.sessionsUsed,
            stations: params.stations,
            chargerKw: params.chargerKw,
            sameAsCommitted: committed ? committed.mismatches.length === 0 : false,
            maxRelDiffVsCommitted: committed ? committed.maxRelDiff : null,
            mismatches: committed ? committed.mismatches.slice(0, 10) : ["no committed parameters"],
            written: written ?? null,
          };
        });
        const stale = results.filter((r) => !r.sameAsCommitted);
        if (opts.check && stale.length > 0) {
          // A data-class failure (exit 3), so that a stale parameter file is told apart from a crash (exit 1).
          throw new DataValidationError(
            "evsp fit-generator --check",
            `the committed parameters differ from the re-fit: ${stale.map((r) => `${r.dataset} (${r.mismatches.slice(0, 3).join("; ")}${r.mismatches.length > 3 ? "; …" : ""})`).join(", ")}; run with --write to update them`,
            { field: "--check", file: opts.outDir },
          );
        }
        emit(opts, { datasets: results }, (r) =>
          r.datasets
            .map((d) => `${d.dataset}: ${d.sessionsUsed} sessions, ${d.stations} stations, ${d.chargerKw} kW; same as committed: ${d.sameAsCommitted}${d.written ? `; wrote ${d.written}` : ""}`)
            .join("\n"),
        );
      }),
    );
});
