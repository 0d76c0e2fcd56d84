/**
 * Fleets for accuracy experiments: every cleaned session re-anchored on one station day (plug-in at its local clock
 * time, the real dwell kept — as lib/scenarios/fleets.ts does), then N of them drawn without replacement.
 */
import { localTime } from "../io/series/time-zone";
import type { ChargingSession } from "../io/session";
import type { FleetSession } from "../scenarios/fleets";
import { ArgumentError } from "../util/errors";
import { type Rng, sampleWithoutReplacement } from "../util/random";

/** Options of {@link fleetPool}. */
export interface FleetPoolOptions {
  /** Charger power for sessions without one, kW. Default 7.4 (32 A single phase). */
  defaultChargerKw?: number;
}

/**
 * Every usable session as a {@link FleetSession} (arrivalH = local clock time of plug-in, departureH = arrivalH +
 * dwell, which may exceed 24; energy capped at chargerKw × dwell). Sessions with a non-positive dwell or a negative
 * or non-finite energy are skipped.
 * @throws ArgumentError for a non-positive default charger power.
 */
export function fleetPool(sessions: readonly ChargingSession[], options: FleetPoolOptions = {}): FleetSession[] {
  const { defaultChargerKw = 7.4 } = options;
  if (!(defaultChargerKw > 0)) throw new ArgumentError("fleetPool", `defaultChargerKw must be > 0, got ${defaultChargerKw}`);
  const out: FleetSession[] = [];
  for (const s of sessions) {
    const dwellH = (s.plugOutMs - s.plugInMs) / 3_600_000;
    if (!(dwellH > 0) || !Number.isFinite(dwellH) || !(s.energyKwh >= 0) || !Number.isFinite(s.energyKwh)) continue;
    const lt = localTime(s.timeZone, s.plugInMs);
    const chargerKw = s.chargerKw && s.chargerKw > 0 ? s.chargerKw : defaultChargerKw;
    const arrivalH = lt.hour + lt.minute / 60;
    out.push({ arrivalH, departureH: arrivalH + dwellH, energyKwh: Math.min(s.energyKwh, chargerKw * dwellH), chargerKw, sessionId: s.id, sourceDate: lt.date });
  }
  return out;
}

/**
 * N sessions of a pool drawn uniformly without replacement (one station-day).
 * @throws ArgumentError when the pool holds fewer than N sessions.
 */
export function sampleFleet(pool: readonly FleetSession[], n: number, rng: Rng): FleetSession[] {
  if (!Number.isInteger(n) || n < 0) throw new ArgumentError("sampleFleet", `n must be a non-negative integer, got ${n}`);
  if (n > pool.length) throw new ArgumentError("sampleFleet", `cannot draw ${n} sessions from a pool of ${pool.length}`);
  return sampleWithoutReplacement(rng, pool, n);
}
