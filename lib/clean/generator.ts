/**
 * The seeded synthetic session generator (model in ./generator-params). Sessions are drawn per station-day — a
 * station on a local date gets a number of sessions from the fitted distribution, each with an arrival hour, a
 * dwell and an energy — or as `n` independent sessions. Same parameters and seed → same sessions.
 */
import { wallTimeToInstant } from "../io/local-time";
import type { ChargingSession } from "../io/session";
import { ArgumentError } from "../util/errors";
import { createRng, type Rng } from "../util/random";
import type { ArrivalBlock, GeneratorParams } from "./generator-params";
import { addDaysIso, type DayType, dayTypeOf, weekdayOfIso } from "./profile-features";
import { evalQuantile } from "./quantile-function";

/** Station-days to generate: every station on every day of the range. */
export interface StationDaysSpec {
  /** Number of stations (named `<population>-S1` …) or their ids. */
  stations: number | string[];
  /** Consecutive days. */
  days: number;
  /** First local date "yyyy-MM-dd". Default: the parameters' `startDate`. */
  startDate?: string;
}

/** Options of {@link generateSessions}. Give exactly one of `n` and `stationDays`. */
export interface GenerateOptions {
  /** Independent sessions to draw (day type by the fitted shares, date within `spanDays` from `startDate`). */
  n?: number;
  /** Station-days to fill. */
  stationDays?: StationDaysSpec;
  /** Seed of a new random source (default 1), ignored when `rng` is given. */
  seed?: number;
  /** Random source to draw from. */
  rng?: Rng;
  /** With `n`: days the sessions' dates spread over. Default 28. */
  spanDays?: number;
  /** With `n`: first local date. Default the parameters' `startDate`. */
  startDate?: string;
  /** With `n`: stations to spread sessions over (ids `<population>-S1` …). Default the fitted station count. */
  stations?: number;
}

/** One drawn session before it gets a date: local arrival hour, dwell and energy. */
export interface SessionDraw {
  arrivalHour: number;
  dwellH: number;
  energyKwh: number;
}

const MAX_REDRAWS = 20;

/** Index drawn from a probability mass function (shares summing to ~1). */
function drawIndex(rng: Rng, pmf: readonly number[]): number {
  const total = pmf.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let i = 0; i < pmf.length; i++) {
    u -= pmf[i];
    if (u < 0) return i;
  }
  let last = pmf.length - 1;
  while (last > 0 && pmf[last] === 0) last--;
  return last;
}

function blockOf(blocks: readonly ArrivalBlock[], hour: number): ArrivalBlock {
  return blocks.find((b) => hour >= b.fromHour && hour < b.toHour) ?? blocks[blocks.length - 1];
}

/**
 * Draws one session's arrival hour, dwell and energy for a day type.
 * @param rng random source.
 */
export function drawSession(params: GeneratorParams, dayType: DayType, rng: Rng): SessionDraw {
  const p = params.dayTypes[dayType];
  const arrivalHour = drawIndex(rng, p.arrivalHourPmf) + rng.next();
  const b = blockOf(p.blocks, arrivalHour);
  const u = rng.next();
  const dwellH = evalQuantile(b.dwellQuantilesH, u);
  const bin = b.dwellBins[Math.min(b.dwellBins.length - 1, Math.floor(u * b.dwellBins.length))];
  const cap = params.chargerKw * dwellH;
  let energyKwh = Infinity;
  for (let k = 0; k < MAX_REDRAWS && energyKwh > cap; k++) {
    const x = evalQuantile(bin.quantiles, rng.next());
    energyKwh = bin.model === "power" ? x * dwellH : x;
  }
  return { arrivalHour, dwellH, energyKwh: Math.min(energyKwh, cap) };
}

function toSession(params: GeneratorParams, draw: SessionDraw, date: string, stationId: string, id: string): ChargingSession {
  const [y, m, d] = date.split("-").map(Number);
  const wallMs = Date.UTC(y, m - 1, d) + Math.round(draw.arrivalHour * 3600) * 1000;
  const plugInMs = wallTimeToInstant(wallMs, params.timeZone);
  const plugOutMs = plugInMs + Math.max(1, Math.round(draw.dwellH * 3600)) * 1000;
  return {
    id,
    stationId,
    plugInMs,
    plugOutMs,
    timeZone: params.timeZone,
    energyKwh: Math.min(draw.energyKwh, (params.chargerKw * (plugOutMs - plugInMs)) / 3_600_000),
    chargerKw: params.chargerKw,
    powerClass: "L2",
    source: "synthetic",
  };
}

/**
 * The sessions of one station on one local date: a count drawn from the fitted distribution of its day type, then
 * each session.
 * @param idPrefix ids are `<idPrefix>-<k>`, k = 1, 2, ….
 */
export function generateStationDay(params: GeneratorParams, stationId: string, date: string, rng: Rng, idPrefix = `${stationId}-${date}`): ChargingSession[] {
  const dayType = dayTypeOf(weekdayOfIso(date));
  const count = drawIndex(rng, params.dayTypes[dayType].sessionsPerStationDayPmf);
  const out: ChargingSession[] = [];
  for (let k = 0; k < count; k++) out.push(toSession(params, drawSession(params, dayType, rng), date, stationId, `${idPrefix}-${k + 1}`));
  return out.sort((a, b) => a.plugInMs - b.plugInMs);
}

/**
 * Generates synthetic sessions from fitted parameters.
 * @param params fitted parameters (e.g. `loadGeneratorParams("residential")`).
 * @param options exactly one of `n` (independent sessions) and `stationDays` (every station on every day), a
 *   seed or a random source.
 * @returns sessions sorted by plug-in, with `source: "synthetic"`, class L2 and the population's charger rating.
 * @throws ArgumentError when neither or both of `n` and `stationDays` are given, or counts are invalid.
 * @example generateSessions(params, { stationDays: { stations: 10, days: 7 }, seed: 42 })
 */
export function generateSessions(params: GeneratorParams, options: GenerateOptions): ChargingSession[] {
  const { n, stationDays, seed = 1, spanDays = 28 } = options;
  const rng = options.rng ?? createRng(seed);
  if ((n === undefined) === (stationDays === undefined)) throw new ArgumentError("generateSessions", "give exactly one of n and stationDays");
  const pre = `${params.population}-syn`;
  const out: ChargingSession[] = [];
  if (stationDays !== undefined) {
    const { stations, days, startDate = params.startDate } = stationDays;
    const ids = typeof stations === "number" ? Array.from({ length: stations }, (_, i) => `${params.population}-S${i + 1}`) : stations;
    if (!Number.isInteger(days) || days < 0 || (typeof stations === "number" && (!Number.isInteger(stations) || stations < 0))) {
      throw new ArgumentError("generateSessions", `stationDays needs integer stations and days ≥ 0, got ${stations}, ${days}`);
    }
    for (let k = 0; k < days; k++) {
      const date = addDaysIso(startDate, k);
      for (const st of ids) out.push(...generateStationDay(params, st, date, rng, `${pre}-${st}-${date}`));
    }
  } else {
    const { startDate = params.startDate, stations = params.stations } = options;
    if (!Number.isInteger(n) || (n as number) < 0) throw new ArgumentError("generateSessions", `n must be an integer ≥ 0, got ${n}`);
    if (!Number.isInteger(spanDays) || spanDays < 7) throw new ArgumentError("generateSessions", `spanDays must be an integer ≥ 7, got ${spanDays}`);
    if (!Number.isInteger(stations) || stations < 1) throw new ArgumentError("generateSessions", `stations must be an integer ≥ 1, got ${stations}`);
    const dates: Record<DayType, string[]> = { weekday: [], weekend: [] };
    for (let k = 0; k < spanDays; k++) {
      const date = addDaysIso(startDate, k);
      dates[dayTypeOf(weekdayOfIso(date))].push(date);
    }
    const shares = [params.dayTypes.weekday.sessionShare, params.dayTypes.weekend.sessionShare];
    for (let i = 0; i < (n as number); i++) {
      const dayType: DayType = drawIndex(rng, shares) === 0 ? "weekday" : "weekend";
      const date = dates[dayType][Math.floor(rng.next() * dates[dayType].length)];
      const st = `${params.population}-S${1 + Math.floor(rng.next() * stations)}`;
      out.push(toSession(params, drawSession(params, dayType, rng), date, st, `${pre}-${i + 1}`));
    }
  }
  return out.sort((a, b) => a.plugInMs - b.plugInMs || (a.id < b.id ? -1 : 1));
}
