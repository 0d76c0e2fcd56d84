/**
 * The controllable split is a data decision of the planning inputs (issue 20, item 2): drawn once per day and
 * station when the inputs are assembled, re-drawn for another share by withControllableShare exactly as assembling
 * at that share would, the one every model of the day uses — and a model built on inputs drawn at another share
 * than its case's is refused.
 */
import { describe, expect, it } from "vitest";
import { addEvStation, BusInjections, buildSubproblem, Model, planningInputs, planningNetwork, readPlanningCase, withControllableShare } from "../lib";
import { evStationRng } from "../lib/model/planning/inputs";
import { ArgumentError, DataValidationError } from "../lib/util/errors";

describe("the controllable split of the planning inputs", () => {
  const paper = readPlanningCase();
  const at = (share: number) => planningInputs({ ...paper, ev: { ...paper.ev, controllable: share } }, { k: 2 });
  const half = at(0.5);

  it("holds round(α·N) flexible EVs per station and day, the ones the station's own random source draws", () => {
    const n = half.scenarios.flatMap((s) => s.ev.map((st) => st.evs.length));
    expect(Math.min(...n)).toBeGreaterThan(10);
    for (const s of half.scenarios) {
      s.ev.forEach((st, j) => {
        expect(st.flexibleIndex).toHaveLength(Math.round(0.5 * st.evs.length));
        // the draw addEvStation makes from a share and that random source: the split each build used to draw
        const drawn = addEvStation(new Model("m"), new BusInjections(), { name: "ev", bus: st.bus, hours: s.loadPu.map((_, t) => t), baseKva: 1000, evs: st.evs, model: "envelope", controllable: 0.5, rng: evStationRng(half.case, s.id, j) });
        expect(st.flexibleIndex).toEqual(drawn.flexibleIndex);
      });
    }
  });

  it("withControllableShare re-draws it as assembling the inputs at that share does", () => {
    for (const [from, to] of [[0.8, 0.5], [0.5, 0], [0, 1], [0.2, 0.8]]) expect(withControllableShare(at(from), to)).toEqual(at(to));
    const none = withControllableShare(half, 0);
    expect(none.scenarios.every((s) => s.ev.every((st) => st.flexibleIndex.length === 0))).toBe(true);
    expect(() => withControllableShare(half, 1.5)).toThrow(DataValidationError);
  });

  it("the day's model uses the inputs' split, and refuses inputs drawn at another share than its case's", () => {
    const net = planningNetwork(half);
    const s = half.scenarios[0];
    const sub = buildSubproblem(net, half.case, s);
    sub.day.ev.forEach((st, j) => expect(st.flexibleIndex).toEqual(s.ev[j].flexibleIndex));
    const stale = { ...half.case, ev: { ...half.case.ev, controllable: 0.8 } };
    expect(() => buildSubproblem(net, stale, s)).toThrow(ArgumentError);
    expect(() => buildSubproblem(net, stale, s)).toThrow(/drawn at another share.*withControllableShare/);
  });
});
