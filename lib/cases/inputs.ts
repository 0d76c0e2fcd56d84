/**
 * A case's planning inputs from its data: the feeder (built-in or a MATPOWER file) with its line ratings, the
 * planning year clustered into typical days, and the station fleets drawn (seeded) from the cleaned sessions of its
 * EV data set — then assembled by `assemblePlanningInputs` (lib/model/planning/inputs.ts), which reads no files.
 */
import { loadCleanSessions } from "../clean/load";
import type { ChargingSession } from "../io/session";
import { checkCaseBuses, type PlanningCase } from "../model/planning/case";
import { assemblePlanningInputs, type PlanningInputs } from "../model/planning/inputs";
import { loadNetwork } from "../network/from-matpower";
import { withLineRatings } from "../network/ratings";
import type { Network } from "../network/types";
import { drawStationFleets } from "../scenarios/fleets";
import { loadPlanningYear, planningScenarios } from "../scenarios/planning-year";
import type { ScenarioSet } from "../scenarios/scenario-set";

/** Options of {@link planningInputs}. */
export interface PlanningInputsOptions {
  /** Use this scenario set instead of clustering the case's year. */
  scenarioSet?: ScenarioSet;
  /** Use these cleaned sessions instead of loading the case's data set. */
  sessions?: readonly ChargingSession[];
  /** Override the number of typical days. */
  k?: number;
}

/**
 * The case's feeder with its line ratings: ratingFactor × the base-case flow, and with `ratings: "peakLoadAndPv"`
 * never below the current of the case's PV at nameplate with no load. The case's buses are checked against it
 * first (the PV rule places the plants on it).
 * @param where the function named by a bus error
 */
export function caseNetwork(c: PlanningCase, where = "caseNetwork"): Network {
  const net = loadNetwork(c.network.case);
  checkCaseBuses(c, net, where);
  const factor = c.network.ratingFactor;
  if (c.network.ratings !== "peakLoadAndPv") return withLineRatings(net, { kind: "baseFlowMultiple", factor });
  const generationKw: Record<number, number> = {};
  for (const p of c.pv) generationKw[p.bus] = (generationKw[p.bus] ?? 0) + p.capacityKw;
  return withLineRatings(net, { kind: "loadAndGeneration", factor, generationKw });
}

/**
 * The case's typical days: K-Medoids on its planning year (K at or above the year's usable days: every day its own
 * scenario, probability 1/days, no reduction), with the source in words.
 */
function caseScenarioSet(c: PlanningCase, kAsked: number | undefined): { set: ScenarioSet; source: string } {
  const year = loadPlanningYear({ year: c.scenarios.year });
  const asked = kAsked ?? c.scenarios.k;
  const everyDay = asked >= year.daysUsed;
  const k = everyDay ? year.daysUsed : asked;
  const kWeekend = !everyDay && c.scenarios.kWeekend > 0 && c.scenarios.kWeekend < k ? c.scenarios.kWeekend : undefined;
  const set = planningScenarios(year, { k, seed: c.scenarios.seed, kWeekend }).set;
  return { set, source: `${year.source} year ${year.year} (${year.pvSource}; ${year.loadSource}), ${everyDay ? `every day its own scenario (${k} days, no reduction)` : `K-Medoids K = ${k}`}` };
}

/** Builds the planning inputs of a case: scenarios (K-Medoids on the case's year), fleets, EV flexibility. */
export function planningInputs(c: PlanningCase, options: PlanningInputsOptions = {}): PlanningInputs {
  const net = caseNetwork(c, "planningInputs");
  const { set, source: scenarioSource } = options.scenarioSet ? { set: options.scenarioSet, source: "given scenario set" } : caseScenarioSet(c, options.k);
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
  return assemblePlanningInputs(c, net, set, fleets, { scenarios: scenarioSource, sessions: sessionSource, synthetic });
}
