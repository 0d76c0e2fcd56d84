/**
 * One entry point for the three hourly series formats, chosen from the file's header line.
 */
import { DataValidationError } from "../../util/errors";
import { firstLine } from "../detect";
import { parsePjmHourly } from "./aep";
import { readTextFile, withFile } from "./csv-text";
import { parseOpsdCountry } from "./opsd-france";
import { parseOpsdHousehold } from "./opsd-household";
import type { HourlySeries } from "./types";

/** Time zones of the OPSD countries we know (the file itself does not name one). */
const COUNTRY_ZONES: Record<string, string> = {
  FR: "Europe/Paris",
  DE: "Europe/Berlin",
  ES: "Europe/Madrid",
  IT: "Europe/Rome",
  GB: "Europe/London",
  NL: "Europe/Amsterdam",
  BE: "Europe/Brussels",
  AT: "Europe/Vienna",
  CH: "Europe/Zurich",
  DK: "Europe/Copenhagen",
  PL: "Europe/Warsaw",
};

/** The formats {@link readSeriesFile} recognises. */
export type SeriesFileKind = "opsd-country" | "opsd-household" | "pjm-hourly";

/** The PV and/or load series found in a file. */
export interface SeriesFile {
  kind: SeriesFileKind;
  file: string;
  /** PV generation (MW for OPSD country files, kWh per hour for the household file). */
  pv?: HourlySeries;
  /** Load (MW, or kWh per hour for the household file). */
  load?: HourlySeries;
}

/** The format of a series text, from its header line. */
export function detectSeriesKind(text: string): SeriesFileKind | undefined {
  const header = firstLine(text.replace(/^\ufeff/, "")).split(",").map((s) => s.trim());
  if (header.includes("Datetime") && header.some((h) => h.endsWith("_MW"))) return "pjm-hourly";
  if (header.includes("utc_timestamp") && header.some((h) => /_solar_generation_actual$|_load_actual_entsoe_transparency$/.test(h))) {
    return "opsd-country";
  }
  if (header.includes("utc_timestamp") && header.some((h) => /_residential\d*_/.test(h))) return "opsd-household";
  return undefined;
}

/**
 * Reads any of the three hourly formats, detected from the header: an OPSD country file (PV + load), the OPSD
 * household file (PV + household load from differenced counters) or a PJM hourly load file (load only).
 * @throws DataValidationError when the file cannot be read, its format is not recognised or a value is bad (the
 *   error names the file, and the field and row where they apply).
 */
export function readSeriesFile(file: string): SeriesFile {
  return withFile(file, () => readSeriesText(readTextFile(file, "readSeriesFile"), file));
}

function readSeriesText(text: string, file: string): SeriesFile {
  const where = "readSeriesFile";
  const kind = detectSeriesKind(text);
  const sourceName = file.split(/[\\/]/).pop();
  if (kind === "opsd-country") {
    const header = firstLine(text.replace(/^\ufeff/, ""));
    const country = /(?:^|,)([A-Z]{2})_(?:solar_generation_actual|load_actual_entsoe_transparency)/.exec(header)?.[1] ?? "FR";
    const timeZone = COUNTRY_ZONES[country];
    if (timeZone === undefined) throw new DataValidationError(where, `no time zone known for country "${country}"`);
    const r = parseOpsdCountry(text, { country, sourceName, timeZone });
    return { kind, file, pv: r.pvMw, load: r.loadMw };
  }
  if (kind === "opsd-household") {
    const r = parseOpsdHousehold(text, { sourceName });
    return { kind, file, pv: r.counters.pv, load: r.loadKwh };
  }
  if (kind === "pjm-hourly") return { kind, file, load: parsePjmHourly(text, { sourceName }).loadMw };
  throw new DataValidationError(where, `unrecognised series format in "${file}" (expected an OPSD country, OPSD household or PJM hourly file)`);
}
