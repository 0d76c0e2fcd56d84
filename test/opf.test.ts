/**
 * DistFlow OPF on hand-solved feeders (closed forms), the published IEEE 33-bus base case, the two cone methods
 * against each other, and the AC re-check as an upper bound on the exact SOCP optimum.
 */
import { ArgumentError, createNetwork, ieee33, loadNetwork, powerFlow, solveOpf, toLpText, buildOpf } from "../lib";
import type { Network } from "../lib";

const BASE_MVA = 1;
const BASE_KV = 10;

/** A two-bus feeder (slack 1 → bus 2) with impedance in pu. */
function twoBus(rPu: number, xPu: number, loadKw = 0, loadKvar = 0, vMaxPu = 1.05): Network {
  return createNetwork({
    name: "two-bus",
    baseMva: BASE_MVA,
    baseKv: BASE_KV,
    slackBus: 1,
    buses: [{ bus: 1 }, { bus: 2, pLoadKw: loadKw, qLoadKvar: loadKvar, vMinPu: 0.8, vMaxPu }],
    branches: [{ fromBus: 1, toBus: 2, rPu, xPu }],
  });
}

/** |V2|² of a two-bus feeder with V1 = 1 and receiving-end load P + jQ (pu): the larger root of the biquadratic. */
function v2Squared(r: number, x: number, p: number, q: number): number {
  const b = 1 - 2 * (r * p + x * q);
  return (b + Math.sqrt(b * b - 4 * (r * r + x * x) * (p * p + q * q))) / 2;
}

describe("DistFlow OPF, hand-solved", () => {
  it("two-bus feeder with a fixed load: voltage and loss from the closed form", async () => {
    const r = 0.02;
    const x = 0.04;
    const p = 0.6;
    const q = 0.3; // pu on 1 MVA → 600 kW, 300 kVAr
    const res = await solveOpf(twoBus(r, x, 600, 300));
    const v2 = v2Squared(r, x, p, q);
    const lossKw = ((r * (p * p + q * q)) / v2) * 1000;
    expect(res.vPu[0][1]).toBeCloseTo(Math.sqrt(v2), 8);
    expect(res.lossKw).toBeCloseTo(lossKw, 5);
    expect(res.coneGapMaxPu2).toBeLessThan(1e-6);
  });

  it("two-bus feeder with curtailable PV: curtailed where the lossless voltage reaches its limit, relaxation exact", async () => {
    const r = 0.05;
    const x = 0.05;
    const vmax = 1.05;
    // Safe upper bound: v̂2 = 1 + 2 r p ≤ vmax² (Q = 0)  →  p = (vmax² − 1) / (2r).
    const pSafe = (vmax * vmax - 1) / (2 * r);
    const res = await solveOpf(twoBus(r, x, 0, 0, vmax), { pv: [{ bus: 2, maxKw: 5000, curtailable: true }] });
    expect(res.pvKw[0][0]).toBeCloseTo(pSafe * 1000, 4);
    expect(res.coneGapMaxPu2).toBeLessThan(1e-6);
    // The AC voltage at that injection: the biquadratic with load −p; it stays below the limit (conservative bound).
    const vAc = Math.sqrt(v2Squared(r, x, -pSafe, 0));
    expect(res.vPu[0][1]).toBeCloseTo(vAc, 7);
    expect(vAc).toBeLessThan(vmax);
    // Below the limit nothing is curtailed.
    const low = await solveOpf(twoBus(r, x, 0, 0, vmax), { pv: [{ bus: 2, maxKw: 0.5 * pSafe * 1000, curtailable: true }] });
    expect(low.pvKw[0][0]).toBeCloseTo(0.5 * pSafe * 1000, 5);
  });

  it("the plain upper voltage bound makes the relaxation inexact under reverse flow, and the gap shows it", async () => {
    // With v ≤ v̄² on v itself, inflating ℓ lowers v2 and lets all 5 MW in: P² + Q² < v ℓ, and the AC flow disagrees.
    const res = await solveOpf(twoBus(0.05, 0.05, 0, 0, 1.05), { pv: [{ bus: 2, maxKw: 5000, curtailable: true }], upperVoltage: "plain" });
    expect(res.pvKw[0][0]).toBeGreaterThan(2000);
    expect(res.coneGapMaxPu2).toBeGreaterThan(1e-2);
    expect(res.acCheck.vMaxDiffPu).toBeGreaterThan(1e-2);
  });

  it("three-bus chain: the OPF equals the power flow built backwards from the end voltage", async () => {
    // Choose V3 = 0.97 and loads; walk back with exact branch equations to get V1, then scale the slack to V1.
    const r = [0.01, 0.015];
    const x = [0.02, 0.01];
    const s2 = { p: 0.2, q: 0.1 };
    const s3 = { p: 0.3, q: 0.12 };
    const v3 = 0.97;
    const l23 = (s3.p ** 2 + s3.q ** 2) / v3 ** 2; // |I23|² (real V3 reference)
    const p23 = s3.p + r[1] * l23;
    const q23 = s3.q + x[1] * l23;
    const v2sq = v3 ** 2 + 2 * (r[1] * p23 + x[1] * q23) - (r[1] ** 2 + x[1] ** 2) * l23;
    const l12 = (p23 ** 2 + q23 ** 2) / v2sq;
    const p12 = p23 + s2.p + r[0] * ((p23 + s2.p) ** 2 + (q23 + s2.q) ** 2) / v2sq;
    const q12 = q23 + s2.q + x[0] * ((p23 + s2.p) ** 2 + (q23 + s2.q) ** 2) / v2sq;
    const l12b = ((p23 + s2.p) ** 2 + (q23 + s2.q) ** 2) / v2sq;
    const v1sq = v2sq + 2 * (r[0] * p12 + x[0] * q12) - (r[0] ** 2 + x[0] ** 2) * l12b;
    void l12;
    const net = createNetwork({
      name: "three-bus",
      baseMva: 1,
      baseKv: 10,
      slackBus: 1,
      vSlackPu: Math.sqrt(v1sq),
      buses: [{ bus: 1 }, { bus: 2, pLoadKw: 200, qLoadKvar: 100, vMinPu: 0.8 }, { bus: 3, pLoadKw: 300, qLoadKvar: 120, vMinPu: 0.8 }],
      branches: [
        { fromBus: 1, toBus: 2, rPu: r[0], xPu: x[0] },
        { fromBus: 2, toBus: 3, rPu: r[1], xPu: x[1] },
      ],
    });
    const res = await solveOpf(net);
    expect(res.vPu[0][2]).toBeCloseTo(v3, 8);
    expect(res.vPu[0][1]).toBeCloseTo(Math.sqrt(v2sq), 8);
    expect(res.lossKw).toBeCloseTo((r[0] * l12b + r[1] * l23) * 1000, 5);
  });
});

describe("DistFlow OPF on IEEE 33-bus", () => {
  it("reproduces the published base case (Baran & Wu: 202.67 kW, 0.91309 pu at bus 18)", async () => {
    const res = await solveOpf(ieee33(), {}, { cones: "oa" });
    expect(res.lossKw).toBeCloseTo(202.67, 1);
    const vmin = Math.min(...res.vPu[0]);
    expect(vmin).toBeCloseTo(0.91309, 4);
    expect(res.vPu[0].indexOf(vmin) + 1).toBe(18);
    expect(res.coneGapMaxPu2).toBeLessThan(1e-6);
    expect(res.acCheck.lossDiffKw).toBeLessThan(0.01);
    expect(res.acCheck.vMaxDiffPu).toBeLessThan(1e-6);
  });

  it("outer approximation and Ben-Tal–Nemirovski agree, and the AC flow of the dispatch brackets the optimum", async () => {
    const net = ieee33();
    const profile = [0.55, 0.7, 0.9, 1.0];
    const input = { loadScale: profile, pv: [{ bus: 18, maxKw: [0, 900, 1500, 600], curtailable: true }, { bus: 33, maxKw: [0, 500, 1200, 300], curtailable: true }] };
    const oa = await solveOpf(net, input, { cones: "oa" });
    const btn = await solveOpf(net, input, { cones: "btn" });
    expect(btn.lossKw).toBeCloseTo(oa.lossKw, 2);
    // OA is a relaxation: its objective is a lower bound of the SOCP optimum; the AC power flow of the same dispatch is
    // feasible (voltages stay inside the limits here), so its import is an upper bound. They must agree to 0.01 kW.
    const acImportKwh = oa.acCheck.series.pSlackKw.reduce((a, b) => a + b, 0);
    expect(acImportKwh - oa.objectiveKwh).toBeGreaterThan(-1e-6);
    expect(acImportKwh - oa.objectiveKwh).toBeLessThan(0.01);
    expect(oa.pvKw[0].reduce((a, b) => a + b, 0)).toBeCloseTo(900 + 1500 + 600, 3); // nothing curtailed
    expect(oa.coneGapMaxPu2).toBeLessThan(1e-6);
    expect(btn.coneGapMaxPu2).toBeLessThan(1e-6);
  });

  it("on IEEE-69 the cut loop stops when the solver no longer moves, at the AC power flow's losses (Baran & Wu: 224.95 kW)", async () => {
    // Its first branches (0.0005–0.0015 Ω) keep three cones 5.5e-9 pu² short of tight in every round: the tangent
    // cuts are met within HiGHS's tolerances, the solution does not move, and the loop used to run out of rounds.
    const net = loadNetwork("ieee69");
    const rounds: number[] = [];
    const oa = await solveOpf(net, { hours: 1 }, { cones: "oa", coneTol: 1e-9, onRound: (r) => rounds.push(r) });
    expect(rounds.length).toBeLessThan(50);
    expect(oa.coneGapMaxPu2).toBeLessThan(1e-8);
    const ac = powerFlow(net);
    expect(Math.abs(oa.lossKw - ac.lossKw)).toBeLessThan(1e-3);
    expect(Math.abs(oa.lossKw - 224.95)).toBeLessThan(0.1);
    const btn = await solveOpf(net, { hours: 1 }, { cones: "btn" });
    expect(Math.abs(btn.lossKw - oa.lossKw)).toBeLessThan(1e-3);
  });

  it("rejects bad input with typed errors naming the field", () => {
    expect(() => buildOpf(ieee33(), { loadScale: [1, 1], hours: 3 })).toThrow(ArgumentError);
    expect(() => buildOpf(ieee33(), { pv: [{ bus: 40, maxKw: 10 }] })).toThrow(/bus 40/);
    expect(() => toLpText(buildOpf(ieee33()).model)).toThrow(/cones/);
  });
});
