/**
 * Fast, exact conversions between UTC instants and local wall-clock time in an IANA time zone, for hourly series.
 *
 * luxon's `IANAZone.offset` costs ~12 µs a call (it formats through `Intl`); a five-year hourly series needs tens of
 * thousands of conversions. We therefore ask luxon only twice per UTC day (at 00:00 and 24:00) and, on the rare days
 * whose two offsets differ, locate the transition to the minute by bisection. Assumption (true of every zone in the
 * IANA database since 1970): at most one offset change within any 24 hours.
 */
import { IANAZone } from "luxon";
import { ArgumentError } from "../../util/errors";

const MS_HOUR = 3_600_000;
const MS_DAY = 86_400_000;
const MS_MINUTE = 60_000;

/** Offset of one UTC day: `before` until `transitionMs`, `after` from then on (equal when no change that day). */
interface DayOffsets {
  before: number;
  after: number;
  transitionMs: number;
}

/** Per-zone cache of the UTC offsets (minutes east of UTC) of whole UTC days. */
class ZoneOffsets {
  private readonly zone: IANAZone;
  private readonly days = new Map<number, DayOffsets>();

  constructor(name: string) {
    this.zone = IANAZone.create(name);
  }

  offsetMinutes(ms: number): number {
    const day = Math.floor(ms / MS_DAY);
    let rec = this.days.get(day);
    if (rec === undefined) {
      const t0 = day * MS_DAY;
      const before = this.zone.offset(t0);
      const after = this.zone.offset(t0 + MS_DAY);
      let transitionMs = t0 + MS_DAY;
      if (before !== after) {
        // Bisection on whole minutes: the first minute whose offset is `after`.
        let lo = t0;
        let hi = t0 + MS_DAY;
        while (hi - lo > MS_MINUTE) {
          const mid = lo + Math.floor((hi - lo) / 2 / MS_MINUTE) * MS_MINUTE;
          if (this.zone.offset(mid) === before) lo = mid;
          else hi = mid;
        }
        transitionMs = hi;
      }
      rec = { before, after, transitionMs };
      this.days.set(day, rec);
    }
    return ms < rec.transitionMs ? rec.before : rec.after;
  }
}

const cache = new Map<string, ZoneOffsets>();

function zoneOffsets(zone: string): ZoneOffsets {
  let z = cache.get(zone);
  if (z === undefined) {
    if (zone !== "UTC" && !IANAZone.isValidZone(zone)) {
      throw new ArgumentError("zoneOffsetMinutes", `unknown IANA time zone "${zone}"`);
    }
    z = new ZoneOffsets(zone);
    cache.set(zone, z);
  }
  return z;
}

/**
 * The UTC offset of `zone` at instant `ms`, in minutes east of UTC (Europe/Paris in winter: 60).
 * @throws ArgumentError for an unknown zone.
 */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  if (zone === "UTC") return 0;
  return zoneOffsets(zone).offsetMinutes(ms);
}

/** Local wall-clock reading of an instant. */
export interface LocalTime {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string;
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
  /** 0–23. */
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Offset in minutes east of UTC. */
  offsetMinutes: number;
}

/** Zero-padded two digits. */
function pad2(x: number): string {
  return x < 10 ? `0${x}` : String(x);
}

/** `YYYY-MM-DD` of a date given by its parts. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Local wall-clock time of the instant `ms` in `zone` ("UTC" allowed).
 * @throws ArgumentError for an unknown zone.
 */
export function localTime(zone: string, ms: number): LocalTime {
  const offsetMinutes = zoneOffsetMinutes(zone, ms);
  const d = new Date(ms + offsetMinutes * MS_MINUTE);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const dow = d.getUTCDay();
  return {
    date: isoDate(year, month, day),
    year,
    month,
    day,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: dow === 0 ? 7 : dow,
    offsetMinutes,
  };
}

/** How a wall-clock time maps to instants. */
export type WallClockStatus = "ok" | "ambiguous" | "nonexistent";

/** The instants a local wall-clock time denotes. */
export interface LocalToUtc {
  status: WallClockStatus;
  /** Instants in increasing order: one ("ok"), two ("ambiguous", the repeated hour) or none ("nonexistent"). */
  instantsMs: number[];
}

/**
 * The UTC instants denoted by the local wall-clock time `y-m-d h:mi` in `zone`: one normally, two in the repeated
 * hour of an autumn DST change, none in the skipped hour of a spring change.
 * @throws ArgumentError for an unknown zone.
 */
export function localToUtc(zone: string, year: number, month: number, day: number, hour: number, minute = 0): LocalToUtc {
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  if (zone === "UTC") return { status: "ok", instantsMs: [naive] };
  // Any offset in force within ±26 h of the naive reading is a candidate; keep those that read back consistently.
  const candidates = new Set<number>([
    zoneOffsetMinutes(zone, naive - 26 * MS_HOUR),
    zoneOffsetMinutes(zone, naive),
    zoneOffsetMinutes(zone, naive + 26 * MS_HOUR),
  ]);
  const instants: number[] = [];
  for (const off of candidates) {
    const t = naive - off * MS_MINUTE;
    if (zoneOffsetMinutes(zone, t) === off) instants.push(t);
  }
  instants.sort((a, b) => a - b);
  return { status: instants.length === 1 ? "ok" : instants.length === 0 ? "nonexistent" : "ambiguous", instantsMs: instants };
}

/** Parses `YYYY-MM-DD` into its parts, or undefined when malformed or not a calendar date. */
export function parseIsoDate(date: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date `YYYY-MM-DD` (no time zone involved). */
export function isoWeekday(date: string): number {
  const p = parseIsoDate(date);
  if (!p) throw new ArgumentError("isoWeekday", `not a calendar date "${date}" (expected YYYY-MM-DD)`);
  const dow = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const p = parseIsoDate(date);
  if (!p) throw new ArgumentError("addDays", `not a calendar date "${date}" (expected YYYY-MM-DD)`);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
