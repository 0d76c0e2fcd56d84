/**
 * Dinic max-flow and its minimum cut against two independent computations: Edmonds–Karp on the same graph and the
 * brute-force minimum over all s–t cuts (small random graphs), plus a textbook example.
 */
import fc from "fast-check";
import { ArgumentError, edmondsKarpMaxFlow, FlowNetwork } from "../lib";
import { integerScale } from "../lib/ev/maxflow";

function bruteForceMinCut(cap: number[][], s: number, t: number): number {
  const n = cap.length;
  let best = Infinity;
  for (let mask = 0; mask < 1 << n; mask++) {
    if (!(mask & (1 << s)) || mask & (1 << t)) continue;
    let c = 0;
    for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) if (mask & (1 << u) && !(mask & (1 << v))) c += cap[u][v];
    best = Math.min(best, c);
  }
  return best;
}

describe("max-flow (Dinic)", () => {
  it("finds the textbook flow of 23 (Cormen et al., Fig. 26.6) and a cut of that capacity", () => {
    const arcs: [number, number, number][] = [
      [0, 1, 16], [0, 2, 13], [1, 3, 12], [2, 1, 4], [2, 4, 14], [3, 2, 9], [3, 5, 20], [4, 3, 7], [4, 5, 4],
    ];
    const g = new FlowNetwork(6);
    for (const [u, v, c] of arcs) g.addArc(u, v, c);
    expect(g.maxFlow(0, 5)).toBe(23);
    const side = g.sourceSide(0);
    const cut = arcs.filter(([u, v]) => side[u] && !side[v]).reduce((a, [, , c]) => a + c, 0);
    expect(cut).toBe(23);
    expect(side[5]).toBe(0);
  });

  it("agrees with Edmonds–Karp and the brute-force minimum cut on random graphs; its cut has the flow's capacity", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 0, max: 20 })), { maxLength: 25 })),
        ),
        ([n, arcs]) => {
          const cap = Array.from({ length: n }, () => new Array<number>(n).fill(0));
          const g = new FlowNetwork(n);
          for (const [u, v, c] of arcs) {
            if (u === v) continue;
            g.addArc(u, v, c);
            cap[u][v] += c;
          }
          const f = g.maxFlow(0, n - 1);
          expect(f).toBe(edmondsKarpMaxFlow(cap, 0, n - 1));
          expect(f).toBe(bruteForceMinCut(cap, 0, n - 1));
          const side = g.sourceSide(0);
          let cut = 0;
          for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) if (side[u] && !side[v]) cut += cap[u][v];
          expect(cut).toBe(f);
          expect(side[n - 1]).toBe(0);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it("after reset, a reused network (arrays grown past their hint) computes what Edmonds–Karp computes", () => {
    const g = new FlowNetwork(7, 1);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.integer({ min: 0, max: 20 })), { maxLength: 25 }), (arcs) => {
        g.reset();
        const cap = Array.from({ length: 7 }, () => new Array<number>(7).fill(0));
        for (const [u, v, c] of arcs) {
          if (u === v) continue;
          g.addArc(u, v, c);
          cap[u][v] += c;
        }
        expect(g.maxFlow(0, 6)).toBe(edmondsKarpMaxFlow(cap, 0, 6));
      }),
      { seed: 8, numRuns: 200 },
    );
  });

  it("keeps flow conservation and capacities on every arc", () => {
    const g = new FlowNetwork(4);
    const a = [g.addArc(0, 1, 3), g.addArc(0, 2, 2), g.addArc(1, 2, 5), g.addArc(1, 3, 2), g.addArc(2, 3, 3)];
    expect(g.maxFlow(0, 3)).toBe(5);
    const f = a.map((e) => g.flow(e));
    f.forEach((x, k) => expect(x).toBeLessThanOrEqual(g.capacity(a[k])));
    expect(f[0]).toBe(f[2] + f[3]); // node 1
    expect(f[1] + f[2]).toBe(f[4]); // node 2
  });

  it("scales totals to exact integers below 2^50 and rejects bad input", () => {
    expect(integerScale(1000) * 1000).toBeLessThanOrEqual(2 ** 50);
    expect(integerScale(1000) * 1000 * 2).toBeGreaterThan(2 ** 50);
    expect(integerScale(0)).toBe(2 ** 70);
    expect(() => new FlowNetwork(1)).toThrow(ArgumentError);
    expect(() => new FlowNetwork(3).addArc(0, 5, 1)).toThrow(ArgumentError);
    expect(() => new FlowNetwork(3).addArc(0, 1, -1)).toThrow(ArgumentError);
    expect(() => new FlowNetwork(3).maxFlow(1, 1)).toThrow(ArgumentError);
  });
});
