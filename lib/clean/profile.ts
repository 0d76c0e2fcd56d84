/**
 * A population's charging profile in one object (arrival and departure hours, dwell, energy, sessions per
 * station-day, weekday vs weekend), and tables comparing populations.
 */
import type { ChargingSession } from "../io/session";
import { DAY_TYPES, type DayType, type SessionFeatures, sessionFeatures } from "./profile-features";
import { arrivalHourDistribution, departureHourDistribution, type HourShareRow } from "./profile-hours";
import { type DistributionSummary, summarizeValues } from "./profile-stats";
import { sessionsPerStationDay, stationDays, type StationDayDistribution } from "./profile-station-days";
import { spearman } from "./ranks";
import { ss } from "./stats";

/** Weekday vs weekend figures of one population. */
export type DayTypeRow = {
  dayType: DayType;
  sessions: number;
  /** Share of the population's sessions. */
  share: number;
  /** Station-days of this type (zeros included). */
  stationDays: number;
  sessionsPerStationDay: number;
  medianArrivalHour: number;
  meanDwellH: number;
  meanEnergyKwh: number;
};

/** A population's profile. */
export interface SessionProfile {
  population: string;
  sessions: number;
  stations: number;
  arrival: HourShareRow[];
  departure: HourShareRow[];
  dwellH: DistributionSummary;
  energyKwh: DistributionSummary;
  /** Mean power over the connection, kWh / h. */
  meanPowerKw: DistributionSummary;
  perStationDay: StationDayDistribution;
  dayTypes: DayTypeRow[];
  /** Spearman rank correlation of dwell and energy. */
  dwellEnergySpearman: number;
}

/** Options of {@link profileSessions}. */
export interface ProfileOptions {
  /** Name of the population (e.g. "residential"). Default "sessions". */
  population?: string;
}

/** Weekday and weekend rows of a population. */
export function dayTypeComparison(sessions: readonly ChargingSession[] | readonly SessionFeatures[]): DayTypeRow[] {
  const f = sessions.length > 0 && "plugInMs" in sessions[0] ? sessionFeatures(sessions as ChargingSession[]) : [...(sessions as SessionFeatures[])];
  const days = stationDays(f);
  return DAY_TYPES.map((dayType) => {
    const g = f.filter((x) => x.dayType === dayType);
    const perDay = sessionsPerStationDay(days, { dayType });
    return {
      dayType,
      sessions: g.length,
      share: f.length ? g.length / f.length : NaN,
      stationDays: perDay.stationDays,
      sessionsPerStationDay: perDay.mean,
      medianArrivalHour: g.length ? ss.median(g.map((x) => x.arrivalHour)) : NaN,
      meanDwellH: g.length ? ss.mean(g.map((x) => x.dwellH)) : NaN,
      meanEnergyKwh: g.length ? ss.mean(g.map((x) => x.energyKwh)) : NaN,
    };
  });
}

/**
 * Profiles a population of sessions.
 * @returns hour distributions, dwell/energy/power summaries, sessions per station-day, weekday vs weekend.
 */
export function profileSessions(sessions: readonly ChargingSession[], options: ProfileOptions = {}): SessionProfile {
  const { population = "sessions" } = options;
  const f = sessionFeatures(sessions);
  return {
    population,
    sessions: f.length,
    stations: new Set(f.map((x) => x.stationId)).size,
    arrival: arrivalHourDistribution(f),
    departure: departureHourDistribution(f),
    dwellH: summarizeValues(f.map((x) => x.dwellH)),
    energyKwh: summarizeValues(f.map((x) => x.energyKwh)),
    meanPowerKw: summarizeValues(f.map((x) => x.meanPowerKw)),
    perStationDay: sessionsPerStationDay(f),
    dayTypes: dayTypeComparison(f),
    dwellEnergySpearman: spearman(
      f.map((x) => x.dwellH),
      f.map((x) => x.energyKwh),
    ),
  };
}

/** One row of {@link comparePopulations}. */
export type PopulationRow = {
  population: string;
  sessions: number;
  stations: number;
  sessionsPerStationDay: number;
  weekendShare: number;
  peakArrivalHour: number;
  medianDwellH: number;
  meanDwellH: number;
  medianEnergyKwh: number;
  meanEnergyKwh: number;
  medianPowerKw: number;
  dwellEnergySpearman: number;
};

/** A table comparing populations, one row each. */
export function comparePopulations(profiles: readonly SessionProfile[]): PopulationRow[] {
  return profiles.map((p) => ({
    population: p.population,
    sessions: p.sessions,
    stations: p.stations,
    sessionsPerStationDay: p.perStationDay.mean,
    weekendShare: p.dayTypes.find((d) => d.dayType === "weekend")?.share ?? NaN,
    peakArrivalHour: p.arrival.reduce((best, r) => (r.sessions > best.sessions ? r : best), p.arrival[0]).hour,
    medianDwellH: p.dwellH.median,
    meanDwellH: p.dwellH.mean,
    medianEnergyKwh: p.energyKwh.median,
    meanEnergyKwh: p.energyKwh.mean,
    medianPowerKw: p.meanPowerKw.median,
    dwellEnergySpearman: p.dwellEnergySpearman,
  }));
}
