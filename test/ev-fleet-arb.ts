/**
 * Random fleets and feasible individual schedules for the EV property tests (fast-check arbitraries), and the
 * brute-force membership test of the exact aggregate (all 2^T slot sets).
 */
import fc from "fast-check";
import { type EvFlex, makeEvFlex } from "../lib";
import { greedySchedule } from "../lib/ev/inner";

/** A tiny random fleet: T slots of dtH hours, N EVs with random per-slot limits and an energy (range when `ranged`). */
export function fleetArb(opts: { maxSlots?: number; maxEvs?: number; ranged?: boolean } = {}): fc.Arbitrary<EvFlex[]> {
  const { maxSlots = 6, maxEvs = 5, ranged = false } = opts;
  return fc
    .record({ T: fc.integer({ min: 1, max: maxSlots }), N: fc.integer({ min: 1, max: maxEvs }), dtH: fc.constantFrom(1, 0.5, 0.25) })
    .chain(({ T, N, dtH }) =>
      fc.array(
        fc.record({
          p: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 11, noNaN: true })), { minLength: T, maxLength: T }),
          // physical magnitudes: shares 0 or ≥ 5 %, energies 0 or ≥ 0.5 kWh where deliverable (no denormal or
          // sub-Wh energies: HiGHS's QP solver fails on such degenerate scales, see lib/dispatch/ev-dispatch.ts)
          share: fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 1, noNaN: true })),
          lowShare: ranged ? fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0.05, max: 1, noNaN: true })) : fc.constant(1),
        }),
        { minLength: N, maxLength: N },
      ).map((evs) =>
        evs.map((e, i) => {
          const deliverable = e.p.reduce((a, b) => a + b * dtH, 0);
          const eMaxKwh = e.share > 0 ? Math.min(deliverable, Math.max(0.5, e.share * deliverable)) : 0;
          return makeEvFlex({ id: `ev${i}`, grid: { slots: T, dtH }, pMaxKw: e.p, eMaxKwh, eMinKwh: e.lowShare * eMaxKwh });
        }),
      ),
    );
}

/**
 * A random feasible schedule of each EV: a random convex combination of greedy schedules for random slot orders,
 * at a random energy in [eMin, eMax].
 */
export function feasibleSchedulesArb(evs: EvFlex[]): fc.Arbitrary<number[][]> {
  const T = evs[0].grid.slots;
  const perm = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: T, maxLength: T }).map((keys) =>
    keys.map((k, t) => ({ k, t })).sort((a, b) => a.k - b.k || a.t - b.t).map((x) => x.t),
  );
  return fc.tuple(
    ...evs.map((ev) =>
      fc
        .record({ orders: fc.array(perm, { minLength: 1, maxLength: 3 }), w: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), e: fc.double({ min: 0, max: 1, noNaN: true }) })
        .map(({ orders, w, e }) => {
          const energy = ev.eMinKwh + e * (ev.eMaxKwh - ev.eMinKwh);
          const ws = orders.map((_, k) => w[k]);
          const sw = ws.reduce((a, b) => a + b, 0);
          const x = new Array<number>(T).fill(0);
          orders.forEach((o, k) => greedySchedule(ev, o, energy).forEach((v, t) => (x[t] += (ws[k] / sw) * v)));
          return x;
        }),
    ),
  );
}

/** Σ_i x_i per slot. */
export function sumSchedules(xs: number[][], T: number): number[] {
  const s = new Array<number>(T).fill(0);
  for (const x of xs) for (let t = 0; t < T; t++) s[t] += x[t];
  return s;
}

/** Checks that x is feasible for ev (bounds and energy) within tol. */
export function expectFeasible(ev: EvFlex, x: readonly number[], tol = 1e-9): void {
  const dtH = ev.grid.dtH;
  let e = 0;
  x.forEach((v, t) => {
    if (v < -tol || v > ev.pMaxKw[t] + tol) throw new Error(`${ev.id}: slot ${t} power ${v} outside [0, ${ev.pMaxKw[t]}]`);
    e += v * dtH;
  });
  if (e < ev.eMinKwh - tol * Math.max(1, ev.eMaxKwh) || e > ev.eMaxKwh + tol * Math.max(1, ev.eMaxKwh)) {
    throw new Error(`${ev.id}: energy ${e} outside [${ev.eMinKwh}, ${ev.eMaxKwh}]`);
  }
}

/**
 * Brute force over every slot set A: max_A (D(A) − p(A)) and max_A (b(A) − D(A)), with p, b computed here from
 * their definitions (independently of lib/ev/exact.ts).
 */
export function bruteForceViolations(evs: EvFlex[], pKw: readonly number[]): { upper: number; lower: number } {
  const T = evs[0].grid.slots;
  const dtH = evs[0].grid.dtH;
  let upper = -Infinity;
  let lower = -Infinity;
  for (let mask = 0; mask < 1 << T; mask++) {
    let D = 0;
    for (let t = 0; t < T; t++) if (mask & (1 << t)) D += pKw[t] * dtH;
    let p = 0;
    let b = 0;
    for (const ev of evs) {
      let inA = 0;
      let out = 0;
      for (let t = 0; t < T; t++) (mask & (1 << t) ? (inA += ev.pMaxKw[t] * dtH) : (out += ev.pMaxKw[t] * dtH));
      p += Math.min(ev.eMaxKwh, inA);
      b += Math.max(0, ev.eMinKwh - out);
    }
    upper = Math.max(upper, D - p);
    lower = Math.max(lower, b - D);
  }
  return { upper, lower };
}

/** A random trajectory around the fleet's power limits (inside and outside the aggregate). */
export function trajectoryArb(evs: EvFlex[]): fc.Arbitrary<number[]> {
  const T = evs[0].grid.slots;
  const cap = sumSchedules(evs.map((e) => e.pMaxKw), T);
  return fc.array(fc.double({ min: -0.05, max: 1.1, noNaN: true }), { minLength: T, maxLength: T }).map((u) => u.map((v, t) => v * cap[t]));
}
