/**
 * Turning a row of raw texts into a {@link RawSessionRecord} for a given {@link FormatSpec}: one function shared by
 * every format, so all formats get the same statuses and the same missing-column error.
 */
import { DataValidationError } from "../util/errors";
import type { FormatSpec, RawSessionRecord } from "./raw-session";
import { timeTextParser } from "./time-format";
import { isNa, parseNumberText, parseTimeText, type ParsedTime } from "./values";
import { isValidTimeZone } from "./zone-offsets";

/** Builds a record from a row's values (aligned with the columns given to {@link recordBuilder}). */
export type RecordBuilder = (values: string[], row: number, malformed?: string) => RawSessionRecord;

/**
 * Checks that every column the spec needs is present and returns a row → record function.
 * @param where the public function reading (named in errors).
 * @throws DataValidationError naming the first missing column and listing the columns found.
 */
export function recordBuilder(spec: FormatSpec, columns: readonly string[], where: string): RecordBuilder {
  const c = spec.columns;
  const required: Array<[string, string | undefined]> = [
    ["id", c.id],
    ["stationId", c.stationId],
    ["plugIn", c.plugIn],
    ["plugOut", c.plugOut],
    ["energyKwh", c.energyKwh],
    ["userId", c.userId],
    ["timeZone", c.timeZone],
  ];
  const index = new Map<string, number>();
  columns.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  const missing = required.filter(([, col]) => col !== undefined && !index.has(col)).map(([, col]) => col as string);
  if (missing.length > 0) {
    throw new DataValidationError(
      where,
      `the ${spec.label} needs column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")}, ` +
        `which ${missing.length > 1 ? "are" : "is"} missing; columns found: ${columns.map((x) => `"${x}"`).join(", ") || "(none)"}`,
      { field: missing[0], detail: { missing, found: [...columns], format: spec.format } },
    );
  }
  const at = (col: string | undefined) => (col === undefined ? -1 : (index.get(col) as number));
  const iId = at(c.id);
  const iStation = at(c.stationId);
  const iUser = at(c.userId);
  const iIn = at(c.plugIn);
  const iOut = at(c.plugOut);
  const iE = at(c.energyKwh);
  const iZone = at(c.timeZone);
  const parse = timeTextParser(spec.time);
  const na = spec.naValues;
  const text = (values: string[], i: number): string | undefined => {
    if (i < 0) return undefined;
    const v = values[i];
    return isNa(v, na) ? undefined : v.trim();
  };

  return (values, row, malformed) => {
    const zoneText = text(values, iZone);
    let timeZone = spec.timeZone;
    let zoneProblem: ParsedTime | undefined;
    if (zoneText !== undefined) {
      if (isValidTimeZone(zoneText)) timeZone = zoneText;
      else zoneProblem = { status: "unparseable", ms: NaN, reason: `unknown time zone "${zoneText}"` };
    }
    const time = (i: number): ParsedTime => {
      const t = parseTimeText(values[i], parse, timeZone, na);
      return zoneProblem && t.status !== "missing" ? zoneProblem : t;
    };
    return {
      row,
      values,
      malformed,
      id: text(values, iId),
      stationId: text(values, iStation),
      userId: text(values, iUser),
      plugIn: time(iIn),
      plugOut: time(iOut),
      energyKwh: parseNumberText(values[iE], spec.decimal, na),
      timeZone,
    };
  };
}
