/**
 * The aggregation accuracy experiment: for fleet sizes N and R random draws of real (cleaned) sessions — one
 * station-day each — dispatch the station's aggregate (envelope, inner or exact) against a signal, disaggregate
 * the dispatched trajectory into individual schedules, and compare with scheduling every EV individually for the
 * same signal.
 *
 * Per draw: tracking error of the best disaggregation (MSE in kW², NRMSE normalised by the mean aggregate power),
 * the cost gap of the aggregate's plan against the individual optimum (negative = the aggregate promises more than
 * the fleet can deliver), and the realised cost gap of the disaggregated (feasible) schedules. Rows average the
 * draws per (N, model) and keep the spread (10th/90th percentiles).
 */
import { type BeyondHorizon, type EvFlex, evFlexFromFleet } from "../ev/flex";
import { resolveGrid, type TimeGrid } from "../ev/grid";
import { NRMSE_NORMALISER, quantileOf } from "../ev/metrics";
import { sampleFleet } from "../ev/sample-fleet";
import { DEFAULT_TOU, type EvSignal, signalCost, touSignal, type TouTariff, valleySignal } from "../ev/signals";
import type { EvStationModel } from "../model/ev-station";
import type { FleetSession } from "../scenarios/fleets";
import { ArgumentError, LimitReachedError, SolverError, UnboundedError } from "../util/errors";
import { createRng } from "../util/random";
import { type DisaggregationMethod, disaggregate } from "../dispatch/ev-disaggregate";
import { dispatchStation, scheduleIndividually } from "../dispatch/ev-dispatch";

/** The signal of the experiment. */
export type AccuracySignal = "tou" | "valley";

/** Options of {@link aggregationAccuracy}. */
export interface AccuracyOptions {
  /** Fleet sizes N. Default 5, 10, 20, 50, 100, 200. */
  sizes?: number[];
  /** Draws R per size. Default 20. */
  draws?: number;
  /** Seed of the draws. Default 1. */
  seed?: number;
  /** Grid. Default 24 one-hour slots from midnight. */
  grid?: TimeGrid;
  /** Controllable share α. Default 1. */
  controllable?: number;
  /** Aggregate models compared (each on the same fleets). Default ["envelope"]. */
  models?: EvStationModel[];
  /** "tou" (default: {@link DEFAULT_TOU}) or "valley" (RTS winter-weekday base load, `valleyPeakKwPerEv` × N kW peak). */
  signal?: AccuracySignal;
  tariff?: TouTariff;
  /** Valley filling: base-load peak per EV of the station, kW. Default 3. */
  valleyPeakKwPerEv?: number;
  /** Disaggregation of the dispatched trajectory. Default "qp" (best tracking). */
  disaggregation?: DisaggregationMethod;
  /** EV flexibility options. */
  efficiency?: number;
  beyondHorizon?: BeyondHorizon;
  /** Exact model: seed the cuts with the signal's chain (default true; see `dispatchStation`). */
  signalChain?: boolean;
  /** Called after every (N, draw, model). */
  onRun?: (run: AccuracyRun) => void;
  /** Keep the trajectories of one draw (size `n`, draw index `draw`) under every model: the result's `detail`. */
  detail?: { n: number; draw: number };
}

/** One model's trajectories in {@link AccuracyDetail}. */
export interface AccuracyDetailModel {
  model: EvStationModel;
  /** The aggregate's dispatched plan P_t and what the disaggregated EVs deliver (Σ_i p_i,t), kW per slot. */
  planKw: number[];
  realisedKw: number[];
  /** Uncontrolled EVs' charging, kW per slot. */
  uncontrolledKw: number[];
}

/** The trajectories of one draw, kept with `detail` (for figures). */
export interface AccuracyDetail {
  n: number;
  draw: number;
  /** Every EV of the draw, and the flexible ones (the controllable split of the first model). */
  evs: EvFlex[];
  flexible: EvFlex[];
  /** Scheduling every flexible EV individually: Σ_i p_i,t, kW per slot. */
  individualKw: number[];
  models: AccuracyDetailModel[];
}

/** One draw of one model. */
export interface AccuracyRun {
  n: number;
  draw: number;
  model: EvStationModel;
  /** Flexible EVs and their energy (kWh). */
  flexible: number;
  energyKwh: number;
  mseKw2: number;
  nrmse: number;
  maxAbsKw: number;
  /** 100 × (aggregate plan's cost − individual optimum) / |individual optimum|. */
  costGapPct: number;
  /** Same for the disaggregated (individually feasible) schedules. */
  realisedCostGapPct: number;
  /** Cut rounds (solver runs) and cuts of the aggregate dispatch. */
  rounds: number;
  cuts: number;
  /** Seconds: aggregate dispatch, individual scheduling, disaggregation. */
  seconds: number;
  individualSeconds: number;
  disaggregationSeconds: number;
  /** Set when a solve of this draw failed (HiGHS's QP solver fails on rare degenerate instances); excluded from rows. */
  error?: string;
}

/** Draws of one (N, model), summarised. */
export interface AccuracyRow {
  n: number;
  model: EvStationModel;
  /** Draws summarised (failed draws excluded). */
  draws: number;
  /** Draws whose solve failed (see AccuracyRun.error). */
  failures: number;
  /** Mean over draws, and 10th / 50th / 90th percentiles. */
  mseKw2: number;
  mseKw2P10: number;
  mseKw2Median: number;
  mseKw2P90: number;
  nrmse: number;
  nrmseP10: number;
  nrmseP90: number;
  costGapPct: number;
  costGapPctP10: number;
  costGapPctP90: number;
  realisedCostGapPct: number;
  /** Mean and largest number of cut rounds. */
  rounds: number;
  roundsMax: number;
  cuts: number;
  /** Mean seconds of the aggregate dispatch and of individual scheduling. */
  seconds: number;
  individualSeconds: number;
  disaggregationSeconds: number;
}

/** What {@link aggregationAccuracy} returns. */
export interface AccuracyResult {
  rows: AccuracyRow[];
  runs: AccuracyRun[];
  /** The NRMSE normaliser in words. */
  normaliser: string;
  /** The signal in words. */
  signal: string;
  grid: { slots: number; dtH: number; startH: number };
  controllable: number;
  disaggregation: DisaggregationMethod;
  seed: number;
  /** The draw asked for with `detail` (absent when not asked for, or when that draw's first model failed). */
  detail?: AccuracyDetail;
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

function q(xs: number[], p: number): number {
  return quantileOf(xs, p);
}

function gapPct(cost: number, ref: number): number {
  if (cost === ref) return 0;
  return (100 * (cost - ref)) / Math.max(Math.abs(ref), 1e-12);
}

/** A deterministic seed per (seed, N, draw). */
function drawSeed(seed: number, n: number, draw: number): number {
  return (Math.imul(seed + 1, 1_000_003) + Math.imul(n, 10_007) + draw * 101) | 0;
}

/** A failed draw: every measure NaN, with the solver's message. */
function failedRun(n: number, draw: number, model: EvStationModel, message: string): AccuracyRun {
  const nan = NaN;
  return { n, draw, model, flexible: nan, energyKwh: nan, mseKw2: nan, nrmse: nan, maxAbsKw: nan, costGapPct: nan, realisedCostGapPct: nan, rounds: nan, cuts: nan, seconds: nan, individualSeconds: nan, disaggregationSeconds: nan, error: message };
}

/** One draw of the experiment: its EVs, signal and seed, and the individual schedule once the first model made it. */
interface Draw {
  n: number;
  r: number;
  s: number;
  evs: EvFlex[];
  base: EvSignal;
  individual?: Awaited<ReturnType<typeof scheduleIndividually>>;
}

/**
 * One aggregate model on one draw: dispatch the station, schedule its flexible EVs individually for the same signal
 * (once per draw), disaggregate, and measure. Records the draw's detail when it is the one asked for.
 */
async function runModel(d0: Draw, model: EvStationModel, grid: TimeGrid, o: AccuracyOptions, disaggregation: DisaggregationMethod, detail: { value?: AccuracyDetail }): Promise<AccuracyRun> {
  const { n, r, evs } = d0;
  const d = await dispatchStation({ evs, signal: d0.base, model, controllable: o.controllable ?? 1, rng: createRng(d0.s ^ 0x5eed) }, { signalChain: o.signalChain });
  const flexible = d.station.flexible;
  const individual = (d0.individual ??= await scheduleIndividually(flexible, d.signal, { grid }));
  const dis = await disaggregate(flexible, d.pKw, disaggregation);
  const realisedKw = d.pKw.map((_, t) => dis.pKw.reduce((a, x) => a + x[t], 0));
  if (o.detail !== undefined && o.detail.n === n && o.detail.draw === r) {
    detail.value ??= { n, draw: r, evs, flexible, individualKw: individual.totalKw.slice(), models: [] };
    detail.value.models.push({ model, planKw: d.pKw.slice(), realisedKw, uncontrolledKw: d.station.uncontrolledSlotKw.slice() });
  }
  return {
    n,
    draw: r,
    model,
    flexible: flexible.length,
    energyKwh: flexible.reduce((a, ev) => a + ev.eMaxKwh, 0),
    mseKw2: dis.metrics.mseKw2,
    nrmse: dis.metrics.nrmse,
    maxAbsKw: dis.metrics.maxAbsKw,
    costGapPct: gapPct(d.cost, individual.cost),
    realisedCostGapPct: gapPct(signalCost(d.signal, realisedKw, grid.dtH), individual.cost),
    rounds: d.rounds,
    cuts: d.cuts,
    seconds: d.seconds,
    individualSeconds: individual.seconds,
    disaggregationSeconds: dis.seconds,
  };
}

/** The draws of one (N, model), summarised: means and percentiles over the draws that solved. */
function accuracyRow(runs: readonly AccuracyRun[], n: number, model: EvStationModel): AccuracyRow {
  const all = runs.filter((x) => x.n === n && x.model === model);
  const rs = all.filter((x) => x.error === undefined);
  const mse = rs.map((x) => x.mseKw2);
  const nr = rs.map((x) => x.nrmse);
  const gap = rs.map((x) => x.costGapPct);
  return {
    n,
    model,
    draws: rs.length,
    failures: all.length - rs.length,
    mseKw2: mean(mse),
    mseKw2P10: q(mse, 0.1),
    mseKw2Median: q(mse, 0.5),
    mseKw2P90: q(mse, 0.9),
    nrmse: mean(nr),
    nrmseP10: q(nr, 0.1),
    nrmseP90: q(nr, 0.9),
    costGapPct: mean(gap),
    costGapPctP10: q(gap, 0.1),
    costGapPctP90: q(gap, 0.9),
    realisedCostGapPct: mean(rs.map((x) => x.realisedCostGapPct)),
    rounds: mean(rs.map((x) => x.rounds)),
    roundsMax: rs.length ? Math.max(...rs.map((x) => x.rounds)) : NaN,
    cuts: mean(rs.map((x) => x.cuts)),
    seconds: mean(rs.map((x) => x.seconds)),
    individualSeconds: mean(rs.map((x) => x.individualSeconds)),
    disaggregationSeconds: mean(rs.map((x) => x.disaggregationSeconds)),
  };
}

/** @throws ArgumentError for sizes larger than the pool, no sizes/models, bad draws or an unknown signal. */
function checkAccuracyOptions(where: string, pool: readonly FleetSession[], sizes: readonly number[], models: readonly EvStationModel[], draws: number, signalKind: string): void {
  if (sizes.length === 0 || models.length === 0) throw new ArgumentError(where, "need at least one size and one model");
  if (!Number.isInteger(draws) || draws < 1) throw new ArgumentError(where, `draws must be a positive integer, got ${draws}`);
  for (const n of sizes) {
    if (!Number.isInteger(n) || n < 1) throw new ArgumentError(where, `sizes must be positive integers, got ${n}`);
    if (n > pool.length) throw new ArgumentError(where, `size ${n} exceeds the ${pool.length} sessions of the pool`);
  }
  if (signalKind !== "tou" && signalKind !== "valley") throw new ArgumentError(where, `signal must be tou or valley, got "${signalKind}"`);
}

/**
 * Runs the accuracy experiment on a pool of fleet sessions (lib/ev `fleetPool` of cleaned sessions).
 * @throws ArgumentError for sizes larger than the pool, no sizes/models, or bad draws.
 */
export async function aggregationAccuracy(pool: readonly FleetSession[], options: AccuracyOptions = {}): Promise<AccuracyResult> {
  const where = "aggregationAccuracy";
  const {
    sizes = [5, 10, 20, 50, 100, 200],
    draws = 20,
    seed = 1,
    controllable = 1,
    models = ["envelope"],
    signal: signalKind = "tou",
    tariff = DEFAULT_TOU,
    valleyPeakKwPerEv = 3,
    disaggregation = "qp",
    efficiency,
    beyondHorizon,
    onRun,
  } = options;
  const grid = resolveGrid(options.grid ?? { slots: 24, dtH: 1 }, where);
  checkAccuracyOptions(where, pool, sizes, models, draws, signalKind);
  const runs: AccuracyRun[] = [];
  const detail: { value?: AccuracyDetail } = {};
  for (const n of sizes) {
    for (let r = 0; r < draws; r++) {
      const s = drawSeed(seed, n, r);
      const evs = evFlexFromFleet(sampleFleet(pool, n, createRng(s)), grid, { efficiency, beyondHorizon });
      const base: EvSignal = signalKind === "tou" ? touSignal(grid, tariff) : valleySignal(grid, valleyPeakKwPerEv * n);
      const draw: Draw = { n, r, s, evs, base };
      for (const model of models) {
        let run: AccuracyRun;
        try {
          run = await runModel(draw, model, grid, { ...options, controllable }, disaggregation, detail);
        } catch (err) {
          if (!(err instanceof SolverError || err instanceof LimitReachedError || err instanceof UnboundedError)) throw err;
          run = failedRun(n, r, model, err.message);
        }
        runs.push(run);
        onRun?.(run);
      }
    }
  }
  const rows = sizes.flatMap((n) => models.map((model) => accuracyRow(runs, n, model)));
  const signal =
    signalKind === "tou"
      ? `time-of-use price: ${tariff.name}`
      : `valley filling: minimise Σ (base + uncontrolled EVs + P)² Δt, base = ${valleyPeakKwPerEv} kW × N × IEEE RTS winter-weekday shape`;
  return { rows, runs, normaliser: NRMSE_NORMALISER, signal, grid, controllable, disaggregation, seed, ...(detail.value ? { detail: detail.value } : {}) };
}
