/**
 * The master as one LP per siting (siting-lps.ts) against the master as one MILP (HiGHS branch and bound): on random
 * optimality cuts over the paper case's 22 sitings, the same optimum after every batch of cuts, the same level-problem
 * distance, and an incumbent bound that drops sitings without raising the bound above the MILP's.
 */
import { BendersMaster, type BendersCut, createRng, planningInputs, readPlanningCase } from "../lib";

/** Random cuts: each day's cost falls with storage, fastest at the `favoured` candidates (all alike by default). */
function randomCuts(days: readonly string[], n: number, perDay: number, rand: () => number, favoured?: readonly boolean[]): BendersCut[] {
  const cuts: BendersCut[] = [];
  const scale = (j: number) => (favoured === undefined || favoured[j] ? 1 : 0.02);
  for (const key of days) {
    for (let i = 0; i < perDay; i++) {
      const eKwh = Array.from({ length: n }, (_, j) => -rand() * 4 * scale(j));
      const pKw = Array.from({ length: n }, (_, j) => -rand() * 2 * scale(j));
      cuts.push({ key, constant: 30_000 - rand() * 20_000, eKwh, pKw });
    }
  }
  return cuts;
}

describe("the master as one LP per siting", () => {
  it("equals the MILP master, batch after batch, and in its level problem", { timeout: 120_000 }, async () => {
    const inputs = planningInputs(readPlanningCase(), { k: 4 });
    const days = inputs.scenarios.map((s) => s.id);
    const n = inputs.case.storage.candidates.length;
    const rng = createRng(7);
    const rand = () => rng.next();
    const milp = new BendersMaster(inputs.case, inputs.scenarios, { sitingLps: 0 });
    const lps = new BendersMaster(inputs.case, inputs.scenarios);
    const pruned = new BendersMaster(inputs.case, inputs.scenarios);
    try {
      for (let batch = 0; batch < 4; batch++) {
        const cuts = randomCuts(days, n, 3, rand);
        for (const m of [milp, lps, pruned]) await m.addKnownCuts(cuts);
        const a = await milp.solve();
        const b = await lps.solve();
        expect(Math.abs(b.lowerBound - a.lowerBound)).toBeLessThanOrEqual(1e-6 * Math.abs(a.lowerBound) + 1e-6);
        expect(b.x.built.filter(Boolean).length).toBeLessThanOrEqual(inputs.case.storage.maxSites);
        // An incumbent 0.5 % above the bound: sitings bounded above it are skipped, the least bound is unchanged.
        const c = await pruned.solve(a.lowerBound * 1.005);
        expect(Math.abs(c.lowerBound - a.lowerBound)).toBeLessThanOrEqual(1e-6 * Math.abs(a.lowerBound) + 1e-6);
        // The level problem: least L1 distance (scaled) to a centre within the level; both reach the same distance.
        const centre = { built: b.x.built.map(() => false), eKwh: b.x.eKwh.map(() => 0), pKw: b.x.pKw.map(() => 0) };
        const level = a.lowerBound + 0.3 * Math.abs(a.lowerBound) * 0.01;
        const la = await milp.levelSolve(centre, level);
        const lb = await lps.levelSolve(centre, level);
        const st = inputs.case.storage;
        const dist = (x: typeof la.x) => x.eKwh.reduce((s, e) => s + e / st.maxEnergyKwhPerSite, 0) + x.pKw.reduce((s, p) => s + p / (st.maxEnergyKwhPerSite / st.eToPMinH), 0);
        expect(Math.abs(dist(lb.x) - dist(la.x))).toBeLessThanOrEqual(1e-5 * Math.max(1, dist(la.x)));
      }
    } finally {
      for (const m of [milp, lps, pruned]) m.dispose();
    }
  });

  it("finds the best siting wherever it is", { timeout: 120_000 }, async () => {
    const inputs = planningInputs(readPlanningCase(), { k: 4 });
    const days = inputs.scenarios.map((s) => s.id);
    const st = inputs.case.storage;
    const n = st.candidates.length;
    const rng = createRng(11);
    const rand = () => rng.next();
    // Every siting of exactly maxSites sites favoured in turn: the MILP builds it, and so must the LPs.
    const sitings: boolean[][] = [];
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) sitings.push(Array.from({ length: n }, (_, j) => j === a || j === b));
    expect(st.maxSites).toBe(2);
    for (const favoured of sitings) {
      const cuts = randomCuts(days, n, 4, rand, favoured);
      const milp = new BendersMaster(inputs.case, inputs.scenarios, { sitingLps: 0 });
      const lps = new BendersMaster(inputs.case, inputs.scenarios);
      try {
        for (const m of [milp, lps]) await m.addKnownCuts(cuts);
        const a = await milp.solve();
        const b = await lps.solve();
        expect(a.x.built).toEqual(favoured);
        expect(b.x.built).toEqual(favoured);
        expect(Math.abs(b.lowerBound - a.lowerBound)).toBeLessThanOrEqual(1e-6 * Math.abs(a.lowerBound) + 1e-6);
      } finally {
        milp.dispose();
        lps.dispose();
      }
    }
  });

  it("reports every other siting's optimum, least bound first, each the MILP's with that siting fixed", { timeout: 120_000 }, async () => {
    const inputs = planningInputs(readPlanningCase(), { k: 4 });
    const days = inputs.scenarios.map((s) => s.id);
    const n = inputs.case.storage.candidates.length;
    const rng = createRng(5);
    const cuts = randomCuts(days, n, 3, () => rng.next());
    const lps = new BendersMaster(inputs.case, inputs.scenarios);
    try {
      await lps.addKnownCuts(cuts);
      const best = await lps.solve();
      const others = best.others!;
      // 22 sitings of at most two sites (none, 6 single, 15 pairs): every one but the best.
      expect(others.length).toBe(21);
      const bounds = [best.lowerBound, ...others.map((o) => o.lowerBound)];
      bounds.slice(1).forEach((b, i) => expect(b).toBeGreaterThanOrEqual(bounds[i]));
      for (const o of others.slice(0, 3)) {
        const milp = new BendersMaster(inputs.case, inputs.scenarios, { sitingLps: 0 });
        try {
          await milp.addKnownCuts(cuts);
          milp.fixBuild(o.x.built);
          const a = await milp.solve();
          expect(Math.abs(o.lowerBound - a.lowerBound)).toBeLessThanOrEqual(1e-6 * Math.abs(a.lowerBound) + 1e-6);
        } finally {
          milp.dispose();
        }
      }
    } finally {
      lps.dispose();
    }
  });
});
