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

/** Every key of a {@link ColumnMapping}; any other key is an error (a misspelt `dateFromat` would be ignored). */
export const MAPPING_KEYS = [
  "id",
  "stationId",
  "userId",
  "plugIn",
  "plugOut",
  "energyKwh",
  "timeZone",
  "timeZoneColumn",
  "dateFormat",
  "century",
  "delimiter",
  "decimal",
  "naValues",
  "timeResolutionS",
] as const satisfies readonly (keyof ColumnMapping)[];

/**
 * The format spec of a generic CSV.
 * @throws ArgumentError (field `mapping.<key>`) when the mapping is not an object, has an unknown key, lacks a
 *   required entry, or names an unknown zone.
 */
export function genericSpec(mapping: ColumnMapping): FormatSpec {
  const where = "genericSpec";
  if (typeof mapping !== "object" || mapping === null || Array.isArray(mapping)) {
    throw new ArgumentError(where, `the column mapping must be an object of column names, got ${mapping === null ? "null" : Array.isArray(mapping) ? "an array" : typeof mapping}`, { field: "mapping" });
  }
  const unknown = Object.keys(mapping).filter((k) => !(MAPPING_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new ArgumentError(where, `unknown column mapping key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}; the keys are ${MAPPING_KEYS.join(", ")}`, {
      field: `mapping.${unknown[0]}`,
    });
  }
  for (const key of ["id", "stationId", "plugIn", "plugOut", "energyKwh", "timeZone"] as const) {
    if (typeof mapping[key] !== "string" || mapping[key].trim() === "") {
      throw new ArgumentError(where, `the column mapping needs "${key}"`, { field: `mapping.${key}` });
    }
  }
  if (!isValidTimeZone(mapping.timeZone)) throw new ArgumentError(where, `unknown IANA time zone "${mapping.timeZone}"`, { field: "mapping.timeZone" });
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
