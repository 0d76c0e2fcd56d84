/**
 * Reader of the OPSD "Household Data" hourly file: cumulative energy meter readings (kWh) of one house, turned into
 * hourly energies by differencing consecutive readings.
 *
 * Convention: the reading at row time t is taken at the instant t, so the energy of the hour starting at t_i is
 * counter(t_{i+1}) − counter(t_i). (On the residential4 file the PV energy centroid in May–August then sits at
 * 13:00 UTC, 1.6 h after solar noon in Konstanz: an orientation towards the west or a one-hour shift of the source
 * convention cannot be told apart from the data; the alternative convention would put it at 14:00 UTC.)
 *
 * Reference: Open Power System Data, Data Package Household Data (CoSSMic project, Konstanz).
 */
import { DataValidationError } from "../../util/errors";
import { columnIndex, numberField, readTextFile, splitCsv, withFile } from "./csv-text";
import { parseOpsdUtc } from "./opsd-time";
import { seriesQuality } from "./quality";
import type { HourlySeries, SeriesQuality } from "./types";

const MS_HOUR = 3_600_000;

/** How the energy of a difference spanning several hours (readings missing in between) is used. */
export type SpanningEnergyPolicy = "missing" | "spread";

/** Options of {@link parseOpsdHousehold}. */
export interface OpsdHouseholdOptions {
  /** IANA time zone of the house. Default "Europe/Berlin". */
  timeZone?: string;
  /**
   * A difference between two readings more than one hour apart: "missing" (default) leaves each hour of the span
   * missing; "spread" shares the energy equally among them.
   */
  spanningEnergy?: SpanningEnergyPolicy;
  /** Name recorded as the series source. Default "OPSD household data". */
  sourceName?: string;
}

/** Per-counter report of the differencing. */
export interface CounterReport {
  /** Readings present. */
  readings: number;
  /** Hours whose energy is known. */
  hoursKnown: number;
  /** Differences spanning more than one hour (missing readings between). */
  spanningDifferences: number;
  /** Hours inside those spans (left missing or spread, per the policy). */
  spanningHours: number;
  /** Negative differences (a counter going backwards): left missing. */
  negativeDifferences: number;
  /** Rows the source marks as interpolated for this counter. */
  interpolatedRows: number;
}

/** What {@link parseOpsdHousehold} returns. */
export interface OpsdHouseholdSeries {
  /** Hourly energy per counter (kWh in the hour), keyed by the short counter name ("pv", "grid_import", …). */
  counters: Record<string, HourlySeries>;
  /** Household consumption = grid_import + pv − grid_export (kWh in the hour), when those three counters exist. */
  loadKwh?: HourlySeries;
  /** Per-counter report. */
  report: Record<string, CounterReport>;
  /** Structure of the timestamps. */
  quality: SeriesQuality;
}

/**
 * Parses the text of an OPSD household file and differences its cumulative counters.
 * @throws DataValidationError when the timestamp column is missing/malformed, rows are not strictly increasing
 *   (counters cannot be differenced otherwise), or a value is not a number.
 */
export function parseOpsdHousehold(text: string, options: OpsdHouseholdOptions = {}): OpsdHouseholdSeries {
  const { timeZone = "Europe/Berlin", spanningEnergy = "missing", sourceName = "OPSD household data" } = options;
  const where = "parseOpsdHousehold";
  const table = splitCsv(text, where);
  if (table.rows.length < 2) throw new DataValidationError(where, "need at least two rows to difference counters");
  const iUtc = columnIndex(table, "utc_timestamp", where);
  const iInterp = table.header.indexOf("interpolated_values");
  const counterCols = table.header
    .map((name, i) => ({ name, i }))
    .filter((c) => c.name !== "utc_timestamp" && c.name !== "cet_cest_timestamp" && c.name !== "interpolated_values");
  if (counterCols.length === 0) throw new DataValidationError(where, "no counter columns found", { detail: { columns: table.header } });

  const n = table.rows.length;
  const t = table.rows.map((f, r) => parseOpsdUtc(f[iUtc], r + 1, where));
  for (let r = 1; r < n; r++) {
    if (t[r] - t[r - 1] !== MS_HOUR) {
      // Differencing needs one reading per hour, in order; absent readings must appear as empty fields.
      throw new DataValidationError(where, "rows must be consecutive hours in increasing order", { field: "utc_timestamp", row: r + 1 });
    }
  }
  // Energy of hour r is attributed to the hour starting at t[r]; the last row has no following reading.
  const startMs = t.slice(0, n - 1);
  const counters: Record<string, HourlySeries> = {};
  const report: Record<string, CounterReport> = {};
  for (const c of counterCols) {
    const short = c.name.replace(/^[A-Z]{2}_[A-Za-z]+_[a-z]+\d*_/, "");
    const reading = table.rows.map((f, r) => numberField(f[c.i], c.name, r + 1, where));
    const energy = new Array<number>(n - 1).fill(NaN);
    const rep: CounterReport = { readings: 0, hoursKnown: 0, spanningDifferences: 0, spanningHours: 0, negativeDifferences: 0, interpolatedRows: 0 };
    let last = -1;
    for (let r = 0; r < n; r++) {
      if (iInterp >= 0 && table.rows[r][iInterp].split("|").some((s) => s.trim() === c.name)) rep.interpolatedRows++;
      if (Number.isNaN(reading[r])) continue;
      rep.readings++;
      if (last >= 0) {
        const diff = reading[r] - reading[last];
        const span = r - last;
        if (diff < 0) rep.negativeDifferences++;
        else if (span === 1) energy[last] = diff;
        else {
          rep.spanningDifferences++;
          rep.spanningHours += span;
          if (spanningEnergy === "spread") for (let h = last; h < r; h++) energy[h] = diff / span;
        }
      }
      last = r;
    }
    rep.hoursKnown = energy.reduce((s, x) => s + (Number.isNaN(x) ? 0 : 1), 0);
    counters[short] = { name: `${short}Kwh`, unit: "kWh", timeZone, startMs, values: energy, source: `${sourceName}: ${c.name}` };
    report[short] = rep;
  }
  let loadKwh: HourlySeries | undefined;
  const imp = counters.grid_import;
  const pv = counters.pv;
  const exp = counters.grid_export;
  if (imp && pv && exp) {
    loadKwh = {
      name: "loadKwh",
      unit: "kWh",
      timeZone,
      startMs,
      values: imp.values.map((x, i) => x + pv.values[i] - exp.values[i]),
      source: `${sourceName}: grid_import + pv − grid_export`,
    };
  }
  return { counters, loadKwh, report, quality: seriesQuality(counters[Object.keys(counters)[0]]) };
}

/**
 * Reads an OPSD household file (e.g. `load/household_data_60min_singleindex.csv`).
 * @throws DataValidationError when the file cannot be read or parsed.
 */
export function readOpsdHousehold(file: string, options: OpsdHouseholdOptions = {}): OpsdHouseholdSeries {
  return withFile(file, () => parseOpsdHousehold(readTextFile(file, "readOpsdHousehold"), { sourceName: file.split(/[\\/]/).pop(), ...options }));
}
