/**
 * Starting cuts for the branch cones from an exact AC power flow: at a guess of the dispatch (e.g. PV at its
 * available output, flexible devices idle), the power flow gives points ON every cone P² + Q² = v ℓ; the tangent
 * planes there are valid cuts (supporting hyperplanes) and close to where the optimum lies, which saves the first,
 * most expensive outer-approximation rounds.
 */
import type { BusInjections, DistFlowVars } from "../model/distflow";
import { tangentCut } from "../model/cones";
import { powerFlowSweep } from "../network/sweep";
import { kwPerPu } from "../network/perunit";
import type { Network } from "../network/types";
import type { RowInput } from "./highs";

/**
 * Tangent cuts of every branch cone at the AC power flow of the injections evaluated at `guess` (a full primal
 * vector of the model; columns not set count as 0). Hours whose power flow does not converge get no cuts.
 */
export function powerFlowConeSeeds(net: Network, d: DistFlowVars, inj: BusInjections, guess: ArrayLike<number>): RowInput[] {
  const n = net.buses.length;
  const H = d.hours.length;
  const base = kwPerPu(net);
  const pKw = new Float64Array(H * n);
  const qKvar = new Float64Array(H * n);
  d.hours.forEach((t, h) => {
    net.buses.forEach((b, k) => {
      pKw[h * n + k] = -inj.p(b.bus, t).evaluate(guess) * base;
      qKvar[h * n + k] = -inj.q(b.bus, t).evaluate(guess) * base;
    });
  });
  const pf = powerFlowSweep(net, { pKw, qKvar }, { onNonConvergence: "mark" });
  const rows: RowInput[] = [];
  const M = net.branches.length;
  const point = new Float64Array(4);
  d.hours.forEach((t, h) => {
    if (!pf.converged[h]) return;
    net.branches.forEach((br, e) => {
      const vFrom = pf.vPu[h * n + br.fromBus - 1];
      const i = pf.iPu[h * M + e];
      point[0] = pf.pKw[h * M + e] / base;
      point[1] = pf.qKvar[h * M + e] / base;
      point[2] = vFrom * vFrom;
      point[3] = i * i;
      const cut = tangentCut({ family: "", keys: [], x: [0, 1], y: 2, z: 3 }, point);
      rows.push({
        cols: [d.p.col(br.id, t), d.q.col(br.id, t), d.v.col(br.fromBus, t), d.l.col(br.id, t)],
        coefs: cut.coefs,
        lb: -Infinity,
        ub: 0,
      });
    });
  });
  return rows;
}
