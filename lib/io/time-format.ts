/**
 * Parsing timestamp text into wall-clock fields (no time zone yet): token formats such as `dd.MM.yyyy HH:mm`,
 * ISO 8601 (with or without an offset) and RFC 1123 (`Tue, 01 Dec 2020 13:59:06 GMT`). Parsers are strict: a value
 * that does not match the whole pattern, or names an impossible date (31 April), is rejected, never guessed.
 */
import { DateTime } from "luxon";
import { ArgumentError } from "../util/errors";

/** A parsed timestamp: either a wall-clock time (zone still to apply) or an absolute instant. */
export type TimeText =
  | { kind: "wall"; /** wall fields written as if UTC: `Date.UTC(y, m-1, d, h, mi, s, ms)` */ wallMs: number }
  | { kind: "instant"; ms: number };

/** How a column's timestamps are written. */
export type TimeFormatSpec =
  /** Token pattern in luxon's notation, e.g. "dd.MM.yyyy HH:mm" (wall time in the row's zone). */
  | { kind: "pattern"; pattern: string; /** map years 0–99 written in full ("0014") to `century + yy`. */ century?: number }
  /** ISO 8601: `2020-12-01T13:59:06`, optional fraction, optional `Z` / `±hh:mm` offset (then absolute). */
  | { kind: "iso" }
  /** RFC 1123 / HTTP date: `Tue, 01 Dec 2020 13:59:06 GMT` (absolute). */
  | { kind: "rfc1123" };

/**
 * The century of years written in full with only two significant digits ("0014-11-18", "24.12.0014"): year yy
 * (0–99) means `SHORT_YEAR_CENTURY + yy`. One rule for every known format: the US workplace export writes its
 * 2014–2015 sessions as 0014–0015 throughout, and a Norwegian residential file re-saved by a spreadsheet can carry
 * the same two-digit years (a session in year 14 AD is never meant, and its zone offset, local mean time, cannot
 * even be written in ISO 8601). A generic CSV opts in through its mapping's `century`. Years outside the plausible
 * window after the mapping are rejected when cleaning (rule "implausible-year").
 */
export const SHORT_YEAR_CENTURY = 2000;

/** A parser from text to {@link TimeText}, `undefined` when the text does not fit the format. */
export type TimeTextParser = (text: string) => TimeText | undefined;

/** Builds the wall-clock ms of the fields, or undefined when they name no real calendar time. */
export function wallFields(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | undefined {
  if (![y, mo, d, h, mi, s, ms].every(Number.isInteger)) return undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || ms < 0 || ms > 999) {
    return undefined;
  }
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  const t = date.getTime();
  // Round trip: 31 April rolls over to 1 May and is caught here.
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? t : undefined;
}

const TOKENS: Record<string, { re: string; field: "y" | "yy" | "M" | "d" | "H" | "m" | "s" | "S" }> = {
  yyyy: { re: "(\\d{4})", field: "y" },
  yy: { re: "(\\d{2})", field: "yy" },
  MM: { re: "(\\d{2})", field: "M" },
  M: { re: "(\\d{1,2})", field: "M" },
  dd: { re: "(\\d{2})", field: "d" },
  d: { re: "(\\d{1,2})", field: "d" },
  HH: { re: "(\\d{2})", field: "H" },
  H: { re: "(\\d{1,2})", field: "H" },
  mm: { re: "(\\d{2})", field: "m" },
  m: { re: "(\\d{1,2})", field: "m" },
  ss: { re: "(\\d{2})", field: "s" },
  s: { re: "(\\d{1,2})", field: "s" },
  SSS: { re: "(\\d{3})", field: "S" },
};
const TOKEN_ORDER = Object.keys(TOKENS).sort((a, b) => b.length - a.length);

/** Compiles a token pattern to a regular expression, or undefined if it uses tokens outside the fast subset. */
function compilePattern(pattern: string): { re: RegExp; fields: string[] } | undefined {
  let re = "^";
  const fields: string[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      const j = pattern.indexOf("'", i + 1);
      if (j < 0) return undefined;
      re += pattern.slice(i + 1, j).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      const tok = TOKEN_ORDER.find((t) => pattern.startsWith(t, i) && !(pattern[i + t.length] === ch));
      if (!tok) return undefined;
      re += TOKENS[tok].re;
      fields.push(TOKENS[tok].field);
      i += tok.length;
      continue;
    }
    re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    i += 1;
  }
  return { re: new RegExp(`${re}$`), fields };
}

/**
 * A parser for a token pattern (luxon notation). The tokens `yyyy yy MM M dd d HH H mm m ss s SSS` and quoted
 * literals are parsed by a compiled regular expression; any other pattern falls back to luxon's `fromFormat`.
 * @param century with a value (e.g. 2000), years 0–99 written in full ("0014") become `century + yy`.
 * @throws ArgumentError when the pattern is empty.
 */
export function patternParser(pattern: string, century?: number): TimeTextParser {
  if (!pattern) throw new ArgumentError("patternParser", "pattern must be a non-empty token pattern");
  const fixYear = (y: number) => (century !== undefined && y < 100 ? century + y : y);
  const compiled = compilePattern(pattern);
  if (!compiled) {
    return (text) => {
      const dt = DateTime.fromFormat(text.trim(), pattern, { zone: "utc" });
      if (!dt.isValid) return undefined;
      const wallMs = wallFields(fixYear(dt.year), dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.millisecond);
      return wallMs === undefined ? undefined : { kind: "wall", wallMs };
    };
  }
  const { re, fields } = compiled;
  return (text) => {
    const m = re.exec(text.trim());
    if (!m) return undefined;
    const v: Record<string, number> = { y: NaN, M: NaN, d: NaN, H: 0, m: 0, s: 0, S: 0 };
    fields.forEach((f, k) => {
      const n = Number(m[k + 1]);
      if (f === "yy") v.y = 2000 + n;
      else v[f] = n;
    });
    const wallMs = wallFields(fixYear(v.y), v.M, v.d, v.H, v.m, v.s, v.S);
    return wallMs === undefined ? undefined : { kind: "wall", wallMs };
  };
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses ISO 8601 date-times. With `Z` or an offset the result is an instant, otherwise a wall time. */
export function parseIsoText(text: string): TimeText | undefined {
  const m = ISO_RE.exec(text.trim());
  if (!m) return undefined;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const wall = wallFields(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, Math.min(ms, 999));
  if (wall === undefined) return undefined;
  if (!m[8]) return { kind: "wall", wallMs: wall };
  if (m[8].toUpperCase() === "Z") return { kind: "instant", ms: wall };
  const sign = m[8][0] === "-" ? -1 : 1;
  const digits = m[8].slice(1).replace(":", "");
  const oh = Number(digits.slice(0, 2));
  const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (oh > 14 || om > 59) return undefined;
  return { kind: "instant", ms: wall - sign * (oh * 60 + om) * 60_000 };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const RFC_RE = /^(?:([A-Za-z]{3}),\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+(GMT|UTC|UT|Z|[+-]\d{4})$/;

/**
 * Parses RFC 1123 (HTTP) dates such as `Tue, 01 Dec 2020 13:59:06 GMT`. A weekday that contradicts the date makes
 * the text invalid (a sign of corruption), as RFC 1123 requires them to agree.
 */
export function parseRfc1123Text(text: string): TimeText | undefined {
  const m = RFC_RE.exec(text.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[3].toLowerCase());
  if (month < 0) return undefined;
  const wall = wallFields(+m[4], month + 1, +m[2], +m[5], +m[6], m[7] ? +m[7] : 0);
  if (wall === undefined) return undefined;
  let ms = wall;
  if (/^[+-]/.test(m[8])) {
    const sign = m[8][0] === "-" ? -1 : 1;
    ms -= sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(3, 5))) * 60_000;
  }
  if (m[1]) {
    const wd = WEEKDAYS.indexOf(m[1].toLowerCase());
    if (wd < 0 || new Date(wall).getUTCDay() !== wd) return undefined;
  }
  return { kind: "instant", ms };
}

/** The parser for a {@link TimeFormatSpec}. */
export function timeTextParser(spec: TimeFormatSpec): TimeTextParser {
  switch (spec.kind) {
    case "pattern":
      return patternParser(spec.pattern, spec.century);
    case "iso":
      return parseIsoText;
    case "rfc1123":
      return parseRfc1123Text;
  }
}
