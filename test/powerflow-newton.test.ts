/**
 * Property: on random radial feeders (random trees, random slack position, branches stored in random order and
 * orientation, random loads and PV) the backward/forward sweep agrees with an independent Newton–Raphson power
 * flow on the bus admittance matrix to 1e-9 pu, and its DistFlow point satisfies the branch-flow equations.
 */
import fc from "fast-check";
import {
  createNetwork,
  distFlowPoint,
  distFlowResiduals,
  netLoadPu,
  newtonPowerFlow,
  powerFlowSweep,
  type NetworkInput,
} from "../lib/network";

interface Case {
  input: NetworkInput;
  pKw: number[];
  qKvar: number[];
}

const feederArb: fc.Arbitrary<Case> = fc.integer({ min: 2, max: 40 }).chain((n) =>
  fc
    .record({
      parents: fc.tuple(...Array.from({ length: n - 1 }, (_, k) => fc.integer({ min: 0, max: k }))),
      perm: fc.shuffledSubarray(Array.from({ length: n }, (_, k) => k + 1), { minLength: n, maxLength: n }),
      flips: fc.array(fc.boolean(), { minLength: n - 1, maxLength: n - 1 }),
      order: fc.shuffledSubarray(Array.from({ length: n - 1 }, (_, k) => k), { minLength: n - 1, maxLength: n - 1 }),
      r: fc.array(fc.double({ min: 5e-4, max: 1e-2, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
      x: fc.array(fc.double({ min: 0, max: 1e-2, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
      p: fc.array(fc.double({ min: -50, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
      q: fc.array(fc.double({ min: -30, max: 60, noNaN: true }), { minLength: n, maxLength: n }),
      vSlackPu: fc.double({ min: 0.95, max: 1.05, noNaN: true }),
    })
    .map(({ parents, perm, flips, order, r, x, p, q, vSlackPu }) => {
      // tree node 0 is the root; node k+1 hangs below node parents[k]; bus number of node j is perm[j]
      const branches = order.map((k) => {
        const a = perm[parents[k]];
        const b = perm[k + 1];
        return { fromBus: flips[k] ? b : a, toBus: flips[k] ? a : b, rPu: r[k], xPu: x[k] };
      });
      const input: NetworkInput = {
        name: "random",
        baseMva: 10,
        baseKv: 12.66,
        slackBus: perm[0],
        vSlackPu,
        buses: perm.map((bus) => ({ bus })),
        branches,
      };
      return { input, pKw: p, qKvar: q };
    }),
);

describe("sweep vs Newton–Raphson on random radial feeders", () => {
  it("agree to 1e-9 pu in voltage magnitude and angle", () => {
    fc.assert(
      fc.property(feederArb, ({ input, pKw, qKvar }) => {
        const net = createNetwork(input);
        // dense per-bus arrays: bus b at b − 1
        const p = new Float64Array(net.buses.length);
        const q = new Float64Array(net.buses.length);
        input.buses.forEach((b, j) => {
          p[b.bus - 1] = pKw[j];
          q[b.bus - 1] = qKvar[j];
        });
        const s = powerFlowSweep(net, { pKw: p, qKvar: q });
        const nr = newtonPowerFlow(net, { pKw: p, qKvar: q });
        for (let k = 0; k < net.buses.length; k++) {
          expect(Math.abs(s.vPu[k] - nr.vPu[k])).toBeLessThan(1e-9);
          expect(Math.abs(s.vaDeg[k] - nr.vaDeg[k])).toBeLessThan(1e-7);
        }
        expect(Math.abs(s.lossKw[0] - nr.lossKw)).toBeLessThan(1e-5);
        // every branch is stored parent → child after createNetwork
        for (const b of net.branches) expect(b.fromBus).not.toBe(b.toBus);
        // the exact DistFlow point of the solution satisfies the branch-flow equations
        const res = distFlowResiduals(net, distFlowPoint(net, s, 0), netLoadPu(net, { pKw: p, qKvar: q }), input.vSlackPu);
        expect(res.maxAbsEquality).toBeLessThan(1e-11);
        expect(res.maxAbsConeGap).toBeLessThan(1e-11);
      }),
      { numRuns: 150, seed: 20240603 },
    );
  });
});
