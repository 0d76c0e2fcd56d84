/**
 * The tidy tree layout of a feeder: x is the distance from the slack in branches, no two buses share a point, no
 * branch crosses a bus, and IEEE-33's main feeder (buses 1–18) is drawn as one straight line.
 */
import fc from "fast-check";
import { createNetwork, ieee33, pathFromSlack, treeLayout, type Network } from "../lib/network";

function checkLayout(net: Network, align: "first" | "center"): void {
  const c = treeLayout(net, { align });
  expect(c.map((p) => p.bus)).toEqual(net.buses.map((b) => b.bus));
  const key = new Set(c.map((p) => `${p.x},${p.y}`));
  expect(key.size).toBe(c.length);
  for (const b of net.branches) {
    const f = c[b.fromBus - 1];
    const t = c[b.toBus - 1];
    expect(t.x).toBe(f.x + 1);
  }
  // subtrees do not interleave: on each column, the rows of the children of one bus form a contiguous
  // block, checked here as the weaker no-crossing property of consecutive columns
  const byX = new Map<number, { y: number; py: number }[]>();
  for (const b of net.branches) {
    const list = byX.get(c[b.toBus - 1].x) ?? [];
    list.push({ y: c[b.toBus - 1].y, py: c[b.fromBus - 1].y });
    byX.set(c[b.toBus - 1].x, list);
  }
  for (const list of byX.values()) {
    for (const a of list) for (const d of list) if (a.y > d.y) expect(a.py).toBeGreaterThanOrEqual(d.py);
  }
}

describe("treeLayout", () => {
  it("draws IEEE-33's main feeder straight with laterals below", () => {
    const net = ieee33();
    const c = treeLayout(net);
    for (const bus of pathFromSlack(net, 18)) expect(c[bus - 1].y).toBe(0);
    expect(c[17].x).toBe(17);
    for (const bus of [19, 22, 23, 25, 26, 33]) expect(c[bus - 1].y).toBeLessThan(0);
    checkLayout(net, "first");
    checkLayout(net, "center");
  });

  it("never overlaps or crosses on random trees", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => fc.integer({ min: 0, max: k })))), (parents) => {
        const n = parents.length + 1;
        const net = createNetwork({
          name: "tree",
          baseMva: 1,
          baseKv: 10,
          slackBus: 1,
          buses: Array.from({ length: n }, (_, k) => ({ bus: k + 1 })),
          branches: parents.map((p, k) => ({ fromBus: p + 1, toBus: k + 2, rPu: 0.01, xPu: 0.01 })),
        });
        checkLayout(net, "first");
        checkLayout(net, "center");
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
