/**
 * DistFlow OPF on IEEE-33 over 24 hours with each cone method, side by side in one run: rows, columns, time, rounds,
 * cone gap, loss error against the AC power flow of the same dispatch; then the time of an 8760-hour AC power flow
 * and of writing a 10^5-column model in LP format.
 * Data: IEEE-33 loads × a daily shape (0.55…1.0) and curtailable PV (1.5 MW at bus 18, 1 MW at bus 33) on a
 * clear-sky shape, so the bench needs no external data.
 *   npm run bench -- opf [--quick]     (--quick: OA only, BTN on 4 hours)
 */
import { LinExpr, Model, toLpText } from "../lib/model";
import { ieee33, netLoadSeries, powerFlowSweep } from "../lib/network";
import { solveOpf } from "../lib/solve";

const quick = process.argv.includes("--quick");
const net = ieee33();
const H = 24;
const loadScale = Array.from({ length: H }, (_, t) => 0.775 + 0.225 * Math.sin((2 * Math.PI * (t - 10)) / 24));
const pvShape = Array.from({ length: H }, (_, t) => Math.max(0, Math.sin((Math.PI * (t - 6)) / 12)));
const pv = [
  { bus: 18, maxKw: pvShape.map((s) => 1500 * s), curtailable: true },
  { bus: 33, maxKw: pvShape.map((s) => 1000 * s), curtailable: true },
];

async function main(): Promise<void> {
  console.log(`DistFlow OPF, IEEE-33, ${H} hours, loss-minimising, curtailable PV at buses 18 and 33`);
  console.log("method  hours   rows    cols  rounds   time s   cone gap pu²   |loss − AC| kW   |V − V_AC| pu   mean loss kW");
  const methods: Array<["oa" | "btn", number]> = quick ? [["oa", H], ["btn", 4]] : [["oa", H], ["btn", H]];
  const times: Record<string, number> = {};
  for (const [cones, hours] of methods) {
    await solveOpf(net, { loadScale: loadScale.slice(0, 1), pv: pv.map((p) => ({ ...p, maxKw: p.maxKw.slice(0, 1) })) }, { cones }); // warm-up
    const t0 = performance.now();
    const r = await solveOpf(net, { loadScale: loadScale.slice(0, hours), pv: pv.map((p) => ({ ...p, maxKw: p.maxKw.slice(0, hours) })) }, { cones });
    const s = (performance.now() - t0) / 1000;
    times[`${cones}${hours}`] = s;
    console.log(
      `${cones.padEnd(6)} ${String(hours).padStart(6)} ${String(r.info.size.rows).padStart(6)} ${String(r.info.size.cols).padStart(7)} ${String(r.info.rounds).padStart(7)} ${s.toFixed(3).padStart(8)}   ${r.coneGapMaxPu2.toExponential(2).padStart(12)}   ${r.acCheck.lossDiffKw.toExponential(2).padStart(14)}   ${r.acCheck.vMaxDiffPu.toExponential(2).padStart(13)}   ${r.lossKw.toFixed(4).padStart(12)}`,
    );
  }
  if (!quick) console.log(`BTN / OA time ratio at ${H} h: ${(times[`btn${H}`] / times[`oa${H}`]).toFixed(1)}×`);

  // 8760-hour AC power flow.
  const year = netLoadSeries(net, {
    loadScale: Float64Array.from({ length: 8760 }, (_, h) => loadScale[h % 24] * (0.9 + 0.1 * Math.cos((2 * Math.PI * h) / 8760))),
    pvKw: { 18: 1500, 33: 1000 },
    pvProfile: Float64Array.from({ length: 8760 }, (_, h) => pvShape[h % 24]),
  });
  powerFlowSweep(net, year);
  const t1 = performance.now();
  const pf = powerFlowSweep(net, year);
  console.log(`AC power flow, 8760 hours: ${((performance.now() - t1) / 1000).toFixed(3)} s (target < 1 s), max sweeps/hour ${Math.max(...pf.iterations)}`);

  // LP writer on 10^5 columns.
  const m = new Model("lp-writer");
  const n = 100_000;
  const x = m.addVars("x", { i: Array.from({ length: n }, (_, i) => i) }, { ub: 10, cost: (i) => ((i as number) % 7) - 3 });
  for (let i = 0; i + 1 < n; i += 2) m.le("pair", [i], new LinExpr().add(x.col(i)).add(x.col(i + 1), 2), 5);
  const t2 = performance.now();
  const text = toLpText(m);
  console.log(`LP text of ${n} columns, ${m.numRows} rows: ${((performance.now() - t2) / 1000).toFixed(3)} s, ${(text.length / 1e6).toFixed(1)} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
