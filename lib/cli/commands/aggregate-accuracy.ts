/**
 * `evsp aggregate-accuracy`: the aggregation accuracy experiment (lib/solve `aggregationAccuracy`) on cleaned EV
 * sessions — a session file, a named data set, or by default the Norwegian residential file when present (else the
 * seeded generator fitted to it; the JSON says which in `source`).
 * → { rows: [ { n, model, mseKw2, nrmse, costGapPct, draws, failures, … } ], failures: [ { n, model, draw, reason } ],
 *     …, timing: { seconds, dispatchSeconds: [per row], individualSeconds: [per row] } }
 * Draws whose solve failed are counted per row and listed with their reason; when every draw fails the command
 * fails with a SolverError that carries the reasons.
 */
import { cleanSessions } from "../../clean/clean";
import { loadCleanSessions, type SessionDataset } from "../../clean/load";
import { fleetPool } from "../../ev/sample-fleet";
import { readSessionFile } from "../../io/read";
import type { SessionFormat } from "../../io/raw-session";
import type { EvStationModel } from "../../model/evStation";
import { type AccuracySignal, aggregationAccuracy } from "../../solve/evAccuracy";
import type { DisaggregationMethod } from "../../solve/evDisaggregate";
import { ArgumentError, SolverError } from "../../util/errors";
import { action, emit } from "../output";
import { intOption, numberList, numberOption, registerCommand } from "../program";

interface AccuracyCliOptions {
  sessions?: string;
  format: SessionFormat | "auto";
  dataset: SessionDataset;
  sizes: number[];
  draws: number;
  seed: number;
  dt: number;
  startHour?: number;
  controllable: number;
  model: string;
  signal: AccuracySignal;
  disaggregation: DisaggregationMethod;
  json?: boolean;
}

const WHERE = "evsp aggregate-accuracy";
const MODELS: EvStationModel[] = ["envelope", "exact", "inner"];
const DATASETS = ["residential", "acn", "workplace", "synthetic"];

registerCommand((program) => {
  program
    .command("aggregate-accuracy")
    .description("error of the station aggregate (envelope | exact | inner) against scheduling every EV individually, vs fleet size")
    .option("--sessions <file>", "session file to draw fleets from (default: the --dataset)")
    .option("--format <format>", "format of --sessions: auto, residential, acn, workplace", "auto")
    .option("--dataset <name>", `named data set when no --sessions: ${DATASETS.join(", ")} (real file when present, else its generator)`, "residential")
    .option("--sizes <list>", "fleet sizes N", numberList, [5, 10, 20, 50, 100, 200])
    .option("--draws <r>", "random station-days per size", intOption, 20)
    .option("--seed <s>", "seed of the draws", intOption, 1)
    .option("--dt <minutes>", "slot length in minutes (divides 1440)", numberOption, 60)
    .option("--start-hour <h>", "horizon start, local hour (default 12 for residential overnight charging, else 0)", numberOption)
    .option("--controllable <share>", "controllable share α of the EVs", numberOption, 1)
    .option("--model <list>", `aggregate model(s), comma-separated: ${MODELS.join(", ")}`, "envelope")
    .option("--signal <signal>", "dispatch signal: tou (time-of-use price) or valley (valley filling)", "tou")
    .option("--disaggregation <method>", "qp (best tracking) or llf (least-laxity-first heuristic)", "qp")
    .option("--json", "print one JSON object")
    .action(
      action(async (opts: AccuracyCliOptions) => {
        const models = opts.model.split(",").map((s) => s.trim()) as EvStationModel[];
        for (const m of models) if (!MODELS.includes(m)) throw new ArgumentError(WHERE, `--model must be among ${MODELS.join(", ")}, got "${m}"`);
        if (opts.signal !== "tou" && opts.signal !== "valley") throw new ArgumentError(WHERE, `--signal must be tou or valley, got "${opts.signal}"`);
        if (opts.disaggregation !== "qp" && opts.disaggregation !== "llf") throw new ArgumentError(WHERE, `--disaggregation must be qp or llf, got "${opts.disaggregation}"`);
        if (!(opts.dt > 0) || 1440 % opts.dt !== 0) throw new ArgumentError(WHERE, `--dt must divide 1440 minutes, got ${opts.dt}`);
        let sessions;
        let source: string;
        let dataset: string;
        if (opts.sessions) {
          const read = readSessionFile(opts.sessions, { format: opts.format });
          const cleaned = cleanSessions(read);
          sessions = cleaned.sessions;
          dataset = cleaned.report.format;
          source = `file ${opts.sessions} (${cleaned.report.format}: ${cleaned.report.rowsIn} rows read, ${cleaned.report.rowsKept} kept)`;
        } else {
          if (!DATASETS.includes(opts.dataset)) throw new ArgumentError(WHERE, `--dataset must be one of ${DATASETS.join(", ")}, got "${opts.dataset}"`);
          const loaded = loadCleanSessions(opts.dataset, { seed: opts.seed });
          sessions = loaded.sessions;
          dataset = loaded.dataset;
          source = loaded.source;
        }
        const t0 = performance.now();
        const dtH = opts.dt / 60;
        const startH = opts.startHour ?? (dataset === "residential" ? 12 : 0);
        const res = await aggregationAccuracy(fleetPool(sessions), {
          sizes: opts.sizes,
          draws: opts.draws,
          seed: opts.seed,
          grid: { slots: Math.round(24 / dtH), dtH, startH },
          controllable: opts.controllable,
          models,
          signal: opts.signal,
          disaggregation: opts.disaggregation,
        });
        const failed = res.runs.filter((x) => x.error !== undefined);
        if (failed.length === res.runs.length && failed.length > 0) {
          // nothing to report: say why instead of printing rows of nulls with exit 0
          const reasons = [...new Set(failed.map((x) => x.error as string))];
          throw new SolverError(WHERE, "aggregate-accuracy", "no draw solved", `every draw failed (${failed.length} of ${failed.length}, α = ${opts.controllable}) — ${reasons.join("; ")}`);
        }
        const out = {
          rows: res.rows.map((r) => ({
            n: r.n,
            model: r.model,
            mseKw2: r.mseKw2,
            nrmse: r.nrmse,
            costGapPct: r.costGapPct,
            draws: r.draws,
            failures: r.failures,
            mseKw2P10: r.mseKw2P10,
            mseKw2P90: r.mseKw2P90,
            realisedCostGapPct: r.realisedCostGapPct,
            rounds: r.rounds,
            cuts: r.cuts,
          })),
          failures: failed.map((x) => ({ n: x.n, model: x.model, draw: x.draw, reason: x.error as string })),
          normaliser: res.normaliser,
          costGap: "100 × (aggregate plan's cost − individual scheduling's optimum) / |individual optimum|; realised: the disaggregated schedules' cost",
          signal: res.signal,
          grid: res.grid,
          controllable: res.controllable,
          disaggregation: res.disaggregation,
          dataset,
          source,
          seed: res.seed,
          timing: {
            seconds: (performance.now() - t0) / 1000,
            /** Per row of `rows`, in order: mean seconds of the aggregate dispatch and of individual scheduling. */
            dispatchSeconds: res.rows.map((r) => r.seconds),
            individualSeconds: res.rows.map((r) => r.individualSeconds),
          },
        };
        emit(opts, out, (o) =>
          [
            `${o.source}`,
            `signal: ${o.signal}; grid ${o.grid.slots} × ${o.grid.dtH} h from ${o.grid.startH} h; α = ${o.controllable}; NRMSE normaliser: ${o.normaliser}`,
            `${"n".padStart(5)} ${"model".padEnd(9)} ${"MSE kW²".padStart(11)} ${"NRMSE".padStart(10)} ${"cost gap %".padStart(11)} ${"rounds".padStart(7)} draws`,
            ...o.rows.map(
              (r) =>
                `${String(r.n).padStart(5)} ${r.model.padEnd(9)} ${r.mseKw2.toExponential(3).padStart(11)} ${r.nrmse.toExponential(3).padStart(10)} ${r.costGapPct.toFixed(3).padStart(11)} ${r.rounds.toFixed(1).padStart(7)} ${r.draws}${r.failures ? ` (${r.failures} failed)` : ""}`,
            ),
            ...o.failures.map((f) => `failed: n = ${f.n}, ${f.model}, draw ${f.draw}: ${f.reason}`),
          ].join("\n"),
        );
      }),
    );
});
