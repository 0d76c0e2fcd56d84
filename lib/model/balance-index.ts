/**
 * The temporal-spatial power-flow balance index: how evenly loading spreads over branches and hours.
 *
 *   B = (1 / (|E| |T|)) Σ_{e ∈ E, t ∈ T} ℓ_e,t / ℓ̄_e,     ℓ = |I|², ℓ̄_e = (S̄_e / S_base)² (rating at 1 pu)
 *
 * i.e. the mean squared loading ratio (I/Ī)². For a given amount of power to carry, a sum of squares is smallest
 * when the flow is spread evenly (over hours: peaks flattened; over branches: no branch overloaded while others
 * idle), and since mean(x²) = var(x) + mean(x)² it penalises both the spread and the level of loading.
 * It is defined on the physical current ℓ and is linear and increasing in every ℓ, so it can never be improved by
 * inflating a current: adding it to a minimised objective keeps the cone relaxation P² + Q² ≤ v ℓ exact (an index
 * built on the variance of ℓ would reward inflating lightly loaded branches and break exactness).
 */
import type { Network } from "../network/types";
import { ArgumentError } from "../util/errors";
import type { DistFlowVars } from "./distflow";
import { LinExpr } from "./expr";

/** ℓ̄_e of every branch (pu²), from its rating. @throws ArgumentError when a branch has no positive rating. */
export function currentLimitsPu2(net: Network): number[] {
  const baseKva = 1000 * net.baseMva;
  return net.branches.map((b) => {
    if (!(b.rateKva !== undefined && b.rateKva > 0)) {
      throw new ArgumentError("currentLimitsPu2", `branch ${b.id} (${b.fromBus}→${b.toBus}) has no rating: add one with withLineRatings`);
    }
    return (b.rateKva / baseKva) ** 2;
  });
}

/** B as a linear expression of the ℓ variables (over `hours`, default all of the model's hours). */
export function balanceIndexExpr(net: Network, d: DistFlowVars, hours: readonly number[] = d.hours): LinExpr {
  const lim = currentLimitsPu2(net);
  const n = net.branches.length * hours.length;
  const out = new LinExpr();
  net.branches.forEach((br, e) => {
    for (const t of hours) out.add(d.l.col(br.id, t), 1 / (n * lim[e]));
  });
  return out;
}

/**
 * B from branch currents (pu) given per hour and branch (`iPu[hour][branch index]`), e.g. from an AC power flow —
 * the same definition evaluated outside a model.
 */
export function balanceIndexOf(net: Network, iPu: readonly (ArrayLike<number>)[]): number {
  const lim = currentLimitsPu2(net);
  let s = 0;
  for (const row of iPu) for (let e = 0; e < lim.length; e++) s += (row[e] * row[e]) / lim[e];
  return s / (iPu.length * lim.length);
}
