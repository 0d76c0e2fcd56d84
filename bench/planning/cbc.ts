/**
 * bench/planning --cbc: evsp's plan against native CBC (Debian coinor-cbc) on the same polyhedral MILP, the plan's
 * `--write-lp` file (the extensive form with binary siting and the cut pool the plan's subproblems found).
 *
 * CBC's branch and bound on that MILP finds no integer solution within any practical limit at the paper's size
 * (K = 8: none after 2028 s), so `--cbc-sitings` also solves the MILP by complete enumeration of its binaries: one
 * LP per siting (the binaries fixed in the file, fixLpColumns), each solved by CBC, two processes at a time. The least
 * of them is the MILP's optimum, CBC's objective for the same model, and its argument is CBC's siting. The sitings
 * are those solveBySitings enumerates (searchSitings).
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { searchSitings } from "../../lib/decomposition/siting-sets";
import { fixLpColumns, lpIntegerColumns } from "../../lib/model";
import { readPlanningCase } from "../../lib/cases";
import { inLanes } from "../../lib/util";
import type { PlanSummary } from "../../lib/results";

const CBC = "/usr/bin/cbc";
// With six binaries CBC's preprocessing, cut generators and heuristics cost far more than they save (K = 2: no result
// after 17 min with its defaults, optimal in 8 min without them).
const CBC_FLAGS = ["-cuts", "off", "-heuristics", "off", "-feaspump", "off", "-preprocess", "off"];

/** Options of {@link cbcSideBySide}. */
export interface CbcBenchOptions {
  /** Runs `evsp plan` with these arguments in a process of its own: wall seconds and stdout. */
  timeCli: (args: string[]) => { seconds: number; stdout: string };
  /** Plan at this K instead of the case's. */
  k?: string;
  /** CBC's limit on the MILP, as a multiple of evsp's plan time. */
  limitFactor: number;
  /** Also the MILP by enumeration of its sitings. */
  sitings: boolean;
}

/** CBC's result on one LP file. */
interface CbcRun {
  seconds: number;
  objective: number;
  optimal: boolean;
  infeasible: boolean;
}

function parseCbc(out: string, seconds: number): CbcRun {
  return {
    seconds,
    objective: Number(/Objective value:\s*([-0-9.e+]+)/.exec(out)?.[1] ?? NaN),
    optimal: /Result - Optimal solution found/.test(out),
    // "Result - Linear relaxation infeasible" after the root LP, "Problem is infeasible" when CLP's presolve finds it.
    infeasible: /Result - .*infeasible|Problem is infeasible/i.test(out),
  };
}

/** CBC on `file` in a process of its own, killed after `limitS`. */
function cbcAsync(file: string, limitS: number): Promise<CbcRun> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(CBC, [file, ...CBC_FLAGS, "solve", "quit"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
    const timer = setTimeout(() => p.kill("SIGKILL"), Math.ceil(1000 * limitS));
    p.on("error", reject);
    p.on("close", () => {
      clearTimeout(timer);
      resolve(parseCbc(out, (performance.now() - t) / 1000));
    });
  });
}

/** The MILP by CBC on each siting's LP (see the module comment), printed beside evsp's plan. */
async function cbcBySitings(file: string, dir: string, r: PlanSummary, limitS: number): Promise<void> {
  const st = readPlanningCase().storage;
  const text = fs.readFileSync(file, "utf8");
  const names = lpIntegerColumns(text);
  if (names.length !== st.candidates.length || !names.every((n, j) => n.includes(`(${st.candidates[j]})`))) {
    throw new Error(`cbc --sitings: the LP's integer columns ${names.join(" ")} are not the build flags of candidates ${st.candidates.join(", ")}`);
  }
  const sitings = searchSitings(st.candidates.length, st.maxSites, st.fixedCostCnyPerSite);
  const files = sitings.map((siting, i) => {
    const f = path.join(dir, `siting-${i}.lp`);
    fs.writeFileSync(f, fixLpColumns(text, new Map(names.map((name, j) => [name, siting[j] ? 1 : 0]))));
    return f;
  });
  const t = performance.now();
  const runs = await inLanes(files.length, 2, (i) => cbcAsync(files[i], limitS));
  const wallS = (performance.now() - t) / 1000;
  const busesOf = (s: boolean[]) => st.candidates.filter((_, j) => s[j]).join("+") || "none";
  for (const [i, run] of runs.entries()) {
    console.log(`  siting ${busesOf(sitings[i]).padEnd(7)} CBC ${run.seconds.toFixed(1).padStart(7)} s  ${run.optimal ? `objective ${run.objective.toFixed(0)}` : run.infeasible ? "infeasible" : "no result (stopped at its limit)"}`);
  }
  const solved = runs.map((run) => (run.optimal ? run.objective : Infinity));
  const best = Math.min(...solved);
  const all = runs.every((run) => run.optimal || run.infeasible);
  const k = solved.indexOf(best);
  const evspSites = r.sites.map((s) => s.bus).sort((a, b) => a - b).join("+") || "none";
  const cpuS = runs.reduce((a, run) => a + run.seconds, 0);
  console.log(
    `CBC by enumeration of the MILP's ${sitings.length} sitings (one LP each, 2 processes): ${wallS.toFixed(0)} s wall, ${cpuS.toFixed(0)} s in all; ` +
      `${all ? "optimum" : "best of those solved"} ${Number.isFinite(best) ? `${best.toFixed(0)} at ${busesOf(sitings[k])}` : "none"}`,
  );
  console.log(
    `  evsp plan ${r.objectiveCny.toFixed(0)} at ${evspSites}: |Δobjective| ${Number.isFinite(best) ? ((100 * Math.abs(best - r.objectiveCny)) / Math.abs(r.objectiveCny)).toFixed(3) : "-"} % (target ≤ 0.1 %), ` +
      `same siting ${Number.isFinite(best) && busesOf(sitings[k]) === evspSites ? "yes" : "no"}; evsp / CBC by enumeration (wall) ${(r.timing.seconds / wallS).toFixed(2)} (target ≤ 0.5)`,
  );
}

/** evsp's plan against native CBC on the same polyhedral MILP (see the module comment). */
export async function cbcSideBySide(o: CbcBenchOptions): Promise<void> {
  if (!fs.existsSync(CBC)) {
    console.log(`CBC: ${CBC} not found (Debian: apt-get install coinor-cbc); skipped`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-bench-cbc-"));
  try {
    const file = path.join(dir, "plan.lp");
    const plan = o.timeCli(["plan", "--workers", "2", "--quiet", "--json", "--write-lp", file, ...(o.k ? ["--k", o.k] : [])]);
    const r = JSON.parse(plan.stdout) as PlanSummary;
    const evspS = r.timing.seconds;
    const limitS = Math.max(10, o.limitFactor * evspS);
    const t = performance.now();
    // CBC checks its `sec` limit only in branch and bound (not while it reads the file and solves the root LP): the
    // process is also killed at the limit.
    const run = spawnSync(CBC, [file, "sec", String(Math.ceil(limitS)), ...CBC_FLAGS, "solve", "quit"], { encoding: "utf8", maxBuffer: 1 << 28, timeout: Math.ceil(1000 * limitS), killSignal: "SIGKILL" });
    const c = parseCbc(run.stdout ?? "", (performance.now() - t) / 1000);
    const mb = fs.statSync(file).size / 1e6;
    console.log(`CBC on the plan's MILP (K = ${r.scenarios}, ${mb.toFixed(1)} MB LP): evsp plan ${evspS.toFixed(1)} s (objective ${r.objectiveCny.toFixed(0)}, gap ${r.gapPct.toFixed(3)} %); CBC ${c.optimal ? `${c.seconds.toFixed(1)} s, optimal` : `> ${limitS.toFixed(0)} s (stopped at its limit)`}, objective ${Number.isFinite(c.objective) ? c.objective.toFixed(0) : "none"}`);
    console.log(
      `  evsp / CBC time ${c.optimal ? "" : "< "}${(evspS / c.seconds).toFixed(2)} (target ≤ 0.5); |Δobjective| ${Number.isFinite(c.objective) ? ((100 * Math.abs(c.objective - r.objectiveCny)) / Math.abs(r.objectiveCny)).toFixed(3) : "-"} % (target ≤ 0.1 %)`,
    );
    // Each siting's LP gets the same limit as the MILP (a root LP at K = 8 takes ≈ 2 min here).
    if (o.sitings) await cbcBySitings(file, dir, r, limitS);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
