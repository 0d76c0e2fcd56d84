/**
 * The registry of worker processes: each beats into a sorted set (id → time of its last beat) and describes itself
 * (host, pid, solver threads) in a hash. A worker is alive while its last beat is younger than WORKER_TTL_MS;
 * anyone reading the registry drops the entries older than that.
 */
import type IORedis from "ioredis";
import { keys, WORKER_TTL_MS } from "./protocol";

export interface WorkerInfo {
  host: string;
  pid: number;
  concurrency: number;
}

export interface LiveWorkers {
  workers: number;
  /** Solver threads over the live workers. */
  slots: number;
  /** Live worker id → its solver threads. */
  concurrency: Map<string, number>;
}

/** One heartbeat of worker `id`. */
export async function beat(conn: IORedis, id: string, info: WorkerInfo): Promise<void> {
  await conn.multi().zadd(keys.workers, Date.now(), id).hset(keys.workerInfo, id, JSON.stringify(info)).exec();
}

/** Removes worker `id` from the registry (it is stopping). */
export async function leave(conn: IORedis, id: string): Promise<void> {
  await conn.multi().zrem(keys.workers, id).hdel(keys.workerInfo, id).exec();
}

/** The workers alive now (stale entries removed). */
export async function liveWorkers(conn: IORedis): Promise<LiveWorkers> {
  const cutoff = Date.now() - WORKER_TTL_MS;
  const stale = await conn.zrangebyscore(keys.workers, "-inf", `(${cutoff}`);
  if (stale.length) await conn.multi().zrem(keys.workers, ...stale).hdel(keys.workerInfo, ...stale).exec();
  const ids = await conn.zrangebyscore(keys.workers, cutoff, "+inf");
  const concurrency = new Map<string, number>();
  if (ids.length) {
    const infos = await conn.hmget(keys.workerInfo, ...ids);
    ids.forEach((id, k) => {
      let n = 1;
      try {
        const c = (JSON.parse(infos[k] ?? "{}") as Partial<WorkerInfo>).concurrency;
        if (Number.isInteger(c) && (c as number) > 0) n = c as number;
      } catch {
        // a malformed entry counts as one thread
      }
      concurrency.set(id, n);
    });
  }
  return { workers: ids.length, slots: [...concurrency.values()].reduce((a, b) => a + b, 0), concurrency };
}
