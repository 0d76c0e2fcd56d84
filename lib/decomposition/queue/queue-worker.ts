/**
 * An `evsp worker` process: it registers in Redis, claims its fair share of each run's scenario groups (one BullMQ
 * queue per group) and answers their jobs from its solver threads (solver-thread.ts), which keep each scenario's
 * model warm between jobs. Its main thread only talks to Redis, so heartbeats and job locks are renewed while the
 * threads solve.
 *
 * Claims: group g of a run is held by the worker whose id is at `claim:g`, set with NX and an expiry that the holder
 * renews every beat. A worker holds at most ⌈groups × its threads / all live threads⌉ groups of a run; above that it
 * lets idle ones go (a worker that joined later then claims them), below it claims free ones. A worker that dies lets
 * its claims lapse; the group's next holder starts a BullMQ worker on its queue, whose stalled-job check moves the dead
 * worker's job (its lock no longer renewed) back to waiting.
 */
import * as os from "os";
import { randomBytes } from "crypto";
import { type Job, Worker } from "bullmq";
import type IORedis from "ioredis";
import { Piscina } from "piscina";
import { ArgumentError, DataValidationError, EvspError, QueueError } from "../../util/errors";
import { workerFile } from "../evaluator";
import { toWorkerFailure } from "../worker-errors";
import { decodePlain, encodePlain } from "./codec";
import { redactedUrl, redisConnection } from "./connection";
import { type Answer, type Batch, DEFAULT_REDIS_URL, groupScenarios, HEARTBEAT_MS, type JobData, keys, validateJob, WORKER_TTL_MS } from "./protocol";
import { beat, leave, type LiveWorkers, liveWorkers } from "./registry";
import type { ThreadTask } from "./solver-thread";

export interface QueueWorkerOptions {
  /** Default redis://127.0.0.1:6379. */
  url?: string;
  /** Solver threads (each holds its own scenarios' models). Default 1. */
  concurrency?: number;
  /** Where the worker says what it does (claims, failures); default: nowhere. */
  log?: (line: string) => void;
  /** BullMQ lock of a running job, ms (renewed at half of it). Default 5000. */
  lockMs?: number;
}

/** A run that left the run list without its end mark is forgotten after this long (a Redis restart empties the list until it is republished). */
const RUN_GONE_MS = 15000;

/** Compare-and-delete: drop a claim only while it is still ours. */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

interface Held {
  run: string;
  g: number;
  thread: number;
  worker: Worker;
  conn: IORedis;
  busy: boolean;
}

interface RunCache {
  groups: number;
  scenarios: number;
  batches: Batch[];
  threads: Set<number>;
  missingSince?: number;
}

/** The plain failure of an error (a toolkit error keeps its class and fields). */
function failureOf(err: unknown): unknown {
  const f = err instanceof EvspError ? toWorkerFailure(err) : err;
  if (f instanceof Error) return { evspError: { name: "EvspError", message: f.message, stack: f.stack, fields: { code: "WORKER", where: "evsp worker" } } };
  return f;
}

export class QueueWorker {
  readonly id = `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  readonly url: string;
  readonly concurrency: number;
  private readonly conn: IORedis;
  private readonly threads: Piscina[];
  private readonly held = new Map<string, Held>();
  private readonly runs = new Map<string, RunCache>();
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private closed = false;

  private constructor(private readonly o: QueueWorkerOptions) {
    this.url = o.url ?? DEFAULT_REDIS_URL;
    this.concurrency = o.concurrency ?? 1;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new ArgumentError("evsp worker", `concurrency must be a positive integer, got ${o.concurrency}`, { field: "concurrency" });
    this.conn = redisConnection(this.url, "evsp worker");
    const filename = workerFile("queue/solver-thread.js");
    this.threads = Array.from({ length: this.concurrency }, () => new Piscina({ filename, minThreads: 1, maxThreads: 1, idleTimeout: 60 * 60 * 1000 }));
  }

  /** Connects, registers and starts claiming work. */
  static async start(o: QueueWorkerOptions = {}): Promise<QueueWorker> {
    const w = new QueueWorker(o);
    try {
      let timer: NodeJS.Timeout | undefined;
      const ping = w.conn.ping();
      const slow = await Promise.race([ping.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 5000)))]);
      clearTimeout(timer);
      if (slow) w.log(`Redis at ${redactedUrl(w.url)} does not answer yet; still trying`);
      await ping;
    } catch (err) {
      w.closed = true;
      w.conn.disconnect();
      await Promise.all(w.threads.map((t) => t.destroy()));
      throw new QueueError("evsp worker", redactedUrl(w.url), `cannot use Redis: ${err instanceof Error ? err.message : String(err)}`);
    }
    await w.tick();
    w.timer = setInterval(() => void w.tick(), HEARTBEAT_MS);
    return w;
  }

  private log(line: string): void {
    this.o.log?.(`[${new Date().toISOString()}] ${line}`);
  }

  /** One beat: heartbeat, forget finished runs, rebalance each run's groups. */
  private async tick(): Promise<void> {
    if (this.ticking || this.closed) return;
    this.ticking = true;
    try {
      await beat(this.conn, this.id, { host: os.hostname(), pid: process.pid, concurrency: this.concurrency });
      const live = await liveWorkers(this.conn);
      const runIds = new Set(await this.conn.smembers(keys.runs));
      for (const [run, cache] of this.runs) {
        if (runIds.has(run)) cache.missingSince = undefined;
        // Ended by its master: free its models now (the next run's days need the memory). Missing without the mark
        // (Redis restarted, the master republishes it in a moment): after a grace period.
        else if ((await this.conn.exists(keys.ended(run))) || Date.now() - (cache.missingSince ??= Date.now()) > RUN_GONE_MS) await this.dropRun(run);
      }
      for (const run of runIds) await this.balance(run, live);
    } catch (err) {
      this.log(`beat failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.ticking = false;
    }
  }

  /** The run's shape (cached), or undefined when it is not (or no longer) published. */
  private async cache(run: string): Promise<RunCache | undefined> {
    const known = this.runs.get(run);
    if (known) return known;
    const text = await this.conn.get(keys.meta(run));
    if (!text) return undefined;
    const m = JSON.parse(text) as { groups?: unknown; scenarios?: unknown };
    if (!Number.isInteger(m.groups) || !Number.isInteger(m.scenarios) || (m.groups as number) < 1 || (m.scenarios as number) < (m.groups as number)) {
      throw new DataValidationError("evsp worker", `run ${run} refused: its shape ${text} is not { groups ≥ 1, scenarios ≥ groups }`, { field: "meta" });
    }
    const cache: RunCache = { groups: m.groups as number, scenarios: m.scenarios as number, batches: [], threads: new Set() };
    this.runs.set(run, cache);
    return cache;
  }

  private async balance(run: string, live: LiveWorkers): Promise<void> {
    const cache = await this.cache(run);
    if (!cache) return;
    const mine = [...this.held.values()].filter((h) => h.run === run);
    for (const h of mine) {
      const claim = keys.claim(run, h.g);
      const holder = await this.conn.get(claim);
      if (holder === this.id) await this.conn.pexpire(claim, WORKER_TTL_MS);
      else if (holder !== null || (await this.conn.set(claim, this.id, "PX", WORKER_TTL_MS, "NX")) !== "OK") await this.release(h, `group ${h.g} of run ${run} is now held by ${holder ?? "another worker"}`);
    }
    const fair = Math.ceil((cache.groups * this.concurrency) / Math.max(this.concurrency, live.slots));
    let count = [...this.held.values()].filter((h) => h.run === run).length;
    for (const h of [...this.held.values()].filter((x) => x.run === run && !x.busy)) {
      if (count <= fair) break;
      await this.release(h, `group ${h.g} of run ${run} released for a worker that joined (fair share ${fair})`);
      await this.conn.eval(RELEASE, 1, keys.claim(run, h.g), this.id);
      count--;
    }
    const order = [...live.concurrency.keys()].sort();
    const offset = Math.max(0, order.indexOf(this.id)) * fair;
    for (let k = 0; k < cache.groups && count < fair; k++) {
      const g = (offset + k) % cache.groups;
      if (this.held.has(`${run}:${g}`)) continue;
      if ((await this.conn.set(keys.claim(run, g), this.id, "PX", WORKER_TTL_MS, "NX")) !== "OK") continue;
      this.hold(run, g);
      count++;
    }
  }

  /** Starts answering group g's queue on the least busy solver thread. */
  private hold(run: string, g: number): void {
    const load = this.threads.map((_, t) => [...this.held.values()].filter((h) => h.thread === t).length);
    const thread = load.indexOf(Math.min(...load));
    const conn = redisConnection(this.url, "evsp worker");
    const lockDuration = this.o.lockMs ?? 5000;
    const h: Held = { run, g, thread, conn, busy: false, worker: undefined as unknown as Worker };
    h.worker = new Worker(keys.queue(run, g), (job: Job) => this.answer(h, job), { connection: conn, concurrency: 1, lockDuration, stalledInterval: Math.max(500, lockDuration / 4), maxStalledCount: 10 });
    h.worker.on("failed", (job, err) => this.log(`job ${job?.id ?? "?"} of group ${g} (run ${run}) failed: ${err.message}`));
    h.worker.on("stalled", (jobId) => this.log(`job ${jobId} of group ${g} (run ${run}) had stalled (its worker stopped renewing its lock): back in the queue`));
    h.worker.on("error", (err) => this.log(`queue of group ${g} (run ${run}): ${err.message}`));
    this.held.set(`${run}:${g}`, h);
    this.log(`holds group ${g} of run ${run} (thread ${thread})`);
  }

  private async release(h: Held, why: string): Promise<void> {
    this.held.delete(`${h.run}:${h.g}`);
    await h.worker.close();
    h.conn.disconnect();
    this.log(why);
  }

  /** Batches 0 … n − 1 of the run, as published (decoded; the solver thread checks them before use). */
  private async batches(run: string, cache: RunCache, n: number): Promise<Batch[]> {
    // A batch not there yet may be on its way (the master republishes a run after a Redis restart): a few tries.
    for (let attempt = 0; cache.batches.length < n && attempt < 10; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 300));
      const from = cache.batches.length;
      const texts = await this.conn.lrange(keys.batches(run), from, n - 1);
      // By index: the run's other groups on this worker may be filling the same cache at the same time.
      texts.forEach((t, j) => (cache.batches[from + j] = decodePlain(t, "evsp worker") as Batch));
    }
    if (cache.batches.length < n) throw new DataValidationError("evsp worker", `job refused: it needs ${n} batches and run ${run} has published ${cache.batches.length}`, { field: "batch" });
    return cache.batches.slice(0, n);
  }

  private async setupOn(run: string, cache: RunCache, thread: number): Promise<void> {
    if (cache.threads.has(thread)) return;
    const text = await this.conn.get(keys.setup(run));
    if (text === null) throw new QueueError("evsp worker", redactedUrl(this.url), `run ${run} has no setup in Redis`);
    await this.threads[thread].run({ kind: "setup", run, setup: text } satisfies ThreadTask);
    cache.threads.add(thread);
  }

  /** Checks the job, solves the group's scenarios and pushes the answer (a refused job is never executed). */
  private async answer(h: Held, job: Job): Promise<string> {
    h.busy = true;
    let data: JobData | undefined;
    try {
      data = validateJob(job.data, "evsp worker");
      if (data.run !== h.run || data.group !== h.g) throw new DataValidationError("evsp worker", `job refused: it names run ${data.run} group ${data.group} but sits in the queue of run ${h.run} group ${h.g}`, { field: "group" });
      const cache = await this.cache(h.run);
      if (!cache) throw new QueueError("evsp worker", redactedUrl(this.url), `run ${h.run} is not published`);
      const batches = await this.batches(h.run, cache, data.op === "evaluate" ? data.batch + 1 : data.batch);
      await this.setupOn(h.run, cache, h.thread);
      const t0 = performance.now();
      const scenarios = groupScenarios(h.g, cache.groups, cache.scenarios);
      this.log(`run ${h.run} group ${h.g}: ${data.op} ${data.batch} started`);
      const results = (await this.threads[h.thread].run({ kind: "run", run: h.run, scenarios, op: data.op, batch: data.batch, batches } satisfies ThreadTask)) as unknown[];
      await this.push(h, data, { results });
      this.log(`run ${h.run} group ${h.g}: ${data.op} ${data.batch} answered (${scenarios.length} scenarios, ${((performance.now() - t0) / 1000).toFixed(2)} s)`);
      return "answered";
    } catch (err) {
      if (data) await this.push(h, data, { error: failureOf(err) });
      throw err instanceof Error ? err : new Error((err as { evspError?: { message?: string } })?.evspError?.message ?? String(err));
    } finally {
      h.busy = false;
    }
  }

  private async push(h: Held, data: JobData, what: Pick<Answer, "results" | "error">): Promise<void> {
    const a: Answer = { group: h.g, op: data.op, batch: data.batch, worker: this.id, ...what };
    await this.conn.rpush(keys.answers(h.run), encodePlain(a, "evsp worker"));
  }

  private async dropRun(run: string): Promise<void> {
    for (const h of [...this.held.values()].filter((x) => x.run === run)) await this.release(h, `run ${run} ended: group ${h.g} let go`);
    const cache = this.runs.get(run);
    for (const t of cache?.threads ?? []) await this.threads[t].run({ kind: "drop", run } satisfies ThreadTask);
    this.runs.delete(run);
  }

  /** Stops: finishes the jobs running, lets every claim go and leaves the registry. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const h of [...this.held.values()]) {
      await this.release(h, `stopping: group ${h.g} of run ${h.run} let go`);
      await this.conn.eval(RELEASE, 1, keys.claim(h.run, h.g), this.id).catch(() => 0);
    }
    await leave(this.conn, this.id).catch(() => undefined);
    await Promise.all(this.threads.map((t) => t.destroy()));
    this.conn.disconnect();
  }
}
