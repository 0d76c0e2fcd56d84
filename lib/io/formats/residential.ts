/**
 * Norwegian residential charging reports (Sørensen, Lindberg, Sartori & Andresen, *Data in Brief* 36 (2021) 107105,
 * Mendeley doi:10.17632/jbks2rcwyj, "Dataset 1"): `;`-separated, decimal commas, `NA` for missing values,
 * `dd.mm.yyyy HH:MM` local wall-clock time in Europe/Oslo (the file's `Duration_hours` confirms DST handling: the
 * 17 sessions spanning 27 Oct 2019 last one hour longer than the naive difference). A year written `0014` means
 * 2014, by the rule every format shares ({@link SHORT_YEAR_CENTURY}).
 *
 * A station is a garage (`Garage_ID`): the aggregate of the building's chargers, private and shared.
 */
import type { FormatSpec } from "../raw-session";
import { SHORT_YEAR_CENTURY } from "../time-format";

/** Format spec of the Norwegian residential CSV. */
export const RESIDENTIAL_SPEC: FormatSpec = {
  format: "residential",
  label: "Norwegian residential CSV",
  delimiter: ";",
  decimal: ",",
  naValues: ["", "NA"],
  columns: {
    id: "session_ID",
    stationId: "Garage_ID",
    userId: "User_ID",
    plugIn: "Start_plugin",
    plugOut: "End_plugout",
    energyKwh: "El_kWh",
  },
  time: { kind: "pattern", pattern: "dd.MM.yyyy HH:mm", century: SHORT_YEAR_CENTURY },
  timeZone: "Europe/Oslo",
  timeResolutionS: 60,
};

/** Columns whose presence identifies the format (besides the mapped ones). */
export const RESIDENTIAL_SIGNATURE = ["session_ID", "Garage_ID", "User_ID", "Start_plugin", "End_plugout", "El_kWh", "Duration_hours"];
