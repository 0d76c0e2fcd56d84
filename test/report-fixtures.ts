/**
 * The tiny 4-bus feeder of planning-fixtures.ts with an EV station (so that the controllable share matters), plus
 * hand-made held-out days and a mean day, for the sweep, out-of-sample and report tests.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evFlexFromFleet, planningReport, withControllableShare } from "../lib";
import type { FleetSession, PlanningCase, PlanningInputs, PlanningReport, ScenarioDay, SweepResult } from "../lib";
import { tinyCase, tinyInputs } from "./planning-fixtures";

/**
 * Two sweeps' plans are the same within their gaps: each lower bound lies below the other's cost (each optimum lies in
 * both brackets), and the costs agree to 2e-5 (the tests' gap tolerance is 1e-5).
 */
export function expectSamePlans(a: SweepResult, b: SweepResult): void {
  a.rows.forEach((w, i) => {
    const c = b.rows[i];
    expect(w.lowerBoundCny).toBeLessThanOrEqual(c.objectiveCny * (1 + 1e-9));
    expect(c.lowerBoundCny).toBeLessThanOrEqual(w.objectiveCny * (1 + 1e-9));
    expect(Math.abs(w.objectiveCny - c.objectiveCny) / c.objectiveCny).toBeLessThan(2e-5);
  });
}

/** 12 EVs at bus 3: 6 commuters charging at home overnight (17–21 h → 7–8 h), 6 at work by day (8–10 h → 16–18 h). */
export function tinyFleet(): FleetSession[] {
  const out: FleetSession[] = [];
  for (let i = 0; i < 6; i++) out.push({ arrivalH: 17 + 0.7 * i, departureH: 31 + 0.2 * i, energyKwh: 12 + 2.5 * i, chargerKw: 7.4, sessionId: `home${i}`, sourceDate: "2019-06-03" });
  for (let i = 0; i < 6; i++) out.push({ arrivalH: 8 + 0.4 * i, departureH: 16 + 0.4 * i, energyKwh: 10 + 3 * i, chargerKw: 7.4, sessionId: `work${i}`, sourceDate: "2019-06-03" });
  return out;
}

/** The tiny case with the EV station at bus 3 and a controllable share. */
export function evCase(controllable = 0.5): PlanningCase {
  const c = tinyCase();
  return { ...c, name: "tiny-ev", ev: { ...c.ev, stations: [{ bus: 3, evCount: 12 }], controllable } };
}

/** A day like tiny S1 (sunny) with PV and load scaled. */
function scaledDay(base: ScenarioDay, id: string, probability: number, pvFactor: number, loadFactor: number, c: PlanningCase): ScenarioDay {
  const evs = evFlexFromFleet(tinyFleet(), { slots: 24, dtH: 1 }, { efficiency: c.ev.efficiency, beyondHorizon: "wrap" });
  return {
    ...base,
    id,
    probability,
    loadPu: base.loadPu.map((u) => u * loadFactor),
    pv: base.pv.map((p) => ({ ...p, availKw: p.availKw.map((kw) => kw * pvFactor) })),
    ev: c.ev.stations.map((s) => ({ bus: s.bus, evs, flexibleIndex: [] })),
  };
}

/** The typical days: sunny (0.6) and cloudy (0.4), with the EV fleet. */
export function evInputs(c: PlanningCase = evCase()): PlanningInputs {
  const tiny = tinyInputs(c);
  const sunny = tiny.scenarios[0];
  // the controllable split drawn as the inputs of a case draw it
  return withControllableShare({ ...tiny, case: c, scenarios: [scaledDay(sunny, "S1", 0.6, 1, 1, c), scaledDay(sunny, "S2", 0.4, 0.35, 1, c)] }, c.ev.controllable);
}

/** Hand-made held-out days: PV from 20 % to 100 % of the sunny day, loads ±8 %, equal probabilities. */
export function evHeldOut(c: PlanningCase = evCase()): PlanningInputs {
  const tiny = tinyInputs(c);
  const sunny = tiny.scenarios[0];
  const days = [
    [0.2, 1.08],
    [0.45, 0.95],
    [0.7, 1.0],
    [0.85, 0.92],
    [1.0, 1.05],
  ].map(([pv, load], i) => scaledDay(sunny, `H${i + 1}`, 1 / 5, pv, load, c));
  return withControllableShare({ ...tiny, case: c, scenarios: days }, c.ev.controllable);
}

/** The mean day of the typical days' PV (0.6 · 1 + 0.4 · 0.35 = 0.74 of the sunny day). */
export function evMeanDay(c: PlanningCase = evCase()): PlanningInputs {
  const tiny = tinyInputs(c);
  return withControllableShare({ ...tiny, case: c, scenarios: [scaledDay(tiny.scenarios[0], "MEAN", 1, 0.74, 1, c)] }, c.ev.controllable);
}

const README = `# Tiny case

| field | value | reason |
|---|---|---|
| \`pv\` | 900 kW | **sunny** <script>alert(1)</script> |

- one item
- two items
`;

/** A report of the tiny feeder (small, fast settings), written beside a case file and README in a temp folder. */
export async function tinyReport(): Promise<{ report: PlanningReport; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evsp-report-"));
  const inputs = evInputs();
  fs.writeFileSync(path.join(dir, "tiny.json"), JSON.stringify(inputs.case, null, 2));
  fs.writeFileSync(path.join(dir, "README.md"), README);
  const report = await planningReport({
    caseFile: path.join(dir, "tiny.json"),
    inputs,
    workers: 0,
    maxIterations: 40,
    gapTol: 1e-5,
    sweep: { values: [0, 0.5, 1], k: 2, maxIterations: 40 },
    outOfSample: { heldOut: evHeldOut(), meanDay: evMeanDay(), dayPlans: { benders: { gapTol: 1e-5, maxIterations: 60 } } },
  });
  return { report, dir };
}

