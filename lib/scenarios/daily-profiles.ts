/**
 * Daily profiles: an hourly series as a day × hour matrix (24 columns), with an explicit choice of UTC or local days.
 *
 * Local days in a zone with daylight saving time have 23 hours (spring) or 25 hours (autumn). We map them onto 24
 * wall-clock hours: in a 25-hour day the two values of the repeated hour are averaged (hourly mean power stays a
 * power); in a 23-hour day the skipped wall-clock hour is interpolated between its neighbours. Both are counted.
 * Short gaps are filled on the continuous UTC grid first (see {@link toHourlyGrid}); a day still holding a missing
 * hour is dropped and listed, as is a day the series covers only partly.
 */
import type { DayType } from "../clean/profile-features";
import type { HourlySeries } from "../io/series/types";
import { addDays, isoWeekday, localTime, localToUtc, parseIsoDate } from "../io/series/time-zone";
import { ArgumentError, DataValidationError } from "../util/errors";
import { type HourlyGrid, type HourlyGridOptions, type HourlyGridReport, toHourlyGrid } from "./hourly-grid";

const MS_HOUR = 3_600_000;

/** Which calendar days the hours are grouped into. */
export type DayBasis = "local" | "utc";

// The project's one day type (weekday Monday–Friday, weekend Saturday–Sunday; no holidays), shared with clean/.
export type { DayType };

/** Weekday or weekend of a calendar date `YYYY-MM-DD`. */
export function dayTypeOfDate(date: string): DayType {
  return isoWeekday(date) >= 6 ? "weekend" : "weekday";
}

/** Options of {@link dailyProfiles}. */
export interface DailyProfilesOptions extends HourlyGridOptions {
  /** "local" (default): calendar days in `timeZone`, 23/25-hour DST days mapped onto 24 wall-clock hours; "utc". */
  dayBasis?: DayBasis;
  /** Time zone of local days. Default: the series' own zone. */
  timeZone?: string;
  /** First day kept, `YYYY-MM-DD` (inclusive). Default: the first day the series touches. */
  from?: string;
  /** Last day kept, `YYYY-MM-DD` (inclusive). Default: the last day the series touches. */
  to?: string;
  /** Shortcut for `from = year-01-01`, `to = year-12-31`. */
  year?: number;
}

/** Why a day was dropped. */
export type DropReason = "gap" | "incomplete";

/** What {@link dailyProfiles} did. */
export interface DailyProfilesReport {
  /** Sorting, duplicates, gap filling on the UTC grid. */
  grid: HourlyGridReport;
  /** Calendar days in the requested range. */
  daysInRange: number;
  daysUsed: number;
  daysDropped: number;
  /** Each dropped day: "gap" (a missing hour left after filling) or "incomplete" (the series covers it only partly). */
  dropped: { date: string; reason: DropReason; missingHours: number }[];
  /** Local DST days kept: 23-hour and 25-hour days, skipped hours interpolated, repeated hours averaged. */
  dst: { shortDays: number; longDays: number; interpolatedHours: number; averagedHours: number };
  /** Hours filled by interpolation inside the days kept. */
  filledHoursInDaysUsed: number;
}

/** A day × hour matrix of one quantity. */
export interface DayMatrix {
  quantity: string;
  unit: string;
  dayBasis: DayBasis;
  /** Zone of the days ("UTC" for UTC days). */
  timeZone: string;
  /** Days kept, ascending, `YYYY-MM-DD`. */
  dates: string[];
  dayTypes: DayType[];
  /** `values[d][h]`: the value of wall-clock hour h (0–23) of day d. */
  values: number[][];
  report: DailyProfilesReport;
}

/** First instant of a local calendar day (its 00:00, or the first wall-clock hour that exists). */
function dayStartMs(zone: string, date: string): number {
  const p = parseIsoDate(date)!;
  for (let hour = 0; hour < 4; hour++) {
    const r = localToUtc(zone, p.year, p.month, p.day, hour);
    if (r.instantsMs.length > 0) return r.instantsMs[0];
  }
  throw new ArgumentError("dailyProfiles", `cannot find the start of ${date} in ${zone}`);
}

/** Name of {@link dailyProfiles} in its errors. */
const WHERE = "dailyProfiles";

/** The zone of the days: "UTC" for UTC days, else the option's or the series' zone. @throws ArgumentError for a bad basis or no zone. */
function daysZone(series: HourlySeries, dayBasis: DayBasis, timeZone: string | undefined): string {
  if (dayBasis !== "local" && dayBasis !== "utc") throw new ArgumentError(WHERE, `dayBasis must be "local" or "utc", got "${dayBasis}"`);
  const zone = dayBasis === "utc" ? "UTC" : (timeZone ?? series.timeZone);
  if (!zone) throw new ArgumentError(WHERE, "a time zone is needed for local days");
  return zone;
}

/**
 * First and last day kept (inclusive): the options' `from`/`to`, else the `year`, else the days the grid touches.
 * @throws ArgumentError for a date that is not `YYYY-MM-DD` or from > to.
 */
function dateRange(zone: string, grid: HourlyGrid, options: DailyProfilesOptions): { from: string; to: string } {
  const { year } = options;
  const gridEnd = grid.startMs + grid.values.length * MS_HOUR;
  const from = options.from ?? (year !== undefined ? `${year}-01-01` : localTime(zone, grid.startMs).date);
  const to = options.to ?? (year !== undefined ? `${year}-12-31` : localTime(zone, gridEnd - MS_HOUR).date);
  if (!parseIsoDate(from) || !parseIsoDate(to) || from > to) {
    throw new ArgumentError(WHERE, `bad date range "${from}" … "${to}" (expected YYYY-MM-DD, from ≤ to)`);
  }
  return { from, to };
}

/** The grid hours of one calendar day, by wall-clock hour: sum and count of the values, hours, missing and filled hours. */
interface DayHours {
  sum: Float64Array;
  count: Uint8Array;
  hours: number;
  nan: number;
  filled: number;
}

/** Buckets the grid hours from the start of day `from` to the end of day `to` into (local date, wall-clock hour). */
function bucketDays(grid: HourlyGrid, zone: string, from: string, to: string): Map<string, DayHours> {
  const len = grid.values.length;
  const days = new Map<string, DayHours>();
  const hFirst = Math.max(0, Math.floor((dayStartMs(zone, from) - grid.startMs) / MS_HOUR));
  const hEnd = Math.min(len, Math.ceil((dayStartMs(zone, addDays(to, 1)) - grid.startMs) / MS_HOUR));
  for (let h = hFirst; h < hEnd; h++) {
    const lt = localTime(zone, grid.startMs + h * MS_HOUR);
    let d = days.get(lt.date);
    if (d === undefined) {
      d = { sum: new Float64Array(24), count: new Uint8Array(24), hours: 0, nan: 0, filled: 0 };
      days.set(lt.date, d);
    }
    d.hours++;
    const v = grid.values[h];
    if (Number.isNaN(v)) d.nan++;
    else {
      d.sum[lt.hour] += v;
      d.count[lt.hour]++;
    }
    if (grid.filled[h]) d.filled++;
  }
  return days;
}

/**
 * The 24 wall-clock values of a complete day without missing hours: a repeated hour averaged, a skipped hour
 * interpolated between its neighbours (or the one neighbour at a day edge); both counted in `dst`.
 * @throws DataValidationError when two consecutive wall-clock hours hold no data.
 */
function wallClockRow(d: DayHours, date: string, dst: DailyProfilesReport["dst"]): number[] {
  const row = new Array<number>(24);
  const empty: number[] = [];
  for (let hour = 0; hour < 24; hour++) {
    if (d.count[hour] === 0) empty.push(hour);
    else {
      row[hour] = d.sum[hour] / d.count[hour];
      if (d.count[hour] > 1) dst.averagedHours += d.count[hour] - 1;
    }
  }
  for (const hour of empty) {
    const a = hour > 0 ? row[hour - 1] : undefined;
    const b = hour < 23 && d.count[hour + 1] > 0 ? row[hour + 1] : undefined;
    if (a === undefined && b === undefined) {
      throw new DataValidationError(WHERE, `${date}: consecutive wall-clock hours without data in a complete day`);
    }
    row[hour] = a !== undefined && b !== undefined ? (a + b) / 2 : (a ?? b)!;
    dst.interpolatedHours++;
  }
  return row;
}

/** An empty day matrix of the series with a zeroed report, to be filled day by day. */
function emptyDayMatrix(series: HourlySeries, dayBasis: DayBasis, zone: string, grid: HourlyGridReport): DayMatrix {
  return {
    quantity: series.name,
    unit: series.unit,
    dayBasis,
    timeZone: zone,
    dates: [],
    dayTypes: [],
    values: [],
    report: {
      grid,
      daysInRange: 0,
      daysUsed: 0,
      daysDropped: 0,
      dropped: [],
      dst: { shortDays: 0, longDays: 0, interpolatedHours: 0, averagedHours: 0 },
      filledHoursInDaysUsed: 0,
    },
  };
}

/**
 * Groups an hourly series into days of 24 hours.
 * @param series hourly rows in file order (hour-start UTC instants).
 * @param options UTC or local days, time zone, date range, duplicate policy and gap filling.
 * @returns the day × hour matrix and a report of what was done.
 * @throws DataValidationError for bad series (see {@link toHourlyGrid}); ArgumentError for a bad date range.
 */
export function dailyProfiles(series: HourlySeries, options: DailyProfilesOptions = {}): DayMatrix {
  const { dayBasis = "local" } = options;
  const zone = daysZone(series, dayBasis, options.timeZone);
  const grid = toHourlyGrid(series, options);
  const gridEnd = grid.startMs + grid.values.length * MS_HOUR;
  const { from, to } = dateRange(zone, grid, options);
  const days = bucketDays(grid, zone, from, to);
  const out = emptyDayMatrix(series, dayBasis, zone, grid.report);
  const rep = out.report;
  for (let date = from; date <= to; date = addDays(date, 1)) {
    rep.daysInRange++;
    const start = dayStartMs(zone, date);
    const end = dayStartMs(zone, addDays(date, 1));
    const expected = Math.round((end - start) / MS_HOUR);
    const d = days.get(date);
    if (d === undefined || start < grid.startMs || end > gridEnd || d.hours !== expected) {
      rep.dropped.push({ date, reason: "incomplete", missingHours: expected - (d?.hours ?? 0) });
      continue;
    }
    if (d.nan > 0) {
      rep.dropped.push({ date, reason: "gap", missingHours: d.nan });
      continue;
    }
    const row = wallClockRow(d, date, rep.dst);
    if (expected < 24) rep.dst.shortDays++;
    if (expected > 24) rep.dst.longDays++;
    rep.filledHoursInDaysUsed += d.filled;
    out.dates.push(date);
    out.dayTypes.push(dayTypeOfDate(date));
    out.values.push(row);
  }
  rep.daysUsed = out.dates.length;
  rep.daysDropped = rep.dropped.length;
  return out;
}
