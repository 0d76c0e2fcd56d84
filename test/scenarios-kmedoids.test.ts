/**
 * PAM and FasterPAM against brute force over every medoid set, against each other, and against a brute-force check
 * of single-swap local optimality; determinism; edge cases and errors.
 */
import fc from "fast-check";
import { distanceMatrix, distanceMatrixFromRows, type DistanceMatrix } from "../lib/scenarios/distance";
import { fasterPam } from "../lib/scenarios/fasterpam";
import { kMedoidsPlusPlus, labInit } from "../lib/scenarios/kmedoids-init";
import { kMedoids } from "../lib/scenarios/kmedoids";
import { pam, pamBuild, pamBuildRowScans } from "../lib/scenarios/pam";
import { assignToMedoids, swapMedoid, totalDeviation } from "../lib/scenarios/medoid-state";
import { createRng } from "../lib/util/random";
import { ArgumentError, DataValidationError } from "../lib/util/errors";

/** Loss of a medoid set, straight from the definition. */
function lossOf(points: number[][], medoids: number[]): number {
  const d = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0));
  return points.reduce((s, p) => s + Math.min(...medoids.map((m) => d(p, points[m]))), 0);
}

function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, cur: number[]) => {
    if (cur.length === k) return void out.push(cur.slice());
    for (let i = start; i < n; i++) rec(i + 1, [...cur, i]);
  };
  rec(0, []);
  return out;
}

/** The best loss over all medoid sets. */
function bruteForce(points: number[][], k: number): { loss: number; medoids: number[] } {
  let best = { loss: Infinity, medoids: [] as number[] };
  for (const c of combinations(points.length, k)) {
    const l = lossOf(points, c);
    if (l < best.loss) best = { loss: l, medoids: c };
  }
  return best;
}

/** True when no single swap (medoid out, non-medoid in) lowers the loss, by enumeration. */
function isSwapLocalOptimum(points: number[][], medoids: number[]): boolean {
  const base = lossOf(points, medoids);
  for (let m = 0; m < medoids.length; m++) {
    for (let h = 0; h < points.length; h++) {
      if (medoids.includes(h)) continue;
      const next = medoids.slice();
      next[m] = h;
      if (lossOf(points, next) < base - 1e-9 * base) return false;
    }
  }
  return true;
}

function randomPoints(seed: number, n: number, dim: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Array.from({ length: dim }, () => Math.round(rng.next() * 1000) / 100));
}

describe("PAM and FasterPAM on small instances", () => {
  it("hand-solved: two well separated groups on a line", () => {
    const pts = [[0], [1], [2], [10], [11], [12]];
    const D = distanceMatrix(pts);
    for (const r of [pam(D, 2), fasterPam(D, 2, { seed: 3 })]) {
      expect(r.medoids).toEqual([1, 4]);
      expect(r.assignment).toEqual([0, 0, 0, 1, 1, 1]);
      expect(r.loss).toBeCloseTo(4, 12);
      expect(r.clusterSizes).toEqual([3, 3]);
    }
  });

  it("PAM BUILD picks the object of least total distance first (hand-solved)", () => {
    // On a line 0, 1, 2, 3, 10: sums 16, 13, 12, 13, 44 → object 2 first; then gain of 10 is 7 + ... largest.
    expect(pamBuild(distanceMatrix([[0], [1], [2], [3], [10]]), 2)).toEqual([2, 4]);
  });

  it("reach the brute-force optimum, or a single-swap local optimum, on 200 random instances", () => {
    let pamOptimal = 0;
    let fasterOptimal = 0;
    let total = 0;
    let worstGap = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const n = 7 + (seed % 6);
      const k = 2 + (seed % 3);
      const pts = randomPoints(seed, n, 1 + (seed % 4));
      const D = distanceMatrix(pts);
      const opt = bruteForce(pts, k);
      const p = pam(D, k);
      const f = fasterPam(D, k, { seed });
      // Losses are recomputed independently from the points.
      expect(p.loss).toBeCloseTo(lossOf(pts, p.medoids), 9);
      expect(f.loss).toBeCloseTo(lossOf(pts, f.medoids), 9);
      expect(p.loss).toBeGreaterThanOrEqual(opt.loss - 1e-9);
      expect(f.loss).toBeGreaterThanOrEqual(opt.loss - 1e-9);
      // Both stop only at a point no single swap improves.
      expect(isSwapLocalOptimum(pts, p.medoids)).toBe(true);
      expect(isSwapLocalOptimum(pts, f.medoids)).toBe(true);
      total++;
      if (p.loss <= opt.loss * (1 + 1e-12)) pamOptimal++;
      worstGap = Math.max(worstGap, p.loss / opt.loss - 1, f.loss / opt.loss - 1);
      if (f.loss <= opt.loss * (1 + 1e-12)) fasterOptimal++;
    }
    console.log(`[kmedoids] brute force, ${total} instances (n 7–12, k 2–4): PAM optimal in ${pamOptimal}, FasterPAM in ${fasterOptimal}; the others are single-swap local optima, at most ${(100 * worstGap).toFixed(1)} % above the optimum`);
    // Measured: PAM 179/200, FasterPAM 182/200 (tiny random sets, many in 1-D, have many local optima).
    expect(pamOptimal / total).toBeGreaterThanOrEqual(0.85);
    expect(fasterOptimal / total).toBeGreaterThanOrEqual(0.85);
  });

  it("PAM equals a naive textbook PAM (BUILD and SWAP recomputing the loss of every candidate set)", () => {
    for (let seed = 300; seed < 340; seed++) {
      // Unrounded coordinates: no ties, so both must take the very same steps.
      const rng = createRng(seed);
      const pts = Array.from({ length: 15 + (seed % 10) }, () => [rng.next() * 10, rng.next() * 10]);
      const k = 2 + (seed % 4);
      // BUILD: greedy on the loss itself.
      const med: number[] = [];
      let buildEvaluations = 0; // candidates evaluated: PAM's BUILD scans one distance row for each
      while (med.length < k) {
        let best = -1;
        let bestLoss = Infinity;
        for (let i = 0; i < pts.length; i++) {
          if (med.includes(i)) continue;
          buildEvaluations++;
          const l = lossOf(pts, [...med, i]);
          if (l < bestLoss - 1e-12) (bestLoss = l), (best = i);
        }
        med.push(best);
      }
      // SWAP: best of all (medoid, non-medoid) exchanges while it lowers the loss.
      let swaps = 0;
      let pairs = 0; // exchanges evaluated: PAM scans one distance row for each
      for (;;) {
        const base = lossOf(pts, med);
        let best = { gain: 1e-12 * base, m: -1, h: -1 };
        for (let h = 0; h < pts.length; h++) {
          if (med.includes(h)) continue;
          for (let m = 0; m < k; m++) {
            pairs++;
            const next = med.slice();
            next[m] = h;
            const gain = base - lossOf(pts, next);
            if (gain > best.gain) best = { gain, m, h };
          }
        }
        if (best.m < 0) break;
        med[best.m] = best.h;
        swaps++;
      }
      const r = pam(distanceMatrix(pts), k);
      expect(r.swaps).toBe(swaps);
      expect(r.iterations).toBe(swaps + 1);
      expect(r.rowScans).toBe(pairs);
      expect(pamBuildRowScans(pts.length, k)).toBe(buildEvaluations);
      expect(r.medoids).toEqual([...med].sort((a, b) => a - b));
      expect(r.loss).toBeCloseTo(lossOf(pts, med), 9);
    }
  });

  it("property: on any small point set both methods end at a swap-local optimum no better than brute force", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })), { minLength: 4, maxLength: 9 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1000 }),
        (raw, k, seed) => {
          const pts = raw.map(([a, b]) => [a, b]);
          if (k > pts.length) return;
          const D = distanceMatrix(pts);
          const opt = bruteForce(pts, k).loss;
          for (const r of [pam(D, k), fasterPam(D, k, { seed })]) {
            expect(r.loss).toBeGreaterThanOrEqual(opt - 1e-9);
            expect(isSwapLocalOptimum(pts, r.medoids)).toBe(true);
            expect(r.medoids).toEqual([...r.medoids].sort((a, b) => a - b));
            expect(new Set(r.medoids).size).toBe(k);
          }
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });

  it("k = 1 gives the object of least total distance; k = n gives loss 0", () => {
    const pts = randomPoints(5, 9, 2);
    const D = distanceMatrix(pts);
    const opt = bruteForce(pts, 1);
    expect(pam(D, 1).medoids).toEqual(opt.medoids);
    expect(fasterPam(D, 1, { seed: 1 }).medoids).toEqual(opt.medoids);
    expect(pam(D, 9).loss).toBe(0);
    expect(fasterPam(D, 9).loss).toBe(0);
    expect(pam(D, 9).medoids).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("duplicate points: medoids stay distinct objects and the loss is right", () => {
    const pts = [[0], [0], [0], [5], [5], [9]];
    const D = distanceMatrix(pts);
    for (const r of [pam(D, 3), fasterPam(D, 3, { seed: 2 })]) {
      expect(new Set(r.medoids).size).toBe(3);
      expect(r.loss).toBeCloseTo(bruteForce(pts, 3).loss, 12);
    }
  });
});

describe("nearest / second-nearest bookkeeping", () => {
  it("after any sequence of swaps it equals a fresh assignment (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 2, max: 5 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 15 }), (seed, k, swaps) => {
        const pts = randomPoints(seed, 25, 2);
        const D = distanceMatrix(pts);
        const medoids = Array.from({ length: k }, (_, i) => i * 3);
        const { state } = assignToMedoids(D, medoids);
        for (const [a, b] of swaps) {
          const slot = a % k;
          const h = b % 25;
          if (state.medoids.includes(h)) continue;
          const loss = swapMedoid(D, state, slot, h);
          expect(loss).toBeCloseTo(lossOf(pts, state.medoids), 9);
        }
        const fresh = assignToMedoids(D, state.medoids).state;
        expect(Array.from(state.dNear)).toEqual(Array.from(fresh.dNear));
        expect(Array.from(state.dSecond)).toEqual(Array.from(fresh.dSecond));
        // The slots may differ only between equidistant medoids.
        state.near.forEach((m, o) => expect(D.data[o * 25 + state.medoids[m]] === fresh.dNear[o] || state.medoids[m] === o).toBe(true));
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe("FasterPAM against PAM on random sets", () => {
  it("loss within 1 % on average over 20 sets of 150 points (and never worse than 3 %)", () => {
    const ratios: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRng(seed);
      const centers = Array.from({ length: 6 }, () => [rng.next() * 10, rng.next() * 10, rng.next() * 10]);
      const pts = Array.from({ length: 150 }, () => centers[Math.floor(rng.next() * 6)].map((c) => c + rng.next() * 3));
      const D = distanceMatrix(pts);
      const p = pam(D, 5);
      const f = fasterPam(D, 5, { seed });
      ratios.push(f.loss / p.loss);
    }
    const mean = ratios.reduce((s, r) => s + r, 0) / ratios.length;
    console.log(`[kmedoids] FasterPAM/PAM loss over 20 random sets: mean ${mean.toFixed(5)}, max ${Math.max(...ratios).toFixed(5)}, min ${Math.min(...ratios).toFixed(5)}`);
    expect(mean).toBeLessThan(1.01);
    expect(Math.max(...ratios)).toBeLessThan(1.03);
  });

  it("FasterPAM equals a naive eager swapping that recomputes the loss of every candidate set", () => {
    // Independent of the O(k) bookkeeping (removal losses, shared accumulator, second-nearest updates): candidates in
    // index order, each swapped with its best medoid as soon as that lowers the loss, until a full round brings none.
    for (let seed = 400; seed < 440; seed++) {
      const rng = createRng(seed);
      const n = 20 + (seed % 15);
      const pts = Array.from({ length: n }, () => [rng.next() * 10, rng.next() * 10, rng.next() * 10]);
      const k = 2 + (seed % 5);
      const start = Array.from({ length: k }, (_, i) => (i * 7 + seed) % n).filter((m, i, a) => a.indexOf(m) === i);
      const med = start.slice();
      let swaps = 0;
      let evaluated = 0; // candidates evaluated: FasterPAM scans one distance row for each (all medoids at once)
      for (let c = 0, sinceSwap = 0; sinceSwap < n; c = (c + 1) % n) {
        sinceSwap++;
        if (med.includes(c)) continue;
        evaluated++;
        const base = lossOf(pts, med);
        let best = { loss: Infinity, m: -1 };
        for (let m = 0; m < med.length; m++) {
          const next = med.slice();
          next[m] = c;
          const l = lossOf(pts, next);
          if (l < best.loss) best = { loss: l, m };
        }
        if (base - best.loss > 1e-12 * base) {
          med[best.m] = c;
          swaps++;
          sinceSwap = 0;
        }
      }
      const r = fasterPam(distanceMatrix(pts), start.length, { init: start, shuffle: false });
      expect(r.swaps).toBe(swaps);
      expect(r.rowScans).toBe(evaluated);
      expect(r.medoids).toEqual([...med].sort((a, b) => a - b));
      expect(r.loss).toBeCloseTo(lossOf(pts, med), 9);
    }
  });

  it("FasterPAM started from PAM's local optimum makes no swap", () => {
    const pts = randomPoints(11, 60, 3);
    const D = distanceMatrix(pts);
    const p = pam(D, 4);
    const f = fasterPam(D, 4, { init: p.medoids });
    expect(f.swaps).toBe(0);
    expect(f.medoids).toEqual(p.medoids);
  });
});

describe("determinism and options", () => {
  it("same seed → same result; another seed may start elsewhere", () => {
    const D = distanceMatrix(randomPoints(3, 80, 4));
    const a = fasterPam(D, 5, { seed: 7 });
    const b = fasterPam(D, 5, { seed: 7 });
    expect(b).toEqual(a);
    expect(fasterPam(D, 5, { seed: 8 }).initialMedoids).not.toEqual(a.initialMedoids);
    expect(pam(D, 5)).toEqual(pam(D, 5));
  });

  it("kMedoids takes vectors with a metric or a matrix, and both agree", () => {
    const pts = randomPoints(4, 30, 3);
    const viaVectors = kMedoids(pts, 3, { method: "pam", metric: "manhattan" });
    const manhattan = distanceMatrix(pts, { metric: (a, b) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) });
    expect(kMedoids(manhattan, 3, { method: "pam" }).medoids).toEqual(viaVectors.medoids);
  });

  it("FasterPAM from BUILD never ends worse than BUILD's loss", () => {
    const D = distanceMatrix(randomPoints(9, 100, 2));
    const f = fasterPam(D, 6, { init: "build" });
    expect(f.initialMedoids).toEqual(pamBuild(D, 6));
    expect(f.loss).toBeLessThanOrEqual(f.initialLoss + 1e-9);
  });

  it("restarts keep the best of several seeded runs", () => {
    const D = distanceMatrix(randomPoints(21, 120, 3));
    const one = fasterPam(D, 6, { seed: 3 });
    const five = fasterPam(D, 6, { seed: 3, restarts: 5 });
    expect(five.loss).toBeLessThanOrEqual(one.loss);
    expect(fasterPam(D, 6, { seed: 3, restarts: 5 })).toEqual(five);
    // The documented seeds of the runs: the given one, then draws of createRng(seed). Work adds up over the runs.
    const rng = createRng(3);
    const runs = [3, ...Array.from({ length: 4 }, () => Math.floor(rng.next() * 2 ** 31))].map((s) => fasterPam(D, 6, { seed: s }));
    expect(five.loss).toBe(Math.min(...runs.map((r) => r.loss)));
    expect(five.rowScans).toBe(runs.reduce((a, r) => a + r.rowScans, 0));
    expect(() => fasterPam(D, 6, { restarts: 0 })).toThrow(ArgumentError);
  });

  it("LAB equals BUILD when its sample (10 + ⌈√n⌉) covers every object", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const rng = createRng(seed);
      const pts = Array.from({ length: 13 }, () => [rng.next() * 10, rng.next() * 10]);
      const D = distanceMatrix(pts);
      // Same greedy gains at every step (two objects of a symmetric pair have exactly equal gains, so compare the
      // total deviation of each prefix rather than the indices).
      const lab = labInit(D, 3, createRng(seed));
      const build = pamBuild(D, 3);
      for (let j = 1; j <= 3; j++) expect(totalDeviation(D, lab.slice(0, j))).toBeCloseTo(totalDeviation(D, build.slice(0, j)), 12);
    }
    const big = distanceMatrix(randomPoints(2, 400, 2));
    const lab = labInit(big, 8, createRng(1));
    expect(new Set(lab).size).toBe(8);
  });

  it("k-medoids++ draws the next medoid with probability D² / ΣD² (hand-computed pair probabilities)", () => {
    // Points 0, 1, 3 on a line, k = 2. First medoid uniform; then from 0: P(1) = 1/10, P(3) = 9/10; from 1:
    // 1/5, 4/5; from 3: P(0) = 9/13, P(1) = 4/13. Unordered pairs: {0,1} 1/10, {0,3} 3/10 + 3/13, {1,3} 4/15 + 4/39.
    const D = distanceMatrix([[0], [1], [3]]);
    const expected: Record<string, number> = { "0,1": 0.1, "0,2": 0.3 + 3 / 13, "1,2": 4 / 15 + 4 / 39 };
    const counts: Record<string, number> = { "0,1": 0, "0,2": 0, "1,2": 0 };
    const runs = 20000;
    const rng = createRng(7);
    for (let i = 0; i < runs; i++) {
      const m = kMedoidsPlusPlus(D, 2, rng).sort((a, b) => a - b);
      counts[m.join(",")]++;
    }
    // Standard error of each frequency ≤ 0.0036: a tolerance of 0.015 is four of them.
    for (const key of Object.keys(expected)) expect(Math.abs(counts[key] / runs - expected[key])).toBeLessThan(0.015);
  });

  it("k-medoids++: k distinct medoids, seeded, one per well-separated blob, usable by FasterPAM", () => {
    const same = distanceMatrix(Array.from({ length: 6 }, () => [2, 2]));
    expect(new Set(kMedoidsPlusPlus(same, 4, createRng(1))).size).toBe(4);
    const D = distanceMatrix(randomPoints(5, 200, 3));
    expect(kMedoidsPlusPlus(D, 7, createRng(3))).toEqual(kMedoidsPlusPlus(D, 7, createRng(3)));
    // Five blobs of 40 points, each within a 0.5 × 0.5 square, 99.5 or more apart: a covered blob's points weigh
    // D² ≤ 0.5, an uncovered blob's ≥ 99.5², so each draw lands in a covered blob with probability
    // ≤ 160 · 0.5 / (40 · 99.5²) ≈ 2e-4, and the five medoids fall in five different blobs.
    const rng = createRng(11);
    const blobs = Array.from({ length: 200 }, (_, i) => [100 * (i % 5) + 0.5 * rng.next(), 0.5 * rng.next()]);
    const B = distanceMatrix(blobs);
    for (let seed = 0; seed < 20; seed++) {
      const m = kMedoidsPlusPlus(B, 5, createRng(seed));
      expect(new Set(m.map((i) => i % 5)).size).toBe(5);
    }
    const f = fasterPam(D, 7, { init: "kmedoids++", seed: 2, restarts: 3 });
    expect(f.loss).toBeCloseTo(totalDeviation(D, f.medoids), 9);
    expect(f).toEqual(fasterPam(D, 7, { init: "kmedoids++", seed: 2, restarts: 3 }));
    expect(() => kMedoidsPlusPlus(D, 0, createRng(1))).toThrow(ArgumentError);
    expect(() => fasterPam(D, 3, { init: "kmeans" as never })).toThrow(/kmedoids\+\+/);
  });

  it("rejects bad k, initial medoids and methods", () => {
    const D = distanceMatrix([[0], [1], [2]]);
    expect(() => pam(D, 0)).toThrow(ArgumentError);
    expect(() => pam(D, 4)).toThrow(ArgumentError);
    expect(() => fasterPam(D, 2, { init: [0, 0] })).toThrow(ArgumentError);
    expect(() => fasterPam(D, 2, { init: [0, 5] })).toThrow(ArgumentError);
    expect(() => kMedoids(D, 2, { method: "clara" as never })).toThrow(ArgumentError);
  });
});

describe("distance matrices", () => {
  it("metrics agree with direct formulas", () => {
    const pts = [[0, 0], [3, 4], [-1, 2]];
    const at = (D: DistanceMatrix, i: number, j: number) => D.data[i * D.n + j];
    expect(at(distanceMatrix(pts), 0, 1)).toBe(5);
    expect(at(distanceMatrix(pts, { metric: "sqeuclidean" }), 0, 1)).toBe(25);
    expect(at(distanceMatrix(pts, { metric: "manhattan" }), 1, 2)).toBe(6);
    expect(at(distanceMatrix(pts, { metric: "chebyshev" }), 1, 2)).toBe(4);
    expect(at(distanceMatrix(pts), 2, 2)).toBe(0);
  });

  it("validates matrices given as rows", () => {
    expect(distanceMatrixFromRows([[0, 1], [1, 0]]).data).toEqual(Float64Array.from([0, 1, 1, 0]));
    expect(() => distanceMatrixFromRows([[0, 1], [2, 0]])).toThrow(DataValidationError);
    expect(() => distanceMatrixFromRows([[1, 1], [1, 0]])).toThrow(DataValidationError);
    expect(() => distanceMatrixFromRows([[0, -1], [-1, 0]])).toThrow(DataValidationError);
    expect(() => distanceMatrixFromRows([[0, 1]])).toThrow(DataValidationError);
    expect(() => distanceMatrix([[1, 2], [3]])).toThrow(DataValidationError);
    expect(() => distanceMatrix([[1, NaN]])).toThrow(DataValidationError);
  });
});
