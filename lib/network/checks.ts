/**
 * Structural checks of a feeder, each raising a {@link NetworkError} that names the bus or branch at fault:
 * bus numbering, impedance signs, unknown buses, radiality (no cycle among in-service branches) and connectivity.
 *
 * Impedance rule: r > 0 and x ≥ 0 (ohm). Positive resistance is what makes the branch-flow (DistFlow) model and its
 * loss-minimising SOC relaxation well posed (a branch with r = 0 carries no loss, so ℓ is not determined by the
 * objective, and r = x = 0 makes the series admittance infinite). Zero reactance is allowed because short cable
 * runs are sometimes modelled as purely resistive; negative reactance (series capacitors) is rejected since the
 * distribution-feeder models of this toolkit assume inductive lines.
 */
import { NetworkError } from "../util/errors";

/** Minimal branch shape the checks read. */
export interface EdgeLike {
  id: number;
  fromBus: number;
  toBus: number;
}

/** Throws unless r > 0 and x ≥ 0 (both finite). */
export function checkImpedance(where: string, b: EdgeLike & { rOhm: number; xOhm: number }): void {
  if (!Number.isFinite(b.rOhm) || !(b.rOhm > 0)) {
    throw new NetworkError(where, `branch ${b.id} (${b.fromBus}–${b.toBus}) has resistance ${b.rOhm} ohm; r must be > 0`);
  }
  if (!Number.isFinite(b.xOhm) || b.xOhm < 0) {
    throw new NetworkError(where, `branch ${b.id} (${b.fromBus}–${b.toBus}) has reactance ${b.xOhm} ohm; x must be ≥ 0`);
  }
}

/**
 * Checks that bus numbers are integers forming 1…N without duplicates or gaps.
 * @returns N
 */
export function checkBusNumbers(where: string, ids: readonly number[]): number {
  const n = ids.length;
  if (n === 0) throw new NetworkError(where, "the network has no bus");
  const seen = new Uint8Array(n + 1);
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 1) throw new NetworkError(where, `bus number ${id} is not a positive integer`);
    if (id > n) {
      throw new NetworkError(where, `bus ${id} is out of 1…${n}: buses must be numbered 1…N without gaps (renumber the case)`);
    }
    if (seen[id]) throw new NetworkError(where, `bus ${id} appears twice (duplicate bus)`);
    seen[id] = 1;
  }
  return n;
}

/** Throws when a branch names a bus outside 1…N or connects a bus to itself. */
export function checkBranchBuses(where: string, n: number, b: EdgeLike): void {
  for (const bus of [b.fromBus, b.toBus]) {
    if (!Number.isInteger(bus) || bus < 1 || bus > n) {
      throw new NetworkError(where, `branch ${b.id} (${b.fromBus}–${b.toBus}) names unknown bus ${bus}`);
    }
  }
  if (b.fromBus === b.toBus) throw new NetworkError(where, `branch ${b.id} connects bus ${b.fromBus} to itself`);
}

/** The tree found by {@link orientRadial}: for each 0-based bus, its parent bus and parent edge (−1 at the slack). */
export interface Orientation {
  parentBus: Int32Array;
  parentEdge: Int32Array;
  /** 0-based buses in breadth-first order from the slack (every parent before its children). */
  order: Int32Array;
  /** For each edge: true when its stored direction is child → parent (it must be flipped). */
  reversed: Uint8Array;
}

/**
 * Finds the spanning tree rooted at the slack formed by the in-service branches and checks it is one: no cycle
 * (names the branch that closes it) and every bus reached (names the buses that are not).
 * @param slack 1-based slack bus
 * @throws NetworkError on a cycle or a disconnected bus
 */
export function orientRadial(where: string, n: number, slack: number, edges: readonly EdgeLike[]): Orientation {
  const deg = new Int32Array(n + 1);
  for (const e of edges) {
    deg[e.fromBus - 1]++;
    deg[e.toBus - 1]++;
  }
  const start = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) start[k + 1] = start[k] + deg[k];
  const fill = start.slice(0, n);
  const adjEdge = new Int32Array(2 * edges.length);
  edges.forEach((e, k) => {
    adjEdge[fill[e.fromBus - 1]++] = k;
    adjEdge[fill[e.toBus - 1]++] = k;
  });
  const parentBus = new Int32Array(n).fill(-1);
  const parentEdge = new Int32Array(n).fill(-1);
  const visited = new Uint8Array(n);
  const reversed = new Uint8Array(edges.length);
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  order[tail++] = slack - 1;
  visited[slack - 1] = 1;
  while (head < tail) {
    const u = order[head++];
    for (let a = start[u]; a < start[u + 1]; a++) {
      const k = adjEdge[a];
      if (k === parentEdge[u]) continue;
      const e = edges[k];
      const w = e.fromBus - 1 === u ? e.toBus - 1 : e.fromBus - 1;
      if (visited[w]) {
        throw new NetworkError(
          where,
          `the in-service branches are not radial: branch ${e.id} (${e.fromBus}–${e.toBus}) closes a cycle`,
        );
      }
      visited[w] = 1;
      parentBus[w] = u;
      parentEdge[w] = k;
      reversed[k] = e.fromBus - 1 === u ? 0 : 1;
      order[tail++] = w;
    }
  }
  if (tail < n) {
    const missing: number[] = [];
    for (let k = 0; k < n; k++) if (!visited[k]) missing.push(k + 1);
    const shown = missing.slice(0, 10).join(", ") + (missing.length > 10 ? ", …" : "");
    throw new NetworkError(where, `bus${missing.length > 1 ? "es" : ""} ${shown} not connected to the slack bus ${slack}`);
  }
  return { parentBus, parentEdge, order, reversed };
}
