/**
 * Building a validated {@link Network} from plain data: the one constructor every feeder goes through (the MATPOWER
 * reader included), so the checks and the per-unit transform are applied in one place.
 */
import { NetworkError } from "../util/errors";
import { checkBranchBuses, checkBusNumbers, checkImpedance, orientRadial } from "./checks";
import { ohmToPu, puToOhm } from "./perunit";
import type { Branch, Bus, Network } from "./types";

/** A bus as given by the user; omitted loads are 0 and omitted limits are 0.95 / 1.05 pu. */
export interface BusInput {
  bus: number;
  pLoadKw?: number;
  qLoadKvar?: number;
  vMinPu?: number;
  vMaxPu?: number;
  /** Base voltage in kV; default the network's `baseKv`. Must equal it (no transformers). */
  baseKv?: number;
}

/**
 * A branch as given by the user: impedance in ohm (`rOhm`, `xOhm`) or in per unit (`rPu`, `xPu`); when both are
 * given they must agree (relative 1e-9) and are kept as given.
 */
export interface BranchInput {
  /** 1-based id; default the branch's 1-based position in the input list. */
  id?: number;
  fromBus: number;
  toBus: number;
  rOhm?: number;
  xOhm?: number;
  rPu?: number;
  xPu?: number;
  /** False for an open tie line / switch (kept in `openBranches`). Default true. */
  inService?: boolean;
  rateKva?: number;
}

/** Plain description of a radial feeder, validated by {@link createNetwork}. */
export interface NetworkInput {
  name: string;
  baseMva: number;
  baseKv: number;
  /** 1-based slack bus. */
  slackBus: number;
  /** Slack voltage magnitude, default 1.0 pu. */
  vSlackPu?: number;
  buses: readonly BusInput[];
  branches: readonly BranchInput[];
}

function finite(where: string, what: string, x: number): number {
  if (!Number.isFinite(x)) throw new NetworkError(where, `${what} must be a finite number, got ${x}`);
  return x;
}

function branchImpedance(where: string, net: NetworkInput, b: BranchInput, id: number) {
  const base = { baseMva: net.baseMva, baseKv: net.baseKv };
  const hasOhm = b.rOhm !== undefined || b.xOhm !== undefined;
  const hasPu = b.rPu !== undefined || b.xPu !== undefined;
  if (!hasOhm && !hasPu) throw new NetworkError(where, `branch ${id} gives no impedance (rOhm, xOhm or rPu, xPu)`);
  const rOhm = hasOhm ? (b.rOhm ?? 0) : puToOhm(b.rPu ?? 0, base);
  const xOhm = hasOhm ? (b.xOhm ?? 0) : puToOhm(b.xPu ?? 0, base);
  const rPu = hasPu ? (b.rPu ?? 0) : ohmToPu(rOhm, base);
  const xPu = hasPu ? (b.xPu ?? 0) : ohmToPu(xOhm, base);
  if (hasOhm && hasPu) {
    // both given (e.g. a round trip through networkInput): they must agree
    const close = (a: number, c: number) => Math.abs(a - c) <= 1e-9 * Math.max(Math.abs(a), Math.abs(c), 1e-12);
    if (!close(ohmToPu(rOhm, base), rPu) || !close(ohmToPu(xOhm, base), xPu)) {
      throw new NetworkError(where, `branch ${id} gives impedances in ohm and in pu that disagree`);
    }
  }
  return { rOhm, xOhm, rPu, xPu };
}

/** The slack voltage set points a network may have (pu): anything else is a unit mistake, not a feeder. */
export const V_SLACK_RANGE_PU = [0.5, 1.5] as const;

/**
 * Validates a feeder description and returns the typed network: buses sorted 1…N, in-service branches oriented
 * parent → child (a branch stored child → parent is flipped), open branches kept apart.
 * @param input buses, branches and bases; see {@link NetworkInput}
 * @returns an immutable {@link Network}
 * @throws NetworkError on non-positive bases, duplicate or gapped bus numbers, an unknown slack or branch bus, a
 *   self-loop, r ≤ 0 or x < 0, a cycle among in-service branches, a bus not connected to the slack, a base voltage
 *   different from the network's (or not a number), a non-positive rating, or a slack voltage outside
 *   {@link V_SLACK_RANGE_PU}.
 */
export function createNetwork(input: NetworkInput): Network {
  const where = `createNetwork(${input.name})`;
  if (!(input.baseMva > 0) || !Number.isFinite(input.baseMva)) throw new NetworkError(where, `baseMva must be > 0, got ${input.baseMva}`);
  if (!(input.baseKv > 0) || !Number.isFinite(input.baseKv)) throw new NetworkError(where, `baseKv must be > 0, got ${input.baseKv}`);
  const n = checkBusNumbers(where, input.buses.map((b) => b.bus));
  if (!Number.isInteger(input.slackBus) || input.slackBus < 1 || input.slackBus > n) {
    throw new NetworkError(where, `slack bus ${input.slackBus} is not a bus of the network (1…${n})`);
  }
  const vSlackPu = finite(where, "vSlackPu", input.vSlackPu ?? 1);
  if (!(vSlackPu >= V_SLACK_RANGE_PU[0] && vSlackPu <= V_SLACK_RANGE_PU[1])) {
    throw new NetworkError(where, `vSlackPu must lie in ${V_SLACK_RANGE_PU[0]}…${V_SLACK_RANGE_PU[1]} pu (a set point, not kV), got ${vSlackPu}`);
  }

  const buses: Bus[] = new Array(n);
  for (const b of input.buses) {
    const baseKv = b.baseKv ?? input.baseKv;
    if (!(Math.abs(baseKv - input.baseKv) <= 1e-9 * input.baseKv)) {
      throw new NetworkError(where, `bus ${b.bus} has base voltage ${baseKv} kV, the network ${input.baseKv} kV (transformers are not supported)`);
    }
    const vMinPu = finite(where, `bus ${b.bus} vMinPu`, b.vMinPu ?? 0.95);
    const vMaxPu = finite(where, `bus ${b.bus} vMaxPu`, b.vMaxPu ?? 1.05);
    if (!(vMinPu > 0) || vMinPu > vMaxPu) throw new NetworkError(where, `bus ${b.bus} has voltage limits [${vMinPu}, ${vMaxPu}] pu`);
    buses[b.bus - 1] = Object.freeze({
      bus: b.bus,
      pLoadKw: finite(where, `bus ${b.bus} pLoadKw`, b.pLoadKw ?? 0),
      qLoadKvar: finite(where, `bus ${b.bus} qLoadKvar`, b.qLoadKvar ?? 0),
      vMinPu,
      vMaxPu,
      baseKv,
    });
  }

  const all = input.branches.map((b, k) => {
    const id = b.id ?? k + 1;
    const z = branchImpedance(where, input, b, id);
    if (b.rateKva !== undefined && !(b.rateKva > 0)) throw new NetworkError(where, `branch ${id} has rating ${b.rateKva} kVA; it must be > 0`);
    const branch = { id, fromBus: b.fromBus, toBus: b.toBus, ...z, ...(b.rateKva !== undefined ? { rateKva: b.rateKva } : {}) };
    checkBranchBuses(where, n, branch);
    checkImpedance(where, branch);
    return { branch, inService: b.inService ?? true };
  });
  const ids = new Set<number>();
  for (const { branch } of all) {
    if (!Number.isInteger(branch.id) || branch.id < 1) throw new NetworkError(where, `branch id ${branch.id} is not a positive integer`);
    if (ids.has(branch.id)) throw new NetworkError(where, `branch id ${branch.id} appears twice`);
    ids.add(branch.id);
  }
  const active = all.filter((a) => a.inService).map((a) => a.branch);
  const orientation = orientRadial(where, n, input.slackBus, active);
  const branches: Branch[] = active.map((b, k) =>
    Object.freeze(orientation.reversed[k] ? { ...b, fromBus: b.toBus, toBus: b.fromBus } : b),
  );
  const openBranches = all.filter((a) => !a.inService).map((a) => Object.freeze(a.branch) as Branch);
  return Object.freeze({
    name: input.name,
    baseMva: input.baseMva,
    baseKv: input.baseKv,
    slackBus: input.slackBus,
    vSlackPu,
    buses: Object.freeze(buses),
    branches: Object.freeze(branches),
    openBranches: Object.freeze(openBranches),
  });
}

/**
 * The plain description of a network (inverse of {@link createNetwork}: in-service branches first, in their order,
 * then the open ones), e.g. to change a few values and build a new network.
 */
export function networkInput(net: Network): NetworkInput {
  return {
    name: net.name,
    baseMva: net.baseMva,
    baseKv: net.baseKv,
    slackBus: net.slackBus,
    vSlackPu: net.vSlackPu,
    buses: net.buses.map((b) => ({ ...b })),
    branches: [
      ...net.branches.map((b) => ({ ...b, inService: true })),
      ...net.openBranches.map((b) => ({ ...b, inService: false })),
    ],
  };
}
