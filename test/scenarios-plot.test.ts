/**
 * Scenario figures read results only: the traces hold exactly the numbers they are given.
 */
import { kSweep } from "../lib/scenarios/choose-k";
import type { DayMatrix, DayType } from "../lib/scenarios/daily-profiles";
import { distanceMatrix } from "../lib/scenarios/distance";
import { dayVectors, toPerUnit } from "../lib/scenarios/normalise";
import { reproductionStats } from "../lib/scenarios/reproduction";
import { buildScenarioSet } from "../lib/scenarios/scenario-set";
import { typicalDays } from "../lib/scenarios/typical-days";
import { clusterProfilesFigure, dayHourHeatmap, kSweepFigure, probabilitiesFigure, reproductionFigure, scenarioSetFigure } from "../lib/plot/scenarios";
import { ArgumentError } from "../lib/util/errors";

function matrix(quantity: string, f: (d: number, h: number) => number): DayMatrix {
  const dates = Array.from({ length: 14 }, (_, d) => new Date(Date.UTC(2019, 0, 7 + d)).toISOString().slice(0, 10));
  const dayTypes = dates.map((_, d): DayType => (d % 7 >= 5 ? "weekend" : "weekday"));
  return { quantity, unit: "MW", dayBasis: "local", timeZone: "Europe/Paris", dates, dayTypes, values: dates.map((_, d) => Array.from({ length: 24 }, (_, h) => f(d, h))), report: {} as DayMatrix["report"] };
}

describe("scenario figures", () => {
  const pv = matrix("pvMw", (d, h) => Math.max(0, Math.sin(((h - 6) / 12) * Math.PI)) * (d % 3 === 0 ? 1 : 3));
  const load = matrix("loadMw", (d, h) => 50 + (d % 7 >= 5 ? 0 : 10) + 5 * Math.cos((h / 24) * 2 * Math.PI));
  const pvPu = toPerUnit(pv);
  const loadPu = toPerUnit(load);
  const v = dayVectors([pvPu.matrix, loadPu.matrix]);
  const typ = typicalDays(v, { k: 3, method: "pam" });

  it("heatmap: z is the matrix, y the dates", () => {
    const fig = dayHourHeatmap(pv);
    const t = fig.data[0] as { z: number[][]; y: string[]; x: number[] };
    expect(t.z).toEqual(pv.values);
    expect(t.y).toEqual(pv.dates);
    expect(t.x).toHaveLength(24);
  });

  it("K sweep: loss and silhouette traces, elbow and best-silhouette markers", () => {
    const sweep = kSweep(distanceMatrix(v.vectors), { ks: [2, 3, 4, 5], method: "pam" });
    const fig = kSweepFigure(sweep);
    expect((fig.data[0] as { y: number[] }).y).toEqual(sweep.rows.map((r) => r.loss));
    expect((fig.data[1] as { y: number[] }).y).toEqual(sweep.rows.map((r) => r.silhouette));
    expect((fig.data[2] as { x: number[] }).x).toEqual([sweep.elbowK]);
    expect((fig.data[3] as { x: number[] }).x).toEqual([sweep.silhouetteK]);
  });

  it("clusters: one panel per typical day, members in grey, medoid on top", () => {
    const fig = clusterProfilesFigure(pv, typ);
    expect(fig.data).toHaveLength(2 * typ.k);
    for (let c = 0; c < typ.k; c++) {
      const members = (fig.data[2 * c] as { y: (number | null)[] }).y.filter((x) => x === null).length;
      expect(members).toBe(typ.clusterSizes[c]);
      expect((fig.data[2 * c + 1] as { y: number[] }).y).toEqual(pv.values[typ.medoids[c]]);
    }
    expect(() => clusterProfilesFigure({ ...pv, dates: pv.dates.slice(1) }, typ)).toThrow(ArgumentError);
  });

  it("probabilities, reproduction and the scenario set", () => {
    const bars = probabilitiesFigure(typ);
    const all = bars.data.flatMap((t) => (t as { y: number[] }).y);
    expect(all.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const rows = reproductionStats(pv, load, typ);
    expect((reproductionFigure(rows).data[0] as { y: number[] }).y).toEqual(rows.map((r) => 100 * r.relativeError));
    const set = buildScenarioSet({ typical: typ, pv: pvPu, load: loadPu, source: { pv: "a", load: "b", year: 2019, synthetic: true }, daysDropped: 0 });
    const fig = scenarioSetFigure(set);
    expect(fig.data).toHaveLength(2 * set.scenarios.length);
    expect((fig.data[1] as { y: number[] }).y).toEqual(set.scenarios[0].loadPu);
  });
});
