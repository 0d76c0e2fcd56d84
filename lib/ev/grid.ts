/**
 * The time grid EV flexibility lives on: `slots` equal slots of `dtH` hours starting `startH` hours after the local
 * midnight of the station day. Slot t covers [startH + t·dtH, startH + (t+1)·dtH). The planning grid is 24 one-hour
 * slots from midnight; a residential (overnight) station day is better read from noon to noon (startH = 12).
 */
import { ArgumentError } from "../util/errors";

/** A uniform time grid. */
export interface TimeGrid {
  /** Number of slots. */
  slots: number;
  /** Slot length in hours (1 for hourly, 0.25 for 15 minutes). */
  dtH: number;
  /** Start of slot 0 in hours after the local midnight of the station day. Default 0. */
  startH?: number;
}

/** A {@link TimeGrid} with every field set. */
export interface ResolvedGrid {
  slots: number;
  dtH: number;
  startH: number;
}

/**
 * Checks a grid and fills its defaults.
 * @throws ArgumentError for a non-integer slot count, a non-positive slot length or a start outside [0, 24).
 */
export function resolveGrid(grid: TimeGrid, where = "resolveGrid"): ResolvedGrid {
  const { slots, dtH, startH = 0 } = grid;
  if (!Number.isInteger(slots) || slots < 1) throw new ArgumentError(where, `grid.slots must be a positive integer, got ${slots}`);
  if (!(dtH > 0) || !Number.isFinite(dtH)) throw new ArgumentError(where, `grid.dtH must be a positive number of hours, got ${dtH}`);
  if (!(startH >= 0 && startH < 24)) throw new ArgumentError(where, `grid.startH must lie in [0, 24), got ${startH}`);
  return { slots, dtH, startH };
}

/** True when two grids are the same. */
export function sameGrid(a: ResolvedGrid, b: ResolvedGrid): boolean {
  return a.slots === b.slots && a.dtH === b.dtH && a.startH === b.startH;
}

/** The local clock hour (in [0, 24)) at which slot `t` starts. */
export function slotClockHour(grid: ResolvedGrid, t: number): number {
  return (((grid.startH + t * grid.dtH) % 24) + 24) % 24;
}

/** The horizon length in hours. */
export function horizonH(grid: ResolvedGrid): number {
  return grid.slots * grid.dtH;
}
