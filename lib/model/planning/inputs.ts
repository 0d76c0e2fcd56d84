/**
 * From a planning case to the plain, serialisable inputs of the operation model: the rated feeder, and for each
 * typical day its probability, load multipliers, available PV per plant and the EV fleets of every station as
 * flexibility on the 24-hour grid. Everything a worker thread needs travels as JSON.
 */
import { loadCleanSessions } from "../../clean/load";
import type { ChargingSession } from "../../io/session";
import { evFlexFromFleet, type EvFlex } from "../../ev/flex";
import { loadNetwork } from "../../network/from-matpower";
import { createNetwork, networkInput, type NetworkInput } from "../../network/create";
import { withLineRatings } from "../../network/ratings";
import type { Network } from "../../network/types";
import { drawStationFleets } from "../../scenarios/fleets";
import { loadPlanningYear, planningScenarios } from "../../scenarios/planning-year";
import type { ScenarioSet } from "../../scenarios/scenario-set";
import { checkCaseBuses, type PlanningCase } from "./case";

/** One typical day, ready for the operation model. */
export interface ScenarioDay {
  id: string;
  date: string;
  dayType: "weekday" | "weekend";
  probability: number;
  /** Multiplier of every bus's nominal load per hour (already times the case's load scale). */
  loadPu: number[];
  /** Available PV per plant and hour, kW. */
  pv: { bus: number; availKw: number[] }[];
  /** EV fleets per station on the 24-hour grid. */
  ev: { bus: number; evs: EvFlex[] }[];
}

/** Everything the operation and planning models read. */
export interface PlanningInputs {
  case: PlanningCase;
  /** The rated feeder as plain data (rebuild with `planningNetwork`). */
  network: NetworkInput;
  scenarios: ScenarioDay[];
  /** Where scenarios and sessions came from, in words. */
  source: { scenarios: string; sessions: string; synthetic: boolean };
}

/** Options of {@link planningInputs}. */
export interface PlanningInputsOptions {
  /** Use this scenario set instead of clustering the case's year. */
  scenarioSet?: ScenarioSet;
  /** Use these cleaned sessions instead of loading the case's data set. */
  sessions?: readonly ChargingSession[];
  /** Override the number of typical days. */
  k?: number;
}

/** The case's feeder with its line ratings (ratingFactor × base-case flow). */
export function caseNetwork(c: PlanningCase): Network {
  return withLineRatings(loadNetwork(c.network.case), { kind: "baseFlowMultiple", factor: c.network.ratingFactor });
}

/** Rebuilds the rated feeder from {@link PlanningInputs} (in a worker thread, say). */
export function planningNetwork(inputs: PlanningInputs): Network {
  return createNetwork(inputs.network);
}

/** Builds the planning inputs of a case: scenarios (K-Medoids on the case's year), fleets, EV flexibility. */
export function planningInputs(c: PlanningCase, options: PlanningInputsOptions = {}): PlanningInputs {
  const where = "planningInputs";
  const net = caseNetwork(c);
  checkCaseBuses(c, net, where);
  let set = options.scenarioSet;
  let scenarioSource = "given scenario set";
  if (!set) {
    const year = loadPlanningYear({ year: c.scenarios.year });
    const asked = options.k ?? c.scenarios.k;
    // K at or above the year's usable days: every day its own scenario (probability 1/days), no reduction.
    const everyDay = asked >= year.daysUsed;
    const k = everyDay ? year.daysUsed : asked;
    const kWeekend = !everyDay && c.scenarios.kWeekend > 0 && c.scenarios.kWeekend < k ? c.scenarios.kWeekend : undefined;
    set = planningScenarios(year, { k, seed: c.scenarios.seed, kWeekend }).set;
    scenarioSource = `${year.source} year ${year.year} (${year.pvSource}; ${year.loadSource}), ${everyDay ? `every day its own scenario (${k} days, no reduction)` : `K-Medoids K = ${k}`}`;
  }
  let sessions = options.sessions;
  let sessionSource = "given sessions";
  let synthetic = set.source.synthetic;
  if (!sessions && c.ev.stations.some((s) => s.evCount > 0)) {
    const loaded = loadCleanSessions(c.ev.dataset, { seed: c.ev.seed });
    sessions = loaded.sessions;
    sessionSource = loaded.source;
    synthetic = synthetic || loaded.synthetic;
  }
  const fleets = sessions
    ? drawStationFleets(set, sessions, c.ev.stations, { seed: c.ev.seed, midnight: "continue", defaultChargerKw: c.ev.defaultChargerKw })
    : undefined;
  const scenarios: ScenarioDay[] = set.scenarios.map((s, i) => ({
    id: s.id,
    date: s.date,
    dayType: s.dayType,
    probability: s.probability,
    loadPu: s.loadPu.map((u) => u * c.network.loadScale),
    pv: c.pv.map((p) => ({ bus: p.bus, availKw: s.pvPu.map((u) => u * p.capacityKw) })),
    ev: c.ev.stations.map((st, j) => ({
      bus: st.bus,
      evs: fleets ? evFlexFromFleet(fleets.scenarios[i].stations[j].sessions, { slots: 24, dtH: 1 }, { efficiency: c.ev.efficiency, beyondHorizon: "wrap" }) : [],
    })),
  }));
  return { case: c, network: networkInput(net), scenarios, source: { scenarios: scenarioSource, sessions: sessionSource, synthetic } };
}
