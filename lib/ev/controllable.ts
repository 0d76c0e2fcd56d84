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
 * Splits a fleet: round(α·N) EVs drawn uniformly without replacement are flexible.
 * @param evs the station's EVs (one grid).
 * @param share α in [0, 1].
 * @param rng the random source of the draw.
 * @param grid the grid when `evs` is empty.
 * @throws ArgumentError for α outside [0, 1] or EVs on different grids.
 */
export function splitControllable(evs: readonly EvFlex[], share: number, rng: Rng, grid?: TimeGrid): ControllableSplit {
  const where = "splitControllable";
  if (!(share >= 0 && share <= 1)) throw new ArgumentError(where, `the controllable share must lie in [0, 1], got ${share}`);
  const g = commonGrid(evs, where, grid ?? { slots: 24, dtH: 1 });
  const k = Math.round(share * evs.length);
  const chosen = new Set(k === evs.length ? evs.map((_, i) => i) : sampleWithoutReplacement(rng, evs.map((_, i) => i), k));
  const flexibleIndex = evs.map((_, i) => i).filter((i) => chosen.has(i));
  const uncontrolled = evs.filter((_, i) => !chosen.has(i));
  return {
    flexible: flexibleIndex.map((i) => evs[i]),
    uncontrolled,
    flexibleIndex,
    uncontrolledKw: sumProfiles(uncontrolled.map(uncontrolledProfile), g.slots),
  };
}
