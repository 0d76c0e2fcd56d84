/**
 * Network figures: the one-line diagram draws every branch once and every bus at its layout position; the profile,
 * loading and heatmap figures carry the result values they are given.
 */
import { ieee33, netLoadSeries, powerFlow, powerFlowSweep, treeLayout, withLineRatings } from "../lib/network";
import { branchLoadingChart, feederDiagram, voltageHeatmap, voltageProfile } from "../lib/plot";

type Trace = { name?: string; x: (number | null | string)[]; y: (number | null)[]; z?: number[][]; marker?: { color?: unknown } };

describe("network figures", () => {
  const net = ieee33();
  const pf = powerFlow(net);

  it("one-line diagram: 32 branch segments, 5 dashed tie lines, 33 buses at the tree layout", () => {
    const fig = feederDiagram(net, { busValues: pf.buses.map((b) => b.vPu), highlight: { buses: [16, 21], label: "storage" } });
    const [lines, ties, buses, ring] = fig.data as unknown as Trace[];
    expect(lines.x.filter((v) => v === null).length).toBe(32);
    expect(ties.x.filter((v) => v === null).length).toBe(5);
    const xy = treeLayout(net);
    expect(buses.x).toEqual(xy.map((c) => c.x));
    expect(buses.y).toEqual(xy.map((c) => c.y));
    expect(buses.marker?.color).toEqual(pf.buses.map((b) => b.vPu));
    expect(ring.x).toEqual([xy[15].x, xy[20].x]);
    expect(() => feederDiagram(net, { busValues: [1, 2] })).toThrow(/33/);
  });

  it("voltage profile, branch loading and heatmap carry the values", () => {
    const prof = voltageProfile(pf, { vMinPu: 0.95 }).data[0] as unknown as Trace;
    expect(prof.y[17]).toBe(pf.vMinPu);
    expect(prof.x[17]).toBe(18);
    const unrated = branchLoadingChart(pf).data[0] as unknown as Trace;
    expect(unrated.y[0]).toBeCloseTo(Math.hypot(pf.branches[0].pFromKw, pf.branches[0].qFromKvar), 9);
    const rated = branchLoadingChart(powerFlow(withLineRatings(net, { kind: "uniform", kva: 2000 }))).data[0] as unknown as Trace;
    expect(rated.y[0]).toBeCloseTo((100 * Math.hypot(pf.branches[0].pFromKw, pf.branches[0].qFromKvar)) / 2000, 9);
    expect(rated.y.length).toBe(32);
    const s = powerFlowSweep(net, netLoadSeries(net, { loadScale: [0.5, 1] }));
    const heat = voltageHeatmap(s).data[0] as unknown as Trace;
    expect(heat.z?.length).toBe(33);
    expect(heat.z?.[17][1]).toBe(pf.vMinPu);
  });
});
