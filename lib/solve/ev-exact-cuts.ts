/**
 * The exact EV aggregate's cut generator: a {@link Separator} for a station added with model "exact". Each round it
 * runs the max-flow separation of lib/ev/exact.ts on the current P and adds the most violated slot-set row
 * (upper Σ_{t∈A} P_t Δt ≤ p(A), and lower ≥ b(A) when energies are ranges) while its violation exceeds `tol`.
 *
 * The pool stores slot SETS (not rows) per key (default: the station's name); a row's right-hand side is always
 * recomputed from the station's own EVs, so every pooled cut is valid for any station it seeds — for the same
 * station-day (e.g. Benders subproblems across iterations) it is exactly the cut found before.
 */
import { evaluateCut, levelSetCuts, mostViolatedCuts, type SlotSetCut } from "../ev/exact";
import type { EvStationVars } from "../model/ev-station";
import { ArgumentError } from "../util/errors";
import type { RowInput } from "./highs";
import type { Separator } from "./separation";

interface PooledSet {
  kind: "upper" | "lower";
  slots: number[];
}

/** Slot sets found so far, per station key. Share one pool between solves of the same station-days. */
export class EvCutPool {
  private readonly sets = new Map<string, Map<string, PooledSet>>();

  /** Number of stored sets over all keys. */
  get size(): number {
    let n = 0;
    for (const m of this.sets.values()) n += m.size;
    return n;
  }

  /** Stores a set under a key; returns false when it was already there. */
  add(key: string, cut: PooledSet): boolean {
    let m = this.sets.get(key);
    if (!m) this.sets.set(key, (m = new Map()));
    const k = `${cut.kind}:${cut.slots.join(",")}`;
    if (m.has(k)) return false;
    m.set(k, { kind: cut.kind, slots: cut.slots.slice() });
    return true;
  }

  /** The stored sets of a key. */
  setsFor(key: string): PooledSet[] {
    return [...(this.sets.get(key)?.values() ?? [])];
  }

  /** Forgets every set. */
  clear(): void {
    this.sets.clear();
  }
}

/** Options of {@link evExactSeparator}. */
export interface EvExactSeparatorOptions {
  /** Pool to seed from and to store new sets in. Default: a fresh pool. */
  pool?: EvCutPool;
  /** Pool key. Default the station's name. */
  poolKey?: string;
  /**
   * Per round, besides the most violated row (min cut), add the violated rows among the trajectory's level sets
   * (lib/ev `levelSetCuts`), at most this many. Default 2 × the number of slots; 0 for the min-cut row only.
   */
  extraCuts?: number;
  /**
   * Slot orders whose chains to add before the first solve: for an order π, the upper rows of the prefixes
   * {π_1 … π_k} (and, with energy ranges, the lower rows of the suffixes). For a price signal ranked cheapest first
   * these are exactly the rows that bind at the optimum (the greedy vertex of a g-polymatroid; Edmonds 1970), so
   * one round often suffices. Default none.
   */
  seedOrders?: readonly (readonly number[])[];
  /**
   * A row is added while its violation exceeds this, kWh. Default 1e-9 × max(1, Σ eMax) + 1e-7 (above HiGHS's
   * feasibility tolerance, far below any measurable tracking error).
   */
  tol?: number;
}

/** The separator plus counters of what it did. */
export interface EvExactSeparator extends Separator {
  pool: EvCutPool;
  /** Separation calls, rows added, and the largest violation at the last call (kWh). */
  stats: { calls: number; cuts: number; lastViolationKwh: number };
}

/** The row of a slot set over the station's P columns (kWh). */
export function evCutRow(station: EvStationVars, cut: SlotSetCut): RowInput {
  const dtH = station.grid.dtH;
  return {
    cols: cut.slots.map((t) => station.pKwCols[t]),
    coefs: cut.slots.map(() => dtH),
    lb: cut.kind === "lower" ? cut.boundKwh : -Infinity,
    ub: cut.kind === "upper" ? cut.boundKwh : Infinity,
  };
}

/**
 * The exact aggregate's separator for a station added with model "exact".
 * @example const sep = evExactSeparator(station, { pool }); await solveModel(m, { separators: [sep] });
 */
export function evExactSeparator(station: EvStationVars, options: EvExactSeparatorOptions = {}): EvExactSeparator {
  const { pool = new EvCutPool(), poolKey = station.name, extraCuts = 2 * station.grid.slots } = options;
  const evs = station.flexible;
  const eTotal = evs.reduce((a, ev) => a + ev.eMaxKwh, 0);
  const tol = options.tol ?? 1e-9 * Math.max(1, eTotal) + 1e-7;
  const ranged = evs.some((ev) => ev.eMinKwh < ev.eMaxKwh);
  const stats = { calls: 0, cuts: 0, lastViolationKwh: 0 };
  const added = new Set<string>();
  const zero = new Array<number>(station.grid.slots).fill(0);
  return {
    name: "ev-exact",
    pool,
    stats,
    seed(): RowInput[] {
      if (evs.length === 0) return [];
      const sets = pool.setsFor(poolKey);
      const T = station.grid.slots;
      for (const order of options.seedOrders ?? []) {
        if (order.length !== T || new Set(order).size !== T) throw new ArgumentError("evExactSeparator", `a seed order must list each of the ${T} slots once`);
        for (let k = 1; k < T; k++) {
          sets.push({ kind: "upper", slots: order.slice(0, k).slice().sort((a, b) => a - b) });
          if (ranged) sets.push({ kind: "lower", slots: order.slice(k).slice().sort((a, b) => a - b) });
        }
      }
      const rows: RowInput[] = [];
      for (const s of sets) {
        const key = `${s.kind}:${s.slots.join(",")}`;
        if (added.has(key)) continue;
        added.add(key);
        rows.push(evCutRow(station, evaluateCut(evs, zero, s.kind, s.slots)));
      }
      return rows;
    },
    separate(x: Float64Array): RowInput[] {
      stats.calls++;
      if (evs.length === 0) return [];
      const pKw = station.pKwCols.map((c) => x[c]);
      const sep = mostViolatedCuts(evs, pKw, { lower: ranged });
      const rows: RowInput[] = [];
      stats.lastViolationKwh = Math.max(sep.upper.violationKwh, sep.lower?.violationKwh ?? -Infinity);
      const found = [sep.upper, sep.lower];
      if (extraCuts > 0 && stats.lastViolationKwh > tol) found.push(...levelSetCuts(evs, pKw, tol, ranged).slice(0, extraCuts));
      for (const cut of found) {
        if (!cut || !(cut.violationKwh > tol)) continue;
        const key = `${cut.kind}:${cut.slots.join(",")}`;
        // A set already added and still violated is the solver's tolerance at work: adding it again would loop.
        if (added.has(key)) continue;
        added.add(key);
        pool.add(poolKey, cut);
        rows.push(evCutRow(station, cut));
      }
      stats.cuts += rows.length;
      return rows;
    },
  };
}
