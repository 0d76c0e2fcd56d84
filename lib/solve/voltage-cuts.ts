/**
 * The safe upper voltage limit (the lossless voltage v̂ ≤ v̄², see `addSafeUpperVoltage`) as lazy rows: instead of
 * 2 × branches + buses columns and as many rows per hour, a {@link Separator} adds the row v_j + Σ_f a_jf ℓ_f ≤ v̄_j²
 * (`safeVoltageLossCoefficients`) of a bus and hour only once a solution breaks it. The rows are the exact limit,
 * not an approximation: when the cut loop ends no row is broken, so the solution is optimal for the model with every
 * row in place, and each earlier round solved a relaxation of it (its cuts stay valid lower bounds).
 *
 * Measured with `npm run bench -- planning --voltage-only` (the paper case's 8 days, each at the same 37 decisions, one
 * thread, each variant twice): explicit rows 60.4 and 52.1 s, lazy rows 41.0 and 43.1 s (0.75), the same simplex
 * iterations (196 k vs 198 k), day costs within 0.03 % at the iterations' cone tolerance 1e-4 pu².
 *
 * Each row enters the model once and must stay there: a caller that purges cuts keeps the rows this separator
 * `owns`.
 */
import type { Network } from "../network/types";
import { radialIndex } from "../network/radial";
import { type DistFlowVars, safeVoltageLimit, safeVoltageLossCoefficients } from "../model/distflow";
import type { Model } from "../model/model";
import type { RowInput } from "./highs";
import type { Separator } from "./separation";

/** Options of {@link safeVoltageSeparator}. */
export interface SafeVoltageSeparatorOptions {
  /**
   * A row is added when v̂ exceeds its limit by more than this (pu²). Default 1e-6, ten times HiGHS's default primal
   * feasibility tolerance, so that a row already in the model is never found broken again by round-off.
   */
  tol?: number;
}

/** The separator of the lossless upper voltage limit of the DistFlow variables `d` of `m` (name "voltage"). */
export function safeVoltageSeparator(m: Model, net: Network, d: DistFlowVars, options: SafeVoltageSeparatorOptions = {}): Separator & { owns(row: RowInput): boolean } {
  const { tol = 1e-6 } = options;
  const ri = radialIndex(net);
  const coefs = safeVoltageLossCoefficients(net);
  const nT = d.hours.length;
  // Column indices, hour-major within each bus / branch (the separation loop runs at every cut round).
  const vCol = Int32Array.from({ length: ri.nBus * nT }, (_, i) => d.v.col(Math.floor(i / nT) + 1, d.hours[i % nT]));
  const lCol = Int32Array.from({ length: ri.nBranch * nT }, (_, i) => d.l.col(net.branches[Math.floor(i / nT)].id, d.hours[i % nT]));
  const limit = Float64Array.from({ length: ri.nBus }, (_, k) => safeVoltageLimit(m, d, k + 1));
  const own = new WeakSet<RowInput>();
  /** (bus index · hours + hour position) of every row handed out: each enters the model once. */
  const added = new Set<number>();
  const rowOf = (k: number, ti: number): RowInput => {
    const { branches, coefs: a } = coefs[k];
    const row: RowInput = { cols: [vCol[k * nT + ti], ...Array.from(branches, (f) => lCol[f * nT + ti])], coefs: [1, ...a], lb: -Infinity, ub: limit[k] };
    own.add(row);
    return row;
  };
  return {
    name: "voltage",
    owns: (row) => own.has(row),
    separate(x: Float64Array): RowInput[] {
      const out: RowInput[] = [];
      for (let k = 0; k < ri.nBus; k++) {
        const { branches, coefs: a } = coefs[k];
        if (branches.length === 0 || !Number.isFinite(limit[k])) continue;
        for (let ti = 0; ti < nT; ti++) {
          if (added.has(k * nT + ti)) continue;
          let vHat = x[vCol[k * nT + ti]];
          for (let i = 0; i < branches.length; i++) vHat += a[i] * x[lCol[branches[i] * nT + ti]];
          if (vHat > limit[k] + tol) {
            added.add(k * nT + ti);
            out.push(rowOf(k, ti));
          }
        }
      }
      return out;
    },
  };
}
