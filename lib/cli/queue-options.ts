/**
 * `--redis [url]` of the planning commands: the subproblems go through a Redis queue to `evsp worker` processes
 * instead of this process's threads. Progress lines name the workers seen and the jobs waiting, running and answered.
 */
import type { Command } from "commander";
import { ArgumentError, DEFAULT_REDIS_URL, queuePool, type QueueProgress, type Workers } from "../index";
import { nonNegativeIntOption, positiveIntOption } from "./program";

export interface QueueCliOptions {
  workers?: number;
  redis?: string | boolean;
}

/** Help of `--redis [url]`. */
export const REDIS_HELP = `run the subproblems in evsp worker processes through Redis (default ${DEFAULT_REDIS_URL}; rediss:// for TLS, redis://:password@host:port)`;

/** The options {@link planRunOptions} adds, and the output options such a command has. */
export interface PlanRunCliOptions extends QueueCliOptions {
  maxIterations?: number;
  quiet?: boolean;
  json?: boolean;
}

/** Adds what a command that runs many plans shares: `--workers`, `--redis` and each plan's `--max-iterations`. */
export function planRunOptions(command: Command): Command {
  return command
    .option("--workers <n>", "worker threads for the subproblems (0: none)", nonNegativeIntOption)
    .option("--redis [url]", REDIS_HELP)
    .option("--max-iterations <n>", "Benders iteration limit of each plan (≥ 1)", positiveIntOption);
}

/** One progress line of the queue. */
export function queueLine(p: QueueProgress): string {
  if (p.message) return `  queue: ${p.message}`;
  return `  queue: ${p.workers} worker${p.workers === 1 ? "" : "s"} (${p.slots} solver thread${p.slots === 1 ? "" : "s"}) · jobs ${p.waiting} waiting, ${p.running} running, ${p.done} of ${p.groups} answered`;
}

/** Where the command's subproblems run: the queue of `--redis`, else `--workers` threads. */
export function workersOf(opts: QueueCliOptions, where: string, log: (line: string) => void): Workers | undefined {
  if (opts.redis === undefined || opts.redis === false) return opts.workers;
  if (opts.workers !== undefined) throw new ArgumentError(where, "--workers counts this process's threads and --redis sends the subproblems to evsp worker processes: give one of them", { field: "--redis" });
  let last = "";
  return queuePool({
    url: opts.redis === true ? DEFAULT_REDIS_URL : opts.redis,
    onProgress: (p) => {
      const line = queueLine(p);
      if (line !== last) log(line);
      last = line;
    },
  });
}
