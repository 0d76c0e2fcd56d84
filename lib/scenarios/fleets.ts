/**
 * EV station fleets per scenario: for each typical day and each station, `evCount` real sessions drawn (seeded) from
 * the cleaned sessions that plugged in on a day of the same type (weekday/weekend), re-anchored on the scenario day.
 *
 * Re-anchoring: arrivalH = local clock time of the plug-in (hours since local midnight, minutes kept, in the
 * session's own time zone); the dwell (real elapsed time plug-in → plug-out) is kept, so departureH = arrivalH + dwell.
 * Sessions running past midnight (departureH > 24), by `midnight`:
 * - "clip" (default): the planning horizon is one 24-hour day, so departureH is cut to 24 and the energy capped at
 *   what the charger can deliver by then, chargerKw × (24 − arrivalH); counted in the report;
 * - "continue": departureH is kept (> 24); a model with a cyclic day may wrap [24, departureH) onto [0, departureH −
 *   24) of the same day (the same fleet every day), a model with a longer horizon may use it as is.
 * In both modes energyKwh ≤ chargerKw × (departureH − arrivalH) (sessions violating it are capped and counted).
 * chargerKw: the session's own value, else `defaultChargerKw`.
 */
import type { ChargingSession } from "../io/session";
import { localTime } from "../io/series/time-zone";
import { ArgumentError } from "../util/errors";
import { createRng, randomInt, sampleWithoutReplacement } from "../util/random";
import type { DayType } from "./daily-profiles";
import type { ScenarioSet } from "./scenario-set";
import { validateScenarioSet } from "./scenario-set-json";

/** One EV of a fleet, in hours from the scenario day's local midnight. */
export interface FleetSession {
  arrivalH: number;
  departureH: number;
  energyKwh: number;
  chargerKw: number;
  /** Id of the real session drawn. */
  sessionId: string;
  /** Local plug-in date of the real session. */
  sourceDate: string;
}

/** A station and the size of its fleet. */
export interface StationSpec {
  /** 1-based bus number. */
  bus: number;
  evCount: number;
}

/** The fleets of one scenario. */
export interface ScenarioFleets {
  scenarioId: string;
  date: string;
  dayType: DayType;
  stations: { bus: number; sessions: FleetSession[] }[];
}

/** How sessions past midnight are handled. */
export type MidnightPolicy = "clip" | "continue";

/** Options of {@link drawStationFleets}. */
export interface DrawFleetsOptions {
  /** Seed of the draws. Default 0. */
  seed?: number;
  /** Default "clip". */
  midnight?: MidnightPolicy;
  /** Draw with replacement (bootstrap). Default false: distinct sessions within a station. */
  replace?: boolean;
  /** Charger power for sessions without one, kW. Default 7.4 (32 A single phase). */
  defaultChargerKw?: number;
}

/** What {@link drawStationFleets} returns. */
export interface StationFleets {
  scenarios: ScenarioFleets[];
  report: {
    /** Sessions usable per day type (positive dwell and energy ≥ 0). */
    pool: Record<DayType, number>;
    /** Sessions skipped as unusable (dwell ≤ 0, negative or non-finite energy). */
    skipped: number;
    /** Draws cut at midnight ("clip") and the energy removed by the cap, kWh. */
    clipped: number;
    energyCappedKwh: number;
    midnight: MidnightPolicy;
  };
}

interface Candidate {
  s: ChargingSession;
  arrivalH: number;
  dwellH: number;
  date: string;
}

/**
 * Draws EV fleets for every scenario and station.
 * @param set the scenario set (its scenarios' day types are used).
 * @param sessions cleaned sessions (see lib/io/session.ts).
 * @param stations buses and fleet sizes.
 * @param options seed, midnight policy, replacement, default charger power.
 * @throws ArgumentError for a bad station, or a pool smaller than a fleet when drawing without replacement;
 *   DataValidationError for a malformed scenario set.
 */
export function drawStationFleets(
  set: ScenarioSet,
  sessions: readonly ChargingSession[],
  stations: readonly StationSpec[],
  options: DrawFleetsOptions = {},
): StationFleets {
  const where = "drawStationFleets";
  validateScenarioSet(set);
  const { seed = 0, midnight = "clip", replace = false, defaultChargerKw = 7.4 } = options;
  if (midnight !== "clip" && midnight !== "continue") throw new ArgumentError(where, `midnight must be "clip" or "continue", got "${midnight}"`);
  if (!(defaultChargerKw > 0)) throw new ArgumentError(where, `defaultChargerKw must be > 0, got ${defaultChargerKw}`);
  for (const st of stations) {
    if (!Number.isInteger(st.bus) || st.bus < 1) throw new ArgumentError(where, `bus numbers are 1-based integers, got ${st.bus}`);
    if (!Number.isInteger(st.evCount) || st.evCount < 0) throw new ArgumentError(where, `bus ${st.bus}: evCount must be a non-negative integer`);
  }
  const pools: Record<DayType, Candidate[]> = { weekday: [], weekend: [] };
  let skipped = 0;
  for (const s of sessions) {
    const dwellH = (s.plugOutMs - s.plugInMs) / 3_600_000;
    if (!(dwellH > 0) || !Number.isFinite(dwellH) || !(s.energyKwh >= 0) || !Number.isFinite(s.energyKwh)) {
      skipped++;
      continue;
    }
    const lt = localTime(s.timeZone, s.plugInMs);
    const type: DayType = lt.weekday >= 6 ? "weekend" : "weekday";
    pools[type].push({ s, arrivalH: lt.hour + lt.minute / 60, dwellH, date: lt.date });
  }
  const rng = createRng(seed);
  let clipped = 0;
  let energyCappedKwh = 0;
  const scenarios = set.scenarios.map((sc) => {
    const pool = pools[sc.dayType];
    return {
      scenarioId: sc.id,
      date: sc.date,
      dayType: sc.dayType,
      stations: stations.map(({ bus, evCount }) => {
        if (evCount > 0 && pool.length === 0) throw new ArgumentError(where, `no ${sc.dayType} session to draw from (scenario ${sc.id})`);
        if (!replace && evCount > pool.length) {
          throw new ArgumentError(where, `bus ${bus}: ${evCount} EVs but only ${pool.length} ${sc.dayType} sessions; use replace: true`);
        }
        const picks = replace ? Array.from({ length: evCount }, () => pool[randomInt(rng, pool.length)]) : sampleWithoutReplacement(rng, pool, evCount);
        const out: FleetSession[] = picks.map((c) => {
          const chargerKw = c.s.chargerKw && c.s.chargerKw > 0 ? c.s.chargerKw : defaultChargerKw;
          let departureH = c.arrivalH + c.dwellH;
          if (midnight === "clip" && departureH > 24) {
            departureH = 24;
            clipped++;
          }
          const cap = chargerKw * (departureH - c.arrivalH);
          const energyKwh = Math.min(c.s.energyKwh, cap);
          energyCappedKwh += c.s.energyKwh - energyKwh;
          return { arrivalH: c.arrivalH, departureH, energyKwh, chargerKw, sessionId: c.s.id, sourceDate: c.date };
        });
        return { bus, sessions: out };
      }),
    };
  });
  return {
    scenarios,
    report: { pool: { weekday: pools.weekday.length, weekend: pools.weekend.length }, skipped, clipped, energyCappedKwh, midnight },
  };
}
