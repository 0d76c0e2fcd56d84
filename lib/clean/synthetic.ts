/**
 * The sessions a named data set stands for when its real file is absent: its fitted generator, run with a seed over
 * the fitted number of stations and their mean span of days. One function, so that every caller (loadCleanSessions
 * in Node, the calibration page in a browser) draws the same sessions from the same parameters and seed.
 */
import type { ChargingSession } from "../io/session";
import { generateSessions, type StationDaysSpec } from "./generator";
import type { GeneratorParams } from "./generator-params";

/** What {@link syntheticSessions} returns. */
export interface SyntheticSessions {
  sessions: ChargingSession[];
  /** The station-days generated. */
  stationDays: StationDaysSpec;
}

/**
 * Sessions from fitted parameters: every station on every day.
 * @param stationDays default: the fitted stations × their mean span of days (rounded).
 */
export function syntheticSessions(params: GeneratorParams, seed: number, stationDays?: StationDaysSpec): SyntheticSessions {
  const spec = stationDays ?? { stations: params.stations, days: Math.round(params.daysPerStation) };
  return { sessions: generateSessions(params, { stationDays: spec, seed }), stationDays: spec };
}
