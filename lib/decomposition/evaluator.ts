/**
 * Evaluating every scenario's subproblem at a first-stage decision, in this thread or in a pool of worker threads
 * (piscina). Each scenario is pinned to one thread so that its persistent model, basis and cuts are reused from one
 * Benders iteration to the next.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Piscina } from "piscina";
import type { FirstStageValues } from "../model/planning/first-stage";
import { planningNetwork, type PlanningInputs } from "../model/planning/inputs";
import { packageRoot } from "../io/paths";
import type { RowInput } from "../solve/highs";
import { ArgumentError } from "../util/errors";
import { type DayStart, type SubproblemRunnerOptions, SubproblemRunner, type SubResult } from "./subproblem-runner";
import type { WorkerSetup, WorkerTask } from "./worker";
import { fromWorkerFailure } from "./worker-errors";

/** One decision to evaluate, with an optional cone tolerance overriding the runners' for this evaluation. */
export interface EvaluationPoint {
  x: FirstStageValues;
  coneTol?: number;
}

/** Evaluates all scenarios at a decision. */
export interface ScenarioEvaluator {
  /** Worker threads used (0: this thread). */
  readonly workers: number;
  /** Every scenario at `x`; `coneTol` overrides the runners' cone tolerance for this evaluation. */
  evaluate(x: FirstStageValues, detail?: boolean, coneTol?: number): Promise<SubResult[]>;
  /**
   * Every scenario at several decisions in one batch: `result[p][s]` is scenario s at `points[p]`. Each scenario
   * runs its points in order on its own model, exactly as successive {@link evaluate} calls would, but the threads
   * meet once per batch instead of once per point (less waiting for the slowest thread, fewer messages).
   */
  evaluateEach(points: readonly EvaluationPoint[], detail?: boolean): Promise<SubResult[][]>;
  /** Every scenario's cut rows (SubproblemRunner.cutRows: seeds and every cut found, purged ones too), scenario order. */
  cutRows(): Promise<RowInput[][]>;
  /** Every scenario's state (SubproblemRunner.dayStart), scenario order: where later runners on such days can start. */
  dayStarts(): Promise<(DayStart | undefined)[]>;
  close(): Promise<void>;
}

/**
 * Somewhere else to run the subproblems: a factory of evaluators (queuePool: `evsp worker` processes through Redis).
 * It goes wherever a number of worker threads does (see {@link Workers}).
 */
export interface EvaluatorPool {
  /** What the pool is, for messages (a queue's URL without its password). */
  readonly name: string;
  evaluator(inputs: PlanningInputs, options?: SubproblemRunnerOptions, starts?: readonly (DayStart | undefined)[]): ScenarioEvaluator;
}

/** Where subproblems run: a number of worker threads (0: this thread), or a pool of remote workers. */
export type Workers = number | EvaluatorPool;

/**
 * The evaluator around `perScenario` (each scenario's results at every point, scenario by scenario): regroups them
 * per point, and evaluates a single decision as a batch of one. `workers` may be read late (a queue's, known once
 * it has met its workers).
 */
export function evaluatorOf(
  workers: number | (() => number),
  perScenario: (points: readonly EvaluationPoint[], detail: boolean) => Promise<SubResult[][]>,
  cutRows: () => Promise<RowInput[][]>,
  dayStarts: () => Promise<(DayStart | undefined)[]>,
  close: () => Promise<void>,
): ScenarioEvaluator {
  const evaluateEach = async (points: readonly EvaluationPoint[], detail = false): Promise<SubResult[][]> => {
    const byScenario = await perScenario(points, detail);
    return Array.from({ length: points.length }, (_, p) => byScenario.map((rs) => rs[p]));
  };
  return {
    get workers() {
      return typeof workers === "function" ? workers() : workers;
    },
    async evaluate(x, detail = false, coneTol) {
      return (await evaluateEach([{ x, coneTol }], detail))[0];
    },
    evaluateEach,
    cutRows,
    dayStarts,
    close,
  };
}

/** The days' states keyed by day id (days without one left out). */
export function dayStartsById(inputs: PlanningInputs, starts: readonly (DayStart | undefined)[]): Record<string, DayStart> {
  const out: Record<string, DayStart> = {};
  inputs.scenarios.forEach((d, i) => {
    const s = starts[i];
    if (s) out[d.id] = s;
  });
  return out;
}

/** Sequential evaluation in this thread; `starts[s]`: the state scenario s starts from (see DayStart). */
export function inProcessEvaluator(inputs: PlanningInputs, options: SubproblemRunnerOptions = {}, starts: readonly (DayStart | undefined)[] = []): ScenarioEvaluator {
  const net = planningNetwork(inputs);
  const runners = inputs.scenarios.map((s, i) => new SubproblemRunner(net, inputs.case, s, options, starts[i]));
  return evaluatorOf(
    0,
    async (points, detail) => {
      const out: SubResult[][] = [];
      for (const r of runners) out.push(await r.evaluateEach(points, detail));
      return out;
    },
    async () => runners.map((r) => r.cutRows()),
    async () => runners.map((r) => r.dayStart()),
    async () => runners.forEach((r) => r.dispose()),
  );
}

/**
 * A compiled thread module of decomposition/ (`rel`: "worker.js", "queue/solver-thread.js"), also when this module
 * runs from sources (then from dist/).
 */
export function workerFile(rel = "worker.js"): string {
  const beside = path.join(__dirname, rel);
  if (fs.existsSync(beside)) return beside;
  const built = path.join(packageRoot(), "dist", "decomposition", rel);
  if (fs.existsSync(built)) return built;
  throw new ArgumentError("workerFile", `the thread module ${rel} is not built: run npm run build (or use workers: 0)`);
}

/**
 * Parallel evaluation in `workers` threads; scenario i always runs in thread i mod workers.
 * Each thread is its own single-thread piscina pool with its own FIFO queue. (A load balancer on one shared pool
 * pins badly: piscina passes it the task only as an id plus the queue-options symbol, offers it only the threads
 * already running, and stops handing out queued tasks as soon as the first one has to wait for its thread.) Pinning
 * keeps every scenario's warm model in one place, so each scenario sees the same sequence of decisions as in this
 * thread and the results repeat exactly.
 */
export function workerEvaluator(inputs: PlanningInputs, workers: number, options: SubproblemRunnerOptions = {}, starts: readonly (DayStart | undefined)[] = []): ScenarioEvaluator {
  if (!Number.isInteger(workers) || workers < 1) throw new ArgumentError("workerEvaluator", `workers must be a positive integer, got ${workers}`);
  const setup: WorkerSetup = { inputs, options };
  const filename = workerFile();
  const threads = Array.from({ length: workers }, () => new Piscina({ filename, minThreads: 1, maxThreads: 1, idleTimeout: 60 * 60 * 1000, workerData: setup }));
  // Each scenario's start goes with its first task (its runner is made then).
  const unsent = starts.slice();
  /** Every scenario's task on its own thread, typed errors restored. */
  const eachScenario = <T>(task: (index: number) => WorkerTask): Promise<T[]> =>
    Promise.all(
      inputs.scenarios.map((_, index) => {
        const start = unsent[index];
        unsent[index] = undefined;
        return (threads[index % workers].run(start ? { ...task(index), start } : task(index)) as Promise<T>).catch((err: unknown) => {
          throw fromWorkerFailure(err);
        });
      }),
    );
  return evaluatorOf(
    workers,
    (points, detail) => eachScenario<SubResult[]>((index) => ({ index, points, detail })),
    () => eachScenario<RowInput[]>((index) => ({ index, points: [], detail: false, cutRows: true })),
    () => eachScenario<DayStart | undefined>((index) => ({ index, points: [], detail: false, dayStart: true })),
    async () => {
      await Promise.all(threads.map((t) => t.destroy()));
    },
  );
}

/**
 * Warm days one thread holds by default. Each thread has its own HiGHS WebAssembly heap, which cannot grow past
 * 2 GB; a warm paper-case day takes 11–12 MB of it after its first evaluation (measured: 60 days, 680 MB) and more
 * as its cut pool fills, so a year of days (364) needs more threads than this machine's 2 cores.
 */
export const DAYS_PER_THREAD = 96;

/**
 * The evaluator for `workers` (0 = this thread; default: one per core, at most one per scenario, and at least one
 * per {@link DAYS_PER_THREAD} days; a pool: its evaluator); `starts[s]`: the state scenario s starts from (see DayStart).
 */
export function scenarioEvaluator(inputs: PlanningInputs, workers?: Workers, options: SubproblemRunnerOptions = {}, starts: readonly (DayStart | undefined)[] = []): ScenarioEvaluator {
  if (typeof workers === "object") return workers.evaluator(inputs, options, starts);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw new ArgumentError("scenarioEvaluator", `workers must be a whole number ≥ 0 (0: no worker threads), got ${workers}`, { field: "workers" });
  const n = workers ?? Math.max(Math.min(os.availableParallelism(), inputs.scenarios.length), Math.ceil(inputs.scenarios.length / DAYS_PER_THREAD));
  return n <= 0 ? inProcessEvaluator(inputs, options, starts) : workerEvaluator(inputs, n, options, starts);
}
