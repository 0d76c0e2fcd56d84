/**
 * Arrival (plug-in) and departure (plug-out) hour-of-day distributions in local time.
 */
import type { ChargingSession } from "../io/session";
import { type DayType, type SessionFeatures, sessionFeatures } from "./profile-features";

/** Sessions per local hour of day. */
export type HourShareRow = {
  /** 0–23: the hour [h, h+1). */
  hour: number;
  sessions: number;
  /** sessions / all sessions counted. */
  share: number;
};

/** Options of {@link arrivalHourDistribution} and {@link departureHourDistribution}. */
export interface HourDistributionOptions {
  /** Only sessions arriving on this day type. Default: all. */
  dayType?: DayType;
}

/** 24 rows of counts and shares of `hours` (fractional hours of day). */
export function hourShares(hours: readonly number[]): HourShareRow[] {
  const counts = new Array<number>(24).fill(0);
  for (const h of hours) counts[Math.min(23, Math.max(0, Math.floor(h)))] += 1;
  return counts.map((sessions, hour) => ({ hour, sessions, share: hours.length ? sessions / hours.length : 0 }));
}

function pick(sessions: readonly ChargingSession[] | readonly SessionFeatures[], dayType: DayType | undefined): SessionFeatures[] {
  const f = sessions.length > 0 && "plugInMs" in sessions[0] ? sessionFeatures(sessions as ChargingSession[]) : (sessions as SessionFeatures[]);
  return dayType === undefined ? [...f] : f.filter((x) => x.dayType === dayType);
}

/**
 * Share of sessions arriving in each local hour of the day.
 * @param sessions sessions (or their precomputed features).
 * @returns 24 rows, hour 0–23.
 */
export function arrivalHourDistribution(
  sessions: readonly ChargingSession[] | readonly SessionFeatures[],
  options: HourDistributionOptions = {},
): HourShareRow[] {
  return hourShares(pick(sessions, options.dayType).map((f) => f.arrivalHour));
}

/** Share of sessions departing (plugging out) in each local hour of the day (day type of the arrival). */
export function departureHourDistribution(
  sessions: readonly ChargingSession[] | readonly SessionFeatures[],
  options: HourDistributionOptions = {},
): HourShareRow[] {
  return hourShares(pick(sessions, options.dayType).map((f) => f.departureHour));
}
