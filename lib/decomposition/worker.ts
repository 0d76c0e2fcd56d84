/**
 * Worker thread of the subproblem evaluator (one single-thread piscina pool per thread). Each thread receives the
 * planning inputs once (workerData), keeps one persistent {@link SubproblemRunner} per scenario pinned to it, and
 * evaluates tasks `{ index, points, detail }` → one {@link SubResult} per point, in order.
 */
import { workerData } from "worker_threads";
import type { FirstStageValues } from "../model/planning/first-stage";
import { planningNetwork, type PlanningInputs } from "../model/planning/inputs";
import type { Network } from "../network/types";
import type { RowInput } from "../solve/highs";
import { type DayStart, type SubproblemRunnerOptions, SubproblemRunner, type SubResult } from "./subproblem-runner";
import { toWorkerFailure } from "./worker-errors";

/** What the pool sends with each task: evaluations, or (with `cutRows`, `dayStart`) the scenario's cut pool or state. */
export interface WorkerTask {
  index: number;
  /** Return the scenario's cut rows (SubproblemRunner.cutRows) instead of evaluating. */
  cutRows?: boolean;
  /** Return the scenario's state (SubproblemRunner.dayStart) instead of evaluating. */
  dayStart?: boolean;
  /** With the scenario's first task: the state its runner starts from. */
  start?: DayStart;
  /** Decisions evaluated one after the other on the scenario's model. */
  points: readonly { x: FirstStageValues; coneTol?: number }[];
  detail: boolean;
}

/** What the pool passes to every thread at start-up. */
export interface WorkerSetup {
  inputs: PlanningInputs;
  options: SubproblemRunnerOptions;
}

let net: Network | undefined;
const runners = new Map<number, SubproblemRunner>();

/** Evaluates one scenario at a batch of first-stage decisions (or returns its cut rows). */
export default async function evaluateTask(task: WorkerTask): Promise<SubResult[] | RowInput[] | DayStart | undefined> {
  const setup = workerData as WorkerSetup;
  if (!net) net = planningNetwork(setup.inputs);
  let runner = runners.get(task.index);
  if (!runner) {
    runner = new SubproblemRunner(net, setup.inputs.case, setup.inputs.scenarios[task.index], setup.options, task.start);
    runners.set(task.index, runner);
  }
  if (task.cutRows) return runner.cutRows();
  if (task.dayStart) return runner.dayStart();
  try {
    return await runner.evaluateEach(task.points, task.detail);
  } catch (err) {
    // A typed error as plain data: the structured clone would keep only its message (see worker-errors.ts).
    throw toWorkerFailure(err);
  }
}
