/**
 * Backward/forward sweep against feeders solved by hand in closed form.
 *  - 2 buses: |V2|² solves u² − (V1² − 2(rP + xQ)) u + (r² + x²)(P² + Q²) = 0 (larger root).
 *  - 3-bus chain: constructed backwards — fix V3 = 0.95∠0, then I23 = conj(S3/V3), V2 = V3 + z23 I23,
 *    I12 = I23 + conj(S2/V2), V1 = V2 + z12 I12 — and rotated so that V1 is real; the power flow with slack |V1|
 *    must return these voltages.
 *  - 3-bus star: two independent 2-bus problems.
 */
import { createNetwork, powerFlow, powerFlowSweep, netLoadSeries, type Network } from "../lib/network";

type C = [number, number];
const add = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const conj = (a: C): C => [a[0], -a[1]];
const div = (a: C, b: C): C => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
const abs = (a: C) => Math.hypot(a[0], a[1]);
const arg = (a: C) => Math.atan2(a[1], a[0]);

/** |V2| of a 2-bus feeder in closed form (per unit). */
function twoBusV2(v1: number, r: number, x: number, p: number, q: number): number {
  const b = v1 * v1 - 2 * (r * p + x * q);
  const u = (b + Math.sqrt(b * b - 4 * (r * r + x * x) * (p * p + q * q))) / 2;
  return Math.sqrt(u);
}

// base 1 MVA, 10 kV → zBase = 100 ohm, 1 pu power = 1000 kW
function feeder(branches: { fromBus: number; toBus: number; rPu: number; xPu: number }[], loads: [number, number][], vSlackPu = 1): Network {
  return createNetwork({
    name: "hand",
    baseMva: 1,
    baseKv: 10,
    slackBus: 1,
    vSlackPu,
    buses: loads.map(([p, q], k) => ({ bus: k + 1, pLoadKw: p, qLoadKvar: q })),
    branches,
  });
}

describe("power flow: hand-solved 2-bus feeder", () => {
  const cases = [
    { r: 0.01, x: 0.02, p: 0.5, q: 0.2, v1: 1.0 },
    { r: 0.05, x: 0.01, p: 1.2, q: 0.6, v1: 1.05 },
    { r: 0.02, x: 0.03, p: -0.4, q: 0.1, v1: 1.0 }, // reverse flow (generation at bus 2)
    { r: 0.1, x: 0.0, p: 0.3, q: 0.0, v1: 0.98 }, // purely resistive
  ];
  for (const c of cases) {
    it(`r=${c.r}, x=${c.x}, S=${c.p}+j${c.q} pu, V1=${c.v1}`, () => {
      const net = feeder([{ fromBus: 1, toBus: 2, rPu: c.r, xPu: c.x }], [[0, 0], [c.p * 1000, c.q * 1000]], c.v1);
      const res = powerFlow(net);
      const v2 = twoBusV2(c.v1, c.r, c.x, c.p, c.q);
      expect(Math.abs(res.buses[1].vPu - v2)).toBeLessThan(1e-10);
      const lossPu = (c.r * (c.p * c.p + c.q * c.q)) / (v2 * v2);
      expect(Math.abs(res.lossKw - lossPu * 1000)).toBeLessThan(1e-7); // 1e-10 pu
      expect(Math.abs(res.branches[0].pFromKw - (c.p + lossPu) * 1000)).toBeLessThan(1e-7);
      const iPu = Math.hypot(c.p, c.q) / v2;
      expect(Math.abs(res.branches[0].iPu - iPu)).toBeLessThan(1e-10);
      // 1 MVA at 10 kV: iBase = 1e6 / (√3 · 1e4) A
      expect(Math.abs(res.branches[0].iA - (iPu * 1e6) / (Math.sqrt(3) * 1e4))).toBeLessThan(1e-6);
    });
  }
});

describe("power flow: hand-solved 3-bus feeders", () => {
  it("chain 1–2–3 constructed backwards from V3", () => {
    const z12: C = [0.02, 0.04];
    const z23: C = [0.03, 0.02];
    const s2: C = [0.4, 0.15];
    const s3: C = [0.6, 0.3];
    const v3: C = [0.95, 0];
    const i23 = conj(div(s3, v3));
    const v2 = add(v3, mul(z23, i23));
    const i12 = add(i23, conj(div(s2, v2)));
    const v1 = add(v2, mul(z12, i12));
    const phi = arg(v1);
    const net = feeder(
      [
        { fromBus: 2, toBus: 3, rPu: z23[0], xPu: z23[1] }, // stored child-first order and …
        { fromBus: 2, toBus: 1, rPu: z12[0], xPu: z12[1] }, // … reversed: the network re-orients it
      ],
      [[0, 0], [s2[0] * 1000, s2[1] * 1000], [s3[0] * 1000, s3[1] * 1000]],
      abs(v1),
    );
    expect(net.branches.map((b) => [b.fromBus, b.toBus])).toEqual([[2, 3], [1, 2]]);
    const res = powerFlow(net);
    expect(Math.abs(res.buses[1].vPu - abs(v2))).toBeLessThan(1e-10);
    expect(Math.abs(res.buses[2].vPu - abs(v3))).toBeLessThan(1e-10);
    const deg = 180 / Math.PI;
    expect(Math.abs(res.buses[1].vaDeg - (arg(v2) - phi) * deg)).toBeLessThan(1e-8);
    expect(Math.abs(res.buses[2].vaDeg - (arg(v3) - phi) * deg)).toBeLessThan(1e-8);
    const lossPu = z12[0] * abs(i12) ** 2 + z23[0] * abs(i23) ** 2;
    expect(Math.abs(res.lossKw - lossPu * 1000)).toBeLessThan(1e-7);
    const sSlack = mul(v1, conj(i12));
    expect(Math.abs(res.pSlackKw - sSlack[0] * 1000)).toBeLessThan(1e-7);
    expect(Math.abs(res.qSlackKvar - sSlack[1] * 1000)).toBeLessThan(1e-7);
  });

  it("star 2–1–3 is two independent 2-bus problems", () => {
    const net = feeder(
      [
        { fromBus: 1, toBus: 2, rPu: 0.02, xPu: 0.01 },
        { fromBus: 1, toBus: 3, rPu: 0.01, xPu: 0.03 },
      ],
      [[0, 0], [700, 300], [500, 400]],
    );
    const res = powerFlow(net);
    expect(Math.abs(res.buses[1].vPu - twoBusV2(1, 0.02, 0.01, 0.7, 0.3))).toBeLessThan(1e-10);
    expect(Math.abs(res.buses[2].vPu - twoBusV2(1, 0.01, 0.03, 0.5, 0.4))).toBeLessThan(1e-10);
  });

  it("solves many hours at once, each hour as its own 2-bus problem", () => {
    const net = feeder([{ fromBus: 1, toBus: 2, rPu: 0.03, xPu: 0.04 }], [[0, 0], [800, 500]]);
    const scale = [0, 0.25, 0.5, 1, 1.3, -0.5];
    // the last hour generates (reverse flow): a net load of −0.5 × the bus load, given as an extra net load (a load
    // multiplier must be ≥ 0)
    const extraPKw = Float64Array.from({ length: 2 * scale.length }, (_, i) => (i === 2 * 5 + 1 ? -0.5 * 800 : 0));
    const extraQKvar = Float64Array.from({ length: 2 * scale.length }, (_, i) => (i === 2 * 5 + 1 ? -0.5 * 500 : 0));
    const s = powerFlowSweep(net, netLoadSeries(net, { loadScale: scale.map((k) => Math.max(k, 0)), extraPKw, extraQKvar }));
    expect(s.hours).toBe(scale.length);
    scale.forEach((k, h) => {
      expect(Math.abs(s.vPu[h * 2 + 1] - twoBusV2(1, 0.03, 0.04, 0.8 * k, 0.5 * k))).toBeLessThan(1e-10);
    });
    expect(s.lossKw[0]).toBe(0);
  });

  it("throws a SolverError beyond the loadability limit", () => {
    // a 2-bus feeder with r = x = 0.1 pu has no solution for S = 3 + j3 pu (the quadratic's discriminant < 0)
    const net = feeder([{ fromBus: 1, toBus: 2, rPu: 0.1, xPu: 0.1 }], [[0, 0], [3000, 3000]]);
    expect(() => powerFlow(net)).toThrow(/not converged/);
    const s = powerFlowSweep(net, netLoadSeries(net), { onNonConvergence: "mark" });
    expect(s.converged[0]).toBe(0);
  });
});
