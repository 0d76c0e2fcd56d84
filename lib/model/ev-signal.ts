/**
 * A dispatch signal as an objective over a flexible load (kW per slot): a price (linear, Σ price·P·Δt) or valley
 * filling (convex quadratic, Σ (base + P)²·Δt via one free load variable per slot).
 */
import type { EvSignal } from "../ev/signals";
import { signalSlots } from "../ev/signals";
import { ArgumentError } from "../util/errors";
import { LinExpr } from "./expr";
import type { Model } from "./model";

/**
 * Adds the signal's cost of `loadKw` (one expression per slot, kW) to the objective.
 * @param m the model.
 * @param name family prefix of the valley-filling load variables and rows.
 * @param loadKw flexible load per slot.
 * @param signal price or valley signal on the same slots.
 * @param dtH slot length, hours.
 * @param scale factor on the whole objective (default 1): solvers with absolute tolerances (HiGHS's QP) behave best
 *   when the objective is O(1) — e.g. 1 / (typical kW)² for valley filling. It does not change the optimum.
 * @throws ArgumentError when the lengths differ or the scale is not positive.
 */
export function addSignalObjective(m: Model, name: string, loadKw: readonly LinExpr[], signal: EvSignal, dtH: number, scale = 1): void {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new ArgumentError("addSignalObjective", `scale must be > 0, got ${scale}`);
  const T = signalSlots(signal);
  if (loadKw.length !== T) throw new ArgumentError("addSignalObjective", `${loadKw.length} load expressions for a signal of ${T} slots`);
  if (signal.kind === "price") {
    loadKw.forEach((e, t) => m.addObjective(e, scale * signal.pricePerKwh[t] * dtH));
    return;
  }
  const slots = Array.from({ length: T }, (_, t) => t);
  const s = m.addVars(`${name}.loadKw`, { slot: slots }, { lb: -Infinity });
  slots.forEach((t) => {
    m.eq(`${name}.load`, [t], new LinExpr().add(s.col(t), 1).addExpr(loadKw[t], -1), signal.baseKw[t]);
    m.addQuadratic(s.col(t), s.col(t), scale * dtH);
  });
}
