/**
 * The days a plan is judged on beyond its typical days: every day of the planning year that is not one of them
 * (the held-out days, a seeded sample of them when fewer are asked for), and the year's mean day (the deterministic
 * "expected value" problem of the value of the stochastic solution).
 *
 * Both are built exactly like the typical days (`planningInputs` on a scenario set): the same per-unit bases (the
 * year's largest hourly PV and peak load), the case's PV capacities and load scale, and EV fleets drawn from the
 * case's session data set for each day's type (seeded with the case's EV seed, so a held-out day's fleet is an
 * independent draw, not a typical day's).
 */
import type { ChargingSession } from "../io/session";
import type { PlanningCase } from "../model/planning/case";
import { type PlanningInputs } from "../model/planning/inputs";
import { planningInputs } from "../cases/inputs";
import { dayTypeOfDate } from "../scenarios/daily-profiles";
import type { PerUnitMatrix } from "../scenarios/normalise";
import { loadPlanningYear, planningDayVectors, type PlanningYear } from "../scenarios/planning-year";
import { type Scenario, SCENARIO_SET_SCHEMA, type ScenarioSet } from "../scenarios/scenario-set";
import { ArgumentError } from "../util/errors";
import { createRng, sampleWithoutReplacement } from "../util/random";

/** Options of {@link heldOutInputs} and {@link meanDayInputs}. */
export interface DaySetOptions {
  /** The planning year (default: `loadPlanningYear({ year: case.scenarios.year })`, as `planningInputs` reads it). */
  year?: PlanningYear;
  /** EV sessions (default: the case's data set, loaded as `planningInputs` loads it). */
  sessions?: readonly ChargingSession[];
}

/** Options of {@link heldOutInputs}. */
export interface HeldOutOptions extends DaySetOptions {
  /** Held-out days to keep: a seeded sample without replacement. Default: all of them. */
  count?: number;
  /** Seed of the sample. Default: the case's scenario seed. */
  seed?: number;
}

/** Per-unit PV and load of every day of the year (the bases `planningScenarios` uses). */
function yearPerUnit(year: PlanningYear): { pv: PerUnitMatrix; load: PerUnitMatrix } {
  const { pvPu, loadPu } = planningDayVectors(year);
  return { pv: pvPu, load: loadPu };
}

/** A scenario set whose scenarios are single days with the given probabilities (days = 1 each, or `daysUsed`). */
function daySet(year: PlanningYear, pu: { pv: PerUnitMatrix; load: PerUnitMatrix }, method: string, seed: number, scenarios: Scenario[], daysUsed: number): ScenarioSet {
  return {
    schema: SCENARIO_SET_SCHEMA,
    hours: 24,
    dtH: 1,
    dayBasis: pu.pv.matrix.dayBasis,
    timeZone: pu.pv.matrix.timeZone,
    source: { pv: year.pvSource, load: year.loadSource, year: year.year, synthetic: year.source === "synthetic" },
    normalisation: {
      pv: { basis: pu.pv.basis, value: pu.pv.basisValue, unit: pu.pv.unit },
      load: { basis: pu.load.basis, value: pu.load.basisValue, unit: pu.load.unit },
      weights: { pv: 1, load: 1 },
      metric: "none",
    },
    clustering: { method, k: scenarios.length, seed, loss: 0, silhouette: 0, daysUsed, daysDropped: year.daysDropped, iterations: 0, swaps: 0 },
    scenarios,
  };
}

/**
 * The held-out days of a plan: every day of the planning year except the dates of `inSample`'s typical days, each
 * with probability 1 / (days kept), ids "H-YYYY-MM-DD", in date order.
 * @param c the case (its PV, loads, fleets and seeds).
 * @param inSample the typical days the plan was made on (their dates are excluded).
 * @throws ArgumentError for a count outside [1, held-out days].
 */
export function heldOutInputs(c: PlanningCase, inSample: PlanningInputs, options: HeldOutOptions = {}): PlanningInputs {
  const year = options.year ?? loadPlanningYear({ year: c.scenarios.year });
  const pu = yearPerUnit(year);
  const medoids = new Set(inSample.scenarios.map((s) => s.date));
  const pool = pu.pv.matrix.dates.map((date, d) => ({ date, d })).filter((x) => !medoids.has(x.date));
  const { count = pool.length, seed = c.scenarios.seed } = options;
  if (!Number.isInteger(count) || count < 1 || count > pool.length) throw new ArgumentError("heldOutInputs", `count must be an integer in [1, ${pool.length}], got ${count}`);
  const kept = (count === pool.length ? pool : sampleWithoutReplacement(createRng(seed), pool, count)).sort((a, b) => (a.date < b.date ? -1 : 1));
  const scenarios: Scenario[] = kept.map(({ date, d }) => ({
    id: `H-${date}`,
    date,
    dayType: dayTypeOfDate(date),
    probability: 1 / kept.length,
    days: 1,
    weekendShare: dayTypeOfDate(date) === "weekend" ? 1 : 0,
    pvPu: pu.pv.matrix.values[d].slice(),
    loadPu: pu.load.matrix.values[d].slice(),
    members: [date],
  }));
  const inputs = planningInputs(c, { scenarioSet: daySet(year, pu, "held-out", seed, scenarios, kept.length), sessions: options.sessions });
  return {
    ...inputs,
    source: { ...inputs.source, scenarios: `${kept.length} held-out days of ${pool.length} (year ${year.year} without the ${medoids.size} typical days${count < pool.length ? `, seeded sample, seed ${seed}` : ""}; ${year.pvSource}; ${year.loadSource})` },
  };
}

/** What {@link meanDayInputs} returns besides the inputs. */
export interface MeanDay {
  inputs: PlanningInputs;
  /** Days averaged. */
  days: number;
  /** The weekday whose PV and load are nearest (Euclidean, per unit) to the mean: its date labels the mean day and
   * its day type draws the EV fleet. */
  nearestDate: string;
}

/**
 * The year's mean day: hour by hour the mean per-unit PV and load over every day of the year (probability 1, id
 * "MEAN"). Its EV fleet is one draw of weekday sessions (the weekday is the year's majority day type), labelled with
 * the date of the weekday nearest to the mean profile. It is the deterministic problem of the value of the
 * stochastic solution: plan for the average day, then face the real ones.
 */
export function meanDayInputs(c: PlanningCase, options: DaySetOptions = {}): MeanDay {
  const year = options.year ?? loadPlanningYear({ year: c.scenarios.year });
  const pu = yearPerUnit(year);
  const n = pu.pv.matrix.values.length;
  const mean = (m: PerUnitMatrix) => Array.from({ length: 24 }, (_, t) => m.matrix.values.reduce((a, row) => a + row[t], 0) / n);
  const pvPu = mean(pu.pv);
  const loadPu = mean(pu.load);
  let nearest = -1;
  let best = Infinity;
  pu.pv.matrix.dates.forEach((date, d) => {
    if (dayTypeOfDate(date) !== "weekday") return;
    let s = 0;
    for (let t = 0; t < 24; t++) s += (pu.pv.matrix.values[d][t] - pvPu[t]) ** 2 + (pu.load.matrix.values[d][t] - loadPu[t]) ** 2;
    if (s < best) {
      best = s;
      nearest = d;
    }
  });
  if (nearest < 0) throw new ArgumentError("meanDayInputs", "the planning year holds no weekday");
  const date = pu.pv.matrix.dates[nearest];
  const scenario: Scenario = { id: "MEAN", date, dayType: "weekday", probability: 1, days: 1, weekendShare: 0, pvPu, loadPu, members: [date] };
  const inputs = planningInputs(c, { scenarioSet: daySet(year, pu, "mean", c.scenarios.seed, [scenario], 1), sessions: options.sessions });
  return {
    inputs: { ...inputs, source: { ...inputs.source, scenarios: `mean of ${n} days of year ${year.year} (${year.pvSource}; ${year.loadSource})` } },
    days: n,
    nearestDate: date,
  };
}
