/**
 * Planning on the 69-bus feeder (data/cases/ieee69-pv-ev.json): the case reads and validates against IEEE-69, and a
 * plan on two typical days is verified as the paper case's plans are — tight cones, no energy burnt, the AC power flow
 * agreeing with every day's dispatch, and the objective equal to the annual cost recomputed from the days.
 */
import { describe, expect, it } from "vitest";
import { casePath, evaluateBase, loadNetwork, planningInputs, readPlanningCase, runPlan } from "../lib";
import { expectVerifiedPlan } from "./plan-checks";

describe("the IEEE-69 planning case", () => {
  const c = readPlanningCase(casePath("ieee69-pv-ev"));

  it("is on IEEE-69, with every PV, EV and candidate bus a bus of that feeder, 4460 kW of PV", () => {
    const net = loadNetwork(c.network.case);
    expect(net.buses).toHaveLength(69);
    const buses = new Set(net.buses.map((b) => b.bus));
    for (const b of [...c.pv.map((p) => p.bus), ...c.ev.stations.map((s) => s.bus), ...c.storage.candidates]) expect(buses.has(b)).toBe(true);
    expect(c.pv.reduce((a, p) => a + p.capacityKw, 0)).toBe(4460);
  });

  it("plans on two typical days, verified: cones tight, no energy burnt, AC agreement, objective from the days", async () => {
    const inputs = planningInputs(c, { k: 2 });
    // Without HighsSession.run's fallbacks the base case's first day (S1) ends in a HiGHS error (S4 of K = 8 too).
    const base = await evaluateBase(inputs, 0);
    expect(base).toHaveLength(2);
    const run = await runPlan(c, { inputs, workers: 0, base });
    expect(run.gapPct).toBeLessThanOrEqual(0.1);
    expectVerifiedPlan(run);
  }, 180_000);
});
