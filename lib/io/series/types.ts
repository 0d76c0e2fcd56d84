/**
 * The hourly series every series reader produces: one quantity, rows in FILE order (possibly unsorted, duplicated or
 * with missing hours — turning them into clean day × hour matrices is the job of `scenarios/dailyProfiles`).
 */

/** One hourly quantity as read from a file. */
export interface HourlySeries {
  /** Quantity, e.g. "pvMw", "loadMw", "loadKwh". */
  name: string;
  /** Unit of `values`: "MW" (hourly mean power) or "kWh" (energy in the hour). */
  unit: string;
  /** IANA time zone of the site, used for local days (e.g. "Europe/Paris"). */
  timeZone: string;
  /** Start of each row's hour, epoch milliseconds UTC, in file order. */
  startMs: number[];
  /** Value of each row; `NaN` marks a missing value. */
  values: number[];
  /** Where it came from (file name and column). */
  source: string;
}

/** Structural facts of a series on the UTC hourly grid (computed by {@link seriesQuality}). */
export interface SeriesQuality {
  /** Number of rows. */
  rows: number;
  /** Rows whose hour starts before the previous row's (file order). */
  orderBreaks: number;
  /** Rows repeating an hour already present (a triplicate counts 2). */
  duplicateRows: number;
  /** Distinct hours that occur more than once. */
  duplicatedHours: number;
  /** Breaks in the sorted, de-duplicated hourly sequence (each run of absent hours counts once). */
  gaps: number;
  /** Hours absent from the grid between the first and the last row. */
  absentHours: number;
  /** Rows present but with a missing (NaN) value. */
  missingValues: number;
  /** First and last hour start, ISO UTC. */
  firstUtc: string;
  lastUtc: string;
}
