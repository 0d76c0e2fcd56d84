/**
 * Subproblems through Redis to `evsp worker` processes, side by side with this process's worker threads, in one run:
 * the paper case planned (its K, gap ≤ 0.1 %) with 1 and 2 piscina threads and with 1 and 2 worker processes
 * through a Redis of the bench's own (a free loopback port). Prints each plan's time, its subproblem time, the
 * processes' speed-up (1 → 2) and the queue's overhead per job (queue with one process against one thread, the same
 * jobs), and checks that the four plans are the same.
 * Then the queue's cost per request apart from the solves (--overhead-only: that alone).
 * Needs the built CLI (npm run build): the workers are `dist/cli/main.js worker` processes.
 *   npm run bench -- distributed [--k K] [--overhead-only] [--year | --year-only] [--year-k 365] [--year-concurrency 2]
 * --year: also `evsp plan --k 365 --redis URL` (every day its own scenario, started from the case's typical-day plan)
 *   with 2 worker processes of --year-concurrency solver threads each (a year of warm days needs more than one
 *   2 GB WebAssembly heap per process: about 12 MB a day), beside the K-day plan: time, gap, and how the sites and
 *   sizes differ.
 */
import { spawnSync } from "child_process";
import { type EvaluatorPool, queuePool, type ScenarioEvaluator, scenarioEvaluator, solveBenders, startLocalRedis, startLocalWorker, type LocalWorker, type LocalRedis } from "../lib/decomposition";
import { planningInputs, readPlanningCase } from "../lib/cases";
import type { PlanningInputs } from "../lib/model";
import type { PlanSummary } from "../lib/results";
import * as path from "path";

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const yearOnly = argv.includes("--year-only");
const year = yearOnly || argv.includes("--year");
const yearK = Number(arg("--year-k") ?? 365);
const yearConcurrency = Number(arg("--year-concurrency") ?? 2);

/** A pool that counts the requests its evaluators make (each is one job per scenario group). */
function counted(pool: EvaluatorPool): { pool: EvaluatorPool; requests: () => number } {
  let n = 0;
  return {
    requests: () => n,
    pool: {
      name: pool.name,
      evaluator: (inputs, options, starts) => {
        const ev = pool.evaluator(inputs, options, starts);
        return {
          get workers() {
            return ev.workers;
          },
          evaluate: (x, d, t) => (n++, ev.evaluate(x, d, t)),
          evaluateEach: (p, d) => (n++, ev.evaluateEach(p, d)),
          cutRows: () => (n++, ev.cutRows()),
          dayStarts: () => (n++, ev.dayStarts()),
          close: () => ev.close(),
        };
      },
    },
  };
}

interface Timed {
  label: string;
  seconds: number;
  subproblemSeconds: number;
  objective: number;
  gapPct: number;
  iterations: number;
  sites: string;
  requests?: number;
}

async function planWith(label: string, inputs: PlanningInputs, workers: number | EvaluatorPool, requests?: () => number): Promise<Timed> {
  const t0 = performance.now();
  const b = await solveBenders(inputs, { workers, finalDetail: false });
  const seconds = (performance.now() - t0) / 1000;
  const sites = b.x.eKwh.map((e, j) => (e > 1e-6 ? `${inputs.case.storage.candidates[j]}: ${(e / 1000).toFixed(3)} MWh` : "")).filter(Boolean).join(", ");
  return { label, seconds, subproblemSeconds: b.trace.reduce((a, r) => a + r.subproblemSeconds, 0), objective: b.objective, gapPct: b.gapPct, iterations: b.iterations, sites, requests: requests?.() };
}

async function sideBySide(redis: LocalRedis): Promise<void> {
  const c = readPlanningCase();
  const k = Number(arg("--k") ?? c.scenarios.k);
  const inputs = planningInputs(c, { k });
  console.log(`Paper case, K = ${k}, gap ≤ 0.1 %: Benders with its subproblems in threads of this process, then in evsp worker processes through Redis (${redis.url})`);
  const rows: Timed[] = [];
  const line = (r: Timed) => console.log(`${r.label.padEnd(12)} ${r.seconds.toFixed(1).padStart(8)} ${r.subproblemSeconds.toFixed(1).padStart(15)} ${String(r.iterations).padStart(12)} ${r.gapPct.toFixed(3).padStart(7)} ${r.objective.toFixed(2).padStart(16)}   ${r.sites}`);
  console.log("where          plan s   subproblems s   iterations   gap %      objective ¥        sites");
  rows.push(await planWith("1 thread", inputs, 1));
  line(rows[rows.length - 1]);
  rows.push(await planWith("2 threads", inputs, 2));
  line(rows[rows.length - 1]);
  for (const n of [1, 2]) {
    const workers: LocalWorker[] = [];
    for (let i = 0; i < n; i++) workers.push(await startLocalWorker(redis.url));
    const q = counted(queuePool({ url: redis.url }));
    rows.push(await planWith(`${n} process${n === 1 ? "" : "es"}`, inputs, q.pool, q.requests));
    line(rows[rows.length - 1]);
    await Promise.all(workers.map((w) => w.kill("SIGTERM")));
  }
  const [t1, t2, p1, p2] = rows;
  const same = rows.every((r) => r.objective === t1.objective && r.iterations === t1.iterations && r.sites === t1.sites);
  console.log(`same plan in all four: ${same ? "yes (objective, iterations and sites identical)" : "NO"}`);
  console.log(`speed-up on the subproblems: threads 1 → 2 ${(t1.subproblemSeconds / t2.subproblemSeconds).toFixed(2)}×, worker processes 1 → 2 ${(p1.subproblemSeconds / p2.subproblemSeconds).toFixed(2)}×`);
  console.log(`requests to the queue over the plan: ${p1.requests} with 1 process, ${p2.requests} with 2 (one job per scenario group each)`);
}

/**
 * The queue's cost per request, apart from the solves: K = 2 days re-evaluated at the decision they were just
 * solved at (a warm re-solve with no simplex iteration) `n` times, in one worker thread and through the queue to one
 * worker process; (queue − thread) / n.
 */
async function overhead(redis: LocalRedis, n = 40): Promise<void> {
  const inputs = planningInputs(readPlanningCase(), { k: 2 });
  const m = inputs.case.storage.candidates.length;
  const x = { built: Array(m).fill(false), eKwh: Array(m).fill(0), pKw: Array(m).fill(0) };
  const time = async (ev: ScenarioEvaluator) => {
    await ev.evaluate(x);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await ev.evaluate(x);
    const s = (performance.now() - t0) / 1000;
    await ev.close();
    return s;
  };
  const thread = await time(scenarioEvaluator(inputs, 1));
  const w = await startLocalWorker(redis.url);
  const queue = await time(scenarioEvaluator(inputs, queuePool({ url: redis.url })));
  await w.kill("SIGTERM");
  console.log(`per request (2 days, warm re-solves, ${n} requests): 1 thread ${((1000 * thread) / n).toFixed(1)} ms, queue to 1 process ${((1000 * queue) / n).toFixed(1)} ms → the queue adds ${((1000 * (queue - thread)) / n).toFixed(1)} ms per request`);
}

/** `evsp plan --k N --redis URL --json` in a process of its own. */
function cliPlan(args: string[]): { seconds: number; summary: PlanSummary } {
  const main = path.join(__dirname, "..", "lib", "cli", "main.js");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [main, "plan", ...args, "--json", "--quiet"], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`evsp plan ${args.join(" ")} failed (${r.status}): ${r.stderr}${r.stdout.slice(-2000)}`);
  return { seconds: (performance.now() - t0) / 1000, summary: JSON.parse(r.stdout) as PlanSummary };
}

async function fullYear(redis: LocalRedis): Promise<void> {
  const c = readPlanningCase();
  console.log(`\nFull year through the queue: evsp plan --k ${yearK} --redis, 2 worker processes × ${yearConcurrency} solver threads`);
  const workers = [await startLocalWorker(redis.url, ["--concurrency", String(yearConcurrency)]), await startLocalWorker(redis.url, ["--concurrency", String(yearConcurrency)])];
  try {
    const y = cliPlan(["--k", String(yearK), "--redis", redis.url]);
    const t = cliPlan(["--k", String(c.scenarios.k), "--redis", redis.url]);
    for (const [label, p] of [[`K = ${yearK}`, y], [`K = ${c.scenarios.k}`, t]] as const) {
      console.log(`${label.padEnd(9)} ${p.seconds.toFixed(0).padStart(5)} s  gap ${p.summary.gapPct.toFixed(3)} %  ${p.summary.iterations} iterations  ${p.summary.sites.map((s) => `bus ${s.bus} ${(s.energyKwh / 1000).toFixed(2)} MWh / ${(s.powerKw / 1000).toFixed(2)} MW`).join(", ")}  annual cost ¥${(p.summary.objectiveCny / 1e6).toFixed(3)} M`);
    }
    const dE = y.summary.totalEnergyKwh - t.summary.totalEnergyKwh;
    console.log(`the year plan vs the K-day plan: ${dE >= 0 ? "+" : ""}${(dE / 1000).toFixed(2)} MWh in all (${((100 * dE) / Math.max(1, t.summary.totalEnergyKwh)).toFixed(1)} %), sites ${y.summary.sites.map((s) => s.bus).join("+")} vs ${t.summary.sites.map((s) => s.bus).join("+")}, objective ${(((y.summary.objectiveCny - t.summary.objectiveCny) / t.summary.objectiveCny) * 100).toFixed(2)} % (each on its own days)`);
  } finally {
    await Promise.all(workers.map((w) => w.kill("SIGTERM")));
  }
}

async function main(): Promise<void> {
  const redis = await startLocalRedis();
  try {
    if (!yearOnly && !argv.includes("--overhead-only")) await sideBySide(redis);
    if (!yearOnly) await overhead(redis);
    if (year) await fullYear(redis);
  } finally {
    await redis.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
