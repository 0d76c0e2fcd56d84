/**
 * Parameters of the synthetic session generator and their fit to cleaned real sessions.
 *
 * Model, per day type (weekday / weekend):
 * - the number of sessions starting at a station on a day: the empirical distribution over station-days;
 * - the local arrival hour: the empirical share per hour of day, uniform within the hour;
 * - dwell given the arrival block (arrival hours grouped into blocks of ≥ `minBlockSessions` sessions): the block's
 *   empirical quantile function;
 * - energy given the dwell: the block's sessions are split into equal-probability dwell bins (at least
 *   `minBinSessions` sessions each, at most 10 bins); within a bin either the energy or the mean power
 *   (energy / dwell) is drawn independently of the dwell — whichever the bin's data show less rank-correlated with
 *   the dwell (short stays: power, energy ∝ dwell; long stays: energy, the battery is full). The joint shape is thus
 *   the data's own, bin by bin;
 * - energy never above `chargerKw` × dwell (energy bins: redrawn, then capped; power bins never exceed it, as
 *   `chargerKw` covers every fitted session's mean power).
 */
import type { ChargingSession } from "../io/session";
import { ArgumentError, DataValidationError } from "../util/errors";
import { ratingAtLeast } from "./power-inference";
import { DAY_TYPES, type DayType, type SessionFeatures, sessionFeatures } from "./profile-features";
import { hourShares } from "./profile-hours";
import { sessionsPerStationDay, stationDays } from "./profile-station-days";
import { QUANTILE_KNOTS, quantileKnots } from "./quantile-function";
import { spearman } from "./ranks";

/** Dwell and energy of sessions arriving in one block of hours. */
export interface ArrivalBlock {
  /** First hour of the block (inclusive). */
  fromHour: number;
  /** End hour of the block (exclusive). */
  toHour: number;
  /** Sessions the block was fitted on. */
  sessions: number;
  /** Dwell quantiles, hours, at {@link GeneratorParams.quantileKnots}. */
  dwellQuantilesH: number[];
  /** One entry per dwell bin: bin k of K holds the dwell quantiles k/K … (k+1)/K. */
  dwellBins: DwellBin[];
}

/** What is drawn, independently of the dwell, within one dwell bin. */
export interface DwellBin {
  /** "energy": quantiles of energy, kWh; "power": quantiles of mean power, kW (energy = power × dwell). */
  model: "energy" | "power";
  /** Quantiles at {@link GeneratorParams.quantileKnots}. */
  quantiles: number[];
}

/** Parameters of one day type. */
export interface DayTypeParams {
  /** Share of all fitted sessions arriving on this day type. */
  sessionShare: number;
  /** Station-days of this type in the fit (zeros included). */
  stationDays: number;
  /** P(k sessions start at a station on a day), k = 0, 1, …. */
  sessionsPerStationDayPmf: number[];
  /** Share of arrivals per local hour 0–23. */
  arrivalHourPmf: number[];
  blocks: ArrivalBlock[];
  /** True when the day type had too few sessions and its blocks were fitted on all sessions. */
  pooledBlocks: boolean;
}

/** Everything the generator needs, as stored in data/ev/<population>.json. */
export interface GeneratorParams {
  /** Format version of this object. */
  version: 1;
  /** Population name, e.g. "residential". */
  population: string;
  /** IANA zone of the population's local times. */
  timeZone: string;
  /** Charger rating of generated sessions, kW: the smallest standard AC rating covering every fitted session. */
  chargerKw: number;
  /** Probabilities of the stored quantiles. */
  quantileKnots: number[];
  /** Stations in the fit. */
  stations: number;
  /** First local date of the fit's sessions, "yyyy-MM-dd". */
  startDate: string;
  /** Mean station-days per station (total station-days / stations). */
  daysPerStation: number;
  dayTypes: Record<DayType, DayTypeParams>;
  /** What was fitted, for provenance (files, counts, commands). */
  fittedFrom: Record<string, unknown>;
}

/** Options of {@link fitGeneratorParams}. */
export interface FitGeneratorOptions {
  /** Population name stored in the parameters. Default "sessions". */
  population?: string;
  /** Width of the initial arrival blocks, hours (divides 24). Default 3. */
  blockHours?: number;
  /** Fewest sessions per block; thinner blocks merge with the next. Default 40. */
  minBlockSessions?: number;
  /** Fewest sessions per dwell bin of a block (at most 10 bins). Default 30. */
  minBinSessions?: number;
  /** Leave DC fast charging sessions out (they are not flexible loads). Default true. */
  excludeDcfc?: boolean;
  /** AC ratings for `chargerKw`. Default [3.7, 7.4, 11, 22]. */
  acRatingsKw?: number[];
  /** Extra provenance stored in `fittedFrom`. */
  provenance?: Record<string, unknown>;
}

/** Equal-probability dwell bins of a block's sessions, each with its energy or power quantiles. */
function fitDwellBins(items: readonly SessionFeatures[], minBinSessions: number): DwellBin[] {
  const bins = Math.max(1, Math.min(10, Math.floor(items.length / minBinSessions)));
  // Order by dwell (ties by energy, so equal dwells split deterministically) and cut into `bins` equal parts.
  const sorted = [...items].sort((a, b) => a.dwellH - b.dwellH || a.energyKwh - b.energyKwh);
  return Array.from({ length: bins }, (_, k) => {
    const part = sorted.slice(Math.round((k * sorted.length) / bins), Math.round(((k + 1) * sorted.length) / bins));
    const dwell = part.map((x) => x.dwellH);
    const rhoEnergy = Math.abs(spearman(dwell, part.map((x) => x.energyKwh)));
    const rhoPower = Math.abs(spearman(dwell, part.map((x) => x.meanPowerKw)));
    const power = rhoPower < rhoEnergy;
    return { model: power ? "power" : "energy", quantiles: quantileKnots(part.map((x) => (power ? x.meanPowerKw : x.energyKwh))) };
  });
}

/** Arrival blocks of sessions: fixed-width blocks, each thinner than `minSessions` merged with the next. */
function fitBlocks(f: readonly SessionFeatures[], blockHours: number, minSessions: number, minBinSessions: number): ArrivalBlock[] {
  const edges: number[] = [];
  for (let h = 0; h < 24; h += blockHours) edges.push(h);
  const groups: Array<{ from: number; to: number; items: SessionFeatures[] }> = [];
  let cur: { from: number; to: number; items: SessionFeatures[] } | undefined;
  for (const from of edges) {
    const to = from + blockHours;
    const items = f.filter((x) => x.arrivalHour >= from && x.arrivalHour < to);
    if (!cur) cur = { from, to, items };
    else {
      cur.to = to;
      cur.items.push(...items);
    }
    if (cur.items.length >= minSessions) {
      groups.push(cur);
      cur = undefined;
    }
  }
  if (cur) {
    if (groups.length > 0) {
      const last = groups[groups.length - 1];
      last.to = cur.to;
      last.items.push(...cur.items);
    } else groups.push(cur);
  }
  return groups
    .filter((g) => g.items.length > 0)
    .map((g, i, all) => ({
      fromHour: i === 0 ? 0 : g.from,
      toHour: i === all.length - 1 ? 24 : g.to,
      sessions: g.items.length,
      dwellQuantilesH: quantileKnots(g.items.map((x) => x.dwellH)),
      dwellBins: fitDwellBins(g.items, minBinSessions),
    }));
}

/**
 * Fits the generator to cleaned sessions of one population.
 * @param sessions cleaned sessions (one time zone).
 * @returns the parameters; store them with their provenance (see data/ev/PROVENANCE.md).
 * @throws DataValidationError when no session remains to fit, or sessions mix time zones.
 * @throws ArgumentError for a block width that does not divide 24 or a non-positive minimum.
 */
export function fitGeneratorParams(sessions: readonly ChargingSession[], options: FitGeneratorOptions = {}): GeneratorParams {
  const {
    population = "sessions",
    blockHours = 3,
    minBlockSessions = 40,
    minBinSessions = 30,
    excludeDcfc = true,
    acRatingsKw = [3.7, 7.4, 11, 22],
    provenance = {},
  } = options;
  if (!Number.isInteger(blockHours) || blockHours < 1 || 24 % blockHours !== 0) throw new ArgumentError("fitGeneratorParams", `blockHours must divide 24, got ${blockHours}`);
  if (!(minBlockSessions >= 1) || !(minBinSessions >= 1)) {
    throw new ArgumentError("fitGeneratorParams", `minBlockSessions and minBinSessions must be ≥ 1, got ${minBlockSessions}, ${minBinSessions}`);
  }
  const used = excludeDcfc ? sessions.filter((s) => s.powerClass !== "DCFC") : [...sessions];
  if (used.length === 0) throw new DataValidationError("fitGeneratorParams", "no sessions to fit");
  const zones = new Set(used.map((s) => s.timeZone));
  if (zones.size > 1) throw new DataValidationError("fitGeneratorParams", `sessions mix time zones (${[...zones].join(", ")}); fit one population at a time`);
  const f = sessionFeatures(used);
  const days = stationDays(f);
  const pooled = fitBlocks(f, blockHours, minBlockSessions, minBinSessions);
  const dayTypes = Object.fromEntries(
    DAY_TYPES.map((dt) => {
      const g = f.filter((x) => x.dayType === dt);
      const perDay = sessionsPerStationDay(days, { dayType: dt });
      const own = g.length >= minBlockSessions;
      const params: DayTypeParams = {
        sessionShare: g.length / f.length,
        stationDays: perDay.stationDays,
        sessionsPerStationDayPmf: perDay.rows.map((r) => r.share),
        arrivalHourPmf: hourShares((g.length > 0 ? g : f).map((x) => x.arrivalHour)).map((r) => r.share),
        blocks: own ? fitBlocks(g, blockHours, minBlockSessions, minBinSessions) : pooled,
        pooledBlocks: !own,
      };
      return [dt, params];
    }),
  ) as Record<DayType, DayTypeParams>;
  const stations = new Set(f.map((x) => x.stationId)).size;
  return {
    version: 1,
    population,
    timeZone: used[0].timeZone,
    chargerKw: ratingAtLeast(f.reduce((m, x) => Math.max(m, x.meanPowerKw), 0), acRatingsKw),
    quantileKnots: [...QUANTILE_KNOTS],
    stations,
    startDate: f.reduce((m, x) => (x.date < m ? x.date : m), f[0].date),
    daysPerStation: days.length / stations,
    dayTypes,
    fittedFrom: { sessionsUsed: used.length, sessionsExcludedDcfc: sessions.length - used.length, stationDays: days.length, ...provenance },
  };
}

/**
 * Checks that a parsed JSON value has the shape of fitted parameters (what {@link GeneratorParams} promises and the
 * generator reads), e.g. a file read back or parameters handed to a browser page.
 * @param source the file or origin named in errors.
 * @throws DataValidationError naming `source` and the first field that is wrong.
 */
export function validateGeneratorParams(value: unknown, source: string, where = "loadGeneratorParams"): GeneratorParams {
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new DataValidationError(where, `${source} is not valid generator parameters: ${what}`, { file: source });
  };
  const p = value as GeneratorParams;
  check(p?.version === 1, "version must be 1");
  check(typeof p.timeZone === "string" && p.chargerKw > 0 && p.stations >= 1 && p.daysPerStation > 0, "timeZone, chargerKw, stations, daysPerStation");
  check(Array.isArray(p.quantileKnots) && p.quantileKnots[0] === 0 && p.quantileKnots[p.quantileKnots.length - 1] === 1, "quantileKnots");
  for (const dt of DAY_TYPES) {
    const d = p.dayTypes?.[dt];
    check(d !== undefined && Array.isArray(d.arrivalHourPmf) && d.arrivalHourPmf.length === 24, `dayTypes.${dt}.arrivalHourPmf`);
    check(Array.isArray(d.sessionsPerStationDayPmf) && d.sessionsPerStationDayPmf.length >= 1, `dayTypes.${dt}.sessionsPerStationDayPmf`);
    check(Array.isArray(d.blocks) && d.blocks.length >= 1 && d.blocks[0].fromHour === 0 && d.blocks[d.blocks.length - 1].toHour === 24, `dayTypes.${dt}.blocks`);
    for (const b of d.blocks) {
      const n = p.quantileKnots.length;
      const bins = b.dwellBins;
      check(
        b.dwellQuantilesH.length === n && Array.isArray(bins) && bins.length >= 1 && bins.every((x) => ["energy", "power"].includes(x.model) && x.quantiles.length === n),
        `dayTypes.${dt}.blocks quantiles`,
      );
    }
  }
  return p;
}
