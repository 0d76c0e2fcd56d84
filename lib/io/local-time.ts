/**
 * Local wall-clock time ↔ UTC instants in an IANA zone, with the two DST hazards made explicit: a wall time that
 * does not exist (skipped by the spring-forward gap) and a wall time that occurs twice (the autumn repeat).
 */
import { zoneOffsets } from "./zone-offsets";

const MIN_MS = 60_000;
const HOUR_MS = 3_600_000;

/** How a local wall time maps to instants: exactly one (`ok`), none (`nonexistent`) or two (`ambiguous`). */
export type LocalTimeStatus = "ok" | "nonexistent" | "ambiguous";

/** Result of {@link resolveLocalTime}. */
export interface LocalTimeResolution {
  status: LocalTimeStatus;
  /** The instant (epoch ms) when `status` is `ok`, else NaN. */
  ms: number;
  /** Every instant showing this wall time, ascending (0, 1 or 2 of them). */
  candidatesMs: number[];
}

/**
 * Resolves a wall-clock time to its UTC instant in `zone`.
 * @param wallMs the wall time written as if it were UTC (`Date.UTC(y, m - 1, d, h, mi, s)`).
 * @param zone IANA time zone, e.g. "Europe/Oslo".
 * @returns the resolution; in a DST gap no instant shows the wall time, in a DST repeat two do.
 * @throws ArgumentError for an unknown zone.
 * @example resolveLocalTime(Date.UTC(2019, 9, 27, 2, 30), "Europe/Oslo").status // "ambiguous"
 */
export function resolveLocalTime(wallMs: number, zone: string): LocalTimeResolution {
  const z = zoneOffsets(zone);
  // Offsets lie within [−12 h, +14 h]; the offsets in force 15 h either side cover every candidate instant.
  const offsets = new Set([z.offsetMinutes(wallMs - 15 * HOUR_MS), z.offsetMinutes(wallMs + 15 * HOUR_MS)]);
  const candidatesMs: number[] = [];
  for (const o of offsets) {
    const t = wallMs - o * MIN_MS;
    if (z.offsetMinutes(t) === o) candidatesMs.push(t);
  }
  candidatesMs.sort((a, b) => a - b);
  if (candidatesMs.length === 1) return { status: "ok", ms: candidatesMs[0], candidatesMs };
  return { status: candidatesMs.length === 0 ? "nonexistent" : "ambiguous", ms: NaN, candidatesMs };
}

/**
 * The instant of a wall time, resolving DST hazards the way clocks do: a time in the gap is moved forward by the
 * gap's length, a repeated time takes its first occurrence. For generators, never for reading data.
 */
export function wallTimeToInstant(wallMs: number, zone: string): number {
  const r = resolveLocalTime(wallMs, zone);
  if (r.status !== "nonexistent") return r.candidatesMs[0];
  const z = zoneOffsets(zone);
  const before = z.offsetMinutes(wallMs - 15 * HOUR_MS);
  return wallMs - before * MIN_MS;
}

/** Local calendar fields of an instant. */
export interface LocalParts {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
  /** 0–23. */
  hour: number;
  minute: number;
  /** Hour of day with fraction, in [0, 24). */
  hourOfDay: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local date as "yyyy-MM-dd". */
  date: string;
  /** Offset local − UTC in minutes. */
  offsetMin: number;
}

/**
 * Local calendar fields of the instant `ms` in `zone`.
 * @throws ArgumentError for an unknown zone.
 */
export function localParts(ms: number, zone: string): LocalParts {
  const offsetMin = zoneOffsets(zone).offsetMinutes(ms);
  const d = new Date(ms + offsetMin * MIN_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  const hourOfDay = hour + minute / 60 + d.getUTCSeconds() / 3600 + d.getUTCMilliseconds() / HOUR_MS;
  return {
    year,
    month,
    day,
    hour,
    minute,
    hourOfDay,
    weekday: ((d.getUTCDay() + 6) % 7) + 1,
    date: `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    offsetMin,
  };
}

/**
 * ISO 8601 text of the instant in its local zone with offset, e.g. "2019-10-27T02:30:00+01:00". An offset that is
 * not a whole number of minutes (local mean time, before a zone adopted standard time, e.g. Oslo before 1895) has
 * no ISO 8601 form: the instant is then written in UTC ("…+00:00"), which reads back exactly.
 */
export function localIso(ms: number, zone: string): string {
  const p = localParts(ms, zone);
  if (!Number.isInteger(p.offsetMin)) return localIso(ms, "UTC");
  const d = new Date(ms + p.offsetMin * MIN_MS);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const sign = p.offsetMin < 0 ? "-" : "+";
  const a = Math.abs(p.offsetMin);
  const frac = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3)}` : "";
  return `${p.date}T${pad(p.hour)}:${pad(p.minute)}:${pad(d.getUTCSeconds())}${frac}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
