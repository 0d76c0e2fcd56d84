/**
 * Dispatch of the exact aggregate without an LP solver, for fleets whose energies are fixed (eMin = eMax, the
 * fleets' default). The aggregate of slot energies D is then the base polytope of the submodular function
 *   p(A) = Σ_i min(e_i, c_i(A)),   c_i(A) = Σ_{t∈A} min(p̄_i,t Δt, e_i)
 * (see ./exact.ts): D(A) ≤ p(A) for every slot set A, D(all) = p(all) = Σ e_i. Two classical results of
 * submodular optimisation solve a station's signal exactly on it:
 * - a price (linear cost): Edmonds' greedy algorithm. Rank the slots by price (ties by slot) and give the k-th slot
 *   p(first k) − p(first k − 1): that vertex of the base polytope minimises every linear cost consistent with the
 *   ranking (Edmonds, "Submodular functions, matroids, and certain polyhedra", 1970). O(N·T).
 * - valley filling, min Σ_t (b_t + P_t)² Δt: the decomposition algorithm for separable convex costs over a base
 *   polytope (Fujishige, Math. Oper. Res. 5(2), 1980; Groenevelt, EJOR 54, 1991; Fujishige, "Submodular Functions and
 *   Optimization", 2nd ed., §8.2). Solve with the total alone (one water level λ: D_t = Δt(λ − b_t)); find the slot set A
 *   maximising D(A) − p(A) by one minimum cut (the separation of ./exact.ts); if nothing is violated this D is optimal,
 *   otherwise some optimum has D(A) = p(A) exactly, and the problem splits into the restriction to A (the same EVs
 *   and energies, slots of A) and the contraction on the other slots (energies e_i − c_i(A), floored at 0, which keeps
 *   the form of p). At most T − 1 splits, each one max-flow on a smaller network.
 * Both are independent of the LP cut loop of lib/solve and of individual scheduling, which test the pair.
 */
import { ArgumentError } from "../util/errors";
import { commonGrid, type EvFlex, slotCapKwh } from "./flex";
import { upperCutSinkSide } from "./exact";
import { FlowNetwork, integerScale } from "./maxflow";

/** Result of the combinatorial dispatches. */
export interface ExactDispatch {
  /** The aggregate P_t, kW per slot. */
  pKw: number[];
  /** Minimum cuts computed (valley filling; 0 for a price). */
  maxFlows: number;
  /** Splits of the decomposition (valley filling; 0 for a price). */
  splits: number;
}

/** The fleet as arrays: energies e_i and capacities c_i,t = min(p̄_i,t Δt, e_i), kWh. */
interface FleetArrays {
  T: number;
  dtH: number;
  e: Float64Array;
  cap: Float64Array[];
}

function fleetArrays(where: string, evs: readonly EvFlex[], slots: number): FleetArrays {
  const g = commonGrid(evs, where, { slots, dtH: 1 });
  if (g.slots !== slots) throw new ArgumentError(where, `the signal has ${slots} slots, the fleet's grid ${g.slots}`);
  const e = new Float64Array(evs.length);
  const cap: Float64Array[] = [];
  for (let i = 0; i < evs.length; i++) {
    const ev = evs[i];
    if (Math.abs(ev.eMaxKwh - ev.eMinKwh) > 1e-12 * Math.max(1, ev.eMaxKwh)) {
      throw new ArgumentError(where, `EV ${ev.id} has an energy range [${ev.eMinKwh}, ${ev.eMaxKwh}] kWh: the combinatorial dispatch needs fixed energies (use the cut loop of dispatchStation)`);
    }
    e[i] = ev.eMaxKwh;
    const c = new Float64Array(g.slots);
    for (let t = 0; t < g.slots; t++) c[t] = Math.min(slotCapKwh(ev, t), ev.eMaxKwh);
    cap.push(c);
  }
  return { T: g.slots, dtH: g.dtH, e, cap };
}

/**
 * The exact aggregate's cheapest trajectory under a price, by Edmonds' greedy algorithm.
 * @param evs the flexible EVs (one grid, fixed energies).
 * @param pricePerKwh the price per slot.
 * @throws ArgumentError for an energy range, EVs on different grids or a price of the wrong length.
 */
export function exactPriceDispatch(evs: readonly EvFlex[], pricePerKwh: readonly number[]): ExactDispatch {
  const f = fleetArrays("exactPriceDispatch", evs, pricePerKwh.length);
  const order = pricePerKwh.map((_, t) => t).sort((a, b) => pricePerKwh[a] - pricePerKwh[b] || a - b);
  const cum = new Float64Array(evs.length);
  const pKw = new Array<number>(f.T).fill(0);
  let before = 0;
  for (const t of order) {
    let now = 0;
    for (let i = 0; i < evs.length; i++) {
      cum[i] += f.cap[i][t];
      now += Math.min(f.e[i], cum[i]);
    }
    pKw[t] = (now - before) / f.dtH;
    before = now;
  }
  return { pKw, maxFlows: 0, splits: 0 };
}

/** Options of {@link exactValleyDispatch}. */
export interface ExactValleyOptions {
  /** A split is made when a slot set is violated by more than this, kWh. Default 1e-9 × max(1, Σ e_i). */
  tolKwh?: number;
}

/**
 * The exact aggregate's valley-filling trajectory, min Σ_t (b_t + P_t)² Δt, by the decomposition algorithm.
 * @param evs the flexible EVs (one grid, fixed energies).
 * @param baseKw b_t, the load the fleet fills around (kW per slot).
 * @throws ArgumentError for an energy range, EVs on different grids or a base of the wrong length.
 */
export function exactValleyDispatch(evs: readonly EvFlex[], baseKw: readonly number[], options: ExactValleyOptions = {}): ExactDispatch {
  const where = "exactValleyDispatch";
  const f = fleetArrays(where, evs, baseKw.length);
  const { T, dtH, cap } = f;
  const N = evs.length;
  const { tolKwh = 1e-9 * Math.max(1, f.e.reduce((a, b) => a + b, 0)) } = options;
  const D = new Float64Array(T);
  let maxFlows = 0;
  let splits = 0;
  const capIn = (i: number, S: readonly number[]) => {
    let c = 0;
    for (const t of S) c += cap[i][t];
    return c;
  };
  // One network, reset for every minimum cut (fresh typed arrays per cut cost more in garbage collection than the cut).
  const net = new FlowNetwork(N + T + 2, N * (T + 1) + T);
  // Subproblems on a stack: slots S, the EVs that can still charge in S, and their remaining energies.
  const stack: { S: number[]; act: number[]; e: Float64Array }[] = [{ S: Array.from({ length: T }, (_, t) => t), act: Array.from({ length: N }, (_, i) => i), e: f.e.slice() }];
  while (stack.length > 0) {
    const { S, act, e } = stack.pop()!;
    let total = 0;
    for (const i of act) total += Math.min(e[i], capIn(i, S));
    if (S.length === 1) {
      D[S[0]] = total;
      continue;
    }
    let baseSum = 0;
    for (const t of S) baseSum += baseKw[t];
    const level = (total / dtH + baseSum) / S.length;
    for (const t of S) D[t] = dtH * (level - baseKw[t]);
    if (act.length === 0) {
      // No EV can charge here: the total is 0 and every slot must be 0 (the splits below would find it too).
      for (const t of S) D[t] = 0;
      continue;
    }
    maxFlows++;
    const A = mostViolatedSet(net, S, act, e, cap, D);
    let dA = 0;
    for (const t of A) dA += D[t];
    // c_i(A) once per EV: it gives p(A), the restriction's EVs and the contraction's energies.
    const cA = new Float64Array(N);
    let pA = 0;
    for (const i of act) {
      cA[i] = capIn(i, A);
      pA += Math.min(e[i], cA[i]);
    }
    if (A.length === 0 || dA - pA <= tolKwh) continue;
    if (A.length === S.length) throw new ArgumentError(where, `internal: the violated set is every slot of a subproblem (violation ${dA - pA} kWh)`);
    splits++;
    const inA = new Uint8Array(T);
    for (const t of A) inA[t] = 1;
    const rest = S.filter((t) => !inA[t]);
    const eRest = e.slice();
    for (const i of act) eRest[i] = Math.max(0, e[i] - cA[i]);
    stack.push({ S: A, act: act.filter((i) => e[i] > 0 && cA[i] > 0), e });
    stack.push({ S: rest, act: act.filter((i) => eRest[i] > 0 && capIn(i, rest) > 0), e: eRest });
  }
  return { pKw: Array.from(D, (d) => d / dtH), maxFlows, splits };
}

/**
 * The slots A ⊆ S with D_t ≥ 0 maximising D(A) − p(A) for the sub-fleet `act` (energies e), from a minimum cut of
 * source → EV (e_i) → slot (c_i,t) → sink (D_t⁺) on integer-scaled capacities ({@link upperCutSinkSide}, the network
 * the cut loop's separator builds too). `g` is reset and reused.
 */
function mostViolatedSet(g: FlowNetwork, S: readonly number[], act: readonly number[], e: Float64Array, cap: readonly Float64Array[], D: Float64Array): number[] {
  const energies = act.map((i) => e[i]);
  const demands = S.map((t) => Math.max(0, D[t]));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const beyond = upperCutSinkSide(g, energies, (k, j) => cap[act[k]][S[j]], demands, integerScale(Math.max(sum(demands), sum(energies))));
  return S.filter((t, j) => beyond[j] && D[t] >= 0);
}
