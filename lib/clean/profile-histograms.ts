/**
 * The tables behind distribution plots of one population: arrival and departure shares per hour, dwell and energy
 * histograms on fixed edges (so that populations, real and synthetic, share bins).
 */
import { type ChargingSession, dwellHours } from "../io/session";
import { sessionFeatures } from "./profile-features";
import { arrivalHourDistribution, departureHourDistribution, type HourShareRow } from "./profile-hours";
import { histogram, type HistogramRow, uniformEdges } from "./profile-stats";

/** Histogram tables of one population. */
export interface SessionHistograms {
  arrival: HourShareRow[];
  departure: HourShareRow[];
  dwell: HistogramRow[];
  energy: HistogramRow[];
}

/** Options of {@link sessionHistograms}. */
export interface SessionHistogramOptions {
  /** Dwell bin edges, hours. Default 0, 1, …, 48. */
  dwellEdgesH?: number[];
  /** Energy bin edges, kWh. Default 0, 2, …, 80. */
  energyEdgesKwh?: number[];
}

/** Arrival/departure shares per hour and dwell/energy histograms of sessions. */
export function sessionHistograms(sessions: readonly ChargingSession[], options: SessionHistogramOptions = {}): SessionHistograms {
  const { dwellEdgesH = uniformEdges(0, 48, 48), energyEdgesKwh = uniformEdges(0, 80, 40) } = options;
  const f = sessionFeatures(sessions);
  return {
    arrival: arrivalHourDistribution(f),
    departure: departureHourDistribution(f),
    dwell: histogram(sessions.map(dwellHours), dwellEdgesH),
    energy: histogram(
      sessions.map((s) => s.energyKwh),
      energyEdgesKwh,
    ),
  };
}
