/**
 * Line ratings. The IEEE 33-bus data (and most published distribution test feeders) give none (RATE_A = 0), yet the
 * planning stage needs finite ones: upgrade deferral values the capacity a battery frees on a branch, and the
 * balance index weighs each branch's loading against its capacity.
 *
 * Default rule: each branch is rated at {@link DEFAULT_RATING_FACTOR} = 1.5 × the apparent power it carries
 * (sending end) in the base case, which for IEEE-33 is the peak load. Reasoning: a uniform rating does not fit a
 * tapered radial feeder (the head branch carries ≈ 4 MVA, the last lateral ≈ 0.1 MVA, and conductors are sized to
 * the load they serve); planners keep normal peak loading at about two thirds of the thermal rating so that load can
 * be transferred through tie switches after a fault, hence 1/1.5 ≈ 67 % loading at the base-case peak. The factor is
 * an assumption, not data: change it with `withLineRatings(net, { kind: "baseFlowMultiple", factor })` or give
 * ratings per branch.
 *
 * A feeder hosting generation needs more: a line rated for the small load of its lateral is overloaded by a plant
 * connected at its end. Connection rules (the minimum-load, maximum-generation screen of interconnection and
 * hosting-capacity studies) require every line on the plant's path to carry its full output at minimum load, so the
 * `loadAndGeneration` rule rates each branch at the larger of factor × its peak-load flow and the current of the
 * hosted generation at nameplate with no load.
 */
import { ArgumentError } from "../util/errors";
import { createNetwork, networkInput } from "./create";
import { powerFlow } from "./powerflow";
import type { Network } from "./types";

/** Default multiple of the base-case branch flow used as rating. */
export const DEFAULT_RATING_FACTOR = 1.5;

/** How to rate the in-service branches. */
export type LineRatingRule =
  /** The same rating for every branch. */
  | { kind: "uniform"; kva: number }
  /** `factor` × the base-case sending-end apparent power (at `loadScale` × base loads), never below `minKva`. */
  | { kind: "baseFlowMultiple"; factor: number; loadScale?: number; minKva?: number }
  /**
   * As `baseFlowMultiple`, and never below the flow of the hosted generation at nameplate with no load
   * (`generationKw` by bus): the interconnection rule that a line connecting a plant must carry its full output
   * at minimum load (a hosting-capacity screen's worst case), so that the plant itself never overloads its path.
   */
  | { kind: "loadAndGeneration"; factor: number; generationKw: Readonly<Record<number, number>>; loadScale?: number }
  /** Explicit ratings by branch id; branches not named keep their rating (or none). */
  | { kind: "perBranch"; kva: Readonly<Record<number, number>> }
  /** Remove all ratings. */
  | { kind: "none" };

/** The default rule: 1.5 × the base-case flow (see the module doc). */
export const DEFAULT_LINE_RATING_RULE: LineRatingRule = { kind: "baseFlowMultiple", factor: DEFAULT_RATING_FACTOR };

/**
 * A copy of the network with branch ratings (`rateKva`) set by a rule.
 * @param rule default {@link DEFAULT_LINE_RATING_RULE}
 * @throws ArgumentError on a non-positive rating/factor or an unknown branch id.
 * @example withLineRatings(ieee33()).branches[0].rateKva // 1.5 × |S| of branch 1–2 in the base case
 */
export function withLineRatings(net: Network, rule: LineRatingRule = DEFAULT_LINE_RATING_RULE): Network {
  const where = "withLineRatings";
  let rating: (id: number, e: number) => number | undefined;
  switch (rule.kind) {
    case "uniform":
      if (!(rule.kva > 0)) throw new ArgumentError(where, `uniform rating must be > 0 kVA, got ${rule.kva}`);
      rating = () => rule.kva;
      break;
    case "baseFlowMultiple": {
      const load = loadFlowRating(net, rule.factor, rule.loadScale);
      rating = (_id, e) => Math.max(rule.minKva ?? 0, load(e));
      break;
    }
    case "loadAndGeneration": {
      const load = loadFlowRating(net, rule.factor, rule.loadScale);
      const gen = powerFlow(net, { loadScale: 0, pvKw: rule.generationKw }).branches;
      // The generation case's current (pu, × the base kVA): what the current limit ℓ ≤ ℓ̄ compares, at either end.
      const baseKva = 1000 * net.baseMva;
      rating = (_id, e) => Math.max(load(e), gen[e].iPu * baseKva);
      break;
    }
    case "perBranch": {
      const ids = new Set(net.branches.map((b) => b.id));
      for (const [key, v] of Object.entries(rule.kva)) {
        if (!ids.has(Number(key))) throw new ArgumentError(where, `no in-service branch has id ${key}`);
        if (!(v > 0)) throw new ArgumentError(where, `rating of branch ${key} must be > 0 kVA, got ${v}`);
      }
      rating = (id, e) => rule.kva[id] ?? net.branches[e].rateKva;
      break;
    }
    case "none":
      rating = () => undefined;
      break;
  }
  const input = networkInput(net);
  const byId = new Map(net.branches.map((b, e) => [b.id, e]));
  const branches = input.branches.map((b) => {
    const e = byId.get(b.id as number);
    if (e === undefined) return b;
    const kva = rating(b.id as number, e);
    if (kva !== undefined && !(kva > 0)) throw new ArgumentError(where, `branch ${b.id} would get rating ${kva} kVA (zero base flow?); set minKva`);
    const { rateKva: _old, ...rest } = b;
    return kva === undefined ? rest : { ...rest, rateKva: kva };
  });
  return createNetwork({ ...input, branches });
}

/** `factor` × each branch's sending-end apparent power at `loadScale` × the base loads, by branch index. */
function loadFlowRating(net: Network, factor: number, loadScale = 1): (e: number) => number {
  if (!(factor > 0)) throw new ArgumentError("withLineRatings", `factor must be > 0, got ${factor}`);
  const base = powerFlow(net, { loadScale }).branches;
  return (e) => factor * Math.hypot(base[e].pFromKw, base[e].qFromKvar);
}

/** Rating of a branch as a current in ampere: kVA / (√3 · kV). */
export function ratingA(net: Network, rateKva: number): number {
  return rateKva / (Math.sqrt(3) * net.baseKv);
}
