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

/** Name of {@link toHourlyGrid} in its errors. */
const WHERE = "toHourlyGrid";

/** Guard of {@link toHourlyGrid}'s input. @throws DataValidationError for no rows, mismatched lengths or a bad `maxFillHours`. */
function checkGridInput(series: HourlySeries, maxFillHours: number): void {
  const n = series.startMs.length;
  if (n === 0) throw new DataValidationError(WHERE, `series "${series.name}" has no rows`);
  if (series.values.length !== n) throw new DataValidationError(WHERE, `series "${series.name}": ${n} times but ${series.values.length} values`);
  if (!Number.isInteger(maxFillHours) || maxFillHours < 0) {
    throw new DataValidationError(WHERE, `maxFillHours must be a non-negative integer, got ${maxFillHours}`);
  }
}

/**
 * The first and last hour of the rows (epoch ms UTC) and how often a row starts before the previous one.
 * @throws DataValidationError (with the 1-based row) for a time that is not the start of a UTC hour.
 */
function hourSpan(series: HourlySeries): { loMs: number; hiMs: number; orderBreaks: number } {
  let orderBreaks = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < series.startMs.length; i++) {
    const t = series.startMs[i];
    if (!Number.isFinite(t) || t % MS_HOUR !== 0) {
      throw new DataValidationError(WHERE, `series "${series.name}": time ${t} is not the start of a UTC hour`, { row: i + 1 });
    }
    if (i > 0 && t < series.startMs[i - 1]) orderBreaks++;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return { loMs: lo, hiMs: hi, orderBreaks };
}

/** Per grid hour: rows there, and the sum, count, first, last, least and largest of its non-missing values. */
interface HourRows {
  rowsAt: Uint32Array;
  sum: Float64Array;
  count: Uint32Array;
  firstVal: Float64Array;
  lastVal: Float64Array;
  minVal: Float64Array;
  maxVal: Float64Array;
}

/**
 * Gathers the rows into `len` grid hours from `loMs`, in file order, counting rows that repeat an hour.
 * @throws DataValidationError (with the 1-based row) for a repeated hour when `duplicates` is "error".
 */
function gatherHourRows(series: HourlySeries, loMs: number, len: number, duplicates: DuplicatePolicy): { rows: HourRows; duplicateRows: number } {
  const rows: HourRows = {
    sum: new Float64Array(len),
    count: new Uint32Array(len),
    rowsAt: new Uint32Array(len),
    firstVal: new Float64Array(len).fill(NaN),
    lastVal: new Float64Array(len).fill(NaN),
    minVal: new Float64Array(len).fill(Infinity),
    maxVal: new Float64Array(len).fill(-Infinity),
  };
  const { sum, count, rowsAt, firstVal, lastVal, minVal, maxVal } = rows;
  let duplicateRows = 0;
  for (let i = 0; i < series.startMs.length; i++) {
    const h = (series.startMs[i] - loMs) / MS_HOUR;
    rowsAt[h]++;
    if (rowsAt[h] > 1) {
      duplicateRows++;
      if (duplicates === "error") {
        throw new DataValidationError(WHERE, `series "${series.name}": hour ${new Date(series.startMs[i]).toISOString()} repeated`, { row: i + 1 });
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
  return { rows, duplicateRows };
}

/** One value per grid hour by the duplicate policy (NaN where no value), with the conflicting and missing hours. */
function mergeHourRows(rows: HourRows, duplicates: DuplicatePolicy): { values: Float64Array; duplicateConflicts: number; missingHours: number } {
  const { sum, count, firstVal, lastVal, minVal, maxVal } = rows;
  const len = count.length;
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
  return { values, duplicateConflicts, missingHours };
}

/**
 * Fills, in place, interior runs of at most `maxFillHours` missing hours linearly between the known hours on either
 * side; longer runs and runs at an end stay NaN.
 * @returns which hours were filled, and the runs and hours filled and left missing.
 */
function fillShortGaps(
  values: Float64Array,
  maxFillHours: number,
): { filled: Uint8Array; filledRuns: number; filledHours: number; longGapRuns: number; longGapHours: number } {
  const len = values.length;
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
  return { filled, filledRuns, filledHours, longGapRuns, longGapHours };
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
  checkGridInput(series, maxFillHours);
  const { loMs, hiMs, orderBreaks } = hourSpan(series);
  const len = (hiMs - loMs) / MS_HOUR + 1;
  const { rows, duplicateRows } = gatherHourRows(series, loMs, len, duplicates);
  const { values, duplicateConflicts, missingHours } = mergeHourRows(rows, duplicates);
  const { filled, filledRuns, filledHours, longGapRuns, longGapHours } = fillShortGaps(values, maxFillHours);
  return {
    startMs: loMs,
    values,
    filled,
    report: {
      rows: series.startMs.length,
      orderBreaks,
      duplicateRows,
      duplicateConflicts,
      missingHours,
      filledRuns,
      filledHours,
      longGapRuns,
      longGapHours,
    },
  };
}
