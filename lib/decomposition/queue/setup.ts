/**
 * A run's setup as the master publishes it and a worker accepts it: the planning inputs, the subproblem runners'
 * options and each scenario's starting state. A worker checks it before building anything from it: the case through
 * the case validator, the feeder through the network builder, the scenarios' ids and count, options of plain values
 * only.
 */
import { validatePlanningCase } from "../../model/planning/case";
import { planningNetwork, type PlanningInputs } from "../../model/planning/inputs";
import type { Network } from "../../network/types";
import { DataValidationError } from "../../util/errors";
import type { DayStart, SubproblemRunnerOptions } from "../subproblem-runner";

export interface RunSetup {
  inputs: PlanningInputs;
  options: SubproblemRunnerOptions;
  /** Per scenario: the state its runner starts from (null: a cold start). */
  starts: (DayStart | null)[];
}

/** The setup checked, with its feeder built. */
export function validateSetup(value: unknown, where = "validateSetup"): RunSetup & { net: Network } {
  const bad = (field: string, what: string): never => {
    throw new DataValidationError(where, `run setup refused: ${what}`, { field });
  };
  if (typeof value !== "object" || value === null) return bad("setup", "not an object");
  const s = value as Record<string, unknown>;
  const inputs = s.inputs as PlanningInputs | undefined;
  if (!inputs || typeof inputs !== "object") return bad("inputs", "no planning inputs");
  validatePlanningCase(inputs.case);
  if (!Array.isArray(inputs.scenarios) || inputs.scenarios.length === 0) bad("inputs.scenarios", "no scenarios");
  inputs.scenarios.forEach((d, i) => {
    if (typeof d !== "object" || d === null || typeof d.id !== "string") bad(`inputs.scenarios[${i}]`, "a scenario without an id");
  });
  const net = planningNetwork(inputs);
  const options = s.options as Record<string, unknown> | undefined;
  if (typeof options !== "object" || options === null || Array.isArray(options)) return bad("options", "runner options are not an object");
  for (const [k, v] of Object.entries(options)) if (!["number", "string", "boolean"].includes(typeof v)) bad(`options.${k}`, "runner options are plain values");
  const starts = s.starts;
  if (!Array.isArray(starts) || starts.length !== inputs.scenarios.length) return bad("starts", `one starting state (or null) per scenario (${inputs.scenarios.length})`);
  starts.forEach((st, i) => {
    if (st !== null && (typeof st !== "object" || typeof (st as DayStart).structure !== "string" || !Array.isArray((st as DayStart).rows))) bad(`starts[${i}]`, "not a day state");
  });
  return { inputs, options: options as SubproblemRunnerOptions, starts: starts as (DayStart | null)[], net };
}
