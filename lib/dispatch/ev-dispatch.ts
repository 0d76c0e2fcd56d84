/**
 * Station runners: dispatch a station's aggregate against a signal (envelope, inner or exact with cuts), and the
 * reference — schedule every EV individually for the same signal. Both build a small model (station or schedules +
 * signal objective), solve it on HiGHS and return plain arrays in kW.
 */
import { drawFlexible, splitAt } from "../ev/controllable";
import { exactPriceDispatch, exactValleyDispatch } from "../ev/exact-dispatch";
import { type EvFlex } from "../ev/flex";
import { valleyFillIndividually } from "../ev/valley";
import type { TimeGrid } from "../ev/grid";
import type { PriorityOrder } from "../ev/inner";
import { type EvSignal, signalCost, signalSlots, withExtraLoad } from "../ev/signals";
import { BusInjections } from "../model/distflow";
import { addEvSchedules } from "../model/ev-schedule";
import { addSignalObjective } from "../model/ev-signal";
import { addEvStation, type EvStationModel, type EvStationVars } from "../model/ev-station";
import { LinExpr } from "../model/expr";
import { Model } from "../model/model";
import { ArgumentError, EvspError, LimitReachedError, SolverError, UnboundedError } from "../util/errors";
import { createRng, type Rng } from "../util/random";
import { type EvCutPool, evExactSeparator, type EvExactSeparator } from "../solve/ev-exact-cuts";
import type { HighsOptions } from "../solve/highs";
import type { Separator } from "../solve/separation";
import { type SolveOptions, solveModel } from "../solve/solve-model";
import type { Solution } from "../solve/solution";

/**
 * Feasibility tolerance: 1e-9 for the linear (price) problems, HiGHS's default 1e-7 for the quadratic ones (its QP
 * solver fails with status -1 when asked for 1e-9).
 */
function lpTolerance(signal: EvSignal): HighsOptions {
  return signal.kind === "price" ? { feasibilityTol: 1e-9 } : {};
}

/**
 * A factor for the signal's objective on HiGHS, whose QP tolerances are absolute: 1 / max|price| for a price; for
 * valley filling max(1, 1 / ref²) with ref the flexible fleet's mean power Σ eMax / (T Δt) (at least 1 W), i.e. kW²
 * units, scaled UP for small fleets. Measured: scaling the objective down (e.g. by 1e-4 at N = 200) costs HiGHS's
 * QP its accuracy (5e-5 relative instead of 4e-13) and, on small fleets with a large base, makes it stall.
 */
export function signalScale(signal: EvSignal, evs: readonly EvFlex[], dtH: number): number {
  if (signal.kind === "price") return 1 / Math.max(1e-12, ...signal.pricePerKwh.map(Math.abs));
  const T = signal.baseKw.length;
  const ref = Math.max(1e-3, evs.reduce((a, ev) => a + ev.eMaxKwh, 0) / (T * dtH));
  return Math.max(1, 1 / (ref * ref));
}

/**
 * Runs a solve, turning raw solver failures (HiGHS throws on internal errors of its QP solver) into SolverError,
 * with a default time limit (60 s) so that no solve can hang.
 */
export async function solveGuarded(m: Model, options: SolveOptions, where: string): Promise<Solution> {
  try {
    return await solveModel(m, { timeLimitS: 60, ...options });
  } catch (err) {
    if (err instanceof EvspError) throw err;
    throw new SolverError(where, m.name, "error", `HiGHS failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Builds and solves a model whose objective scale is free (`build(scale)` multiplies its objective by `scale`).
 * LPs are solved once. QPs are tried with the objective ×1, ×100 and ×1e4, then with a tiny proximal term:
 * HiGHS's active-set QP solver stalls or fails (status −1) on some degenerate instances and a rescaled objective
 * usually gets through (it also reports "unbounded" on some of these bounded models). The last failure is thrown.
 */
export async function solveRescaled<B extends { m: Model }>(
  where: string,
  build: (scale: number) => B & { separators?: Separator[] },
  options: SolveOptions,
): Promise<{ built: B; sol: Solution }> {
  const first = build(1);
  if (first.m.quadratic.length === 0) return { built: first, sol: await solveGuarded(first.m, { ...options, separators: first.separators }, where) };
  let last: unknown;
  // The first attempt gets time in proportion to the model (3 s, or 1 s per 100 columns), the retries 5 s each.
  const firstLimit = Math.max(3, first.m.numCols / 100);
  const attempts: { scale: number; proximal: boolean }[] = [
    { scale: 1, proximal: false },
    { scale: 100, proximal: false },
    { scale: 1e4, proximal: false },
    { scale: 1, proximal: true },
  ];
  for (const [k, a] of attempts.entries()) {
    const b = k === 0 ? first : build(a.scale);
    if (a.proximal) {
      // Last resort: make the QP strictly convex with 1e-8 Σ x² on every column without a quadratic term (tiny
      // against the objective's kW² scale).
      const hasQ = new Set(b.m.quadratic.flatMap((q) => [q.i, q.j]));
      for (let c = 0; c < b.m.numCols; c++) if (!hasQ.has(c)) b.m.addQuadratic(c, c, 1e-8);
    }
    try {
      return { built: b, sol: await solveGuarded(b.m, { timeLimitS: k === 0 ? firstLimit : 5, ...options, separators: b.separators }, where) };
    } catch (err) {
      // Every model built here is bounded, so "unbounded" from the QP solver is a solver failure too.
      if (!(err instanceof SolverError || err instanceof LimitReachedError || err instanceof UnboundedError)) throw err;
      last = err;
    }
  }
  throw last;
}

/** The slots ranked as a signal prefers to fill them: price ascending, or base load ascending; ties by slot. */
export function signalOrder(signal: EvSignal): number[] {
  const w = signal.kind === "price" ? signal.pricePerKwh : signal.baseKw;
  return w.map((_, t) => t).sort((a, b) => w[a] - w[b] || a - b);
}

/**
 * A price signal with ties broken towards earlier slots: + 1e-3 × g × t / T, with g the smallest gap between two
 * distinct prices (so no two price levels swap). Any optimum of the tie-broken LP is optimal for the original prices.
 */
function tieBroken(signal: EvSignal): EvSignal {
  if (signal.kind !== "price") return signal;
  const T = signal.pricePerKwh.length;
  const levels = [...new Set(signal.pricePerKwh)].sort((a, b) => a - b);
  let gap = Math.max(1e-9, ...levels.map(Math.abs));
  for (let k = 1; k < levels.length; k++) gap = Math.min(gap, levels[k] - levels[k - 1]);
  return { kind: "price", pricePerKwh: signal.pricePerKwh.map((p, t) => p + (1e-3 * gap * t) / T) };
}

/** Input of {@link dispatchStation}. */
export interface DispatchStationArgs {
  /** Every EV of the station (one grid). */
  evs: EvFlex[];
  /** The signal on the grid's slots; for valley filling the uncontrolled EVs' load is added to its base. */
  signal: EvSignal;
  model: EvStationModel;
  /** Controllable share α. Default 1. */
  controllable?: number;
  /** Random source of the controllable draw. Default createRng(0). */
  rng?: Rng;
  /** Family prefix. Default "station". */
  name?: string;
  /** Grid when `evs` is empty. */
  grid?: TimeGrid;
  /** Inner model only: priority orders of the vertices. */
  innerOrders?: readonly PriorityOrder[];
}

/** Options of {@link dispatchStation}: solver options, the exact model's pool, tolerance and round limit. */
export interface DispatchStationOptions extends HighsOptions {
  pool?: EvCutPool;
  /**
   * Exact model: seed the cut pool with the chain of the signal's slot ranking (price ascending, or valley base
   * load ascending; ties by slot) and, for a price, break price ties by a perturbation (1e-3 of the smallest price step × t / T) so
   * that the LP's optimum is the greedy vertex (see `evExactSeparator` seedOrders). The cost reported is always the
   * unperturbed one. Default true.
   */
  signalChain?: boolean;
  /** Exact model: separation tolerance, kWh (see `evExactSeparator`). */
  tol?: number;
  /** Maximum cut rounds. Default 200. */
  maxRounds?: number;
}

/** A station dispatched against a signal. */
export interface StationDispatch {
  station: EvStationVars;
  /** The flexible aggregate P_t, kW per slot. */
  pKw: number[];
  /** The signal's cost of P (valley: including the uncontrolled EVs in the base). */
  cost: number;
  /** The signal as optimised (valley: base + uncontrolled EVs). */
  signal: EvSignal;
  /** Wall-clock seconds of build + solve (+ cut rounds). */
  seconds: number;
  /** Solver runs (1 for envelope and inner; cut rounds for exact). */
  rounds: number;
  /** Cuts added by the exact separator. */
  cuts: number;
  /** Inner model: the vertex weights λ. */
  lambda?: number[];
  /** Exact model: the separator (its stats and pool). */
  separator?: EvExactSeparator;
}

/**
 * A station's controllable split, drawn once: the positions of its flexible EVs, from a source seeded by one draw of
 * `rng` — the same in every dispatch method, so that dispatchStation and dispatchExactCombinatorial given equal
 * sources split a fleet alike, and every rebuild of a model (see solveRescaled) uses this one split.
 */
function flexibleOf(evs: readonly EvFlex[], controllable: number, rng: Rng, where: string): number[] {
  return drawFlexible(evs.length, controllable, createRng(Math.floor(rng.next() * 2 ** 31)), where);
}

/**
 * Dispatches a station's flexible aggregate against a signal.
 * @throws ArgumentError when the signal does not match the grid; InfeasibleError etc. from the solver.
 */
export async function dispatchStation(args: DispatchStationArgs, options: DispatchStationOptions = {}): Promise<StationDispatch> {
  const t0 = performance.now();
  const { evs, model, controllable = 1, rng = createRng(0), name = "station" } = args;
  const { pool, tol, maxRounds, signalChain = true, ...highs } = options;
  const slots = evs.length ? evs[0].grid.slots : (args.grid?.slots ?? 24);
  if (signalSlots(args.signal) !== slots) throw new ArgumentError("dispatchStation", `signal has ${signalSlots(args.signal)} slots, the grid ${slots}`);
  const chain = model === "exact" && signalChain;
  const flexibleIndex = flexibleOf(evs, controllable, rng, "dispatchStation");
  const build = (scale: number) => {
    const m = new Model(`${name}-${model}`);
    const station = addEvStation(m, new BusInjections(), {
      name,
      bus: 1,
      hours: Array.from({ length: slots }, (_, t) => t),
      baseKva: 1,
      evs,
      flexibleIndex,
      model,
      grid: args.grid,
      innerOrders: args.innerOrders,
    });
    const signal = withExtraLoad(args.signal, station.uncontrolledSlotKw);
    const dtH = station.grid.dtH;
    const load = station.pKwCols.map((c) => new LinExpr().add(c, 1));
    addSignalObjective(m, `${name}.signal`, load, chain ? tieBroken(signal) : signal, dtH, scale * signalScale(signal, station.flexible, dtH));
    const separator = model === "exact" ? evExactSeparator(station, { pool, tol, seedOrders: chain ? [signalOrder(signal)] : [] }) : undefined;
    return { m, station, signal, separator, separators: separator ? [separator] : [] };
  };
  const { built, sol } = await solveRescaled("dispatchStation", build, { ...lpTolerance(args.signal), ...highs, maxRounds });
  const { station, signal, separator } = built;
  const dtH = station.grid.dtH;
  const pKw = Array.from(sol.values(station.pKw));
  return {
    station,
    pKw,
    cost: signalCost(signal, pKw, dtH),
    signal,
    seconds: (performance.now() - t0) / 1000,
    rounds: sol.info.rounds,
    cuts: sol.info.cuts["ev-exact"] ?? 0,
    lambda: station.inner ? Array.from(sol.values(station.inner.lambda)) : undefined,
    separator,
  };
}

/** A station's exact aggregate dispatched without an LP solver (see {@link dispatchExactCombinatorial}). */
export interface CombinatorialDispatch {
  /** The flexible EVs (the same draw as {@link dispatchStation} makes from the same `rng`). */
  flexible: EvFlex[];
  /** Positions of the flexible EVs in `evs`. */
  flexibleIndex: number[];
  /** The uncontrolled EVs' load, kW per slot. */
  uncontrolledSlotKw: number[];
  /** The flexible aggregate P_t, kW per slot. */
  pKw: number[];
  /** The signal's cost of P (valley: including the uncontrolled EVs in the base). */
  cost: number;
  /** The signal as optimised (valley: base + uncontrolled EVs). */
  signal: EvSignal;
  seconds: number;
  /** Minimum cuts and splits of the decomposition (valley filling; 0 for a price). */
  maxFlows: number;
  splits: number;
}

/**
 * Dispatches a station's EXACT aggregate against a signal without an LP solver (lib/ev/exactDispatch): Edmonds'
 * greedy algorithm for a price, the decomposition algorithm (one minimum cut per split) for valley filling. Same
 * optimum as `dispatchStation(..., model: "exact")`, whose cut loop remains the way to use the exact aggregate inside
 * larger models (network, planning). Needs fixed energies (eMin = eMax, the fleets' default).
 * @throws ArgumentError for an energy range or a signal that does not match the grid.
 */
export function dispatchExactCombinatorial(args: Omit<DispatchStationArgs, "model" | "innerOrders">): CombinatorialDispatch {
  const t0 = performance.now();
  const { evs, controllable = 1, rng = createRng(0) } = args;
  const slots = evs.length ? evs[0].grid.slots : (args.grid?.slots ?? 24);
  if (signalSlots(args.signal) !== slots) throw new ArgumentError("dispatchExactCombinatorial", `signal has ${signalSlots(args.signal)} slots, the grid ${slots}`);
  const split = splitAt(evs, flexibleOf(evs, controllable, rng, "dispatchExactCombinatorial"), args.grid ?? (evs.length ? undefined : { slots, dtH: 1 }));
  const signal = withExtraLoad(args.signal, split.uncontrolledKw);
  const dtH = evs.length ? evs[0].grid.dtH : (args.grid?.dtH ?? 1);
  const d =
    split.flexible.length === 0
      ? { pKw: new Array<number>(slots).fill(0), maxFlows: 0, splits: 0 }
      : signal.kind === "price"
        ? exactPriceDispatch(split.flexible, signal.pricePerKwh)
        : exactValleyDispatch(split.flexible, signal.baseKw);
  return {
    flexible: split.flexible,
    flexibleIndex: split.flexibleIndex,
    uncontrolledSlotKw: split.uncontrolledKw,
    pKw: d.pKw,
    cost: signalCost(signal, d.pKw, dtH),
    signal,
    seconds: (performance.now() - t0) / 1000,
    maxFlows: d.maxFlows,
    splits: d.splits,
  };
}

/** Every EV scheduled individually for a signal. */
export interface IndividualSchedule {
  /** p_i,t per EV (input order), kW. */
  pKw: number[][];
  /** Σ_i p_i,t, kW per slot. */
  totalKw: number[];
  /** The signal's cost of the total. */
  cost: number;
  seconds: number;
}

/** Options of {@link scheduleIndividually}. */
export interface ScheduleIndividuallyOptions extends HighsOptions {
  /** Grid when there is no EV. */
  grid?: TimeGrid;
  /**
   * Valley filling: "bcd" (default) — exact block-coordinate descent, every EV's best response by water-filling
   * (lib/ev `valleyFillIndividually`); "qp" — the N·T QP on HiGHS (slow and fragile for large fleets: measured
   * 5–55 s at N = 200 depending on the objective's scaling, against milliseconds for "bcd").
   */
  valleyMethod?: "bcd" | "qp";
  /**
   * Valley filling with "qp" only: weight ε of a proximal term ε Σ p_i,t² Δt (kW²h). HiGHS's active-set QP stalls on the
   * degenerate individual QP without it (measured: time limit at N = 50); with ε = 1e-6 (default) the optimum moves
   * by O(ε) relative, far below the reported precision. 0 to switch it off.
   */
  proximal?: number;
}

/**
 * Schedules every EV individually for a signal (the exact reference of every aggregate).
 * @param evs the EVs to schedule (e.g. a station's flexible EVs).
 * @param signal the signal as the aggregate saw it (for valley filling: including the uncontrolled load).
 * @param options solver options.
 * @throws ArgumentError when the signal does not match the grid; solver errors.
 */
export async function scheduleIndividually(evs: readonly EvFlex[], signal: EvSignal, options: ScheduleIndividuallyOptions = {}): Promise<IndividualSchedule> {
  const t0 = performance.now();
  const { grid, proximal = 1e-6, valleyMethod = "bcd", ...highs } = options;
  if (evs.length === 0) {
    // No EV (e.g. a controllable share of 0): nothing to schedule, an LP without columns is not solved.
    const totalKw = new Array<number>(signalSlots(signal)).fill(0);
    if (grid !== undefined && grid.slots !== totalKw.length) throw new ArgumentError("scheduleIndividually", `signal has ${totalKw.length} slots, the grid ${grid.slots}`);
    return { pKw: [], totalKw, cost: signalCost(signal, totalKw, grid?.dtH ?? 1), seconds: (performance.now() - t0) / 1000 };
  }
  if (signal.kind === "valley" && valleyMethod === "bcd") {
    const r = valleyFillIndividually(evs, signal.baseKw);
    if (!r.converged) throw new SolverError("scheduleIndividually", "ev-individual-bcd", "not converged", `block-coordinate descent stopped after ${r.sweeps} sweeps`);
    const dtH = evs.length ? evs[0].grid.dtH : (grid?.dtH ?? 1);
    return { pKw: r.pKw, totalKw: r.totalKw, cost: signalCost(signal, r.totalKw, dtH), seconds: (performance.now() - t0) / 1000 };
  }
  const build = (k: number) => {
    const m = new Model("ev-individual");
    const v = addEvSchedules(m, "ev", evs, { grid: grid ?? (evs.length ? undefined : { slots: signalSlots(signal), dtH: 1 }) });
    if (signalSlots(signal) !== v.grid.slots) throw new ArgumentError("scheduleIndividually", `signal has ${signalSlots(signal)} slots, the grid ${v.grid.slots}`);
    const scale = k * signalScale(signal, evs, v.grid.dtH);
    addSignalObjective(m, "ev.signal", v.totalKw, signal, v.grid.dtH, scale);
    if (signal.kind === "valley" && proximal > 0) for (const c of v.pKw.cols()) m.addQuadratic(c, c, scale * proximal * v.grid.dtH);
    return { m, v };
  };
  const { built, sol } = await solveRescaled("scheduleIndividually", build, { ...lpTolerance(signal), ...highs });
  const { v } = built;
  const pKw = evs.length ? sol.matrix(v.pKw) : [];
  const totalKw = v.totalKw.map((e) => e.evaluate(sol.x));
  return { pKw, totalKw, cost: signalCost(signal, totalKw, v.grid.dtH), seconds: (performance.now() - t0) / 1000 };
}
