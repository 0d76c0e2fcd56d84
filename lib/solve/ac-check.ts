/**
 * AC re-check of a DistFlow solution: take the net injection every bus receives in the optimised dispatch (loads,
 * PV, storage, EV … exactly as the model wrote them), run the exact AC power flow (backward/forward sweep) with it,
 * and compare voltages and losses. When the cone relaxation is exact both agree to solver precision.
 */
import type { BusInjections } from "../model/distflow";
import { kwPerPu } from "../network/perunit";
import { powerFlowSweep, type PowerFlowSeries } from "../network/sweep";
import type { Network } from "../network/types";

/** How far an optimised dispatch is from the AC power flow of the same injections. */
export interface AcCheck {
  /** max over hours of |loss_model − loss_AC|, kW. */
  lossDiffKw: number;
  /** max over hours of |loss_model − loss_AC| / loss_AC, %. */
  lossDiffPct: number;
  /** max over buses and hours of |V_model − V_AC|, pu. */
  vMaxDiffPu: number;
  /** The AC power flow itself (hours × buses …). */
  series: PowerFlowSeries;
}

/**
 * Runs the AC power flow on the injections of a solved model and compares.
 * @param vPuModel model voltages vPu[hour][bus − 1]
 * @param lossKwModel model losses per hour (kW)
 */
export function acCheck(net: Network, inj: BusInjections, x: ArrayLike<number>, hours: readonly number[], vPuModel: number[][], lossKwModel: number[], vSlackPu?: number): AcCheck {
  const n = net.buses.length;
  const H = hours.length;
  const pKw = new Float64Array(H * n);
  const qKvar = new Float64Array(H * n);
  const base = kwPerPu(net);
  hours.forEach((t, h) => {
    net.buses.forEach((b, k) => {
      pKw[h * n + k] = -inj.p(b.bus, t).evaluate(x) * base;
      qKvar[h * n + k] = -inj.q(b.bus, t).evaluate(x) * base;
    });
  });
  const series = powerFlowSweep(net, { pKw, qKvar, vSlackPu: vSlackPu ?? net.vSlackPu });
  let vMaxDiffPu = 0;
  let lossDiffKw = 0;
  let lossDiffPct = 0;
  hours.forEach((_, h) => {
    for (let k = 0; k < n; k++) vMaxDiffPu = Math.max(vMaxDiffPu, Math.abs(vPuModel[h][k] - series.vPu[h * n + k]));
    const d = Math.abs(lossKwModel[h] - series.lossKw[h]);
    lossDiffKw = Math.max(lossDiffKw, d);
    if (series.lossKw[h] > 0) lossDiffPct = Math.max(lossDiffPct, (100 * d) / series.lossKw[h]);
  });
  return { lossDiffKw, lossDiffPct, vMaxDiffPu, series };
}
