/**
 * Station aggregation at N = 200 EVs, measured side by side in one run on the same station-days:
 * - dispatch time of the envelope, inner and exact aggregates vs scheduling every EV individually, for a
 *   time-of-use price (LP) and valley filling (QP); the exact model three ways: combinatorially (Edmonds' greedy /
 *   the decomposition algorithm, no LP solver), by the cut loop on HiGHS with the signal's chain seeded (default)
 *   and without it (plain cut loop), with its cut rounds;
 * - the ratios the exact-aggregation issue targets: individual / exact (target ≥ 5) and exact / envelope (≤ 10),
 *   for the combinatorial dispatch and for the cut loop; under a price the EVs decouple, so per-EV greedy filling
 *   (exactPriceDispatch on each EV alone) is printed too — it is as fast as the aggregate's greedy;
 *   individual scheduling is HiGHS's LP for the price (it decouples per EV) and exact block-coordinate water-filling
 *   for valley filling; the N·T QP on HiGHS is timed once as well (the textbook reference);
 * - the accuracy experiment at N = 200 with both disaggregation methods (QP vs least-laxity-first).
 * Sessions: the Norwegian residential file when present, else its seeded generator (printed).
 *   npm run bench -- aggregation [--quick] [--draws R] [--dataset residential|acn|workplace]
 */
import { loadCleanSessions } from "../lib/clean/load";
import { evFlexFromFleet, fleetPool, resolveGrid, sampleFleet, touSignal, valleySignal, type EvSignal } from "../lib/ev";
import { exactPriceDispatch } from "../lib/ev/exact-dispatch";
import { dispatchExactCombinatorial, dispatchStation, scheduleIndividually } from "../lib/dispatch";
import { aggregationAccuracy } from "../lib/studies";
import { createRng } from "../lib/util";

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const quick = argv.includes("--quick");
const draws = Number(arg("--draws", quick ? "2" : "5"));
const dataset = arg("--dataset", "residential") as "residential" | "acn" | "workplace";
const N = 200;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const loaded = loadCleanSessions(dataset, { seed: 1 });
  console.log(`sessions: ${loaded.source}`);
  const pool = fleetPool(loaded.sessions);
  const grid = resolveGrid({ slots: 24, dtH: 1, startH: dataset === "residential" ? 12 : 0 });
  console.log(`N = ${N} EVs per station-day, ${draws} draws, grid 24 × 1 h from ${grid.startH}:00; times are medians over draws (ms)`);
  // warm-up: HiGHS load and JIT
  {
    const evs = evFlexFromFleet(sampleFleet(pool, 20, createRng(99)), grid);
    for (const model of ["envelope", "exact", "inner"] as const) await dispatchStation({ evs, signal: touSignal(grid), model });
    await scheduleIndividually(evs, touSignal(grid));
    for (let k = 0; k < 20; k++) for (const signal of [touSignal(grid), valleySignal(grid, 60)]) dispatchExactCombinatorial({ evs, signal });
  }
  for (const kind of ["tou", "valley"] as const) {
    const t: Record<string, number[]> = { individual: [], perEvGreedy: [], envelope: [], inner: [], exact: [], exactPlain: [], comb: [] };
    const flows: number[] = [];
    const rounds: number[] = [];
    const roundsPlain: number[] = [];
    for (let r = 0; r < draws; r++) {
      const evs = evFlexFromFleet(sampleFleet(pool, N, createRng(1000 + r)), grid);
      const signal: EvSignal = kind === "tou" ? touSignal(grid) : valleySignal(grid, 3 * N);
      const ind = await scheduleIndividually(evs, signal);
      t.individual.push(ind.seconds * 1000);
      for (const model of ["envelope", "inner"] as const) t[model].push((await dispatchStation({ evs, signal, model })).seconds * 1000);
      const ex = await dispatchStation({ evs, signal, model: "exact" });
      t.exact.push(ex.seconds * 1000);
      rounds.push(ex.rounds);
      const plain = await dispatchStation({ evs, signal, model: "exact" }, { signalChain: false });
      t.exactPlain.push(plain.seconds * 1000);
      roundsPlain.push(plain.rounds);
      const comb = dispatchExactCombinatorial({ evs, signal });
      t.comb.push(comb.seconds * 1000);
      flows.push(comb.maxFlows);
      if (kind === "tou") {
        const t0 = performance.now();
        for (const ev of evs) exactPriceDispatch([ev], (signal as { pricePerKwh: number[] }).pricePerKwh);
        t.perEvGreedy.push(performance.now() - t0);
      }
      for (const [name, cost] of [["exact (cut loop)", ex.cost], ["exact (combinatorial)", comb.cost]] as const) {
        const gap = Math.abs(cost - ind.cost) / Math.max(1e-12, Math.abs(ind.cost));
        if (gap > 1e-6) console.log(`  ! draw ${r}: ${name} cost differs from individual by ${gap.toExponential(2)} (relative)`);
      }
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
    console.log(`\n${kind === "tou" ? "time-of-use price (LP)" : "valley filling (QP)"}`);
    console.log(`  individual ${m.individual.toFixed(1)}  envelope ${m.envelope.toFixed(1)}  inner ${m.inner.toFixed(1)}  exact ${m.exact.toFixed(1)} (rounds ${median(rounds)}, max ${Math.max(...rounds)})  exact without signal chain ${m.exactPlain.toFixed(1)} (rounds ${median(roundsPlain)}, max ${Math.max(...roundsPlain)})`);
    console.log(`  exact combinatorially (${kind === "tou" ? "Edmonds' greedy" : `decomposition, max-flows ${median(flows)}, max ${Math.max(...flows)}`}) ${m.comb.toFixed(2)}`);
    console.log(`  combinatorial: individual / exact = ${(m.individual / m.comb).toFixed(2)}  (target ≥ 5)   exact / envelope = ${(m.comb / m.envelope).toFixed(2)}  (target ≤ 10)`);
    console.log(`  cut loop:      individual / exact = ${(m.individual / m.exact).toFixed(2)}  (target ≥ 5)   exact / envelope = ${(m.exact / m.envelope).toFixed(2)}  (target ≤ 10)`);
    console.log(`  without the chain: individual / exact = ${(m.individual / m.exactPlain).toFixed(2)}, exact / envelope = ${(m.exactPlain / m.envelope).toFixed(2)}`);
    if (kind === "tou") console.log(`  the price decouples the EVs: per-EV greedy filling ${m.perEvGreedy.toFixed(2)} ms, per-EV greedy / combinatorial exact = ${(m.perEvGreedy / m.comb).toFixed(2)}`);
    if (kind === "valley") {
      // The textbook individual reference: the N·T QP on HiGHS (one draw: it takes seconds to a minute).
      const evs = evFlexFromFleet(sampleFleet(pool, N, createRng(1000)), grid);
      const signal = valleySignal(grid, 3 * N);
      try {
        const qp = await scheduleIndividually(evs, signal, { valleyMethod: "qp", timeLimitS: 120 });
        const ex = await dispatchStation({ evs, signal, model: "exact" });
        console.log(`  individual as the N·T QP on HiGHS (draw 0): ${(qp.seconds * 1000).toFixed(0)} ms → individual(QP) / exact = ${(qp.seconds / ex.seconds).toFixed(1)}`);
      } catch (err) {
        console.log(`  individual as the N·T QP on HiGHS (draw 0): failed (${(err as Error).message})`);
      }
    }
  }
  console.log(`\naccuracy experiment at N = ${N} (${draws} draws, envelope model, ToU), both disaggregation methods:`);
  for (const disaggregation of ["qp", "llf"] as const) {
    const t0 = performance.now();
    const res = await aggregationAccuracy(pool, { sizes: [N], draws, seed: 7, grid, models: ["envelope"], disaggregation });
    const s = (performance.now() - t0) / 1000;
    const row = res.rows[0];
    console.log(`  ${disaggregation.padEnd(4)} ${s.toFixed(2)} s total, disaggregation ${(row.disaggregationSeconds * 1000).toFixed(1)} ms/draw, MSE ${row.mseKw2.toExponential(3)} kW², NRMSE ${row.nrmse.toFixed(4)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
