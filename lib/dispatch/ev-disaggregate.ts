/**
 * Disaggregation of an aggregate trajectory P into individual schedules that track it best:
 *   min Σ_t (Σ_i p_i,t − P_t)²   s.t. every EV's limits and energy.
 *
 * "qp" (default) first tries one max-flow: when it places the whole trajectory, P lies in the exact aggregate and
 * those schedules attain the optimum 0 exactly. Otherwise it solves the problem in two exact steps: the QP min Σ_t (y_t − P_t)² over the EXACT aggregate y (T variables
 * on HiGHS, the g-polymatroid rows added lazily by `evExactSeparator`), then one max-flow splits y into individual
 * schedules (lib/ev `flowDisaggregate`). Since {Σ_i p_i : p feasible} is exactly that aggregate, this is the optimum
 * of the individual QP, found on a 24-variable QP instead of an N·T one.
 * "qp-individual" is the textbook QP over all p_i,t on HiGHS, kept as an independent check; HiGHS's active-set QP
 * stalls on this degenerate problem (measured: 20 s time limit at N = 20), so it carries a proximal term
 * ε Σ p_i,t² (default ε = 1e-6, which biases the tracking error by ~1e-10 kW²).
 * "llf" is the least-laxity-first heuristic, "flow" the plain max-flow (exact only for trajectories of the exact
 * aggregate).
 */
import { flowDisaggregate } from "../ev/exact";
import { commonGrid, type EvFlex } from "../ev/flex";
import { llfDisaggregate } from "../ev/llf";
import { trackingMetrics, type TrackingMetrics } from "../ev/metrics";
import { BusInjections } from "../model/distflow";
import { addEvSchedules } from "../model/ev-schedule";
import { addEvStation } from "../model/ev-station";
import { LinExpr } from "../model/expr";
import { Model } from "../model/model";
import { ArgumentError } from "../util/errors";
import { createRng } from "../util/random";
import { evExactSeparator } from "../solve/ev-exact-cuts";
import type { HighsOptions } from "../solve/highs";
import { solveRescaled } from "./ev-dispatch";

/** A disaggregation method (see the file comment). */
export type DisaggregationMethod = "qp" | "qp-individual" | "llf" | "flow";

/** Individual schedules and how well they track the aggregate. */
export interface Disaggregation {
  method: DisaggregationMethod;
  /** p_i,t per EV (input order), kW. */
  pKw: number[][];
  /** Σ_i p_i,t − P_t per slot, kW. */
  residualKw: number[];
  metrics: TrackingMetrics;
  seconds: number;
  /** "qp": cut rounds of the aggregate QP. */
  rounds?: number;
  /**
   * "flow" and "qp": energy the max-flow could not place (kWh). For "flow" on a trajectory outside the exact
   * aggregate some EVs then receive less than their energy — its schedules are not individually feasible.
   */
  shortfallKwh?: number;
}

/** True when the max-flow places the whole trajectory (to 1e-12 of the fleet energy): P is in the exact aggregate. */
function exactlyPlaced(evs: readonly EvFlex[], targetKw: readonly number[]): boolean {
  const e = Math.max(1, evs.reduce((a, ev) => a + ev.eMaxKwh, 0));
  const f = flowDisaggregate(evs, targetKw);
  const dtH = evs[0].grid.dtH;
  return f.shortfallKwh <= 1e-12 * e && f.residualKw.every((r) => Math.abs(r) * dtH <= 1e-12 * e);
}

/** Options of {@link disaggregate}. */
export interface DisaggregateOptions extends HighsOptions {
  /** "qp-individual": proximal weight ε of Σ p². Default 1e-6. */
  proximal?: number;
}

/**
 * Disaggregates `targetKw` over the EVs.
 * @param evs the flexible EVs the aggregate was built from.
 * @param targetKw P_t, kW per slot.
 * @param method "qp" (default), "qp-individual", "llf" or "flow".
 * @param options solver options.
 * @throws ArgumentError for a trajectory of the wrong length or an unknown method; solver errors.
 */
export async function disaggregate(
  evs: readonly EvFlex[],
  targetKw: readonly number[],
  method: DisaggregationMethod = "qp",
  options: DisaggregateOptions = {},
): Promise<Disaggregation> {
  const t0 = performance.now();
  const where = "disaggregate";
  const { proximal = 1e-6, ...highs } = options;
  if (evs.length === 0) {
    const residualKw = targetKw.map((p) => -p);
    return { method, pKw: [], residualKw, metrics: trackingMetrics(targetKw, residualKw.map(() => 0)), seconds: 0 };
  }
  const grid = commonGrid(evs, where);
  if (targetKw.length !== grid.slots) throw new ArgumentError(where, `trajectory has ${targetKw.length} values for ${grid.slots} slots`);
  const slots = Array.from({ length: grid.slots }, (_, t) => t);
  const ref = Math.max(1e-3, evs.reduce((a, ev) => a + ev.eMaxKwh, 0) / (grid.slots * grid.dtH));
  let pKw: number[][];
  let rounds: number | undefined;
  let shortfallKwh: number | undefined;
  if (method === "llf") pKw = llfDisaggregate(evs, targetKw).pKw;
  else if (method === "flow") {
    const f = flowDisaggregate(evs, targetKw);
    pKw = f.pKw;
    shortfallKwh = f.shortfallKwh;
  }
  else if (method === "qp" && exactlyPlaced(evs, targetKw)) {
    // P lies in the exact aggregate: the QP's optimum is 0 and the max-flow attains it (exactly, not to QP tolerance).
    const f = flowDisaggregate(evs, targetKw);
    pKw = f.pKw;
    shortfallKwh = f.shortfallKwh;
    rounds = 0;
  } else if (method === "qp") {
    const build = (k: number) => {
      const m = new Model("ev-disaggregation");
      const station = addEvStation(m, new BusInjections(), { name: "y", bus: 1, hours: slots, baseKva: 1, evs: evs.slice(), controllable: 1, rng: createRng(0), model: "exact" });
      // Objective in kW² scaled up for small fleets (see `signalScale`): HiGHS's QP tolerances are absolute.
      const w = k * Math.max(1, 1 / (ref * ref));
      for (const t of slots) {
        m.addQuadratic(station.pKwCols[t], station.pKwCols[t], w);
        m.addObjective(new LinExpr().add(station.pKwCols[t], -2 * w * targetKw[t]).addConstant(w * targetKw[t] * targetKw[t]));
      }
      return { m, station, separators: [evExactSeparator(station)] };
    };
    const { built, sol } = await solveRescaled(where, build, highs);
    rounds = sol.info.rounds;
    const f = flowDisaggregate(evs, Array.from(sol.values(built.station.pKw)));
    pKw = f.pKw;
    shortfallKwh = f.shortfallKwh;
  } else if (method === "qp-individual") {
    const build = (k: number) => {
      const m = new Model("ev-disaggregation-individual");
      const v = addEvSchedules(m, "ev", evs);
      const r = m.addVars("residualKw", { slot: slots }, { lb: -Infinity });
      const w = k * Math.max(1, 1 / (ref * ref));
      for (const t of slots) {
        m.eq("tracking", [t], new LinExpr().add(r.col(t), 1).addExpr(v.totalKw[t], -1), -targetKw[t]);
        m.addQuadratic(r.col(t), r.col(t), w);
      }
      if (proximal > 0) for (const c of v.pKw.cols()) m.addQuadratic(c, c, w * proximal);
      return { m, v };
    };
    const { built, sol } = await solveRescaled(where, build, highs);
    pKw = sol.matrix(built.v.pKw);
  } else throw new ArgumentError(where, `method must be qp, qp-individual, llf or flow, got "${method}"`);
  const residualKw = targetKw.map((p, t) => pKw.reduce((a, x) => a + x[t], 0) - p);
  return { method, pKw, residualKw, metrics: trackingMetrics(targetKw, pKw), seconds: (performance.now() - t0) / 1000, rounds, shortfallKwh };
}
