/**
 * Reader of the PJM hourly load files of the Kaggle "Hourly Energy Consumption" compilation (e.g. `AEP_hourly.csv`):
 * `Datetime,AEP_MW` with `YYYY-MM-DD HH:MM:SS` in local prevailing US Eastern time, HOUR-ENDING.
 *
 * Time convention (read from the file itself): a stamp is the local wall-clock start of the hour plus one hour,
 * counted naively — on spring DST days the stamps run 01:00, 02:00, 04:00 (the hour starting at the skipped 02:00
 * is absent), and in the autumn of 2014–2017 the stamp 02:00 appears twice (the hours starting at 01:00 EDT and
 * 01:00 EST). So the hour's start is `stamp − 1 h` on the wall clock, converted to UTC in America/New_York; of a
 * repeated stamp the first row in file order gets the earlier instant. In 2004–2013 the autumn stamp 02:00 is
 * absent altogether: both hours starting at 01:00 local are then missing in UTC.
 *
 * File quirks handled: rows not sorted (days run backwards in blocks), duplicated stamps, missing hours, LF line ends
 * and no final newline.
 */
import { DataValidationError } from "../../util/errors";
import { columnIndex, numberField, readTextFile, splitCsv, withFile } from "./csv-text";
import { seriesQuality } from "./quality";
import { localToUtc } from "./time-zone";
import type { HourlySeries, SeriesQuality } from "./types";

const MS_HOUR = 3_600_000;
const STAMP_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Options of {@link parsePjmHourly}. */
export interface PjmHourlyOptions {
  /** Value column. Default: the first column ending in "_MW". */
  column?: string;
  /** IANA time zone of the stamps. Default "America/New_York". */
  timeZone?: string;
  /** Name recorded as the series source. Default "PJM hourly". */
  sourceName?: string;
}

/** A break in the sorted naive-stamp sequence, classified. */
export interface NaiveGap {
  /** First absent stamp, `YYYY-MM-DD HH:MM:SS` as in the file. */
  firstMissingStamp: string;
  /** Absent stamps in the run. */
  stamps: number;
  /** "dstSpring": the skipped wall-clock hour (no data lost); "dstAutumn": the repeated hour's stamp is absent (two
   * UTC hours lost); "missing": a real missing hour. */
  kind: "dstSpring" | "dstAutumn" | "missing";
}

/** What {@link parsePjmHourly} returns. */
export interface PjmHourlySeries {
  /** Load in MW (hourly mean), hour-start UTC, rows in file order. */
  loadMw: HourlySeries;
  /** Facts about the stamps as written (naive local). */
  stamps: {
    rows: number;
    /** Rows whose stamp is earlier than the previous row's. */
    orderBreaks: number;
    /** Distinct stamps that occur more than once. */
    duplicatedStamps: number;
    /** Breaks in the sorted distinct stamps, each classified. */
    gaps: NaiveGap[];
    /** Stamps denoting a skipped wall-clock hour (dropped; none expected). */
    nonexistent: number;
    /** Stamps occurring more often than the zone allows (extra rows dropped). */
    surplusRows: number;
  };
  /** Structure of the converted UTC series. */
  quality: SeriesQuality;
}

/**
 * Parses the text of a PJM hourly load file.
 * @throws DataValidationError on a missing column, a malformed stamp or a non-numeric value.
 */
export function parsePjmHourly(text: string, options: PjmHourlyOptions = {}): PjmHourlySeries {
  const { timeZone = "America/New_York", sourceName = "PJM hourly" } = options;
  const where = "parsePjmHourly";
  const table = splitCsv(text, where);
  if (table.rows.length === 0) throw new DataValidationError(where, "the file has a header but no data rows");
  const iTime = columnIndex(table, "Datetime", where);
  const column = options.column ?? table.header.find((h) => h.endsWith("_MW"));
  if (column === undefined) throw new DataValidationError(where, "no *_MW column", { detail: { columns: table.header } });
  const iVal = columnIndex(table, column, where);

  const n = table.rows.length;
  const naive = new Array<number>(n);
  const parts: number[][] = new Array(n);
  for (let r = 0; r < n; r++) {
    const m = STAMP_RE.exec(table.rows[r][iTime].trim());
    if (!m) throw new DataValidationError(where, `malformed stamp "${table.rows[r][iTime]}"`, { field: "Datetime", row: r + 1 });
    parts[r] = [+m[1], +m[2], +m[3], +m[4], +m[5]];
    naive[r] = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  }
  let orderBreaks = 0;
  for (let r = 1; r < n; r++) if (naive[r] < naive[r - 1]) orderBreaks++;

  // Convert: hour start = stamp − 1 h on the wall clock.
  const seen = new Map<number, number>();
  const startMs: number[] = [];
  const values: number[] = [];
  let nonexistent = 0;
  let surplusRows = 0;
  for (let r = 0; r < n; r++) {
    const s = new Date(naive[r] - MS_HOUR);
    const conv = localToUtc(timeZone, s.getUTCFullYear(), s.getUTCMonth() + 1, s.getUTCDate(), s.getUTCHours(), s.getUTCMinutes());
    const occurrence = seen.get(naive[r]) ?? 0;
    seen.set(naive[r], occurrence + 1);
    if (conv.status === "nonexistent") {
      nonexistent++;
      continue;
    }
    if (occurrence >= conv.instantsMs.length) {
      surplusRows++;
      continue;
    }
    startMs.push(conv.instantsMs[occurrence]);
    values.push(numberField(table.rows[r][iVal], column, r + 1, where));
  }
  let duplicatedStamps = 0;
  for (const c of seen.values()) if (c > 1) duplicatedStamps++;

  // Breaks in the sorted distinct naive stamps, classified by what the wall clock did.
  const distinct = Array.from(seen.keys()).sort((a, b) => a - b);
  const gaps: NaiveGap[] = [];
  for (let i = 1; i < distinct.length; i++) {
    const missing = Math.round((distinct[i] - distinct[i - 1]) / MS_HOUR) - 1;
    if (missing <= 0) continue;
    const first = distinct[i - 1] + MS_HOUR;
    const s = new Date(first - MS_HOUR);
    const status = localToUtc(timeZone, s.getUTCFullYear(), s.getUTCMonth() + 1, s.getUTCDate(), s.getUTCHours()).status;
    const kind = missing === 1 && status === "nonexistent" ? "dstSpring" : missing === 1 && status === "ambiguous" ? "dstAutumn" : "missing";
    gaps.push({ firstMissingStamp: new Date(first).toISOString().slice(0, 19).replace("T", " "), stamps: missing, kind });
  }
  const loadMw: HourlySeries = { name: "loadMw", unit: "MW", timeZone, startMs, values, source: `${sourceName}: ${column}` };
  return {
    loadMw,
    stamps: { rows: n, orderBreaks, duplicatedStamps, gaps, nonexistent, surplusRows },
    quality: seriesQuality(loadMw),
  };
}

/**
 * Reads a PJM hourly load file (e.g. `load/AEP_hourly.csv`).
 * @throws DataValidationError when the file cannot be read or parsed.
 */
export function readPjmHourly(file: string, options: PjmHourlyOptions = {}): PjmHourlySeries {
  return withFile(file, () => parsePjmHourly(readTextFile(file, "readPjmHourly"), { sourceName: file.split(/[\\/]/).pop(), ...options }));
}
