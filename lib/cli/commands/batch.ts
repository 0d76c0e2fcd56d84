/**
 * `evsp batch`: many planning cases through the same workers (a Redis queue, or this process's threads), one result
 * folder each and a summary table.
 *   evsp batch CASE|DIR … [--out dir] [--redis [url] | --local n | --workers n] [--k K] [--max-iterations n]
 *              [--parallel n] [--quiet] --json
 * A DIR stands for every *.json in it (sorted). Each case's plan goes to `out/<case file name>/` (plan.json,
 * trace.csv, days.json, as `evsp plan --out`); `out/summary.json` and `out/summary.csv` hold one row per case (its
 * PlanSummary figures, or the error that stopped it). A case that fails does not stop the others; the exit status is
 * then the class of the first failure. `--local n` starts a Redis server of its own and n `evsp worker` processes on
 * this machine for the batch; `--parallel n` plans n cases at once (with a queue, so that the workers stay busy).
 * → { out, cases: [ { case, file, status, error?, sites, totalEnergyKwh, totalPowerKw, objectiveCny, gapPct, iterations,
 *     annualCostCny, annualBenefitCny, carbonReductionPct, pvUtilizationPct, seconds } ], failed, timing: { seconds } }
 */
import * as fs from "fs";
import * as path from "path";
import { ArgumentError, planningKpis, planSummary, readPlanningCase, runPlan, startLocalRedis, startLocalWorker, type LocalRedis, type LocalWorker, type Workers } from "../../index";
import { exitCodeOf } from "../exit-codes";
import { action, emit, errorJson } from "../output";
import { nonNegativeIntOption, positiveIntOption, registerCommand } from "../program";
import { REDIS_HELP, workersOf } from "../queue-options";
import { writePlanOutputs } from "./plan";

interface BatchCliOptions {
  out: string;
  workers?: number;
  redis?: string | boolean;
  local?: number;
  k?: number;
  maxIterations?: number;
  parallel: number;
  quiet?: boolean;
  json?: boolean;
}

/** The PlanSummary figures a summary row carries (null for a case that failed). */
const FIGURES = ["totalEnergyKwh", "totalPowerKw", "objectiveCny", "gapPct", "iterations", "annualCostCny", "annualBenefitCny", "carbonReductionPct", "pvUtilizationPct", "maxLoadingPlan"] as const;
type Figure = (typeof FIGURES)[number];

/** One row of the summary. */
export type BatchRow = {
  case: string;
  file: string;
  /** "ok", or the error's code (DATA_VALIDATION, INFEASIBLE …). */
  status: string;
  error?: string;
  /** "bus:kWh/kW" per site, space-separated. */
  sites: string;
  seconds: number;
} & { [F in Figure]: number | null };

const COLUMNS: (keyof BatchRow)[] = ["case", "file", "status", "sites", ...FIGURES, "seconds", "error"];

/** The case files named: files as given, folders as their *.json files (sorted); each once. */
export function caseFiles(args: readonly string[], where = "evsp batch"): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (!fs.existsSync(a)) throw new ArgumentError(where, `no such file or folder: ${a}`, { field: "CASE" });
    if (fs.statSync(a).isDirectory()) {
      const inside = fs.readdirSync(a).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(a, f));
      if (inside.length === 0) throw new ArgumentError(where, `folder ${a} holds no .json case`, { field: "CASE" });
      out.push(...inside);
    } else out.push(a);
  }
  return [...new Set(out.map((f) => path.resolve(f)))];
}

/** One folder name per case file (its base name; a repeated one gets -2, -3 …). */
function folderNames(files: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return files.map((f) => {
    const base = path.basename(f).replace(/\.json$/i, "").replace(/[^A-Za-z0-9._-]/g, "_");
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function planOne(file: string, dir: string, workers: Workers | undefined, opts: BatchCliOptions): Promise<BatchRow> {
  const t0 = performance.now();
  let name = path.basename(file);
  try {
    const c = readPlanningCase(file);
    name = c.name;
    const run = await runPlan(c, { workers, inputsOptions: opts.k !== undefined ? { k: opts.k } : undefined, benders: { maxIterations: opts.maxIterations } });
    const kpis = planningKpis(run);
    writePlanOutputs(dir, run, kpis);
    const s = planSummary(run, kpis);
    const figures = Object.fromEntries(FIGURES.map((f) => [f, s[f]])) as { [F in Figure]: number };
    const sites = s.sites.map((x) => `${x.bus}:${x.energyKwh.toFixed(1)}kWh/${x.powerKw.toFixed(1)}kW`).join(" ");
    return { case: s.case, file, status: "ok", sites, ...figures, seconds: (performance.now() - t0) / 1000 };
  } catch (err) {
    const e = errorJson(err).error;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "error.json"), JSON.stringify({ error: e }, null, 2));
    const none = Object.fromEntries(FIGURES.map((f) => [f, null])) as { [F in Figure]: null };
    return { case: name, file, status: e.code, error: e.message, sites: "", ...none, seconds: (performance.now() - t0) / 1000 };
  }
}

/** Runs `fn` over `items`, `n` at a time, keeping their order in the result. */
async function inTurns<T, R>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
  return out;
}

registerCommand((program) => {
  program
    .command("batch")
    .description("plan many cases through the same workers: one result folder each and a summary table")
    .argument("<cases...>", "case files (.json), or folders of them")
    .option("--out <dir>", "where the result folders and summary.{json,csv} go", "out/batch")
    .option("--workers <n>", "worker threads for the subproblems (0: none)", nonNegativeIntOption)
    .option("--redis [url]", REDIS_HELP)
    .option("--local <n>", "start a Redis server and n evsp worker processes on this machine for the batch", positiveIntOption)
    .option("--k <K>", "number of typical days (overrides each case)", positiveIntOption)
    .option("--max-iterations <n>", "Benders iteration limit", positiveIntOption)
    .option("--parallel <n>", "cases planned at once", positiveIntOption, 1)
    .option("--quiet", "no progress lines")
    .option("--json", "print one JSON object")
    .action(
      action(async (cases: string[], opts: BatchCliOptions) => {
        const where = "evsp batch";
        const t0 = performance.now();
        const log = (s: string) => {
          if (!opts.quiet) process.stderr.write(`${s}\n`);
        };
        if (opts.local !== undefined && (opts.redis !== undefined || opts.workers !== undefined)) throw new ArgumentError(where, "--local starts its own Redis and workers: give it without --redis and --workers", { field: "--local" });
        const files = caseFiles(cases, where);
        const names = folderNames(files);
        let redis: LocalRedis | undefined;
        const local: LocalWorker[] = [];
        try {
          if (opts.local !== undefined) {
            redis = await startLocalRedis();
            for (let i = 0; i < opts.local; i++) local.push(await startLocalWorker(redis.url));
            log(`evsp batch: Redis on ${redis.url}, ${opts.local} evsp worker process${opts.local === 1 ? "" : "es"}`);
          }
          const workers = workersOf({ workers: opts.workers, redis: redis ? redis.url : opts.redis }, where, log);
          log(`evsp batch: ${files.length} case${files.length === 1 ? "" : "s"} → ${opts.out}`);
          const rows = await inTurns(files, opts.parallel, async (file, i) => {
            const row = await planOne(file, path.join(opts.out, names[i]), workers, opts);
            log(`  ${names[i]}: ${row.status === "ok" ? `${row.sites || "no storage"}, ¥${((row.objectiveCny ?? 0) / 1e6).toFixed(3)} M/yr, gap ${(row.gapPct ?? 0).toFixed(3)} %` : `${row.status}: ${row.error}`} (${row.seconds.toFixed(1)} s)`);
            return row;
          });
          fs.mkdirSync(opts.out, { recursive: true });
          fs.writeFileSync(path.join(opts.out, "summary.json"), JSON.stringify(rows, null, 2));
          fs.writeFileSync(path.join(opts.out, "summary.csv"), [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n");
          const failed = rows.filter((r) => r.status !== "ok");
          emit(opts, { out: opts.out, cases: rows, failed: failed.length, timing: { seconds: (performance.now() - t0) / 1000 } }, (o) =>
            [`${o.cases.length - o.failed} of ${o.cases.length} cases planned → ${path.join(o.out, "summary.csv")}`, ...o.cases.map((r) => `  ${r.case.padEnd(24)} ${r.status === "ok" ? `${(((r.totalEnergyKwh ?? 0) as number) / 1000).toFixed(2)} MWh  ¥${(((r.objectiveCny ?? 0) as number) / 1e6).toFixed(3)} M/yr  gap ${((r.gapPct ?? 0) as number).toFixed(3)} %` : `${r.status}: ${r.error}`}`)].join("\n"),
          );
          if (failed.length) process.exitCode = exitCodeOf(failed[0].status);
        } finally {
          await Promise.all(local.map((w) => w.kill("SIGTERM")));
          await redis?.stop();
        }
      }),
    );
});
