/**
 * Sessions per station-day and per day. A station's days run from the local date of its first plug-in to that of
 * its last; days in between without a session count as zero (the station existed but was not used).
 */
import type { ChargingSession } from "../io/session";
import { addDaysIso, type DayType, dayTypeOf, daysBetweenIso, type SessionFeatures, sessionFeatures, weekdayOfIso } from "./profile-features";
import { ss } from "./stats";

/** Sessions starting at one station on one local date. */
export type StationDayRow = {
  stationId: string;
  date: string;
  dayType: DayType;
  sessions: number;
};

/** How many station-days had a given number of sessions. */
export type CountShareRow = {
  sessions: number;
  stationDays: number;
  share: number;
};

/** Distribution of sessions per station-day. */
export interface StationDayDistribution {
  stationDays: number;
  mean: number;
  std: number;
  /** One row per count 0 … max. */
  rows: CountShareRow[];
}

/** Sessions starting on one local date (all stations). */
export type DailyCountRow = {
  date: string;
  dayType: DayType;
  sessions: number;
};

function features(sessions: readonly ChargingSession[] | readonly SessionFeatures[]): SessionFeatures[] {
  return sessions.length > 0 && "plugInMs" in sessions[0] ? sessionFeatures(sessions as ChargingSession[]) : [...(sessions as SessionFeatures[])];
}

/** Every station-day in each station's active span, with its session count (zeros included), sorted. */
export function stationDays(sessions: readonly ChargingSession[] | readonly SessionFeatures[]): StationDayRow[] {
  const byStation = new Map<string, Map<string, number>>();
  for (const f of features(sessions)) {
    let m = byStation.get(f.stationId);
    if (!m) byStation.set(f.stationId, (m = new Map()));
    m.set(f.date, (m.get(f.date) ?? 0) + 1);
  }
  const rows: StationDayRow[] = [];
  for (const stationId of [...byStation.keys()].sort()) {
    const m = byStation.get(stationId) as Map<string, number>;
    const dates = [...m.keys()].sort();
    const n = daysBetweenIso(dates[0], dates[dates.length - 1]);
    for (let k = 0; k <= n; k++) {
      const date = addDaysIso(dates[0], k);
      rows.push({ stationId, date, dayType: dayTypeOf(weekdayOfIso(date)), sessions: m.get(date) ?? 0 });
    }
  }
  return rows;
}

/**
 * Distribution of the number of sessions per station-day.
 * @param options.dayType only station-days of this day type (default all).
 */
export function sessionsPerStationDay(
  sessions: readonly ChargingSession[] | readonly SessionFeatures[] | readonly StationDayRow[],
  options: { dayType?: DayType } = {},
): StationDayDistribution {
  const days = sessions.length > 0 && "date" in sessions[0] && !("arrivalHour" in sessions[0]) ? [...(sessions as StationDayRow[])] : stationDays(sessions as ChargingSession[]);
  const counts = days.filter((d) => options.dayType === undefined || d.dayType === options.dayType).map((d) => d.sessions);
  if (counts.length === 0) return { stationDays: 0, mean: NaN, std: NaN, rows: [] };
  const max = counts.reduce((m, c) => Math.max(m, c), 0);
  const tally = new Array<number>(max + 1).fill(0);
  for (const c of counts) tally[c] += 1;
  return {
    stationDays: counts.length,
    mean: ss.mean(counts),
    std: counts.length > 1 ? ss.sampleStandardDeviation(counts) : NaN,
    rows: tally.map((stationDays, k) => ({ sessions: k, stationDays, share: stationDays / counts.length })),
  };
}

/** Sessions per local date over the whole span (days without sessions included). */
export function sessionsPerDay(sessions: readonly ChargingSession[] | readonly SessionFeatures[]): DailyCountRow[] {
  const f = features(sessions);
  if (f.length === 0) return [];
  const m = new Map<string, number>();
  for (const x of f) m.set(x.date, (m.get(x.date) ?? 0) + 1);
  const dates = [...m.keys()].sort();
  const n = daysBetweenIso(dates[0], dates[dates.length - 1]);
  return Array.from({ length: n + 1 }, (_, k) => {
    const date = addDaysIso(dates[0], k);
    return { date, dayType: dayTypeOf(weekdayOfIso(date)), sessions: m.get(date) ?? 0 };
  });
}
