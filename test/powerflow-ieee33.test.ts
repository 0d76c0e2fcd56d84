/**
 * The IEEE 33-bus base case against the figures Baran & Wu (1989) published — total loss 202.67 kW and 135.14 kVAr,
 * lowest voltage 0.91309 pu at bus 18 — with tolerances that reflect how those figures were rounded; and the
 * 8760-hour sweep against Newton–Raphson on sample hours.
 */
import {
  ieee33,
  netLoadSeries,
  newtonPowerFlow,
  powerFlow,
  powerFlowSweep,
  totalLoad,
  withLineRatings,
} from "../lib/network";

describe("IEEE 33-bus base case (Baran & Wu 1989)", () => {
  const net = ieee33();
  const res = powerFlow(net);

  it("loses 202.67 kW and 135.14 kVAr", () => {
    // published to 0.01 kW; allow a little more than half a unit of the last digit for their truncation
    expect(Math.abs(res.lossKw - 202.67)).toBeLessThan(0.02);
    expect(Math.abs(res.lossKvar - 135.14)).toBeLessThan(0.02);
  });

  it("has its lowest voltage 0.91309 pu at bus 18", () => {
    expect(res.vMinBus).toBe(18);
    expect(Math.abs(res.vMinPu - 0.91309)).toBeLessThan(6e-6);
    expect(res.vMaxBus).toBe(1);
  });

  it("balances power: slack = load + loss, loss = Σ branch losses", () => {
    const t = totalLoad(net);
    expect(Math.abs(res.pSlackKw - (t.pKw + res.lossKw))).toBeLessThan(1e-8);
    expect(Math.abs(res.qSlackKvar - (t.qKvar + res.lossKvar))).toBeLessThan(1e-8);
    expect(Math.abs(res.branches.reduce((s, b) => s + b.lossKw, 0) - res.lossKw)).toBeLessThan(1e-9);
  });

  it("agrees with Newton–Raphson to 1e-10 pu", () => {
    const nr = newtonPowerFlow(net, { pKw: net.buses.map((b) => b.pLoadKw), qKvar: net.buses.map((b) => b.qLoadKvar) });
    res.buses.forEach((b, k) => {
      expect(Math.abs(b.vPu - nr.vPu[k])).toBeLessThan(1e-10);
      expect(Math.abs(b.vaDeg - nr.vaDeg[k])).toBeLessThan(1e-8);
    });
    expect(Math.abs(res.lossKw - nr.lossKw)).toBeLessThan(1e-6);
  });

  it("rates branches at 1.5 × base flow by default (loading 66.7 % in the base case)", () => {
    const rated = withLineRatings(net);
    const r = powerFlow(rated);
    for (const b of r.branches) expect(b.loadingPct as number).toBeCloseTo(100 / 1.5, 9);
    const uniform = withLineRatings(net, { kind: "uniform", kva: 5000 });
    expect(uniform.branches.every((b) => b.rateKva === 5000)).toBe(true);
    expect(withLineRatings(uniform, { kind: "none" }).branches.every((b) => b.rateKva === undefined)).toBe(true);
    expect(rated.openBranches.map((b) => b.id)).toEqual([33, 34, 35, 36, 37]);
    // ratings do not change the electrical data
    expect(rated.branches.map((b) => [b.rPu, b.xPu])).toEqual(net.branches.map((b) => [b.rPu, b.xPu]));
  });
});

describe("IEEE 33-bus over a year of hours", () => {
  const net = ieee33();
  const hours = 8760;
  // a synthetic daily shape with a yearly swing, between 0.3 and 1.2 of the base load, and PV at two buses
  const scale = Float64Array.from({ length: hours }, (_, h) => 0.75 + 0.3 * Math.sin((2 * Math.PI * h) / 24) + 0.15 * Math.cos((2 * Math.PI * h) / 8760));
  const pv = Float64Array.from({ length: hours }, (_, h) => Math.max(0, Math.sin((2 * Math.PI * ((h % 24) - 6)) / 24)));
  const load = netLoadSeries(net, { loadScale: scale, pvKw: { 18: 600, 33: 900 }, pvProfile: pv });
  const s = powerFlowSweep(net, load);

  it("converges every hour", () => {
    expect(s.converged.every((c) => c === 1)).toBe(true);
    expect(Math.max(...s.iterations)).toBeLessThan(30);
  });

  it("matches Newton–Raphson on sample hours to 1e-10 pu", () => {
    for (const h of [0, 7, 12, 13, 4000, 8759]) {
      const p = load.pKw.subarray(h * 33, h * 33 + 33);
      const q = load.qKvar.subarray(h * 33, h * 33 + 33);
      const nr = newtonPowerFlow(net, { pKw: p, qKvar: q });
      for (let k = 0; k < 33; k++) expect(Math.abs(s.vPu[h * 33 + k] - nr.vPu[k])).toBeLessThan(1e-10);
      expect(Math.abs(s.lossKw[h] - nr.lossKw)).toBeLessThan(1e-6);
    }
  });
});
