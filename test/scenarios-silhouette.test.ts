/**
 * Silhouette against a direct computation from the points (written here independently), the elbow rule on
 * hand-made curves, and the K sweep.
 */
import { kSweep, elbowK } from "../lib/scenarios/choose-k";
import { distanceMatrix } from "../lib/scenarios/distance";
import { pam } from "../lib/scenarios/pam";
import { silhouette } from "../lib/scenarios/silhouette";
import { createRng } from "../lib/util/random";
import { ArgumentError } from "../lib/util/errors";

/** Rousseeuw's silhouette straight from the definition, on points. */
function directSilhouette(pts: number[][], labels: number[]): number {
  const dist = (a: number[], b: number[]) => Math.hypot(...a.map((x, i) => x - b[i]));
  const clusters = Array.from(new Set(labels));
  let total = 0;
  pts.forEach((p, i) => {
    const own = pts.filter((_, j) => j !== i && labels[j] === labels[i]);
    if (own.length === 0) return; // s = 0 for a singleton
    const a = own.reduce((s, q) => s + dist(p, q), 0) / own.length;
    const b = Math.min(
      ...clusters.filter((c) => c !== labels[i]).map((c) => {
        const members = pts.filter((_, j) => labels[j] === c);
        return members.reduce((s, q) => s + dist(p, q), 0) / members.length;
      }),
    );
    total += (b - a) / Math.max(a, b);
  });
  return total / pts.length;
}

describe("silhouette", () => {
  it("hand-solved: two pairs on a line", () => {
    // 0, 1 | 10, 11: for 0, a = 1, b = (10 + 11) / 2 = 10.5 → s = 9.5 / 10.5.
    const s = silhouette(distanceMatrix([[0], [1], [10], [11]]), [0, 0, 1, 1]);
    expect(s.values[0]).toBeCloseTo(9.5 / 10.5, 12);
    // For 1: a = 1, b = (9 + 10) / 2 = 9.5 → s = 8.5 / 9.5.
    expect(s.values[1]).toBeCloseTo(8.5 / 9.5, 12);
    expect(s.mean).toBeCloseTo((2 * 9.5 / 10.5 + 2 * 8.5 / 9.5) / 4, 12);
    expect(s.perCluster.length).toBe(2);
  });

  it("equals the direct O(n²) computation on random clusterings, singletons included", () => {
    for (let seed = 1; seed <= 15; seed++) {
      const rng = createRng(seed);
      const n = 20 + seed;
      const pts = Array.from({ length: n }, () => [rng.next() * 10, rng.next() * 10, rng.next()]);
      const D = distanceMatrix(pts);
      const k = 2 + (seed % 5);
      const labels = pam(D, k).assignment;
      if (seed % 3 === 0) labels[0] = k; // a singleton cluster
      expect(silhouette(D, labels).mean).toBeCloseTo(directSilhouette(pts, labels), 10);
    }
  });

  it("is 0 for a single cluster and rejects a mismatched assignment", () => {
    expect(silhouette(distanceMatrix([[0], [1], [2]]), [0, 0, 0]).mean).toBe(0);
    expect(() => silhouette(distanceMatrix([[0], [1]]), [0])).toThrow(ArgumentError);
  });
});

describe("choice of K", () => {
  it("elbow: the point farthest below the chord", () => {
    expect(elbowK([1, 2, 3, 4, 5], [100, 40, 30, 25, 20])).toBe(2);
    expect(elbowK([2, 3, 4, 5, 6, 7], [100, 90, 80, 30, 25, 20])).toBe(5);
    // A straight line has no elbow: the first K.
    expect(elbowK([1, 2, 3], [3, 2, 1])).toBe(1);
    expect(() => elbowK([1, 2], [2, 1])).toThrow(ArgumentError);
  });

  it("sweep on four well separated blobs: silhouette peaks at K = 4, losses decrease", () => {
    const rng = createRng(3);
    const centers = [[0, 0], [20, 0], [0, 20], [20, 20]];
    const pts = Array.from({ length: 120 }, (_, i) => centers[i % 4].map((c) => c + rng.next() * 2));
    const sweep = kSweep(distanceMatrix(pts), { ks: [2, 3, 4, 5, 6, 7], method: "pam" });
    expect(sweep.silhouetteK).toBe(4);
    expect(sweep.elbowK).toBe(4);
    for (let i = 1; i < sweep.rows.length; i++) expect(sweep.rows[i].loss).toBeLessThan(sweep.rows[i - 1].loss);
    expect(() => kSweep(distanceMatrix(pts), { ks: [1, 2] })).toThrow(ArgumentError);
  });
});
