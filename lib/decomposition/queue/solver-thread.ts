/**
 * Solver thread of an `evsp worker` process (one single-thread piscina pool per thread, as the in-process pool). The
 * process's main thread talks to Redis and stays free to renew its locks and heartbeat; the solves run here. For each
 * run the thread keeps one SubproblemRunner per scenario it has served and how many batches that runner has applied;
 * a job for a later batch first re-applies the ones the runner missed, from a fresh runner if it is ahead (a job
 * retried after its answer was sent): each scenario's results then depend on the batches only, never on where the
 * scenario ran before.
 */
import { decodePlain } from "./codec";
import { type Batch, type JobOp, validateBatch } from "./protocol";
import { type RunSetup, validateSetup } from "./setup";
import type { Network } from "../../network/types";
import { SubproblemRunner, type SubResult } from "../subproblem-runner";
import { toWorkerFailure } from "../worker-errors";

export type ThreadTask =
  | { kind: "setup"; run: string; setup: string }
  | { kind: "run"; run: string; scenarios: number[]; op: JobOp; batch: number; batches: Batch[] }
  | { kind: "drop"; run: string };

interface Served {
  runner: SubproblemRunner;
  applied: number;
  /** The results of the last batch applied (answered again when that job is retried). */
  last?: SubResult[];
}

interface RunState extends RunSetup {
  net: Network;
  served: Map<number, Served>;
  /** Batches 0 … checked − 1 have passed validateBatch (the run's batches never change once published). */
  checked: number;
}

const runs = new Map<string, RunState>();

function fresh(run: RunState, i: number): Served {
  const s: Served = { runner: new SubproblemRunner(run.net, run.inputs.case, run.inputs.scenarios[i], run.options, run.starts[i] ?? undefined), applied: 0 };
  run.served.set(i, s);
  return s;
}

/** Scenario i's runner after batches 0 … k − 1 (re-applied where it missed them). */
async function stateAt(run: RunState, i: number, k: number, batches: readonly Batch[]): Promise<Served> {
  let s = run.served.get(i) ?? fresh(run, i);
  if (s.applied > k) {
    s.runner.dispose();
    s = fresh(run, i);
  }
  while (s.applied < k) {
    const b = batches[s.applied];
    s.last = await s.runner.evaluateEach(b.points, b.detail);
    s.applied++;
  }
  return s;
}

async function serve(run: RunState, i: number, op: JobOp, k: number, batches: readonly Batch[]): Promise<unknown> {
  if (op === "evaluate") {
    const s = run.served.get(i);
    if (s && s.applied === k + 1 && s.last) return s.last;
    return (await stateAt(run, i, k + 1, batches)).last;
  }
  const s = await stateAt(run, i, k, batches);
  return op === "cutRows" ? s.runner.cutRows() : (s.runner.dayStart() ?? null);
}

export default async function solverTask(task: ThreadTask): Promise<unknown> {
  try {
    if (task.kind === "setup") {
      if (!runs.has(task.run)) runs.set(task.run, { ...validateSetup(decodePlain(task.setup, "evsp worker"), "evsp worker"), served: new Map(), checked: 0 });
      return true;
    }
    if (task.kind === "drop") {
      runs.get(task.run)?.served.forEach((s) => s.runner.dispose());
      return runs.delete(task.run);
    }
    const run = runs.get(task.run);
    if (!run) throw new Error(`run ${task.run} has no setup in this thread`);
    // Every batch checked (once) before any is applied: a batch that is not plain decisions of this case never runs.
    const candidates = run.inputs.case.storage.candidates.length;
    for (; run.checked < task.batches.length; run.checked++) validateBatch(task.batches[run.checked], candidates, "evsp worker", run.checked);
    const out: unknown[] = [];
    for (const i of task.scenarios) out.push(await serve(run, i, task.op, task.batch, task.batches));
    return out;
  } catch (err) {
    throw toWorkerFailure(err);
  }
}
