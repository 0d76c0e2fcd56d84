/**
 * The two timestamp columns of Open Power System Data (OPSD) single-index files: `utc_timestamp`
 * (`2015-01-01T00:00:00Z`, start of the hour) and `cet_cest_timestamp` (`2015-01-01T01:00:00+0100`, local, the offset
 * written without a colon).
 */
import { DataValidationError } from "../../util/errors";

const UTC_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):?(\d{2})$/;

/** Epoch ms of an OPSD `utc_timestamp`; DataValidationError when malformed. */
export function parseOpsdUtc(value: string, row: number, where: string): number {
  const m = UTC_RE.exec(value.trim());
  if (!m) throw new DataValidationError(where, `malformed UTC timestamp "${value}"`, { field: "utc_timestamp", row });
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

/** The instant and the offset (minutes east of UTC) of an OPSD local timestamp; undefined when malformed. */
export function parseOpsdLocal(value: string): { ms: number; offsetMinutes: number } | undefined {
  const m = LOCAL_RE.exec(value.trim());
  if (!m) return undefined;
  const sign = m[7] === "-" ? -1 : 1;
  const offsetMinutes = sign * (+m[8] * 60 + +m[9]);
  const naive = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return { ms: naive - offsetMinutes * 60_000, offsetMinutes };
}
