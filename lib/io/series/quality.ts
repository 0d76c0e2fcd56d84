/**
 * Structural checks of an hourly series: order, duplicates, absent hours, missing values.
 */
import { DataValidationError } from "../../util/errors";
import type { HourlySeries, SeriesQuality } from "./types";

const MS_HOUR = 3_600_000;

/**
 * Counts what is irregular in a series on the UTC hourly grid, without changing it.
 * @param series an hourly series (rows in file order).
 * @returns order breaks, duplicated rows/hours, gaps and absent hours, missing values.
 * @throws DataValidationError when the series is empty or its arrays differ in length.
 */
export function seriesQuality(series: HourlySeries): SeriesQuality {
  const where = "seriesQuality";
  const n = series.startMs.length;
  if (n === 0) throw new DataValidationError(where, `series "${series.name}" has no rows`);
  if (series.values.length !== n) {
    throw new DataValidationError(where, `series "${series.name}" has ${n} times but ${series.values.length} values`);
  }
  let orderBreaks = 0;
  let missingValues = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && series.startMs[i] < series.startMs[i - 1]) orderBreaks++;
    if (Number.isNaN(series.values[i])) missingValues++;
  }
  const sorted = Float64Array.from(series.startMs).sort();
  let duplicateRows = 0;
  let duplicatedHours = 0;
  let gaps = 0;
  let absentHours = 0;
  for (let i = 1; i < n; i++) {
    const step = sorted[i] - sorted[i - 1];
    if (step === 0) {
      duplicateRows++;
      if (i === 1 || sorted[i - 1] !== sorted[i - 2]) duplicatedHours++;
    } else if (step > MS_HOUR) {
      gaps++;
      absentHours += Math.round(step / MS_HOUR) - 1;
    }
  }
  return {
    rows: n,
    orderBreaks,
    duplicateRows,
    duplicatedHours,
    gaps,
    absentHours,
    missingValues,
    firstUtc: new Date(sorted[0]).toISOString(),
    lastUtc: new Date(sorted[n - 1]).toISOString(),
  };
}
