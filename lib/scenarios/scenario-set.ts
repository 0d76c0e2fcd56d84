/**
 * The scenario set the planning stage consumes: K typical days, each with its probability, day type, hourly PV
 * per-unit profile and hourly load multiplier. Plain data (JSON as is), checked by {@link validateScenarioSet}.
 *
 * Units and conventions:
 * - hour h of a scenario is the local wall-clock hour [h, h+1) of its day (`dtH` = 1, 24 hours);
 * - `pvPu[h]`: PV output per unit of installed capacity (0..1) — the series divided by `normalisation.pv.value`
 *   (by default the year's largest hourly PV, i.e. the fleet output is taken proportional to the national one);
 * - `loadPu[h]`: load per unit of the year's peak — multiply each bus's nominal (peak) load by it.
 */
import type { DayBasis, DayType } from "./daily-profiles";
import type { PerUnitMatrix } from "./normalise";
import type { TypicalDays } from "./typical-days";
import { ArgumentError } from "../util/errors";

/** Schema tag of {@link ScenarioSet}. */
export const SCENARIO_SET_SCHEMA = "evsp.scenario-set.v1";

/** One typical day. */
export interface Scenario {
  /** "S1" … "SK", in order of medoid date. */
  id: string;
  /** Date of the medoid day, `YYYY-MM-DD` (local calendar date when `dayBasis` is "local"). */
  date: string;
  /** Day type of the medoid date (EV fleets are drawn from sessions of the same day type). */
  dayType: DayType;
  /** Cluster size / days used. The probabilities of a set sum to 1. */
  probability: number;
  /** Days in the cluster. */
  days: number;
  /** Share of weekend days in the cluster (the medoid's day type may differ from some members'). */
  weekendShare: number;
  /** 24 hourly PV values per unit of installed capacity (0..1). */
  pvPu: number[];
  /** 24 hourly load multipliers per unit of the peak load. */
  loadPu: number[];
  /** Dates of the days the scenario stands for, ascending. */
  members: string[];
}

/** How the profiles were normalised (values in the source unit). */
export interface NormalisationInfo {
  basis: "max" | "given";
  value: number;
  unit: string;
}

/** A typed, serialisable set of typical-day scenarios. */
export interface ScenarioSet {
  schema: typeof SCENARIO_SET_SCHEMA;
  hours: 24;
  dtH: 1;
  dayBasis: DayBasis;
  /** Zone of the days ("UTC" for UTC days). */
  timeZone: string;
  source: { pv: string; load: string; year: number | null; synthetic: boolean };
  normalisation: { pv: NormalisationInfo; load: NormalisationInfo; weights: { pv: number; load: number }; metric: string };
  clustering: {
    method: string;
    k: number;
    seed: number;
    loss: number;
    silhouette: number;
    daysUsed: number;
    daysDropped: number;
    iterations: number;
    swaps: number;
  };
  scenarios: Scenario[];
}

/** Inputs of {@link buildScenarioSet}. */
export interface BuildScenarioSetInput {
  typical: TypicalDays;
  /** PV and load per-unit matrices holding exactly the days of `typical.dates`. */
  pv: PerUnitMatrix;
  load: PerUnitMatrix;
  weights?: { pv: number; load: number };
  source: { pv: string; load: string; year: number | null; synthetic: boolean };
  /** Days of the source range not used (dropped for gaps, incompleteness or alignment). */
  daysDropped: number;
}

/**
 * Assembles a scenario set from typical days and the per-unit matrices they were computed from.
 * @throws ArgumentError when the matrices do not hold the clustered days.
 */
export function buildScenarioSet(input: BuildScenarioSetInput): ScenarioSet {
  const { typical, pv, load, weights = { pv: 1, load: 1 }, source, daysDropped } = input;
  for (const m of [pv.matrix, load.matrix]) {
    if (m.dates.length !== typical.dates.length || m.dates.some((d, i) => d !== typical.dates[i])) {
      throw new ArgumentError("buildScenarioSet", `"${m.quantity}" does not hold the clustered days`);
    }
  }
  const scenarios: Scenario[] = typical.medoids.map((m, c) => ({
    id: `S${c + 1}`,
    date: typical.dates[m],
    dayType: typical.dayTypes[m],
    probability: typical.probabilities[c],
    days: typical.clusterSizes[c],
    weekendShare: typical.weekendShares[c],
    pvPu: pv.matrix.values[m].slice(),
    loadPu: load.matrix.values[m].slice(),
    members: typical.dates.filter((_, d) => typical.assignment[d] === c),
  }));
  return {
    schema: SCENARIO_SET_SCHEMA,
    hours: 24,
    dtH: 1,
    dayBasis: pv.matrix.dayBasis,
    timeZone: pv.matrix.timeZone,
    source,
    normalisation: {
      pv: { basis: pv.basis, value: pv.basisValue, unit: pv.unit },
      load: { basis: load.basis, value: load.basisValue, unit: load.unit },
      weights,
      metric: typical.metric,
    },
    clustering: {
      method: typical.method,
      k: typical.k,
      seed: typical.seed,
      loss: typical.loss,
      silhouette: typical.silhouette,
      daysUsed: typical.dates.length,
      daysDropped,
      iterations: typical.iterations,
      swaps: typical.swaps,
    },
    scenarios,
  };
}

/** A PV bus and its installed capacity. */
export interface PvBus {
  /** 1-based bus number. */
  bus: number;
  capacityKw: number;
}

/** Hourly active power at one bus. */
export interface BusPvProfile {
  bus: number;
  pKw: number[];
}

function checkBus(bus: number, where: string): void {
  if (!Number.isInteger(bus) || bus < 1) throw new ArgumentError(where, `bus numbers are 1-based integers, got ${bus}`);
}

/**
 * PV output of each PV bus in a scenario: pvPu[h] × capacityKw.
 * @throws ArgumentError for a bus that is not a 1-based integer or a negative capacity.
 */
export function scenarioPvKw(scenario: Scenario, pvBuses: readonly PvBus[]): BusPvProfile[] {
  return pvBuses.map(({ bus, capacityKw }) => {
    checkBus(bus, "scenarioPvKw");
    if (!Number.isFinite(capacityKw) || capacityKw < 0) throw new ArgumentError("scenarioPvKw", `bus ${bus}: capacityKw must be ≥ 0, got ${capacityKw}`);
    return { bus, pKw: scenario.pvPu.map((u) => u * capacityKw) };
  });
}

/** A bus's nominal (peak) load. */
export interface BusLoad {
  /** 1-based bus number. */
  bus: number;
  pKw: number;
  qKvar?: number;
}

/** Options of {@link scenarioLoadKw}. */
export interface ScenarioLoadOptions {
  /** Extra factor per bus (1-based bus → factor), e.g. load growth at some buses. Default 1 everywhere. */
  busScale?: Readonly<Record<number, number>>;
}

/** Hourly load at one bus. */
export interface BusLoadProfile {
  bus: number;
  pKw: number[];
  qKvar: number[];
}

/**
 * Load of each bus in a scenario: nominal load × loadPu[h] × busScale[bus] (same multiplier for P and Q, i.e. a
 * constant power factor).
 * @throws ArgumentError for a bad bus number or a negative/non-finite scale.
 */
export function scenarioLoadKw(scenario: Scenario, loads: readonly BusLoad[], options: ScenarioLoadOptions = {}): BusLoadProfile[] {
  const { busScale = {} } = options;
  return loads.map(({ bus, pKw, qKvar = 0 }) => {
    checkBus(bus, "scenarioLoadKw");
    const f = busScale[bus] ?? 1;
    if (!Number.isFinite(f) || f < 0) throw new ArgumentError("scenarioLoadKw", `bus ${bus}: scale must be ≥ 0, got ${f}`);
    return { bus, pKw: scenario.loadPu.map((u) => u * pKw * f), qKvar: scenario.loadPu.map((u) => u * qKvar * f) };
  });
}
