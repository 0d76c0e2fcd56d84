/**
 * EV flexibility on a grid, hand-checked: partial first/last slots, wrap vs clip past the horizon, a noon start,
 * efficiency, the controllable split, signals and tracking metrics.
 */
import {
  ArgumentError,
  createRng,
  DEFAULT_TOU,
  evFlexFromFleet,
  evFlexFromSession,
  makeEvFlex,
  quantileOf,
  resolveGrid,
  RTS_WINTER_WEEKDAY_PCT,
  signalCost,
  splitControllable,
  touSignal,
  trackingMetrics,
  uncontrolledProfile,
  valleySignal,
} from "../lib";
import type { FleetSession } from "../lib";

const session = (arrivalH: number, departureH: number, energyKwh: number, chargerKw = 7.4): FleetSession => ({
  arrivalH,
  departureH,
  energyKwh,
  chargerKw,
  sessionId: `s${arrivalH}`,
  sourceDate: "2019-01-07",
});

describe("EV flexibility on a grid", () => {
  it("partial first and last slots: average power limit = connected fraction × p̄", () => {
    const ev = evFlexFromSession(session(8.25, 10.5, 5, 4), { slots: 24, dtH: 1 });
    expect(ev.pMaxKw[7]).toBe(0);
    expect(ev.pMaxKw[8]).toBeCloseTo(3, 12); // 0.75 h of slot 8
    expect(ev.pMaxKw[9]).toBeCloseTo(4, 12);
    expect(ev.pMaxKw[10]).toBeCloseTo(2, 12); // half of slot 10
    expect(ev.pMaxKw[11]).toBe(0);
    expect(ev.order).toEqual([8, 9, 10]);
    // deliverable = p̄ × dwell = 4 × 2.25 = 9 kWh ≥ 5: not capped
    expect(ev.eMaxKwh).toBe(5);
    expect(ev.energyCappedKwh).toBe(0);
    // uncontrolled: full power from plug-in: 3 kWh in slot 8, 2 kWh in slot 9
    expect(uncontrolledProfile(ev).slice(7, 12)).toEqual([0, 3, 2, 0, 0]);
  });

  it("15-minute slots: a plug-in at 08:10 takes 1/3 of slot 32", () => {
    const ev = evFlexFromSession(session(8 + 10 / 60, 9, 1, 6), { slots: 96, dtH: 0.25 });
    expect(ev.pMaxKw[32]).toBeCloseTo(2, 12);
    expect(ev.pMaxKw.slice(33, 36)).toEqual([6, 6, 6]);
    expect(ev.pMaxKw[36]).toBe(0);
  });

  it("overnight session: wrapped onto the morning of a cyclic day, clipped at midnight, or kept whole from noon", () => {
    const s = session(18.5, 31, 30, 3.6); // 18:30 → 07:00 next day
    const wrap = evFlexFromSession(s, { slots: 24, dtH: 1 }, { beyondHorizon: "wrap" });
    expect(wrap.pMaxKw[18]).toBeCloseTo(1.8, 12);
    expect(wrap.pMaxKw.slice(19, 24)).toEqual([3.6, 3.6, 3.6, 3.6, 3.6]);
    expect(wrap.pMaxKw.slice(0, 7)).toEqual(new Array(7).fill(3.6));
    expect(wrap.pMaxKw[7]).toBe(0);
    expect(wrap.order).toEqual([18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6]);
    expect(wrap.eMaxKwh).toBe(30); // 12.5 h × 3.6 = 45 kWh deliverable
    const clip = evFlexFromSession(s, { slots: 24, dtH: 1 }, { beyondHorizon: "clip" });
    expect(clip.pMaxKw.slice(0, 18).every((p) => p === 0)).toBe(true);
    expect(clip.eMaxKwh).toBeCloseTo(5.5 * 3.6, 12);
    expect(clip.energyCappedKwh).toBeCloseTo(30 - 19.8, 12);
    const noon = evFlexFromSession(s, { slots: 24, dtH: 1, startH: 12 });
    expect(noon.pMaxKw[6]).toBeCloseTo(1.8, 12); // 18:30 is slot 6 from noon
    expect(noon.pMaxKw.slice(7, 19)).toEqual(new Array(12).fill(3.6));
    expect(noon.pMaxKw[19]).toBe(0);
    expect(noon.order[0]).toBe(6);
    // a morning plug-in belongs to the next calendar day of a noon-to-noon horizon
    const morning = evFlexFromSession(session(7, 9, 2, 2), { slots: 24, dtH: 1, startH: 12 });
    expect(morning.arrivalH).toBe(31);
    expect(morning.pMaxKw.slice(19, 21)).toEqual([2, 2]);
  });

  it("efficiency raises the grid-side energy; a minimum share makes a range", () => {
    const [ev] = evFlexFromFleet([session(0, 10, 9, 2)], { slots: 24, dtH: 1 }, { efficiency: 0.9, minEnergyShare: 0.5 });
    expect(ev.eMaxKwh).toBeCloseTo(10, 12);
    expect(ev.eMinKwh).toBeCloseTo(5, 12);
  });

  it("rejects bad input with typed errors", () => {
    expect(() => evFlexFromSession(session(5, 4, 1), { slots: 24, dtH: 1 })).toThrow(ArgumentError);
    expect(() => evFlexFromSession(session(5, 6, -1), { slots: 24, dtH: 1 })).toThrow(ArgumentError);
    expect(() => evFlexFromSession(session(5, 6, 1, 0), { slots: 24, dtH: 1 })).toThrow(ArgumentError);
    expect(() => evFlexFromSession(session(5, 6, 1), { slots: 24, dtH: 1 }, { efficiency: 1.2 })).toThrow(ArgumentError);
    expect(() => resolveGrid({ slots: 0, dtH: 1 })).toThrow(ArgumentError);
    expect(() => makeEvFlex({ grid: { slots: 2, dtH: 1 }, pMaxKw: [1, 1], eMaxKwh: 1, eMinKwh: 3 })).toThrow(ArgumentError);
  });
});

describe("controllable share", () => {
  const evs = Array.from({ length: 10 }, (_, i) => makeEvFlex({ id: `e${i}`, grid: { slots: 4, dtH: 1 }, pMaxKw: [1, 1, 1, 1], eMaxKwh: 1 + (i % 3) }));

  it("draws round(α·N) flexible EVs, reproducibly, and sums the others' uncontrolled profiles", () => {
    const a = splitControllable(evs, 0.34, createRng(3));
    const b = splitControllable(evs, 0.34, createRng(3));
    expect(a.flexible.length).toBe(3);
    expect(a.flexibleIndex).toEqual(b.flexibleIndex);
    expect(a.uncontrolled.length).toBe(7);
    const expected = [0, 0, 0, 0];
    for (const ev of a.uncontrolled) for (let t = 0; t < ev.eMaxKwh; t++) expected[t] += 1;
    expect(a.uncontrolledKw).toEqual(expected);
    expect(splitControllable(evs, 0, createRng(1)).flexible).toEqual([]);
    expect(splitControllable(evs, 1, createRng(1)).uncontrolled).toEqual([]);
    expect(() => splitControllable(evs, 1.5, createRng(1))).toThrow(ArgumentError);
  });
});

describe("signals and metrics", () => {
  it("prices each slot at its clock hour; the valley base follows the RTS shape from the start hour", () => {
    const noon = resolveGrid({ slots: 24, dtH: 1, startH: 12 });
    const tou = touSignal(noon);
    if (tou.kind !== "price") throw new Error("price expected");
    expect(tou.pricePerKwh[0]).toBe(0.6); // 12:00 flat
    expect(tou.pricePerKwh[6]).toBe(1.0); // 18:00 peak
    expect(tou.pricePerKwh[14]).toBe(0.3); // 02:00 valley
    expect(tou.pricePerKwh[21]).toBe(1.0); // 09:00 peak
    expect(DEFAULT_TOU.bands.reduce((a, b) => a + b.toH - b.fromH, 0)).toBe(24);
    const v = valleySignal(noon, 100);
    if (v.kind !== "valley") throw new Error("valley expected");
    expect(v.baseKw[0]).toBeCloseTo(RTS_WINTER_WEEKDAY_PCT[12], 12);
    expect(v.baseKw[12]).toBeCloseTo(67, 12);
    expect(signalCost(tou, new Array(24).fill(1), 1)).toBeCloseTo(8 * 0.3 + 8 * 1.0 + 8 * 0.6, 12);
    expect(signalCost({ kind: "valley", baseKw: [1, 2] }, [1, 0], 0.5)).toBeCloseTo(0.5 * 4 + 0.5 * 4, 12);
  });

  it("tracking metrics and quantiles by hand", () => {
    const m = trackingMetrics([2, 2, 2, 2], [[1, 2, 3, 2]]);
    expect(m.mseKw2).toBeCloseTo(0.5, 12);
    expect(m.nrmse).toBeCloseTo(Math.sqrt(0.5) / 2, 12);
    expect(m.maxAbsKw).toBe(1);
    expect(quantileOf([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantileOf([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12);
  });
});
