/**
 * Charger power class and limit per station, inferred from the data with danfojs: a session's mean power
 * (energy / connection hours) is a lower bound on what its charger delivered. A station whose sessions regularly
 * exceed what any AC charger delivers (22 kW, IEC 61851 mode 3 three-phase 32 A) is a DC fast charger; a station
 * with only rare excesses is AC and those excesses are errors.
 */
import { ss } from "./stats";
import { danfo } from "./danfo";

/** Options of {@link inferStationPower} and {@link stationRatingKw}. */
export interface PowerInferenceOptions {
  /** Most an AC (level 1/2) charger delivers, kW. Default 22. */
  acLimitKw?: number;
  /** Share of a station's sessions above `acLimitKw` from which it is classed DC fast. Default 0.2. */
  dcfcMinShare?: number;
  /** Fewest sessions above `acLimitKw` for a DC fast class. Default 5. */
  dcfcMinSessions?: number;
  /** Standard DC fast ratings, kW, ascending. Default [50, 150, 350]. */
  dcRatingsKw?: number[];
  /** Quantile of a DC station's mean powers that its rating must cover. Default 0.95: robust to a few errors
   * among many sessions (with fewer than ~20 sessions a single outlier can lift the rating a step). */
  dcRatingQuantile?: number;
  /** Standard AC ratings, kW, ascending, for the rating attached to kept sessions. Default [3.7, 7.4, 11, 22]. */
  acRatingsKw?: number[];
  /** Known station ratings, kW, by station id: used as the limit instead of inferring (> acLimitKw means DC fast). */
  stationKw?: Record<string, number>;
}

/** One station's inferred power. */
export type StationPowerRow = {
  stationId: string;
  /** Sessions used (those that passed the rules before the capacity rule). */
  sessions: number;
  /** Sessions whose mean power exceeds the AC limit. */
  sessionsAboveAc: number;
  /** Median, 95th percentile and maximum of the sessions' mean power, kW. */
  p50Kw: number;
  p95Kw: number;
  maxKw: number;
  powerClass: "L2" | "DCFC";
  /** The power the capacity rule allows, kW. */
  limitKw: number;
  /** True when the limit came from `stationKw`. */
  known: boolean;
};

/** One session's station, energy and connection hours. */
export interface PowerSample {
  stationId: string;
  energyKwh: number;
  hours: number;
}

const DEFAULTS = {
  acLimitKw: 22,
  dcfcMinShare: 0.2,
  dcfcMinSessions: 5,
  dcRatingsKw: [50, 150, 350],
  dcRatingQuantile: 0.95,
  acRatingsKw: [3.7, 7.4, 11, 22],
};

/** The smallest rating of `ladder` at least `kw`; above the ladder, `kw` rounded up to 0.1 kW. */
export function ratingAtLeast(kw: number, ladder: readonly number[]): number {
  const r = ladder.find((x) => x >= kw - 1e-9);
  return r ?? Math.ceil(kw * 10) / 10;
}

/**
 * Infers each station's power class and the limit of the capacity rule.
 * @param samples sessions with positive energy and positive connection hours.
 * @returns one row per station, ordered by station id.
 */
export function inferStationPower(samples: readonly PowerSample[], options: PowerInferenceOptions = {}): StationPowerRow[] {
  const {
    acLimitKw = DEFAULTS.acLimitKw,
    dcfcMinShare = DEFAULTS.dcfcMinShare,
    dcfcMinSessions = DEFAULTS.dcfcMinSessions,
    dcRatingsKw = DEFAULTS.dcRatingsKw,
    dcRatingQuantile = DEFAULTS.dcRatingQuantile,
    stationKw = {},
  } = options;
  if (samples.length === 0) return [];
  const { DataFrame } = danfo();
  const df = new DataFrame({
    stationId: samples.map((s) => s.stationId),
    pKw: samples.map((s) => s.energyKwh / s.hours),
    aboveAc: samples.map((s) => (s.energyKwh / s.hours > acLimitKw ? 1 : 0)),
  });
  const grouped = df.groupby(["stationId"]);
  const stats = grouped.agg({ pKw: ["count", "max"], aboveAc: "sum" });
  const ids = (stats["stationId"].values as unknown[]).map(String);
  const counts = stats["pKw_count"].values as number[];
  const maxes = stats["pKw_max"].values as number[];
  const above = stats["aboveAc_sum"].values as number[];
  const rows = ids.map((stationId, k): StationPowerRow => {
    const powers = (grouped.getGroup([stationId])["pKw"].values as number[]).slice().sort((a, b) => a - b);
    const p95Kw = ss.quantileSorted(powers, 0.95);
    const known = stationKw[stationId];
    const dc = known !== undefined ? known > acLimitKw : above[k] >= dcfcMinSessions && above[k] / counts[k] >= dcfcMinShare;
    const limitKw = known ?? (dc ? ratingAtLeast(ss.quantileSorted(powers, dcRatingQuantile), dcRatingsKw) : acLimitKw);
    return {
      stationId,
      sessions: counts[k],
      sessionsAboveAc: above[k],
      p50Kw: ss.quantileSorted(powers, 0.5),
      p95Kw,
      maxKw: maxes[k],
      powerClass: dc ? "DCFC" : "L2",
      limitKw,
      known: known !== undefined,
    };
  });
  return rows.sort((a, b) => (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0));
}

/**
 * The rating attached to a station's kept sessions: the smallest standard rating of its class at least every kept
 * session's mean power (so energy ≤ rating × dwell holds for each), or the known rating.
 */
export function stationRatingKw(powerClass: "L2" | "DCFC", maxKeptKw: number, known: number | undefined, options: PowerInferenceOptions = {}): number {
  if (known !== undefined) return known;
  const { acRatingsKw = DEFAULTS.acRatingsKw, dcRatingsKw = DEFAULTS.dcRatingsKw } = options;
  return ratingAtLeast(maxKeptKw, powerClass === "DCFC" ? dcRatingsKw : acRatingsKw);
}
