/**
 * From rows in file order to a continuous UTC hourly grid: sort, merge duplicated hours, fill short gaps by linear
 * interpolation; long gaps stay missing (NaN). Every step is counted.
 */
import type { HourlySeries } from "../io/series/types";
import { DataValidationError } from "../util/errors";

const MS_HOUR = 3_600_000;

/** What to do with several rows for the same hour. */
export type DuplicatePolicy = "mean" | "first" | "last" | "error";

/** Options of {@link toHourlyGrid}. */
export interface HourlyGridOptions {
  /** Duplicated hours: "mean" of the non-missing values (default), "first"/"last" in file order, or "error". */
  duplicates?: DuplicatePolicy;
  /**
   * Longest run of missing hours filled by linear interpolation between the known hours on either side. Longer runs
   * (and runs at either end of the series) stay missing. Default 3; 0 disables filling.
   */
  maxFillHours?: number;
}

/** The counts of {@link toHourlyGrid}. */
export interface HourlyGridReport {
  /** Rows read. */
  rows: number;
  /** Rows whose hour starts before the previous row's (file order). */
  orderBreaks: number;
  /** Rows repeating an hour already present. */
  duplicateRows: number;
  /** Duplicated hours whose non-missing values differ. */
  duplicateConflicts: number;
  /** Grid hours without a value before filling (absent rows + missing values). */
  missingHours: number;
  /** Runs of missing hours filled by interpolation, and the hours they hold. */
  filledRuns: number;
  filledHours: number;
  /** Runs left missing (longer than `maxFillHours`, or at an end of the series), and their hours. */
  longGapRuns: number;
  longGapHours: number;
}

/** A continuous hourly grid. */
export interface HourlyGrid {
  /** Start of the first hour, epoch ms UTC. */
  startMs: number;
  /** One value per hour from `startMs`; NaN where still missing. */
  values: Float64Array;
  /** True where the value was filled by interpolation. */
  filled: Uint8Array;
  report: HourlyGridReport;
}

/**
 * Puts an hourly series on a continuous UTC grid.
 * @param series rows in file order (unsorted, duplicated and missing hours allowed).
 * @param options duplicate policy and the longest gap filled.
 * @returns the grid from the first to the last hour with counts of everything done.
 * @throws DataValidationError when the series is empty, a time is not a whole UTC hour, or duplicates are forbidden.
 */
export function toHourlyGrid(series: HourlySeries, options: HourlyGridOptions = {}): HourlyGrid {
  const { duplicates = "mean", maxFillHours = 3 } = options;
  const where = "toHourlyGrid";
  const n = series.startMs.length;
  if (n === 0) throw new DataValidationError(where, `series "${series.name}" has no rows`);
  if (series.values.length !== n) throw new DataValidationError(where, `series "${series.name}": ${n} times but ${series.values.length} values`);
  if (!Number.isInteger(maxFillHours) || maxFillHours < 0) {
    throw new DataValidationError(where, `maxFillHours must be a non-negative integer, got ${maxFillHours}`);
  }
  let orderBreaks = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = series.startMs[i];
    if (!Number.isFinite(t) || t % MS_HOUR !== 0) {
      throw new DataValidationError(where, `series "${series.name}": time ${t} is not the start of a UTC hour`, { row: i + 1 });
    }
    if (i > 0 && t < series.startMs[i - 1]) orderBreaks++;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const len = (hi - lo) / MS_HOUR + 1;
  const sum = new Float64Array(len);
  const count = new Uint32Array(len);
  const rowsAt = new Uint32Array(len);
  const firstVal = new Float64Array(len).fill(NaN);
  const lastVal = new Float64Array(len).fill(NaN);
  const minVal = new Float64Array(len).fill(Infinity);
  const maxVal = new Float64Array(len).fill(-Infinity);
  let duplicateRows = 0;
  for (let i = 0; i < n; i++) {
    const h = (series.startMs[i] - lo) / MS_HOUR;
    rowsAt[h]++;
    if (rowsAt[h] > 1) {
      duplicateRows++;
      if (duplicates === "error") {
        throw new DataValidationError(where, `series "${series.name}": hour ${new Date(series.startMs[i]).toISOString()} repeated`, { row: i + 1 });
      }
    }
    const v = series.values[i];
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(firstVal[h])) firstVal[h] = v;
    lastVal[h] = v;
    sum[h] += v;
    count[h]++;
    if (v < minVal[h]) minVal[h] = v;
    if (v > maxVal[h]) maxVal[h] = v;
  }
  const values = new Float64Array(len);
  let duplicateConflicts = 0;
  let missingHours = 0;
  for (let h = 0; h < len; h++) {
    if (count[h] > 1 && minVal[h] !== maxVal[h]) duplicateConflicts++;
    if (count[h] === 0) {
      values[h] = NaN;
      missingHours++;
    } else values[h] = duplicates === "first" ? firstVal[h] : duplicates === "last" ? lastVal[h] : sum[h] / count[h];
  }
  // Linear interpolation of short interior runs.
  const filled = new Uint8Array(len);
  let filledRuns = 0;
  let filledHours = 0;
  let longGapRuns = 0;
  let longGapHours = 0;
  let h = 0;
  while (h < len) {
    if (!Number.isNaN(values[h])) {
      h++;
      continue;
    }
    const start = h;
    while (h < len && Number.isNaN(values[h])) h++;
    const runLen = h - start;
    const interior = start > 0 && h < len;
    if (interior && runLen <= maxFillHours) {
      const a = values[start - 1];
      const b = values[h];
      for (let j = 0; j < runLen; j++) {
        values[start + j] = a + ((b - a) * (j + 1)) / (runLen + 1);
        filled[start + j] = 1;
      }
      filledRuns++;
      filledHours += runLen;
    } else {
      longGapRuns++;
      longGapHours += runLen;
    }
  }
  return {
    startMs: lo,
    values,
    filled,
    report: { rows: n, orderBreaks, duplicateRows, duplicateConflicts, missingHours, filledRuns, filledHours, longGapRuns, longGapHours },
  };
}
