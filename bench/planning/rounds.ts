/**
 * bench/planning --rounds-only: where a day evaluation's LP time goes. The paper plan runs once (2 workers) and
 * records the decisions it evaluates, in order; then its first `days` days replay that sequence in this thread, each
 * on a new subproblem runner (the same LPs the plan's workers solved: each day sees its decisions in the same order,
 * which the bench checks by the simplex iterations), with every solver run of every cut loop timed. Prints, by cut
 * round: runs, simplex iterations and solver time per run, and the share of the solver time; a run's fixed cost (the
 * runs that hardly iterate: e.g. the refactorisation after cuts are added) and a least-squares fit of time against
 * iterations; and how far each early round's objective lies below the evaluation's final one (why cut loops stopped
 * early give cuts too weak for a 0.1 % gap).
 */
import { type EvaluationPoint, type ScenarioEvaluator, scenarioEvaluator, solveBenders, SubproblemRunner } from "../../lib/decomposition";
import { ss } from "../../lib/clean/stats";
import { planningNetwork } from "../../lib/model";
import { planningInputs, readPlanningCase } from "../../lib/cases";

/** One solver run of a replayed evaluation. */
interface Run {
  round: number;
  iterations: number;
  ms: number;
  objective: number;
}

/** Runs the profile on the first `days` days (see the module comment). */
export async function roundsProfile(days = 2): Promise<void> {
  const c = readPlanningCase();
  const inputs = planningInputs(c);
  const net = planningNetwork(inputs);
  // The plan, recording every decision its days are evaluated at (batches and single evaluations alike) and the
  // simplex iterations each day took there.
  const inner = scenarioEvaluator(inputs, 2);
  const points: { point: EvaluationPoint; iterations: number[] }[] = [];
  const recording: ScenarioEvaluator = {
    ...inner,
    async evaluateEach(ps, detail) {
      const rs = await inner.evaluateEach(ps, detail);
      ps.forEach((p, k) => points.push({ point: { x: p.x, coneTol: p.coneTol ?? (detail ? 1e-7 : 1e-4) }, iterations: rs[k].map((r) => r.simplexIterations) }));
      return rs;
    },
    async evaluate(x, detail, coneTol) {
      const rs = await inner.evaluate(x, detail, coneTol);
      points.push({ point: { x, coneTol: coneTol ?? (detail ? 1e-7 : 1e-4) }, iterations: rs.map((r) => r.simplexIterations) });
      return rs;
    },
  };
  let plan;
  try {
    plan = await solveBenders(inputs, { evaluator: recording });
  } finally {
    await inner.close();
  }
  console.log(`rounds: the paper plan (K = ${inputs.scenarios.length}, 2 workers): ${plan.iterations} iterations, ${points.length} decisions per day, gap ${plan.gapPct.toFixed(3)} %`);

  const runs: Run[] = [];
  /** Per evaluation after a day's first (cold) one: the objective of each round, the last being the final one. */
  const objectives: number[][] = [];
  let mismatch = 0;
  const n = Math.min(days, inputs.scenarios.length);
  for (let d = 0; d < n; d++) {
    const runner = new SubproblemRunner(net, c, inputs.scenarios[d], {});
    let current: Run[] = [];
    runner.onRound = (round, sol) => current.push({ round: round - 1, iterations: sol.iterations, ms: 1000 * sol.seconds, objective: sol.objective });
    try {
      for (const [k, p] of points.entries()) {
        current = [];
        const r = await runner.evaluate(p.point.x, false, p.point.coneTol);
        if (r.simplexIterations !== p.iterations[d]) mismatch++;
        runs.push(...current);
        if (k > 0) objectives.push(current.map((q) => q.objective));
      }
    } finally {
      runner.dispose();
    }
  }
  const iterations = runs.reduce((a, q) => a + q.iterations, 0);
  const totalMs = runs.reduce((a, q) => a + q.ms, 0);
  console.log(
    `  replayed on days ${inputs.scenarios
      .slice(0, n)
      .map((s) => s.id)
      .join(", ")} in one thread: ${n * points.length} evaluations, ${runs.length} solver runs, ${iterations} simplex iterations, ${(totalMs / 1000).toFixed(1)} s in HiGHS; ` +
      `${mismatch === 0 ? "every evaluation took the plan's own simplex iterations" : `${mismatch} evaluations took other simplex iterations than in the plan`}`,
  );
  const rows = [0, 1, 2, 3].map((k) => runs.filter((q) => (k < 3 ? q.round === k : q.round >= 3)));
  console.log("  round              runs   iterations/run   ms/run   share of HiGHS time");
  rows.forEach((rs, k) => {
    const ms = rs.reduce((a, q) => a + q.ms, 0);
    const its = rs.reduce((a, q) => a + q.iterations, 0);
    const label = k === 0 ? "0 (decision moved)" : k < 3 ? String(k) : "3 and later";
    console.log(`  ${label.padEnd(18)} ${String(rs.length).padStart(5)} ${(its / Math.max(1, rs.length)).toFixed(0).padStart(15)} ${(ms / Math.max(1, rs.length)).toFixed(1).padStart(8)}   ${((100 * ms) / totalMs).toFixed(0)} %`);
  });
  // The fixed cost of a run, read off the runs that hardly iterate (the fit's intercept also absorbs how the time per
  // iteration varies between short and long runs).
  const fit = ss.linearRegression(runs.map((q) => [q.iterations, q.ms]));
  const short = runs.filter((q) => q.iterations <= 5);
  const fixedMs = short.reduce((a, q) => a + q.ms, 0) / Math.max(1, short.length);
  console.log(
    `  fixed cost per run: ${fixedMs.toFixed(1)} ms (the mean of the ${short.length} runs of ≤ 5 iterations), so ${((100 * fixedMs * runs.length) / totalMs).toFixed(0)} % of HiGHS's time over the ${runs.length} runs; ` +
      `least squares over all runs: ${fit.b.toFixed(1)} ms + ${fit.m.toFixed(3)} ms × iterations`,
  );
  for (const k of [0, 1, 2]) {
    const gaps = objectives.map((o) => (o[o.length - 1] - o[Math.min(k, o.length - 1)]) / Math.abs(o[o.length - 1])).sort((a, b) => a - b);
    console.log(`  objective after round ${k} below the final one (relative): median ${ss.quantileSorted(gaps, 0.5).toExponential(1)}, p90 ${ss.quantileSorted(gaps, 0.9).toExponential(1)}, max ${gaps[gaps.length - 1].toExponential(1)}`);
  }
}
