/**
 * The controllable share α of a station: α of the EVs (drawn at random with an injected {@link Rng}) are flexible,
 * the others charge uncontrolled (full power from plug-in until done).
 */
import { ArgumentError } from "../util/errors";
import { type Rng, sampleWithoutReplacement } from "../util/random";
import { sumProfiles, uncontrolledProfile } from "./envelope";
import { commonGrid, type EvFlex } from "./flex";
import type { TimeGrid } from "./grid";

/** A station's EVs split into flexible and uncontrolled ones. */
export interface ControllableSplit {
  /** The flexible EVs, in fleet order. */
  flexible: EvFlex[];
  /** The uncontrolled EVs, in fleet order. */
  uncontrolled: EvFlex[];
  /** Positions (in the fleet) of the flexible EVs. */
  flexibleIndex: number[];
  /** Σ of the uncontrolled profiles, kW per slot. */
  uncontrolledKw: number[];
}

/**
 * The positions of the flexible EVs in a fleet of `n`: round(α·n) drawn uniformly without replacement, ascending.
 * @throws ArgumentError for α outside [0, 1].
 */
export function drawFlexible(n: number, share: number, rng: Rng, where = "drawFlexible"): number[] {
  if (!(share >= 0 && share <= 1)) throw new ArgumentError(where, `the controllable share must lie in [0, 1], got ${share}`);
  const k = Math.round(share * n);
  const all = Array.from({ length: n }, (_, i) => i);
  const chosen = new Set(k === n ? all : sampleWithoutReplacement(rng, all, k));
  return all.filter((i) => chosen.has(i));
}

/**
 * Splits a fleet at given positions: the EVs at `flexibleIndex` (ascending, distinct, in [0, N)) are flexible.
 * @throws ArgumentError for positions that are not, or EVs on different grids.
 */
export function splitAt(evs: readonly EvFlex[], flexibleIndex: readonly number[], grid?: TimeGrid, where = "splitAt"): ControllableSplit {
  const g = commonGrid(evs, where, grid ?? { slots: 24, dtH: 1 });
  flexibleIndex.forEach((i, k) => {
    if (!(Number.isInteger(i) && i >= 0 && i < evs.length && (k === 0 || i > flexibleIndex[k - 1]))) {
      throw new ArgumentError(where, `flexibleIndex must be ascending distinct positions in [0, ${evs.length}), got ${i} at ${k}`, { field: "flexibleIndex" });
    }
  });
  const chosen = new Set(flexibleIndex);
  const uncontrolled = evs.filter((_, i) => !chosen.has(i));
  return {
    flexible: flexibleIndex.map((i) => evs[i]),
    uncontrolled,
    flexibleIndex: flexibleIndex.slice(),
    uncontrolledKw: sumProfiles(uncontrolled.map(uncontrolledProfile), g.slots),
  };
}

/**
 * Splits a fleet: round(α·N) EVs drawn uniformly without replacement are flexible ({@link drawFlexible}, then
 * {@link splitAt}).
 * @param evs the station's EVs (one grid).
 * @param share α in [0, 1].
 * @param rng the random source of the draw.
 * @param grid the grid when `evs` is empty.
 * @throws ArgumentError for α outside [0, 1] or EVs on different grids.
 */
export function splitControllable(evs: readonly EvFlex[], share: number, rng: Rng, grid?: TimeGrid): ControllableSplit {
  return splitAt(evs, drawFlexible(evs.length, share, rng, "splitControllable"), grid, "splitControllable");
}
