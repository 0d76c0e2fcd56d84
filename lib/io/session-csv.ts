/**
 * Writing canonical sessions as CSV (ISO 8601 local times with offsets, so the file reads back exactly with the
 * generic reader and {@link CANONICAL_CSV_MAPPING}).
 */
import * as fs from "fs";
import * as path from "path";
import Papa from "papaparse";
import { localIso } from "./local-time";
import type { ColumnMapping } from "./formats/generic";
import { type ChargingSession, dwellHours } from "./session";

/** Column order of the canonical session CSV. */
export const CANONICAL_CSV_COLUMNS = [
  "id",
  "stationId",
  "userId",
  "plugIn",
  "plugOut",
  "timeZone",
  "energyKwh",
  "dwellHours",
  "chargerKw",
  "powerClass",
  "source",
] as const;

/** The mapping that reads a canonical session CSV back with the generic reader. */
export const CANONICAL_CSV_MAPPING: ColumnMapping = {
  id: "id",
  stationId: "stationId",
  userId: "userId",
  plugIn: "plugIn",
  plugOut: "plugOut",
  energyKwh: "energyKwh",
  timeZone: "UTC",
  timeZoneColumn: "timeZone",
};

/** The canonical CSV text of `sessions` (header line included). */
export function sessionsToCsv(sessions: readonly ChargingSession[]): string {
  const rows = sessions.map((s) => [
    s.id,
    s.stationId,
    s.userId ?? "",
    localIso(s.plugInMs, s.timeZone),
    localIso(s.plugOutMs, s.timeZone),
    s.timeZone,
    String(s.energyKwh),
    String(Number(dwellHours(s).toFixed(6))),
    s.chargerKw === undefined ? "" : String(s.chargerKw),
    s.powerClass ?? "",
    s.source,
  ]);
  return `${Papa.unparse({ fields: [...CANONICAL_CSV_COLUMNS], data: rows }, { newline: "\n" }).replace(/\n+$/, "")}\n`;
}

/** Writes {@link sessionsToCsv} to `file` (folders created). @returns the absolute path. */
export function writeSessionsCsv(sessions: readonly ChargingSession[], file: string): string {
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, sessionsToCsv(sessions));
  return abs;
}
