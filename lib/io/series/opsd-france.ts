/**
 * Reader of the OPSD "Time series" single-index hourly file filtered for one country (here France): national PV
 * generation and load in MW (hourly means), on the same timestamps.
 *
 * Reference: Open Power System Data, Data Package Time series (ENTSO-E Transparency Platform underneath).
 */
import { DataValidationError } from "../../util/errors";
import { columnIndex, numberField, readTextFile, splitCsv, withFile } from "./csv-text";
import { parseOpsdLocal, parseOpsdUtc } from "./opsd-time";
import { seriesQuality } from "./quality";
import { zoneOffsetMinutes } from "./time-zone";
import type { HourlySeries, SeriesQuality } from "./types";

/** Options of {@link parseOpsdCountry} / {@link readOpsdCountry}. */
export interface OpsdCountryOptions {
  /** Two-letter country prefix of the columns. Default "FR". */
  country?: string;
  /** IANA time zone of the country, for local days. Default "Europe/Paris". */
  timeZone?: string;
  /** Name recorded as the series source. Default "OPSD time series". */
  sourceName?: string;
}

/** What {@link parseOpsdCountry} returns. */
export interface OpsdCountrySeries {
  /** Actual PV generation, MW (hourly mean). */
  pvMw: HourlySeries;
  /** Actual load, MW (hourly mean). */
  loadMw: HourlySeries;
  /** Day-ahead load forecast, MW, when the column exists. */
  loadForecastMw?: HourlySeries;
  /** Structure of the timestamps (order, duplicates, gaps). */
  quality: SeriesQuality;
  /** Missing values per series. */
  missing: { pv: number; load: number; loadForecast: number };
  /** Rows whose local timestamp is absent, malformed or does not denote the same instant as the UTC one. */
  localTimestampMismatches: number;
  /** Rows whose local offset differs from the time zone's offset at that instant. */
  zoneOffsetMismatches: number;
}

/**
 * Parses the text of an OPSD single-index hourly file.
 * @param text the file's text (CRLF or LF).
 * @param options country prefix, time zone, source name.
 * @returns PV and load series (rows in file order) with a report of the timestamps.
 * @throws DataValidationError on a missing column, a malformed UTC timestamp or a non-numeric value.
 */
export function parseOpsdCountry(text: string, options: OpsdCountryOptions = {}): OpsdCountrySeries {
  const { country = "FR", timeZone = "Europe/Paris", sourceName = "OPSD time series" } = options;
  const where = "parseOpsdCountry";
  const table = splitCsv(text, where);
  if (table.rows.length === 0) throw new DataValidationError(where, "the file has a header but no data rows");
  const iUtc = columnIndex(table, "utc_timestamp", where);
  const iLocal = table.header.indexOf("cet_cest_timestamp");
  const pvCol = `${country}_solar_generation_actual`;
  const loadCol = `${country}_load_actual_entsoe_transparency`;
  const fcCol = `${country}_load_forecast_entsoe_transparency`;
  const iPv = columnIndex(table, pvCol, where);
  const iLoad = columnIndex(table, loadCol, where);
  const iFc = table.header.indexOf(fcCol);

  const n = table.rows.length;
  const startMs = new Array<number>(n);
  const pv = new Array<number>(n);
  const load = new Array<number>(n);
  const fc = new Array<number>(n);
  let localMismatch = 0;
  let offsetMismatch = 0;
  for (let r = 0; r < n; r++) {
    const f = table.rows[r];
    const t = parseOpsdUtc(f[iUtc], r + 1, where);
    startMs[r] = t;
    pv[r] = numberField(f[iPv], pvCol, r + 1, where);
    load[r] = numberField(f[iLoad], loadCol, r + 1, where);
    fc[r] = iFc >= 0 ? numberField(f[iFc], fcCol, r + 1, where) : NaN;
    if (iLocal >= 0) {
      const local = parseOpsdLocal(f[iLocal]);
      if (!local || local.ms !== t) localMismatch++;
      else if (local.offsetMinutes !== zoneOffsetMinutes(timeZone, t)) offsetMismatch++;
    }
  }
  const make = (name: string, values: number[], col: string): HourlySeries => ({
    name,
    unit: "MW",
    timeZone,
    startMs,
    values,
    source: `${sourceName}: ${col}`,
  });
  const count = (xs: number[]) => xs.reduce((s, x) => s + (Number.isNaN(x) ? 1 : 0), 0);
  const pvMw = make("pvMw", pv, pvCol);
  return {
    pvMw,
    loadMw: make("loadMw", load, loadCol),
    loadForecastMw: iFc >= 0 ? make("loadForecastMw", fc, fcCol) : undefined,
    quality: seriesQuality(pvMw),
    missing: { pv: count(pv), load: count(load), loadForecast: iFc >= 0 ? count(fc) : n },
    localTimestampMismatches: iLocal >= 0 ? localMismatch : n,
    zoneOffsetMismatches: offsetMismatch,
  };
}

/**
 * Reads an OPSD single-index hourly file (e.g. `pv/time_series_60min_singleindex_filtered.csv`).
 * @throws DataValidationError when the file cannot be read or parsed.
 */
export function readOpsdCountry(file: string, options: OpsdCountryOptions = {}): OpsdCountrySeries {
  return withFile(file, () => parseOpsdCountry(readTextFile(file, "readOpsdCountry"), { sourceName: file.split(/[\\/]/).pop(), ...options }));
}
