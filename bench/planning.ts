/**
 * Planning: Benders vs the extensive form side by side, and the speed-up of worker threads.
 * For each number of typical days K: Benders iterations, gap and time (2 workers), the extensive form's time, their
 * objectives' difference; then, at the largest K, the subproblem time of 2 workers against 1 over the same Benders
 * iterations (speed-up on the subproblems).
 *   npm run bench -- planning [--quick] [--k 5,10,20] [--iterations 30] [--stabilisation level,none]
 *                             [--core-cuts 0,0.05] [--no-extensive] [--no-speedup]
 * --core-cuts: the core-point cut weights ε to compare (0: off; default: the library's default only).
 * --quick: K = 2, 4 and 10 Benders iterations (a few minutes). The full run (K = 5, 10, 20) takes long: the
 * extensive form at K = 20 is one model with ≈ 140 000 columns, solved by branch and cut over the siting binaries.
 */
import { solveBenders, solveExtensive } from "../lib/decomposition";
import { planningInputs, readPlanningCase } from "../lib/model";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ks = (arg("--k") ?? (quick ? "2,4" : "5,10,20")).split(",").map(Number);
const iterations = Number(arg("--iterations") ?? (quick ? 10 : 30));
const stabilisations = (arg("--stabilisation") ?? "level").split(",") as ("level" | "none")[];
const coreCuts = (arg("--core-cuts")?.split(",").map(Number) ?? [undefined]) as (number | undefined)[];
const extensive = !argv.includes("--no-extensive");
const speedup = !argv.includes("--no-speedup");

async function main(): Promise<void> {
  const c = readPlanningCase();
  console.log(`Planning bench on ${c.name}: Benders (multi-cut, ≤ ${iterations} iterations, 2 workers; stabilisation ${stabilisations.join(" vs ")})${extensive ? " vs extensive form" : ""}`);
  console.log("   K  stabilisation  core ε  Benders it   gap %   Benders s   extensive s   ext/Benders time   |Δobjective| %");
  for (const k of ks) {
    const inputs = planningInputs(c, { k });
    const e = extensive ? await solveExtensive(inputs, { timeLimitS: 3600 }) : undefined;
    for (const stabilisation of stabilisations) for (const coreCutsEpsilon of coreCuts) {
      const b = await solveBenders(inputs, { workers: 2, maxIterations: iterations, finalDetail: false, stabilisation, coreCutsEpsilon });
      const diff = e ? (100 * Math.abs(b.objective - e.objective)) / e.objective : NaN;
      console.log(
        `${String(k).padStart(4)} ${stabilisation.padStart(14)} ${(coreCutsEpsilon === undefined ? "default" : String(coreCutsEpsilon)).padStart(7)} ${String(b.iterations).padStart(11)} ${b.gapPct.toFixed(3).padStart(8)} ${b.seconds.toFixed(1).padStart(11)} ${(e ? e.seconds.toFixed(1) : "-").padStart(13)} ${(e ? (e.seconds / b.seconds).toFixed(2) : "-").padStart(18)} ${(e ? diff.toFixed(3) : "-").padStart(16)}`,
      );
    }
  }
  if (!speedup) return;
  const kMax = ks[ks.length - 1];
  const inputs = planningInputs(c, { k: kMax });
  const one = await solveBenders(inputs, { workers: 1, maxIterations: Math.min(iterations, 8), gapTol: 0, finalDetail: false });
  const two = await solveBenders(inputs, { workers: 2, maxIterations: Math.min(iterations, 8), gapTol: 0, finalDetail: false });
  console.log(
    `K = ${kMax}, ${one.iterations} iterations: subproblems ${one.subproblemSeconds.toFixed(1)} s with 1 worker, ${two.subproblemSeconds.toFixed(1)} s with 2 → speed-up ${(one.subproblemSeconds / two.subproblemSeconds).toFixed(2)}× (target ≥ 1.7×)`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
