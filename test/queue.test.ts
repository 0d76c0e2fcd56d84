/**
 * Subproblems through Redis (BullMQ) to `evsp worker` processes: the plan equals the in-process plan, also when a
 * worker is killed mid-run or Redis restarts empty; a malformed job is refused and never executed; a password works
 * and a wrong one is refused. Each test starts its own redis-server on a free loopback port.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Queue } from "bullmq";
import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PlanRun, type PlanningInputs, QueueWorker, queuePool, type QueueProgress, planningInputs, readPlanningCase, runPlan, scenarioEvaluator } from "../lib";
import { decodePlain, encodePlain } from "../lib/decomposition/queue/codec";
import { keys, validateBatch, validateJob } from "../lib/decomposition/queue/protocol";
import { hasRedisServer, type LocalRedis as RedisServer, type LocalWorker as WorkerProcess, startLocalRedis as startRedis, startLocalWorker as startWorker } from "../lib/decomposition/queue/local";
import { makeTlsFiles } from "./tls-files";

const hasRedis = hasRedisServer();

describe("the queue's plain data", () => {
  it("round-trips typed arrays and the numbers JSON cannot write", () => {
    const v = { a: Float64Array.from([1.5, -0, NaN]), b: Uint8Array.from([0, 1, 3]), c: [Infinity, -Infinity, 2], d: { e: "x", f: null, g: true }, h: undefined };
    const back = decodePlain(encodePlain(v)) as typeof v;
    expect(back.a).toBeInstanceOf(Float64Array);
    expect(Array.from(back.a)).toEqual([1.5, -0, NaN]);
    expect(back.b).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.b)).toEqual([0, 1, 3]);
    expect(back.c).toEqual([Infinity, -Infinity, 2]);
    expect(back.d).toEqual({ e: "x", f: null, g: true });
    expect("h" in back).toBe(false);
  });

  it("refuses prototype keys, unknown tags, class instances and functions", () => {
    expect(() => decodePlain('{"a":{"__proto__":{"polluted":1}}}')).toThrow(/"__proto__" is not accepted.*field "\$\.a\.__proto__"/);
    expect(() => decodePlain('{"constructor":1}')).toThrow(/not accepted/);
    expect(() => decodePlain('{"a":{"$code":"process.exit()"}}')).toThrow(/unknown tag "\$code"/);
    expect(() => decodePlain("{oops")).toThrow(/not JSON/);
    expect(() => encodePlain({ m: new Map() })).toThrow(/a Map cannot be sent.*field "\$\.m"/);
    expect(() => encodePlain({ f: () => 1 })).toThrow(/cannot be sent/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a job is exactly { v, run, group, op, batch }; a batch holds finite decisions of the case's size", () => {
    const ok = { v: 1, run: "0123456789abcdef", group: 0, op: "evaluate", batch: 3 };
    expect(validateJob(ok)).toEqual(ok);
    expect(() => validateJob({ ...ok, code: "require('fs')" })).toThrow(/unknown key "code".*field "code"/);
    expect(() => validateJob({ ...ok, op: "exec" })).toThrow(/operation "exec" is not one of evaluate, cutRows, dayStarts/);
    expect(() => validateJob({ ...ok, run: "../../etc" })).toThrow(/field "run"/);
    expect(() => validateJob({ ...ok, group: -1 })).toThrow(/field "group"/);
    expect(() => validateJob({ ...ok, batch: 1.5 })).toThrow(/field "batch"/);
    expect(() => validateJob({ ...ok, v: 2 })).toThrow(/version 2/);
    expect(() => validateJob("evaluate")).toThrow(/not an object/);
    const x = { built: [true, false], eKwh: [100, 0], pKw: [50, 0] };
    expect(validateBatch({ points: [{ x }], detail: false }, 2).points).toHaveLength(1);
    expect(() => validateBatch({ points: [{ x }], detail: false }, 3)).toThrow(/3 finite numbers/);
    expect(() => validateBatch({ points: [{ x: { ...x, eKwh: [NaN, 0] } }], detail: false }, 2)).toThrow(/finite/);
    expect(() => validateBatch({ points: [{ x, coneTol: -1 }], detail: false }, 2)).toThrow(/coneTol/);
    expect(() => validateBatch({ points: [], detail: false }, 2)).toThrow(/no decisions/);
  });
});

/** What must be equal between two runs of the same plan: everything but times and the thread that solved. */
function comparable(run: PlanRun): unknown {
  const drop = /seconds|Seconds|^thread$|^workers$/;
  return JSON.parse(JSON.stringify({ x: run.x, objective: run.objective, lowerBound: run.lowerBound, iterations: run.iterations, stop: run.stop, trace: run.trace, plan: run.plan, base: run.base }, (k, v) => (drop.test(k) ? undefined : v)));
}

describe.skipIf(!hasRedis)("planning through Redis and evsp worker processes", () => {
  let inputs: PlanningInputs;
  let reference: unknown;
  const benders = { maxIterations: 8 };
  const workers: WorkerProcess[] = [];
  let redis: RedisServer | undefined;

  beforeAll(async () => {
    const c = readPlanningCase();
    inputs = planningInputs(c, { k: 2 });
    reference = comparable(await runPlan(c, { inputs, workers: 0, benders }));
    redis = await startRedis();
    workers.push(await startWorker(redis.url), await startWorker(redis.url));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await redis?.stop();
  });

  const plan = async (url: string, onIteration?: (iteration: number) => void, onProgress?: (p: QueueProgress) => void) =>
    comparable(await runPlan(inputs.case, { inputs, workers: queuePool({ url, onProgress, waitForWorkersS: 20 }), benders: { ...benders, onIteration: (r) => onIteration?.(r.iteration) } }));

  it("two worker processes give the in-process plan, trace and days", async () => {
    expect(await plan(redis!.url)).toEqual(reference);
    // Each worker answered jobs (the two shared the groups).
    for (const w of workers) expect(w.log()).toMatch(/evaluate \d+ answered \(1 scenarios/);
  }, 120_000);

  it("a worker killed mid-job: its job is taken over (stalled-job check) and the batches re-applied; the same plan", async () => {
    const [a, b] = workers;
    let killed: Promise<void> | undefined;
    const seenBefore = a.log().length;
    const result = await plan(redis!.url, (iteration) => {
      if (iteration !== 2 || killed) return;
      // Kill it as soon as it starts a job of this run's next batch, so that it dies holding that job.
      killed = new Promise<void>((resolve) => {
        const check = () => {
          const lines = a.log().slice(seenBefore).trim().split("\n");
          if (/evaluate \d+ started$/.test(lines[lines.length - 1])) {
            a.proc.stderr!.off("data", check);
            void a.kill("SIGKILL").then(resolve);
          }
        };
        a.proc.stderr!.on("data", check);
      });
    });
    await killed;
    expect(killed).toBeDefined();
    expect(result).toEqual(reference);
    // The survivor found the dead worker's job stalled and held both groups of this run by the end.
    expect(b.log()).toMatch(/had stalled \(its worker stopped renewing its lock\): back in the queue/);
    const runs = [...b.log().matchAll(/holds group (\d) of run ([0-9a-f]+)/g)];
    const last = runs[runs.length - 1][2];
    expect(new Set(runs.filter((m) => m[2] === last).map((m) => m[1]))).toEqual(new Set(["0", "1"]));
    workers.splice(0, 1);
  }, 120_000);

  it("Redis restarted empty mid-run: the master says so, publishes the run again, and the plan is the same", async () => {
    workers.push(await startWorker(redis!.url));
    const notices: string[] = [];
    const port = redis!.port;
    let restarted: Promise<void> | undefined;
    const result = await plan(
      redis!.url,
      (iteration) => {
        if (iteration === 2 && !restarted) {
          restarted = (async () => {
            await redis!.stop();
            redis = await startRedis({ port });
          })();
        }
      },
      (p) => p.message && notices.push(p.message),
    );
    await restarted;
    expect(result).toEqual(reference);
    expect(notices.some((m) => /lost this run's state/.test(m))).toBe(true);
  }, 180_000);

  it("a malformed job is refused with a typed error and never executed", async () => {
    const conn = new IORedis(redis!.url, { maxRetriesPerRequest: null });
    const run = "badbadbadbad0001";
    // A published run of one group, so that a worker claims its queue; its setup is deliberately absent: a job that
    // got past the checks would fail on the missing setup instead.
    await conn.multi().set(keys.meta(run), JSON.stringify({ groups: 1, scenarios: 1 })).sadd(keys.runs, run).exec();
    const q = new Queue(keys.queue(run, 0), { connection: conn });
    const bad = [
      { id: "extra", data: { v: 1, run, group: 0, op: "evaluate", batch: 0, code: "process.exit(1)" }, reason: /unknown key "code"/ },
      { id: "op", data: { v: 1, run, group: 0, op: "eval", batch: 0 }, reason: /operation "eval"/ },
      { id: "elsewhere", data: { v: 1, run: "other0000000000", group: 0, op: "evaluate", batch: 0 }, reason: /sits in the queue of run/ },
      { id: "unpublished", data: { v: 1, run, group: 0, op: "evaluate", batch: 5 }, reason: /needs 6 batches and run badbadbadbad0001 has published 0/ },
    ];
    for (const b of bad) await q.add("x", b.data, { jobId: b.id, attempts: 1 });
    const deadline = Date.now() + 30_000;
    for (const b of bad) {
      let state = "";
      while (Date.now() < deadline && state !== "failed") {
        state = (await q.getJobState(b.id)) as string;
        if (state !== "failed") await new Promise((r) => setTimeout(r, 200));
      }
      const job = await q.getJob(b.id);
      expect(state).toBe("failed");
      expect(job!.failedReason).toMatch(b.reason);
      expect(job!.failedReason).toMatch(/evsp worker: job refused/);
    }
    // The two jobs that name this run and group are answered with the error (its class kept), the others only fail.
    const answers = (await conn.lrange(keys.answers(run), 0, -1)).map((t) => decodePlain(t) as { error?: { evspError?: { name: string } } });
    expect(answers.map((a) => a.error?.evspError?.name)).toEqual(["DataValidationError", "DataValidationError"]);
    await conn.multi().srem(keys.runs, run).del(keys.meta(run), keys.answers(run)).exec();
    await q.obliterate({ force: true });
    await q.close();
    conn.disconnect();
  }, 60_000);

  /** One day evaluated through the queue at `url` (one worker) and in this thread: the same value and gradient. */
  const oneDayThrough = async (url: string, env: NodeJS.ProcessEnv = {}) => {
    const w = await startWorker(url, [], env);
    try {
      const one = { ...inputs, scenarios: inputs.scenarios.slice(0, 1) };
      const n = one.case.storage.candidates.length;
      const x = { built: Array(n).fill(false), eKwh: Array(n).fill(0), pKw: Array(n).fill(0) };
      const remote = scenarioEvaluator(one, queuePool({ url, waitForWorkersS: 20 }));
      const local = scenarioEvaluator(one, 0);
      const [r] = await remote.evaluate(x);
      const [l] = await local.evaluate(x);
      await remote.close();
      await local.close();
      expect(r.valueCny).toBe(l.valueCny);
      expect(r.gradient).toEqual(l.gradient);
    } finally {
      await w.kill("SIGTERM");
    }
  };

  it("a password in the URL works; a wrong one is refused", async () => {
    const locked = await startRedis({ password: "s3cret-pw" });
    try {
      await oneDayThrough(locked.url);
      await expect(QueueWorker.start({ url: locked.url.replace("s3cret-pw", "wrong") })).rejects.toThrow(/cannot use Redis: WRONGPASS/);
    } finally {
      await locked.stop();
    }
  }, 60_000);

  const tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-tls-"));
  const tls = makeTlsFiles(tlsDir);
  it.skipIf(!tls)("a rediss:// (TLS) URL works, the server's certificate checked against EVSP_REDIS_CA", async () => {
    const server = await startRedis({ tls: tls as Exclude<typeof tls, false>, password: "tls-pw" });
    const before = process.env.EVSP_REDIS_CA;
    process.env.EVSP_REDIS_CA = (tls as Exclude<typeof tls, false>).ca;
    try {
      expect(server.url).toMatch(/^rediss:/);
      await oneDayThrough(server.url, { EVSP_REDIS_CA: process.env.EVSP_REDIS_CA });
    } finally {
      if (before === undefined) delete process.env.EVSP_REDIS_CA;
      else process.env.EVSP_REDIS_CA = before;
      await server.stop();
      fs.rmSync(tlsDir, { recursive: true, force: true });
    }
  }, 60_000);
});
