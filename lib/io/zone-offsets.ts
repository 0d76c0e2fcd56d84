/**
 * UTC offsets of an IANA time zone, fast and exact. Offsets come from luxon's `IANAZone` (the platform's tz
 * database through `Intl`); each 32-day chunk of the time line is scanned once in 6-hour steps and every offset
 * change found is located to the millisecond by bisection, so later look-ups are a table search.
 *
 * Assumption (true of every zone in the tz database): two offset changes are never less than 6 hours apart.
 */
import { IANAZone } from "luxon";
import { ArgumentError } from "../util/errors";

const CHUNK_MS = 32 * 86_400_000;
const STEP_MS = 6 * 3_600_000;

interface Chunk {
  /** Start instants (ms) of the constant-offset pieces, ascending; the first is the chunk start. */
  from: number[];
  /** Offset in minutes (local − UTC) of each piece. */
  offsetMin: number[];
}

const validity = new Map<string, boolean>();

/** True when `zone` is an IANA time zone name the platform knows (e.g. "Europe/Oslo"). Cached per name. */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== "string" || zone.trim() === "") return false;
  let ok = validity.get(zone);
  if (ok === undefined) {
    ok = IANAZone.isValidZone(zone);
    if (validity.size < 10_000) validity.set(zone, ok);
  }
  return ok;
}

/** The offsets of one IANA zone. Obtain instances with {@link zoneOffsets} (cached per zone). */
export class ZoneOffsets {
  readonly zone: string;
  private readonly iana: IANAZone;
  private readonly chunks = new Map<number, Chunk>();

  /** @throws ArgumentError when `zone` is not a valid IANA zone name. */
  constructor(zone: string) {
    if (!isValidTimeZone(zone)) throw new ArgumentError("ZoneOffsets", `unknown IANA time zone "${zone}"`);
    this.zone = zone;
    this.iana = IANAZone.create(zone);
  }

  /** Offset (local − UTC) in minutes at the instant `ms` (epoch milliseconds). */
  offsetMinutes(ms: number): number {
    const c = Math.floor(ms / CHUNK_MS);
    let chunk = this.chunks.get(c);
    if (chunk === undefined) {
      chunk = this.scan(c);
      this.chunks.set(c, chunk);
    }
    const { from, offsetMin } = chunk;
    let k = 0;
    while (k + 1 < from.length && from[k + 1] <= ms) k++;
    return offsetMin[k];
  }

  private scan(c: number): Chunk {
    const start = c * CHUNK_MS;
    const end = start + CHUNK_MS - 1;
    const from = [start];
    const offsetMin = [this.iana.offset(start)];
    let prevT = start;
    let prevO = offsetMin[0];
    for (let t = start + STEP_MS; prevT < end; t += STEP_MS) {
      const tt = Math.min(t, end);
      const o = this.iana.offset(tt);
      if (o !== prevO) {
        // Bisect (prevT, tt] for the first millisecond carrying the new offset.
        let lo = prevT;
        let hi = tt;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.iana.offset(mid) === prevO) lo = mid;
          else hi = mid;
        }
        from.push(hi);
        offsetMin.push(o);
        prevO = o;
      }
      prevT = tt;
    }
    return { from, offsetMin };
  }
}

const cache = new Map<string, ZoneOffsets>();

/**
 * The (cached) offsets of `zone`.
 * @throws ArgumentError when `zone` is not a valid IANA zone name.
 */
export function zoneOffsets(zone: string): ZoneOffsets {
  let z = cache.get(zone);
  if (z === undefined) {
    z = new ZoneOffsets(zone);
    cache.set(zone, z);
  }
  return z;
}
