/**
 * Any CSV of sessions, read through a column mapping: which column holds each canonical field, the time zone, how
 * times and numbers are written.
 */
import { ArgumentError } from "../../util/errors";
import type { FormatSpec } from "../raw-session";
import { DEFAULT_NA_VALUES } from "../values";
import { isValidTimeZone } from "../zone-offsets";

/** Column mapping of a generic session CSV. */
export interface ColumnMapping {
  /** Column of the session id. */
  id: string;
  /** Column of the station id. */
  stationId: string;
  /** Column of the user id (optional). */
  userId?: string;
  /** Column of the plug-in time. */
  plugIn: string;
  /** Column of the plug-out time. */
  plugOut: string;
  /** Column of the energy delivered, kWh. */
  energyKwh: string;
  /** IANA zone of wall-clock times, e.g. "Europe/Berlin" (times with an explicit offset are absolute anyway). */
  timeZone: string;
  /** Column holding a per-row IANA zone, overriding `timeZone` where filled. */
  timeZoneColumn?: string;
  /** luxon token pattern of the times, e.g. "dd/MM/yyyy HH:mm". Default: ISO 8601 (optional offset). */
  dateFormat?: string;
  /** Years 0–99 written in full become `century + yy` (e.g. 2000 for "0014", SHORT_YEAR_CENTURY), as the
   * known formats do. Default: no mapping. */
  century?: number;
  /** Field separator. Default: detected from the header line among `,` `;` tab `|`. */
  delimiter?: string;
  /** Decimal separator. Default ".". */
  decimal?: "." | ",";
  /** Texts meaning "no value". Default {@link DEFAULT_NA_VALUES}. */
  naValues?: string[];
  /** Timestamp resolution in seconds (60 for times written to the minute). Default: 60 without seconds in
   * `dateFormat`, else 1. */
  timeResolutionS?: number;
}

/**
 * The format spec of a generic CSV.
 * @throws ArgumentError when a required mapping entry is missing or the zone is unknown.
 */
export function genericSpec(mapping: ColumnMapping): FormatSpec {
  for (const key of ["id", "stationId", "plugIn", "plugOut", "energyKwh", "timeZone"] as const) {
    if (typeof mapping[key] !== "string" || mapping[key].trim() === "") {
      throw new ArgumentError("genericSpec", `the column mapping needs "${key}"`);
    }
  }
  if (!isValidTimeZone(mapping.timeZone)) throw new ArgumentError("genericSpec", `unknown IANA time zone "${mapping.timeZone}"`);
  const { dateFormat, century, decimal = ".", naValues = [...DEFAULT_NA_VALUES] } = mapping;
  const resolution = mapping.timeResolutionS ?? (dateFormat !== undefined && !/s/.test(dateFormat.replace(/'[^']*'/g, "")) ? 60 : 1);
  return {
    format: "generic",
    label: "generic session CSV",
    delimiter: mapping.delimiter,
    decimal,
    naValues,
    columns: {
      id: mapping.id,
      stationId: mapping.stationId,
      userId: mapping.userId,
      plugIn: mapping.plugIn,
      plugOut: mapping.plugOut,
      energyKwh: mapping.energyKwh,
      timeZone: mapping.timeZoneColumn,
    },
    time: dateFormat ? { kind: "pattern", pattern: dateFormat, century } : { kind: "iso" },
    timeZone: mapping.timeZone,
    timeResolutionS: resolution,
  };
}
