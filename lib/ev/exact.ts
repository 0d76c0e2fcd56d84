/**
 * The exact aggregate of unidirectional EVs: a g-polymatroid, separated by max-flow.
 *
 * EV i may take c_i,t = p̄_i,t Δt kWh in slot t and eMin_i … eMax_i kWh in total. An aggregate trajectory P (kW) with
 * slot energies D_t = P_t Δt is a sum of feasible individual schedules exactly when the transportation problem
 * EVs → slots (supply in [eMin_i, eMax_i], demand D_t, arc capacity c_i,t) is feasible. By the max-flow/min-cut
 * theorem (Gale–Hoffman) that holds exactly when, for every set A of slots,
 *   b(A) ≤ D(A) ≤ p(A),   p(A) = Σ_i min(eMax_i, c_i(A)),   b(A) = Σ_i max(0, eMin_i − c_i(Ā)),
 * with c_i(A) = Σ_{t∈A} c_i,t and Ā the other slots (A = all slots gives Σ eMin ≤ Σ_t D_t ≤ Σ eMax). p is
 * submodular, b supermodular: each EV's set is a g-polymatroid and the Minkowski sum of g-polymatroids is the
 * g-polymatroid of the summed functions, so these 2·2^T rows ARE the exact aggregate.
 *
 * Separation (which A is violated most): the upper rows by one max-flow source → EVs (eMax_i) → slots (c_i,t) →
 * sink (D_t), whose minimum cut's sink-side slots maximise D(A) − p(A); the lower rows by one max-flow
 * source → slots (D_t) → EVs (c_i,t) → sink (eMin_i), whose sink-side slots maximise b(A) − D(A). Both run on
 * capacities scaled to integers (exact partitions); the returned set's violation is then measured in floating point.
 */
import { ArgumentError } from "../util/errors";
import { commonGrid, type EvFlex, slotCapKwh } from "./flex";
import { FlowNetwork, integerScale } from "./maxflow";

/** A slot set's row of the exact aggregate, evaluated at a trajectory. */
export interface SlotSetCut {
  /** "upper": D(A) ≤ p(A); "lower": D(A) ≥ b(A). */
  kind: "upper" | "lower";
  /** The slots of A, ascending. */
  slots: number[];
  /** D(A) = Σ_{t∈A} P_t Δt at the trajectory, kWh. */
  energyKwh: number;
  /** p(A) (upper) or b(A) (lower), kWh. */
  boundKwh: number;
  /** D(A) − p(A) (upper) or b(A) − D(A) (lower): > 0 when violated, kWh. */
  violationKwh: number;
}

function membership(slots: number, A: readonly number[]): Uint8Array {
  const inA = new Uint8Array(slots);
  for (const t of A) {
    if (!(t >= 0 && t < slots) || !Number.isInteger(t)) throw new ArgumentError("slot set", `slot ${t} outside 0 … ${slots - 1}`);
    inA[t] = 1;
  }
  return inA;
}

/** p(A) = Σ_i min(eMax_i, c_i(A)): the most energy the fleet can take within the slots of A (kWh). */
export function upperCapacityKwh(evs: readonly EvFlex[], A: readonly number[]): number {
  if (evs.length === 0) return 0;
  const inA = membership(evs[0].grid.slots, A);
  let s = 0;
  for (const ev of evs) {
    let c = 0;
    for (let t = 0; t < inA.length; t++) if (inA[t]) c += slotCapKwh(ev, t);
    s += Math.min(ev.eMaxKwh, c);
  }
  return s;
}

/** b(A) = Σ_i max(0, eMin_i − c_i(Ā)): the least energy the fleet must take within the slots of A (kWh). */
export function lowerRequirementKwh(evs: readonly EvFlex[], A: readonly number[]): number {
  if (evs.length === 0) return 0;
  const inA = membership(evs[0].grid.slots, A);
  let s = 0;
  for (const ev of evs) {
    let out = 0;
    for (let t = 0; t < inA.length; t++) if (!inA[t]) out += slotCapKwh(ev, t);
    s += Math.max(0, ev.eMinKwh - out);
  }
  return s;
}

/** Evaluates the upper or lower row of slot set A at the trajectory `pKw`. */
export function evaluateCut(evs: readonly EvFlex[], pKw: ArrayLike<number>, kind: "upper" | "lower", A: readonly number[]): SlotSetCut {
  const dtH = evs.length ? evs[0].grid.dtH : 1;
  const slots = [...A].sort((a, b) => a - b);
  let energyKwh = 0;
  for (const t of slots) energyKwh += pKw[t] * dtH;
  const boundKwh = kind === "upper" ? upperCapacityKwh(evs, slots) : lowerRequirementKwh(evs, slots);
  return { kind, slots, energyKwh, boundKwh, violationKwh: kind === "upper" ? energyKwh - boundKwh : boundKwh - energyKwh };
}

/** Options of {@link mostViolatedCuts}. */
export interface MostViolatedOptions {
  /** Also separate the lower rows. Default: only when some EV has eMin < eMax (otherwise they follow from the upper rows and Σ_t D_t = Σ e). */
  lower?: boolean;
}

/** The most violated upper (and lower) row at a trajectory. */
export interface CutSeparation {
  upper: SlotSetCut;
  lower?: SlotSetCut;
  /** The integer scale used for the min cuts (units per kWh). */
  scale: number;
}

function checkTrajectory(where: string, evs: readonly EvFlex[], pKw: ArrayLike<number>): number {
  const T = commonGrid(evs, where).slots;
  if (pKw.length !== T) throw new ArgumentError(where, `trajectory has ${pKw.length} values for ${T} slots`);
  for (let t = 0; t < T; t++) if (!Number.isFinite(pKw[t])) throw new ArgumentError(where, `trajectory value at slot ${t} is not finite`);
  return T;
}

/**
 * The most violated row(s) of the exact aggregate at the trajectory `pKw` (kW per slot), found from minimum cuts on
 * integer-scaled capacities; violations measured in floating point. A violation ≤ 0 means no row of that kind is
 * violated (up to the scale's resolution, 2^-50 of the fleet energy).
 * @throws ArgumentError for an empty fleet, EVs on different grids or a trajectory of the wrong length.
 */
export function mostViolatedCuts(evs: readonly EvFlex[], pKw: ArrayLike<number>, options: MostViolatedOptions = {}): CutSeparation {
  const where = "mostViolatedCuts";
  const T = checkTrajectory(where, evs, pKw);
  const { lower = evs.some((ev) => ev.eMinKwh < ev.eMaxKwh) } = options;
  const dtH = evs[0].grid.dtH;
  const N = evs.length;
  const D = Array.from({ length: T }, (_, t) => Math.max(0, pKw[t] * dtH));
  const total = Math.max(D.reduce((a, b) => a + b, 0), evs.reduce((a, ev) => a + ev.eMaxKwh, 0));
  const S = integerScale(total);
  const q = (kwh: number) => Math.round(kwh * S);
  const sink = 1 + N + T;

  // Upper rows: source → EV (eMax) → slot (c) → sink (D).
  const up = new FlowNetwork(N + T + 2, N * (T + 1) + T);
  const beyond = upperCutSinkSide(up, evs.map((ev) => ev.eMaxKwh), (i, t) => Math.min(slotCapKwh(evs[i], t), evs[i].eMaxKwh), D, S);
  const upperSet: number[] = [];
  // Slots with P_t < 0 enter the networks as 0; leaving them out of an upper set only raises its true violation.
  for (let t = 0; t < T; t++) if (beyond[t] && pKw[t] >= 0) upperSet.push(t);
  const result: CutSeparation = { upper: evaluateCut(evs, pKw, "upper", upperSet), scale: S };

  if (lower) {
    // Lower rows: source → slot (D) → EV (c) → sink (eMin). Slots on the sink side form A.
    const slotN = (t: number) => 1 + t;
    const evN = (i: number) => 1 + T + i;
    const lo = new FlowNetwork(N + T + 2, N * (T + 1) + T);
    for (let t = 0; t < T; t++) lo.addArc(0, slotN(t), q(D[t]));
    evs.forEach((ev, i) => {
      for (let t = 0; t < T; t++) {
        const c = Math.min(slotCapKwh(ev, t), ev.eMinKwh);
        if (c > 0) lo.addArc(slotN(t), evN(i), q(c));
      }
      lo.addArc(evN(i), sink, q(ev.eMinKwh));
    });
    lo.maxFlow(0, sink);
    const sideLo = lo.sourceSide(0);
    const lowerSet: number[] = [];
    // …and adding them to a lower set only raises its true violation.
    for (let t = 0; t < T; t++) if (!sideLo[slotN(t)] || pKw[t] < 0) lowerSet.push(t);
    result.lower = evaluateCut(evs, pKw, "lower", lowerSet);
  }
  return result;
}

/**
 * The upper rows' network: source → EV k (energyKwh[k]) → slot j (capKwh(k, j)) → sink (demandKwh[j]), capacities
 * scaled by `scale` and rounded to integers. Resets `g` (which needs at least energies + slots + 2 nodes; any beyond
 * stay isolated), runs a maximum flow and returns, per slot, whether it lies on the sink side of the minimum cut:
 * those slots form the set A maximising D(A) − p(A).
 */
export function upperCutSinkSide(g: FlowNetwork, energyKwh: ArrayLike<number>, capKwh: (k: number, j: number) => number, demandKwh: ArrayLike<number>, scale: number): boolean[] {
  const nE = energyKwh.length;
  const nS = demandKwh.length;
  const q = (kwh: number) => Math.round(kwh * scale);
  const sink = 1 + nE + nS;
  g.reset();
  for (let k = 0; k < nE; k++) {
    g.addArc(0, 1 + k, q(energyKwh[k]));
    for (let j = 0; j < nS; j++) {
      const c = capKwh(k, j);
      if (c > 0) g.addArc(1 + k, 1 + nE + j, q(c));
    }
  }
  for (let j = 0; j < nS; j++) g.addArc(1 + nE + j, sink, q(demandKwh[j]));
  g.maxFlow(0, sink);
  const side = g.sourceSide(0);
  return Array.from({ length: nS }, (_, j) => !side[1 + nE + j]);
}

/** Individual schedules read off a max-flow, with how far they fall short of the trajectory. */
export interface FlowDisaggregation {
  /** Per EV (fleet order), kW per slot. */
  pKw: number[][];
  /** Σ_i p_i,t − P_t per slot, kW (0 for an exactly disaggregable trajectory, up to 2^-50 of the fleet energy). */
  residualKw: number[];
  /** Energy of the trajectory or of the EVs' minimum energies that no flow could place, kWh. */
  shortfallKwh: number;
}

/**
 * Disaggregates a trajectory by one feasible-flow computation (source arcs with lower bounds eMin and upper bounds
 * eMax, slot demands fixed at D_t), on integer-scaled capacities. For a trajectory of the exact aggregate the flow
 * is feasible and the schedules sum to the trajectory; otherwise the largest feasible part is placed and
 * `shortfallKwh` says how much is missing (use the QP of lib/solve for the best-tracking schedules then).
 * @throws ArgumentError for an empty fleet, EVs on different grids or a trajectory of the wrong length.
 */
export function flowDisaggregate(evs: readonly EvFlex[], pKw: ArrayLike<number>): FlowDisaggregation {
  const where = "flowDisaggregate";
  const T = checkTrajectory(where, evs, pKw);
  const N = evs.length;
  const dtH = evs[0].grid.dtH;
  const D = Array.from({ length: T }, (_, t) => Math.max(0, pKw[t] * dtH));
  const total = Math.max(D.reduce((a, b) => a + b, 0), evs.reduce((a, ev) => a + ev.eMaxKwh, 0));
  // Two units of total can cross one arc (lower-bound transformation), so scale for 4 × total.
  const S = integerScale(4 * total);
  const q = (kwh: number) => Math.round(kwh * S);
  const s = 0;
  const evN = (i: number) => 1 + i;
  const slotN = (t: number) => 1 + N + t;
  const t0 = 1 + N + T;
  const superS = t0 + 1;
  const superT = t0 + 2;
  const g = new FlowNetwork(N + T + 4, N * (T + 3) + 2 * T + 1);
  const arcs: { i: number; t: number; arc: number }[] = [];
  let needed = 0;
  evs.forEach((ev, i) => {
    const lo = q(ev.eMinKwh);
    const hi = q(ev.eMaxKwh);
    g.addArc(s, evN(i), hi - lo);
    g.addArc(superS, evN(i), lo);
    g.addArc(s, superT, lo);
    needed += lo;
    for (let t = 0; t < T; t++) {
      const c = slotCapKwh(ev, t);
      if (c > 0) arcs.push({ i, t, arc: g.addArc(evN(i), slotN(t), q(Math.min(c, ev.eMaxKwh))) });
    }
  });
  for (let t = 0; t < T; t++) {
    const d = q(D[t]);
    g.addArc(superS, t0, d);
    g.addArc(slotN(t), superT, d);
    needed += d;
  }
  g.addArc(t0, s, q(4 * total) + 1);
  const placed = g.maxFlow(superS, superT);
  const out = evs.map(() => new Array<number>(T).fill(0));
  for (const a of arcs) out[a.i][a.t] = g.flow(a.arc) / S / dtH;
  const residualKw = Array.from({ length: T }, (_, t) => out.reduce((acc, p) => acc + p[t], 0) - pKw[t]);
  return { pKw: out, residualKw, shortfallKwh: (needed - placed) / S };
}

/**
 * Cheap extra cuts: the violated rows among the level sets of the trajectory — slots ranked by P_t and by
 * P_t / Σ_i min(p̄_i,t, eMax_i/Δt) (its use of the slot's exact capacity), each prefix of the ranking a set A (upper
 * rows: descending; lower rows: ascending). These chains are where price-driven dispatch over-fills (or starves) the
 * fleet, so adding their violated rows with the min-cut row cuts the rounds of a cut loop. O(N·T) per chain.
 * @param evs the fleet; @param pKw the trajectory; @param tol a row counts when its violation exceeds this (kWh).
 * @param lower also the lower rows (default: when some EV has an energy range).
 * @returns the violated rows, most violated first, without duplicates.
 */
export function levelSetCuts(evs: readonly EvFlex[], pKw: ArrayLike<number>, tol: number, lower = evs.some((ev) => ev.eMinKwh < ev.eMaxKwh)): SlotSetCut[] {
  const T = checkTrajectory("levelSetCuts", evs, pKw);
  const dtH = evs[0].grid.dtH;
  const N = evs.length;
  const cap = Array.from({ length: T }, (_, t) => evs.reduce((a, ev) => a + Math.min(slotCapKwh(ev, t), ev.eMaxKwh), 0));
  const byP = Array.from({ length: T }, (_, t) => t).sort((a, b) => pKw[b] - pKw[a] || a - b);
  const byUse = Array.from({ length: T }, (_, t) => t).sort((a, b) => pKw[b] * dtH / Math.max(cap[b], 1e-12) - pKw[a] * dtH / Math.max(cap[a], 1e-12) || a - b);
  const out = new Map<string, SlotSetCut>();
  const consider = (kind: "upper" | "lower", order: number[]) => {
    const cIn = new Float64Array(N);
    const total = evs.map((ev) => ev.pMaxKw.reduce((a, p) => a + p * dtH, 0));
    let D = 0;
    const A: number[] = [];
    for (const t of order) {
      A.push(t);
      D += pKw[t] * dtH;
      let bound = 0;
      for (let i = 0; i < N; i++) {
        cIn[i] += slotCapKwh(evs[i], t);
        bound += kind === "upper" ? Math.min(evs[i].eMaxKwh, cIn[i]) : Math.max(0, evs[i].eMinKwh - (total[i] - cIn[i]));
      }
      const violationKwh = kind === "upper" ? D - bound : bound - D;
      if (violationKwh > tol) {
        const slots = A.slice().sort((a, b) => a - b);
        const key = `${kind}:${slots.join(",")}`;
        if (!out.has(key)) out.set(key, { kind, slots, energyKwh: D, boundKwh: bound, violationKwh });
      }
    }
  };
  consider("upper", byP);
  consider("upper", byUse);
  if (lower) {
    consider("lower", byP.slice().reverse());
    consider("lower", byUse.slice().reverse());
  }
  return [...out.values()].sort((a, b) => b.violationKwh - a.violationKwh);
}
