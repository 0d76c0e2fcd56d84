/**
 * An inner approximation of the exact aggregate that always disaggregates: the convex hull of K aggregate
 * "greedy vertices".
 *
 * For a priority order π of the slots, each EV charges greedily: as much as it can in π(1), then π(2), … until its
 * energy is reached. That schedule x_i^π is feasible for EV i, so V^π = Σ_i x_i^π lies in the exact aggregate (for a
 * linear signal whose slot ranking is π it is even the aggregate's optimal vertex). Any convex combination
 * P = Σ_k λ_k V^k (λ ≥ 0, Σ λ = 1) disaggregates exactly into x_i = Σ_k λ_k x_i^k, which is feasible for EV i by
 * convexity. So conv{V^k} ⊆ exact aggregate, with K + T variables and T + 1 rows in a model.
 *
 * Default orders (signal-independent): as soon as possible, as late as possible, and for every slot h "nearest to
 * h first" (ties to the earlier slot): T + 2 vertices. With energy ranges each order gives two vertices (eMax and
 * eMin). Pass your own orders (e.g. slots ranked by a price) to shape it.
 */
import { ArgumentError } from "../util/errors";
import { commonGrid, type EvFlex, slotCapKwh } from "./flex";
import type { ResolvedGrid, TimeGrid } from "./grid";

/** A named priority order of all slots. */
export interface PriorityOrder {
  name: string;
  slots: number[];
}

/** The default orders: "asap", "alap" and "near-h" for every slot h. */
export function defaultInnerOrders(slots: number): PriorityOrder[] {
  const all = Array.from({ length: slots }, (_, t) => t);
  const orders: PriorityOrder[] = [
    { name: "asap", slots: all.slice() },
    { name: "alap", slots: all.slice().reverse() },
  ];
  for (let h = 0; h < slots; h++) {
    orders.push({ name: `near-${h}`, slots: all.slice().sort((a, b) => Math.abs(a - h) - Math.abs(b - h) || a - b) });
  }
  return orders;
}

/** EV i's greedy schedule for a priority order: fills slots in order until `energyKwh`. Returns kW per slot. */
export function greedySchedule(ev: EvFlex, order: readonly number[], energyKwh: number): number[] {
  const p = new Array<number>(ev.grid.slots).fill(0);
  let left = energyKwh;
  for (const t of order) {
    if (left <= 0) break;
    const e = Math.min(left, slotCapKwh(ev, t));
    p[t] = e / ev.grid.dtH;
    left -= e;
  }
  return p;
}

/** The vertices of the inner approximation and the individual schedules behind each. */
export interface InnerApproximation {
  grid: ResolvedGrid;
  /** Vertex names (order name, plus ":min"/":max" with energy ranges). */
  names: string[];
  /** Aggregate vertices V^k, kW per slot (K × T). */
  vertexKw: number[][];
  /** Individual schedules x_i^k, kW per slot (K × N × T). */
  evKw: number[][][];
}

/** Options of {@link innerApproximation}. */
export interface InnerOptions {
  /** Priority orders; default {@link defaultInnerOrders}. Each must list every slot once. */
  orders?: readonly PriorityOrder[];
  /** Grid when `evs` is empty. */
  grid?: TimeGrid;
}

/**
 * The greedy-vertex inner approximation of a fleet.
 * @throws ArgumentError for EVs on different grids or an order that is not a permutation of the slots.
 */
export function innerApproximation(evs: readonly EvFlex[], options: InnerOptions = {}): InnerApproximation {
  const where = "innerApproximation";
  const grid = commonGrid(evs, where, options.grid);
  const T = grid.slots;
  const orders = options.orders ?? defaultInnerOrders(T);
  if (orders.length === 0) throw new ArgumentError(where, "need at least one priority order");
  for (const o of orders) {
    const seen = new Set(o.slots);
    if (o.slots.length !== T || seen.size !== T || o.slots.some((t) => !(Number.isInteger(t) && t >= 0 && t < T))) {
      throw new ArgumentError(where, `order "${o.name}" is not a permutation of the ${T} slots`);
    }
  }
  const ranged = evs.some((ev) => ev.eMinKwh < ev.eMaxKwh);
  const names: string[] = [];
  const vertexKw: number[][] = [];
  const evKw: number[][][] = [];
  const seen = new Set<string>();
  for (const o of orders) {
    for (const level of ranged ? (["max", "min"] as const) : (["max"] as const)) {
      const xs = evs.map((ev) => greedySchedule(ev, o.slots, level === "max" ? ev.eMaxKwh : ev.eMinKwh));
      const v = new Array<number>(T).fill(0);
      for (const x of xs) for (let t = 0; t < T; t++) v[t] += x[t];
      const key = v.map((y) => y.toPrecision(12)).join(",");
      if (seen.has(key)) continue;
      seen.add(key);
      names.push(ranged ? `${o.name}:${level}` : o.name);
      vertexKw.push(v);
      evKw.push(xs);
    }
  }
  return { grid, names, vertexKw, evKw };
}

/**
 * The individual schedules of a point Σ_k λ_k V^k of the inner approximation: x_i = Σ_k λ_k x_i^k (kW per slot).
 * @throws ArgumentError when λ has the wrong length or is not a convex combination (tolerance 1e-6).
 */
export function innerDisaggregate(inner: InnerApproximation, lambda: readonly number[]): number[][] {
  const K = inner.vertexKw.length;
  if (lambda.length !== K) throw new ArgumentError("innerDisaggregate", `λ has ${lambda.length} values for ${K} vertices`);
  const sum = lambda.reduce((a, b) => a + b, 0);
  if (lambda.some((l) => l < -1e-6) || Math.abs(sum - 1) > 1e-6) throw new ArgumentError("innerDisaggregate", `λ must be ≥ 0 and sum to 1 (sum ${sum})`);
  const N = K ? inner.evKw[0].length : 0;
  const T = inner.grid.slots;
  const out = Array.from({ length: N }, () => new Array<number>(T).fill(0));
  for (let k = 0; k < K; k++) {
    const l = Math.max(0, lambda[k]) / sum;
    if (l === 0) continue;
    for (let i = 0; i < N; i++) for (let t = 0; t < T; t++) out[i][t] += l * inner.evKw[k][i][t];
  }
  return out;
}
