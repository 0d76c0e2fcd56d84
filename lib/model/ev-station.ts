/**
 * An EV charging station as a constraint block of any model, per bus and hour (PowerModels-style template: it reads
 * EV data only and writes its own families). Three aggregate formulations of the flexible EVs (see lib/ev/README.md):
 *
 * - "envelope" (the study's Minkowski-sum outer approximation): 0 ≤ P_t ≤ Σ_i p̄_i,t and
 *   Σ_i latest_i(k) ≤ E_k ≤ Σ_i earliest_i(k) with E_k = E_{k−1} + P_{k−1} Δt (E_0 = 0), k = 1 … T;
 * - "exact": the same rows (each is a row of the exact g-polymatroid: prefix sets) with the tighter singleton bound
 *   P_t Δt ≤ Σ_i min(c_i,t, eMax_i); the remaining slot-set rows come lazily from `evExactSeparator` (lib/solve);
 * - "inner": P = Σ_k λ_k V^k over the greedy vertices V^k of lib/ev/inner.ts (λ ≥ 0, Σ λ = 1) — always
 *   disaggregable.
 *
 * Units: the station's variables are in kW (slot-average power) and its rows in kWh, which keeps the EV rows well
 * scaled (coefficients Δt, right-hand sides of kWh) whatever the network's base; the balance sees them through the
 * injection coefficient −1/baseKva (pu = kW / baseKva). The uncontrolled EVs enter as a fixed load.
 */
import { aggregateEnvelope, type AggregateEnvelope } from "../ev/aggregate";
import { type ControllableSplit, splitAt, splitControllable } from "../ev/controllable";
import { commonGrid, type EvFlex, slotCapKwh } from "../ev/flex";
import type { ResolvedGrid, TimeGrid } from "../ev/grid";
import { innerApproximation, type InnerApproximation, type PriorityOrder } from "../ev/inner";
import { ArgumentError } from "../util/errors";
import type { Rng } from "../util/random";
import type { BusInjections } from "./distflow";
import { LinExpr } from "./expr";
import type { VarFamily } from "./families";
import type { Model } from "./model";

/** The aggregate formulation of a station. */
export type EvStationModel = "envelope" | "inner" | "exact";

/**
 * Which EVs of a station are flexible: drawn here (round(α·N) of them with `rng`), or drawn beforehand — the planning
 * inputs hold each day's split (`flexibleIndex`, positions in `evs`), so that every model of the day sees the same.
 */
export type EvStationSplit =
  | {
      /** Controllable share α in [0, 1]: round(α·N) EVs drawn with `rng` are flexible, the rest uncontrolled. */
      controllable: number;
      /** Seeded random source of the draw (unused when α is 0 or 1). */
      rng: Rng;
    }
  | {
      /** Positions in `evs` of the flexible EVs (ascending); the others charge uncontrolled. */
      flexibleIndex: readonly number[];
    };

/** Input of {@link addEvStation}. */
export type AddEvStationArgs = EvStationArgs & EvStationSplit;

/** The station's data and formulation, whichever way its split is given. */
export interface EvStationArgs {
  /** Unique family prefix, e.g. `ev-b${bus}`. */
  name: string;
  /** 1-based bus number. */
  bus: number;
  /** The model's hour keys the station's slots map to, in order (slot t belongs to hours[⌊t / slotsPerHour⌋]). */
  hours: number[];
  /** Power base of the balance rows, kVA: an injection in pu = kW / baseKva. */
  baseKva: number;
  /** Every EV of the station for this day (one grid; its slot count is a multiple of hours.length). */
  evs: EvFlex[];
  model: EvStationModel;
  /** Grid when `evs` is empty. Default one-hour slots, one per hour. */
  grid?: TimeGrid;
  /** "inner" only: priority orders of the greedy vertices (default lib/ev `defaultInnerOrders`). */
  innerOrders?: readonly PriorityOrder[];
}

/** The variables and data of a station added by {@link addEvStation}. */
export interface EvStationVars {
  name: string;
  bus: number;
  hours: number[];
  baseKva: number;
  model: EvStationModel;
  grid: ResolvedGrid;
  /** Slots per model hour. */
  slotsPerHour: number;
  /** Flexible aggregate power P_t in kW (slot average), keyed by slot 0 … T − 1. */
  pKw: VarFamily;
  /** Model column of P_t per slot. */
  pKwCols: number[];
  /** The flexible and uncontrolled EVs and the positions of the flexible ones in `evs`. */
  flexible: EvFlex[];
  uncontrolled: EvFlex[];
  flexibleIndex: number[];
  /** Uncontrolled charging, kW per model hour (mean over its slots) and per slot. */
  uncontrolledKw: number[];
  uncontrolledSlotKw: number[];
  /** The study's envelope of the flexible EVs (its rows are in the model for "envelope" and "exact"). */
  envelope: AggregateEnvelope;
  /** "envelope" and "exact": cumulative energy E_k = Σ_{t<k} P_t Δt in kWh, keyed k = 1 … T, bounded by the envelope. */
  eKwh?: VarFamily;
  /** "inner": the vertices, the weights λ (family keyed by vertex index) and the row Σ λ = 1. */
  inner?: { approximation: InnerApproximation; lambda: VarFamily; convexRow: number };
}

/**
 * Adds an EV station to a model and registers its charging (flexible aggregate and uncontrolled EVs) as negative
 * injections at its bus, per hour.
 * @param m the model.
 * @param inj the injections the balance rows will read (write the balance rows after this call).
 * @param args station data and formulation.
 * @returns the station's variables (P in kW per slot) and data; for "exact", pass it to `evExactSeparator`.
 * @throws ArgumentError for a bad bus, base, share, hour list, or a grid that does not fit the hours.
 */
export function addEvStation(m: Model, inj: BusInjections, args: AddEvStationArgs): EvStationVars {
  const where = `addEvStation(${args.name})`;
  const { name, bus, hours, baseKva, evs, model } = args;
  if (!name) throw new ArgumentError(where, "a station needs a name (its family prefix)");
  if (!Number.isInteger(bus) || bus < 1) throw new ArgumentError(where, `bus numbers are 1-based integers, got ${bus}`);
  if (!(baseKva > 0) || !Number.isFinite(baseKva)) throw new ArgumentError(where, `baseKva must be > 0, got ${baseKva}`);
  if (hours.length === 0) throw new ArgumentError(where, "hours is empty");
  if (model !== "envelope" && model !== "inner" && model !== "exact") throw new ArgumentError(where, `model must be envelope, inner or exact, got "${model}"`);
  const grid = commonGrid(evs, where, args.grid ?? { slots: hours.length, dtH: 1 });
  const T = grid.slots;
  const k = T / hours.length;
  if (!Number.isInteger(k)) throw new ArgumentError(where, `${T} slots do not split evenly into ${hours.length} hours`);
  const split: ControllableSplit = "flexibleIndex" in args ? splitAt(evs, args.flexibleIndex, grid) : splitControllable(evs, args.controllable, args.rng, grid);
  const { flexible } = split;
  const envelope = aggregateEnvelope(flexible, grid);
  const dtH = grid.dtH;
  const slots = Array.from({ length: T }, (_, t) => t);

  // Power bounds: the study's Σ p̄ (envelope, inner) or the exact singleton rows Σ min(c, eMax) / Δt (exact).
  const singleton = slots.map((t) => flexible.reduce((a, ev) => a + Math.min(slotCapKwh(ev, t), ev.eMaxKwh), 0) / dtH);
  const pKw = m.addVars(`${name}.pKw`, { slot: slots }, { lb: 0, ub: (t) => (model === "exact" ? singleton[t as number] : envelope.pMaxKw[t as number]) });
  const pKwCols = slots.map((t) => pKw.col(t));

  let inner: EvStationVars["inner"];
  let eKwh: VarFamily | undefined;
  if (model === "envelope" || model === "exact") {
    // Cumulative energy as a state with bounds (sparse, O(T) rows): E_k = E_{k−1} + P_{k−1} Δt, latest ≤ E_k ≤ earliest.
    const ks = Array.from({ length: T }, (_, i) => i + 1);
    eKwh = m.addVars(`${name}.eKwh`, { k: ks }, { lb: (kk) => envelope.eLowerKwh[kk as number], ub: (kk) => Math.max(envelope.eLowerKwh[kk as number], envelope.eUpperKwh[kk as number]) });
    for (const kk of ks) {
      const e = new LinExpr().add(eKwh.col(kk), 1).add(pKwCols[kk - 1], -dtH);
      if (kk > 1) e.add(eKwh.col(kk - 1), -1);
      m.eq(`${name}.energy`, [kk], e, 0);
    }
  } else {
    const approximation = innerApproximation(flexible, { orders: args.innerOrders, grid });
    const K = approximation.vertexKw.length;
    const lambda = m.addVars(`${name}.lambda`, { vertex: Array.from({ length: K }, (_, i) => i) }, { lb: 0, ub: 1 });
    const convex = new LinExpr();
    for (let i = 0; i < K; i++) convex.add(lambda.col(i), 1);
    const convexRow = m.eq(`${name}.convex`, [], convex, 1);
    for (const t of slots) {
      const e = new LinExpr().add(pKwCols[t], 1);
      for (let i = 0; i < K; i++) e.add(lambda.col(i), -approximation.vertexKw[i][t]);
      m.eq(`${name}.inner`, [t], e, 0);
    }
    inner = { approximation, lambda, convexRow };
  }

  // Injections: the hour's mean slot power, as a load (negative injection) in pu.
  const uncontrolledKw = hours.map((_, h) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += split.uncontrolledKw[h * k + j];
    return s / k;
  });
  hours.forEach((hour, h) => {
    for (let j = 0; j < k; j++) inj.addP(bus, hour, pKwCols[h * k + j], -1 / (k * baseKva));
    if (uncontrolledKw[h] !== 0) inj.addLoad(bus, hour, uncontrolledKw[h] / baseKva);
  });

  return {
    name,
    bus,
    hours: hours.slice(),
    baseKva,
    model,
    grid,
    slotsPerHour: k,
    pKw,
    pKwCols,
    flexible,
    uncontrolled: split.uncontrolled,
    flexibleIndex: split.flexibleIndex,
    uncontrolledKw,
    uncontrolledSlotKw: split.uncontrolledKw,
    envelope,
    eKwh,
    inner,
  };
}
