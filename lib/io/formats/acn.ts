/**
 * Caltech ACN-Data API export (Lee, Li & Low, *ACN-Data*, ACM e-Energy 2019): JSON `{ _meta, _items: [...] }`
 * (a bare array of items is accepted too), times as RFC 1123 strings in GMT, each item with its site's IANA
 * `timezone`. Items become rows of texts: scalars as written, `null` as empty, nested values as JSON text.
 */
import type { FormatSpec } from "../raw-session";

/** Format spec of the ACN-Data JSON export. */
export const ACN_SPEC: FormatSpec = {
  format: "acn",
  label: "ACN-Data JSON export",
  decimal: ".",
  naValues: ["", "null"],
  columns: {
    id: "sessionID",
    stationId: "stationID",
    userId: "userID",
    plugIn: "connectionTime",
    plugOut: "disconnectTime",
    energyKwh: "kWhDelivered",
    timeZone: "timezone",
  },
  time: { kind: "rfc1123" },
  timeZone: "America/Los_Angeles",
  timeResolutionS: 1,
};

/** Fields of an ACN item, in the export's order (other fields are kept after these). */
export const ACN_FIELDS = [
  "_id",
  "clusterID",
  "connectionTime",
  "disconnectTime",
  "doneChargingTime",
  "kWhDelivered",
  "sessionID",
  "siteID",
  "spaceID",
  "stationID",
  "timezone",
  "userID",
  "userInputs",
];

/** Fields whose presence identifies an ACN item. */
export const ACN_SIGNATURE = ["connectionTime", "disconnectTime", "kWhDelivered", "sessionID", "stationID"];

/** The text of one JSON field value: "" for null/undefined, JSON text for objects and arrays. */
export function jsonFieldText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
