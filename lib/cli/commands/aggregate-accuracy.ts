/**
 * `evsp aggregate-accuracy`: the aggregation accuracy experiment (lib/solve `aggregationAccuracy`) on cleaned EV
 * sessions — a session file, a named data set, or by default the Norwegian residential file when present (else the
 * seeded generator fitted to it; the JSON says which in `source`).
 * → { rows: [ { n, model, mseKw2, nrmse, costGapPct, draws, failures, … } ], failures: [ { n, model, draw, reason } ],
 *     …, timing: { seconds, dispatchSeconds: [per row], individualSeconds: [per row] } }
 * Draws whose solve failed are counted per row and listed with their reason; when every draw fails the command
 * fails with a SolverError that carries the reasons.
 */
import { AGGREGATE_MODELS, aggregationReport, ArgumentError, cleanSessions, loadCleanSessions, readSessionFile, SolverError, type AccuracySignal, type AggregationReport, type ChargingSession, type DisaggregationMethod, type EvStationModel, type SessionDataset, type SessionFormat } from "../../index";
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
const MODELS = AGGREGATE_MODELS;
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
        const models = checkAccuracyOptions(opts);
        const { sessions, dataset, source } = accuracySessions(opts);
        const t0 = performance.now();
        const report = await aggregationReport(sessions, dataset, {
          sizes: opts.sizes,
          draws: opts.draws,
          seed: opts.seed,
          dtMinutes: opts.dt,
          startHour: opts.startHour,
          controllable: opts.controllable,
          models,
          signal: opts.signal,
          disaggregation: opts.disaggregation,
        });
        const runs = report.rows.reduce((a, r) => a + r.draws + r.failures, 0);
        if (report.failures.length === runs && runs > 0) {
          // nothing to report: say why instead of printing rows of nulls with exit 0
          const reasons = [...new Set(report.failures.map((x) => x.reason))];
          throw new SolverError(WHERE, "aggregate-accuracy", "no draw solved", `every draw failed (${runs} of ${runs}, α = ${opts.controllable}) — ${reasons.join("; ")}`);
        }
        const { dispatchSeconds, individualSeconds, detail: _detail, ...rest } = report;
        const out = {
          ...rest,
          source,
          timing: {
            seconds: (performance.now() - t0) / 1000,
            /** Per row of `rows`, in order: mean seconds of the aggregate dispatch and of individual scheduling. */
            dispatchSeconds,
            individualSeconds,
          },
        };
        emit(opts, out, accuracyText);
      }),
    );
});

/**
 * The aggregate models asked for.
 * @throws ArgumentError when a model, the signal, the disaggregation or the slot length is not one the command knows.
 */
function checkAccuracyOptions(opts: AccuracyCliOptions): EvStationModel[] {
  const models = opts.model.split(",").map((s) => s.trim()) as EvStationModel[];
  for (const m of models) if (!MODELS.includes(m)) throw new ArgumentError(WHERE, `--model must be among ${MODELS.join(", ")}, got "${m}"`);
  if (opts.signal !== "tou" && opts.signal !== "valley") throw new ArgumentError(WHERE, `--signal must be tou or valley, got "${opts.signal}"`);
  if (opts.disaggregation !== "qp" && opts.disaggregation !== "llf") throw new ArgumentError(WHERE, `--disaggregation must be qp or llf, got "${opts.disaggregation}"`);
  if (!(opts.dt > 0) || 1440 % opts.dt !== 0) throw new ArgumentError(WHERE, `--dt must divide 1440 minutes, got ${opts.dt}`);
  return models;
}

/** The sessions fleets are drawn from: the --sessions file, cleaned, or the named --dataset (real or generated). */
function accuracySessions(opts: AccuracyCliOptions): { sessions: ChargingSession[]; dataset: string; source: string } {
  if (opts.sessions) {
    const read = readSessionFile(opts.sessions, { format: opts.format });
    const cleaned = cleanSessions(read);
    return {
      sessions: cleaned.sessions,
      dataset: cleaned.report.format,
      source: `file ${opts.sessions} (${cleaned.report.format}: ${cleaned.report.rowsIn} rows read, ${cleaned.report.rowsKept} kept)`,
    };
  }
  if (!DATASETS.includes(opts.dataset)) throw new ArgumentError(WHERE, `--dataset must be one of ${DATASETS.join(", ")}, got "${opts.dataset}"`);
  const loaded = loadCleanSessions(opts.dataset, { seed: opts.seed });
  return { sessions: loaded.sessions, dataset: loaded.dataset, source: loaded.source };
}

/** The text table of `evsp aggregate-accuracy` without --json. */
function accuracyText(o: Omit<AggregationReport, "dispatchSeconds" | "individualSeconds" | "detail"> & { source: string }): string {
  return [
    `${o.source}`,
    `signal: ${o.signal}; grid ${o.grid.slots} × ${o.grid.dtH} h from ${o.grid.startH} h; α = ${o.controllable}; NRMSE normaliser: ${o.normaliser}`,
    `${"n".padStart(5)} ${"model".padEnd(9)} ${"MSE kW²".padStart(11)} ${"NRMSE".padStart(10)} ${"cost gap %".padStart(11)} ${"rounds".padStart(7)} draws`,
    ...o.rows.map(
      (r) =>
        `${String(r.n).padStart(5)} ${r.model.padEnd(9)} ${r.mseKw2.toExponential(3).padStart(11)} ${r.nrmse.toExponential(3).padStart(10)} ${r.costGapPct.toFixed(3).padStart(11)} ${r.rounds.toFixed(1).padStart(7)} ${r.draws}${r.failures ? ` (${r.failures} failed)` : ""}`,
    ),
    ...o.failures.map((f) => `failed: n = ${f.n}, ${f.model}, draw ${f.draw}: ${f.reason}`),
  ].join("\n");
}
