/**
 * The radial structure of a feeder as 0-based typed arrays, derived once per network and cached. Model builders and
 * the power flow use it internally; public results convert back to 1-based bus numbers and branch ids.
 *
 * Index spaces: bus index `k` ↔ bus `k + 1` (buses are numbered 1…N); branch index `e` ↔ `net.branches[e]`.
 * In a radial feeder every bus but the slack has exactly one parent branch, so `parentBranch` is a bijection
 * between non-slack buses and branches (`childBus` its inverse).
 */
import { NetworkError } from "../util/errors";
import type { Network } from "./types";

/** The derived radial structure of a network (0-based, internal). */
export interface RadialIndex {
  nBus: number;
  nBranch: number;
  /** 0-based index of the slack bus. */
  slack: number;
  /** Per bus: parent bus index, −1 at the slack. */
  parentBus: Int32Array;
  /** Per bus: index in `net.branches` of the branch feeding it, −1 at the slack. */
  parentBranch: Int32Array;
  /** Per branch: parent (sending) bus index. */
  fromBus: Int32Array;
  /** Per branch: child (receiving) bus index. */
  childBus: Int32Array;
  /** Per bus: child bus indices. */
  children: readonly Int32Array[];
  /** Per bus: indices of the branches leaving it towards its children (same order as `children`). */
  childBranches: readonly Int32Array[];
  /** Bus indices in breadth-first order from the slack: every parent comes before its children. */
  order: Int32Array;
  /** Per bus: number of branches between it and the slack. */
  depth: Int32Array;
  /** Per branch: resistance and reactance in per unit (copied for fast loops). */
  rPu: Float64Array;
  xPu: Float64Array;
  /** Branch id (1-based, case-file row) → branch index. */
  branchIndexById: ReadonlyMap<number, number>;
}

const cache = new WeakMap<Network, RadialIndex>();

/** Bus index (0-based) of a 1-based bus number, with a range check. */
export function busIndex(net: Network, bus: number, where = "busIndex"): number {
  if (!Number.isInteger(bus) || bus < 1 || bus > net.buses.length) {
    throw new NetworkError(where, `bus ${bus} is not a bus of ${net.name} (1…${net.buses.length})`);
  }
  return bus - 1;
}

/**
 * The radial structure of a network, computed on first use and cached for the network object.
 * @throws NetworkError when a branch is not oriented parent → child, or the branches do not form a tree spanning
 *   all buses from the slack (possible only for networks not built by `createNetwork`).
 */
export function radialIndex(net: Network): RadialIndex {
  const hit = cache.get(net);
  if (hit !== undefined) return hit;
  const where = `radialIndex(${net.name})`;
  const nBus = net.buses.length;
  const nBranch = net.branches.length;
  net.buses.forEach((b, k) => {
    if (b.bus !== k + 1) throw new NetworkError(where, `buses must be sorted 1…N; position ${k + 1} holds bus ${b.bus}`);
  });
  if (nBranch !== nBus - 1) {
    throw new NetworkError(where, `a radial feeder with ${nBus} buses has ${nBus - 1} in-service branches, found ${nBranch}`);
  }
  const slack = busIndex(net, net.slackBus, where);
  const parentBus = new Int32Array(nBus).fill(-1);
  const parentBranch = new Int32Array(nBus).fill(-1);
  const fromBus = new Int32Array(nBranch);
  const childBus = new Int32Array(nBranch);
  const rPu = new Float64Array(nBranch);
  const xPu = new Float64Array(nBranch);
  const nChildren = new Int32Array(nBus);
  const branchIndexById = new Map<number, number>();
  net.branches.forEach((b, e) => {
    const f = busIndex(net, b.fromBus, where);
    const t = busIndex(net, b.toBus, where);
    if (t === slack || parentBranch[t] !== -1) {
      throw new NetworkError(where, `branch ${b.id} (${b.fromBus}→${b.toBus}) is not oriented parent → child or the feeder is not radial`);
    }
    parentBus[t] = f;
    parentBranch[t] = e;
    fromBus[e] = f;
    childBus[e] = t;
    rPu[e] = b.rPu;
    xPu[e] = b.xPu;
    nChildren[f]++;
    branchIndexById.set(b.id, e);
  });
  const children = Array.from({ length: nBus }, (_, k) => new Int32Array(nChildren[k]));
  const childBranches = Array.from({ length: nBus }, (_, k) => new Int32Array(nChildren[k]));
  const fill = new Int32Array(nBus);
  for (let e = 0; e < nBranch; e++) {
    const f = fromBus[e];
    children[f][fill[f]] = childBus[e];
    childBranches[f][fill[f]++] = e;
  }
  const order = new Int32Array(nBus);
  const depth = new Int32Array(nBus);
  let head = 0;
  let tail = 0;
  order[tail++] = slack;
  while (head < tail) {
    const u = order[head++];
    for (const w of children[u]) {
      depth[w] = depth[u] + 1;
      order[tail++] = w;
    }
  }
  if (tail !== nBus) {
    throw new NetworkError(where, `${nBus - tail} bus(es) are not reached from the slack bus ${net.slackBus} along parent → child branches`);
  }
  const index: RadialIndex = {
    nBus,
    nBranch,
    slack,
    parentBus,
    parentBranch,
    fromBus,
    childBus,
    children,
    childBranches,
    order,
    depth,
    rPu,
    xPu,
    branchIndexById,
  };
  cache.set(net, index);
  return index;
}

/** The in-service branch with the given 1-based id. @throws NetworkError when there is none. */
export function branchById(net: Network, id: number) {
  const e = radialIndex(net).branchIndexById.get(id);
  if (e === undefined) throw new NetworkError("branchById", `${net.name} has no in-service branch with id ${id}`);
  return net.branches[e];
}

/** The 1-based buses downstream of `bus` (itself included), in breadth-first order. */
export function downstreamBuses(net: Network, bus: number): number[] {
  const ri = radialIndex(net);
  const out: number[] = [];
  const stack = [busIndex(net, bus, "downstreamBuses")];
  while (stack.length > 0) {
    const u = stack.shift() as number;
    out.push(u + 1);
    for (const w of ri.children[u]) stack.push(w);
  }
  return out;
}

/** The 1-based buses on the path from the slack to `bus` (both included). */
export function pathFromSlack(net: Network, bus: number): number[] {
  const ri = radialIndex(net);
  const out: number[] = [];
  for (let u = busIndex(net, bus, "pathFromSlack"); u !== -1; u = ri.parentBus[u]) out.push(u + 1);
  return out.reverse();
}
