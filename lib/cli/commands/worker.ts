/**
 * `evsp worker`: a process that answers planning subproblems from a Redis queue, for `evsp plan|sweep|report --redis`
 * on this or any other machine that reaches the same Redis.
 *   evsp worker [--redis URL] [--concurrency n] [--quiet]
 * Runs until interrupted (SIGINT, SIGTERM), then finishes the jobs it is running and lets its claims go.
 */
import { DEFAULT_REDIS_URL, QueueWorker, redactedUrl } from "../../index";
import { action } from "../output";
import { positiveIntOption, registerCommand } from "../program";

interface WorkerCliOptions {
  redis: string;
  concurrency: number;
  quiet?: boolean;
}

registerCommand((program) => {
  program
    .command("worker")
    .description("answer planning subproblems from a Redis queue (for plan, sweep and report --redis)")
    .option("--redis <url>", "the queue (rediss:// for TLS, redis://:password@host:port)", DEFAULT_REDIS_URL)
    .option("--concurrency <n>", "solver threads (each keeps its scenarios' models warm)", positiveIntOption, 1)
    .option("--quiet", "no log lines")
    .action(
      action(async (opts: WorkerCliOptions) => {
        const log = (s: string) => {
          if (!opts.quiet) process.stderr.write(`${s}\n`);
        };
        const w = await QueueWorker.start({ url: opts.redis, concurrency: opts.concurrency, log });
        log(`evsp worker ${w.id}: ${w.concurrency} solver thread${w.concurrency === 1 ? "" : "s"} on ${redactedUrl(w.url)}; waiting for jobs`);
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            log(`evsp worker ${w.id}: ${signal}, stopping`);
            void w.close().then(resolve, resolve);
          };
          process.once("SIGINT", () => stop("SIGINT"));
          process.once("SIGTERM", () => stop("SIGTERM"));
        });
      }),
    );
});
