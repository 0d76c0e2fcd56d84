/**
 * The aggregation accuracy experiment as one report (the rows `evsp aggregate-accuracy --json` prints): its grid
 * from a slot length and the data set's usual start hour, the experiment run on a session pool, and the rows and
 * failures in the command's shape. The command and the calibration page both call it, so that the same parameters
 * give the same numbers in Node and in a browser.
 */
import type { ChargingSession } from "../io/session";
import { fleetPool } from "../ev/sample-fleet";
import type { EvStationModel } from "../model/ev-station";
import { type AccuracyDetail, type AccuracyRun, type AccuracySignal, aggregationAccuracy } from "./ev-accuracy";
import type { DisaggregationMethod } from "../dispatch/ev-disaggregate";
import { ArgumentError } from "../util/errors";

/** The aggregate models the experiment compares. */
export const AGGREGATE_MODELS: readonly EvStationModel[] = ["envelope", "exact", "inner"];

/** Options of {@link aggregationReport} (the command's options, in its units). */
export interface AggregationReportOptions {
  sizes: number[];
  draws: number;
  seed: number;
  /** Slot length, minutes (divides 1440). */
  dtMinutes: number;
  /** Horizon start, local hour. Default 12 for the residential population (overnight charging), else 0. */
  startHour?: number;
  /** Controllable share α in [0, 1]. */
  controllable: number;
  models: EvStationModel[];
  signal: AccuracySignal;
  disaggregation: DisaggregationMethod;
  /** Keep one draw's trajectories (see `aggregationAccuracy`'s `detail`). */
  detail?: { n: number; draw: number };
  /** Called after every (N, draw, model). */
  onRun?: (run: AccuracyRun) => void;
}

/** One row of the report: a fleet size and model over its draws. */
export interface AggregationReportRow {
  n: number;
  model: EvStationModel;
  mseKw2: number;
  nrmse: number;
  costGapPct: number;
  draws: number;
  failures: number;
  mseKw2P10: number;
  mseKw2P90: number;
  /** NRMSE's 10th and 90th percentiles over the draws (the spread the page draws). */
  nrmseP10: number;
  nrmseP90: number;
  /** The cost gap's 10th and 90th percentiles over the draws. */
  costGapPctP10: number;
  costGapPctP90: number;
  realisedCostGapPct: number;
  rounds: number;
  cuts: number;
}

/** What {@link aggregationReport} returns. */
export interface AggregationReport {
  rows: AggregationReportRow[];
  failures: { n: number; model: EvStationModel; draw: number; reason: string }[];
  normaliser: string;
  costGap: string;
  signal: string;
  grid: { slots: number; dtH: number; startH: number };
  controllable: number;
  disaggregation: DisaggregationMethod;
  /** The population the sessions stand for. */
  dataset: string;
  seed: number;
  /** Per row, in order: mean seconds of the aggregate dispatch and of individual scheduling. */
  dispatchSeconds: number[];
  individualSeconds: number[];
  detail?: AccuracyDetail;
}

/**
 * Checks the options as the experiment needs them (each error names its field).
 * @throws ArgumentError
 */
export function checkAggregationReportOptions(o: AggregationReportOptions, where = "aggregationReport"): void {
  if (o.models.length === 0) throw new ArgumentError(where, "models must name at least one of envelope, exact, inner", { field: "models" });
  for (const m of o.models) if (!AGGREGATE_MODELS.includes(m)) throw new ArgumentError(where, `models must be among ${AGGREGATE_MODELS.join(", ")}, got "${m}"`, { field: "models" });
  if (o.signal !== "tou" && o.signal !== "valley") throw new ArgumentError(where, `signal must be tou or valley, got "${o.signal}"`, { field: "signal" });
  if (o.disaggregation !== "qp" && o.disaggregation !== "llf") throw new ArgumentError(where, `disaggregation must be qp or llf, got "${o.disaggregation}"`, { field: "disaggregation" });
  if (!(o.dtMinutes > 0) || 1440 % o.dtMinutes !== 0) throw new ArgumentError(where, `the slot length must divide 1440 minutes, got ${o.dtMinutes}`, { field: "dtMinutes" });
  if (!(o.controllable >= 0 && o.controllable <= 1)) throw new ArgumentError(where, `the controllable share must be in [0, 1], got ${o.controllable}`, { field: "controllable" });
}

/**
 * Runs the aggregation accuracy experiment on cleaned sessions of one population.
 * @param dataset the population the sessions stand for ("residential" starts the horizon at noon).
 * @throws ArgumentError for bad options (see {@link checkAggregationReportOptions} and `aggregationAccuracy`).
 */
export async function aggregationReport(sessions: readonly ChargingSession[], dataset: string, o: AggregationReportOptions): Promise<AggregationReport> {
  checkAggregationReportOptions(o);
  const dtH = o.dtMinutes / 60;
  const startH = o.startHour ?? (dataset === "residential" ? 12 : 0);
  const res = await aggregationAccuracy(fleetPool(sessions.slice()), {
    sizes: o.sizes,
    draws: o.draws,
    seed: o.seed,
    grid: { slots: Math.round(24 / dtH), dtH, startH },
    controllable: o.controllable,
    models: o.models,
    signal: o.signal,
    disaggregation: o.disaggregation,
    detail: o.detail,
    onRun: o.onRun,
  });
  return {
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
      nrmseP10: r.nrmseP10,
      nrmseP90: r.nrmseP90,
      costGapPctP10: r.costGapPctP10,
      costGapPctP90: r.costGapPctP90,
      realisedCostGapPct: r.realisedCostGapPct,
      rounds: r.rounds,
      cuts: r.cuts,
    })),
    failures: res.runs.filter((x) => x.error !== undefined).map((x) => ({ n: x.n, model: x.model, draw: x.draw, reason: x.error as string })),
    normaliser: res.normaliser,
    costGap: "100 × (aggregate plan's cost − individual scheduling's optimum) / |individual optimum|; realised: the disaggregated schedules' cost",
    signal: res.signal,
    grid: res.grid,
    controllable: res.controllable,
    disaggregation: res.disaggregation,
    dataset,
    seed: res.seed,
    dispatchSeconds: res.rows.map((r) => r.seconds),
    individualSeconds: res.rows.map((r) => r.individualSeconds),
    ...(res.detail ? { detail: res.detail } : {}),
  };
}
