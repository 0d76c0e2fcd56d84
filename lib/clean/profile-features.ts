/**
 * Per-session local-time features every profile reads: local arrival date and hour, departure hour, day type,
 * dwell, energy and mean power. Local means the session's own IANA zone (DST-aware).
 */
import { localParts } from "../io/local-time";
import { type ChargingSession, dwellHours } from "../io/session";

/** Weekday (Monday–Friday) or weekend (Saturday, Sunday). Public holidays are not distinguished. */
export type DayType = "weekday" | "weekend";

/** The two day types, weekday first. */
export const DAY_TYPES: readonly DayType[] = ["weekday", "weekend"];

/** Local-time features of one session. */
export interface SessionFeatures {
  stationId: string;
  /** Local date of plug-in, "yyyy-MM-dd". */
  date: string;
  /** ISO weekday of plug-in, 1 = Monday … 7 = Sunday. */
  weekday: number;
  dayType: DayType;
  /** Local plug-in hour of day with fraction, [0, 24). */
  arrivalHour: number;
  /** Local plug-out hour of day with fraction, [0, 24). */
  departureHour: number;
  dwellH: number;
  energyKwh: number;
  /** energyKwh / dwellH. */
  meanPowerKw: number;
}

/** The day type of an ISO weekday (1 = Monday … 7 = Sunday). */
export function dayTypeOf(weekday: number): DayType {
  return weekday >= 6 ? "weekend" : "weekday";
}

/** Features of each session, in input order. */
export function sessionFeatures(sessions: readonly ChargingSession[]): SessionFeatures[] {
  return sessions.map((s) => {
    const a = localParts(s.plugInMs, s.timeZone);
    const d = localParts(s.plugOutMs, s.timeZone);
    const dwellH = dwellHours(s);
    return {
      stationId: s.stationId,
      date: a.date,
      weekday: a.weekday,
      dayType: dayTypeOf(a.weekday),
      arrivalHour: a.hourOfDay,
      departureHour: d.hourOfDay,
      dwellH,
      energyKwh: s.energyKwh,
      meanPowerKw: s.energyKwh / dwellH,
    };
  });
}

/** The date `days` after the "yyyy-MM-dd" date `date` (calendar arithmetic, no zone involved). */
export function addDaysIso(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a "yyyy-MM-dd" date. */
export function weekdayOfIso(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** Days from `from` to `to` ("yyyy-MM-dd"), so that addDaysIso(from, n) === to. */
export function daysBetweenIso(from: string, to: string): number {
  const ms = (s: string) => {
    const [y, m, d] = s.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}
