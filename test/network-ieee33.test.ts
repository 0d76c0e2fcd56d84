/**
 * The IEEE 33-bus feeder as loaded from data/networks/case33bw.m, checked against the figures published by
 * Baran & Wu (1989): 33 buses, 32 in-service branches + 5 tie lines, 12.66 kV, total load 3715 kW + 2300 kVAr.
 */
import { ieee33, loadNetwork, radialIndex, totalLoad, zBaseOhm } from "../lib/network";

describe("IEEE 33-bus (case33bw)", () => {
  const net = ieee33();

  it("has the published size, bases and total load", () => {
    expect(net.buses.length).toBe(33);
    expect(net.branches.length).toBe(32);
    expect(net.openBranches.length).toBe(5);
    expect(net.baseKv).toBe(12.66);
    expect(net.baseMva).toBe(10);
    expect(net.slackBus).toBe(1);
    const t = totalLoad(net);
    expect(t.pKw).toBeCloseTo(3715, 9);
    expect(t.qKvar).toBeCloseTo(2300, 9);
  });

  it("keeps impedances in ohm as published and per unit on 12.66 kV / 10 MVA", () => {
    const b5 = net.branches[4]; // 5–6: 0.8190 + j0.7070 ohm in Baran & Wu's table
    expect([b5.fromBus, b5.toBus]).toEqual([5, 6]);
    expect(b5.rOhm).toBeCloseTo(0.819, 12);
    expect(b5.xOhm).toBeCloseTo(0.707, 12);
    expect(b5.rPu).toBeCloseTo(0.819 / ((12.66 * 12.66) / 10), 15);
    expect(zBaseOhm(net)).toBeCloseTo(16.02756, 12);
  });

  it("lists the five tie lines as open branches 33…37", () => {
    expect(net.openBranches.map((b) => [b.id, b.fromBus, b.toBus])).toEqual([
      [33, 21, 8],
      [34, 9, 15],
      [35, 12, 22],
      [36, 18, 33],
      [37, 25, 29],
    ]);
  });

  it("has a radial index whose parents point towards bus 1", () => {
    const ri = radialIndex(net);
    expect(ri.parentBus[0]).toBe(-1);
    expect(ri.parentBus[17]).toBe(16); // bus 18's parent is bus 17
    expect(ri.parentBus[18]).toBe(1); // bus 19's parent is bus 2
    expect(ri.parentBus[25]).toBe(5); // bus 26's parent is bus 6
    expect(ri.depth[17]).toBe(17);
    const seen = new Set<number>();
    for (const k of ri.order) {
      if (k !== ri.slack) expect(seen.has(ri.parentBus[k])).toBe(true);
      seen.add(k);
    }
    expect(radialIndex(net)).toBe(ri); // cached
  });

  it("loads the same case by name, case-insensitively", () => {
    expect(loadNetwork("IEEE33").branches).toEqual(net.branches);
  });
});
