/**
 * Single-snapshot AC power flow and result tables keyed like the input (pandapower `res_bus` / `res_line` style):
 * one row per bus (1-based `bus`) and one row per in-service branch (its `id`).
 */
import { ArgumentError } from "../util/errors";
import { netLoadSeries, type BusValues } from "./injections";
import { powerFlowSweep, type PowerFlowSeries, type PowerFlowSweepOptions } from "./sweep";
import type { Network } from "./types";

/** One bus of a power-flow result. */
export interface BusResult {
  bus: number;
  vPu: number;
  vaDeg: number;
  /** Net active load (load − injection), kW. */
  pNetKw: number;
  /** Net reactive load, kVAr. */
  qNetKvar: number;
}

/** One in-service branch of a power-flow result. "from" = parent (sending) end, "to" = child end. */
export interface BranchResult {
  id: number;
  fromBus: number;
  toBus: number;
  pFromKw: number;
  qFromKvar: number;
  pToKw: number;
  qToKvar: number;
  iPu: number;
  iA: number;
  lossKw: number;
  lossKvar: number;
  /** Sending-end apparent power in % of the branch rating; undefined when the branch has no rating. */
  loadingPct?: number;
}

/** A power-flow snapshot (one hour). */
export interface PowerFlowResult {
  network: string;
  converged: boolean;
  iterations: number;
  lossKw: number;
  lossKvar: number;
  pSlackKw: number;
  qSlackKvar: number;
  vMinPu: number;
  /** 1-based bus with the lowest voltage. */
  vMinBus: number;
  vMaxPu: number;
  vMaxBus: number;
  buses: BusResult[];
  branches: BranchResult[];
}

/**
 * The snapshot of one hour of a {@link PowerFlowSeries} as tables.
 * @param net the network the series was computed on
 * @param hour 0-based hour
 * @param netLoad the input of the sweep (to report net loads); omit to report NaN net loads
 * @throws ArgumentError when the hour is out of range or the series is of another network.
 */
export function powerFlowHour(
  net: Network,
  series: PowerFlowSeries,
  hour: number,
  netLoad?: { pKw: Float64Array; qKvar: Float64Array },
): PowerFlowResult {
  const where = "powerFlowHour";
  if (!Number.isInteger(hour) || hour < 0 || hour >= series.hours) throw new ArgumentError(where, `hour ${hour} is outside 0…${series.hours - 1}`);
  if (series.nBus !== net.buses.length || series.nBranch !== net.branches.length) {
    throw new ArgumentError(where, `the series (${series.network}) does not belong to network ${net.name}`);
  }
  const N = series.nBus;
  const M = series.nBranch;
  const buses: BusResult[] = net.buses.map((b, k) => ({
    bus: b.bus,
    vPu: series.vPu[hour * N + k],
    vaDeg: series.vaDeg[hour * N + k],
    pNetKw: netLoad ? netLoad.pKw[hour * N + k] : NaN,
    qNetKvar: netLoad ? netLoad.qKvar[hour * N + k] : NaN,
  }));
  const branches: BranchResult[] = net.branches.map((b, e) => {
    const at = hour * M + e;
    const pFromKw = series.pKw[at];
    const qFromKvar = series.qKvar[at];
    const row: BranchResult = {
      id: b.id,
      fromBus: b.fromBus,
      toBus: b.toBus,
      pFromKw,
      qFromKvar,
      pToKw: pFromKw - series.branchLossKw[at],
      qToKvar: qFromKvar - series.branchLossKvar[at],
      iPu: series.iPu[at],
      iA: series.iA[at],
      lossKw: series.branchLossKw[at],
      lossKvar: series.branchLossKvar[at],
    };
    if (b.rateKva !== undefined) row.loadingPct = (100 * Math.hypot(pFromKw, qFromKvar)) / b.rateKva;
    return row;
  });
  let kMin = 0;
  let kMax = 0;
  buses.forEach((b, k) => {
    if (b.vPu < buses[kMin].vPu) kMin = k;
    if (b.vPu > buses[kMax].vPu) kMax = k;
  });
  return {
    network: series.network,
    converged: series.converged[hour] === 1,
    iterations: series.iterations[hour],
    lossKw: series.lossKw[hour],
    lossKvar: series.lossKvar[hour],
    pSlackKw: series.pSlackKw[hour],
    qSlackKvar: series.qSlackKvar[hour],
    vMinPu: buses[kMin].vPu,
    vMinBus: buses[kMin].bus,
    vMaxPu: buses[kMax].vPu,
    vMaxBus: buses[kMax].bus,
    buses,
    branches,
  };
}

/** Options of {@link powerFlow}. */
export interface PowerFlowOptions extends PowerFlowSweepOptions {
  /** Multiplier of every base-case load (P and Q). Default 1. */
  loadScale?: number;
  /** PV injection in kW per bus (unity power factor), keyed by 1-based bus. Default none. */
  pvKw?: BusValues;
  /** Slack voltage in pu. Default `net.vSlackPu`. */
  vSlackPu?: number;
}

/**
 * AC power flow of one operating point: base-case loads × `loadScale`, minus PV injections.
 * @example powerFlow(ieee33()).lossKw // ≈ 202.68 kW (Baran & Wu 1989: 202.67 kW)
 * @throws SolverError when the power flow does not converge; ArgumentError on bad options.
 */
export function powerFlow(net: Network, options: PowerFlowOptions = {}): PowerFlowResult {
  const { loadScale = 1, pvKw, vSlackPu = net.vSlackPu, ...sweepOptions } = options;
  const load = netLoadSeries(net, { hours: 1, loadScale, pvKw });
  const series = powerFlowSweep(net, { ...load, vSlackPu }, sweepOptions);
  return powerFlowHour(net, series, 0, load);
}
