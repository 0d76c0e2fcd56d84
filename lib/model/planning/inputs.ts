/**
 * The plain, serialisable inputs of the operation model: the rated feeder, and for each typical day its
 * probability, load multipliers, available PV per plant and the EV fleets of every station as flexibility on the
 * 24-hour grid. Everything a worker thread needs travels as JSON. They are assembled here from data already in
 * memory (the feeder, a scenario set, the station fleets); lib/cases/inputs.ts loads that data for a case.
 */
import { evFlexFromFleet, type EvFlex } from "../../ev/flex";
import { createNetwork, networkInput, type NetworkInput } from "../../network/create";
import type { Network } from "../../network/types";
import type { StationFleets } from "../../scenarios/fleets";
import type { ScenarioSet } from "../../scenarios/scenario-set";
import type { PlanningCase } from "./case";

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

/** Rebuilds the rated feeder from {@link PlanningInputs} (in a worker thread, say). */
export function planningNetwork(inputs: PlanningInputs): Network {
  return createNetwork(inputs.network);
}

/**
 * The planning inputs of a case from data in memory: the rated feeder (buses already checked against the case), the
 * scenario set, and each scenario's station fleets (drawn for that set, stations in case order; none: no EVs), as
 * flexibility on the 24-hour grid.
 */
export function assemblePlanningInputs(c: PlanningCase, net: Network, set: ScenarioSet, fleets: StationFleets | undefined, source: PlanningInputs["source"]): PlanningInputs {
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
  return { case: c, network: networkInput(net), scenarios, source };
}
