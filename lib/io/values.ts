/**
 * Typed parsing of one raw field. Nothing is dropped: every value comes back with a status saying whether it was
 * usable, missing, unparseable or (for local times) inside a DST gap or repeat, so that cleaning can count it.
 */
import { isDecimalText, parseDecimal } from "./decimal";
import { resolveLocalTime } from "./local-time";
import { type TimeTextParser } from "./time-format";
import { isValidTimeZone } from "./zone-offsets";

/** Status of a parsed number or text. */
export type ValueStatus = "ok" | "missing" | "unparseable";
/** Status of a parsed timestamp; the DST statuses only arise for wall-clock times. */
export type TimeStatus = ValueStatus | "nonexistent" | "ambiguous";

/** A parsed timestamp. */
export interface ParsedTime {
  status: TimeStatus;
  /** Epoch milliseconds when `status` is `ok`, else NaN. */
  ms: number;
  /** Why it is not `ok` (human readable). */
  reason?: string;
}

/** A parsed number. */
export interface ParsedNumber {
  status: ValueStatus;
  /** The value when `status` is `ok`, else NaN. */
  value: number;
  reason?: string;
}

/** Default texts that mean "no value". */
export const DEFAULT_NA_VALUES: readonly string[] = ["", "NA", "N/A", "NaN", "null", "NULL", "None"];

/** True when the text is absent, blank, or (trimmed) one of `naValues`. */
export function isNa(text: string | undefined, naValues: readonly string[]): boolean {
  if (text === undefined) return true;
  const t = text.trim();
  return t === "" || naValues.includes(t);
}

/**
 * Parses a decimal number written with `decimal` as separator ("0,3" with ","), by the toolkit's one number syntax
 * ({@link parseDecimal}: no hexadecimal, no `Infinity`, no thousands separators, no units).
 * @returns the status and value; text in `naValues` is `missing`.
 */
export function parseNumberText(text: string | undefined, decimal: "." | ",", naValues: readonly string[]): ParsedNumber {
  if (isNa(text, naValues)) return { status: "missing", value: NaN };
  const t = (text as string).trim();
  if (!isDecimalText(t, decimal)) return { status: "unparseable", value: NaN, reason: `"${t}" is not a number` };
  const value = parseDecimal(t, decimal);
  return value !== undefined ? { status: "ok", value } : { status: "unparseable", value: NaN, reason: `"${t}" is not finite` };
}

/**
 * Parses a timestamp: the text by `parser`, then (for wall-clock times) the instant in `zone`, flagging times in
 * a DST gap (`nonexistent`) or repeat (`ambiguous`).
 */
export function parseTimeText(
  text: string | undefined,
  parser: TimeTextParser,
  zone: string,
  naValues: readonly string[],
): ParsedTime {
  if (isNa(text, naValues)) return { status: "missing", ms: NaN };
  const t = (text as string).trim();
  const parsed = parser(t);
  if (!parsed) return { status: "unparseable", ms: NaN, reason: `"${t}" does not match the time format` };
  if (parsed.kind === "instant") return { status: "ok", ms: parsed.ms };
  if (!isValidTimeZone(zone)) return { status: "unparseable", ms: NaN, reason: `unknown time zone "${zone}"` };
  const r = resolveLocalTime(parsed.wallMs, zone);
  if (r.status === "ok") return { status: "ok", ms: r.ms };
  return {
    status: r.status,
    ms: NaN,
    reason:
      r.status === "nonexistent"
        ? `"${t}" falls in the DST gap of ${zone} (that wall time never occurs)`
        : `"${t}" occurs twice in ${zone} (DST repeat)`,
  };
}
