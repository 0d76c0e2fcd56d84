/**
 * The combinatorial dispatch of the exact aggregate (Edmonds' greedy for a price, the decomposition algorithm for
 * valley filling) against independent references: hand-solved fleets, every EV scheduled individually (HiGHS's LP
 * for a price; block-coordinate water-filling for valley filling), the LP cut loop of dispatchStation, and membership
 * in the exact aggregate (max-flow disaggregation with no shortfall).
 */
import fc from "fast-check";
import { ArgumentError, createRng, dispatchExactCombinatorial, dispatchStation, exactPriceDispatch, exactValleyDispatch, flowDisaggregate, makeEvFlex, scheduleIndividually, signalCost, valleyFillIndividually, type EvFlex, type EvSignal } from "../lib";
import { mostViolatedCuts } from "../lib/ev/exact";
import { fleetArb } from "./ev-fleet-arb";

const RUNS = { seed: Number(process.env.FC_SEED ?? 13), numRuns: Number(process.env.FC_RUNS ?? 40) };

const energy = (evs: readonly EvFlex[]) => evs.reduce((a, ev) => a + ev.eMaxKwh, 0);

/** Σ P Δt = Σ e, no slot set violated, and a max-flow places every kWh: P is in the exact aggregate. */
function expectInAggregate(evs: EvFlex[], pKw: number[]): void {
  const dtH = evs[0].grid.dtH;
  const tol = 1e-7 * Math.max(1, energy(evs));
  expect(Math.abs(pKw.reduce((a, p) => a + p * dtH, 0) - energy(evs))).toBeLessThanOrEqual(tol);
  for (const p of pKw) expect(p).toBeGreaterThanOrEqual(-tol);
  expect(mostViolatedCuts(evs, pKw).upper.violationKwh).toBeLessThanOrEqual(tol);
  expect(flowDisaggregate(evs, pKw.map((p) => Math.max(0, p))).shortfallKwh).toBeLessThanOrEqual(tol);
}

describe("exact aggregate dispatched combinatorially", () => {
  it("solves hand-made fleets", () => {
    // One EV, 3 kWh at ≤ 2 kW over two 1-h slots, base (0, 2): the level alone gives (2.5, 0.5), above the EV's
    // 2 kW in slot 0, so the optimum is (2, 1) (cost 4 + 9 = 13). Price (0.3, 1.0): fill slot 0 first → (2, 1).
    const grid = { slots: 2, dtH: 1 };
    const one = [makeEvFlex({ id: "a", grid, pMaxKw: [2, 2], eMaxKwh: 3 })];
    expect(exactValleyDispatch(one, [0, 2]).pKw).toEqual([2, 1]);
    expect(exactPriceDispatch(one, [0.3, 1]).pKw).toEqual([2, 1]);
    // The fleet where the study's envelope fails: EV1 takes 1 kWh in any of 3 slots, EV2 1 kWh in the middle one.
    // Prices (0, 1, 0): EV1 in slot 0 (ties by slot), EV2 forced into slot 1 → (1, 1, 0).
    const g3 = { slots: 3, dtH: 1 };
    const two = [makeEvFlex({ id: "any", grid: g3, pMaxKw: [1, 1, 1], eMaxKwh: 1 }), makeEvFlex({ id: "middle", grid: g3, pMaxKw: [0, 1, 0], eMaxKwh: 1 })];
    expect(exactPriceDispatch(two, [0, 1, 0]).pKw).toEqual([1, 1, 0]);
    // Valley with base (0, 0, 0): EV2's kWh sits in slot 1, so EV1 splits over slots 0 and 2 → (½, 1, ½), cost 1.5.
    const v = exactValleyDispatch(two, [0, 0, 0]);
    v.pKw.forEach((p, t) => expect(p).toBeCloseTo([0.5, 1, 0.5][t], 12));
    expect(v.splits).toBeGreaterThanOrEqual(1);
  });

  it("a price: the greedy vertex costs what scheduling every EV individually on HiGHS costs", async () => {
    await fc.assert(
      fc.asyncProperty(fleetArb({ maxSlots: 8, maxEvs: 6 }), fc.integer({ min: 0, max: 1e6 }), async (evs, seed) => {
        const rng = createRng(seed);
        const signal: EvSignal = { kind: "price", pricePerKwh: evs[0].grid.slots ? Array.from({ length: evs[0].grid.slots }, () => Math.round(rng.next() * 4) / 4) : [] };
        const d = exactPriceDispatch(evs, signal.pricePerKwh);
        const ind = await scheduleIndividually(evs, signal);
        const c = signalCost(signal, d.pKw, evs[0].grid.dtH);
        expect(Math.abs(c - ind.cost)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(ind.cost)));
        expectInAggregate(evs, d.pKw);
      }),
      RUNS,
    );
  });

  it("valley filling: the decomposition costs what block-coordinate water-filling of every EV costs", () => {
    fc.assert(
      fc.property(fleetArb({ maxSlots: 8, maxEvs: 6 }), fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: 8, maxLength: 8 }), (evs, base8) => {
        const baseKw = base8.slice(0, evs[0].grid.slots);
        const dtH = evs[0].grid.dtH;
        const signal: EvSignal = { kind: "valley", baseKw };
        const d = exactValleyDispatch(evs, baseKw);
        const ind = valleyFillIndividually(evs, baseKw);
        expect(ind.converged).toBe(true);
        const c = signalCost(signal, d.pKw, dtH);
        const ci = signalCost(signal, ind.totalKw, dtH);
        expect(Math.abs(c - ci)).toBeLessThanOrEqual(1e-7 * Math.max(1, ci));
        expectInAggregate(evs, d.pKw);
        expect(d.maxFlows).toBeLessThanOrEqual(2 * evs[0].grid.slots);
      }),
      RUNS,
    );
  });

  it("equals the LP cut loop of dispatchStation on real-sized stations with a controllable share, same draw", async () => {
    const grid = { slots: 24, dtH: 1 };
    const rng = createRng(7);
    const evs = Array.from({ length: 60 }, (_, i) => {
      const a = Math.floor(rng.next() * 20);
      const len = 2 + Math.floor(rng.next() * (24 - a - 2));
      const pMaxKw = Array.from({ length: 24 }, (_, t) => (t >= a && t < a + len ? 7.4 : 0));
      return makeEvFlex({ id: `ev${i}`, grid, pMaxKw, eMaxKwh: Math.min(7.4 * len, 2 + rng.next() * 30) });
    });
    const signals: EvSignal[] = [
      { kind: "price", pricePerKwh: Array.from({ length: 24 }, (_, t) => (t < 8 ? 0.3 : t < 12 || (t >= 17 && t < 21) ? 1 : 0.6)) },
      { kind: "valley", baseKw: Array.from({ length: 24 }, (_, t) => 100 + 60 * Math.sin((2 * Math.PI * t) / 24)) },
    ];
    for (const signal of signals) {
      for (const controllable of [1, 0.5]) {
        const lp = await dispatchStation({ evs, signal, model: "exact", controllable, rng: createRng(3) });
        const comb = dispatchExactCombinatorial({ evs, signal, controllable, rng: createRng(3) });
        expect(comb.flexibleIndex).toEqual(lp.station.flexibleIndex);
        expect(Math.abs(comb.cost - lp.cost)).toBeLessThanOrEqual(1e-6 * Math.abs(lp.cost));
        expectInAggregate(comb.flexible, comb.pKw);
      }
    }
  });

  it("refuses energy ranges with a typed error naming the EV", () => {
    const grid = { slots: 2, dtH: 1 };
    const evs = [makeEvFlex({ id: "ranged", grid, pMaxKw: [2, 2], eMaxKwh: 3, eMinKwh: 1 })];
    expect(() => exactValleyDispatch(evs, [0, 0])).toThrow(ArgumentError);
    expect(() => exactPriceDispatch(evs, [0, 1])).toThrow(/ranged/);
  });
});
