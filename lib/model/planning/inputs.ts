/**
 * The plain, serialisable inputs of the operation model: the rated feeder, and for each typical day its
 * probability, load multipliers, available PV per plant and the EV fleets of every station as flexibility on the
 * 24-hour grid, split into the flexible EVs and the uncontrolled rest. Everything a worker thread needs travels as
 * JSON. They are assembled here from data already in memory (the feeder, a scenario set, the station fleets);
 * lib/cases/inputs.ts loads that data for a case.
 *
 * The controllable split is a data decision made here, once: round(α·N) of each station's EVs on each day, drawn
 * with a random source seeded by the case's EV seed, the station and the day (evStationRng), so every model of the
 * day — subproblem, extensive form, copper plate, on any worker — sees the same EVs as flexible, and a plan at
 * another share re-draws it with {@link withControllableShare}.
 */
import { drawFlexible } from "../../ev/controllable";
import { evFlexFromFleet, type EvFlex } from "../../ev/flex";
import { createNetwork, networkInput, type NetworkInput } from "../../network/create";
import type { Network } from "../../network/types";
import type { StationFleets } from "../../scenarios/fleets";
import type { ScenarioSet } from "../../scenarios/scenario-set";
import { createRng, type Rng } from "../../util/random";
import { type PlanningCase, validatePlanningCase } from "./case";

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
  /**
   * EV fleets per station on the 24-hour grid, and the positions in `evs` of the flexible ones (drawn for the case's
   * controllable share; the others charge uncontrolled).
   */
  ev: { bus: number; evs: EvFlex[]; flexibleIndex: number[] }[];
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
  const scenarios: ScenarioDay[] = set.scenarios.map((s, i) => {
    const ev = c.ev.stations.map((st, j) => {
      const evs = fleets ? evFlexFromFleet(fleets.scenarios[i].stations[j].sessions, { slots: 24, dtH: 1 }, { efficiency: c.ev.efficiency, beyondHorizon: "wrap" }) : [];
      return { bus: st.bus, evs, flexibleIndex: stationSplit(c, s.id, j, evs.length) };
    });
    return {
      id: s.id,
      date: s.date,
      dayType: s.dayType,
      probability: s.probability,
      loadPu: s.loadPu.map((u) => u * c.network.loadScale),
      pv: c.pv.map((p) => ({ bus: p.bus, availKw: s.pvPu.map((u) => u * p.capacityKw) })),
      ev,
    };
  });
  return { case: c, network: networkInput(net), scenarios, source };
}

/**
 * The inputs at another controllable share: the case's `ev.controllable` set (and the case validated) and every
 * station's split re-drawn from its own random source (evStationRng), as assembling the inputs at that share would.
 * @throws DataValidationError naming ev.controllable for a share outside [0, 1].
 */
export function withControllableShare(inputs: PlanningInputs, share: number): PlanningInputs {
  const c = validatePlanningCase({ ...inputs.case, ev: { ...inputs.case.ev, controllable: share } });
  const scenarios = inputs.scenarios.map((s) => ({ ...s, ev: s.ev.map((st, j) => ({ ...st, flexibleIndex: stationSplit(c, s.id, j, st.evs.length) })) }));
  return { ...inputs, case: c, scenarios };
}

/** The positions of station j's flexible EVs among its `n` on day `dayId`, at the case's controllable share. */
function stationSplit(c: PlanningCase, dayId: string, j: number, n: number): number[] {
  return drawFlexible(n, c.ev.controllable, evStationRng(c, dayId, j));
}

/** The random source that draws station j's controllable EVs on day `dayId` (seeded by the case's EV seed). */
export function evStationRng(c: PlanningCase, dayId: string, j: number): Rng {
  return createRng(c.ev.seed * 7919 + j * 104729 + hashId(dayId));
}

/** A small stable hash of a scenario id, for per-scenario random streams. */
function hashId(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 1_000_003;
}
