/**
 * The planning master's side of the queue: a {@link ScenarioEvaluator} whose subproblems run in `evsp worker`
 * processes on any machine that reaches the same Redis. Each evaluator is one run: it publishes the run's setup, splits
 * the scenarios into groups (one BullMQ queue each, claimed by one worker at a time), posts each evaluation batch as
 * one job per group and waits for every group's answer. See protocol.ts for the keys and the job record.
 *
 * Faults: a worker that dies stops renewing its claims and its job's lock; another worker claims the group and
 * BullMQ's stalled-job check hands it the job, which it answers after re-applying the earlier batches (the same
 * answer). A Redis that restarts empty is noticed (the run's setup is gone): the master says so, publishes the run
 * again and re-posts the jobs still unanswered; a Redis that stays away is a QueueError after `reconnectS`.
 */
import { randomBytes } from "crypto";
import { Queue } from "bullmq";
import type IORedis from "ioredis";
import type { PlanningInputs } from "../../model/planning/inputs";
import type { RowInput } from "../../solve/highs";
import { QueueError } from "../../util/errors";
import { type EvaluationPoint, type EvaluatorPool, evaluatorOf, type ScenarioEvaluator } from "../evaluator";
import type { DayStart, SubproblemRunnerOptions, SubResult } from "../subproblem-runner";
import { fromWorkerFailure } from "../worker-errors";
import { decodePlain, encodePlain } from "./codec";
import { checkRedisUrl, redactedUrl, redisConnection } from "./connection";
import { type Answer, type Batch, DEFAULT_REDIS_URL, groupScenarios, type JobData, type JobOp, keys } from "./protocol";
import { liveWorkers } from "./registry";
import type { RunSetup } from "./setup";

/** What the master reports while it waits. */
export interface QueueProgress {
  /** Live worker processes and their solver threads. */
  workers: number;
  slots: number;
  /** This run's jobs now waiting, running, and answered in the current step. */
  waiting: number;
  running: number;
  done: number;
  groups: number;
  /** A notice (Redis restarted, waiting for workers …). */
  message?: string;
}

export interface QueuePoolOptions {
  /** Default redis://127.0.0.1:6379. */
  url?: string;
  /** Called at most every `progressS` while waiting, and with every notice. */
  onProgress?: (p: QueueProgress) => void;
  progressS?: number;
  /** How long to wait for a live worker before failing. Default 60 s. */
  waitForWorkersS?: number;
  /** How long Redis may stay unreachable before failing. Default 60 s. */
  reconnectS?: number;
  /** Groups per solver thread seen when the run starts (more: finer rebalancing, more queues). Default 2. */
  groupsPerSlot?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One run on the queue: the parts evaluatorOf makes a ScenarioEvaluator of. */
class QueueRun {
  private readonly run = randomBytes(8).toString("hex");
  private readonly url: string;
  private conn?: IORedis;
  /** Answers are read with BLPOP on their own connection, which fails fast while Redis is away. */
  private blocking?: IORedis;
  private queues: Queue[] = [];
  private groups = 0;
  private slots = 0;
  private readonly batches: string[] = [];
  private setupText = "";
  private opened?: Promise<void>;

  constructor(
    private readonly inputs: PlanningInputs,
    private readonly options: SubproblemRunnerOptions,
    private readonly starts: readonly (DayStart | undefined)[],
    private readonly o: QueuePoolOptions,
  ) {
    this.url = o.url ?? DEFAULT_REDIS_URL;
    checkRedisUrl(this.url, "queueEvaluator");
  }

  /** Solver threads of the workers seen when the run opened (0 before). */
  get workers(): number {
    return this.slots;
  }

  private fail(message: string): QueueError {
    return new QueueError("queueEvaluator", redactedUrl(this.url), message);
  }

  private notice(message: string, counts = { waiting: 0, running: 0, done: 0 }, seen = { workers: 0, slots: this.slots }): void {
    this.o.onProgress?.({ ...seen, ...counts, groups: this.groups, message });
  }

  private async open(): Promise<void> {
    this.conn = redisConnection(this.url, "queueEvaluator");
    this.blocking = redisConnection(this.url, "queueEvaluator", { enableOfflineQueue: false });
    let timer: NodeJS.Timeout | undefined;
    const reachable = await Promise.race([this.conn.ping().then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 1000 * (this.o.reconnectS ?? 60))))]);
    clearTimeout(timer);
    if (!reachable) throw this.fail(`Redis did not answer within ${this.o.reconnectS ?? 60} s`);
    const waitS = this.o.waitForWorkersS ?? 60;
    const t0 = Date.now();
    let seen = await liveWorkers(this.conn);
    if (seen.slots === 0) this.notice(`waiting up to ${waitS} s for an evsp worker (evsp worker --redis ${redactedUrl(this.url)})`);
    while (seen.slots === 0) {
      if (Date.now() - t0 > 1000 * waitS) throw this.fail(`no evsp worker connected within ${waitS} s: start one with evsp worker --redis URL`);
      await sleep(250);
      seen = await liveWorkers(this.conn);
    }
    this.slots = seen.slots;
    const n = this.inputs.scenarios.length;
    this.groups = Math.min(n, Math.max(1, Math.round(this.o.groupsPerSlot ?? 2) * seen.slots));
    const setup: RunSetup = { inputs: this.inputs, options: this.options, starts: this.inputs.scenarios.map((_, i) => this.starts[i] ?? null) };
    this.setupText = encodePlain(setup, "queueEvaluator");
    this.queues = Array.from({ length: this.groups }, (_, g) => new Queue(keys.queue(this.run, g), { connection: this.conn! }));
    await this.publish();
  }

  /** Writes the run's setup, shape and batches and lists it as in progress (again, after a Redis restart). */
  private async publish(): Promise<void> {
    const c = this.conn!;
    const m = c.multi().set(keys.setup(this.run), this.setupText).set(keys.meta(this.run), JSON.stringify({ groups: this.groups, scenarios: this.inputs.scenarios.length })).del(keys.batches(this.run));
    if (this.batches.length) m.rpush(keys.batches(this.run), ...this.batches);
    await m.sadd(keys.runs, this.run).exec();
  }

  private async post(op: JobOp, batch: number, groups: readonly number[]): Promise<void> {
    await Promise.all(groups.map((g) => this.queues[g].add(op, { v: 1, run: this.run, group: g, op, batch } satisfies JobData, { jobId: `${op}-${batch}`, attempts: 1, removeOnComplete: true, removeOnFail: 100 })));
  }

  /** Opens the run once (connections, workers, setup). */
  private async ready(): Promise<void> {
    this.opened ??= this.open();
    await this.opened;
  }

  /** Posts `op` at `batch` to every group and returns each scenario's answer, in scenario order. */
  private async ask(op: JobOp, batch: number): Promise<unknown[]> {
    await this.ready();
    const all = Array.from({ length: this.groups }, (_, g) => g);
    await this.post(op, batch, all);
    const got = new Map<number, unknown[]>();
    let downSince = 0;
    let lastReport = 0;
    while (got.size < this.groups) {
      let item: [string, string] | null = null;
      try {
        item = await this.blocking!.blpop(keys.answers(this.run), 1);
        if (downSince) this.notice(`Redis is back after ${((Date.now() - downSince) / 1000).toFixed(1)} s`);
        downSince = 0;
      } catch {
        if (!downSince) this.notice("lost the connection to Redis; waiting for it to come back");
        downSince ||= Date.now();
        if (Date.now() - downSince > 1000 * (this.o.reconnectS ?? 60)) throw this.fail(`Redis unreachable for ${this.o.reconnectS ?? 60} s`);
        await sleep(500);
        continue;
      }
      if (item) {
        const a = decodePlain(item[1], "queueEvaluator") as Answer;
        if (a.op !== op || a.batch !== batch) continue; // a retried job's answer to an earlier step
        if (a.error !== undefined) {
          const e = fromWorkerFailure(a.error);
          throw e instanceof Error ? e : this.fail(`worker ${a.worker} failed on group ${a.group}: ${JSON.stringify(a.error)}`);
        }
        const expected = groupScenarios(a.group, this.groups, this.inputs.scenarios.length).length;
        if (!Array.isArray(a.results) || a.results.length !== expected) throw this.fail(`worker ${a.worker} answered ${op} ${batch} of group ${a.group} with ${Array.isArray(a.results) ? a.results.length : "no"} results for ${expected} scenarios`);
        got.set(a.group, a.results);
      } else if (!(await this.blocking!.exists(keys.setup(this.run)))) {
        this.notice("Redis lost this run's state (restarted?): publishing the run again and re-posting its unanswered jobs");
        await this.publish();
        await this.post(op, batch, all.filter((g) => !got.has(g)));
      }
      if (this.o.onProgress && Date.now() - lastReport > 1000 * (this.o.progressS ?? 2)) {
        lastReport = Date.now();
        await this.report(got.size);
      }
    }
    const out: unknown[] = new Array(this.inputs.scenarios.length);
    for (const [g, results] of got) groupScenarios(g, this.groups, out.length).forEach((i, k) => (out[i] = results[k]));
    return out;
  }

  private async report(done: number): Promise<void> {
    const seen = await liveWorkers(this.conn!);
    let waiting = 0;
    let running = 0;
    for (const q of this.queues) {
      const c = await q.getJobCounts("waiting", "active");
      waiting += c.waiting ?? 0;
      running += c.active ?? 0;
    }
    this.o.onProgress?.({ ...seen, waiting, running, done, groups: this.groups });
  }

  /** Every scenario at each of `points`, scenario by scenario (evaluatorOf regroups them per point). */
  async perScenario(points: readonly EvaluationPoint[], detail: boolean): Promise<SubResult[][]> {
    const b: Batch = { points: points.map((p) => ({ x: p.x, ...(p.coneTol !== undefined ? { coneTol: p.coneTol } : {}) })), detail };
    const text = encodePlain(b, "queueEvaluator");
    await this.ready();
    this.batches.push(text);
    // The list's new length tells whether Redis still holds the earlier batches (it restarted empty if not).
    if ((await this.conn!.rpush(keys.batches(this.run), text)) !== this.batches.length) {
      this.notice("Redis lost this run's state (restarted?): publishing the run again");
      await this.publish();
    }
    return (await this.ask("evaluate", this.batches.length - 1)) as SubResult[][];
  }

  async cutRows(): Promise<RowInput[][]> {
    return (await this.ask("cutRows", this.batches.length)) as RowInput[][];
  }

  async dayStarts(): Promise<(DayStart | undefined)[]> {
    return ((await this.ask("dayStarts", this.batches.length)) as (DayStart | null)[]).map((s) => s ?? undefined);
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    try {
      await this.opened;
    } catch {
      // opening failed: only the connections to close
    }
    const c = this.conn!;
    try {
      const m = c.multi().set(keys.ended(this.run), "1", "EX", 3600).srem(keys.runs, this.run).del(keys.setup(this.run), keys.meta(this.run), keys.batches(this.run), keys.answers(this.run));
      for (let g = 0; g < this.groups; g++) m.del(keys.claim(this.run, g));
      await m.exec();
      for (const q of this.queues) {
        await q.obliterate({ force: true });
        await q.close();
      }
    } finally {
      this.blocking?.disconnect();
      c.disconnect();
    }
  }
}

/**
 * Subproblems through a Redis queue to `evsp worker` processes: pass it where a number of worker threads goes
 * (`workers` of runPlan, solveBenders, sweeps …). Each evaluator it makes is one run with its own keys.
 */
export function queuePool(options: QueuePoolOptions = {}): EvaluatorPool {
  const url = options.url ?? DEFAULT_REDIS_URL;
  checkRedisUrl(url, "queuePool");
  return {
    name: redactedUrl(url),
    evaluator: (inputs: PlanningInputs, runnerOptions: SubproblemRunnerOptions = {}, starts: readonly (DayStart | undefined)[] = []): ScenarioEvaluator => {
      const run = new QueueRun(inputs, runnerOptions, starts, options);
      return evaluatorOf(() => run.workers, (points, detail) => run.perScenario(points, detail), () => run.cutRows(), () => run.dayStarts(), () => run.close());
    },
  };
}
