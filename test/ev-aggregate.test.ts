/**
 * Property tests of the aggregate models on random fleets (fast-check, seeded), each against an independent check:
 * sums of feasible individual schedules lie in the study's envelope; one EV's envelope is its own set (brute force);
 * the exact aggregate's separation equals the brute-force maximum over all slot sets; its cuts are valid for every
 * feasible schedule; feasible sums disaggregate by flow with zero error; inner points always disaggregate; LLF
 * schedules are always individually feasible.
 */
import fc from "fast-check";
import { aggregateEnvelope, energyEnvelope, flowDisaggregate, innerApproximation, innerDisaggregate, llfDisaggregate, makeEvFlex, uncontrolledProfile } from "../lib";
import { envelopeViolation } from "../lib/ev/aggregate";
import { evaluateCut, mostViolatedCuts } from "../lib/ev/exact";
import { bruteForceViolations, expectFeasible, feasibleSchedulesArb, fleetArb, sumSchedules, trajectoryArb } from "./ev-fleet-arb";

const RUNS = { seed: Number(process.env.FC_SEED ?? 42), numRuns: Number(process.env.FC_RUNS ?? 150) };

describe("individual EV", () => {
  it("envelope and uncontrolled profile of a hand-made EV", () => {
    // 4 one-hour slots, 3.6 kW in slots 1–3 (half of slot 1 only), 5 kWh.
    const ev = makeEvFlex({ grid: { slots: 4, dtH: 1 }, pMaxKw: [0, 1.8, 3.6, 3.6], eMaxKwh: 5 });
    const env = energyEnvelope(ev);
    expect(env.earliestKwh).toEqual([0, 0, 1.8, 5, 5]);
    expect(env.latestKwh.map((x) => +x.toFixed(12))).toEqual([0, 0, 0, 1.4, 5]);
    expect(uncontrolledProfile(ev)).toEqual([0, 1.8, 3.2, 0]);
  });
});

describe("study's envelope (outer approximation)", () => {
  it("contains every sum of feasible individual schedules", () => {
    fc.assert(
      fc.property(fleetArb({ ranged: true }).chain((evs) => fc.tuple(fc.constant(evs), feasibleSchedulesArb(evs))), ([evs, xs]) => {
        const v = envelopeViolation(aggregateEnvelope(evs), sumSchedules(xs, evs[0].grid.slots));
        expect(v.powerKw).toBeLessThan(1e-9);
        expect(v.energyKwh).toBeLessThan(1e-9);
      }),
      RUNS,
    );
  });

  it("for one EV equals the EV's own set (membership agrees with brute force)", () => {
    fc.assert(
      fc.property(fleetArb({ maxEvs: 1, ranged: true }).chain((evs) => fc.tuple(fc.constant(evs), trajectoryArb(evs))), ([evs, p]) => {
        const v = envelopeViolation(aggregateEnvelope(evs), p);
        const inEnv = Math.max(v.powerKw * evs[0].grid.dtH, v.energyKwh);
        const bf = bruteForceViolations(evs, p);
        const inExact = Math.max(bf.upper, bf.lower, ...p.map((x) => -x * evs[0].grid.dtH));
        fc.pre(Math.abs(inEnv) > 1e-9 && Math.abs(inExact) > 1e-9); // skip boundary points
        expect(inEnv <= 0).toBe(inExact <= 0);
      }),
      RUNS,
    );
  });
});

describe("exact aggregate (g-polymatroid by max-flow)", () => {
  it("finds the most violated upper and lower slot sets (= brute force over all sets)", () => {
    fc.assert(
      fc.property(fleetArb({ ranged: true }).chain((evs) => fc.tuple(fc.constant(evs), trajectoryArb(evs))), ([evs, p]) => {
        const bf = bruteForceViolations(evs, p);
        const sep = mostViolatedCuts(evs, p, { lower: true });
        const tol = 1e-9 * Math.max(1, ...p.map(Math.abs));
        expect(sep.upper.violationKwh).toBeGreaterThan(bf.upper - tol);
        expect(sep.upper.violationKwh).toBeLessThan(bf.upper + tol);
        expect(sep.lower!.violationKwh).toBeGreaterThan(bf.lower - tol);
        expect(sep.lower!.violationKwh).toBeLessThan(bf.lower + tol);
      }),
      RUNS,
    );
  });

  it("every cut it generates is valid for every feasible individual schedule", () => {
    fc.assert(
      fc.property(
        fleetArb({ ranged: true }).chain((evs) => fc.tuple(fc.constant(evs), trajectoryArb(evs), feasibleSchedulesArb(evs))),
        ([evs, p, xs]) => {
          const sep = mostViolatedCuts(evs, p, { lower: true });
          const sum = sumSchedules(xs, evs[0].grid.slots);
          for (const cut of [sep.upper, sep.lower!]) {
            const at = evaluateCut(evs, sum, cut.kind, cut.slots);
            expect(at.violationKwh).toBeLessThan(1e-9 * Math.max(1, at.boundKwh));
          }
        },
      ),
      RUNS,
    );
  });

  it("disaggregates every feasible sum by flow with zero error into feasible schedules", () => {
    fc.assert(
      fc.property(fleetArb({ ranged: true, maxSlots: 8, maxEvs: 8 }).chain((evs) => fc.tuple(fc.constant(evs), feasibleSchedulesArb(evs))), ([evs, xs]) => {
        const sum = sumSchedules(xs, evs[0].grid.slots);
        const d = flowDisaggregate(evs, sum);
        const scale = Math.max(1, ...sum);
        expect(d.shortfallKwh).toBeLessThan(1e-9 * scale);
        d.residualKw.forEach((r) => expect(Math.abs(r)).toBeLessThan(1e-9 * scale));
        evs.forEach((ev, i) => expectFeasible(ev, d.pKw[i], 1e-9 * scale));
      }),
      RUNS,
    );
  });

  it("a trajectory is in the exact aggregate iff no slot set is violated (brute force) iff the flow places it all", () => {
    fc.assert(
      fc.property(fleetArb({ ranged: false }).chain((evs) => fc.tuple(fc.constant(evs), trajectoryArb(evs))), ([evs, p]) => {
        const dtH = evs[0].grid.dtH;
        const bf = bruteForceViolations(evs, p);
        const neg = Math.max(0, ...p.map((x) => -x * dtH));
        const worst = Math.max(bf.upper, bf.lower, neg);
        fc.pre(Math.abs(worst) > 1e-9);
        const d = flowDisaggregate(evs, p);
        const err = Math.max(d.shortfallKwh, ...d.residualKw.map((r) => Math.abs(r) * dtH));
        expect(err <= 1e-9).toBe(worst < 0);
      }),
      RUNS,
    );
  });
});

describe("inner approximation and heuristics", () => {
  it("every point of the inner approximation disaggregates exactly into feasible schedules", () => {
    fc.assert(
      fc.property(
        fleetArb({ ranged: true }).chain((evs) => {
          const K = innerApproximation(evs).vertexKw.length;
          return fc.tuple(fc.constant(evs), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: K, maxLength: K }));
        }),
        ([evs, w]) => {
          fc.pre(w.some((x) => x > 1e-6));
          const inner = innerApproximation(evs);
          const s = w.reduce((a, b) => a + b, 0);
          const lambda = w.map((x) => x / s);
          const T = evs[0].grid.slots;
          const point = new Array<number>(T).fill(0);
          inner.vertexKw.forEach((v, k) => v.forEach((y, t) => (point[t] += lambda[k] * y)));
          const xs = innerDisaggregate(inner, lambda);
          evs.forEach((ev, i) => expectFeasible(ev, xs[i], 1e-9));
          sumSchedules(xs, T).forEach((y, t) => expect(y).toBeCloseTo(point[t], 9));
          // and the point lies in the exact aggregate (brute force)
          const bf = bruteForceViolations(evs, point);
          expect(Math.max(bf.upper, bf.lower)).toBeLessThan(1e-9 * Math.max(1, ...point));
        },
      ),
      RUNS,
    );
  });

  it("least-laxity-first always returns individually feasible schedules", () => {
    fc.assert(
      fc.property(fleetArb({ ranged: true }).chain((evs) => fc.tuple(fc.constant(evs), trajectoryArb(evs))), ([evs, p]) => {
        const r = llfDisaggregate(evs, p);
        evs.forEach((ev, i) => expectFeasible(ev, r.pKw[i], 1e-9));
        const sum = sumSchedules(r.pKw, evs[0].grid.slots);
        r.residualKw.forEach((x, t) => expect(x).toBeCloseTo(sum[t] - p[t], 9));
      }),
      RUNS,
    );
  });
});
