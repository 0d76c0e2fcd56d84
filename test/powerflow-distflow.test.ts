/**
 * The DistFlow (branch-flow) convention: residuals evaluated on points built by hand, and the exact point of an AC
 * power-flow solution.
 */
import {
  createNetwork,
  distFlowPoint,
  distFlowResiduals,
  ieee33,
  netLoadPu,
  netLoadSeries,
  powerFlowSweep,
} from "../lib/network";

describe("DistFlow residuals", () => {
  // 1 MVA, 10 kV; chain 1 → 2 → 3
  const net = createNetwork({
    name: "chain",
    baseMva: 1,
    baseKv: 10,
    slackBus: 1,
    buses: [{ bus: 1 }, { bus: 2, pLoadKw: 300, qLoadKvar: 100 }, { bus: 3, pLoadKw: 200, qLoadKvar: 50 }],
    branches: [
      { fromBus: 1, toBus: 2, rPu: 0.02, xPu: 0.04 },
      { fromBus: 2, toBus: 3, rPu: 0.03, xPu: 0.01 },
    ],
  });
  const load = { pPu: [0, 0.3, 0.2], qPu: [0, 0.1, 0.05] };

  it("are the hand-written equations at an arbitrary point", () => {
    const v = [1, 0.97, 0.95];
    const P = [0.52, 0.21];
    const Q = [0.16, 0.06];
    const l = [0.29, 0.05];
    const res = distFlowResiduals(net, { vSqPu: Float64Array.from(v), pPu: Float64Array.from(P), qPu: Float64Array.from(Q), iSqPu: Float64Array.from(l) }, load, 1);
    // branch 1–2 (i = 1, j = 2), child branch 2–3
    expect(res.voltageDrop[0]).toBeCloseTo(0.97 - 1 + 2 * (0.02 * 0.52 + 0.04 * 0.16) - (0.02 ** 2 + 0.04 ** 2) * 0.29, 15);
    expect(res.pBalance[0]).toBeCloseTo(0.52 - 0.21 - 0.02 * 0.29 - 0.3, 15);
    expect(res.qBalance[0]).toBeCloseTo(0.16 - 0.06 - 0.04 * 0.29 - 0.1, 15);
    expect(res.coneGap[0]).toBeCloseTo(0.29 * 1 - 0.52 ** 2 - 0.16 ** 2, 15);
    // branch 2–3: leaf, no children
    expect(res.pBalance[1]).toBeCloseTo(0.21 - 0.03 * 0.05 - 0.2, 15);
    expect(res.coneGap[1]).toBeCloseTo(0.05 * 0.97 - 0.21 ** 2 - 0.06 ** 2, 15);
    expect(res.slackVoltage).toBe(0);
  });

  it("vanish at the AC power-flow solution of IEEE-33 and flag a perturbation where it is made", () => {
    const ieee = ieee33();
    const series = netLoadSeries(ieee, { loadScale: [0.5, 1, 1.2], pvKw: { 18: 800 } });
    const s = powerFlowSweep(ieee, series);
    for (let h = 0; h < 3; h++) {
      const r = distFlowResiduals(ieee, distFlowPoint(ieee, s, h), netLoadPu(ieee, series, h), 1);
      expect(r.maxAbsEquality).toBeLessThan(1e-12);
      expect(r.maxAbsConeGap).toBeLessThan(1e-12);
    }
    const pt = distFlowPoint(ieee, s, 1);
    const p0 = pt.pPu[9];
    pt.pPu[9] += 1e-3; // branch 10 (10–11)
    const r = distFlowResiduals(ieee, pt, netLoadPu(ieee, series, 1));
    expect(r.pBalance[9]).toBeCloseTo(1e-3, 12);
    expect(r.pBalance[8]).toBeCloseTo(-1e-3, 12); // its parent branch 9–10 now feeds too little
    expect(r.coneGap[9]).toBeCloseTo(-(2 * p0 * 1e-3 + 1e-6), 12);
    expect(Math.abs(r.pBalance[0])).toBeLessThan(1e-12);
  });
});
